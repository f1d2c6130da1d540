"""Batch conversion: many inputs (folders, globs, JSON Lines), worker processes, results
in input order. The CLI (``lerbridge convert``) drives it; the library can too::

    from lerbridge.batch import expand_inputs, run_batch
    for outcome in run_batch(expand_inputs(["exports/"]), {"to": "clr"}, jobs=2):
        ...

Beyond one machine, :class:`Partition` converts one partition of records for an existing
engine (a Dask bag's ``map_partitions``, Spark's ``mapPartitions``): see
docs/performance.md.
"""

from .inputs import Item, expand_inputs, is_batch, safe_name
from .partition import Partition, convert_partition, convert_record
from .runner import Outcome, convert_item, default_jobs, run_batch
from .summary import Tally

__all__ = [
    "Item",
    "Outcome",
    "Partition",
    "Tally",
    "convert_item",
    "convert_partition",
    "convert_record",
    "default_jobs",
    "expand_inputs",
    "is_batch",
    "run_batch",
    "safe_name",
]
