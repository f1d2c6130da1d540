"""The shapes graph (parsed once per process, verified against the specs manifest) and the
data graph built from pyld's RDF dataset. rdflib parses only the bundled Turtle file; no
rdflib JSON-LD parser, no URL is ever dereferenced."""

from __future__ import annotations

import threading
from typing import Any

from ..specs._root import read_verified

AP = "http://data.europa.eu/snb/model/ap/"
#: The structural shapes every EDC is checked against.
SHAPES_URI = AP + "edc-generic-no-cv"
#: What EDCs name in ``credentialSchema``: the structural shapes plus controlled-vocabulary
#: membership checks that need the EU vocabularies (not bundled), so it is read as no-cv.
GENERIC_FULL = AP + "edc-generic-full"
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"

_lock = threading.Lock()
_files: dict[str, Any] = {}
_merged: dict[tuple[str, ...], Any] = {}


def _catalogued() -> dict[str, str]:
    from ..specs._resources import _catalog

    shapes: dict[str, str] = _catalog().get("shapes", {})
    return shapes


def known_shapes() -> list[str]:
    """Shape-set URIs lerbridge bundles (a document may name them in ``credentialSchema``)."""
    return sorted(_catalogued())


def _file_graph(uri: str) -> Any:
    """One shape set, parsed from its verified bundled file (call with ``_lock`` held)."""
    graph = _files.get(uri)
    if graph is None:
        import rdflib

        graph = rdflib.Graph()
        graph.parse(data=read_verified(_catalogued()[uri]), format="turtle")
        _files[uri] = graph
    return graph


def profiles(named: list[str]) -> tuple[str, ...]:
    """The shape sets to run for the ``credentialSchema`` ids a document names: always
    ``edc-generic-no-cv``, plus each bundled add-on profile named and what it
    ``owl:imports`` (``edc-generic-full`` read as no-cv). Unknown ids are ignored here."""
    import rdflib

    found = {SHAPES_URI}
    todo = [u for u in named if u in _catalogued()]
    with _lock:
        while todo:
            uri = todo.pop()
            if uri in found:
                continue
            found.add(uri)
            for imported in _file_graph(uri).objects(
                rdflib.URIRef(uri), rdflib.URIRef(OWL_IMPORTS)
            ):
                target = SHAPES_URI if str(imported) == GENERIC_FULL else str(imported)
                if target in _catalogued():
                    todo.append(target)
    return tuple(sorted(found))


def shapes_graph(uris: tuple[str, ...] = (SHAPES_URI,)) -> Any:
    """The shapes of ``uris`` in one rdflib graph, parsed once per process and combination
    (cached, shared: treat as read-only)."""
    with _lock:
        graph = _merged.get(uris)
        if graph is None:
            if len(uris) == 1:
                graph = _file_graph(uris[0])
            else:
                import rdflib

                graph = rdflib.Graph()
                for uri in uris:
                    for triple in _file_graph(uri):
                        graph.add(triple)
            _merged[uris] = graph
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


__all__ = ["SHAPES_URI", "data_graph", "known_shapes", "profiles", "shapes_graph"]
