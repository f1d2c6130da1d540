"""SHACL validation of ELM fetches nothing: contexts named by the document, nested contexts,
ids, credentialSchema URLs and an owl:imports-looking value all point at a loopback listener
that counts connections; the contexts that are not bundled are reported, never loaded."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from loopback import Listener

from lerbridge.shacl import validate_elm

SAMPLE = "elm/eu-elm-github_credential-sample_v3.2.jsonld"


def _sample(upstream: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((upstream / SAMPLE).read_text(encoding="utf-8"))
    return doc


def test_a_remote_top_level_context_is_refused(upstream: Path, listener: Listener) -> None:
    doc = _sample(upstream)
    doc["@context"] = [*doc["@context"], listener.url("context.jsonld")]
    issues = validate_elm(doc)
    assert [(i.check, i.severity, i.pointer) for i in issues] == [
        ("elm-shacl:context-unknown", "error", "/@context")
    ]
    assert listener.url("context.jsonld") in issues[0].message


def test_a_nested_remote_context_is_refused(upstream: Path, listener: Listener) -> None:
    doc = _sample(upstream)
    doc["credentialSubject"] = copy.deepcopy(doc["credentialSubject"])
    doc["credentialSubject"]["@context"] = listener.url("nested.jsonld")
    issues = validate_elm(doc)
    assert [(i.check, i.severity) for i in issues] == [("elm-shacl:jsonld", "error")]
    assert listener.url("nested.jsonld") in issues[0].message


def test_remote_ids_and_schemas_are_names_not_links(upstream: Path, listener: Listener) -> None:
    doc = _sample(upstream)
    doc["id"] = listener.url("credential")
    doc["credentialSchema"] = {"id": listener.url("shapes.ttl"), "type": "ShaclValidator2017"}
    doc["issuer"] = {
        **doc["issuer"],
        "homepage": {
            "id": listener.url("home"),
            "type": "WebResource",
            "contentURL": listener.url("home"),
        },
    }
    issues = validate_elm(doc)
    assert all(i.severity != "error" for i in issues), issues
