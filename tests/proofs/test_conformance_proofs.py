"""The conformance rules proof-invalid / proof-unverifiable run `lerbridge verify`."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from lerbridge import conformance

AT = datetime(2024, 1, 1, tzinfo=UTC)
OB3 = "openbadges/ob3/1edtech-validator"


def _proof_findings(path: Path) -> list[tuple[str, str, str]]:
    fr = conformance.run(path, now=AT).files[0]
    return [(f.rule, f.severity, f.location) for f in fr.findings if f.rule.startswith("proof-")]


def test_valid_proof_gives_no_finding(upstream: Path) -> None:
    assert _proof_findings(upstream / f"{OB3}/simple.json") == []


def test_tampered_proof_is_an_error(upstream: Path, tmp_path: Path) -> None:
    doc = json.loads((upstream / f"{OB3}/simple.json").read_text())
    doc["name"] = "changed"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    assert _proof_findings(bad) == [("proof-invalid", "error", "/proof/0")]


def test_unknown_suite_is_reported(upstream: Path) -> None:
    assert _proof_findings(upstream / f"{OB3}/simple-multiple-proofs.json") == [
        ("proof-unverifiable", "info", "/proof/0")
    ]
