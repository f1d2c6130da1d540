"""Several command-line inputs for OB 2.0: the Assertions are converted, and the
BadgeClass / Issuer / Endorsement / CryptographicKey / RevocationList documents beside them
are the linked documents their IRIs name (as if given with ``--resolve``)."""

from __future__ import annotations

from pathlib import Path

from ...errors import ReadError
from ...safejson import DEFAULT_MAX_BYTES, JsonLimits
from .nodes import is_assertion, is_linked_node, load


def split_linked(inputs: list[str]) -> tuple[list[str], list[str]]:
    """(inputs to convert, linked documents). Unchanged unless at least one input is an
    OB 2.0 assertion and at least one other holds only linked OB 2.0 nodes."""
    kinds: dict[str, str] = {}
    for src in inputs:
        kinds[src] = _kind(src)
    linked = [s for s in inputs if kinds[s] == "linked"]
    if not linked or not any(k == "assertion" for k in kinds.values()):
        return inputs, []
    return [s for s in inputs if kinds[s] != "linked"], linked


def _kind(src: str) -> str:
    path = Path(src)
    if src == "-" or not path.is_file():
        return "other"
    try:
        if path.stat().st_size > DEFAULT_MAX_BYTES:
            return "other"
        nodes, _ = load(path.read_bytes(), src, None, JsonLimits())
    except (OSError, ReadError):
        return "other"
    values = [n for _, n in nodes]
    if any(is_assertion(n) for n in values):
        return "assertion"
    if values and all(is_linked_node(n) for n in values):
        return "linked"
    return "other"
