"""Tests for lerbridge.specs: bundled schemas/contexts and the offline validator."""

from __future__ import annotations

import copy
import json
import socket
import threading
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from jsonschema.validators import validator_for

from lerbridge import specs
from lerbridge.specs import OfflineRefError, SchemaIssue
from lerbridge.specs._root import read_verified
from lerbridge.specs._validate import compile_rs

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
OB3_EXAMPLE = SHARED / "fixtures-upstream/openbadges/ob3/spec-examples/complete-unsigned.json"
CLR_WESTBRIDGE = SHARED / "fixtures-upstream/clr/learncard_clr2-westbridge-full-transcript.json"
OB3_CS_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SPECS_DIR = Path(str(files("lerbridge.specs")))
CATALOG: dict[str, dict[str, str]] = json.loads((SPECS_DIR / "catalog.json").read_text())

N_THREADS = 8
EXPECTED_SCHEMAS = {
    "case/cfpackage",
    "ob3/achievementcredential",
    "ob3/achievementcredential@vc1.1",
    "ob3/endorsementcredential",
    "ob3/endorsementcredential@vc1.1",
    "ob3/profile",
    "ob3/profile@vc1.1",
    "ob3/getopenbadgecredentialsresponse",
    "ob3/getopenbadgecredentialsresponse@vc1.1",
    "ob3/imsx_statusinfo",
    "ob3/imsx_statusinfo@vc1.1",
    "clr/clrcredential",
    "clr/achievementcredential",
    "clr/endorsementcredential",
    "clr/profile",
    "clr/getclrcredentialsresponse",
    "clr/imsx_statusinfo",
}
#: Credential Registry JSON Schemas (draft-04, no $id; checked in tests/ctdl/test_ctdl_specs.py)
CTDL_SCHEMAS = {
    "ctdl/assessment_profile",
    "ctdl/competency",
    "ctdl/competency_framework",
    "ctdl/credential",
    "ctdl/learning_opportunity_profile",
    "ctdl/organization",
}
#: EBSI's EDC schema and its attestation base (checked in tests/elm/test_elm_write.py)
ELM_SCHEMAS = {"elm/ebsi-edc", "elm/ebsi-attestation"}


