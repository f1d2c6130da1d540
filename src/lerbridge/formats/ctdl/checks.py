"""Checks a written CTDL node must pass: the vocabulary (every property declared for the
class it is used on), the Credential Registry JSON Schema of its class, and the Registry
Assistant's publishing minimum.

The Registry JSON Schemas are draft-04 files from 2019 that lag the vocabulary: their
``meta:langstring`` is a plain string and their ``@context`` one fixed URL. A node is
validated in its *registry view*: language maps folded to one string where the schema
wants a string, and ``@context`` set to the URL the schema names (see NOTICE.md)."""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import Any

from ... import specs
from . import vocab

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
SCHEMAS = (
    "ctdl/credential",
    "ctdl/organization",
    "ctdl/learning_opportunity_profile",
    "ctdl/assessment_profile",
    "ctdl/competency",
    "ctdl/competency_framework",
)
NOT_PUBLISHABLE = ("ceterms:Credential", "ceterms:Degree")
MIN_DESCRIPTION = 15
#: organization.json's ceterms:Organization definition only accepts the @type
#: "ceterms:CredentialOrganization" (a copy-paste slip in the 2019 schema): not reported.
KNOWN_SCHEMA_BUGS = {("ceterms:Organization", "/@type")}


@cache
def schema_for(cls: str) -> str | None:
    """The bundled Registry schema whose top level accepts ``cls``, if any."""
    for name in SCHEMAS:
        sch = specs.schema(name)
        tops = [sch.get("$ref")] + [x.get("$ref") for x in sch.get("anyOf", [])]
        if f"#/definitions/{cls}" in tops:
            return name
    return None


@cache
def _validator(name: str, cls: str) -> Any:
    from jsonschema.validators import validator_for  # imported when a CTDL check runs

    sch = copy.deepcopy(specs.schema(name))
    root = {
        "$schema": sch["$schema"],
        "$ref": f"#/definitions/{cls}",
        "definitions": sch["definitions"],
    }
    return validator_for(root)(root)


def is_langmap(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and _LANG.match(k) for k in value)
        and all(isinstance(v, str | list) for v in value.values())
    )


def registry_view(node: Any, fold: bool) -> Any:
    if is_langmap(node) and fold:
        return next(iter(node.values()))
    if isinstance(node, list):
        return [registry_view(x, fold) for x in node]
    if isinstance(node, dict):
        return {k: registry_view(v, fold) for k, v in node.items()}
    return node


def schema_issues(node: dict[str, Any]) -> list[tuple[str, str]]:
    cls = vocab.class_of(node)
    name = schema_for(cls) if cls else None
    if name is None:
        return []
    sch = specs.schema(name)
    langstring = sch["definitions"].get("meta:langstring", {})
    view = registry_view(node, fold=langstring.get("type") == "string")
    ctx = sch["definitions"].get("@context", {}).get("enum")
    if ctx:
        view["@context"] = ctx[0]
    issues = []
    for err in _validator(name, cls).iter_errors(view):
        pointer = "".join(f"/{p}" for p in err.absolute_path)
        if (cls, pointer) in KNOWN_SCHEMA_BUGS:
            continue
        issues.append((pointer, f"{err.message[:200]} (Registry schema {name})"))
    return sorted(issues)


def minimum_issues(node: dict[str, Any], required: bool = True) -> list[tuple[str, str]]:
    """The Registry Assistant's publishing minimum for a credential (CredentialRequest.cs)."""
    cls = vocab.class_of(node) or ""
    if vocab.top_class(cls) != "ceterms:Credential":
        return []
    out = []
    if cls in NOT_PUBLISHABLE or not vocab.is_known_class(cls):
        out.append(("/@type", f"{cls} is not a concrete credential class the Registry publishes"))
    desc = node.get("ceterms:description")
    texts = desc.values() if isinstance(desc, dict) else [desc] if isinstance(desc, str) else []
    for text in texts:
        if isinstance(text, str) and len(text.strip()) < MIN_DESCRIPTION:
            out.append(
                (
                    "/ceterms:description",
                    f"description shorter than the Registry's minimum of {MIN_DESCRIPTION} "
                    f"characters: {text!r}",
                )
            )
    for key in ("ceterms:ownedBy", "ceterms:inLanguage", "ceterms:ctid"):
        if required and not node.get(key):
            out.append((f"/{key}", f"the Registry requires {key}"))
    return out


def node_issues(node: dict[str, Any], required: bool = True) -> list[tuple[str, str]]:
    """Every issue of a node (``required=False``: without the required-field checks the
    mapping already reports)."""
    return vocab.domain_issues(node) + schema_issues(node) + minimum_issues(node, required)
