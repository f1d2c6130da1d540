"""The rule catalogue (``rules.yaml``), loaded once: what each check id means, its stage,
its severity under each profile and the spec clause it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import yaml

from ..report import SEVERITY_RANK, Severity

Stage = Literal["parse", "schema", "semantic", "roundtrip", "portability"]
Profile = Literal["strict", "lenient"]
STAGES: tuple[Stage, ...] = ("parse", "schema", "semantic", "roundtrip", "portability")


@dataclass(frozen=True)
class Rule:
    id: str
    stage: Stage
    severity: Severity
    lenient: Severity
    applies: tuple[str, ...]
    embedded: tuple[str, ...]
    """Formats whose documents embed OB 3.0 / CLR credentials this rule checks one by one."""
    checks: str
    source: str

    def severity_for(self, profile: Profile) -> Severity:
        return self.lenient if profile == "lenient" else self.severity

    def applies_to(self, fmt: str | None) -> bool:
        return "*" in self.applies or (fmt is not None and fmt in self.applies)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "stage": self.stage,
            "severity": self.severity,
            "lenient": self.lenient,
            "applies": list(self.applies),
            "embedded": list(self.embedded),
            "checks": self.checks,
            "source": self.source,
        }


def _rule(raw: dict[str, Any]) -> Rule:
    sev = raw["severity"]
    lenient = raw.get("lenient", sev)
    if raw["stage"] not in STAGES or sev not in SEVERITY_RANK or lenient not in SEVERITY_RANK:
        raise ValueError(f"rules.yaml: bad stage or severity in rule {raw.get('id')!r}")
    return Rule(
        raw["id"],
        raw["stage"],
        sev,
        lenient,
        tuple(raw.get("applies", ["*"])),
        tuple(raw.get("embedded", [])),
        raw["checks"],
        raw["source"],
    )


@cache
def rules() -> dict[str, Rule]:
    """Every rule by id, in catalogue order."""
    text = files("lerbridge.conformance").joinpath("rules.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    out: dict[str, Rule] = {}
    for raw in data["rules"]:
        rule = _rule(raw)
        if rule.id in out:
            raise ValueError(f"rules.yaml: rule {rule.id!r} given twice")
        out[rule.id] = rule
    return out


def rule(rule_id: str) -> Rule:
    return rules()[rule_id]
