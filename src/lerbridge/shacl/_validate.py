"""``validate_elm``: expand, build the data graph, run pyshacl, report."""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from ..errors import LerbridgeError
from ..validation import Severity, ValidationIssue
from ._contexts import ContextRefused, prepare, term_names, to_dataset
from ._graph import AP, GENERIC_FULL, SHAPES_URI, data_graph, known_shapes, profiles, shapes_graph
from ._pointers import escape, id_index
from ._results import Reporter

ELM = "http://data.europa.eu/snb/model/elm/"
CRED = "https://www.w3.org/2018/credentials#"
#: pyshacl logs through the logger it is given; lerbridge never configures handlers.
_LOG = logging.getLogger("lerbridge.shacl")
#: One pyshacl run at a time over the shared, cached shapes graph.
_RUN_LOCK = threading.Lock()
_WRAPPERS = ("credential", "elm")


def _issue(pointer: str, message: str, check: str, severity: Severity = "error") -> ValidationIssue:
    return ValidationIssue(pointer, message, "", severity, f"elm-shacl:{check}")


def unwrap(document: Any) -> tuple[str, Any]:
    """The EDC inside the wrappers real files use, with the JSON Pointer prefix of where it
    sits: a JAdES seal's ``payload`` (a JSON string; pointers then lead into that decoded
    payload, under ``/payload``), an EDC-issuer upload form ``{"credential": …}``, a DC4EU
    claim ``{"elm": …}``. Anything else is returned as it is, with prefix ``""``."""
    if not isinstance(document, dict) or "type" in document or "@graph" in document:
        return "", document
    payload = document.get("payload")
    if (isinstance(payload, str) and "signatures" in document) or "protected" in document:
        try:
            inner = json.loads(payload) if isinstance(payload, str) else None
        except ValueError:
            inner = None
        if isinstance(inner, dict):
            return "/payload", inner
    for key in _WRAPPERS:
        inner = document.get(key)
        if isinstance(inner, dict) and ("type" in inner or "credentialSubject" in inner):
            return "/" + key, inner
    return "", document


def validate_elm(document: dict[str, Any], *, source: str | None = None) -> list[ValidationIssue]:
    """The SHACL findings of an EDC (JSON-LD, nested or ``@graph``-flattened, optionally in
    one of the wrappers :func:`unwrap` knows): ``[]`` when it conforms to the EDC shapes.
    ``source`` names the document in raised errors. Raises
    :class:`~lerbridge.errors.SpecsNotInstalledError` without the official specs, and a
    :class:`~lerbridge.errors.LerbridgeError` when pyshacl (``lerbridge[elm]``) is missing."""
    if not isinstance(document, dict):
        raise LerbridgeError("an EDC is a JSON object", source=source)
    try:
        import pyshacl  # noqa: F401
    except ImportError:
        raise LerbridgeError(
            "SHACL validation of ELM needs pyshacl: pip install 'lerbridge[elm]'", source=source
        ) from None
    prefix, edc = unwrap(document)
    if not isinstance(edc, dict):
        raise LerbridgeError("an EDC is a JSON object", source=source, location=prefix or None)
    issues = _check(edc)
    return sorted(i.moved(prefix) for i in issues) if prefix else sorted(issues)


