"""ELM node trees: a flattened ``@graph`` embedded back into one tree, language maps
normalised, and ids that name different content reported (never merged)."""

from __future__ import annotations

import re
from typing import Any

import orjson

from ...errors import ReadError
from ...report import LossReport

FORMAT = "elm"
_LANG = re.compile(r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|und)\s*$")
#: Limits of embedding a flattened graph: references shared many times would otherwise
#: grow the tree exponentially (each use is a copy), and long chains exhaust the stack.
MAX_EMBEDDED = 100_000
MAX_DEPTH = 64
_NOT_REFS = frozenset({"id", "type", "@context", "@id", "@type"})


def embed_graph(doc: dict[str, Any], source: str, report: LossReport) -> dict[str, Any]:
    """The credential node of a flattened document, with every id reference (a string
    naming another node of the graph) replaced by that node, recursively."""
    nodes: dict[str, dict[str, Any]] = {}
    for i, node in enumerate(doc["@graph"]):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            continue
        prev = nodes.get(node["id"])
        if prev is not None and prev != node:
            report.add(
                "id-conflict",
                f"two @graph nodes share the id {node['id']}; the first is used",
                source_path=f"/@graph/{i}",
                source_format=FORMAT,
            )
            continue
        nodes[node["id"]] = node
    roots = [n for n in nodes.values() if "EuropeanDigitalCredential" in _types(n)]
    if len(roots) != 1:
        raise ReadError(
            f"the @graph holds {len(roots)} EuropeanDigitalCredential nodes; expected one",
            source=source,
            location="/@graph",
        )

    budget = [MAX_EMBEDDED]

    def embed(value: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(value, str) and value in nodes and value not in stack:
            budget[0] -= 1
            if budget[0] < 0 or len(stack) > MAX_DEPTH:
                raise ReadError(
                    f"the @graph's id references embed more than {MAX_EMBEDDED} nodes or nest "
                    f"deeper than {MAX_DEPTH}; refused (a flattened EDC is far smaller)",
                    source=source,
                    location="/@graph",
                )
            return embed(nodes[value], (*stack, value))
        if isinstance(value, list):
            return [embed(v, stack) for v in value]
        if isinstance(value, dict):
            own = value.get("id")
            inner = (*stack, own) if isinstance(own, str) else stack
            return {k: v if k in _NOT_REFS else embed(v, inner) for k, v in value.items()}
        return value

    root = roots[0]
    out = embed(root, (root["id"],))
    if "@context" in doc and "@context" not in out:
        out = {"@context": doc["@context"], **out}
    return out  # type: ignore[no-any-return]


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("type")
    return [x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)]


def normalise(doc: Any, report: LossReport) -> Any:
    """A copy with language maps in the model's form ({"en": ["x"]} -> {"en": "x"}, a
    trailing space in a key removed), each change reported; nodes that reuse an id for
    different content are reported (each keeps its own content)."""
    seen: dict[str, tuple[bytes, str]] = {}

    def walk(value: Any, where: str) -> Any:
        if isinstance(value, list):
            return [walk(v, f"{where}/{i}") for i, v in enumerate(value)]
        if not isinstance(value, dict):
            return value
        if is_langmap(value):
            return _fix_langmap(value, where, report)
        out = {k: walk(v, f"{where}/{_esc(k)}") for k, v in value.items()}
        ident = out.get("id")
        if isinstance(ident, str) and len(out) > 2:
            _check_reuse(ident, out, where, seen, report)
        return out

    return walk(doc, "")


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def is_langmap(value: dict[str, Any]) -> bool:
    if not value or "id" in value or "type" in value:
        return False
    for k, v in value.items():
        if not _LANG.match(k):
            return False
        if not (isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))):
            return False
    return True


def _fix_langmap(value: dict[str, Any], where: str, report: LossReport) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, text in value.items():
        lang = key.strip()
        if lang != key:
            report.add(
                "value-coerced",
                f"language tag {key!r} read as {lang!r}",
                source_path=f"{where}/{_esc(key)}",
                source_format=FORMAT,
            )
        if isinstance(text, list):
            joined = "\n".join(dict.fromkeys(text))
            if len(text) != 1:
                report.add(
                    "value-coerced",
                    f"{len(text)} texts in one language joined, one per line",
                    source_path=f"{where}/{_esc(key)}",
                    source_format=FORMAT,
                    value=text,
                )
            text = joined
        out[lang] = text if lang not in out else out[lang] + "\n" + text
    return out


def _check_reuse(
    ident: str,
    node: dict[str, Any],
    where: str,
    seen: dict[str, tuple[bytes, str]],
    report: LossReport,
) -> None:
    body = orjson.dumps(node, option=orjson.OPT_SORT_KEYS)
    prev = seen.get(ident)
    if prev is None:
        seen[ident] = (body, where)
    elif prev[0] != body:
        report.add(
            "id-conflict",
            f"id {ident} names different content here and at {prev[1] or '/'}; both kept "
            "as written, not merged",
            source_path=where,
            source_format=FORMAT,
            value=ident,
        )
