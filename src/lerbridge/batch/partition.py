"""Convert a partition of records, for the engines that scale beyond one machine.

lerbridge has no scheduler of its own: Dask, Spark (or any map over partitions) spreads the
work, and each task calls :class:`Partition` on its share of the records. A record is one
document: a JSON Lines line (``str`` or ``bytes``), a parsed JSON object, or a whole CSV
group (header + rows, as text). Each gives one plain, picklable ``dict``::

    {"name": ..., "documents": [{"name", "media_type", "text"}], "report": [...entries]}
    {"name": ..., "error": {"type": "ReadError", "message": "..."}}

Bad input never stops a partition: its error is the record's result. Results are exactly
what :func:`lerbridge.convert` gives for the same record in one process
(:func:`convert_record`), so a distributed run can be checked against a local one.

Dask bag (``dask.distributed.LocalCluster`` or any cluster)::

    bag = dask.bag.read_text("records/*.jsonl").map_partitions(Partition(to="clr"))

Spark (``local[2]`` or any cluster)::

    rdd = spark.sparkContext.textFile("records/*.jsonl").mapPartitions(Partition(to="clr"))

Thread-safe and free of process-wide state, like the rest of the library.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..errors import LerbridgeError

__all__ = ["Partition", "convert_partition", "convert_record"]

Record = str | bytes | dict[str, Any] | list[Any]


def _text(data: bytes) -> str:
    """Output bytes as text; a binary document (a baked image) as ``base64:...``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "base64:" + base64.b64encode(data).decode("ascii")


def convert_record(
    record: Record, to: str, from_: str | None = None, name: str = "<record>", **options: Any
) -> dict[str, Any]:
    """One record converted with :func:`lerbridge.convert` (``options`` are its keyword
    arguments), as the plain dict described in the module docstring."""
    from ..api import convert

    if isinstance(record, str):
        record = record.encode("utf-8", "surrogatepass")
    try:
        result = convert(record, to, from_, name=name, **options)
    except LerbridgeError as exc:
        return {"name": name, "error": {"type": type(exc).__name__, "message": str(exc)}}
    docs = [
        {"name": d.name, "media_type": d.media_type, "text": _text(d.data)}
        for d in result.documents
    ]
    return {"name": name, "documents": docs, "report": result.report.to_dict()}


def convert_partition(
    records: Iterable[Record | tuple[str, Record]],
    to: str,
    from_: str | None = None,
    **options: Any,
) -> Iterator[dict[str, Any]]:
    """Each record of a partition converted in turn. A ``(name, record)`` pair names the
    record (the name appears in errors and the report); otherwise the name is taken from
    the content (``<record 1a2b3c4d5e6f>``), so it does not depend on how the records were
    partitioned. A line's end is dropped; a blank line is skipped."""
    for item in records:
        name, record = item if isinstance(item, tuple) else (None, item)
        if isinstance(record, str):
            record = record.rstrip("\r\n")  # engines' text readers may keep the line end
        elif isinstance(record, bytes):
            record = record.rstrip(b"\r\n")
        if isinstance(record, str | bytes) and not record.strip():
            continue
        yield convert_record(record, to, from_, name=name or _content_name(record), **options)


def _content_name(record: Record) -> str:
    if isinstance(record, str):
        data = record.encode("utf-8", "surrogatepass")
    elif isinstance(record, bytes):
        data = record
    else:
        data = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    return f"<record {hashlib.sha256(data).hexdigest()[:12]}>"


@dataclass(frozen=True)
class Partition:
    """A picklable partition function: ``Partition(to="clr")(records)`` is
    :func:`convert_partition` with those settings, ready for ``map_partitions`` /
    ``mapPartitions``. ``options``: keyword arguments of :func:`lerbridge.convert`."""

    to: str
    from_: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def __call__(self, records: Iterable[Record | tuple[str, Record]]) -> list[dict[str, Any]]:
        return list(convert_partition(records, self.to, self.from_, **self.options))
