"""lerbridge.shacl.validate_elm on the real EDC fixtures of ../shared (valid samples conform;
known-defective ones give the EU shapes' violations, with pointers into the document)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lerbridge.shacl import unwrap, validate_elm
from lerbridge.validation import ValidationIssue

CONFORMING = [
    "eu-elm-github_credential-sample_v3.2.jsonld",
    "eu-elm-github_Sample-MC-Annex1_signed-jades.jsonld",
    "eu-elm-support_AA-Annex1-MC_signed-jades.jsonld",
    "eu-elm-support_Sample-JointDegree_signed-jades.jsonld",
    "eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld",
]
#: conform, with vendor keys no context defines (warnings: the shapes cannot see them)
VENDOR = {
    "mynextid_confirmation-of-enrolment_unsigned.json": "",
    "mynextid_confirmation-of-enrolment_signed-jades.jsonld": "/payload",
}


def _load(upstream: Path, name: str) -> Any:
    return json.loads((upstream / "elm" / name).read_text(encoding="utf-8"))


def _errors(issues: list[ValidationIssue]) -> list[tuple[str, str]]:
    return sorted((i.check, i.pointer) for i in issues if i.severity == "error")


@pytest.mark.parametrize("name", CONFORMING)
def test_the_sealed_eu_samples_and_clean_vendor_edcs_conform(upstream: Path, name: str) -> None:
    assert validate_elm(_load(upstream, name), source=name) == []


@pytest.mark.parametrize("name", sorted(VENDOR))
def test_vendor_keys_are_warnings_naming_what_the_shapes_cannot_see(
    upstream: Path, name: str
) -> None:
    issues = validate_elm(_load(upstream, name))
    assert _errors(issues) == []
    undefined = {i.pointer: i for i in issues if i.check == "elm-shacl:term-undefined"}
    prefix = VENDOR[name]
    assert {i.severity for i in undefined.values()} == {"warning"}
    assert set(undefined) == {
        prefix + p
        for p in (
            "/cnf",
            "/credentialSubject/academicYear",
            "/credentialSubject/degreeProgramme",
            "/credentialSubject/studentNumber",
            "/status/0/statusListCredential",
            "/status/0/statusListIndex",
            "/status/0/statusPurpose",
        )
    }
    assert "'statusPurpose' (2 times)" in undefined[prefix + "/status/0/statusPurpose"].message


def test_a_misspelt_term_is_reported_not_silently_dropped(upstream: Path) -> None:
    # the ELM 3.1 sample writes eIDASIdentifier with a Greek capital iota
    issues = validate_elm(_load(upstream, "eu-elm-github_credential-sample_v3.1.jsonld"))
    typo = [i for i in issues if i.check == "elm-shacl:term-undefined"]
    assert [i.pointer for i in typo] == ["/issuer/eIDAS\u0399dentifier"]
    assert ("elm-shacl:IssuerNodeShape.MinCount", "/issuer/eIDASIdentifier") in _errors(issues)


def test_an_unsigned_draft_lacks_what_the_issuer_adds_at_sealing(upstream: Path) -> None:
    issues = validate_elm(_load(upstream, "eu-elm-github_Sample-MC-Annex1_unsigned.jsonld"))
    assert _errors(issues) == [
        ("elm-shacl:EuropeanDigitalCredential-cred_issued", "/issued"),
        ("elm-shacl:IssuerNodeShape.MinCount", "/issuer/eIDASIdentifier"),
    ]
    issued = next(i for i in issues if i.pointer == "/issued")
    assert "issued (cred:issued)" in issued.message and "at least 1" in issued.message
    eidas = next(i for i in issues if i.pointer == "/issuer/eIDASIdentifier")
    assert eidas.message.startswith("issuer (IssuerNodeShape): Organisation urn:epass:org:1:")


def test_a_dc4eu_issuer_without_legal_name_and_location(upstream: Path) -> None:
    issues = validate_elm(_load(upstream, "dc4eu-vc_HE-ToR-uio_from-elmo1.7.json"))
    assert _errors(issues) == [
        ("elm-shacl:Organisation-elm_location", "/issuer/location"),
        ("elm-shacl:Organisation-rov_legalName", "/issuer/legalName"),
    ]
    legal = next(i for i in issues if i.pointer == "/issuer/legalName")
    assert "legalName (rov:legalName): missing" in legal.message
    assert legal.schema_path.endswith("edc-generic-no-cv/Organisation-rov_legalName")


def test_the_edci_negative_fails_and_names_what_it_lacks(upstream: Path) -> None:
    name = "edci-software_cred_noLegalName_INVALID-shacl.jsonld"
    issues = validate_elm(_load(upstream, name))
    errors = _errors(issues)
    # every Organisation of this file does carry a legalName; what it lacks (compared with its
    # "shouldValidate" twin) is credentialSchema and displayParameter, and its "en " keys are
    # no language tags
    assert (
        "elm-shacl:EuropeanDigitalCredential-cred_credentialSchema",
        "/credentialSchema",
    ) in errors
    assert (
        "elm-shacl:EuropeanDigitalCredential-elm_displayParameter",
        "/displayParameter",
    ) in errors
    assert ("elm-shacl:GroupShape.Datatype", "/issuer/groupMemberOf/0/prefLabel") in errors
    checks = {i.check: i.severity for i in issues}
    assert checks["elm-shacl:context-substituted"] == "warning"
    assert checks["elm-shacl:language-tag"] == "warning"


def test_the_flattened_graph_form_points_into_the_graph(upstream: Path) -> None:
    doc = _load(upstream, "edci-software_credFlatten_graph.jsonld")
    issues = validate_elm(doc)
    errors = _errors(issues)
    assert ("elm-shacl:EuropeanDigitalCredential-cred_issued", "/@graph/12/issued") in errors
    assert doc["@graph"][12]["type"][-1] == "EuropeanDigitalCredential"
    assert (
        "elm-shacl:DisplayParameter-elm_individualDisplay",
        "/@graph/4/individualDisplay",
    ) in errors
    assert doc["@graph"][4]["type"] == "DisplayParameter"


def test_an_id_reused_for_two_images_breaks_max_count(upstream: Path) -> None:
    issues = validate_elm(_load(upstream, "mynextid_matriculation_signed-jades.jsonld"))
    assert _errors(issues) == [
        (
            "elm-shacl:MediaObject-elm_content",
            "/payload/displayParameter/individualDisplay/0/displayDetail/1/image/content",
        )
    ]


def test_wrappers_are_unwrapped_with_their_pointer_prefix(upstream: Path) -> None:
    wrapped = _load(upstream, "eu-elm-support_AA-Annex1-MC_unsigned-upload-wrapper.json")
    prefix, inner = unwrap(wrapped)
    assert prefix == "/credential" and inner is wrapped["credential"]
    issues = validate_elm(wrapped)
    assert _errors(issues) == [
        ("elm-shacl:EuropeanDigitalCredential-cred_issuer", "/credential/issuer")
    ]
    assumed = [i for i in issues if i.check == "elm-shacl:context-assumed"]
    assert [i.severity for i in assumed] == ["warning"]


def test_an_unbundled_context_is_refused_not_fetched(upstream: Path) -> None:
    name = "legacy-v2_ebsi-json-serial_VerifiableAttestation-Europass.json"
    issues = validate_elm(_load(upstream, name))
    assert [(i.check, i.severity) for i in issues] == [("elm-shacl:context-unknown", "error")]
    assert "https://essif.europa.eu/schemas/vc/2020/v1" in issues[0].message


def test_a_document_that_is_no_edc_is_an_error_not_a_pass(upstream: Path) -> None:
    doc = _load(upstream, "ob3-twin-impierce_Bengales_highSchoolDiploma_converted.json")
    issues = validate_elm(doc)
    assert ("elm-shacl:not-edc", "/type") in _errors(issues)


def test_a_named_add_on_profile_is_checked_too(upstream: Path) -> None:
    sealed = _load(upstream, "eu-elm-support_Sample-JointDegree_signed-jades.jsonld")
    edc = json.loads(sealed["payload"])
    assert edc["credentialSchema"]["id"] == "http://data.europa.eu/snb/model/ap/edc-accredited"
    del edc["evidence"]  # the accredited profile requires the accreditation evidence
    assert _errors(validate_elm(edc)) == [
        ("elm-shacl:edc-accredited/EuropeanDigitalCredential-cred_evidence", "/evidence")
    ]
    edc["credentialSchema"]["id"] = "http://data.europa.eu/snb/model/ap/edc-generic-full"
    assert validate_elm(edc) == []  # the generic profile does not ask for evidence


def test_an_unbundled_profile_is_a_warning_and_generic_still_runs(upstream: Path) -> None:
    edc = _load(upstream, "eu-elm-github_credential-sample_v3.2.jsonld")
    edc["credentialSchema"] = {
        "id": "http://data.europa.eu/snb/model/ap/edc-something-new",
        "type": "ShaclValidator2017",
    }
    issues = validate_elm(edc)
    assert [(i.check, i.severity, i.pointer) for i in issues] == [
        ("elm-shacl:profile-unknown", "warning", "/credentialSchema")
    ]


def test_a_bad_language_tag_points_at_the_key(upstream: Path) -> None:
    edc = _load(upstream, "eu-elm-github_credential-sample_v3.2.jsonld")
    edc["issuer"]["legalName"] = {"en ": "Trailing-space University"}
    issues = validate_elm(edc)
    tag = [i for i in issues if i.check == "elm-shacl:language-tag"]
    assert [(i.severity, i.pointer) for i in tag] == [("warning", "/issuer/legalName/en ")]
    assert ("elm-shacl:Organisation-rov_legalName", "/issuer/legalName") in _errors(issues)


def test_hostile_nesting_is_an_issue_not_a_traceback(upstream: Path) -> None:
    edc = _load(upstream, "eu-elm-github_credential-sample_v3.2.jsonld")
    deep: dict[str, Any] = {"type": "Note", "noteLiteral": {"en": "x"}}
    for _ in range(3000):
        deep = {"type": "Note", "subject": deep}
    edc["credentialSubject"]["hasClaim"]["additionalNote"] = deep
    issues = validate_elm(edc)
    assert [(i.check, i.severity) for i in issues] == [("elm-shacl:jsonld", "error")]
    assert "nested too deeply" in issues[0].message


def test_what_is_no_object_is_a_clear_error() -> None:
    from lerbridge.errors import LerbridgeError

    with pytest.raises(LerbridgeError, match="an EDC is a JSON object") as info:
        validate_elm(["not", "an", "edc"], source="list.json")  # type: ignore[arg-type]
    assert info.value.source == "list.json"
