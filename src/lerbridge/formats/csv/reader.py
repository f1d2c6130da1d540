"""CSV syntax in: decode (UTF-8 with or without BOM, cp1252 fallback), sniff the delimiter,
parse rows, match headers through the profile's aliases, skip non-data rows, group rows by
the profile's key, and hand the mapping engine one native tree per learner:
``{"student": {column: value}, "rows": [{column: value, group: {column: value}}]}``.

Rows stream: :func:`iter_records` holds one learner's rows at a time when the file is
sorted by the key, and partitions an unsorted file through temporary files."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import os
import re
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ...errors import ReadError
from ...mapping.engine import ReadContext, read_object
from ...model import Achievement, LearnerRecord, Provenance
from ...report import LossReport
from .profile import Column, Profile, choose, load_profile, norm

FORMAT = "csv"
MAX_LINE_CHARS = 1 << 20
"""A physical line longer than this (1 Mi characters) is refused; the csv module's own
per-field limit (131072) is left as the process has it: lerbridge never changes it."""
MAX_JOIN_BYTES = 256 << 20
DELIMITERS = (",", ";", "\t")
_ROWS = re.compile(r"^/rows/(\d+)(?:/(.*))?$")
_STUDENT = re.compile(r"^/student(?:/(.*))?$")


# --- bytes -> text ----------------------------------------------------------------------


def decode(data: bytes, report: LossReport, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _report_cp1252(report, name, exc.start)
        return data.decode("cp1252", errors="replace")


def _report_cp1252(report: LossReport, name: str, at: int) -> None:
    report.add(
        "value-coerced",
        f"{name} is not UTF-8 (invalid byte at offset {at}); decoded as cp1252 (Windows-1252)",
        source_path="row 1",
        source_format=FORMAT,
    )


def open_text(path: Path, report: LossReport) -> IO[str]:
    """A text stream over a file: UTF-8 (BOM dropped) when every byte decodes, else cp1252
    (reported). The check streams through the file once, in 1 MiB chunks."""
    dec = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    encoding = "utf-8-sig"
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            try:
                dec.decode(chunk)
            except UnicodeDecodeError as exc:
                _report_cp1252(report, str(path), offset + exc.start)
                encoding = "cp1252"
                break
            offset += len(chunk)
    return path.open("r", encoding=encoding, errors="replace", newline="")


def sniff(first_line: str) -> str:
    """The delimiter that splits the header into the most cells (outside quotes)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _capped(lines: Iterable[str], name: str) -> Iterator[str]:
    for n, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise ReadError(f"line {n} is longer than {MAX_LINE_CHARS} characters", source=name)
        yield line


# --- rows -------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    key: tuple[str, ...]
    student: dict[str, Any]
    native: dict[str, Any]


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


