"""Conformance runs for vendors: one call that says whether documents are valid,
portable and lossless.

    >>> from lerbridge import conformance
    >>> result = conformance.run(["exports/"], profile="strict", fail_on="error")
    >>> result.passed, result.file("exports/badge.json").rule_ids()

Stages (``rules.yaml`` lists every check id): parse, official schema (strict), semantic
rules, same-format round trip through the canonical model, portability matrix. Reporters:
:mod:`.reporters` (console, JSON, JUnit XML) and :mod:`.html` (one self-contained page).
:mod:`.kit` writes a reference corpus a vendor imports (every record in every writable
format, each with a manifest); :mod:`.diff` compares two documents through the canonical
model, across formats."""

from __future__ import annotations

from .catalog import Rule, rule, rules
from .diff import Difference, DiffResult, diff, diff_records, facts
from .kit import build_kit, verify_kit, write_kit
from .result import Cell, ConformanceResult, FileResult, Finding, StageResult
from .runner import expand, run

__all__ = [
    "Cell",
    "ConformanceResult",
    "DiffResult",
    "Difference",
    "FileResult",
    "Finding",
    "Rule",
    "StageResult",
    "build_kit",
    "diff",
    "diff_records",
    "expand",
    "facts",
    "rule",
    "rules",
    "run",
    "verify_kit",
    "write_kit",
]