def _load(path: Path) -> Any:
    if not path.is_file():
        pytest.skip(f"reference fixture not available: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _issue_map(issues: list[SchemaIssue]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for issue in issues:
        out.setdefault(issue.pointer, []).append(issue.message)
    return out


# --- catalog and bundled files -------------------------------------------------------


OTHER_SCHEMAS = {"jsonresume/resume"}  # resume-schema 1.3.1, draft-07


def test_schema_names_match_catalog() -> None:
    every = EXPECTED_SCHEMAS | CTDL_SCHEMAS | OTHER_SCHEMAS | ELM_SCHEMAS
    assert set(specs.schema_names()) == every
    assert specs.schema_names() == sorted(every)


@pytest.mark.parametrize("name", sorted(EXPECTED_SCHEMAS))
def test_every_schema_loads_and_compiles(name: str) -> None:
    loaded = specs.schema(name)
    assert loaded["$schema"] == "https://json-schema.org/draft/2019-09/schema#"
    assert specs.schema(name) is loaded  # cached
    assert loaded["type"] == "object"
    assert specs.validate(42, name) == [SchemaIssue("", "42 is not of type 'object'", "/type")]
    assert specs.is_valid(42, name) is False
    assert specs.is_valid({}, name) is (specs.validate({}, name) == [])
    assert specs.is_valid({}, name) is (not loaded["required"])
    assert compile_rs(specs.schema(name)) is not None  # the fast path is really in use
    # official schemas are trusted at run time (no check_schema per process): checked here
    validator_for(loaded).check_schema(loaded)


def test_unknown_schema_name() -> None:
    with pytest.raises(KeyError, match="unknown schema"):
        specs.schema("ob3/nope")
    with pytest.raises(KeyError):
        specs.validate({}, "ob3/nope")


def test_catalog_and_manifest_agree_and_notice_names_every_file() -> None:
    """Every catalogued file is in the manifest and every manifest file outside the HR Open
    and PESC sets is catalogued (those are reached only through their own relative
    ``$ref`` / import closure: tests/specs/test_hropen_specs.py and
    tests/pesc/test_pesc_specs.py check it); NOTICE.md gives each one's origin."""
    referenced = (
        set(CATALOG["schemas"].values())
        | set(CATALOG["schema_uris"].values())
        | set(CATALOG["contexts"].values())
        | set(CATALOG.get("vocabularies", {}).values())
        | set(CATALOG.get("shapes", {}).values())
    )
    listed = {rel for rel in specs.manifest() if not rel.startswith("hropen/")}
    # the PESC XSDs are no JSON schema or context: reached through their own imports
    # (tests/pesc/test_pesc_specs.py checks the closure)
    assert referenced == {rel for rel in listed if not rel.startswith("pesc/")}
    notice = (SPECS_DIR / "NOTICE.md").read_text(encoding="utf-8")
    for rel in listed:
        assert f"| `{rel}` |" in notice, rel


def test_catalogued_files_are_the_reference_files(shared_dir: Path) -> None:
    for rel in set(CATALOG["schemas"].values()) | set(CATALOG["contexts"].values()):
        assert read_verified(rel) == (shared_dir / "specs" / rel).read_bytes(), rel


def test_schema_uris_point_at_the_right_schema() -> None:
    assert specs.schema_name_for_uri(OB3_CS_URL) == "ob3/achievementcredential"
    for name in EXPECTED_SCHEMAS:  # each schema's own $id maps back to it
        assert specs.schema_name_for_uri(specs.schema(name)["$id"]) == name
    clr_url = (
        "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
    )
    assert specs.schema_name_for_uri(clr_url) == "clr/clrcredential"
    assert specs.schema_name_for_uri(OB3_CS_URL + "#") is None


def test_bundled_refs_are_all_local() -> None:
    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return own + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    for name in EXPECTED_SCHEMAS:
        found = refs(specs.schema(name))
        assert found, name
        assert all(r.startswith("#/$defs/") for r in found), name


# --- validation ----------------------------------------------------------------------


def test_ob3_spec_example_is_valid() -> None:
    doc = _load(OB3_EXAMPLE)
    assert specs.validate(doc, "ob3/achievementcredential") == []
    assert specs.is_valid(doc, "ob3/achievementcredential") is True


def test_ob3_spec_example_fails_vc11_era_schema_on_issuance_date() -> None:
    doc = _load(OB3_EXAMPLE)
    issues = specs.validate(doc, "ob3/achievementcredential@vc1.1")
    assert "/issuanceDate" in _issue_map(issues)
    assert specs.is_valid(doc, "ob3/achievementcredential@vc1.1") is False


def test_broken_ob3_credential_issues_have_exact_pointers() -> None:
    doc = copy.deepcopy(_load(OB3_EXAMPLE))
    del doc["credentialSubject"]["achievement"]["criteria"]
    doc["type"] = "OpenBadgeCredential"
    issues = specs.validate(doc, "ob3/achievementcredential")
    assert issues == [
        SchemaIssue(
            pointer="/credentialSubject/achievement/criteria",
            message="'criteria' is a required property",
            schema_path="/properties/credentialSubject/properties/achievement/required",
        ),
        SchemaIssue(
            pointer="/type",
            message="'OpenBadgeCredential' is not of type 'array'",
            schema_path="/properties/type/allOf/0/type",
        ),
    ]
    assert specs.is_valid(doc, "ob3/achievementcredential") is False


def test_issues_sorted_by_pointer_then_message() -> None:
    doc = copy.deepcopy(_load(OB3_EXAMPLE))
    doc["type"] = 7
    doc["credentialSubject"]["type"] = "AchievementSubject"
    del doc["issuer"]
    issues = specs.validate(doc, "ob3/achievementcredential")
    keys = [(i.pointer, i.message) for i in issues]
    assert keys == sorted(keys)
    assert [i.pointer for i in issues] == ["/credentialSubject/type", "/issuer", "/type"]


def test_one_of_message_names_the_closest_sub_error() -> None:
    doc = _load(CLR_WESTBRIDGE)
    issues = _issue_map(specs.validate(doc, "clr/clrcredential"))
    [achievement] = issues["/credentialSubject/achievement"]
    assert achievement.startswith("array of 1 item(s) is not valid under any of the given")
    assert "closest match fails at /credentialSubject/achievement/0/criteria:" in achievement
    assert achievement.endswith("'criteria' is a required property")
    [ctx] = issues["/@context"]
    assert "closest match fails at /@context/1:" in ctx
    assert specs.is_valid(doc, "clr/clrcredential") is False


def test_large_instances_are_not_dumped_into_messages() -> None:
    issues = specs.validate({"type": ["x"] * 500}, "ob3/achievementcredential")
    assert issues
    assert all(len(i.message) <= 500 for i in issues)


@pytest.mark.parametrize(
    ("name", "mutate"),
    [
        ("ob3/achievementcredential", lambda d: d),
        ("ob3/achievementcredential", lambda d: d.pop("credentialSubject")),
        ("ob3/achievementcredential", lambda d: d.__setitem__("validFrom", 5)),
        ("ob3/achievementcredential@vc1.1", lambda d: d),
        ("clr/clrcredential", lambda d: d),
        ("ob3/profile", lambda d: d["issuer"]),
    ],
)
def test_is_valid_agrees_with_validate(name: str, mutate: Callable[[Any], Any]) -> None:
    doc = copy.deepcopy(_load(OB3_EXAMPLE))
    result = mutate(doc)
    instance = result if name == "ob3/profile" else doc
    assert specs.is_valid(instance, name) is (specs.validate(instance, name) == [])


def test_validate_against_resolves_bundled_uri_offline() -> None:
    doc = _load(OB3_EXAMPLE)
    wrapper = {"$ref": OB3_CS_URL}
    assert specs.validate_against(doc, wrapper) == []
    assert specs.is_valid_against(doc, wrapper) is True
    assert specs.is_valid_against({"type": "x"}, wrapper) is False


def test_returned_schema_mutation_does_not_affect_validation() -> None:
    name = "ob3/imsx_statusinfo"
    specs.is_valid({}, name)  # compile first
    shared = specs.schema(name)
    saved = shared["required"]
    try:
        shared["required"] = []
        assert specs.is_valid({}, name) is False
    finally:
        shared["required"] = saved


def test_concurrent_first_use_is_consistent() -> None:
    doc = _load(OB3_EXAMPLE)
    results: list[bool] = []

    def work() -> None:
        for name in ("ob3/endorsementcredential@vc1.1", "ob3/achievementcredential"):
            results.append(specs.is_valid(doc, name))

    threads = [threading.Thread(target=work) for _ in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == N_THREADS
    assert results.count(False) == N_THREADS


# --- offline guarantees --------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        calls.append(args)
        pytest.fail(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return calls


@pytest.mark.parametrize(
    "ref",
    [
        "http://127.0.0.1:9/x.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/not-bundled.json",
        "file:///etc/passwd",
        "other.json",
    ],
)
def test_remote_ref_raises_offline_error_without_socket(no_network: list[object], ref: str) -> None:
    schema = {"type": "object", "properties": {"a": {"$ref": ref}}}
    with pytest.raises(OfflineRefError) as info:
        specs.validate_against({"b": 1}, schema)  # raised eagerly, not only when reached
    assert ref in str(info.value)
    with pytest.raises(OfflineRefError):
        specs.is_valid_against({}, schema)
    assert no_network == []


def test_dangling_local_pointer_is_offline_error() -> None:
    with pytest.raises(OfflineRefError, match="points to nothing"):
        specs.validate_against({}, {"$ref": "#/$defs/missing"})


class _Listener:
    """A local TCP listener that records whether anything connected to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.3)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/x.json"

    def connected(self) -> bool:
        try:
            conn, _ = self.sock.accept()
        except TimeoutError:
            return False
        conn.close()
        return True

    def close(self) -> None:
        self.sock.close()


def test_rust_backend_never_opens_a_socket() -> None:
    listener = _Listener()
    try:
        schema = {"$schema": "https://json-schema.org/draft/2019-09/schema", "$ref": listener.url}
        # positive control: jsonschema-rs with default options does dial out
        with pytest.raises(jsonschema_rs.ValidationError):
            jsonschema_rs.validator_for(schema)
        assert listener.connected() is True
        # our configuration (offline=True + bundled registry) refuses instead
        assert compile_rs(schema) is None
        assert listener.connected() is False
    finally:
        listener.close()


# --- contexts ------------------------------------------------------------------------


@pytest.mark.parametrize("url", sorted(CATALOG["contexts"]))
def test_every_context_resolves(url: str) -> None:
    doc = specs.context(url)
    assert isinstance(doc, dict)
    assert "@context" in doc
    assert specs.known_context(url) is True


def test_required_context_urls_are_bundled() -> None:
    for url in (
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://w3id.org/openbadges/v2",
        "https://openbadgespec.org/v2/context.json",
        "https://www.w3.org/2018/credentials/v1",
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    ):
        assert specs.known_context(url), url
    assert specs.context_urls() == sorted(CATALOG["contexts"])


def test_aliases_share_content() -> None:
    assert specs.context("https://w3id.org/openbadges/v2") == specs.context(
        "https://openbadgespec.org/v2/context.json"
    )
    ob3 = specs.context("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
    assert ob3 is not None
    assert ob3["@context"]["AchievementCredential"] == {"@id": "OpenBadgeCredential"}
    assert ob3["@context"]["OpenBadgeCredential"]["@id"] == (
        "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/context.json",
        "http://www.w3.org/ns/credentials/v2",  # exact allowlist: no scheme folding
        "https://www.w3.org/ns/credentials/v2/",  # nor trailing-slash folding
        "https://dc.imsglobal.org/draft/clr/v2p0/context",  # not available to bundle
        "",
    ],
)
def test_unknown_context_is_none(url: str) -> None:
    assert specs.context(url) is None
    assert specs.known_context(url) is False


def test_context_returns_a_fresh_copy() -> None:
    url = "https://www.w3.org/ns/credentials/v2"
    first = specs.context(url)
    assert first is not None
    first["@context"] = "mutated"
    again = specs.context(url)
    assert again is not None
    assert again["@context"] != "mutated"
