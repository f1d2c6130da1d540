"""The loss report: every value dropped, approximated, synthesized or coerced, as data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Severity = Literal["info", "warning", "error"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

#: The stable list of loss codes: code -> (default severity, meaning). Documented in README.
CODES: dict[str, tuple[Severity, str]] = {
    "unmapped-source-field": (
        "info",
        "a source field no canonical field holds; kept as an extension for the same format",
    ),
    "no-target-field": ("warning", "a value the target format has no place for; dropped"),
    "language-dropped": ("warning", "a language variant dropped: the target takes one language"),
    "precision-lost": ("warning", "a date or number written with less precision than it had"),
    "enum-approximated": ("warning", "a code mapped to the nearest value of the target's list"),
    "value-coerced": ("warning", "a value changed type or form to fit (e.g. number to string)"),
    "value-synthesized": ("warning", "a required target value filled from a default or minted"),
    "proof-invalidated": ("warning", "a signature no longer covers the output; proof dropped"),
    "proof-replaced": ("info", "a source proof dropped and the output re-signed (convert --sign)"),
    "source-schema-violation": ("warning", "the source breaks its own schema; read leniently"),
    "cell-neutralized": ("warning", "a CSV cell prefixed so spreadsheets do not run it"),
    "row-skipped": ("warning", "a CSV row that holds no record data (footer, pseudo-row); skipped"),
    "profile-detected": ("info", "the CSV profile chosen from the header"),
    "duplicate-key": ("warning", "a JSON object repeats a key; the last value was used"),
    "unverified-signature": ("info", "a signed envelope decoded without checking the signature"),
    "dialect-upgraded": ("info", "an older dialect of the format read and written as the current"),
    "unknown-context": (
        "warning",
        "a JSON-LD context that is not among the official ones known; never fetched",
    ),
    "text-flagged": (
        "info",
        "text with invisible or direction-changing characters (U+200B, U+202E...), kept as is",
    ),
    "unresolved-reference": ("warning", "an id that points at nothing in the document"),
    "alignment-unresolved": (
        "warning",
        "an alignment to a framework item matches no item of the frameworks given",
    ),
    "id-conflict": ("warning", "one id names different content; each kept as written, not merged"),
    "not-validated": (
        "warning",
        "the official schema a check needs is not installed (see LERBRIDGE_SPECS): the input or "
        "output was not checked against it",
    ),
    "value-supplied": (
        "info",
        "a value the source lacks, supplied by the user (--set, --set-file, set=)",
    ),
    "target-schema-violation": (
        "error",
        "the output misses a requirement of the target (a publishing minimum, a registry schema "
        "rule, a malformed identifier kept as is)",
    ),
    "skill-unreferenced": (
        "info",
        "a skill that names no framework item; kept apart, merged with none",
    ),
    "evidence-unresolved": ("warning", "a skill's evidence names no credential among the inputs"),
    "skill-name-match": ("info", "skills with the same name kept apart; merging them is suggested"),
    "several-people": ("warning", "the inputs of one skills profile name more than one person"),
}


@dataclass(frozen=True, slots=True)
class LossEntry:
    code: str
    severity: Severity
    message: str
    source_path: str | None = None
    canonical_path: str | None = None
    target_format: str | None = None
    source_format: str | None = None
    excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def pretty(self) -> str:
        where = self.source_path or self.canonical_path or ""
        loc = f" at {where}" if where else ""
        ex = f" [{self.excerpt}]" if self.excerpt else ""
        return f"{self.severity.upper():7} {self.code}{loc}: {self.message}{ex}"


#: Identifier schemes whose values no report prints (a PESC SSN or partial SSN).
SENSITIVE_SCHEMES = frozenset({"SSN", "PartialSSN"})
REDACTED = "[redacted]"


def excerpt(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class LossReport:
    """An ordered list of :class:`LossEntry`. One per conversion; not shared between threads."""

    entries: list[LossEntry] = field(default_factory=list)

    def add(
        self,
        code: str,
        message: str,
        *,
        severity: Severity | None = None,
        source_path: str | None = None,
        canonical_path: str | None = None,
        target_format: str | None = None,
        source_format: str | None = None,
        value: Any = None,
    ) -> LossEntry:
        if code not in CODES:
            raise ValueError(f"unknown loss code {code!r}")
        entry = LossEntry(
            code=code,
            severity=severity or CODES[code][0],
            message=message,
            source_path=source_path,
            canonical_path=canonical_path,
            target_format=target_format,
            source_format=source_format,
            excerpt=None if value is None else excerpt(value),
        )
        self.entries.append(entry)
        return entry

    def extend(self, other: LossReport) -> None:
        self.entries.extend(other.entries)

    def redact(self, secrets: Iterable[str]) -> None:
        """Blank every excerpt and message that shows one of ``secrets`` (identifier values
        of a :data:`SENSITIVE_SCHEMES` scheme)."""
        found = tuple(s for s in secrets if s)
        if not found:
            return
        for i, e in enumerate(self.entries):
            if any(s in (e.excerpt or "") or s in e.message for s in found):
                message = e.message
                for s in found:
                    message = message.replace(s, REDACTED)
                self.entries[i] = replace(
                    e, message=message, excerpt=REDACTED if e.excerpt else None
                )

    def __iter__(self) -> Iterator[LossEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def codes(self) -> list[str]:
        return [e.code for e in self.entries]

    def by_code(self, code: str) -> list[LossEntry]:
        return [e for e in self.entries if e.code == code]

    def at_least(self, level: Severity) -> list[LossEntry]:
        rank = SEVERITY_RANK[level]
        return [e for e in self.entries if SEVERITY_RANK[e.severity] >= rank]

    def to_dict(self) -> dict[str, Any]:
        counts = Counter(e.severity for e in self.entries)
        return {
            "summary": {s: counts.get(s, 0) for s in ("error", "warning", "info")},
            "entries": [e.to_dict() for e in self.entries],
        }

    def summary(self) -> str:
        if not self.entries:
            return "no losses"
        counts = Counter(e.code for e in self.entries)
        sev = Counter(e.severity for e in self.entries)
        head = ", ".join(f"{sev[s]} {s}" for s in ("error", "warning", "info") if sev.get(s))
        lines = [f"loss report: {head}"]
        lines += [f"  {n:4d} x {code}" for code, n in sorted(counts.items())]
        return "\n".join(lines)
