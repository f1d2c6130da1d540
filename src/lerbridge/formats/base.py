"""What a format provides to lerbridge: syntax in, syntax out, around the canonical model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..limits import DEFAULT_MAX_CSV_ROWS, DEFAULT_MAX_RECORDS, DEFAULT_MAX_STRING
from ..model import LearnerRecord
from ..report import LossReport
from ..safejson import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, JsonLimits, loads
from ..specs import SchemaIssue


@dataclass(frozen=True)
class ReadOptions:
    mapping: str | Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    language: str | None = None
    join: Path | bytes | None = None
    """CSV: a companion student file joined on the profile's key."""
    achievement: Path | bytes | None = None
    """CSV: the badge (OB 3.0 / CTDL) every row of a bulk-award file awards."""
    issued: str | None = None
    """CSV: the issue date of rows that give none (with ``achievement``)."""
    resolve: tuple[Path, ...] = ()
    """OB 2.0: files and folders of linked documents (BadgeClass, Issuer...) found by id or
    file name. Nothing is ever fetched."""
    resolve_map: tuple[tuple[str, Path], ...] = ()
    """OB 2.0: (IRI, file) pairs, for linked documents that carry no id (OB 1.0)."""
    max_records: int = DEFAULT_MAX_RECORDS
    max_string: int = DEFAULT_MAX_STRING
    max_csv_rows: int = DEFAULT_MAX_CSV_ROWS

    @property
    def limits(self) -> JsonLimits:
        return JsonLimits(self.max_bytes, self.max_depth, self.max_string)


@dataclass(frozen=True)
class WriteOptions:
    mapping: str | Path | None = None
    language: str | None = None
    keep_proofs: bool = True
    validate: bool = True
    ctdl_graph: bool = False
    """CTDL: write one ``@graph`` document (the Registry's /graph/ form) instead of
    self-contained embedded documents."""
    lerrs_vc: bool | None = None
    """LER-RS: wrap the résumé as a verifiable credential (True), write it bare (False),
    or do as the source did (None; a résumé from another format is written bare)."""
    lerrs_type_url: str | None = None
    """LER-RS: the type URL to write, ``"4.4"`` or ``"4.5"``; None keeps the source's
    (4.5 for a résumé from another format)."""
    pesc_utf16: bool = False
    """PESC: write UTF-16 (little-endian, with a BOM) instead of UTF-8."""
    elm_vc2: bool = False
    """ELM: write the EBSI form (VC 2.0 envelope, VerifiableAttestation) instead of the
    EU's VC 1.1 form."""


@dataclass(frozen=True)
class Document:
    """One output document: its bytes, a name hint for files, and its media type."""

    data: bytes
    name: str
    media_type: str = "application/json"

    def text(self) -> str:
        return self.data.decode("utf-8")


@dataclass
class Input:
    """Input bytes with the name used in error messages; parsed JSON is cached."""

    data: bytes
    name: str
    parsed: Any = None
    parse_error: ReadError | None = None
    _json_done: bool = field(default=False, repr=False)

    def json(
        self,
        report: LossReport | None = None,
        limits: JsonLimits | None = None,
        fmt: str | None = None,
    ) -> Any:
        if not self._json_done or report is not None:
            self._json_done = True
            try:
                self.parsed = loads(self.data, self.name, report, limits, fmt)
                self.parse_error = None
            except ReadError as exc:
                self.parse_error = exc
                self.parsed = None
        if self.parse_error is not None:
            raise self.parse_error
        return self.parsed

    def json_or_none(self) -> Any:
        try:
            return self.json()
        except ReadError:
            return None


Reader = Callable[[Input, ReadOptions, LossReport], list[LearnerRecord]]
"""A reader returns one record per learner the input holds (a CLR API response or a
multi-student CSV holds several)."""
Writer = Callable[[LearnerRecord, WriteOptions, LossReport], list[Document]]
Detector = Callable[[Input], float]
Validator = Callable[..., list[SchemaIssue]]
"""``validator(inp)`` returns the document's issues (``lerbridge.validation.ValidationIssue``
with severities, or plain ``SchemaIssue`` counted as errors); a format with
``checks_time`` also takes ``at=`` (a timezone-aware datetime) for expiry checks."""


@dataclass(frozen=True)
class Format:
    """A registered format. ``detect`` scores an input from 0 (not this format) to 1."""

    name: str
    title: str
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    reader: Reader | None = None
    writer: Writer | None = None
    detect: Detector | None = None
    validator: Validator | None = None
    one_award_per_document: bool = False
    checks_time: bool = False
    package: str = "lerbridge"
    requires: str | None = None
    """The record collection the writer cannot do without (``"frameworks"`` for CASE):
    conformance portability leaves the format out for records that hold none."""

    @property
    def can_read(self) -> bool:
        return self.reader is not None

    @property
    def can_write(self) -> bool:
        return self.writer is not None
