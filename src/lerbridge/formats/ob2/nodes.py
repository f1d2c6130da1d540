"""Open Badges 2.0 input syntax: a JSON node, a JSON array or ``@graph`` of nodes, or a
compact JWS (a signed assertion), plus the linked documents the reader may use to resolve
IRIs (``--resolve`` files and folders, ``--resolve-map``). Nothing is ever fetched."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ReadError
from ...report import LossReport
from ...safejson import JsonLimits, loads
from ..vc import _b64, looks_like_jws

FORMAT = "ob2"
V2 = "https://w3id.org/openbadges/v2"
V1 = "https://w3id.org/openbadges/v1"
_JWS_RE = re.compile(rb"^\s*([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\s*$")
ASSERTION_TYPES = ("Assertion", "obi:Assertion", "https://w3id.org/openbadges#Assertion")
LINKED_TYPES = (
    "BadgeClass",
    "Issuer",
    "IssuerOrg",
    "Profile",
    "Endorsement",
    "CryptographicKey",
    "RevocationList",
    "Criteria",
)


def types_of(node: Any) -> list[str]:
    t = node.get("type", node.get("@type")) if isinstance(node, dict) else None
    if isinstance(t, str):
        return [t]
    return [x for x in t if isinstance(x, str)] if isinstance(t, list) else []


def is_assertion(node: Any) -> bool:
    """An OB 2.0 / 1.1 Assertion (by type) or an untyped 0.5 / 1.0 one (by shape)."""
    if not isinstance(node, dict):
        return False
    if any(t in ASSERTION_TYPES for t in types_of(node)):
        return True
    if types_of(node):
        return False
    recipient, badge = node.get("recipient"), node.get("badge")
    if not isinstance(badge, str | dict):
        return False
    if isinstance(recipient, str) or (isinstance(recipient, dict) and "identity" in recipient):
        return True
    # a pre-1.0 draft shape (still baked in old images): identity {recipient, type, hashed}
    ident = node.get("identity")
    return isinstance(ident, dict) and "recipient" in ident


def is_linked_node(node: Any) -> bool:
    """An OB 2.0 node an assertion may point at (BadgeClass, Issuer...)."""
    return isinstance(node, dict) and any(t in LINKED_TYPES for t in types_of(node))


def is_ob2_context(node: Any) -> bool:
    ctx = node.get("@context") if isinstance(node, dict) else None
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    return any(
        c in (V2, V1)
        or (isinstance(c, str) and "openbadges" in c)
        or (isinstance(c, dict) and "w3id.org/openbadges" in str(c.get("obi", "")))
        for c in ctxs
    )


@dataclass
class Signed:
    header: dict[str, Any]
    jws: str


def decode_jws(
    data: bytes, source: str, report: LossReport | None, limits: JsonLimits
) -> tuple[Any, Signed]:
    """The payload of a compact JWS, not verified (reported when ``report`` is given)."""
    m = _JWS_RE.match(data)
    if not m:
        raise ReadError("not a compact JWS (header.payload.signature)", source=source)
    header = loads(_b64(m.group(1), "header", source), source + "#header", None, limits)
    payload = loads(_b64(m.group(2), "payload", source), source + "#payload", report, limits)
    if not isinstance(header, dict):
        raise ReadError("JWS header must be a JSON object", source=source, location="#header")
    if report is not None:
        report.add(
            "unverified-signature",
            f"signed assertion (JWS, {header.get('alg', 'no alg')}) decoded without verifying "
            "its signature; the signature does not cover any converted output",
            source_path="#header",
            source_format=FORMAT,
        )
    return payload, Signed(header, data.decode("ascii").strip())


def load(
    data: bytes, source: str, report: LossReport | None, limits: JsonLimits
) -> tuple[list[tuple[str, Any]], Signed | None]:
    """The nodes of one input with their JSON pointers, and the JWS when it was signed."""
    signed = None
    if looks_like_jws(data):
        doc, signed = decode_jws(data, source, report, limits)
    else:
        doc = loads(data, source, report, limits, FORMAT)
    return list(nodes_of(doc)), signed


def nodes_of(doc: Any, where: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(doc, list):
        for i, item in enumerate(doc):
            yield from nodes_of(item, f"{where}/{i}")
    elif isinstance(doc, dict) and isinstance(doc.get("@graph"), list):
        yield from nodes_of(doc["@graph"], f"{where}/@graph")
    else:
        yield where, doc


@dataclass
class Index:
    """Linked documents, by ``id`` and by file name (OB 1.0 documents have no id)."""

    by_id: dict[str, Any] = field(default_factory=dict)
    by_name: dict[str, tuple[str, Any]] = field(default_factory=dict)
    origin: dict[int, str] = field(default_factory=dict)

    def add(self, node: Any, origin: str, filename: str | None = None) -> None:
        if not isinstance(node, dict):
            return
        ident = node.get("id")
        if isinstance(ident, str) and ident not in self.by_id:
            self.by_id[ident] = node
        if filename and filename not in self.by_name:
            self.by_name[filename] = (origin, node)
        self.origin[id(node)] = origin

    def find(self, iri: str) -> tuple[Any, str | None]:
        """(node, note): the note says when the node was matched by file name only."""
        if iri in self.by_id:
            return self.by_id[iri], None
        tail = iri.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        hit = self.by_name.get(tail) or self.by_name.get(tail + ".json")
        if hit is None:
            return None, None
        origin, node = hit
        return node, origin


def build_index(
    extra: Iterable[tuple[str, Any]],
    resolve: Iterable[Path],
    resolve_map: Iterable[tuple[str, Path]],
    limits: JsonLimits,
) -> Index:
    """Index the nodes of the input itself, of each ``--resolve`` file or folder (JSON files
    of a folder, not recursive, in name order) and of the ``--resolve-map`` entries."""
    index = Index()
    for where, node in extra:
        index.add(node, where)
    for iri, path in resolve_map:
        for where, node in _file_nodes(path, limits):
            index.by_id.setdefault(iri, node)
            index.add(node, f"{path}{where}")
    for root in resolve:
        files = sorted(p for p in root.iterdir() if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.suffix.lower() not in (".json", ".jsonld", ".jws", ".jwt", ""):
                continue
            for where, node in _file_nodes(path, limits):
                index.add(node, f"{path}{where}", path.name if not where else None)
    return index


def _file_nodes(path: Path, limits: JsonLimits) -> list[tuple[str, Any]]:
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(f"file is {size} bytes, over the limit", source=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read linked document: {exc.strerror}", source=str(path)) from None
    nodes, _signed = load(data, str(path), None, limits)
    return nodes