@dataclass
class RowReader:
    """Turns parsed cells into :class:`Row` objects, reporting what it cannot read."""

    profile: Profile
    plan: HeaderPlan
    report: LossReport
    filled: dict[str, int] = field(default_factory=dict)
    trimmed: dict[str, int] = field(default_factory=dict)
    skip_at: list[int | None] | None = None

    def row(self, number: int, cells: list[str]) -> Row | None:
        plan, prof, report = self.plan, self.profile, self.report
        if not any(c.strip() for c in cells):
            report.add(
                "row-skipped",
                "blank row",
                severity="info",
                source_path=f"row {number}",
                source_format=FORMAT,
            )
            return None
        width = len(plan.headers)
        if len(cells) != width:
            extra = cells[width:]
            report.add(
                "source-schema-violation",
                f"row has {len(cells)} cells, the header {width}"
                + (
                    "; missing cells read as empty"
                    if len(cells) < width
                    else "; the extra cells are not read"
                ),
                source_path=f"row {number}",
                source_format=FORMAT,
                value="|".join(extra) if any(x.strip() for x in extra) else None,
            )
        skip = self._skip(cells)
        if skip is not None:
            report.add(
                "row-skipped",
                f"{skip}: not a data row",
                source_path=f"row {number}",
                source_format=FORMAT,
                value=",".join(c for c in cells if c.strip()),
            )
            return None
        student: dict[str, Any] = {}
        native: dict[str, Any] = {}
        sep = prof.separator
        for i, col in enumerate(plan.targets):
            if i >= len(cells):
                break
            v = cells[i]
            if not v or v.isspace():
                continue
            if col is None:
                if plan.keep[i]:
                    native[plan.headers[i].strip()] = v
                else:
                    report.add(
                        "source-schema-violation",
                        "a cell under an empty or repeated header; not read",
                        source_path=f"row {number}, column {i + 1}",
                        source_format=FORMAT,
                        value=v,
                    )
                continue
            if v[0].isspace() or v[-1].isspace():
                v = v.strip()
                self.trimmed[col.name] = self.trimmed.get(col.name, 0) + 1
            value: Any = [p.strip() for p in v.split(sep) if p.strip()] if col.multi else v
            if col.at == "student":
                student[col.name] = value
            elif col.at == "row":
                native[col.name] = value
            else:
                native.setdefault(col.at, {})[col.name] = value
        for col in plan.absent_defaults:
            self._place(student, native, col, col.default)
        for col in plan.fallbacks:
            where = (
                student
                if col.at == "student"
                else native
                if col.at == "row"
                else native.get(col.at, {})
            )
            if col.name not in where:
                src = self.profile.by_name[col.fallback or ""]
                sw = (
                    student
                    if src.at == "student"
                    else native
                    if src.at == "row"
                    else native.get(src.at, {})
                )
                if src.name in sw:
                    self._place(student, native, col, sw[src.name])
                    self.filled[col.name] = self.filled.get(col.name, 0) + 1
        key = tuple(str(student.get(k, "")).strip() for k in prof.key) if plan.key_present else ()
        if plan.key_present and not all(key):
            report.add(
                "source-schema-violation",
                f"row has no {', '.join(prof.key)}; read with the other rows that have none",
                source_path=f"row {number}",
                source_format=FORMAT,
            )
        return Row(number, key, student, native)

    @staticmethod
    def _place(student: dict[str, Any], native: dict[str, Any], col: Column, v: Any) -> None:
        if col.at == "student":
            student.setdefault(col.name, v)
        elif col.at == "row":
            native.setdefault(col.name, v)
        else:
            native.setdefault(col.at, {}).setdefault(col.name, v)

    def _skip(self, cells: list[str]) -> str | None:
        if self.skip_at is None:
            self.skip_at = [
                None
                if rule.column is None
                else next(
                    (
                        i
                        for i, c in enumerate(self.plan.targets)
                        if c is not None and c.name == rule.column
                    ),
                    -1,
                )
                for rule in self.profile.skip
            ]
        for rule, idx in zip(self.profile.skip, self.skip_at, strict=True):
            if idx is None:
                cell = next((c for c in cells if c.strip()), "")
            elif idx < 0 or idx >= len(cells):
                continue
            else:
                cell = cells[idx]
            if not cell:
                continue
            n = norm(cell)
            if n in rule.equals or n.startswith(rule.prefix):
                return rule.reason
        return None

    def finish(self) -> None:
        for name, count in self.filled.items():
            col = self.profile.by_name[name]
            self.report.add(
                "value-synthesized",
                f"{count} empty {name!r} cell(s) read from {col.fallback!r} (profile fallback)",
                source_path="row 1",
                source_format=FORMAT,
            )
        self.filled.clear()
        for name, count in self.trimmed.items():
            self.report.add(
                "value-coerced",
                f"{count} {name!r} cell(s) had surrounding spaces; removed",
                source_path="row 1",
                source_format=FORMAT,
            )
        self.trimmed.clear()


# --- the companion student file (--join) -------------------------------------------------