def _check(edc: dict[str, Any]) -> list[ValidationIssue]:
    from pyld.jsonld import JsonLdError

    prep = prepare(edc)
    issues = list(prep.notes)
    for url in prep.refused:
        issues.append(
            _issue(
                "/@context",
                f"context {url} is not bundled (lerbridge never fetches contexts): "
                "the document cannot be checked against the EDC shapes",
                "context-unknown",
            )
        )
    if prep.refused:
        return issues
    try:
        dataset, dropped = to_dataset(prep.document)
    except JsonLdError as exc:
        refused = _refused(exc)
        what = (
            f"context {refused} is not bundled (lerbridge never fetches contexts)"
            if refused
            else f"JSON-LD expansion failed: {_reason(exc)}"
        )
        issues.append(_issue("", f"{what}: the document cannot be checked", "jsonld"))
        return issues
    except RecursionError:
        issues.append(_issue("", "nested too deeply for JSON-LD expansion: not checked", "jsonld"))
        return issues
    graph, bad_tags = data_graph(dataset)
    for term in sorted(set(dropped)):
        count = dropped.count(term)
        times = f" ({count} times)" if count > 1 else ""
        issues.append(
            _issue(
                _key_pointer(edc, term),
                f"property {term!r}{times} is not defined by the document's contexts: "
                "JSON-LD drops it, so the shapes do not check it",
                "term-undefined",
                "warning",
            )
        )
    for tag in sorted(set(bad_tags)):
        issues.append(
            _issue(
                _key_pointer(edc, tag),
                f"language tag {tag!r} is not a valid BCP 47 tag: the value is read as a plain "
                "string, which the shapes' rdf:langString datatype rejects",
                "language-tag",
                "warning",
            )
        )
    named = _named_profiles(graph)
    if named is None:
        issues.append(
            _issue(
                "/type",
                "no node is typed EuropeanDigitalCredential (elm:EuropeanDigitalCredential) "
                "after JSON-LD expansion: the credential-level shapes check nothing",
                "not-edc",
            )
        )
        named = []
    for uri in named:
        if uri.startswith(AP) and uri != GENERIC_FULL and uri not in known_shapes():
            issues.append(
                _issue(
                    "/credentialSchema",
                    f"credentialSchema names the shapes {uri}, which lerbridge does not bundle: "
                    f"checked against {SHAPES_URI} only",
                    "profile-unknown",
                    "warning",
                )
            )
    shapes = shapes_graph(profiles(named))
    reporter = Reporter(graph, shapes, id_index(edc), term_names())
    issues.extend(_run(graph, shapes, reporter))
    return issues


def _named_profiles(graph: Any) -> list[str] | None:
    """The ``credentialSchema`` ids of the EDC nodes; ``None`` when there is no EDC node."""
    import rdflib

    edcs = list(graph.subjects(rdflib.RDF.type, rdflib.URIRef(ELM + "EuropeanDigitalCredential")))
    if not edcs:
        return None
    schema = rdflib.URIRef(CRED + "credentialSchema")
    return sorted(
        {str(o) for e in edcs for o in graph.objects(e, schema) if isinstance(o, rdflib.URIRef)}
    )


def _key_pointer(document: Any, key: str) -> str:
    """Pointer of the first object member called ``key`` (a language-map key), else ``""``."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        pointer, node = stack.pop(0)
        if isinstance(node, dict):
            if key in node:
                return f"{pointer}/{escape(key)}"
            stack.extend((f"{pointer}/{escape(str(k))}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(node))
    return ""


def _run(graph: Any, shapes: Any, reporter: Reporter) -> list[ValidationIssue]:
    from pyshacl import Validator
    from pyshacl.graph_abstraction import DataGraph

    options = {
        "inference": "none",
        "inplace": True,  # the data graph is this call's own
        "advanced": False,
        "allow_infos": True,
        "allow_warnings": True,
        "logger": _LOG,
    }
    # one run (and the reading of the shared shapes graph for its report) at a time
    with _RUN_LOCK:
        validator = Validator(DataGraph.from_rdflib(graph), shacl_graph=shapes, options=options)
        _conforms, report, _text = validator.run()
        return reporter.issues(report)


def _refused(exc: BaseException) -> str | None:
    cur: Any = exc
    for _ in range(20):
        if cur is None:
            return None
        if isinstance(cur, ContextRefused):
            return cur.url
        details = getattr(cur, "details", None)
        cause = details.get("cause") if isinstance(details, dict) else None
        cur = cause if cause is not None else cur.__cause__ or cur.__context__
    return None


def _reason(exc: BaseException) -> str:
    parts: list[str] = []
    cur: Any = exc
    for _ in range(8):
        if cur is None:
            break
        msg = getattr(cur, "message", None) or str(cur).splitlines()[0]
        code = getattr(cur, "code", None)
        parts.append(f"{msg} ({code})" if code else str(msg))
        details = getattr(cur, "details", None)
        cur = details.get("cause") if isinstance(details, dict) else None
    return "; ".join(parts)
