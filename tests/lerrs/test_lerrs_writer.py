"""LER-RS writing: type URL policy, bare vs VC-wrapped, the lerrsType form."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from lerrs_util import TYPE_44, TYPE_45, UC008, VCWRAPPER, load, read_lerrs, v2, write_json

from lerbridge.errors import WriteError
from lerbridge.model import Envelope, Profile
from lerbridge.specs.hropen_json import VC_WRAPPER_ROOT, validate_lerrs


def _bare(shared_dir: Path, name: str = VCWRAPPER, type_url: str = TYPE_44) -> dict[str, Any]:
    body = copy.deepcopy(load(v2(shared_dir, name))["credentialSubject"])
    body["type"] = type_url
    return body


def test_bare_44_written_back_bare_44(shared_dir: Path) -> None:
    rec, _ = read_lerrs(_bare(shared_dir))
    assert rec.provenance is not None and rec.provenance.dialect == "4.4/bare"
    out, _ = write_json(rec)
    assert out["type"] == TYPE_44
    assert "credentialSubject" not in out and "proof" not in out
    assert out["person"]["name"]["formattedName"] == "Gunilla Klein"
    assert validate_lerrs(out) == []  # strict: the 4.4 URL is the published enum


def test_type_url_forced_45(shared_dir: Path) -> None:
    rec, _ = read_lerrs(_bare(shared_dir))
    out, _ = write_json(rec, lerrs_type_url="4.5")
    assert out["type"] == TYPE_45
    assert "credentialSubject" not in out
    assert validate_lerrs(out, accept_45_type=True) == []


def test_type_url_unknown_is_write_error(shared_dir: Path) -> None:
    rec, _ = read_lerrs(_bare(shared_dir))
    with pytest.raises(WriteError, match=r"4\.6"):
        write_json(rec, lerrs_type_url="4.6")


def test_bare_wrapped_on_request_needs_issuer_and_date(shared_dir: Path) -> None:
    rec, _ = read_lerrs(_bare(shared_dir))
    with pytest.raises(WriteError, match="issuer"):
        write_json(rec, lerrs_vc=True)


def test_bare_wrapped_on_request(shared_dir: Path) -> None:
    rec, _ = read_lerrs(_bare(shared_dir))
    env = (rec.envelope or Envelope()).model_copy(
        update={
            "issuer": Profile(id="https://builder.example.org"),
            "valid_from": "2024-01-01T00:00:00Z",
        }
    )
    rec = rec.model_copy(update={"envelope": env})
    out, _ = write_json(rec, lerrs_vc=True)
    assert out["issuer"] == "https://builder.example.org"
    assert out["issuanceDate"] == "2024-01-01T00:00:00Z"
    assert "VerifiableCredential" in out["type"]
    subject = out["credentialSubject"]
    assert subject["type"] == TYPE_44
    assert subject["person"]["name"]["given"] == "Gunilla"
    assert validate_lerrs(out, VC_WRAPPER_ROOT) == []


def test_wrapped_sample_written_bare_on_request(shared_dir: Path) -> None:
    src = load(v2(shared_dir, UC008))
    rec, _ = read_lerrs(src)
    out, _report = write_json(rec, lerrs_vc=False)
    assert "credentialSubject" not in out and "proof" not in out and "issuer" not in out
    assert out["type"] == TYPE_45
    assert out["documentId"] == src["credentialSubject"]["documentId"]
    assert out["certifications"] == src["credentialSubject"]["certifications"]
    assert validate_lerrs(out, accept_45_type=True) == []


def test_wrapped_sample_stays_wrapped_by_default(shared_dir: Path) -> None:
    rec, _ = read_lerrs(load(v2(shared_dir, VCWRAPPER)))
    out, _ = write_json(rec)
    assert out["credentialSubject"]["type"] == TYPE_45
    assert out["type"] == ["VerifiableCredential", "LER-RS VC"]
    assert validate_lerrs(out, VC_WRAPPER_ROOT) == []


def test_lerrs_type_form_read_and_written_back(shared_dir: Path) -> None:
    src = load(v2(shared_dir, VCWRAPPER))
    body = src.pop("credentialSubject")
    body["type"] = TYPE_44
    src["credentialSubject"] = {"id": "did:example:gunilla", "lerrsType": body}
    src.pop("proof")
    rec, _ = read_lerrs(src)
    assert rec.provenance is not None and rec.provenance.dialect == "4.4/lerrsType"
    assert rec.person is not None and rec.person.id == "did:example:gunilla"
    assert rec.person.name is not None and rec.person.name.given == "Gunilla"
    out, _ = write_json(rec)
    assert set(out["credentialSubject"]) == {"id", "lerrsType"}
    assert out["credentialSubject"]["id"] == "did:example:gunilla"
    inner = out["credentialSubject"]["lerrsType"]
    assert inner["type"] == TYPE_44
    assert inner["skills"] == body["skills"]
    assert "person" not in out["credentialSubject"]
    assert validate_lerrs(out, VC_WRAPPER_ROOT) == []


def test_person_id_written_to_credential_subject(shared_dir: Path) -> None:
    src = load(v2(shared_dir, VCWRAPPER))
    src["credentialSubject"]["id"] = "did:example:gunilla"
    rec, _ = read_lerrs(src)
    out, _ = write_json(rec)
    assert out["credentialSubject"]["id"] == "did:example:gunilla"
    assert "id" not in out["credentialSubject"]["person"]


def test_keep_proofs_off_drops_wrapper_proof(shared_dir: Path) -> None:
    rec, _ = read_lerrs(load(v2(shared_dir, VCWRAPPER)))
    out, report = write_json(rec, keep_proofs=False)
    assert "proof" not in out
    assert any(
        e.code == "proof-invalidated" and e.canonical_path == "envelope.credential.proofs"
        for e in report.entries
    )
