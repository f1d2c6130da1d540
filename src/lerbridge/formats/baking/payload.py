"""What a baked text is (JSON, a compact JWS, or a legacy URL) and which Open Badges
version a document is. Format-neutral: only what baking needs to pick a marker."""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any, Literal

from ...errors import ReadError
from ...safejson import JsonLimits, loads
from ..vc import looks_like_jws, types_of

Kind = Literal["json", "jws", "url"]
Version = Literal["ob2", "ob3"]
VERSION_TITLE: dict[str, str] = {"ob2": "Open Badges 2.0 (or 0.5-1.1)", "ob3": "Open Badges 3.0"}
_URL = re.compile(r"^https?://\S+$")
_OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential", "EndorsementCredential"}
_OB3_CONTEXT = "purl.imsglobal.org/spec/ob/v3p0"
_OB2_CONTEXTS = ("w3id.org/openbadges", "openbadgespec.org")
#: Keys that, beside ``badge``, mark a pre-2.0 (0.5, 1.0, 1.1) assertion.
_LEGACY_KEYS = ("recipient", "verify", "uid", "identity", "issuedOn", "issued_on", "salt")


def classify(text: str, name: str, limits: JsonLimits | None = None) -> tuple[Kind, Any]:
    """(kind, document): the parsed JSON, the JWS payload, or None for a URL. Anything
    else is a :class:`ReadError`."""
    head = text.lstrip("\ufeff")[:1]
    if head in ("{", "["):
        return "json", loads(text, name, None, limits)
    if looks_like_jws(text.encode("utf-8", "surrogatepass")):
        return "jws", jws_payload(text, name, limits)
    if _URL.match(text):
        return "url", None
    shown = text[:40] + ("…" if len(text) > 40 else "")
    raise ReadError(
        f"the baked text is neither JSON, a compact JWS nor an http(s) URL: {shown!r}",
        source=name,
    )


def jws_payload(jws: str, name: str, limits: JsonLimits | None = None) -> Any:
    """The JSON payload of a compact JWS, not verified."""
    part = jws.strip().split(".")[1].encode("ascii")
    try:
        raw = base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise ReadError("the JWS payload is not base64url", source=name) from None
    return loads(raw, f"{name}#payload", None, limits)


def version_of(doc: Any) -> Version | None:
    """``ob3`` for an OB 3.0 credential (also as a VC-JWT ``vc`` claim), ``ob2`` for an
    OB 2.0 or legacy 0.5-1.1 assertion, None when the document says neither."""
    if isinstance(doc, dict) and isinstance(doc.get("vc"), dict):
        doc = doc["vc"]
    if not isinstance(doc, dict):
        return None
    types = set(types_of(doc))
    context = json.dumps(doc.get("@context", ""))
    if types & _OB3_TYPES or _OB3_CONTEXT in context:
        return "ob3"
    if "Assertion" in types or any(c in context for c in _OB2_CONTEXTS):
        return "ob2"
    if "badge" in doc and any(k in doc for k in _LEGACY_KEYS):
        return "ob2"
    return None


def hosted_url(doc: Any) -> str | None:
    """The URL an OB 1.x/2.0 SVG puts in ``verify=`` beside the JSON body: ``verify.url``
    (1.x), else the assertion ``id`` when it is an http(s) URL (2.0 hosted)."""
    if not isinstance(doc, dict):
        return None
    verify = doc.get("verify")
    if isinstance(verify, dict) and isinstance(verify.get("url"), str):
        return verify["url"]
    ident = doc.get("id")
    if isinstance(ident, str) and _URL.match(ident):
        return ident
    return None