@dataclass
class Join:
    """Student columns from a companion file, by key. Duplicate ids are reported (first
    row kept), and so are ids on either side that the other file does not have."""

    name: str
    students: dict[tuple[str, ...], dict[str, Any]]
    used: set[tuple[str, ...]] = field(default_factory=set)

    def apply(self, key: tuple[str, ...], student: dict[str, Any], report: LossReport) -> None:
        extra = self.students.get(key)
        if extra is None:
            report.add(
                "unresolved-reference",
                f"{'/'.join(key)} has no row in {self.name}",
                source_format=FORMAT,
                value="/".join(key),
            )
            return
        self.used.add(key)
        for k, v in extra.items():
            if k not in student:
                student[k] = v
            elif student[k] != v:
                report.add(
                    "source-schema-violation",
                    f"{k} differs between the two files; the transcript's value kept",
                    source_path=f"{self.name}: {'/'.join(key)}, column {k}",
                    source_format=FORMAT,
                    value=v,
                )

    def dangling(self, report: LossReport) -> None:
        for key in self.students:
            if key not in self.used:
                report.add(
                    "unresolved-reference",
                    f"{self.name}: student {'/'.join(key)} has no row in the transcript file",
                    source_format=FORMAT,
                    value="/".join(key),
                )


def load_join(source: Path | bytes, profile: Profile, report: LossReport) -> Join:
    name = str(source) if isinstance(source, Path) else "<join>"
    if isinstance(source, Path):
        if source.stat().st_size > MAX_JOIN_BYTES:
            raise ReadError("the student file is too large to join", source=name)
        data = source.read_bytes()
    else:
        data = source
    text = decode(data, report, name)
    rows = csv.reader(
        _capped(io.StringIO(text, newline=""), name), delimiter=sniff(text.split("\n", 1)[0])
    )
    header = next(rows, None)
    if header is None:
        raise ReadError("the student file is empty", source=name)
    sub = LossReport()
    plan = plan_header(profile, header, sub, defaults=False)
    if not plan.key_present:
        raise ReadError(
            f"the student file has no {', '.join(profile.key)} column to join on", source=name
        )
    out: dict[tuple[str, ...], dict[str, Any]] = {}
    first: dict[tuple[str, ...], int] = {}
    reader = RowReader(profile, plan, sub)
    for n, cells in enumerate(rows, 2):
        row = reader.row(n, cells)
        if row is None:
            continue
        if row.native:
            cols = ", ".join(sorted(k for k in row.native))
            report.add(
                "unmapped-source-field",
                f"{name}: only student columns are joined; {cols} not read",
                source_path=f"{name}: row {n}",
                source_format=FORMAT,
            )
        if row.key in out:
            report.add(
                "source-schema-violation",
                f"{name}: student {'/'.join(row.key)} appears again (first at row "
                f"{first[row.key]}); the first row kept",
                source_path=f"{name}: row {n}",
                source_format=FORMAT,
                value="/".join(row.key),
            )
            continue
        out[row.key] = row.student
        first[row.key] = n
    for e in sub:
        report.entries.append(dataclasses.replace(e, source_path=f"{name}: {e.source_path}"))
    return Join(name, out)


# --- rows -> records ---------------------------------------------------------------------


@dataclass
class Source:
    """A parsed header and an iterator over the data rows of one CSV input."""

    profile: Profile
    plan: HeaderPlan
    rows: Iterator[Row]
    reader: RowReader
    delimiter: str


