"""The bundled HR Open LER-RS 4.5 JSON Schemas and HR-XML 2.5 XSDs: the bundle is complete and
closed, validation is offline, and the official samples get the verdicts the research note
records."""

from __future__ import annotations

import copy
import json
import posixpath
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from jsonschema import Draft4Validator
from lxml import etree

from lerbridge.specs import hropen_json as hj
from lerbridge.specs import hropen_xml as hx
from lerbridge.specs import manifest, specs_root
from lerbridge.specs._root import read_verified
from lerbridge.specs._types import OfflineRefError
from lerbridge.specs._validate import _issues
from lerbridge.xmlsafe import parse_xml

PROV_EDU = "recruiting/json/ler-rs/ProvisionalVerifiableCredentialEducationAndLearningType.json"
PROV_EDU_44 = "http://schema.hropenstandards.org/4.4/" + PROV_EDU
PROV_EDU_45 = "http://schema.hropenstandards.org/4.5/" + PROV_EDU
OB3_DRAFT4 = "recruiting/json/ler-rs/1EdTech/ob_v3p0_achievementcredential_schema_draft4.json"
ENTRY_DIRS = ("recruiting/json/ler-rs", "recruiting/json/ler-rs/1EdTech")


# --- the bundle --------------------------------------------------------------------------


def _bundle() -> Path:
    """The LER-RS 4.5 folder of the specs folder lerbridge reads (../shared/specs here)."""
    root = specs_root()
    assert root is not None, "the tests run with the official specs"
    return root / "hropen" / "ler-rs-json-4.5"


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(load: Any, starts: list[str]) -> tuple[set[str], set[str]]:
    """(files reached, refs that leave the set) walking relative ``$ref`` s from ``starts``."""
    seen: set[str] = set()
    escapes: set[str] = set()
    todo = list(starts)
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        seen.add(rel)
        for ref in _refs(load(rel)):
            target = ref.split("#", 1)[0]
            if not target:
                continue
            if ":" in target or target.startswith("/"):
                escapes.add(f"{rel}: {ref}")
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if resolved.startswith("..") or resolved not in hj.bundled_relpaths():
                escapes.add(f"{rel}: {ref}")
            else:
                todo.append(resolved)
    return seen, escapes


def _entry_points() -> list[str]:
    starts = [hj.LERRS_ROOT, hj.VC_WRAPPER_ROOT]
    starts += [r for r in hj.bundled_relpaths() if posixpath.dirname(r) in ENTRY_DIRS]
    return starts


def _load_bundled(rel: str) -> Any:
    return json.loads(_bundle().joinpath(*rel.split("/")).read_bytes())


def test_bundle_is_exactly_the_ref_closure() -> None:
    seen, escapes = _closure(_load_bundled, _entry_points())
    assert escapes == set()
    assert seen == set(hj.bundled_relpaths())
    assert len(seen) == 152
    assert {hj.LERRS_ROOT, hj.VC_WRAPPER_ROOT, OB3_DRAFT4} <= seen


def test_bundle_matches_the_shared_snapshot_byte_for_byte(shared_dir: Path) -> None:
    upstream = shared_dir / "specs" / "hropen" / "ler-rs-json-4.5"
    upstream_closure, _ = _closure(
        lambda rel: json.loads((upstream / rel).read_bytes()), _entry_points()
    )
    assert upstream_closure == set(hj.bundled_relpaths())
    for rel in hj.bundled_relpaths():
        bundled = _bundle().joinpath(*rel.split("/")).read_bytes()
        assert bundled == (upstream / rel).read_bytes(), rel
    listed = [r for r in manifest() if r.startswith("hropen/hr-xml-2.5/")]
    assert "hropen/hr-xml-2.5/HR-XML-2_5/SEP/Resume.xsd" in listed
    for rel in listed:
        assert read_verified(rel) == (shared_dir / "specs" / rel).read_bytes(), rel


def test_hrxml_licence_and_notice_are_kept() -> None:
    """The licence travels with the XSDs (it is in the manifest, so a wheel carries it)."""
    licence = read_verified("hropen/hr-xml-2.5/HR-XML-2_5/license.txt").decode("utf-8")
    notice = files("lerbridge.specs").joinpath("NOTICE.md").read_text(encoding="utf-8")
    needle = "Copyright 2007 The HR-XML Consortium. All Rights Reserved. http://www.hr-xml.org"
    assert needle in notice
    assert "HR-XML Consortium" in licence
    assert "38254719cf0a490a403c9c812b01e6ab0678f2f3" in notice
    assert "HR Open Standards Consortium" in notice


