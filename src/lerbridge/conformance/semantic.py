"""Semantic rules on the document as written (raw JSON), one function per rule id of
``rules.yaml``. They look at what schemas cannot see (order, cross-references, term
definitions, dates against the clock) and at formats lerbridge does not read yet (OB 2.0).
Each yields ``(JSON Pointer, message)``; the runner turns them into findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from .. import specs
from ..formats.vc import types_of
from ..formats.vccheck import context_violations
from . import semantic_records

Hits = Iterator[tuple[str, str]]


@dataclass(frozen=True)
class Subject:
    """What a rule looks at: the parsed document, its format (None when no format reads
    it) and the moment expiry is judged against."""

    doc: Any
    fmt: str | None
    now: datetime
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


CLR_CTX = re.compile(r"^https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d\.\d)?\.json$")
OB_CTX = re.compile(r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)?\.json$")
DATE_KEYS = ("validFrom", "validUntil", "issuanceDate", "expirationDate", "awardedDate")
_DATETIME_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$", re.I)
_DATE_ONLY = re.compile(r"^\d{4}-\d\d-\d\d$")
_EXT = re.compile(r"^ext:[A-Za-z0-9.\-_]+$")


def esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def walk(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in the document with its JSON Pointer, depth first."""
    if isinstance(node, dict):
        yield pointer, node
        for k, v in node.items():
            yield from walk(v, f"{pointer}/{esc(k)}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{pointer}/{i}")


def _contexts(node: dict[str, Any]) -> list[Any]:
    ctx = node.get("@context")
    return ctx if isinstance(ctx, list) else [] if ctx is None else [ctx]


def _is_credential(node: dict[str, Any]) -> bool:
    return "@context" in node and any(t.endswith("Credential") for t in types_of(node))


def embedded_credentials(doc: Any) -> list[tuple[str, dict[str, Any]]]:
    """The outermost credentials inside a document that is not itself one (an LER-RS
    résumé's verifications), with their pointers."""
    out: list[tuple[str, dict[str, Any]]] = []
    for ptr, node in walk(doc):
        if ptr and _is_credential(node) and not any(ptr.startswith(p + "/") for p, _ in out):
            out.append((ptr, node))
    return out


# --- JSON-LD contexts --------------------------------------------------------------------


def context_order(s: Subject) -> Hits:
    for ptr, node in walk(s.doc):
        if not _is_credential(node):
            continue
        for msg in context_violations(node):
            yield f"{ptr}/@context", msg
        if "ClrCredential" not in types_of(node):
            continue
        ctxs = [c for c in _contexts(node) if isinstance(c, str)]
        clr = next((i for i, c in enumerate(ctxs) if CLR_CTX.match(c)), None)
        ob = next((i for i, c in enumerate(ctxs) if OB_CTX.match(c)), None)
        if clr is None or ob is None:
            yield f"{ptr}/@context", "a ClrCredential's @context names the CLR and the OB context"
        elif ob < clr:
            yield (
                f"{ptr}/@context/{ob}",
                f"the OB context ({ctxs[ob]}) comes before the CLR context ({ctxs[clr]}); "
                "the order is VC, CLR, OB",
            )


def context_unknown(s: Subject) -> Hits:
    for ptr, node in walk(s.doc):
        for i, ctx in enumerate(_contexts(node)):
            if isinstance(ctx, str) and not specs.known_context(ctx):
                yield (
                    f"{ptr}/@context/{i}" if isinstance(node.get("@context"), list) else ptr,
                    f"@context {ctx!r} is not a published context lerbridge knows; a verifier "
                    "would have to fetch it",
                )


def _collect_terms(ctx: Any, out: set[str]) -> bool:
    """Add every term a context defines (scoped contexts included). True if it sets a
    top-level @vocab."""
    vocab = False
    if isinstance(ctx, list):
        for c in ctx:
            vocab = _collect_terms(c, out) or vocab
        return vocab
    if not isinstance(ctx, dict):
        return False
    vocab = "@vocab" in ctx
    for key, value in ctx.items():
        if not key.startswith("@"):
            out.add(key)
        if isinstance(value, dict) and "@context" in value:
            _collect_terms(value["@context"], out)
    return vocab


@cache
def _terms_of(url: str) -> tuple[frozenset[str], bool]:
    doc = specs.context(url) or {}
    out: set[str] = set()
    vocab = _collect_terms(doc.get("@context"), out)
    return frozenset(out), vocab


def term_undefined(s: Subject) -> Hits:
    """Keys that no declared context defines. Skipped when a context is not bundled
    (context-unknown says so): its terms cannot be known offline."""
    if not isinstance(s.doc, dict):
        return
    terms: set[str] = set()
    vocab = False
    for _ptr, node in walk(s.doc):
        for ctx in _contexts(node):
            if isinstance(ctx, str):
                if not specs.known_context(ctx):
                    return
                found, has_vocab = _terms_of(ctx)
                terms |= found
                vocab = vocab or has_vocab
            elif isinstance(ctx, dict):
                vocab = _collect_terms(ctx, terms) or vocab
    if not terms:
        return
    seen: set[str] = set()
    for ptr, node in walk(s.doc):
        for key in node:
            if key.startswith("@") or ":" in key or key in terms or key in seen:
                continue
            seen.add(key)
            what = (
                "falls to the VC context's issuer-dependent @vocab, not a defined term"
                if vocab
                else "is dropped by JSON-LD processing, so a signature does not cover it"
            )
            yield (
                f"{ptr}/{esc(key)}",
                f"{key!r} is defined by none of the declared contexts: it {what}",
            )


