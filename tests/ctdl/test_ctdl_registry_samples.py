"""Credential Registry samples in ../shared/fixtures-upstream/ctdl (the Registry Assistant
graph and envelope, the 2017 legacy records) are detected, read and written back with their
main entity, and a malformed CTID is reported, never rewritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ctdl_helpers import FIXTURES

import lerbridge

EXPECTED = {
    # file: (CTDL class of the main entity, its CTID exactly as written)
    "legacy-2017_certification_cota.json": (
        "ceterms:Certification",
        "ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47",
    ),
    "legacy-2017_assessmentprofile_crna.json": ("ceterms:AssessmentProfile", None),
    "registry-assistant_certification_detailed_graph.json": ("ceterms:Certification", None),
    "registry-envelope_credentialorganization.json": ("ceterms:CredentialOrganization", None),
}


def _nodes(doc: object) -> list[dict[str, object]]:
    if isinstance(doc, dict) and "@graph" in doc:
        return [n for n in doc["@graph"] if isinstance(n, dict)]
    return [doc] if isinstance(doc, dict) else []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_registry_sample_round_trip(upstream: Path, name: str) -> None:
    path = upstream / "ctdl" / name
    assert lerbridge.detect(path) == "ctdl"
    cls, ctid = EXPECTED[name]
    result = lerbridge.convert(path, to="ctdl")
    written = [n for d in result.documents for n in _nodes(json.loads(d.data))]
    main = [n for n in written if n.get("@type") == cls]
    assert main, [n.get("@type") for n in written]
    if ctid is not None:
        assert main[0]["ceterms:ctid"] == ctid  # reported, never rewritten
        [entry] = [
            e
            for e in result.report.by_code("source-schema-violation")
            if e.source_path == "/ceterms:ctid"
        ]
        assert entry.message.startswith("malformed CTID") and entry.excerpt == ctid


def test_registry_samples_are_listed(upstream: Path) -> None:
    present = sorted(p.name for p in (upstream / "ctdl").glob("*.json"))
    assert present == sorted(FIXTURES)  # every CTDL file has its place in the CTDL tests
    assert set(EXPECTED) <= set(present)
