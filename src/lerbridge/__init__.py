"""lerbridge: translate learning and employment records between standards through one
canonical model, with a loss report for every conversion.

    >>> import lerbridge
    >>> result = lerbridge.convert(pathlib.Path("badge.json"), to="canonical")
    >>> result.documents[0].data, result.report.to_dict()
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .api import (
    FormatInfo,
    Result,
    convert,
    detect,
    explain,
    formats,
    read,
    read_records,
    skills,
    to_input,
    validate,
    verify,
    write,
)
from .errors import (
    FormatDetectionError,
    LerbridgeError,
    MappingError,
    ReadError,
    SpecsAlteredError,
    SpecsNotInstalledError,
    SupplyError,
    UnknownFormatError,
    WriteError,
)
from .formats.baking import Unbaked, bake, unbake
from .formats.base import Document
from .model import MODEL_VERSION, LearnerRecord
from .report import CODES, LossEntry, LossReport
from .specs import SchemaIssue
from .validation import ValidationIssue


def __getattr__(name: str) -> object:
    """``lerbridge.conformance`` (the vendor checks) and ``lerbridge.proofs`` (verify and
    sign) are imported on first use."""
    if name in ("conformance", "proofs"):
        from importlib import import_module

        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'lerbridge' has no attribute {name!r}")


try:
    __version__ = version("lerbridge")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"

__all__ = [
    "CODES",
    "MODEL_VERSION",
    "Document",
    "FormatDetectionError",
    "FormatInfo",
    "LearnerRecord",
    "LerbridgeError",
    "LossEntry",
    "LossReport",
    "MappingError",
    "ReadError",
    "Result",
    "SchemaIssue",
    "SpecsAlteredError",
    "SpecsNotInstalledError",
    "SupplyError",
    "Unbaked",
    "UnknownFormatError",
    "ValidationIssue",
    "WriteError",
    "__version__",
    "bake",
    "convert",
    "detect",
    "explain",
    "formats",
    "read",
    "read_records",
    "skills",
    "to_input",
    "unbake",
    "validate",
    "verify",
    "write",
]
