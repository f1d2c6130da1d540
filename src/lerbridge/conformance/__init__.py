"""lerbridge conformance tools: a reference corpus (kit) and semantic comparison (diff)."""

from .diff import Difference, DiffResult, diff, diff_records, facts
from .kit import build_kit, verify_kit, write_kit

__all__ = [
    "DiffResult",
    "Difference",
    "build_kit",
    "diff",
    "diff_records",
    "facts",
    "verify_kit",
    "write_kit",
]
