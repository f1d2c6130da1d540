"""CTDL syntax: the forms a description arrives in (self-published embedded JSON-LD, a
``/graph/`` document with ``_:`` blank nodes, a Registry envelope, a W3C credential with
CTDL inside ``credentialSubject.achievement``), unwrapped into top-level nodes grouped by
their top CTDL class; and the way back (embedded documents or one ``@graph``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from ...report import LossReport
from ..vc import types_of
from . import vocab

FORMAT = "ctdl"
CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
ASN_CONTEXT = "https://credreg.net/ctdlasn/schema/context/json"
HTTP_ALIASES = {
    "http://credreg.net/ctdl/schema/context/json": CTDL_CONTEXT,
    "http://credreg.net/ctdlasn/schema/context/json": ASN_CONTEXT,
}
CONTEXTS = {CTDL_CONTEXT, ASN_CONTEXT, *HTTP_ALIASES}
VC_CONTEXTS = {"https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2"}
NOT_CTDL_TYPES = {"OpenBadgeCredential", "AchievementCredential", "ClrCredential",
                  "EndorsementCredential"}  # fmt: skip
ALIASES = {"@id": "id", "@type": "type"}
UNALIASES = {v: k for k, v in ALIASES.items()}
#: The order top-level groups are written in.
GROUP_ORDER = (
    "ceterms:Credential",
    "ceterms:LearningOpportunityProfile",
    "ceterms:AssessmentProfile",
    "ceterms:Agent",
    "ceasn:CompetencyFramework",
    "ceasn:Competency",
)


def contexts_of(doc: dict[str, Any]) -> list[Any]:
    ctx = doc.get("@context")
    return ctx if isinstance(ctx, list) else [] if ctx is None else [ctx]


def has_ctdl_context(doc: dict[str, Any]) -> bool:
    return any(isinstance(c, str) and c in CONTEXTS for c in contexts_of(doc))


def _ctdl_type(node: Any, key: str) -> bool:
    if not isinstance(node, dict):
        return False
    t = node.get(key)
    types = [t] if isinstance(t, str) else t if isinstance(t, list) else []
    return any(isinstance(x, str) and x.startswith(vocab.PREFIXES) for x in types)


def vc_achievement(doc: dict[str, Any]) -> dict[str, Any] | None:
    """The CTDL description a W3C credential wraps, if it is one."""
    if "VerifiableCredential" not in types_of(doc) or set(types_of(doc)) & NOT_CTDL_TYPES:
        return None
    subject = doc.get("credentialSubject")
    ach = subject.get("achievement") if isinstance(subject, dict) else None
    if _ctdl_type(ach, "type") or _ctdl_type(ach, "@type"):
        return ach  # type: ignore[return-value]
    return None


def looks_like_ctdl(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    if isinstance(doc.get("decoded_resource"), dict):
        return looks_like_ctdl(doc["decoded_resource"])
    if vc_achievement(doc) is not None:
        return True
    if "VerifiableCredential" in types_of(doc):
        return False
    if has_ctdl_context(doc):
        return True
    graph = doc.get("@graph")
    return isinstance(graph, list) and any(_ctdl_type(n, "@type") for n in graph)


def alias(node: Any, table: dict[str, str]) -> Any:
    """JSON-LD keyword aliasing (``@id`` <-> ``id``, ``@type`` <-> ``type``), all levels."""
    if isinstance(node, list):
        return [alias(x, table) for x in node]
    if isinstance(node, dict):
        return {table.get(k, k): alias(v, table) for k, v in node.items()}
    return node


@dataclass
class Unwrapped:
    nodes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(JSON Pointer in the source, top-level node with aliased keywords)."""
    vc: dict[str, Any] | None = None
    dialect: str = "embedded"


def unwrap(doc: Any, report: LossReport) -> Unwrapped:
    from ...errors import ReadError

    if not isinstance(doc, dict):
        raise ReadError("a CTDL document is a JSON object", location="/")
    base = ""
    out = Unwrapped()
    if isinstance(doc.get("decoded_resource"), dict):
        meta = sorted(k for k in doc if k != "decoded_resource")
        report.add(
            "unmapped-source-field",
            "Registry envelope metadata is not kept (" + ", ".join(meta) + ")",
            source_path="",
            source_format=FORMAT,
        )
        if isinstance(doc.get("resource"), str):
            report.add(
                "unverified-signature",
                "the envelope's signed resource (JWT) was not verified; decoded_resource read",
                source_path="/resource",
                source_format=FORMAT,
            )
        doc, base, out.dialect = doc["decoded_resource"], "/decoded_resource", "envelope"
    _check_contexts(doc, base, report)
    ach = vc_achievement(doc)
    if ach is not None:
        out.dialect = "vc"
        out.vc = alias(doc, ALIASES)
        out.nodes.append((base + "/credentialSubject/achievement", alias(ach, ALIASES)))
        return out
    graph = doc.get("@graph")
    if isinstance(graph, list):
        out.dialect = "graph" if out.dialect == "embedded" else out.dialect + "+graph"
        nodes = [(f"{base}/@graph/{i}", alias(n, ALIASES)) for i, n in enumerate(graph)]
        out.nodes = inline_blank_nodes([(p, n) for p, n in nodes if isinstance(n, dict)])
    else:
        node = {k: v for k, v in doc.items() if k != "@context"}
        out.nodes.append((base, alias(node, ALIASES)))
    return out


