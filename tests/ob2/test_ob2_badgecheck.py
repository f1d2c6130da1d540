"""lerbridge held to the expectations of 1EdTech's openbadges-validator-core (badgecheck)
test suite that hold offline. Each test names the badgecheck test it follows; documents
are written here (same shapes, lerbridge's own values). Linked documents badgecheck
fetches over HTTP are given to lerbridge as inputs instead. Deliberate differences are in
docs/ob2.md ("Agreement with badgecheck")."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge.formats.ob2.check import check

V2 = "https://w3id.org/openbadges/v2"
V1 = "https://w3id.org/openbadges/v1"


def _assertion(**extra: Any) -> dict[str, Any]:
    doc = {
        "@context": V2,
        "type": "Assertion",
        "id": "http://example.com/assertion",
        "badge": "http://example.com/badgeclass",
        "issuedOn": "2017-09-30T00:00Z",
        "recipient": {"identity": "recipient@example.com", "type": "email", "hashed": False},
        "verification": {"type": "HostedBadge"},
    }
    doc.update(extra)
    return doc


BADGE = {
    "@context": V2,
    "id": "http://example.com/badgeclass",
    "type": "BadgeClass",
    "issuer": "http://example.com/issuer",
    "name": "Best Badge",
    "description": "An achievement that is good.",
    "image": "http://example.com/badgeimage",
    "criteria": "http://example.com/badgecriteria",
}
ISSUER = {
    "@context": V2,
    "id": "http://example.com/issuer",
    "type": "Profile",
    "name": "Test Issuer",
    "email": "test@example.com",
    "url": "http://example.com",
}
ENDORSER = {**ISSUER, "id": "http://example.org/issuer", "email": "test@example.org"}
ENDORSEMENT = {
    "@context": V2,
    "id": "http://example.org/endorsement",
    "type": "Endorsement",
    "claim": {"id": BADGE["id"], "endorsementComment": "Pretty good"},
    "issuedOn": "2017-10-01T00:00Z",
    "issuer": ENDORSER["id"],
    "verification": {"type": "HostedBadge"},
}


def _pointers(doc: Any) -> set[str]:
    return {i.pointer for i in check(doc)}


def _upgrades(report: Any) -> dict[str, str]:
    """Upgrade entries by pointer, without the /N of the node's place in an input array."""
    return {
        re.sub(r"^/\d+(?=/|$)", "", e.source_path) or "/": e.message
        for e in report
        if e.code == "dialect-upgraded"
    }


# --- test_validation.py: PropertyValidationTests ------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "1977-06-10T12:00:00Z",
        "1977-06-10T12:00:00+0800",
        "1977-06-10T12:00:00-0800",
        "1977-06-10T12:00:00+08",
        "1977-06-10T12:00:00+08:00",
    ],
)
def test_datetime_with_zone_is_valid(value: str) -> None:  # test_basic_datetime_property_...
    assert _pointers(_assertion(issuedOn=value)) == set()


@pytest.mark.parametrize("value", ["1977-06-10T12:00:00", "notadatetime"])
def test_datetime_without_zone_is_invalid(value: str) -> None:
    assert _pointers(_assertion(issuedOn=value)) == {"/issuedOn"}


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("http://www.example.com:8080/", True),
        ("_:b0", True),
        ("_:b107", True),
        ("urn:uuid:9d278beb-36cf-4bc8-888d-674ff9843d72", True),
        ("urn:uuid:9D278beb-36cf-4bc8-888d-674ff9843d72", True),
        ("data:image/gif;base64,R0lGODlhyAAiALM...DfD0QAADs=", False),
        ("urn:uuid", False),
        ("urn:uuid:123", False),
        ("", False),
        ("urn:uuid:zz278beb-36cf-4bc8-888d-674ff9843d72", False),
    ],
)
def test_iri_validation(value: str, ok: bool) -> None:  # test_iri_validation
    assert _pointers(_assertion(id=value)) == (set() if ok else {"/id"})


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("http://www.example.com:8080/foo/bar", True),
        ("HTTPS://www.EXAMPLE.cOm/", True),
        ("http://142.42.1.1:8080/", True),
        ("http://foo.com/blah_(wikipedia)#cite-1", True),
        ("rdar://12345", False),
        ("h://test", False),
        ("http:// shouldfail.com", False),
        ("a", False),
        ("urn:uuid:9d278beb-36cf-4bc8-888d-674ff9843d72", False),
        ("data:image/gif;base64,R0lGODlhyAAiALM...DfD0QAADs=", False),
    ],
)
def test_url_validation(value: str, ok: bool) -> None:  # test_url_validation
    assert _pointers({**ISSUER, "url": value}) == (set() if ok else {"/url"})


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAUA", True),
        ("data:text/plain;charset=UTF-8;page=21,the%20data:1234,5678", True),
        ("data:,", True),
        ("http://www.example.com:8080/", True),
        ("data:image/gif", False),
        ("data:bad:path", False),
        ("urn:uuid:9d278beb-36cf-4bc8-888d-674ff9843d72", False),
        ("notanurl", False),
    ],
)
def test_image_data_uri_or_url(value: str, ok: bool) -> None:  # test_data_uri_or_url_...
    assert _pointers({**BADGE, "image": value}) == (set() if ok else {"/image"})


