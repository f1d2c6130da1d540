"""LER-RS document syntax: the two type URLs, the VC wrapper and where the résumé sits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson

from ...errors import ReadError

FORMAT = "lerrs"
TYPE_44 = "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json"
TYPE_45 = "http://schema.hropenstandards.org/4.5/recruiting/json/LER-RSType.json"
TYPE_URLS = {"4.4": TYPE_44, "4.5": TYPE_45}
WRAPPER_CONTEXT = (
    "http://schema.hropenstandards.org/4.5/recruiting/json/VerifiableCredentialLER-RSType.json"
)
SECTIONS = (
    "person",
    "communication",
    "narratives",
    "employmentHistories",
    "educationAndLearnings",
    "certifications",
    "licenses",
    "skills",
)


@dataclass
class Split:
    body: dict[str, Any]
    """The résumé (LER-RSType object)."""
    prefix: str
    """JSON Pointer of the résumé in the document."""
    wrapper: dict[str, Any] | None
    version: str
    """``4.4`` or ``4.5``: which type URL the résumé gives."""
    form: str
    """``bare``, ``subject`` (résumé fields directly in credentialSubject) or
    ``lerrsType`` (under credentialSubject.lerrsType)."""

    @property
    def dialect(self) -> str:
        return f"{self.version}/{self.form}"


def version_of(type_url: Any) -> str | None:
    for version, url in TYPE_URLS.items():
        if type_url == url:
            return version
    if isinstance(type_url, str) and type_url.endswith("LER-RSType.json"):
        return "4.5" if "/4.5/" in type_url else "4.4"
    return None


def split(doc: Any, name: str) -> Split:
    if not isinstance(doc, dict):
        raise ReadError(f"an LER-RS résumé is a JSON object, not {type(doc).__name__}", source=name)
    subject = doc.get("credentialSubject")
    if isinstance(subject, dict):
        inner = subject.get("lerrsType")
        if isinstance(inner, dict):
            body, prefix, form = inner, "/credentialSubject/lerrsType", "lerrsType"
        else:
            body = {k: v for k, v in subject.items() if k != "id"}
            prefix, form = "/credentialSubject", "subject"
        wrapper: dict[str, Any] | None = doc
    else:
        body, prefix, form, wrapper = doc, "", "bare", None
    version = version_of(body.get("type"))
    if version is None:
        if not any(k in body for k in SECTIONS):
            raise ReadError(
                "not an HR Open LER-RS résumé (no LER-RSType type URL and no résumé section)",
                source=name,
                location=prefix + "/type",
            )
        version = "4.5"
    return Split(body, prefix, wrapper, version, form)


def looks_like_lerrs(doc: Any) -> float:
    if not isinstance(doc, dict):
        return 0.0
    subject = doc.get("credentialSubject")
    body = doc
    if isinstance(subject, dict):
        body = subject.get("lerrsType") if isinstance(subject.get("lerrsType"), dict) else subject
    if version_of(body.get("type")):
        return 1.0
    ctx = doc.get("@context")
    if isinstance(ctx, list) and WRAPPER_CONTEXT in ctx:
        return 0.95
    if sum(k in body for k in SECTIONS[2:]) >= 2:
        return 0.5
    return 0.0


def source_digest(doc: dict[str, Any]) -> str:
    """The digest of a signed document without its proof: a writer that produces the
    same JSON keeps the proof, any other output drops it."""
    unsigned = {k: v for k, v in doc.items() if k != "proof"}
    return hashlib.sha256(orjson.dumps(unsigned, option=orjson.OPT_SORT_KEYS)).hexdigest()
