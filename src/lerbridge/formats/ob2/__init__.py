"""Open Badges 2.0 (IMS Final, 2018), with OB 0.5, 1.0 and 1.1 read and upgraded: an
Assertion with its BadgeClass and Issuer, as JSON or as a signed compact JWS."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ...errors import ReadError
from ...safejson import JsonLimits
from ..base import Format, Input, SchemaIssue
from ..vc import looks_like_jws
from .check import check
from .nodes import decode_jws, is_assertion, is_linked_node, is_ob2_context, load


def detect(inp: Input) -> float:
    """1.0 for OB 2.0 / 1.x / 0.5 assertions (bare JSON, an array or @graph holding one,
    or a compact JWS whose payload is one); 0.9 for a lone BadgeClass, Issuer or
    Endorsement with the OB context."""
    if looks_like_jws(inp.data):
        try:
            doc, _ = decode_jws(inp.data, inp.name, None, JsonLimits())
        except ReadError:
            return 0.0
        return 1.0 if is_assertion(doc) else 0.0
    doc = inp.json_or_none()
    if doc is None:
        return 0.0
    try:
        from .nodes import nodes_of

        nodes = [n for _, n in nodes_of(doc)]
    except RecursionError:  # pragma: no cover - the JSON parser caps depth
        return 0.0
    if any(is_assertion(n) for n in nodes):
        return 1.0
    if nodes and all(is_linked_node(n) and is_ob2_context(n) for n in nodes):
        return 0.9
    return 0.0


def validate(inp: Input, at: datetime | None = None) -> list[SchemaIssue]:
    """lerbridge's OB 2.0 check (check.json) of each node of the input. An assertion is
    checked as badgecheck checks it: after the 0.5-1.1 upgrade and with ``verify`` read as
    its alias ``verification``. Linked IRIs are not followed (nothing is fetched). ``at``:
    also an error when the assertion has expired (or is issued later) at that time."""
    from ...report import LossReport
    from ..vccheck import time_issues
    from .legacy import upgrade_assertion

    nodes, _signed = load(inp.data, inp.name, None, JsonLimits())
    out: list[SchemaIssue] = []
    for where, node in nodes:
        if is_assertion(node):
            node = upgrade_assertion(node, where, LossReport())
            if at is not None:
                out += time_issues(node, at, where)
        out += [SchemaIssue(where + i.pointer, i.message, i.schema_path) for i in check(node)]
    return out


def _read(*args: Any, **kwargs: Any) -> Any:
    from . import reader  # imported when this format is really read (detection needs none)

    return reader.read(*args, **kwargs)


def _write(*args: Any, **kwargs: Any) -> Any:
    from . import writer

    return writer.write(*args, **kwargs)


FORMAT = Format(
    name="ob2",
    title="Open Badges 2.0 Assertion (and 0.5-1.1, upgraded), JSON or signed JWS",
    aliases=("openbadges2", "ob20", "obv2"),
    extensions=(".json", ".jsonld", ".jws"),
    reader=_read,
    writer=_write,
    detect=detect,
    validator=validate,
    checks_time=True,
    one_award_per_document=True,
)
