"""lerbridge's check of an OB 2.0 Assertion (or BadgeClass, Issuer, Endorsement): the
spec's required properties and value types, from ``check.json`` (package data), plus the
rules between values the spec states (a hashed identity looks hashed, criteria has an id
or a narrative, expires is not before issuedOn). No network: a linked node given as an IRI
is checked as an IRI. Used by ``lerbridge validate`` and by the writer."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from ...specs import SchemaIssue
from .nodes import types_of

_UUID = r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
_IRI = re.compile(rf"^(_:b\d+|urn:uuid:{_UUID}|(?!urn:uuid:|urn:uuid$|data:)[A-Za-z][\w+.-]*:\S+)$")
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_DATA_URI = re.compile(r"^data:[^,]*,", re.IGNORECASE)
_EMAIL = re.compile(r"^(mailto:)?[^@\s]+@[^@\s]+$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")


@cache
def rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files(__package__).joinpath("check.json").read_text("utf-8"))
    return data


@cache
def _props(cls: str) -> dict[str, str]:
    spec = rules()["classes"][cls]
    return {**spec["required"], **spec["optional"]}


def check(doc: Any) -> list[SchemaIssue]:
    """Every problem of an OB 2.0 document, each with a JSON Pointer. Empty: it passes."""
    kinds = types_of(doc)
    cls = "Assertion"
    for name in ("BadgeClass", "Endorsement", "RevocationList", "CryptographicKey"):
        if name in kinds:
            cls = name
    if "Issuer" in kinds or "Profile" in kinds:
        cls = "Profile"
    out: list[SchemaIssue] = []
    if not isinstance(doc, dict):
        return [SchemaIssue("", "an Open Badges 2.0 document is a JSON object", "")]
    _node(doc, cls, "", out)
    return sorted(out)


def _issue(out: list[SchemaIssue], pointer: str, message: str, rule: str) -> None:
    out.append(SchemaIssue(pointer, message, rule))


def _node(node: Any, cls: str, at: str, out: list[SchemaIssue]) -> None:
    spec = rules()["classes"][cls]
    if isinstance(node, str):
        kind = spec.get("as_string", "iri")
        if not _value_ok(node, kind):
            _issue(out, at, f"{node!r} is not a valid {kind} for a {cls}", f"/{cls}")
        return
    if not isinstance(node, dict):
        _issue(out, at, f"a {cls} must be an IRI or an object", f"/{cls}")
        return
    for prop in spec["required"]:
        if prop not in node or node[prop] in (None, "", []):
            _issue(out, f"{at}/{prop}", f"{cls} requires {prop!r}", f"/{cls}/required/{prop}")
    props = _props(cls)
    for prop, value in node.items():
        kind = props.get(prop)
        if kind is not None and value is not None:
            _prop(value, kind, cls, prop, f"{at}/{prop}", spec, out)
    _dependencies(node, cls, at, out)


def _prop(value: Any, kind: str, cls: str, prop: str, at: str, spec: Any, out: list) -> None:
    many = kind.endswith("*")
    kind = kind.rstrip("*")
    if isinstance(value, list) and kind != "type":
        if not many:
            _issue(out, at, f"{cls}.{prop} takes one value, not a list", f"/{cls}/{prop}")
            return
        for i, v in enumerate(value):
            _prop(v, kind, cls, prop, f"{at}/{i}", spec, out)
        return
    if kind == "type":
        allowed = spec.get("types", [])
        vals = value if isinstance(value, list) else [value]
        if not any(v in allowed for v in vals):
            _issue(out, at, f"{cls} type must contain one of {allowed}", f"/{cls}/type")
        return
    if kind in rules()["classes"]:
        _node(value, kind, at, out)
        return
    if not _value_ok(value, kind):
        _issue(
            out,
            at,
            f"{cls}.{prop} must be {kind.replace('_', ' ')}, not {value!r}"[:200],
            f"/{cls}/{prop}",
        )


def _value_ok(v: Any, kind: str) -> bool:
    if kind == "text":
        return isinstance(v, str)
    if kind == "boolean":
        return isinstance(v, bool)
    if kind == "text_or_number":
        return isinstance(v, str | int | float) and not isinstance(v, bool)
    if kind == "object":
        return isinstance(v, dict)
    if kind == "iri_or_object":
        return isinstance(v, dict) or (isinstance(v, str) and bool(_IRI.match(v)))
    if not isinstance(v, str):
        return False
    pattern = {
        "iri": _IRI,
        "url": _URL,
        "email": _EMAIL,
        "datetime": _DATETIME,
        "language": _LANGUAGE,
    }.get(kind)
    if pattern is not None:
        return bool(pattern.match(v))
    if kind == "image_uri":
        return bool(_URL.match(v) or _DATA_URI.match(v))
    return True


def _dependencies(node: dict[str, Any], cls: str, at: str, out: list[SchemaIssue]) -> None:
    if cls == "IdentityObject":
        ident, hashed = node.get("identity"), node.get("hashed")
        if isinstance(ident, str):
            looks_hashed = bool(_HASH.match(ident))
            if hashed is True and not looks_hashed:
                _issue(
                    out,
                    f"{at}/identity",
                    "hashed is true but identity is not sha256$<64 hex> or md5$<32 hex>",
                    "/IdentityObject/identity",
                )
            if hashed is False and looks_hashed:
                _issue(
                    out,
                    f"{at}/hashed",
                    "identity is a hash but hashed is false",
                    "/IdentityObject/hashed",
                )
            email = node.get("type") == "email"
            if hashed is False and email and not looks_hashed and not _EMAIL.match(ident):
                _issue(
                    out,
                    f"{at}/identity",
                    "an email identity must be an e-mail address",
                    "/IdentityObject/identity",
                )
        if node.get("type") not in rules()["identity_types"]:
            _issue(
                out,
                f"{at}/type",
                f"identity type must be one of {rules()['identity_types']}",
                "/IdentityObject/type",
            )
    elif cls == "VerificationObject":
        if node.get("type") not in rules()["verification_types"]:
            _issue(
                out,
                f"{at}/type",
                f"verification type must be one of {rules()['verification_types']}",
                "/VerificationObject/type",
            )
    elif cls == "RevokedAssertion":
        if not node.get("id") and not isinstance(node.get("uid"), str):
            _issue(out, at, "a revoked assertion entry needs an id or a uid", "/RevocationList")
    elif cls == "Criteria":
        if not node.get("id") and not node.get("narrative"):
            _issue(out, at, "Criteria needs an id (URL) or a narrative", "/Criteria")
    elif cls == "Assertion":
        if not _in_hosted_scope(node):
            _issue(
                out,
                f"{at}/id",
                "a hosted assertion's id must be within its issuer's "
                "verification scope (startsWith, allowedOrigins, or the issuer id's origin)",
                "/Assertion/verification",
            )
        issued, expires = node.get("issuedOn"), node.get("expires")
        dated = isinstance(issued, str) and isinstance(expires, str)
        dated = dated and bool(_DATETIME.match(issued) and _DATETIME.match(expires))
        if dated and _utc(expires) < _utc(issued):
            _issue(out, f"{at}/expires", "expires is before issuedOn", "/Assertion/expires")


def _in_hosted_scope(node: dict[str, Any]) -> bool:
    """The spec's hosted-verification rule, offline: the assertion id starts with one of the
    issuer's ``verification.startsWith``, or its host is one of ``allowedOrigins`` (by
    default the host of the issuer's id). Checked only when the issuer is embedded."""
    ver, badge = node.get("verification"), node.get("badge")
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    ident = node.get("id")
    hosted = isinstance(ver, dict) and ver.get("type") in ("hosted", "HostedBadge")
    if not (hosted and isinstance(issuer, dict) and isinstance(ident, str)):
        return True
    policy = issuer.get("verification") if isinstance(issuer.get("verification"), dict) else {}
    starts = policy.get("startsWith")
    if starts:
        return any(ident.startswith(x) for x in (starts if isinstance(starts, list) else [starts]))
    origins = policy.get("allowedOrigins")
    if not origins:
        issuer_id = issuer.get("id")
        if not isinstance(issuer_id, str) or not _URL.match(issuer_id):
            return True
        origins = urlsplit(issuer_id).netloc
    allowed = origins if isinstance(origins, list) else [origins]
    return urlsplit(ident).netloc in allowed


def _utc(value: str) -> str:
    from datetime import UTC, datetime

    v = value.replace("Z", "+00:00")
    if re.search(r"[+-]\d{2}$", v):
        v += ":00"
    elif re.search(r"[+-]\d{4}$", v):
        v = v[:-2] + ":" + v[-2:]
    return datetime.fromisoformat(v).astimezone(UTC).isoformat()
