"""What the bundled CTDL and CTDL-ASN vocabularies say about classes and properties: the
superclass chain of a class, whether it is a top-level entity (it can carry a CTID), and
whether a property is declared for the class it is used on (schema:domainIncludes)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ... import specs

PREFIXES = ("ceterms:", "ceasn:")


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, tuple[str, ...]]
    domains: dict[str, frozenset[str]]
    stable: dict[str, bool]


def _as_list(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v]
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


@cache
def vocabulary() -> Vocabulary:
    parents: dict[str, tuple[str, ...]] = {}
    domains: dict[str, frozenset[str]] = {}
    stable: dict[str, bool] = {}
    for name in ("ctdl", "ctdlasn"):
        for node in specs.vocabulary(name).get("@graph", []):
            term, kind = node.get("@id"), node.get("@type")
            if not isinstance(term, str):
                continue
            if kind == "rdfs:Class":
                parents[term] = tuple(_as_list(node.get("rdfs:subClassOf")))
                stable[term] = node.get("vs:term_status") == "vs:stable"
            elif kind == "rdf:Property":
                dom = frozenset(_as_list(node.get("schema:domainIncludes")))
                domains[term] = domains.get(term, frozenset()) | dom
    return Vocabulary(parents, domains, stable)


@cache
def ancestors(cls: str) -> tuple[str, ...]:
    """The class and every superclass, nearest first."""
    out: list[str] = [cls]
    todo = [cls]
    while todo:
        for parent in vocabulary().parents.get(todo.pop(0), ()):
            if parent not in out:
                out.append(parent)
                todo.append(parent)
    return tuple(out)


@cache
def top_class(cls: str) -> str:
    """The topmost superclass of ``cls`` in its own namespace (ceterms or ceasn), along its
    first parents: a credential subclass gives ``ceterms:Credential``, a Course
    ``ceterms:LearningOpportunityProfile``, an organization ``ceterms:Agent``,
    ``ceasn:CompetencyFramework`` itself. An undeclared class is its own top."""
    prefix = cls.split(":", 1)[0] + ":"
    cur = cls
    seen = {cur}
    while True:
        up = [p for p in vocabulary().parents.get(cur, ()) if p.startswith(prefix)]
        if not up or up[0] in seen:
            return cur
        cur = up[0]
        seen.add(cur)


def is_entity(cls: str) -> bool:
    """A class whose instances are Registry resources of their own (can carry a CTID)."""
    return cls in vocabulary().domains.get("ceterms:ctid", frozenset())


def is_known_class(cls: str) -> bool:
    return cls in vocabulary().parents


def class_of(node: dict[str, Any], key: str = "@type") -> str | None:
    """The CTDL class of a node: its first ceterms/ceasn type."""
    types = _as_list(node.get(key))
    return next((t for t in types if t.startswith(PREFIXES)), types[0] if types else None)


def domain_issues(node: Any, pointer: str = "") -> list[tuple[str, str]]:
    """(pointer, message) for every CTDL property used on a class outside its declared
    domain, or not declared at all, in ``node`` and the typed objects inside it."""
    out: list[tuple[str, str]] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            out += domain_issues(item, f"{pointer}/{i}")
        return out
    if not isinstance(node, dict):
        return out
    cls = class_of(node)
    voc = vocabulary()
    for key, value in node.items():
        here = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
        if cls is not None and key.startswith(PREFIXES):
            dom = voc.domains.get(key)
            if dom is None:
                out.append((here, f"{key} is not a CTDL / CTDL-ASN property"))
            elif not set(ancestors(cls)) & dom:
                out.append((here, f"{key} is not declared for {cls} (schema:domainIncludes)"))
        out += domain_issues(value, here)
    return out