# --- test_validation.py: class validators and dependencies ----------------------------


@pytest.mark.parametrize(
    ("recipient", "bad"),
    [
        ({"type": "email", "hashed": True, "identity": "recipient@example.com"}, "/identity"),
        ({"type": "email", "hashed": False, "identity": "sha256$" + "a" * 64}, "/hashed"),
        ({"type": "email", "hashed": False, "identity": "not-an-email"}, "/identity"),
        ({"type": "email", "identity": "recipient@example.com"}, "/hashed"),
    ],
)
def test_identity_object_dependencies(recipient: dict[str, Any], bad: str) -> None:
    assert _pointers(_assertion(recipient=recipient)) == {"/recipient" + bad}


def test_criteria_needs_an_id_or_a_narrative() -> None:  # test_criteria_property_deps...
    assert _pointers({**BADGE, "criteria": {"narrative": "Do the thing."}}) == set()
    assert _pointers({**BADGE, "criteria": {"id": "http://example.com/c"}}) == set()
    assert _pointers({**BADGE, "criteria": {"name": "Criteria Name"}}) == {"/criteria"}


def test_expiration_before_issue_date_is_invalid() -> None:  # test_assertion_timestamp_...
    doc = _assertion(issuedOn="2017-01-01T00:00:00Z", expires="2016-01-01T00:00:00Z")
    assert _pointers(doc) == {"/expires"}


@pytest.mark.parametrize("prop", ["name", "url", "email", "id"])
def test_issuer_required_properties(prop: str) -> None:  # ClassValidators(Profile)
    assert _pointers({k: v for k, v in ISSUER.items() if k != prop}) == {f"/{prop}"}


@pytest.mark.parametrize("prop", ["id", "issuer", "name", "description", "criteria", "image"])
def test_badgeclass_required_properties(prop: str) -> None:  # ClassValidators(BadgeClass)
    assert _pointers({k: v for k, v in BADGE.items() if k != prop}) == {f"/{prop}"}


def test_class_is_named_by_type() -> None:  # validate_rdf_type_property must_contain_one
    assert _pointers({**BADGE, "type": ["BadgeClass", "extensions:Other"]}) == set()
    assert "/type" in _pointers({**ISSUER, "type": "Person"})


def test_verification_type_must_be_hosted_or_signed() -> None:
    assert _pointers(_assertion(verification={"type": "SignedBadge"})) == set()
    assert _pointers(_assertion(verification={"type": "magic"})) == {"/verification/type"}


def test_hosted_id_in_verification_scope() -> None:  # test_hosted_verification_object_...
    issuer = {**ISSUER, "verification": {"allowedOrigins": "example.com"}}
    doc = _assertion(badge={**BADGE, "issuer": issuer})
    assert _pointers(doc) == set()
    issuer["verification"] = {}  # the default policy: the issuer id's origin
    assert _pointers(doc) == set()
    issuer["verification"] = {"startsWith": "http://example.com/"}
    assert _pointers(doc) == set()
    issuer["verification"] = {"startsWith": "http://example.com/NOT"}
    assert _pointers(doc) == {"/id"}
    issuer["verification"] = {"startsWith": ["http://example.com/NOT", "http://example.com/ALSO"]}
    assert _pointers(doc) == {"/id"}
    issuer["verification"] = {"startsWith": ["http://example.com/NOT", "http://example.com/assert"]}
    assert _pointers(doc) == set()
    del issuer["verification"]
    assert _pointers(doc) == set()
    assert _pointers(
        _assertion(id="http://elsewhere.example/a", badge={**BADGE, "issuer": ISSUER})
    ) == {"/id"}


def test_revocation_list_entries() -> None:  # test_validate_revocationlist_entries
    good = {
        "type": "RevocationList",
        "revokedAssertions": [
            "urn:uuid:" + "0" * 8 + "-0000-0000-0000-" + "0" * 12,
            {"uid": "abc123"},
        ],
    }
    assert _pointers(good) == set()
    bad = {"type": "RevocationList", "revokedAssertions": [{"revocationReason": "x"}, "nope"]}
    assert _pointers(bad) == {"/revokedAssertions/0", "/revokedAssertions/1"}


