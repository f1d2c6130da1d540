"""OB 3.0 -> canonical -> OB 3.0 round trips: JSON-LD-equal output, the canonical JSON form
as a lossless intermediate, extensions kept, proofs kept only while they still hold,
deterministic ids and bytes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.formats.vc import normalize

#: The fixtures written for lerbridge (``fixtures/ob3``); all of them have zero errors
#: against the VC 2.0 build of their official schema.
SHIPPED_VALID = ["lerbridge-welding-certificate.json"]
SHIPPED_ALL = sorted(SHIPPED_VALID)
SHARED_VALID = [
    "1edtech-validator/simple-context-alias.json",
    "1edtech-validator/simple-did-key-method.json",
    "1edtech-validator/simple-multiple-proofs.json",
    "1edtech-validator/simple.json",
    "edubadges-examples/mbob_eo_eov_regular_full.json",
    "edubadges-examples/ref_minimal_valid_obv3.json",
    "edubadges-examples/theed_extracurricular_embedded_ho.json",
    "edubadges-examples/theed_microcredential_full_ho.json",
    "edubadges-examples/uvh_at_microcredential_full_1.json",
    "invalid/simple-err-expired.json",
    "spec-examples/basic-teamwork.json",
    "spec-examples/complete-unsigned.json",
    "spec-examples/docformat-sample.json",
    "spec-examples/endorsement.json",
    "spec-examples/skill-assertion-case.json",
]
SHARED_OB3 = "fixtures-upstream/openbadges/ob3"
UPSTREAM_OB3 = "openbadges/ob3"  # under ../shared/fixtures-upstream
#: The upstream documents the determinism tests convert (under UPSTREAM_OB3), and those of
#: them with zero errors against the VC 2.0 build of their official schema.
PINNED_VALID = [
    "1edtech-validator/simple.json",
    "spec-examples/basic-teamwork.json",
    "spec-examples/complete-unsigned.json",
    "spec-examples/endorsement.json",
    "spec-examples/skill-assertion-case.json",
]
PINNED_ALL = sorted(
    [
        *PINNED_VALID,
        "1edtech-validator/complete_v1.json",
        "1edtech-validator/simple.jwt",
        "dcc-verifier-core/v2EddsaWithValidStatus.json",
    ]
)


def _schema_for(doc: dict) -> str:
    if "EndorsementCredential" in doc.get("type", []):
        return "ob3/endorsementcredential"
    return "ob3/achievementcredential"


def _schema_valid(folder: Path) -> list[str]:
    out = []
    for p in sorted(folder.rglob("*.json")):
        rel = p.relative_to(folder)
        if "contexts" in rel.parts:
            continue
        doc = json.loads(p.read_bytes())
        if isinstance(doc, dict) and not specs.validate(doc, _schema_for(doc)):
            out.append(rel.as_posix())
    return out


def test_shipped_schema_valid_list_is_complete(shipped: Path) -> None:
    assert _schema_valid(shipped / "ob3") == SHIPPED_VALID
    assert sorted(p.name for p in (shipped / "ob3").iterdir()) == SHIPPED_ALL


def test_shared_schema_valid_list_is_complete(shared_dir: Path) -> None:
    assert _schema_valid(shared_dir / SHARED_OB3) == SHARED_VALID


def test_pinned_upstream_schema_valid_list_is_complete(upstream: Path) -> None:
    folder = upstream / UPSTREAM_OB3
    assert all((folder / rel).is_file() for rel in PINNED_ALL)
    valid = [rel for rel in _schema_valid(folder) if rel in PINNED_ALL]
    assert valid == PINNED_VALID


def _roundtrip(path: Path) -> None:
    source = json.loads(path.read_bytes())
    direct = lerbridge.convert(path, to="ob3")
    assert len(direct.documents) == 1
    assert normalize(json.loads(direct.documents[0].data)) == normalize(source)
    canonical = lerbridge.convert(path, to="canonical")
    assert len(canonical.documents) == 1
    again = lerbridge.convert(canonical.documents[0].data, to="ob3")
    assert again.source_format == "canonical"
    assert [d.data for d in again.documents] == [d.data for d in direct.documents]


@pytest.mark.parametrize("name", SHIPPED_VALID)
def test_shipped_roundtrip(shipped: Path, name: str) -> None:
    _roundtrip(shipped / "ob3" / name)


@pytest.mark.parametrize("rel", SHARED_VALID)
def test_shared_roundtrip(shared_dir: Path, rel: str) -> None:
    _roundtrip(shared_dir / SHARED_OB3 / rel)


# --- unknown terms ------------------------------------------------------------------------


def test_unknown_term_kept_and_reported(shipped: Path) -> None:
    result = lerbridge.convert(shipped / "ob3/lerbridge-welding-certificate.json", to="ob3")
    doc = json.loads(result.documents[0].data)
    assert doc["credentialSubject"]["apprenticeHours"] == 1840
    [entry] = result.report.by_code("unmapped-source-field")
    assert entry.source_path == "/credentialSubject/apprenticeHours"
    assert entry.source_format == "ob3"
    assert entry.severity == "info"
    assert entry.excerpt == "1840"
    assert result.record.awards[0].extensions == {
        "ob3": {"credentialSubject/apprenticeHours": 1840}
    }


EDUBADGES_TERMS = {
    "type": ["Achievement", "EducredentialAchievement"],
    "educationProgramIdentifier": 20121345,
    "SBU": 3000,
    "participationType": "onsite or blended",
    "assessmentType": "testing",
    "supervisionType": "onsite with identity verification",
    "identityChecked": True,
}


def test_edubadges_extension_terms_kept(shared_dir: Path) -> None:
    path = shared_dir / SHARED_OB3 / "edubadges-examples/mbob_eo_eov_regular_full.json"
    result = lerbridge.convert(path, to="ob3")
    achievement = json.loads(result.documents[0].data)["credentialSubject"]["achievement"]
    for term, value in EDUBADGES_TERMS.items():
        assert achievement[term] == value, term
    pointers = [e.source_path for e in result.report.by_code("unmapped-source-field")]
    assert sorted(pointers) == sorted(
        f"/credentialSubject/achievement/{t}" for t in EDUBADGES_TERMS
    )
    [ctx] = result.report.by_code("unknown-context")
    assert ctx.source_path == "/@context"
    assert (ctx.excerpt or "").startswith("https://raw.githubusercontent.com/educredentials/")


# --- proofs ---------------------------------------------------------------------------------


def test_signed_credential_keeps_its_proof(upstream: Path) -> None:
    path = upstream / "openbadges/ob3/1edtech-validator/simple.json"
    result = lerbridge.convert(path, to="ob3")
    doc = json.loads(result.documents[0].data)
    assert doc["proof"] == json.loads(path.read_bytes())["proof"]
    assert "proof-invalidated" not in result.report.codes()
    assert result.record.provenance.signed is True


def test_changed_credential_drops_its_proof(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / "openbadges/ob3/1edtech-validator/simple.json")
    [achievement] = record.achievements
    assert achievement.name == {"und": "Teamwork"}
    changed = achievement.model_copy(update={"name": {"und": "Teamwork (revised)"}})
    docs, report = lerbridge.write(record.model_copy(update={"achievements": [changed]}), "ob3")
    doc = json.loads(docs[0].data)
    assert "proof" not in doc
    assert doc["credentialSubject"]["achievement"]["name"] == "Teamwork (revised)"
    [entry] = report.by_code("proof-invalidated")
    assert entry.canonical_path == "awards[0].credential.proofs[0]"
    assert entry.target_format == "ob3"
    # the unchanged record still writes the proof
    docs, report = lerbridge.write(record, "ob3")
    assert "proof" in json.loads(docs[0].data)
    assert report.by_code("proof-invalidated") == []


def test_edited_canonical_json_drops_the_proof(upstream: Path) -> None:
    canonical = lerbridge.convert(
        upstream / "openbadges/ob3/1edtech-validator/simple.json", to="canonical"
    )
    data = json.loads(canonical.documents[0].data)
    data["achievements"][0]["name"] = {"und": "Edited by hand"}
    result = lerbridge.convert(json.dumps(data).encode(), to="ob3")
    assert "proof" not in json.loads(result.documents[0].data)
    assert result.report.codes().count("proof-invalidated") == 1


def test_drop_proofs_on_request(upstream: Path) -> None:
    result = lerbridge.convert(
        upstream / "openbadges/ob3/1edtech-validator/simple.json", to="ob3", keep_proofs=False
    )
    assert "proof" not in json.loads(result.documents[0].data)
    [entry] = result.report.by_code("proof-invalidated")
    assert "proofs dropped on request" in entry.message


def test_vc_jwt_signature_not_carried_into_json(upstream: Path) -> None:
    result = lerbridge.convert(upstream / "openbadges/ob3/1edtech-validator/simple.jwt", to="ob3")
    doc = json.loads(result.documents[0].data)
    [unverified] = result.report.by_code("unverified-signature")
    assert unverified.source_path == "#header"
    assert "RS256" in unverified.message
    [dropped] = result.report.by_code("proof-invalidated")
    assert dropped.canonical_path == "awards[0].credential.proofs[0]"
    assert "proof" not in doc
    assert doc["validFrom"] == "2010-01-01T00:00:00Z"
    assert "issuanceDate" not in doc
    assert result.record.awards[0].valid_from == "2010-01-01T00:00:00Z"
    assert doc["id"] == "http://example.edu/credentials/3732"
    assert doc["credentialSubject"]["id"] == "did:example:ebfeb1f712ebc6f1c276e12ec21"
    assert specs.validate(doc, "ob3/achievementcredential") == []


def test_vc11_upgraded_to_vc2(upstream: Path) -> None:
    path = upstream / "openbadges/ob3/1edtech-validator/complete_v1.json"
    source = json.loads(path.read_bytes())
    assert source["@context"][0] == "https://www.w3.org/2018/credentials/v1"
    result = lerbridge.convert(path, to="ob3")
    doc = json.loads(result.documents[0].data)
    assert specs.validate(doc, "ob3/achievementcredential") == []
    assert doc["@context"][:2] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert doc["validFrom"] == source["issuanceDate"]
    assert "issuanceDate" not in doc and "expirationDate" not in doc
    upgraded = result.report.by_code("dialect-upgraded")
    assert [e.source_path for e in upgraded if e.source_path] == ["/"]
    assert result.record.provenance.dialect == "vc1.1"


# --- determinism ------------------------------------------------------------------------------


def test_missing_id_minted_deterministically(upstream: Path) -> None:
    source = json.loads(
        (upstream / "openbadges/ob3/spec-examples/basic-teamwork.json").read_bytes()
    )
    del source["id"]
    first = lerbridge.convert(json.dumps(source).encode(), to="ob3")
    second = lerbridge.convert(json.dumps(source, indent=4).encode(), to="ob3")
    minted = json.loads(first.documents[0].data)["id"]
    assert minted.startswith("urn:uuid:")
    assert len(minted) == len("urn:uuid:") + 36
    assert json.loads(second.documents[0].data)["id"] == minted
    assert first.documents[0].data == second.documents[0].data
    [entry] = first.report.by_code("value-synthesized")
    assert entry.canonical_path == "awards[0].id"
    assert entry.excerpt == minted
    assert [e.source_path for e in first.report.by_code("source-schema-violation")] == ["/id"]


def test_minted_id_depends_on_content(upstream: Path) -> None:
    source = json.loads(
        (upstream / "openbadges/ob3/spec-examples/basic-teamwork.json").read_bytes()
    )
    del source["id"]
    one = json.loads(lerbridge.convert(json.dumps(source).encode(), to="ob3").documents[0].data)
    source["name"] = "Another badge"
    two = json.loads(lerbridge.convert(json.dumps(source).encode(), to="ob3").documents[0].data)
    assert one["id"] != two["id"]


def _same_input_same_bytes(path: Path, target: str) -> None:
    first = lerbridge.convert(path, to=target)
    second = lerbridge.convert(path.read_bytes(), to=target)
    assert [d.data for d in first.documents] == [d.data for d in second.documents]
    assert [d.name for d in first.documents] == [d.name for d in second.documents]
    assert first.report.to_dict() == second.report.to_dict()


@pytest.mark.parametrize("name", SHIPPED_ALL)
@pytest.mark.parametrize("target", ["ob3", "canonical"])
def test_same_input_same_bytes(shipped: Path, name: str, target: str) -> None:
    _same_input_same_bytes(shipped / "ob3" / name, target)


@pytest.mark.parametrize("rel", PINNED_ALL)
@pytest.mark.parametrize("target", ["ob3", "canonical"])
def test_upstream_same_input_same_bytes(upstream: Path, rel: str, target: str) -> None:
    _same_input_same_bytes(upstream / UPSTREAM_OB3 / rel, target)


_DIGESTS = """
import hashlib, json, sys
from pathlib import Path
import lerbridge
out = {}
for name in sys.argv[2:]:
    for target in ("ob3", "canonical"):
        r = lerbridge.convert(Path(sys.argv[1]) / name, to=target)
        blob = b"".join(d.data for d in r.documents) + json.dumps(r.report.to_dict()).encode()
        out[f"{name}>{target}"] = hashlib.sha256(blob).hexdigest()
print(json.dumps(out, sort_keys=True))
"""


def _same_bytes_across_processes(folder: Path, names: list[str]) -> None:
    """Set and dict order must not leak into the output: other hash seeds, same bytes."""
    expected = {}
    for name in names:
        for target in ("ob3", "canonical"):
            r = lerbridge.convert(folder / name, to=target)
            blob = b"".join(d.data for d in r.documents)
            blob += json.dumps(r.report.to_dict()).encode()
            expected[f"{name}>{target}"] = hashlib.sha256(blob).hexdigest()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _DIGESTS, str(folder), *names],
            capture_output=True,
            env=env,
            timeout=300,
            check=True,
        )
        assert json.loads(proc.stdout) == expected, f"PYTHONHASHSEED={seed}"


def test_same_bytes_across_processes(shipped: Path) -> None:
    _same_bytes_across_processes(shipped / "ob3", SHIPPED_ALL)


def test_upstream_same_bytes_across_processes(upstream: Path) -> None:
    _same_bytes_across_processes(upstream / UPSTREAM_OB3, PINNED_ALL)
