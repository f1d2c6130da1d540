"""Run a compiled mapping: native tree -> canonical objects (:mod:`.reading`), and back
(:mod:`.writing`). The engine is syntax-free: JSON-like trees on the native side,
pydantic models on the canonical side."""

from __future__ import annotations

from .reading import LERBRIDGE_NS, ReadContext, merge_models, mint_id, read_object
from .writing import WriteContext, write_object

__all__ = [
    "LERBRIDGE_NS",
    "ReadContext",
    "WriteContext",
    "merge_models",
    "mint_id",
    "read_object",
    "write_object",
]