# --- test_validate_related.py ---------------------------------------------------------


def test_related_with_languages_is_valid() -> None:
    one = {**BADGE, "@language": "es", "related": {"id": "http://e.com/o", "@language": "en-US"}}
    many = {
        **BADGE,
        "related": [
            {"id": "http://e.com/o", "@language": "en-US"},
            {"id": "http://e.com/a", "@language": "fi"},
        ],
    }
    assert _pointers(one) == set() and _pointers(many) == set()
    record, _ = lerbridge.read(many, "ob2")
    assert [r.in_language for r in record.achievements[0].related] == ["en-US", "fi"]


# --- test_validate_endorsements.py (resources given as inputs, not fetched) ----------


def test_validate_linked_endorsement() -> None:
    badge = {**BADGE, "endorsement": ENDORSEMENT}
    result = lerbridge.convert([_assertion(), badge, ISSUER, ENDORSER], to="ob2")
    out = json.loads(result.documents[0].data)
    assert check(out) == []
    [end] = out["badge"]["endorsement"]  # OB 2.0 allows one or a list; lerbridge writes a list
    assert end["claim"]["endorsementComment"] == "Pretty good"
    assert end["issuer"]["email"] == "test@example.org"


def test_validate_linked_endorsement_array() -> None:
    badge = {**BADGE, "endorsement": [ENDORSEMENT["id"], ENDORSEMENT["id"] + "2"]}
    nodes = [
        _assertion(),
        badge,
        ISSUER,
        ENDORSEMENT,
        {**ENDORSEMENT, "id": ENDORSEMENT["id"] + "2"},
    ]
    record, report = lerbridge.read([*nodes, ENDORSER])
    assert [e.id for e in record.achievements[0].endorsements] == [
        "http://example.org/endorsement",
        "http://example.org/endorsement2",
    ]
    assert not [e for e in report if e.code == "unresolved-reference"]
    ob3 = json.loads(lerbridge.write(record, "ob3")[0][0].data)
    ends = ob3["credentialSubject"]["achievement"]["endorsement"]
    assert [e["credentialSubject"]["id"] for e in ends] == [BADGE["id"], BADGE["id"]]


def test_validate_endorsement_as_input() -> None:
    record, _ = lerbridge.read([ENDORSEMENT, ENDORSER], "ob2")
    assert [(e.subject_id, e.issuer.name) for e in record.endorsements] == [
        (BADGE["id"], {"und": "Test Issuer"})
    ]
    assert lerbridge.validate(ENDORSEMENT, "ob2") == []


# --- test_legacy_versions.py -----------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (1500423730, "2017-07-19T00:22:10Z"),
        ("1500423730.5", "2017-07-19T00:22:10Z"),
        ("2016-05-15", "2016-05-15T00:00:00Z"),
    ],
)
def test_upgrade_1_1_assertion_timestamps(issued: Any, expected: str) -> None:
    doc = {**_assertion(issuedOn=issued), "@context": V1}
    record, report = lerbridge.read([doc, {**BADGE, "@context": V1}, ISSUER], "ob2")
    assert record.awards[0].valid_from == expected
    assert "/issuedOn" in _upgrades(report)
    assert record.provenance.dialect == "ob1.1"


def test_upgrade_1_1_badgeclass_alignment() -> None:
    align = {"url": "http://somewhere.overtherainbow.net/wayuphigh", "name": "Children's songs"}
    badge = {**BADGE, "@context": V1, "alignment": align}
    record, report = lerbridge.read([{**_assertion(), "@context": V1}, badge, ISSUER], "ob2")
    got = record.achievements[0].alignments[0]
    assert (got.target_url, got.target_name) == (align["url"], {"und": align["name"]})
    assert {"/badge/alignment/0/url", "/badge/alignment/0/name"} <= set(_upgrades(report))


def test_upgrade_1_1_issuer_alias_type() -> None:
    record, report = lerbridge.read({**ISSUER, "@context": V1, "type": "IssuerOrg"}, "ob2")
    assert record.organizations[0].email == "test@example.com"
    assert "/type" in _upgrades(report)
    out = json.loads(lerbridge.write(record, "ob2")[0][0].data)
    assert out["type"] == "Issuer"


