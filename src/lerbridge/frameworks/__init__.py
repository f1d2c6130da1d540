"""Competency frameworks given beside a document (a CASE package, a CTDL-ASN framework):
the items that Open Badges 3.0 / CLR 2.0 alignments point at, resolved into the record's
skills (see docs/case.md, "Alignments resolved against frameworks")."""

from .resolve import FrameworkIndex, index_records, load, resolve

__all__ = ["FrameworkIndex", "index_records", "load", "resolve"]
