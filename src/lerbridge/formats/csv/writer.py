"""CSV syntax out: a record written through a writable profile (the transcript layout by
default), one row per award, the profile's columns in their declared order (stable), then
any columns kept from a CSV source. Cells a spreadsheet would run as a formula are
neutralized and reported."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext, write_object
from ...model import LearnerRecord
from ...model.transcript import GPA, result_type
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import lookups
from ..skills import without_derived
from .profile import DEFAULT_PROFILE, Profile, load_profile

FORMAT = "csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralize(cell: str) -> str | None:
    """The cell with a leading apostrophe when a spreadsheet would read it as a formula
    (OWASP CSV injection; CWE-1236), or None when it is safe. Numbers such as -1.5 stay."""
    if cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return None


def _cell(value: Any, sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return sep.join(_cell(v, sep) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        import orjson

        return orjson.dumps(value).decode("utf-8")
    return str(value)


def to_rows(
    record: LearnerRecord, profile: Profile, report: LossReport, language: str | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (column -> text, not yet neutralized) of one record."""
    mapping = profile.mapping
    record = without_derived(record)  # a row's achievement holds them (or reports their loss)
    gpas: dict[int, str] = {}
    if "GPA" in profile.by_name:
        record, gpas = split_gpa(record, report)
    ctx = WriteContext(mapping, report, lookups(record), language)
    native = write_object(mapping.objects[mapping.root_object], record, "", ctx)
    student = native.get("student", {})
    sep = profile.separator
    base = {k: _cell(v, sep) for k, v in student.items()}
    rows = []
    for i, item in enumerate(native.get("rows", []) or [{}]):
        row = dict(base)
        for k, v in item.items():
            if isinstance(v, dict) and k not in profile.by_name:
                row.update({kk: _cell(vv, sep) for kk, vv in v.items()})
            else:
                row[k] = _cell(v, sep)
        if i in gpas:
            row["GPA"] = gpas[i]
        rows.append(row)
    header = [c.name for c in profile.columns]
    seen = set(header)
    for row in rows:
        for k in row:
            if k not in seen:
                seen.add(k)
                header.append(k)
    return header, rows


def split_gpa(record: LearnerRecord, report: LossReport) -> tuple[LearnerRecord, dict[int, str]]:
    """The record without its GradePointAverage results, and each award's GPA by award
    index (one row per award). Done here, not by a mapping rule, because a GPA is a result
    whose *ResultDescription* (on the achievement) has resultType GradePointAverage, and a
    rule's ``with`` compares only the result's own fields. Taking the GPA results out also
    keeps them from the Grade column."""
    gpas: dict[int, str] = {}
    awards = []
    changed_any = False
    for i, award in enumerate(record.awards):
        ach = record.achievement(award.achievement_id)
        keep = []
        for res in award.results:
            if result_type(ach, res) == GPA:
                if res.value is not None and i in gpas:
                    report.add(
                        "no-target-field",
                        "one GPA per row; this result dropped",
                        canonical_path=f"awards[{i}].results",
                        target_format=FORMAT,
                        value=str(res.value),
                    )
                elif res.value is not None:
                    gpas[i] = str(res.value)
                continue
            keep.append(res)
        changed = len(keep) != len(award.results)
        changed_any |= changed
        awards.append(award.model_copy(update={"results": keep}) if changed else award)
    if not changed_any:
        return record, gpas
    return record.model_copy(update={"awards": awards}), gpas


def render(
    header: list[str], rows: list[dict[str, str]], report: LossReport, first_row: int = 2
) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([neutralize(h) or h for h in header])
    for i, row in enumerate(rows):
        w.writerow(guard_row(header, row, report, first_row + i))
    return buf.getvalue().encode("utf-8")


def guard_row(header: list[str], row: dict[str, str], report: LossReport, number: int) -> list[str]:
    out = []
    for col in header:
        text = row.get(col, "")
        safe = neutralize(text) if text else None
        if safe is not None:
            report.add(
                "cell-neutralized",
                f"row {number}, column {col}: starts with {text[:1]!r}; written with a leading "
                "apostrophe so spreadsheets show it as text (the record keeps the original)",
                target_format=FORMAT,
                value=text,
            )
            text = safe
        out.append(text)
    return out


def writable_profile(ref: Any) -> Profile:
    profile = load_profile(ref or DEFAULT_PROFILE)
    if not profile.writable:
        raise WriteError(
            f"CSV profile {profile.name!r} is read-only (its csv section does not say "
            "'writable: true'); write with the csv-transcript layout or your own profile"
        )
    return profile


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    profile = writable_profile(opts.mapping)
    header, rows = to_rows(record, profile, report, opts.language)
    ident = (
        record.person.identifiers[0].value if record.person and record.person.identifiers else None
    )
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(ident or "")).strip("-.")[-40:]
    return [Document(render(header, rows, report), f"{tail or 'transcript'}.csv", "text/csv")]