# --- OB 3.0 / CLR 2.0 values --------------------------------------------------------------


def association_credential_id(s: Subject) -> Hits:
    if not isinstance(s.doc, dict):
        return
    subject = s.doc.get("credentialSubject")
    if not isinstance(subject, dict):
        return
    creds = subject.get("verifiableCredential")
    creds = creds if isinstance(creds, list) else [creds] if isinstance(creds, dict) else []
    cred_ids = {c.get("id") for c in creds if isinstance(c, dict) and c.get("id")}
    assocs = subject.get("association")
    assocs = assocs if isinstance(assocs, list) else [assocs] if isinstance(assocs, dict) else []
    for i, assoc in enumerate(assocs):
        if not isinstance(assoc, dict):
            continue
        for key in ("sourceId", "targetId"):
            if assoc.get(key) in cred_ids:
                yield (
                    f"/credentialSubject/association/{i}/{key}",
                    f"{key} {assoc[key]!r} is a credential id; it must name an achievement",
                )


def result_value_type(s: Subject) -> Hits:
    for ptr, node in walk(s.doc):
        if "Result" in types_of(node) and "value" in node and not isinstance(node["value"], str):
            yield f"{ptr}/value", f"Result.value is {node['value']!r}, not a string"


@cache
def identifier_types() -> frozenset[str]:
    """IdentifierTypeEnum, read from the official OB 3.0 schema."""
    values: set[str] = set()
    for _ptr, node in walk(specs.schema("ob3/achievementcredential")):
        props = node.get("properties")
        if isinstance(props, dict) and "identityType" in props:
            for _p, sub in walk(props["identityType"]):
                values.update(v for v in sub.get("enum", []) if isinstance(v, str))
    return frozenset(values)


def identifier_type_enum(s: Subject) -> Hits:
    allowed = identifier_types()
    for ptr, node in walk(s.doc):
        for key in ("identityType", "identifierType"):
            value = node.get(key)
            if isinstance(value, str) and value not in allowed and not _EXT.match(value):
                yield (
                    f"{ptr}/{key}",
                    f"{key} {value!r} is not in IdentifierTypeEnum; use a listed value or ext:…",
                )


def datetime_no_timezone(s: Subject) -> Hits:
    for ptr, node in walk(s.doc):
        for key in DATE_KEYS:
            value = node.get(key)
            if not isinstance(value, str) or _DATETIME_Z.match(value):
                continue
            what = "a date without time and zone" if _DATE_ONLY.match(value) else "no time zone"
            yield f"{ptr}/{key}", f"{key} {value!r} has {what}; a DateTimeZ is required"


def image_bare_string(s: Subject) -> Hits:
    if isinstance(s.doc, dict) and "Clr" in types_of(s.doc):
        return  # CLR 1.0: image is an IRI there
    for ptr, node in walk(s.doc):
        if isinstance(node.get("image"), str):
            yield f"{ptr}/image", 'image is a bare string; OB 3.0 wants {id, type: "Image"}'


# --- validity period (any format) ---------------------------------------------------------


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def credential_expired(s: Subject) -> Hits:
    if not isinstance(s.doc, dict):
        return
    for key in ("validUntil", "expirationDate", "expires"):
        moment = _when(s.doc.get(key))
        if moment is not None and moment < s.now:
            yield f"/{key}", f"expired: {key} {s.doc[key]} is before {s.now.isoformat()}"


def credential_not_yet_valid(s: Subject) -> Hits:
    if not isinstance(s.doc, dict):
        return
    for key in ("validFrom", "issuanceDate", "issuedOn"):
        moment = _when(s.doc.get(key))
        if moment is not None and moment > s.now:
            yield f"/{key}", f"not yet valid: {key} {s.doc[key]} is after {s.now.isoformat()}"


def _proofs(s: Subject, outcome: str) -> Hits:
    """proof-invalid / proof-unverifiable: ``lerbridge verify`` on the whole document (run
    once per subject; both rules read the result)."""
    if not isinstance(s.doc, dict):
        return
    from ..proofs import verify_document

    if "proofs" not in s.memo:
        s.memo["proofs"] = verify_document(s.doc).proofs
    hit = s.memo["proofs"]
    for p in hit:
        if p.outcome == outcome:
            yield p.path or "/", f"{p.suite}: {p.reason}"


CHECKS: dict[str, Callable[[Subject], Hits]] = {
    "context-order": context_order,
    "context-unknown": context_unknown,
    "term-undefined": term_undefined,
    "association-credential-id": association_credential_id,
    "result-value-type": result_value_type,
    "identifier-type-enum": identifier_type_enum,
    "datetime-no-timezone": datetime_no_timezone,
    "image-bare-string": image_bare_string,
    "credential-expired": credential_expired,
    "credential-not-yet-valid": credential_not_yet_valid,
    "lerrs-type-url": lambda s: semantic_records.lerrs_type_url(s.doc),
    "ctid-malformed": lambda s: semantic_records.ctid_malformed(s.doc),
    "ctid-uppercase": lambda s: semantic_records.ctid_uppercase(s.doc),
    "ctdl-domain": lambda s: semantic_records.ctdl_domain(s.doc),
    "ob2-recipient-hash": lambda s: semantic_records.ob2_recipient_hash(s.doc),
    "proof-invalid": lambda s: _proofs(s, "invalid"),
    "proof-unverifiable": lambda s: _proofs(s, "unverifiable"),
}
