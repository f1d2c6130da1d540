"""The CSV header row: what each header cell means under a profile (a profile column, or an
unknown column kept verbatim), with empty, repeated and absent key columns reported and
profile defaults and fallbacks planned."""

from __future__ import annotations

from dataclasses import dataclass

from ...report import LossReport
from .profile import Column, Profile, norm

FORMAT = "csv"


@dataclass
class HeaderPlan:
    """What each header cell means: a profile column, or an unknown column kept verbatim."""

    headers: list[str]
    targets: list[Column | None]
    keep: list[bool]
    """False for an empty header cell or a repeated column (its cells are reported)."""
    key_present: bool
    absent_defaults: list[Column]
    fallbacks: list[Column]


def plan_header(
    profile: Profile, headers: list[str], report: LossReport, defaults: bool = True
) -> HeaderPlan:
    targets: list[Column | None] = []
    keep: list[bool] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(headers, 1):
        h = raw.replace("\ufeff", "").strip()
        col = profile.column_for(h) if h else None
        ident = col.name if col else norm(h)
        if not h:
            report.add(
                "source-schema-violation",
                f"header cell {i} is empty; its column's cells are reported where they hold "
                "a value",
                source_path=f"row 1, column {i}",
                source_format=FORMAT,
            )
            targets.append(None)
            keep.append(False)
            continue
        if ident in seen:
            report.add(
                "source-schema-violation",
                f"column {h!r} repeats column {seen[ident]} ({col.name if col else h!r}); the "
                "first one is read, values of this one are reported",
                source_path=f"row 1, column {i}",
                source_format=FORMAT,
                value=h,
            )
            targets.append(None)
            keep.append(False)
            continue
        seen[ident] = i
        targets.append(col)
        keep.append(True)
        if col is None:
            report.add(
                "unmapped-source-field",
                f"column {h!r} is not in profile {profile.name}; its cells are kept as "
                "extensions (reported once, here)",
                source_path=f"row 1, column {i}",
                source_format=FORMAT,
                value=h,
            )
    present = {c.name for c in targets if c}
    key_present = all(k in present for k in profile.key) and bool(profile.key)
    if profile.key and not key_present:
        report.add(
            "source-schema-violation",
            f"the key column(s) {', '.join(profile.key)} are absent: the whole file is read "
            "as one learner's record",
            source_path="row 1",
            source_format=FORMAT,
        )
    absent = [
        c for c in profile.columns if defaults and c.default is not None and c.name not in present
    ]
    for c in absent:
        report.add(
            "value-synthesized",
            f"column {c.name!r} is absent; every row reads {c.default!r} (profile default)",
            source_path="row 1",
            source_format=FORMAT,
            value=c.default,
        )
    fallbacks = [c for c in profile.columns if defaults and c.fallback and c.fallback in present]
    return HeaderPlan(headers, targets, keep, key_present, absent, fallbacks)