# --- LER-RS JSON validation --------------------------------------------------------------


def _minimal(type_url: str = hj.LERRS_TYPE_44) -> dict[str, Any]:
    return {"type": type_url, "person": {"name": {"given": "Ada", "family": "Lovelace"}}}


def test_minimal_resume_is_valid_on_both_backends() -> None:
    assert hj.validate_lerrs(_minimal()) == []
    assert hj.is_valid_lerrs(_minimal())


def test_type_url_overlay() -> None:
    doc = _minimal(hj.LERRS_TYPE_45)
    [issue] = hj.validate_lerrs(doc)
    assert issue.pointer == "/type"
    assert "is not one of" in issue.message
    assert not hj.is_valid_lerrs(doc)
    assert hj.validate_lerrs(doc, accept_45_type=True) == []
    assert hj.is_valid_lerrs(doc, accept_45_type=True)
    # the 4.4 URL stays accepted; anything else is still refused
    assert hj.is_valid_lerrs(_minimal(), accept_45_type=True)
    assert not hj.is_valid_lerrs(_minimal("http://example.org/x"), accept_45_type=True)
    # the official file was not touched by the overlay
    enum = _load_bundled(hj.LERRS_ROOT)["properties"]["type"]["enum"]
    assert enum == [hj.LERRS_TYPE_44]
    assert hj.validate_lerrs(doc) != []


def test_nested_errors_have_pointers() -> None:
    doc = _minimal()
    doc["skills"] = [{"name": "Python", "yearsOfExperience": "ten"}]
    doc["communication"] = {"email": [{"useCode": "private"}]}
    pointers = {i.pointer for i in hj.validate_lerrs(doc)}
    assert pointers == {"/skills/0", "/communication/email/0/address"}
    assert not hj.is_valid_lerrs(doc)


def test_other_roots_and_internal_defs_refs() -> None:
    skill = {"name": "SQL", "yearsOfExperience": 3}
    assert hj.validate_lerrs(skill, "recruiting/json/ler-rs/SkillType.json") == []
    bad = {"yearsOfExperience": "three"}
    [issue] = hj.validate_lerrs(bad, "recruiting/json/ler-rs/SkillType.json")
    assert issue.pointer == "/yearsOfExperience"
    # the 1EdTech draft-04 copies use "#/$defs/..." internally: these must resolve
    issues = hj.validate_lerrs({"issuer": {}}, OB3_DRAFT4)
    assert {"/issuer/id", "/issuer/type"} <= {i.pointer for i in issues}
    assert not hj.is_valid_lerrs({"issuer": {}}, OB3_DRAFT4)


def test_unknown_root_is_refused() -> None:
    with pytest.raises(OfflineRefError):
        hj.validate_lerrs({}, "recruiting/json/NoSuchType.json")
    with pytest.raises(OfflineRefError):
        hj.is_valid_lerrs({}, "../../etc/passwd")


def test_registry_refuses_unbundled_uris() -> None:
    """A schema referencing an unknown URI ends in OfflineRefError, never a fetch."""
    schema = {
        "properties": {
            "a": {"$ref": hj.BASE_URI + "recruiting/json/ler-rs/SkillType.json#"},
            "b": {"$ref": "http://schema.hropenstandards.org/4.5/NotBundled.json#"},
        }
    }
    validator = Draft4Validator(schema, registry=hj._python_registry(False))
    assert _issues(validator, {"a": {"name": "x"}}) == []  # bundled URIs resolve
    with pytest.raises(OfflineRefError) as info:
        _issues(validator, {"b": 1})
    assert "NotBundled.json" in str(info.value)
    with pytest.raises(Exception) as rs_info:
        jsonschema_rs.Draft4Validator(schema, registry=hj._rs_registry(False), offline=True)
    assert "NotBundled.json" in str(rs_info.value)


# --- official samples (need ../shared) -----------------------------------------------------


