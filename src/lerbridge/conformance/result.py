"""The structured result of a conformance run: findings grouped by file and stage, the
portability matrix, and verdicts against a ``fail_on`` threshold. Plain dataclasses, so
middleware can gate on them; :meth:`ConformanceResult.to_dict` is the JSON form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from ..report import SEVERITY_RANK, Severity
from .catalog import STAGES, Profile, Stage

Verdict = Literal["pass", "warn", "fail"]
CellStatus = Literal["ok", "lossy", "refused", "skipped"]


@dataclass(frozen=True)
class Finding:
    """One failed check: the rule, its severity under the run's profile, where and why."""

    rule: str
    severity: Severity
    stage: Stage
    message: str
    location: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "stage": self.stage,
            "location": self.location,
            "message": self.message,
        }


@dataclass
class StageResult:
    """A stage of one file. ``ran`` is False when the stage could not run (the file did not
    parse, or the format has no such check); ``note`` says why."""

    stage: Stage
    ran: bool = True
    findings: list[Finding] = field(default_factory=list)
    note: str = ""

    def failing(self, level: Severity) -> list[Finding]:
        rank = SEVERITY_RANK[level]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stage": self.stage,
            "ran": self.ran,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Cell:
    """One target of the portability matrix: loss entries counted by code."""

    target: str
    status: CellStatus
    losses: dict[str, int] = field(default_factory=dict)
    message: str = ""

    @property
    def total(self) -> int:
        return sum(self.losses.values())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "losses": dict(self.losses)}
        if self.message:
            out["message"] = self.message
        return out


@dataclass
class FileResult:
    path: str
    format: str | None
    stages: dict[Stage, StageResult] = field(default_factory=dict)
    matrix: dict[str, Cell] = field(default_factory=dict)

    def stage(self, name: Stage) -> StageResult:
        if name not in self.stages:
            self.stages[name] = StageResult(name)
        return self.stages[name]

    @property
    def findings(self) -> list[Finding]:
        return [f for s in STAGES if s in self.stages for f in self.stages[s].findings]

    def rule_ids(self) -> set[str]:
        return {f.rule for f in self.findings}

    def verdict(self, fail_on: Severity = "error") -> Verdict:
        if any(st.failing(fail_on) for st in self.stages.values()):
            return "fail"
        if any(f.severity != "info" for f in self.findings):
            return "warn"
        return "pass"

    def to_dict(self, fail_on: Severity = "error") -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "verdict": self.verdict(fail_on),
            "stages": [self.stages[s].to_dict() for s in STAGES if s in self.stages],
            "portability": {t: c.to_dict() for t, c in self.matrix.items()},
        }


@dataclass
class ConformanceResult:
    """What :func:`lerbridge.conformance.run` returns."""

    files: list[FileResult]
    profile: Profile = "strict"
    fail_on: Severity = "error"

    @property
    def passed(self) -> bool:
        """No file has a finding at or above ``fail_on``."""
        return all(f.verdict(self.fail_on) != "fail" for f in self.files)

    def file(self, path: str) -> FileResult:
        for f in self.files:
            if f.path == path:
                return f
        raise KeyError(path)

    def counts(self) -> dict[str, int]:
        verdicts = Counter(f.verdict(self.fail_on) for f in self.files)
        return {v: verdicts.get(v, 0) for v in ("pass", "warn", "fail")}

    def targets(self) -> list[str]:
        """Every target format that appears in a file's matrix, sorted."""
        return sorted({t for f in self.files for t in f.matrix})

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "fail_on": self.fail_on,
            "passed": self.passed,
            "summary": self.counts(),
            "files": [f.to_dict(self.fail_on) for f in self.files],
        }
