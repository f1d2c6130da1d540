"""CSV transcripts and bulk files, read and written through CSV profiles: mapping files
with a ``csv`` section (see README, "CSV profiles"). Shipped profiles: ``csv-transcript``
(lerbridge's own layout, writable), ``csv-ce-bulk`` (Credential Engine bulk upload),
``csv-badgr`` (Badgr / Canvas Credentials bulk award), ``csv-canvas-gradebook``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ...errors import ReadError
from ...model import Achievement, LearnerRecord, Profile
from ...report import LossReport
from ..base import Format, Input, ReadOptions
from .profile import load_profile, shipped_profiles
from .reader import Extras, decode, load_join, open_rows, records_from, sniff
from .writer import neutralize, write

FORMAT_NAME = "csv"


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    return read_csv(
        inp.data,
        report,
        mapping=opts.mapping,
        name=inp.name,
        join=opts.join,
        achievement=opts.achievement,
        issued=opts.issued,
        max_rows=opts.max_csv_rows,
    )


def read_csv(
    data: bytes,
    report: LossReport,
    *,
    mapping: str | Path | None = None,
    name: str = "<csv>",
    join: Path | bytes | None = None,
    achievement: Path | bytes | None = None,
    issued: str | None = None,
    max_rows: int | None = None,
) -> list[LearnerRecord]:
    """Every learner's record of an in-memory CSV (rows grouped by the profile's key in
    any order). ``join``: a companion student file; ``achievement``: the badge every row
    of a bulk-award file awards (OB 3.0 credential or achievement, or CTDL credential)."""
    if _looks_like_json(data):
        raise ReadError("this is JSON, not CSV", source=name)
    profile = load_profile(mapping) if mapping else None
    text = decode(data, report, name)
    src = open_rows(io.StringIO(text, newline=""), name, profile, report)
    extras = make_extras(src.profile, report, join, achievement, issued)
    out = []
    for rec, rep in records_from(src, report, name, extras=extras, max_rows=max_rows):
        report.extend(rep)
        out.append(rec)
    return out


def make_extras(
    profile: Any,
    report: LossReport,
    join: Path | bytes | None,
    achievement: Path | bytes | None,
    issued: str | None,
) -> Extras | None:
    if join is None and achievement is None:
        return None
    extras = Extras()
    if join is not None:
        if not profile.key:
            raise ReadError(f"profile {profile.name} has no key to join a student file on")
        extras.join = load_join(join, profile, report)
    if achievement is not None:
        extras.achievement, extras.issuer = load_badge(achievement)
        if issued == "now":
            # only on request: output is otherwise the same bytes for the same input
            from datetime import UTC, datetime

            issued = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            report.add(
                "value-synthesized",
                "rows without an issue date are issued now (--issued now)",
                canonical_path="awards.valid_from",
                source_format=FORMAT_NAME,
                value=issued,
            )
        extras.issued = issued
    return extras


def load_badge(source: Path | bytes) -> tuple[Achievement, Profile | None]:
    """The achievement (and its issuer) of a badge definition: an OB 3.0 credential or a
    bare OB 3.0 Achievement, or any format lerbridge reads (a CTDL credential)."""
    from ... import api
    from ...errors import LerbridgeError
    from ...mapping.compiler import load_mapping
    from ...mapping.engine import ReadContext, read_object

    data = source.read_bytes() if isinstance(source, Path) else source
    label = str(source) if isinstance(source, Path) else "<achievement>"
    try:
        records, _ = api.read_records(data, name=label)
    except LerbridgeError:
        import orjson

        try:
            doc = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise ReadError("the badge definition is not JSON", source=label) from None
        types = doc.get("type") if isinstance(doc, dict) else None
        types = types if isinstance(types, list) else [types]
        if "Achievement" not in types:
            raise ReadError(
                "not a badge definition: expected an OB 3.0 credential or Achievement, or "
                "a CTDL credential",
                source=label,
            ) from None
        ob3 = load_mapping("ob3")
        ach = read_object(ob3.objects["Achievement"], doc, "", ReadContext(ob3, LossReport()))
        assert isinstance(ach, Achievement)
        return ach, ach.creator
    rec = records[0]
    award = rec.awards[0] if rec.awards else None
    ach = rec.achievement(award.achievement_id) if award else None
    ach = ach or (rec.achievements[0] if rec.achievements else None)
    if ach is None:
        raise ReadError("the badge definition holds no achievement", source=label)
    issuer = (award.issuer if award else None) or ach.creator or rec.publisher
    return ach, issuer


def _looks_like_json(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[") or data.startswith((b"\xff\xfe", b"\xfe\xff"))


def detect(inp: Input) -> float:
    """A share of the header that a shipped profile recognizes. JSON, JWTs and binary data
    are never claimed."""
    data = inp.data
    if _looks_like_json(data) or b"\0" in data[:4096]:
        return 0.0
    head = data[:65536]
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = head[: exc.start].decode("utf-8-sig", "ignore") if exc.start > 1024 else ""
        text = text or head.decode("cp1252", "replace")
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip() or (first.count(".") == 2 and " " not in first):
        return 0.0  # empty, or a compact JWS
    import csv

    try:
        header = next(csv.reader([first], delimiter=sniff(first)))
    except csv.Error:
        return 0.0
    share = max((p.coverage(header) for p in shipped_profiles() if p.detect), default=0.0)
    return round(0.9 * share, 3)


FORMAT = Format(
    name=FORMAT_NAME,
    title="CSV transcripts and bulk files (profiles: transcript, Credential Engine bulk "
    "upload, Badgr bulk award, Canvas gradebook)",
    extensions=(".csv", ".tsv"),
    reader=read,
    writer=write,
    detect=detect,
)

__all__ = ["FORMAT", "load_badge", "neutralize", "read_csv"]