def _samples(shared_dir: Path) -> dict[str, Any]:
    folder = shared_dir / "fixtures-upstream" / "hropen" / "ler-rs-v2"
    paths = sorted(folder.glob("*.json"))
    assert paths, folder
    return {p.name: json.loads(p.read_bytes()) for p in paths}


def _fixed(subject: dict[str, Any]) -> dict[str, Any]:
    """The sample with the two non-type defects of §3 repaired."""
    subject = copy.deepcopy(subject)
    for item in subject.get("educationAndLearnings", []):
        for vc in item.get("verifications", []):
            if isinstance(vc.get("@context"), list):
                vc["@context"] = [PROV_EDU_44 if c == PROV_EDU_45 else c for c in vc["@context"]]
            edu = vc.get("credentialSubject", {}).get("educationAndLearning", {})
            for degree in edu.get("educationDegrees", []):
                if degree.get("degreeGrantedStatus") == "In Progress":
                    degree["degreeGrantedStatus"] = "InProgress"
    return subject


def _provisional_vcs(subject: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [
        (n, vc)
        for n, item in enumerate(subject.get("educationAndLearnings", []))
        for vc in item.get("verifications", [])
        if "@context" in vc
    ]


def test_official_samples_wrapper_is_valid(shared_dir: Path) -> None:
    for name, doc in _samples(shared_dir).items():
        assert hj.validate_lerrs(doc, hj.VC_WRAPPER_ROOT) == [], name
        assert hj.is_valid_lerrs(doc, hj.VC_WRAPPER_ROOT), name


def test_official_samples_credential_subject_verdicts(shared_dir: Path) -> None:
    for name, doc in _samples(shared_dir).items():
        subject = doc["credentialSubject"]
        [(index, vc)] = _provisional_vcs(subject)
        issues = hj.validate_lerrs(subject)
        assert [i.pointer for i in issues] == [f"/educationAndLearnings/{index}", "/type"], name
        assert "4.5/recruiting/json/LER-RSType.json" in issues[1].message
        assert not hj.is_valid_lerrs(subject)
        # the embedded provisional VC: @context 4.5 vs the 4.4 enum (+ "In Progress")
        vc_issues = {i.pointer: i.message for i in hj.validate_lerrs(vc, PROV_EDU)}
        assert "is not one of ['" + PROV_EDU_44 + "']" in vc_issues.pop("/@context/1")
        assert vc["@context"][1] == PROV_EDU_45
        for pointer, message in vc_issues.items():
            assert pointer.endswith("/degreeGrantedStatus"), (name, pointer)
            assert "'In Progress' is not one of" in message
        # the 4.5 overlay removes exactly the type-URL error
        overlaid = hj.validate_lerrs(subject, accept_45_type=True)
        assert [i.pointer for i in overlaid] == [f"/educationAndLearnings/{index}"]
        # with the embedded defects repaired: only the type remains, and the overlay clears it
        fixed = _fixed(subject)
        assert [i.pointer for i in hj.validate_lerrs(fixed)] == ["/type"]
        assert hj.validate_lerrs(fixed, accept_45_type=True) == []
        assert hj.is_valid_lerrs(fixed, accept_45_type=True)


def test_degree_status_error_is_in_the_portability_sample(shared_dir: Path) -> None:
    subject = _samples(shared_dir)["LER-RS_V2_UC008_portability.json"]["credentialSubject"]
    [(_, vc)] = _provisional_vcs(subject)
    pointers = [i.pointer for i in hj.validate_lerrs(vc, PROV_EDU)]
    assert pointers == [
        "/@context/1",
        "/credentialSubject/educationAndLearning/educationDegrees/0/degreeGrantedStatus",
    ]


def test_backends_agree_on_every_root(shared_dir: Path) -> None:
    """jsonschema-rs (is_valid_lerrs) and python-jsonschema (validate_lerrs) give the same
    verdict for every bundled root, on the samples, repaired samples and small instances."""
    instances: list[Any] = [_minimal(), _minimal(hj.LERRS_TYPE_45), {}, {"name": 1}]
    for doc in _samples(shared_dir).values():
        instances += [doc, doc["credentialSubject"], _fixed(doc["credentialSubject"])]
    assert hj._rs_validator(hj.LERRS_ROOT, False) is not None  # the fast path is really used
    for root in hj.bundled_relpaths():
        for accept in (False, True):
            for instance in instances:
                slow = not hj.validate_lerrs(instance, root, accept_45_type=accept)
                assert hj.is_valid_lerrs(instance, root, accept_45_type=accept) == slow, root


# --- HR-XML 2.5 ----------------------------------------------------------------------------

_MINIMAL_RESUME = (
    f'<Resume xmlns="{hx.HRXML_NS}"><StructuredXMLResume><ContactInfo><PersonName>'
    "<FormattedName>Ada Lovelace</FormattedName></PersonName></ContactInfo>"
    "</StructuredXMLResume></Resume>"
).encode()


def test_resume_schema_compiles_offline_and_once() -> None:
    schema = hx.resume_schema()
    assert schema is hx.resume_schema()
    assert schema.target_namespace == hx.HRXML_NS
    urls = [s.url or "" for s in schema.maps.iter_schemas()]
    assert any(u.endswith("hr-xml-2.5/W3C/xml.xsd") for u in urls)
    assert not any(u.startswith(("http:", "https:")) for u in urls)


def test_minimal_resume_and_a_broken_one() -> None:
    tree = parse_xml(_MINIMAL_RESUME, "minimal.xml")
    assert hx.validate_resume(tree) == []
    assert hx.is_valid_resume(tree.getroot())
    contact = tree.getroot()[0][0]
    etree.SubElement(contact, f"{{{hx.HRXML_NS}}}Bogus")
    issues = hx.validate_resume(tree)
    assert [i.pointer for i in issues] == ["/Resume/StructuredXMLResume/ContactInfo"]
    assert "Bogus" in issues[0].message
    assert not hx.is_valid_resume(tree)


def test_upstream_hrxml_examples(shared_dir: Path) -> None:
    folder = shared_dir / "fixtures-upstream" / "hropen" / "hr-xml-2.5"
    paths = sorted(folder.glob("*.xml"))
    assert paths
    for path in paths:
        tree = parse_xml(path.read_bytes(), path.name)
        assert hx.validate_resume(tree) == [], path.name
        assert hx.is_valid_resume(tree), path.name
    tree = parse_xml((folder / "ResumeExample.xml").read_bytes(), "ResumeExample.xml")
    structured = tree.getroot().find(f"{{{hx.HRXML_NS}}}StructuredXMLResume")
    assert structured is not None
    etree.SubElement(structured, f"{{{hx.HRXML_NS}}}UnknownSection")
    issues = hx.validate_resume(tree)
    assert len(issues) == 1
    assert issues[0].pointer == "/Resume/StructuredXMLResume"
    assert "UnknownSection" in issues[0].message
    assert not hx.is_valid_resume(tree)


def test_fast_violations_match_python_jsonschema_pointers(shared_dir: Path) -> None:
    """``violations_lerrs`` (the loss report's wording, from jsonschema-rs) finds what
    ``validate_lerrs`` finds, at the same pointers; a missing member reads the same."""
    compared = 0
    for name, doc in _samples(shared_dir).items():
        subject = doc["credentialSubject"]
        [(_, vc)] = _provisional_vcs(subject)
        broken = copy.deepcopy(subject)
        broken.pop("person", None)
        cases = [
            (subject, hj.LERRS_ROOT, False),
            (subject, hj.LERRS_ROOT, True),
            (broken, hj.LERRS_ROOT, True),
            (vc, PROV_EDU, False),
            (doc, hj.VC_WRAPPER_ROOT, False),
        ]
        for instance, root, overlay in cases:
            fast = hj.violations_lerrs(instance, root, accept_45_type=overlay)
            slow = [
                (i.pointer, i.message)
                for i in hj.validate_lerrs(instance, root, accept_45_type=overlay)
            ]
            assert sorted({p for p, _ in fast}) == sorted({p for p, _ in slow}), (name, root)
            required = [m for m in slow if m[1].endswith("is a required property")]
            assert [m for m in fast if m in required] == required, (name, root)
            compared += bool(slow)
    vc_fast = dict(hj.violations_lerrs(vc, PROV_EDU))
    # the instance (over 80 characters) is clipped at the start, the expected value is not
    assert vc_fast["/@context/1"].startswith('"http://schema.hropenstandards.org/4.5/recruiting')
    assert vc_fast["/@context/1"].endswith(f'... is not one of "{PROV_EDU_44}"')
    assert compared >= 4
