"""pyshacl's validation report as :class:`~lerbridge.validation.ValidationIssue`s: one per
leaf result (a ``sh:node`` result is replaced by the results that explain it), with a JSON
Pointer to the focus node's JSON object and the property, a check id naming the shape, and a
message naming the property and the constraint."""

from __future__ import annotations

from typing import Any

from ..validation import Severity, ValidationIssue
from ._pointers import escape

SH = "http://www.w3.org/ns/shacl#"
_SEVERITY: dict[str, Severity] = {
    SH + "Violation": "error",
    SH + "Warning": "warning",
    SH + "Info": "info",
}
_PREFIXES = {
    "http://data.europa.eu/snb/model/elm/": "elm:",
    "http://purl.org/dc/terms/": "dc:",
    "https://www.w3.org/2018/credentials#": "cred:",
    "http://www.w3.org/ns/regorg#": "rov:",
    "http://www.w3.org/ns/adms#": "adms:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/person#": "person:",
    "http://www.w3.org/ns/locn#": "locn:",
    "http://data.europa.eu/m8g/": "clv:",
    "http://www.w3.org/ns/org#": "org:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "https://w3id.org/security#": "sec:",
    "http://data.europa.eu/snb/model/ap/edc-generic-no-cv/": "edc:",
}


def curie(iri: Any) -> str:
    text = str(iri)
    for ns, prefix in _PREFIXES.items():
        if text.startswith(ns):
            return prefix + text[len(ns) :]
    return text


def local_name(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


class Reporter:
    """Turns a results graph into issues, given the data graph (to place blank nodes), the
    shapes graph (for constraint values and names), the document's id index and the
    context's IRI -> term names."""

    def __init__(
        self, data: Any, shapes: Any, ids: dict[str, list[str]], terms: dict[str, str]
    ) -> None:
        import rdflib

        self.rdflib = rdflib
        self.data = data
        self.shapes = shapes
        self.ids = ids
        self.terms = terms

    def sh(self, name: str) -> Any:
        return self.rdflib.URIRef(SH + name)

    def issues(self, report: Any) -> list[ValidationIssue]:
        results = set(report.subjects(self.rdflib.RDF.type, self.sh("ValidationResult")))
        nested = set(report.objects(None, self.sh("detail")))
        out: set[ValidationIssue] = set()
        for result in results - nested:
            for leaf, via in self._leaves(report, result, None):
                out.add(self._issue(report, leaf, via))
        return sorted(out)

    def _leaves(self, report: Any, result: Any, via: Any) -> list[tuple[Any, Any]]:
        details = list(report.objects(result, self.sh("detail")))
        if not details:
            return [(result, via)]
        here = via if via is not None else result
        out: list[tuple[Any, Any]] = []
        for d in details:
            out.extend(self._leaves(report, d, here))
        return out

    # --- one issue --------------------------------------------------------------------

    def _issue(self, report: Any, result: Any, via: Any) -> ValidationIssue:
        focus = report.value(result, self.sh("focusNode"))
        path = report.value(result, self.sh("resultPath"))
        shape = report.value(result, self.sh("sourceShape"))
        component = report.value(result, self.sh("sourceConstraintComponent"))
        value = report.value(result, self.sh("value"))
        severity = _SEVERITY.get(str(report.value(result, self.sh("resultSeverity"))), "error")
        pointer = self.pointer(focus)
        term = self.term(path) if isinstance(path, self.rdflib.URIRef) else None
        if term is not None:
            pointer += "/" + escape(term)
        what = self._constraint(shape, component, value, path, report, result)
        where = self._describe(focus)
        prop = f"{term} ({curie(path)})" if term is not None else curie(path) if path else ""
        message = f"{where}: {prop}: {what}" if prop else f"{where}: {what}"
        if via is not None:
            outer_path = report.value(via, self.sh("resultPath"))
            outer_shape = report.value(via, self.sh("sourceShape"))
            node_shape = self.shapes.value(outer_shape, self.sh("node")) if outer_shape else None
            outer = self.term(outer_path) if outer_path is not None else "value"
            named = f" ({local_name(node_shape)})" if node_shape is not None else ""
            message = f"{outer}{named}: {message}"
        check = "elm-shacl:" + self._check_name(shape, component, via, report)
        return ValidationIssue(pointer, message, str(shape) if shape else "", severity, check)

    def _check_name(self, shape: Any, component: Any, via: Any, report: Any) -> str:
        kind = local_name(component).removesuffix("ConstraintComponent") if component else "shape"
        if isinstance(shape, self.rdflib.URIRef):
            return _profile(shape) + local_name(shape)
        owner = next(iter(self.shapes.subjects(self.sh("property"), shape)), None)
        if isinstance(owner, self.rdflib.URIRef):
            return f"{_profile(owner)}{local_name(owner)}.{kind}"
        if via is not None:
            outer = report.value(via, self.sh("sourceShape"))
            if isinstance(outer, self.rdflib.URIRef):
                return f"{_profile(outer)}{local_name(outer)}.{kind}"
        return kind

    def _constraint(
        self, shape: Any, component: Any, value: Any, path: Any, report: Any, result: Any
    ) -> str:
        kind = local_name(component).removesuffix("ConstraintComponent") if component else ""
        get = (
            (lambda p: self.shapes.value(shape, self.sh(p)))
            if shape is not None
            else (lambda p: None)
        )
        if kind == "MinCount":
            return f"missing: at least {get('minCount')} value(s) required (sh:minCount)"
        if kind == "MaxCount":
            return f"too many values: at most {get('maxCount')} allowed (sh:maxCount)"
        if kind == "Datatype":
            return f"{_show(value)} is not a {curie(get('datatype'))} (sh:datatype)"
        if kind == "Class":
            return f"{_show(value)} is not a {local_name(get('class'))} (sh:class)"
        if kind == "Node":
            return f"{_show(value)} does not conform to {local_name(get('node'))} (sh:node)"
        if kind == "NodeKind":
            return f"{_show(value)} is not a {local_name(get('nodeKind'))} (sh:nodeKind)"
        text = report.value(result, self.sh("resultMessage"))
        label = f"sh:{kind[0].lower()}{kind[1:]}" if kind else "constraint"
        return f"{text} ({label})" if text else f"breaks {label}"

    # --- where ------------------------------------------------------------------------

    def term(self, iri: Any) -> str:
        return self.terms.get(str(iri), curie(iri))

    def pointer(self, node: Any, depth: int = 0) -> str:
        if node is None:
            return ""
        if not isinstance(node, self.rdflib.BNode):
            found = self.ids.get(str(node))
            if found:
                return found[0]
            return ""
        if depth > 20:
            return ""
        for s, p in self.data.subject_predicates(node):
            return self.pointer(s, depth + 1) + "/" + escape(self.term(p))
        return ""

    def _describe(self, node: Any) -> str:
        types = sorted(local_name(t) for t in self.data.objects(node, self.rdflib.RDF.type))
        kind = types[0] if types else "node"
        if isinstance(node, self.rdflib.BNode):
            return kind
        return f"{kind} {node}"


def _show(value: Any) -> str:
    if value is None:
        return "the value"
    text = str(value)
    return repr(text[:60] + "…") if len(text) > 60 else repr(text)


def _profile(shape: Any) -> str:
    """``""`` for a shape of edc-generic-no-cv, ``"edc-accredited/"`` etc. for an add-on's."""
    text = str(shape)
    ap = "http://data.europa.eu/snb/model/ap/"
    if not text.startswith(ap) or text.startswith(ap + "edc-generic-no-cv/"):
        return ""
    return text[len(ap) :].split("/", 1)[0] + "/"
