"""The CTDL files shipped in fixtures/ (Apache-2.0) read and write back without ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
def test_shipped_ctdl_round_trip(shipped: Path, name: str) -> None:
    path = shipped / "ctdl" / name
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


def test_shipped_ctdl_files_are_listed(shipped: Path) -> None:
    assert sorted(p.name for p in (shipped / "ctdl").glob("*.json")) == sorted(EXPECTED)
