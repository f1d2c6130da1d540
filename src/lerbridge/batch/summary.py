"""The tally of a batch: converted, lossy, failed and skipped, by source format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .runner import Outcome

__all__ = ["Tally"]


@dataclass
class Tally:
    total: int = 0
    skipped: int = 0
    interrupted: bool = False
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        row = self.rows.setdefault(
            outcome.source_format or "unknown", {"converted": 0, "lossy": 0, "failed": 0}
        )
        if outcome.ok:
            row["converted"] += 1
            row["lossy"] += outcome.lossy
        else:
            row["failed"] += 1

    def _sum(self, key: str) -> int:
        return sum(r[key] for r in self.rows.values())

    @property
    def converted(self) -> int:
        return self._sum("converted")

    @property
    def failed(self) -> int:
        return self._sum("failed")

    @property
    def done(self) -> int:
        return self.converted + self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "converted": self.converted,
            "lossy": self._sum("lossy"),
            "failed": self.failed,
            "skipped": self.skipped,
            "not_done": self.total - self.done - self.skipped,
            "interrupted": self.interrupted,
            "by_source_format": {k: dict(v) for k, v in sorted(self.rows.items())},
        }

    def table(self) -> str:
        """A plain-text table, one row per source format and a total."""
        head = ("source format", "converted", "lossy", "failed")
        body = [
            (k, str(v["converted"]), str(v["lossy"]), str(v["failed"]))
            for k, v in sorted(self.rows.items())
        ]
        body.append(("total", str(self.converted), str(self._sum("lossy")), str(self.failed)))
        widths = [max(len(r[i]) for r in [head, *body]) for i in range(4)]
        lines = [
            "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))
            for r in [head, *body]
        ]
        extra = []
        if self.skipped:
            extra.append(f"{self.skipped} skipped (output exists)")
        if self.total - self.done - self.skipped:
            extra.append(f"{self.total - self.done - self.skipped} not done (interrupted)")
        return "\n".join(lines + extra)
