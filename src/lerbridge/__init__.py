"""lerbridge: translate learning and employment records between standards through one
canonical model, with a loss report for every conversion.

    >>> import lerbridge
    >>> result = lerbridge.convert(pathlib.Path("badge.json"), to="canonical")
    >>> result.documents[0].data, result.report.to_dict()
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below are imported on first use (module ``__getattr__``)
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

    __version__: str

# Public name -> the submodule defining it. ``import lerbridge`` imports none of them (the
# canonical model's pydantic classes alone take most of a cold start), so ``lerbridge
# --version`` and ``lerbridge --help`` answer at once; the first use imports the module.
_LAZY = {
    **dict.fromkeys(
        (
            "FormatInfo",
            "Result",
            "convert",
            "detect",
            "explain",
            "formats",
            "read",
            "read_records",
            "skills",
            "to_input",
            "validate",
            "verify",
            "write",
        ),
        ".api",
    ),
    **dict.fromkeys(
        (
            "FormatDetectionError",
            "LerbridgeError",
            "MappingError",
            "ReadError",
            "SpecsAlteredError",
            "SpecsNotInstalledError",
            "SupplyError",
            "UnknownFormatError",
            "WriteError",
        ),
        ".errors",
    ),
    **dict.fromkeys(("Unbaked", "bake", "unbake"), ".formats.baking"),
    "Document": ".formats.base",
    "MODEL_VERSION": ".model",
    "LearnerRecord": ".model",
    **dict.fromkeys(("CODES", "LossEntry", "LossReport"), ".report"),
    "SchemaIssue": ".specs",
    "ValidationIssue": ".validation",
}
_SUBMODULES = ("conformance", "proofs")


def __getattr__(name: str) -> object:
    """Public names, ``__version__``, and the ``lerbridge.conformance`` (vendor checks) and
    ``lerbridge.proofs`` (verify and sign) subpackages, imported on first use."""
    from importlib import import_module

    where = _LAZY.get(name)
    if where is not None:
        value = getattr(import_module(where, __name__), name)
    elif name == "__version__":
        value = _version()
    elif name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'lerbridge' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function (same object every time)
    return value


class _Package(ModuleType):
    """Keeps ``lerbridge.formats`` the public function: importing the ``lerbridge.formats``
    subpackage would otherwise rebind the name to it (the subpackage stays importable
    and in ``sys.modules``; nothing reaches it as an attribute of ``lerbridge``)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "formats" and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lerbridge")
    except PackageNotFoundError:  # running from a source tree
        return "0.0.0+src"


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