def open_rows(
    text_lines: Iterable[str],
    name: str,
    profile: Profile | None,
    report: LossReport,
) -> Source:
    lines = _capped(text_lines, name)
    first = next(lines, None)
    if first is None or not first.strip():
        raise ReadError("empty CSV: no header row", source=name)
    delim = sniff(first)

    def chain() -> Iterator[str]:
        yield first
        yield from lines

    parsed = csv.reader(chain(), delimiter=delim)
    try:
        header = next(parsed)
    except csv.Error as exc:
        raise ReadError(f"header row: {exc}", source=name) from None
    if profile is None:
        profile, share = choose(header, name)
        report.add(
            "profile-detected",
            f"profile {profile.name} chosen from the header ({share:.0%} of its cells "
            "recognized); pass --mapping to choose another",
            source_path="row 1",
            source_format=FORMAT,
            value=profile.name,
        )
    plan = plan_header(profile, header, report)
    reader = RowReader(profile, plan, report)

    def rows() -> Iterator[Row]:
        n = 1
        while True:
            try:
                cells = next(parsed)
            except StopIteration:
                break
            except csv.Error as exc:
                raise ReadError(f"row {n + 1}: {exc}", source=name) from None
            n += 1
            row = reader.row(n, cells)
            if row is not None:
                yield row
        reader.finish()

    return Source(profile, plan, rows(), reader, delim)


@dataclass
class Extras:
    """What a caller adds to every record: a companion student file, a badge definition."""

    join: Join | None = None
    achievement: Achievement | None = None
    issuer: Any = None
    issued: str | None = None


def build_record(
    profile: Profile,
    key: tuple[str, ...],
    student: dict[str, Any],
    rows: list[Row],
    report: LossReport,
    extras: Extras | None = None,
) -> LearnerRecord:
    mapping = profile.mapping
    numbers = [r.number for r in rows]
    if extras and extras.join and key:
        extras.join.apply(key, student, report)
    native: dict[str, Any] = {"rows": [r.native for r in rows]}
    if student:
        native["student"] = student
    scratch = LossReport()
    ctx = ReadContext(mapping, scratch)
    rec = read_object(mapping.objects[mapping.root_object], native, "", ctx)
    assert isinstance(rec, LearnerRecord)
    known = {c.name for c in profile.columns}
    for e in scratch:
        path, col = _csv_path(e.source_path, numbers, profile.groups)
        if e.code == "unmapped-source-field" and col is not None and col not in known:
            continue  # an unknown column: reported once, at the header
        report.entries.append(dataclasses.replace(e, source_path=path))
    linked = list(ctx.linked.get("achievements", {}).values())
    update: dict[str, Any] = {}
    if linked:
        update["achievements"] = [*rec.achievements, *linked]
    if extras and extras.achievement is not None:
        update.update(_with_badge(rec, extras, report))
    update["provenance"] = Provenance(
        format=FORMAT,
        dialect=profile.name,
        source_ids=["/".join(key)] if key else [],
        mapping=mapping.source,
    )
    return rec.model_copy(update=update)


def _with_badge(rec: LearnerRecord, extras: Extras, report: LossReport) -> dict[str, Any]:
    """Every row of a bulk-award file awards the one badge given apart (--achievement)."""
    ach = extras.achievement
    assert ach is not None
    awards = []
    for award in rec.awards:
        up: dict[str, Any] = {}
        if not award.achievement_id:
            up["achievement_id"] = ach.id
        if award.issuer is None and extras.issuer is not None:
            up["issuer"] = extras.issuer
        if award.valid_from is None and extras.issued:
            up["valid_from"] = extras.issued
        awards.append(award.model_copy(update=up) if up else award)
    achs = list(rec.achievements)
    if all(a.id != ach.id for a in achs):
        achs.append(ach)
    return {"awards": awards, "achievements": achs}


def _csv_path(
    path: str | None, numbers: list[int], groups: frozenset[str] = frozenset()
) -> tuple[str | None, str | None]:
    """A JSON Pointer into the native tree -> ``row N, column C`` of the file (a group such
    as ``course`` or an item index of a multi-valued cell is not a column)."""
    if not path:
        return path, None
    m = _ROWS.match(path)
    if m:
        i = int(m.group(1))
        parts = [p.replace("~1", "/").replace("~0", "~") for p in (m.group(2) or "").split("/")]
        if parts and parts[0] in groups:
            parts = parts[1:]
        col = parts[0] if parts and parts[0] else None
        n = numbers[i] if i < len(numbers) else i
        return (f"row {n}, column {col}" if col else f"row {n}"), col
    m = _STUDENT.match(path)
    if m:
        col = (m.group(1) or "").split("/")[0].replace("~1", "/").replace("~0", "~")
        return (f"row {numbers[0] if numbers else 1}, column {col}" if col else None), col or None
    return path, None


