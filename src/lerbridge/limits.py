"""The limits every read is held to, in one place: bytes, nesting depth, records per file,
string length, rows per CSV record. Each is configurable from the API (``limits=`` on
:func:`lerbridge.read`, :func:`lerbridge.read_records`, :func:`lerbridge.convert`) and the
CLI (``--max-bytes`` ...; see docs/safety.md). Exceeding one is a
:class:`~lerbridge.errors.ReadError` naming the file, the place and the limit."""

from __future__ import annotations

from dataclasses import dataclass

from .safejson import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH

__all__ = [
    "DEFAULT_MAX_CSV_ROWS",
    "DEFAULT_MAX_RECORDS",
    "DEFAULT_MAX_STRING",
    "Limits",
]

DEFAULT_MAX_RECORDS = 100_000
DEFAULT_MAX_STRING = 4 * 1024 * 1024
DEFAULT_MAX_CSV_ROWS = 100_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    """Input size in bytes, checked before parsing (and before reading a file)."""
    max_depth: int = DEFAULT_MAX_DEPTH
    """Nesting depth of a JSON document (objects and arrays)."""
    max_records: int = DEFAULT_MAX_RECORDS
    """Learner records one input may hold."""
    max_string: int = DEFAULT_MAX_STRING
    """Characters in one JSON string (key or value). XML text nodes are held to libxml2's
    own 10 MB cap (``huge_tree`` is never set)."""
    max_csv_rows: int = DEFAULT_MAX_CSV_ROWS
    """CSV rows grouped into one learner's record."""

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"limit {name} must be a positive integer, not {value!r}")
