"""CLR 1.0 achievement associations, hoisted to the record.

CLR 1.0 keeps ``associations`` on each achievement; the canonical model keeps them on the
record, with the carrying achievement's id as ``source_id``. That is a move across
objects, which a mapping rule (one native node -> one canonical field of the object being
read) cannot express: the associations are detached from a copy of the document before
the engine runs, then read with clr1.yaml's ``Association`` object, given the carrying
achievement's id as ``sourceId``."""

from __future__ import annotations

import dataclasses
from typing import Any

from ...errors import ReadError
from ...mapping.compiler import Mapping
from ...mapping.engine import ReadContext, read_object
from ...model import Association, LearnerRecord
from ...report import LossReport
from .clr1_jsonld import MAPPING, each, items
from .links import resolve_associations


@dataclasses.dataclass
class NativeAssociation:
    source_id: str
    source_at: str  # JSON Pointer of the carrying achievement's id
    at: str  # JSON Pointer of the association
    native: Any


def detach(ach: Any, at: str, out: list[NativeAssociation]) -> Any:
    """The achievement without its associations (a copy; the input is never changed), which
    are appended to ``out``. An achievement without an id cannot be a source: its
    associations stay, and are kept as extensions."""
    if not isinstance(ach, dict) or not isinstance(ach.get("id"), str):
        return ach
    if "associations" not in ach:
        return ach
    ach = dict(ach)
    for item, item_at in items(ach.pop("associations"), f"{at}/associations"):
        out.append(NativeAssociation(ach["id"], f"{at}/id", item_at, item))
    return ach


def detach_all(doc: dict[str, Any], where: str) -> tuple[dict[str, Any], list[NativeAssociation]]:
    """A copy of a Clr document whose achievements (in assertions and in ``achievements``)
    carry no associations, and the associations taken from them, in document order."""
    found: list[NativeAssociation] = []

    def assertion(item: Any, at: str) -> Any:
        if not isinstance(item, dict) or "achievement" not in item:
            return item
        return {**item, "achievement": detach(item["achievement"], f"{at}/achievement", found)}

    doc = dict(doc)
    if "assertions" in doc:
        doc["assertions"] = each(doc["assertions"], f"{where}/assertions", assertion)
    if "achievements" in doc:
        doc["achievements"] = each(
            doc["achievements"], f"{where}/achievements", lambda x, p: detach(x, p, found)
        )
    return doc, found


def hoist(assocs: list[NativeAssociation], mapping: Mapping, ctx: ReadContext) -> list[Association]:
    """Read each detached association; ``assocs`` is left holding those kept, in the order
    of the returned list (so an index into one is an index into the other)."""
    spec = mapping.objects["Association"]
    out: list[Association] = []
    kept: list[NativeAssociation] = []
    for na in assocs:
        if not isinstance(na.native, dict):
            ctx.report.add(
                "source-schema-violation",
                "an association must be an object; dropped",
                source_path=na.at,
                source_format=MAPPING,
                value=na.native,
            )
            continue
        try:
            assoc = read_object(spec, {**na.native, "sourceId": na.source_id}, na.at, ctx)
        except ReadError as exc:
            ctx.report.add(
                "source-schema-violation",
                f"association needs associationType and targetId ({exc.message}); dropped",
                source_path=na.at,
                source_format=MAPPING,
                value=na.native,
            )
            continue
        assert isinstance(assoc, Association)
        if assoc in out:  # the same achievement, listed twice, carries it twice
            continue
        out.append(assoc)
        kept.append(na)
    assocs[:] = kept
    return out


def resolve(
    rec: LearnerRecord, assocs: list[NativeAssociation], report: LossReport
) -> LearnerRecord:
    """links.resolve_associations (credential ids -> achievement ids, dangling ids
    reported), at the pointers the CLR 1.0 document has them: a source is the carrying
    achievement's id, a target the association's own ``targetId``."""

    def source_path(i: int, end: str) -> str:
        na = assocs[i]
        return na.source_at if end == "sourceId" else f"{na.at}/{end}"

    return resolve_associations(rec, report, source_path, MAPPING)
