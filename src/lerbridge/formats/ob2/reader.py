"""Open Badges 2.0 (and 0.5-1.1) in: each Assertion of the input with its BadgeClass,
Issuer and Endorsements, embedded or linked by IRI. Linked nodes come from the input itself
(a JSON array or ``@graph``), ``ReadOptions.resolve`` files and folders, and
``ReadOptions.resolve_map``; an IRI found nowhere stays an id (``unresolved-reference``).
A BadgeClass, Issuer or Endorsement given alone is read as what it is (an achievement, an
issuer profile, an endorsement); a RevocationList or CryptographicKey alone is refused."""

from __future__ import annotations

from typing import Any

from ...errors import ReadError
from ...mapping.engine import ReadContext, read_object
from ...model import (
    Achievement,
    Award,
    CredentialFacts,
    Endorsement,
    LearnerRecord,
    Profile,
    Proof,
    Provenance,
)
from ...report import LossReport
from ..base import Input, ReadOptions
from ..mapped import mapping_for, read_root
from . import legacy
from .nodes import (
    FORMAT,
    V1,
    V2,
    Index,
    Signed,
    build_index,
    is_assertion,
    load,
    types_of,
)


def read(inp: Input, opts: ReadOptions, report: LossReport) -> list[LearnerRecord]:
    limits = opts.limits
    if len(inp.data) > limits.max_bytes:
        raise ReadError(f"input is over the {limits.max_bytes}-byte limit", source=inp.name)
    nodes, signed = load(inp.data, inp.name, report, limits)
    index = build_index(nodes, opts.resolve, opts.resolve_map, limits)
    mapping = mapping_for(FORMAT, opts.mapping)
    ctx = ReadContext(mapping, report, opts.language)
    awards: list[Award] = []
    endorsements: list[Endorsement] = []
    dialects: set[str] = set()
    assertions = [(w, n) for w, n in nodes if is_assertion(n)]
    for where, node in assertions:
        kind = legacy.dialect(node)
        dialects.add(kind)
        native = Embedder(index, report, kind).assertion(node, where)
        award = read_root(mapping, native, where, ctx)
        assert isinstance(award, Award)
        awards.append(_sealed(award, signed))
    organizations: list[Profile] = []
    if not assertions:
        endorsements, organizations = _unasserted(nodes, index, ctx, report, dialects, inp.name)
    achievements = list(ctx.linked.get("achievements", {}).values())
    by_id = {a.id: a for a in achievements}
    for award in awards:
        ach = by_id.get(award.achievement_id or "")
        if award.issuer is None and ach is not None and ach.creator is not None:
            award.issuer = ach.creator
    record = LearnerRecord(
        provenance=Provenance(
            format=FORMAT,
            dialect="+".join(sorted(dialects or {"ob2.0"})) + ("+jws" if signed else ""),
            source_ids=[x.id for x in [*awards, *endorsements] if x.id],
            signed=signed is not None,
            mapping=mapping.source,
        ),
        achievements=achievements,
        awards=awards,
        endorsements=endorsements,
        organizations=organizations,
    )
    return [record]


PROFILE_TYPES = ("Issuer", "Profile", "IssuerOrg")


def _unasserted(
    nodes: list[tuple[str, Any]],
    index: Index,
    ctx: ReadContext,
    report: LossReport,
    dialects: set[str],
    source: str,
) -> tuple[list[Endorsement], list[Profile]]:
    """An input without an assertion: its BadgeClasses are achievements, its Endorsements
    endorsements; Issuer profiles are organizations when nothing else is there (otherwise
    they are the others' linked documents, as keys and revocation lists always are)."""
    mapping = ctx.mapping
    endorsements: list[Endorsement] = []
    profiles: list[Profile] = []
    primary = [n for _, n in nodes if {"BadgeClass", "Endorsement"} & set(types_of(n))]
    readable = primary or [n for _, n in nodes if set(PROFILE_TYPES) & set(types_of(n))]
    for where, node in nodes:
        kinds = set(types_of(node))
        kind = legacy.dialect(node)
        if "BadgeClass" in kinds:
            up = legacy.upgrade_badge(node, where, report, kind)
            badge = Embedder(index, report, kind).badge(dict(up), where)
            ach = read_object(mapping.objects["BadgeClass"], badge, where, ctx)
            assert isinstance(ach, Achievement)
            ctx.link("achievements", ach, where)
        elif "Endorsement" in kinds:
            native = Embedder(index, report, kind).endorsement(node)
            end = read_object(mapping.objects["Endorsement"], native, where, ctx)
            assert isinstance(end, Endorsement)
            endorsements.append(end)
        elif set(PROFILE_TYPES) & kinds and not primary:
            up = legacy.upgrade_issuer(node, where, report, kind)
            prof = read_object(mapping.objects["Profile"], _bare(up), where, ctx)
            assert isinstance(prof, Profile)
            profiles.append(prof)
        elif readable:
            continue  # a linked document of the others
        else:
            raise ReadError(
                f"not an Open Badges assertion, BadgeClass, Issuer or Endorsement "
                f"({_what(node)}); a linked document such as Criteria, a RevocationList or a "
                "CryptographicKey is read with --resolve alongside its assertion",
                source=source,
                location=where or "/",
            )
        dialects.add(kind)
    return endorsements, profiles


def _what(node: Any) -> str:
    kinds = types_of(node)
    if kinds:
        return f"type is {kinds!r}"
    return "an object with no type" if isinstance(node, dict) else f"a JSON {type(node).__name__}"


