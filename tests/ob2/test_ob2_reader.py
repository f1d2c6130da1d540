"""Reading OB 2.0: linked documents from every kind of input, signed assertions, recipient
identities, the legacy upgrade, and the OB 2.0 terms that reach OB 3.0."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.cli import main

V2 = "https://w3id.org/openbadges/v2"
SALT = "pepper"
EMAIL = "learner@example.org"
HASH = "sha256$" + hashlib.sha256((EMAIL + SALT).encode()).hexdigest()


def _assertion(**extra: Any) -> dict[str, Any]:
    doc = {
        "@context": V2,
        "type": "Assertion",
        "id": "https://issuer.example/a/1",
        "recipient": {"type": "email", "hashed": True, "salt": SALT, "identity": HASH},
        "badge": "https://issuer.example/badges/b1",
        "issuedOn": "2020-03-04T05:06:07Z",
        "verification": {"type": "hosted"},
    }
    doc.update(extra)
    return doc


BADGE = {
    "@context": V2,
    "type": "BadgeClass",
    "id": "https://issuer.example/badges/b1",
    "name": "Bridge Builder",
    "description": "Built a bridge.",
    "image": "https://issuer.example/badges/b1.png",
    "criteria": "https://issuer.example/badges/b1/criteria",
    "issuer": "https://issuer.example/org",
}
ISSUER = {
    "@context": V2,
    "type": "Issuer",
    "id": "https://issuer.example/org",
    "name": "Issuer Org",
    "url": "https://issuer.example",
    "email": "badges@issuer.example",
}


def _check_linked(record: Any) -> None:
    assert [a.name for a in record.achievements] == [{"und": "Bridge Builder"}]
    assert record.awards[0].issuer.id == "https://issuer.example/org"
    assert record.awards[0].issuer.email == "badges@issuer.example"


def test_json_array_of_nodes() -> None:
    record, report = lerbridge.read([_assertion(), BADGE, ISSUER])
    _check_linked(record)
    assert not [e for e in report if e.code == "unresolved-reference"]


def test_graph_of_nodes() -> None:
    record, _ = lerbridge.read({"@context": V2, "@graph": [ISSUER, BADGE, _assertion()]}, "ob2")
    _check_linked(record)


def test_resolve_folder_by_id_and_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "badge.json").write_text(json.dumps(BADGE))
    # an OB 1.0 issuer file carries no id: found by the last segment of the IRI
    (tmp_path / "org").write_text(json.dumps({k: v for k, v in ISSUER.items() if k != "id"}))
    record, report = lerbridge.read(_assertion(), "ob2", resolve=[tmp_path])
    _check_linked(record)
    assert not [e for e in report if e.severity != "info"]


def test_resolve_map(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text(json.dumps({k: v for k, v in BADGE.items() if k != "id"}))
    (tmp_path / "i.json").write_text(json.dumps(ISSUER))
    table = {BADGE["id"]: "b.json", ISSUER["id"]: "i.json"}
    (tmp_path / "map.json").write_text(json.dumps(table))
    record, _ = lerbridge.read(_assertion(), "ob2", resolve_map=tmp_path / "map.json")
    _check_linked(record)
    assert record.achievements[0].id == BADGE["id"]
    record2, _ = lerbridge.read(
        _assertion(), "ob2", resolve_map={k: tmp_path / v for k, v in table.items()}
    )
    assert record2.model_dump() == record.model_dump()


def test_several_files_on_the_command_line(tmp_path: Path, runner: Any) -> None:
    paths = []
    for name, doc in (("a.json", _assertion()), ("b.json", BADGE), ("i.json", ISSUER)):
        (tmp_path / name).write_text(json.dumps(doc))
        paths.append(str(tmp_path / name))
    result = runner.invoke(main, ["convert", *paths, "--to", "ob3", "-q"])
    assert result.exit_code == 0, result.output
    cred = json.loads(result.stdout)
    assert cred["credentialSubject"]["achievement"]["name"] == "Bridge Builder"
    assert cred["issuer"]["id"] == "https://issuer.example/org"
    assert specs.validate(cred, "ob3/achievementcredential") == []


def test_cli_resolve_options(tmp_path: Path, runner: Any) -> None:
    (tmp_path / "a.json").write_text(json.dumps(_assertion()))
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "b.json").write_text(json.dumps(BADGE))
    (tmp_path / "i.json").write_text(json.dumps(ISSUER))
    (tmp_path / "map.json").write_text(json.dumps({ISSUER["id"]: "i.json"}))
    args = ["convert", str(tmp_path / "a.json"), "--to", "ob2", "-q"]
    args += ["--resolve", str(tmp_path / "linked"), "--resolve-map", str(tmp_path / "map.json")]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["badge"]["issuer"]["email"] == "badges@issuer.example"


def test_resolve_is_refused_for_other_formats(shipped: Path) -> None:
    with pytest.raises(lerbridge.LerbridgeError, match=r"Open Badges 2\.0 input only"):
        lerbridge.read(shipped / "ob3" / "lerbridge-welding-certificate.json", resolve=[shipped])


def test_unresolved_iri_is_kept_and_reported() -> None:
    record, report = lerbridge.read(_assertion(endorsement="https://else.example/e/9"), "ob2")
    assert record.awards[0].achievement_id == BADGE["id"]
    unresolved = [e for e in report if e.code == "unresolved-reference"]
    assert [(e.source_path, e.excerpt) for e in unresolved] == [
        ("/badge", BADGE["id"]),
        ("/endorsement", "https://else.example/e/9"),
    ]
    docs, _ = lerbridge.write(record, "ob2")
    out = json.loads(docs[0].data)
    assert out["badge"] == BADGE["id"] and out["endorsement"] == "https://else.example/e/9"


def _jws(payload: dict[str, Any]) -> bytes:
    def b64(obj: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    return f"{b64({'alg': 'RS256'})}.{b64(payload)}.c2lnbmF0dXJl".encode()


def test_signed_assertion_is_read_and_reported_unverified(tmp_path: Path) -> None:
    token = _jws(_assertion(verification={"type": "signed", "creator": "https://i.example/k"}))
    assert lerbridge.detect(token) == "ob2"
    record, report = lerbridge.read(token)
    assert [e.code for e in report if e.code == "unverified-signature"] == ["unverified-signature"]
    assert record.provenance.signed and record.provenance.dialect == "ob2.0+jws"
    assert record.awards[0].credential.proofs[0].jws == token.decode()
    (tmp_path / "b.json").write_text(json.dumps(BADGE))
    (tmp_path / "i.json").write_text(json.dumps(ISSUER))
    result = lerbridge.convert(token, to="ob3", from_="ob2", resolve=[tmp_path])
    assert "proof-invalidated" in {e.code for e in result.report}
    assert "proof" not in json.loads(result.documents[0].data)


def test_hashed_recipient_stays_verifiable_through_ob3(shipped: Path) -> None:
    src = shipped / "ob2" / "lerbridge-welding-assertion.json"
    ob3 = json.loads(lerbridge.convert(src, to="ob3").documents[0].data)
    ident = ob3["credentialSubject"]["identifier"][0]
    assert ident["identityType"] == "emailAddress" and ident["hashed"] is True
    expected = (
        "sha256$" + hashlib.sha256(b"amara.okafor@example.net" + b"riverstone-42").hexdigest()
    )
    assert ident["identityHash"] == expected and ident["salt"] == "riverstone-42"
    back = json.loads(lerbridge.convert(json.dumps(ob3), to="ob2").documents[0].data)
    salted = (b"amara.okafor@example.net" + back["recipient"]["salt"].encode()).decode()
    assert back["recipient"]["identity"] == "sha256$" + hashlib.sha256(salted.encode()).hexdigest()
    assert back["recipient"]["hashed"] is True and back["recipient"]["type"] == "email"


def test_plain_recipient_with_salt_kept() -> None:
    rcpt = {"type": "email", "hashed": False, "salt": "s1", "identity": EMAIL}
    record, _ = lerbridge.read([_assertion(recipient=rcpt), BADGE, ISSUER])
    ident = record.awards[0].recipient.identifiers[0]
    assert (ident.value, ident.scheme, ident.hashed, ident.salt) == (EMAIL, "email", False, "s1")
    out = json.loads(lerbridge.write(record, "ob2")[0][0].data)
    assert out["recipient"] == rcpt


def test_terms_of_the_shipped_assertion(shipped: Path) -> None:
    record, _ = lerbridge.read(shipped / "ob2" / "lerbridge-welding-assertion.json")
    award, ach = record.awards[0], record.achievements[0]
    assert award.valid_from == "2024-05-17T15:30:00-05:00"
    assert award.valid_until == "2027-05-17T15:30:00-05:00"
    assert [e.id for e in award.evidence] == [
        "https://portfolio.lerbridge.example/amara/welds",
        "https://portfolio.lerbridge.example/amara/log",
    ]
    assert award.evidence[0].genre == "Photograph"
    assert award.subject_image.id.endswith("weld-7f3a/image.png")
    assert "extensions:RecipientProfile" in award.extensions["ob2"]
    assert ach.in_language == "en" and ach.version == "2.1" and ach.tags[0] == "welding"
    # @language names the language of the BadgeClass's texts
    assert ach.name == {"en": "Structural Welding, Level 2"}
    assert ach.criteria.narrative["en"].startswith("1. Pass")
    assert ach.image.caption == {"en": "A torch over an I-beam"}
    assert ach.alignments[0].target_name == {"en": "Fillet weld, flat position"}
    assert ach.image.extensions["ob2"]["author"].endswith("design-team")
    assert [(a.target_code, a.target_framework) for a in ach.alignments] == [
        ("W-FF-1", "Shop Standards 2024"),
        (None, None),
    ]
    assert [(r.id[-2:], r.in_language) for r in ach.related] == [("es", "es")]
    assert ach.endorsements[0].comment == {"und": "Matches the guild's level-2 practical exam."}
    assert ach.creator.phone == "+1-555-0142"
    assert ach.creator.extensions["ob2"]["revocationList"].endswith("/revoked")
    assert "extensions:ApplyLink" in ach.extensions["ob2"]


def test_image_forms() -> None:
    data_uri = "data:image/png;base64,iVBORw0KGgo="
    badge = {**BADGE, "image": {"id": data_uri, "caption": "c"}}
    record, _ = lerbridge.read([_assertion(image=data_uri), badge, ISSUER])
    assert record.awards[0].subject_image.id == data_uri
    assert record.achievements[0].image.id == data_uri
    out = json.loads(lerbridge.write(record, "ob2")[0][0].data)
    assert out["image"] == data_uri and out["badge"]["image"] == {"id": data_uri, "caption": "c"}


def test_telephone_becomes_phone_and_back() -> None:
    issuer = {**ISSUER, "telephone": "+44 20 7946 0000"}
    ob3 = lerbridge.convert([_assertion(), BADGE, issuer], to="ob3", from_="ob2")
    cred = json.loads(ob3.documents[0].data)
    assert cred["issuer"]["phone"] == "+44 20 7946 0000"
    back = json.loads(lerbridge.convert(ob3.documents[0].data, to="ob2").documents[0].data)
    assert back["badge"]["issuer"]["telephone"] == "+44 20 7946 0000"


def test_dates_and_evidence_correspondence() -> None:
    doc = _assertion(expires="2030-01-01T00:00:00Z", evidence="https://e.example/1")
    cred = json.loads(lerbridge.convert([doc, BADGE, ISSUER], to="ob3").documents[0].data)
    assert cred["validFrom"] == "2020-03-04T05:06:07Z"
    assert cred["validUntil"] == "2030-01-01T00:00:00Z"
    assert cred["evidence"] == [{"id": "https://e.example/1", "type": ["Evidence"]}]
    assert "evidence" not in cred["credentialSubject"]


def test_pre_2_0_shapes_found_in_baked_images() -> None:
    """Payloads old bakers wrote: a draft-1.0 ``identity`` object, a typeless recipient,
    date-only issuedOn, ``verify.url`` as the id. Detected and read as OB 2.0."""
    draft = {
        "uid": "u-1",
        "identity": {"recipient": "sha256$" + "c" * 64, "type": "email", "hashed": True},
        "verify": {"type": "hosted", "url": "https://old.example/a.json"},
        "issuedOn": "2013-11-05",
        "badge": "https://old.example/badge.json",
    }
    typeless = {
        "uid": "123",
        "issuedOn": "2015-04-01",
        "badge": "https://old.example/badge.json",
        "recipient": {"identity": "test@example.com", "hashed": False},
        "verify": {"type": "hosted", "url": "https://old.example/b.json"},
    }
    for doc in (draft, typeless):
        assert lerbridge.detect(json.dumps(doc)) == "ob2"
        record, report = lerbridge.read(json.dumps(doc).encode())
        award = record.awards[0]
        assert award.id == doc["verify"]["url"]
        assert award.valid_from == doc["issuedOn"] + "T00:00:00Z"
        assert award.recipient.identifiers[0].scheme == "email"
        assert record.provenance.dialect == "ob1.0"
        assert "unresolved-reference" in {e.code for e in report}
    assert lerbridge.read(json.dumps(draft))[0].awards[0].recipient.identifiers[0].hashed


def test_the_same_endorsement_linked_twice_is_resolved_twice() -> None:
    end = {
        "@context": V2,
        "type": "Endorsement",
        "id": "https://e.example/1",
        "issuer": ISSUER["id"],
        "issuedOn": "2020-01-01T00:00:00Z",
        "claim": {"id": BADGE["id"], "endorsementComment": "Good"},
        "verification": {"type": "hosted"},
    }
    badge = {**BADGE, "endorsement": [end["id"]]}
    record, report = lerbridge.read([_assertion(endorsement=end["id"]), badge, ISSUER, end])
    assert [e.comment for e in record.awards[0].endorsements] == [{"und": "Good"}]
    assert [e.comment for e in record.achievements[0].endorsements] == [{"und": "Good"}]
    assert record.achievements[0].endorsements[0].issuer.email == ISSUER["email"]
    assert not [e for e in report if e.code == "unresolved-reference"]
