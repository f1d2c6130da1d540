"""Conformance runs for vendors: one call that says whether documents are valid,
portable and lossless.

    >>> from lerbridge import conformance
    >>> result = conformance.run(["exports/"], profile="strict", fail_on="error")
    >>> result.passed, result.file("exports/badge.json").rule_ids()

Stages (``rules.yaml`` lists every check id): parse, official schema (strict), semantic
rules, same-format round trip through the canonical model, portability matrix. Reporters:
:mod:`.reporters` (console, JSON, JUnit XML) and :mod:`.html` (one self-contained page).
The ``kit`` and ``diff`` capabilities live in their own modules of this package."""

from __future__ import annotations

from .catalog import Rule, rule, rules
from .result import Cell, ConformanceResult, FileResult, Finding, StageResult
from .runner import expand, run

__all__ = [
    "Cell",
    "ConformanceResult",
    "FileResult",
    "Finding",
    "Rule",
    "StageResult",
    "expand",
    "rule",
    "rules",
    "run",
]