def _group_sorted(rows: Iterator[Row], report: LossReport, name: str) -> Iterator[list[Row]]:
    """Consecutive rows with the same key form one group. A key that comes back after its
    group ended means the file is not sorted: an error (use ``unsorted=True``)."""
    done: set[tuple[str, ...]] = set()
    group: list[Row] = []
    for row in rows:
        if group and row.key != group[0].key:
            done.add(group[0].key)
            yield group
            group = []
        if not group and row.key in done:
            raise ReadError(
                f"row {row.number}: {'/'.join(row.key)} appeared before, in an earlier run of "
                "rows; the file is not sorted by the key (read it with --unsorted)",
                source=name,
            )
        group.append(row)
    if group:
        yield group


def _group_unsorted(rows: Iterator[Row], buckets: int = 64) -> Iterator[list[Row]]:
    """Partition rows by a hash of the key into temporary files, then group each
    partition in memory: peak memory is about one partition (the file / ``buckets``)."""
    import pickle

    with tempfile.TemporaryDirectory(prefix="lerbridge-csv-") as tmp:
        files = [open(os.path.join(tmp, f"{i}.part"), "w+b") for i in range(buckets)]  # noqa: SIM115
        try:
            order: dict[tuple[str, ...], int] = {}
            for row in rows:
                b = zlib.crc32("\x1f".join(row.key).encode("utf-8")) % buckets
                order.setdefault(row.key, len(order))
                pickle.dump(row, files[b], protocol=pickle.HIGHEST_PROTOCOL)
            for fh in files:
                fh.seek(0)
                groups: dict[tuple[str, ...], list[Row]] = {}
                while True:
                    try:
                        row = pickle.load(fh)  # our own temporary file
                    except EOFError:
                        break
                    groups.setdefault(row.key, []).append(row)
                yield from groups.values()
        finally:
            for fh in files:
                fh.close()


def _merge_student(rows: list[Row], report: LossReport) -> dict[str, Any]:
    student = dict(rows[0].student)
    for row in rows[1:]:
        if row.student == student:
            continue
        for k, v in row.student.items():
            if k not in student:
                student[k] = v
            elif student[k] != v:
                report.add(
                    "source-schema-violation",
                    f"{k} differs from the learner's first row (row {rows[0].number}); "
                    "the first value kept",
                    source_path=f"row {row.number}, column {k}",
                    source_format=FORMAT,
                    value=v,
                )
    return student


def records_from(
    src: Source,
    report: LossReport,
    name: str,
    *,
    mode: str = "memory",
    extras: Extras | None = None,
) -> Iterator[tuple[LearnerRecord, LossReport]]:
    """(record, its loss report) per learner. ``mode``: ``memory`` groups the whole file
    (any order), ``sorted`` streams groups of consecutive rows, ``unsorted`` partitions
    through temporary files."""
    if not src.plan.key_present:
        groups: Iterator[list[Row]] = iter([list(src.rows)])
    elif mode == "sorted":
        groups = _group_sorted(src.rows, report, name)
    elif mode == "unsorted":
        groups = _group_unsorted(src.rows)
    else:
        table: dict[tuple[str, ...], list[Row]] = {}
        for row in src.rows:
            table.setdefault(row.key, []).append(row)
        groups = iter(table.values())
    count = 0
    for group in groups:
        if not group:
            continue
        count += 1
        rep = LossReport()
        student = _merge_student(group, rep)
        yield build_record(src.profile, group[0].key, student, group, rep, extras), rep
    if count == 0:
        raise ReadError("the CSV holds no data rows", source=name)
    if extras and extras.join:
        extras.join.dangling(report)


def resolve_profile(ref: str | Path | None) -> Profile | None:
    return load_profile(ref) if ref else None
