"""The shapes graph (parsed once per process, verified against the specs manifest) and the
data graph built from pyld's RDF dataset. rdflib parses only the bundled Turtle file; no
rdflib JSON-LD parser, no URL is ever dereferenced."""

from __future__ import annotations

import threading
from typing import Any

from ..specs._root import read_verified

#: The shapes the EDC names in ``credentialSchema`` (edc-generic-full) import this file and add
#: controlled-vocabulary membership checks that need the EU vocabularies (not bundled).
SHAPES_URI = "http://data.europa.eu/snb/model/ap/edc-generic-no-cv"

_lock = threading.Lock()
_shapes: dict[str, Any] = {}


def shapes_path(uri: str = SHAPES_URI) -> str:
    from ..specs._resources import _catalog

    rel: str = _catalog()["shapes"][uri]
    return rel


def shapes_graph(uri: str = SHAPES_URI) -> Any:
    """The parsed rdflib shapes graph (cached; treat as read-only)."""
    with _lock:
        graph = _shapes.get(uri)
        if graph is None:
            import rdflib

            data = read_verified(shapes_path(uri))
            graph = rdflib.Graph()
            graph.parse(data=data, format="turtle")
            _shapes[uri] = graph
        return graph


def data_graph(dataset: dict[str, list[dict[str, Any]]]) -> tuple[Any, list[str]]:
    """An rdflib graph of every triple of every graph of ``dataset`` (the VC 1.1 context puts
    ``proof`` in a named graph; the shapes look at one graph), and the language tags rdflib
    refused (kept as plain strings, so the shapes flag them)."""
    import rdflib

    graph = rdflib.Graph()
    bad_tags: list[str] = []
    nodes: dict[tuple[str, str], Any] = {}
    for triples in dataset.values():
        for t in triples:
            s = _node(t["subject"], nodes)
            p = rdflib.URIRef(t["predicate"]["value"])
            graph.add((s, p, _object(t["object"], nodes, bad_tags)))
    return graph, bad_tags


def _node(term: dict[str, Any], nodes: dict[tuple[str, str], Any]) -> Any:
    import rdflib

    key = (term["type"], term["value"])
    node = nodes.get(key)
    if node is None:
        if term["type"] == "blank node":
            node = rdflib.BNode(term["value"].removeprefix("_:"))
        else:
            node = rdflib.URIRef(term["value"])
        nodes[key] = node
    return node


def _object(term: dict[str, Any], nodes: dict[tuple[str, str], Any], bad_tags: list[str]) -> Any:
    import rdflib

    if term["type"] != "literal":
        return _node(term, nodes)
    value = term["value"]
    lang = term.get("language")
    if lang:
        try:
            return rdflib.Literal(value, lang=lang)
        except ValueError:
            bad_tags.append(lang)
            return rdflib.Literal(value)
    datatype = term.get("datatype")
    if not datatype or datatype == str(rdflib.XSD.string):
        return rdflib.Literal(value)
    if not _lexical_ok(value, datatype):
        # rdflib would log a traceback for an ill-typed literal; a plain string fails the
        # shapes' sh:datatype in the same way without that noise
        return rdflib.Literal(value)
    return rdflib.Literal(value, datatype=rdflib.URIRef(datatype))


def _lexical_ok(value: str, datatype: str) -> bool:
    import rdflib.term

    convert = getattr(rdflib.term, "_toPythonMapping", {}).get(rdflib.URIRef(datatype))
    if convert is None:
        return True
    try:
        convert(value)
    except Exception:  # rdflib's converters raise ValueError, TypeError, isodate errors...
        return False
    return True


def known_shapes() -> list[str]:
    """Shape-set URIs lerbridge bundles."""
    from ..specs._resources import _catalog

    return sorted(_catalog().get("shapes", {}))


__all__ = ["SHAPES_URI", "data_graph", "known_shapes", "shapes_graph"]
