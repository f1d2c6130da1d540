"""Rows grouped per learner (by the profile's key) as they stream: consecutive rows of a
sorted file, or an unsorted file partitioned through temporary files; and the student
columns of a learner's rows merged, differences reported."""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Iterator
from typing import Any

from ...errors import ReadError
from ...report import LossReport
from .rows import Row

FORMAT = "csv"


def group_sorted(rows: Iterator[Row], report: LossReport, name: str) -> Iterator[list[Row]]:
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


def group_unsorted(rows: Iterator[Row], buckets: int = 64) -> Iterator[list[Row]]:
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


def merge_student(rows: list[Row], report: LossReport) -> dict[str, Any]:
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