def _bare(node: dict[str, Any]) -> dict[str, Any]:
    """A linked node embedded in another: its @context is the container's."""
    out = dict(node)
    if out.get("@context") in (V2, V1):
        out.pop("@context")
    return out


#: The texts a BadgeClass's ``@language`` says the language of: its own, its criteria's,
#: its image caption and its alignments' (not those of its issuer or endorsements, which
#: are nodes of their own).
_TEXTS = {
    "": ("name", "description"),
    "criteria": ("narrative",),
    "image": ("caption",),
    "alignment": ("targetName", "targetDescription"),
}


def _language_tagged(badge: dict[str, Any]) -> dict[str, Any]:
    """OB 2.0 ``@language`` on a BadgeClass names the language of its texts: they are read
    as language-tagged values, so the language is not lost to the canonical model."""
    lang = badge.get("@language")
    if not isinstance(lang, str) or not lang:
        return badge
    out = dict(badge)
    for key, props in _TEXTS.items():
        holders = [out] if not key else out.get(key)
        holders = holders if isinstance(holders, list) else [holders]
        tagged = []
        for h in holders:
            if isinstance(h, dict):
                h = {
                    k: [{"@value": v, "@language": lang}]
                    if k in props and isinstance(v, str)
                    else v
                    for k, v in h.items()
                }
            tagged.append(h)
        if key:
            out[key] = tagged if isinstance(out.get(key), list) else tagged[0]
        else:
            out = tagged[0]
    return out


def _sealed(award: Award, signed: Signed | None) -> Award:
    """A signed assertion keeps its JWS as a proof fact (never verified)."""
    if signed is None:
        return award
    facts = (award.credential or CredentialFacts()).model_copy(
        update={"jwt": True, "proofs": [Proof(type="JWS", jws=signed.jws)]}
    )
    return award.model_copy(update={"credential": facts})


class Embedder:
    """Replaces the IRIs of an assertion's BadgeClass, Issuer and Endorsements by the
    nodes they name (copies, upgraded to OB 2.0 names)."""

    def __init__(self, index: Index, report: LossReport, kind: str) -> None:
        self.index = index
        self.report = report
        self.kind = kind

    def lookup(self, iri: str, where: str, what: str) -> dict[str, Any] | None:
        node, by_name = self.index.find(iri)
        if not isinstance(node, dict):
            self.report.add(
                "unresolved-reference",
                f"{what} {iri} is not among the inputs (pass it as another input, with "
                "--resolve DIR or --resolve-map); kept as an id, never fetched",
                source_path=where,
                source_format=FORMAT,
                value=iri,
            )
            return None
        if by_name is not None and node.get("id") not in (None, iri):
            self.report.add(
                "source-schema-violation",
                f"{what} {iri} found by file name in {by_name}, whose id is {node.get('id')!r}; "
                "the IRI is kept as its id",
                source_path=where,
                source_format=FORMAT,
                value=iri,
            )
        out = _bare(node)
        if by_name is not None or "id" not in out:
            out["id"] = iri
        return out

    def assertion(self, node: dict[str, Any], where: str) -> dict[str, Any]:
        out = legacy.upgrade_assertion(node, where, self.report)
        badge = out.get("badge")
        if isinstance(badge, str):
            found = self.lookup(badge, f"{where}/badge", "BadgeClass")
            if found is not None:
                kind = legacy.dialect(found) if "@context" in found else self.kind
                out["badge"] = legacy.upgrade_badge(found, f"{where}/badge", self.report, kind)
        if isinstance(out.get("badge"), dict):
            out["badge"] = self.badge(out["badge"], f"{where}/badge")
        self.endorsements(out, where)
        return out

    def badge(self, badge: dict[str, Any], where: str) -> dict[str, Any]:
        badge = _bare(badge)
        issuer = badge.get("issuer")
        if isinstance(issuer, str):
            found = self.lookup(issuer, f"{where}/issuer", "Issuer")
            if found is not None:
                issuer = legacy.upgrade_issuer(found, f"{where}/issuer", self.report, self.kind)
        if isinstance(issuer, dict):
            issuer = _bare(issuer)
            self.endorsements(issuer, f"{where}/issuer")
            badge["issuer"] = issuer
        criteria = badge.get("criteria")
        if isinstance(criteria, str):
            node, _ = self.index.find(criteria)
            if (
                isinstance(node, dict)
                and "narrative" in node
                and not set(types_of(node)) - {"Criteria"}
            ):
                badge["criteria"] = {**_bare(node), "id": criteria}
        self.endorsements(badge, where)
        return _language_tagged(badge)

    def endorsements(self, node: dict[str, Any], where: str) -> None:
        ends = node.get("endorsement")
        if ends is None:
            return
        items = ends if isinstance(ends, list) else [ends]
        out = []
        for i, e in enumerate(items):
            at = f"{where}/endorsement" + (f"/{i}" if isinstance(ends, list) else "")
            if isinstance(e, str):
                found = self.lookup(e, at, "Endorsement")
                e = found if found is not None else e
            out.append(self.endorsement(e) if isinstance(e, dict) else e)
        node["endorsement"] = out if isinstance(ends, list) else out[0]

    def endorsement(self, node: dict[str, Any]) -> dict[str, Any]:
        out = _bare(node)
        if "verify" in out and "verification" not in out:
            out["verification"] = out.pop("verify")
        issuer = out.get("issuer")
        if isinstance(issuer, str):
            found, _ = self.index.find(issuer)
            if isinstance(found, dict):
                out["issuer"] = {**_bare(found), "id": issuer}
        return out