def test_upgrade_1_0_assertion_badgeclass_issuer(tmp_path: Path) -> None:
    assertion = {
        "uid": "abc-1",
        "recipient": {"type": "email", "hashed": False, "identity": "one@example.com"},
        "badge": "http://a.com/badgeclass",
        "verify": {"type": "hosted", "url": "http://a.com/instance"},
        "issuedOn": 1420070400,
    }
    badge = {k: v for k, v in BADGE.items() if k not in ("@context", "id", "type")}
    badge["issuer"] = "http://a.com/issuer"
    issuer = {"name": "Old Issuer", "url": "http://a.com", "email": "old@a.com"}
    (tmp_path / "bc.json").write_text(json.dumps(badge))
    (tmp_path / "iss.json").write_text(json.dumps(issuer))
    table = {"http://a.com/badgeclass": "bc.json", "http://a.com/issuer": "iss.json"}
    (tmp_path / "map.json").write_text(json.dumps(table))
    record, report = lerbridge.read(assertion, "ob2", resolve_map=tmp_path / "map.json")
    assert record.provenance.dialect == "ob1.0"
    assert record.awards[0].id == "http://a.com/instance"  # the id is verify.url
    assert record.achievements[0].id == "http://a.com/badgeclass"
    assert record.awards[0].issuer.id == "http://a.com/issuer"
    assert record.awards[0].valid_from == "2015-01-01T00:00:00Z"
    out = json.loads(lerbridge.write(record, "ob2")[0][0].data)
    assert (out["type"], out["badge"]["type"], out["badge"]["issuer"]["type"]) == (
        "Assertion",
        "BadgeClass",
        "Issuer",
    )
    assert out["verification"] == {"type": "hosted"} and out["uid"] == "abc-1"
    assert check(out) == []
    assert {"/verify", "/verify/url", "/issuedOn"} <= set(_upgrades(report))


def test_detect_and_upgrade_0_5() -> None:
    salt = "2e2bad0df9e11272ffbcee86e4c7edd4"
    hashed = "sha256$" + hashlib.sha256(b"admin@example.org" + salt.encode()).hexdigest()
    doc = {
        "recipient": hashed,
        "salt": salt,
        "issued_on": "2017-01-01",
        "badge": {
            "version": "0.5.0",
            "name": "Test Badge",
            "image": "http://example.org/image",
            "description": "Awarded using an example codebase",
            "criteria": "http://example.org/criteria",
            "issuer": {
                "origin": "http://example.org",
                "name": "Test Issuer",
                "contact": "t@example.org",
            },
        },
    }
    assert lerbridge.detect(json.dumps(doc)) == "ob2"
    record, report = lerbridge.read(doc)
    assert record.provenance.dialect == "ob0.5"
    ident = record.awards[0].recipient.identifiers[0]
    assert (ident.value, ident.hashed, ident.salt, ident.scheme) == (hashed, True, salt, "email")
    issuer = record.awards[0].issuer
    assert (issuer.url, issuer.email) == ("http://example.org", "t@example.org")
    assert record.awards[0].valid_from == "2017-01-01T00:00:00Z"
    assert {"/recipient", "/issued_on", "/badge/version", "/badge/issuer/origin"} <= set(
        _upgrades(report)
    )
    ob3 = json.loads(lerbridge.convert(doc, to="ob3").documents[0].data)
    assert ob3["credentialSubject"]["identifier"][0]["identityHash"] == hashed


# --- test_recipient.py -----------------------------------------------------------------


def test_profile_with_salted_hashed_email() -> None:
    identity = "sha256$" + hashlib.sha256(b"nobody@example.org" + b"Maldon").hexdigest()
    rcpt = {"type": "email", "hashed": True, "salt": "Maldon", "identity": identity}
    ob3 = lerbridge.convert([_assertion(recipient=rcpt), BADGE, ISSUER], to="ob3")
    ident = json.loads(ob3.documents[0].data)["credentialSubject"]["identifier"][0]
    recomputed = hashlib.sha256(("nobody@example.org" + ident["salt"]).encode()).hexdigest()
    assert ident["identityHash"] == "sha256$" + recomputed


def test_unknown_identity_type_is_read_and_reported() -> None:
    rcpt = {"type": "schema:duns", "hashed": False, "identity": "999999999"}
    record, report = lerbridge.read([_assertion(recipient=rcpt), BADGE, ISSUER])
    assert record.awards[0].recipient.identifiers[0].scheme == "schema:duns"
    flagged = [e for e in report if e.code == "source-schema-violation"]
    assert [e.source_path for e in flagged] == ["/0/recipient/type"]


# --- test_input.py ---------------------------------------------------------------------


def test_json_assertion_with_urn_id_is_read_as_json() -> None:
    doc = _assertion(id="urn:org:example:badges:robotics:beth", badge=BADGE)
    record, _ = lerbridge.read([doc, ISSUER])
    assert record.awards[0].id == "urn:org:example:badges:robotics:beth"
    assert lerbridge.detect(json.dumps(doc)) == "ob2"
