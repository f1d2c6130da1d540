"""CSV syntax in, the reader's entry points: :func:`open_text` decodes a file,
:func:`open_rows` sniffs the delimiter, matches headers through the profile's aliases and
streams the data rows, and :func:`records_from` groups them by the profile's key and hands
the mapping engine one native tree per learner:
``{"student": {column: value}, "rows": [{column: value, group: {column: value}}]}``.

Rows stream: ``records_from(..., mode="sorted")`` holds one learner's rows at a time when
the file is sorted by the key, and ``mode="unsorted"`` partitions the file through
temporary files. The work lives in ``text`` (decoding, delimiter), ``header`` and ``rows``
(parsing, reporting), ``join`` (``--join``), ``grouping`` and ``records``."""

from __future__ import annotations

from pathlib import Path

from .header import HeaderPlan, plan_header
from .join import MAX_JOIN_BYTES, Join, load_join
from .profile import Profile, load_profile
from .records import Extras, build_record, records_from
from .rows import Row, RowReader, Source, open_rows
from .text import DELIMITERS, FORMAT, MAX_LINE_CHARS, decode, open_text, sniff


def resolve_profile(ref: str | Path | None) -> Profile | None:
    return load_profile(ref) if ref else None


__all__ = [
    "DELIMITERS",
    "FORMAT",
    "MAX_JOIN_BYTES",
    "MAX_LINE_CHARS",
    "Extras",
    "HeaderPlan",
    "Join",
    "Row",
    "RowReader",
    "Source",
    "build_record",
    "decode",
    "load_join",
    "open_rows",
    "open_text",
    "plan_header",
    "records_from",
    "resolve_profile",
    "sniff",
]