def _check_contexts(doc: dict[str, Any], base: str, report: LossReport) -> None:
    from ... import specs

    for url in contexts_of(doc):
        if isinstance(url, str) and url in HTTP_ALIASES:
            report.add(
                "dialect-upgraded",
                f"legacy http:// context; written as {HTTP_ALIASES[url]}",
                source_path=base + "/@context",
                source_format=FORMAT,
                value=url,
            )
        elif isinstance(url, dict):
            report.add(
                "unknown-context",
                "inline context: lerbridge does not expand JSON-LD; the prefixes it defines "
                "stay in the values as written",
                source_path=base + "/@context",
                source_format=FORMAT,
                value=url,
            )
        elif isinstance(url, str) and not specs.known_context(url):
            report.add(
                "unknown-context",
                "context is not bundled with lerbridge and was not fetched",
                source_path=base + "/@context",
                source_format=FORMAT,
                value=url,
            )


def inline_blank_nodes(
    nodes: list[tuple[str, dict[str, Any]]],
) -> list[tuple[str, dict[str, Any]]]:
    """Blank nodes that are not Registry entities (profiles, alignment objects...) are
    put back where they are referenced; entity blank nodes (an unpublished organization,
    a credential named by a condition) stay top-level nodes, referenced by their ``_:`` id."""
    blanks = {
        n["id"]: n
        for _, n in nodes
        if isinstance(n.get("id"), str)
        and n["id"].startswith("_:")
        and not vocab.is_entity(vocab.class_of(n, "type") or "")
    }
    if not blanks:
        return nodes

    def sub(value: Any, depth: int) -> Any:
        if isinstance(value, str) and value in blanks and depth < 32:
            return sub(blanks[value], depth + 1)
        if isinstance(value, list):
            return [sub(v, depth) for v in value]
        if isinstance(value, dict):
            return {k: (v if k == "id" else sub(v, depth)) for k, v in value.items()}
        return value

    return [(p, sub(n, 0)) for p, n in nodes if n.get("id") not in blanks]


def group(nodes: list[tuple[str, dict[str, Any]]]) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Top-level nodes by their top CTDL class; and group pointer -> source pointer."""
    grouped: dict[str, list[Any]] = {}
    where: dict[str, str] = {}
    for pointer, node in nodes:
        cls = vocab.class_of(node, "type") or "untyped"
        key = vocab.top_class(cls)
        items = grouped.setdefault(key, [])
        where[f"/{key}/{len(items)}"] = pointer
        items.append(node)
    return grouped, where


# --- writing -------------------------------------------------------------------------


def flatten(grouped: dict[str, Any]) -> list[dict[str, Any]]:
    keys = [k for k in GROUP_ORDER if k in grouped] + [k for k in grouped if k not in GROUP_ORDER]
    out: list[dict[str, Any]] = []
    for key in keys:
        items = grouped[key]
        out += [alias(n, UNALIASES) for n in (items if isinstance(items, list) else [items])]
    return [n for n in out if isinstance(n, dict)]


def context_for(nodes: list[dict[str, Any]]) -> str:
    asn = any(str(vocab.class_of(n) or "").startswith("ceasn:") for n in nodes)
    return ASN_CONTEXT if asn else CTDL_CONTEXT


def embedded_documents(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One self-contained document per top-level node; blank-node entities go back inside
    the node that references them."""
    blanks = {n["@id"]: n for n in nodes if str(n.get("@id", "")).startswith("_:")}
    used: set[str] = set()

    def sub(value: Any, depth: int) -> Any:
        if isinstance(value, str) and value in blanks and depth < 32:
            used.add(value)
            return sub(blanks[value], depth + 1)
        if isinstance(value, list):
            return [sub(v, depth) for v in value]
        if isinstance(value, dict):
            return {k: (v if k == "@id" else sub(v, depth)) for k, v in value.items()}
        return value

    mains = [sub(n, 0) for n in nodes if n.get("@id") not in blanks]
    mains += [n for bid, n in blanks.items() if bid not in used]
    return [{"@context": context_for([n]), **n} for n in mains]


def graph_document(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """One ``/graph/`` document: every top-level node, and each entity embedded inside one
    (an organization under recognizedBy, say) moved out as a node of its own."""
    extra: list[dict[str, Any]] = []

    def pull(value: Any, depth: int) -> Any:
        if isinstance(value, list):
            return [pull(v, depth) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: pull(v, depth + 1) for k, v in value.items()}
        cls = vocab.class_of(out)
        if depth > 0 and cls is not None and vocab.is_entity(cls):
            seed = repr(sorted(out.items(), key=str))
            node_id = out.get("@id") or f"_:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"
            extra.append({"@id": node_id, **{k: v for k, v in out.items() if k != "@id"}})
            return node_id
        return out

    top = [pull(n, 0) for n in nodes]
    doc: dict[str, Any] = {"@context": context_for(top)}
    main_id = top[0].get("@id") if top else None
    if isinstance(main_id, str) and "/resources/" in main_id:
        doc["@id"] = main_id.replace("/resources/", "/graph/")
    doc["@graph"] = top + extra
    return doc
