"""JSON Pointers for RDF focus nodes: the JSON object whose ``id`` / ``@id`` is the node's IRI
(its first occurrence in document order), or, for a blank node, the pointer of the nearest
named ancestor followed by the property names that lead to it."""

from __future__ import annotations

from typing import Any


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def id_index(document: Any) -> dict[str, list[str]]:
    """``id -> pointers`` of every JSON object that carries that id, in document order."""
    found: dict[str, list[str]] = {}
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            ident = node.get("id", node.get("@id"))
            if isinstance(ident, str) and pointer != "/@context":
                found.setdefault(ident, []).append(pointer)
            items = [(f"{pointer}/{escape(str(k))}", v) for k, v in node.items() if k != "@context"]
        elif isinstance(node, list):
            items = [(f"{pointer}/{i}", v) for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed(items))
    for pointers in found.values():
        pointers.sort(key=lambda p: p.count("/"))  # stable: shallowest, then document order
    return found
