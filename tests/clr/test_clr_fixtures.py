"""Every upstream CLR file in ../shared, against an explicit table of what lerbridge must do
with it: read it (leniently when it breaks its schema), record its dialect, and write it back
as a CLR 2.0 that passes the official schema with every nested credential a valid OB 3.0
credential; or, for the deliberately invalid file, fail the write with a clean WriteError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge import specs

CLR_DIR = "fixtures-upstream/clr"
NOT_CREDENTIALS = {"SOURCES.md"}

CLR = "clr/clrcredential"
ACH = "ob3/achievementcredential"

#: file -> what must happen.
#:   dialect: provenance.dialect of the record read.
#:   awards:  how many awards (nested credentials) the record holds.
#:   read / write: loss codes that must be in the read / write report; absent: must not.
#:   proofs:  (outer proofs, proofs per nested credential) the CLR written back keeps.
#:   kind "unwritable": reads leniently, with source-schema-violation entries at exactly the
#:   pointers in ``violations`` among others; writing raises WriteError.
EXPECT: dict[str, dict[str, Any]] = {
    "1edtech-obspec_clr2-testvector_signed.json": {
        "kind": "converts",
        "dialect": "vc2",
        "awards": 1,
        "read": {"unmapped-source-field"},  # AchievementCredential alias kept for ob3
        "write": set(),
        "absent": {"proof-invalidated", "source-schema-violation"},
        "proofs": (1, [1]),
    },
    "1edtech-validator_clr2-complex_vc1-signed.json": {
        "kind": "converts",
        "dialect": "vc1.1-draft",
        "awards": 6,
        "read": {"dialect-upgraded", "source-schema-violation", "unresolved-reference"},
        "write": {"dialect-upgraded", "proof-invalidated"},
        "proofs": (0, [0] * 6),
    },
    "1edtech-validator_clr2-simple-noproof_draft-context.json": {
        "kind": "converts",
        "dialect": "vc1.1-draft",
        "awards": 1,
        "read": {"dialect-upgraded", "source-schema-violation", "unknown-context"},
        "write": {"dialect-upgraded"},
        "proofs": (0, [0]),
    },
    "learncard_clr2-multi-achievement_INVALID-no-verifiableCredential.json": {
        "kind": "unwritable",
        "dialect": "vc2",
        "awards": 0,
        "violations": {"/credentialSubject/verifiableCredential", "/@context"},
    },
    "learncard_clr2-nd-student-transcript_realworld.json": {
        "kind": "converts",
        "dialect": "vc2",
        "awards": 3,
        "read": {"unmapped-source-field"},
        "write": {"value-synthesized", "value-coerced"},  # criteria; validFrom without zone
        "proofs": (0, [0, 0, 0]),
    },
    "learncard_clr2-westbridge-full-transcript.json": {
        "kind": "converts",
        "dialect": "vc2",
        "awards": 29,
        "read": {"source-schema-violation", "value-coerced", "unknown-context"},
        "write": {"enum-approximated", "value-synthesized"},
        "proofs": (0, [0] * 29),
    },
    "ocp_clr1-nd-transcript.json": {
        "kind": "converts",
        "dialect": "clr1.0",
        "awards": 66,
        "read": {"dialect-upgraded", "unmapped-source-field", "no-target-field"},
        "write": {"no-target-field", "value-coerced"},
        "absent": {"proof-invalidated"},
        "proofs": (0, [0] * 66),
    },
}


def _folder(shared_dir: Path) -> Path:
    folder = shared_dir / CLR_DIR
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    return folder


def test_every_upstream_file_has_an_expectation(shared_dir: Path) -> None:
    present = {p.name for p in _folder(shared_dir).iterdir() if p.name not in NOT_CREDENTIALS}
    assert present == set(EXPECT), (
        f"new files need a row in EXPECT: {sorted(present - set(EXPECT))}; "
        f"rows without a file: {sorted(set(EXPECT) - present)}"
    )


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_upstream_clr(shared_dir: Path, name: str) -> None:
    exp = EXPECT[name]
    path = _folder(shared_dir) / name
    records, report = lerbridge.read_records(path)
    assert len(records) == 1
    rec = records[0]
    assert rec.provenance is not None
    assert rec.provenance.format == "clr"
    assert rec.provenance.dialect == exp["dialect"]
    assert len(rec.awards) == exp["awards"]

    if exp["kind"] == "unwritable":
        pointers = {e.source_path for e in report.by_code("source-schema-violation")}
        assert exp["violations"] <= pointers
        with pytest.raises(lerbridge.WriteError, match="no award"):
            lerbridge.write(rec, "clr")
        return

    assert exp["read"] <= set(report.codes()), sorted(set(report.codes()))
    docs, wreport = lerbridge.write(rec, "clr")
    assert len(docs) == 1
    assert exp["write"] <= set(wreport.codes()), sorted(set(wreport.codes()))
    for code in exp.get("absent", set()):
        assert code not in report.codes() + wreport.codes()

    out = json.loads(docs[0].data)
    assert specs.validate(out, CLR) == []
    nested = out["credentialSubject"]["verifiableCredential"]
    assert len(nested) == exp["awards"]
    for cred in nested:
        assert specs.validate(cred, ACH) == []
    outer, per_nested = exp["proofs"]
    assert len(out.get("proof", [])) == outer
    assert [len(c.get("proof", [])) for c in nested] == per_nested
    # the output reads back as CLR 2.0 final, with the same number of awards
    again, _ = lerbridge.read(docs[0].data, "clr")
    assert again.provenance is not None and again.provenance.dialect == "vc2"
    assert len(again.awards) == exp["awards"]
