"""Which JSON-LD contexts an ELM document is expanded with, all from the verified bundled
copies (``lerbridge.specs``), and its expansion to RDF triples through pyld with a document
loader that serves only those copies: nothing is ever fetched.

Three documented substitutions make real EDCs checkable (each reported as an issue):
no ``@context`` at all (an EDC-issuer upload form) is read with the EDC contexts; EDCI's
development context URLs are read as the published ``edc-ap`` context; and the VC 2.0 context,
which cannot be combined with ``edc-ap`` (JSON-LD stops on the protected term ``description``),
is read as the VC 1.1 context, whose terms the EDC shapes are written against."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import specs
from ..validation import Severity, ValidationIssue

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
EDC_AP = "http://data.europa.eu/snb/model/context/edc-ap"
#: EDCI's development and test copies of the edc-ap context (its own test credentials cite them)
DEV_PREFIX = "http://dev.everisdx.io/datamodel/"
DEV_SUFFIX = "edc-ap-context.jsonld"


class ContextRefused(Exception):
    """A context URL that is not bundled (never fetched)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@dataclass
class Prepared:
    """The document as it will be expanded, and what was substituted on the way."""

    document: Any
    notes: list[ValidationIssue] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _note(message: str, check: str, severity: Severity = "warning") -> ValidationIssue:
    return ValidationIssue("/@context", message, "", severity, f"elm-shacl:{check}")


def prepare(document: dict[str, Any]) -> Prepared:
    """A shallow copy of ``document`` whose top-level ``@context`` names only bundled
    contexts, with a note for each substitution and the URLs that cannot be resolved."""
    out = Prepared(dict(document))
    raw = document.get("@context")
    if raw is None:
        out.document["@context"] = [VC1, EDC_AP]
        out.notes.append(
            ValidationIssue(
                "",
                "no @context: checked as if it declared the EDC contexts "
                f"({VC1}, {EDC_AP}), as the EDC issuer adds them when it seals",
                "",
                "warning",
                "elm-shacl:context-assumed",
            )
        )
        return out
    items = raw if isinstance(raw, list) else [raw]
    urls = [i for i in items if isinstance(i, str)]
    with_edc = any(u == EDC_AP or u == EDC_AP + ".jsonld" or _is_dev(u) for u in urls)
    rewritten: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            rewritten.append(item)
        elif _is_dev(item):
            rewritten.append(EDC_AP)
            out.notes.append(
                _note(
                    f"EDCI development context {item} is not published; read as the "
                    f"ELM 3.2 edc-ap context ({EDC_AP})",
                    "context-substituted",
                )
            )
        elif item == VC2 and with_edc:
            rewritten.append(VC1)
            out.notes.append(
                _note(
                    "VC 2.0 envelope: read with the VC 1.1 context's terms, which the EDC shapes "
                    "are written against (VC 2.0 + edc-ap cannot be expanded: edc-ap redefines "
                    "the protected term description)",
                    "vc2-envelope",
                    "info",
                )
            )
        else:
            if specs.context(item) is None:
                out.refused.append(item)
            rewritten.append(item)
    out.document["@context"] = rewritten if isinstance(raw, list) else rewritten[0]
    return out


def _is_dev(url: str) -> bool:
    return url.startswith(DEV_PREFIX) and url.endswith(DEV_SUFFIX)


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    doc = specs.context(url)
    if doc is None:
        raise ContextRefused(url)
    return {"contextUrl": None, "documentUrl": url, "document": doc}


def to_dataset(document: Any) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """pyld's RDF dataset of ``document`` (graph name -> triples), expanded offline, and the
    property names JSON-LD dropped because no context defines them. Raises
    ``pyld.jsonld.JsonLdError`` (with :class:`ContextRefused` inside it for a context that is
    not bundled)."""
    from pyld import jsonld

    # pyld keeps module-level caches that are not thread-safe: expansions are serialized
    # with the lock the proofs package holds around the same library.
    from ..proofs.canon import _PYLD_LOCK

    dropped: list[str] = []

    def on_dropped(term: str | None) -> None:
        if term:
            dropped.append(term)

    options = {"documentLoader": _loader, "produceGeneralizedRdf": False}
    with _PYLD_LOCK:
        processor = jsonld.JsonLdProcessor(on_property_dropped=on_dropped)
        dataset: dict[str, list[dict[str, Any]]] = processor.to_rdf(document, options)
    return dataset, dropped


@cache
def _term_names() -> dict[str, str]:
    found: dict[str, str] = {}
    for url in (EDC_AP, VC1):
        doc = specs.context(url) or {}
        _collect(doc.get("@context", {}), {}, found)
    return found


def term_names() -> dict[str, str]:
    """IRI -> JSON term of the edc-ap and VC 1.1 contexts (for readable pointers and
    messages); a fresh copy of a per-process cache."""
    return dict(_term_names())


def _collect(ctx: Any, prefixes: dict[str, str], found: dict[str, str]) -> None:
    if isinstance(ctx, list):
        for c in ctx:
            _collect(c, prefixes, found)
        return
    if not isinstance(ctx, dict):
        return
    local = dict(prefixes)
    for term, value in ctx.items():
        if isinstance(value, str) and value.endswith(("/", "#")) and ":" in value:
            local[term] = value
    for term, value in ctx.items():
        if term.startswith("@"):
            continue
        iri = (
            value
            if isinstance(value, str)
            else value.get("@id")
            if isinstance(value, dict)
            else None
        )
        if isinstance(iri, str) and term not in local:
            full = _expand(iri, local)
            found.setdefault(full, term)
        if isinstance(value, dict) and "@context" in value:
            _collect(value["@context"], local, found)


def _expand(iri: str, prefixes: dict[str, str]) -> str:
    head, sep, rest = iri.partition(":")
    if sep and head in prefixes and not rest.startswith("//"):
        return prefixes[head] + rest
    return iri
