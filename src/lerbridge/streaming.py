"""Streaming conversion of CSV files: one learner's record at a time, in constant memory.

    >>> for docs, report in lerbridge.streaming.stream_convert(Path("big.csv"), to="clr"):
    ...     sink.write(docs[0].data)

A file sorted by the profile's key (the student) streams group by group; a key that comes
back later stops the run with an error that says to pass ``unsorted=True``. With
``unsorted=True`` the rows are first partitioned by a hash of the key into 64 temporary
files (in the system temp folder), then each partition is grouped in memory: peak memory
is then about 1/64 of the file's rows, and records come out partition by partition."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import LerbridgeError, ReadError
from .formats import registry
from .formats.base import Document, WriteOptions
from .formats.csv import make_extras
from .formats.csv.profile import load_profile
from .formats.csv.reader import open_rows, open_text, records_from
from .formats.csv.text import drop_nul_lines
from .model import LearnerRecord
from .report import LossReport

Progress = Callable[[int, int], None]
"""Called with (rows read, records written) after each record."""


def stream_records(
    path: str | Path,
    *,
    mapping: str | Path | None = None,
    join: str | Path | None = None,
    achievement: str | Path | None = None,
    issued: str | None = None,
    unsorted: bool = False,
    report: LossReport | None = None,
) -> Iterator[tuple[LearnerRecord, LossReport]]:
    """(record, its loss report) for each learner of a CSV file, lazily. File-level
    entries (profile chosen, header issues, skipped rows, join problems) go to ``report``."""
    path = Path(path)
    report = report if report is not None else LossReport()
    profile = load_profile(mapping) if mapping else None
    try:
        fh = open_text(path, report)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror}", source=str(path)) from None
    with fh:
        src = open_rows(drop_nul_lines(fh, report), str(path), profile, report)
        extras = make_extras(
            src.profile,
            report,
            Path(join) if join else None,
            Path(achievement) if achievement else None,
            issued,
        )
        mode = "unsorted" if unsorted else "sorted"
        yield from records_from(src, report, str(path), mode=mode, extras=extras)


def stream_convert(
    path: str | Path,
    to: str,
    *,
    mapping: str | Path | None = None,
    target_mapping: str | Path | None = None,
    join: str | Path | None = None,
    achievement: str | Path | None = None,
    issued: str | None = None,
    unsorted: bool = False,
    language: str | None = None,
    report: LossReport | None = None,
    progress: Progress | None = None,
) -> Iterator[tuple[list[Document], LossReport]]:
    """(documents, loss report) per learner of a CSV file, written as ``to``; the
    documents pass the target's official schema as with :func:`lerbridge.convert`."""
    fmt = registry.get(to)
    if fmt.writer is None:
        raise LerbridgeError(f"format {fmt.name!r} cannot be written")
    opts = WriteOptions(mapping=str(target_mapping) if target_mapping else None, language=language)
    rows = 0
    for records, (record, rep) in enumerate(
        stream_records(
            path,
            mapping=mapping,
            join=join,
            achievement=achievement,
            issued=issued,
            unsorted=unsorted,
            report=report,
        ),
        1,
    ):
        try:
            docs = fmt.writer(record, opts, rep)
        except LerbridgeError as exc:
            key = record.provenance.source_ids if record.provenance else []
            raise exc.with_source(f"{path} ({'/'.join(key) or 'record'})") from None
        rows += len(record.awards) or 1
        if progress is not None:
            progress(rows, records)
        yield docs, rep
