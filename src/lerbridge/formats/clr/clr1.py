"""CLR 1.0 (type "Clr"), read and upgraded to the canonical model.

What each CLR 1.0 field means lives in ``mappings/clr1.yaml``; this module runs it. It also
does the few steps the mapping language cannot express yet, each marked ``ENGINE GAP``
below, and handles the CLR 1.0 syntax the engine does not see (JWS-signed assertions,
JSON-LD nulls). The record is then written as CLR 2.0 by ``mappings/clr.yaml``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ...errors import ReadError
from ...mapping.compiler import Mapping, load_mapping
from ...mapping.engine import ReadContext, merge_models, read_object
from ...model import (
    Achievement,
    Association,
    Award,
    CredentialFacts,
    Identifier,
    LearnerRecord,
    Person,
    Profile,
    Proof,
    Provenance,
)
from ...report import LossReport
from ..base import ReadOptions
from ..vc import decode_jwt
from .links import resolve_associations

FORMAT = "clr"
MAPPING = "clr1"
DIALECT = "clr1.0"

#: Canonical identifier schemes of the CLR 1.0 Profile's own identifier properties. CLR 2.0
#: has no student-id type (research note: use ``ext:studentId``); ``sourcedId`` is a CLR 2.0
#: identifier type as it is.
PROFILE_ID_SCHEMES = {"studentId": "ext:studentId", "sourcedId": "sourcedId"}

#: Fields of the Clr document with no canonical home that the reader reports itself
#: (rather than keeping them as extensions): they describe how to trust the CLR 1.0
#: document, which the upgraded CLR 2.0 is not.
ENVELOPE_FIELDS = ("verification", "revoked", "revocationReason", "signedAssertions")


def read_clr1(
    doc: dict[str, Any],
    where: str,
    opts: ReadOptions,
    report: LossReport,
    jws: str | None = None,
) -> LearnerRecord:
    """Read one CLR 1.0 document. ``jws`` is the compact JWS when the document arrived
    signed (CLR 1.0 "Signed" verification); it is never verified."""
    mapping = _mapping(opts)
    native = _without_nulls(doc)
    if not isinstance(native, dict):  # pragma: no cover - the caller checked the type
        raise ReadError("a CLR 1.0 document must be a JSON object", location=where or "/")
    envelope = {k: native.pop(k) for k in ENVELOPE_FIELDS if k in native}
    assocs: list[_NativeAssociation] = []
    for i, assertion in enumerate(_items(native.get("assertions"))):
        if isinstance(assertion, dict):
            _take_associations(
                assertion.get("achievement"), f"{where}/assertions/{i}/achievement", assocs
            )
    for j, ach in enumerate(_items(native.get("achievements"))):
        _take_associations(ach, f"{where}/achievements/{j}", assocs)

    ctx = ReadContext(mapping, report, opts.language)
    rec = read_object(mapping.objects[mapping.root_object], native, where, ctx)
    assert isinstance(rec, LearnerRecord)
    awards = _signed_assertions(
        list(rec.awards), envelope.get("signedAssertions"), where, opts, mapping, ctx, assocs
    )
    achievements = list(ctx.linked.get("achievements", {}).values())

    ids = _profile_ids(native)
    inverse = {
        "achievement_type": _inverse_table(mapping, "Achievement", "achievementType"),
        "scheme": _inverse_table(mapping, "SystemIdentifier", "identifierType"),
    }
    for node in _nodes([rec.person, rec.publisher, rec.envelope, achievements, awards]):
        _fill_profile_schemes(node, ids)
        _upgrade_terms(node, inverse, report)
    _award_facts(awards, achievements)

    rec = rec.model_copy(
        update={
            "achievements": achievements,
            "awards": awards,
            "associations": _hoist_associations(assocs, mapping, ctx),
        }
    )
    rec = _resolve(rec, assocs, report)
    _report_envelope(envelope, jws, where, report)
    _report_revoked(native, where, report)
    report.add(
        "dialect-upgraded",
        "CLR 1.0 (type Clr) read; written as a CLR 2.0 ClrCredential (its assertions become "
        "nested AchievementCredentials, its publisher the issuer)",
        source_path=where or "/",
        source_format=MAPPING,
    )
    env = rec.envelope
    signed = jws is not None or any(a.credential and a.credential.proofs for a in awards)
    if jws is not None and env is not None:
        facts = (env.credential or CredentialFacts()).model_copy(
            update={"jwt": True, "proofs": [Proof(type="JWS", jws=jws)]}
        )
        env = env.model_copy(update={"credential": facts})
        rec = rec.model_copy(update={"envelope": env})
    return rec.model_copy(
        update={
            "provenance": Provenance(
                format=FORMAT,
                dialect=DIALECT + ("+jwt" if jws else ""),
                source_ids=[x for x in [env.id if env else None] if x],
                signed=signed,
                mapping=mapping.source,
            )
        }
    )


def _mapping(opts: ReadOptions) -> Mapping:
    """The shipped clr1 mapping, or the user's when it extends clr1 (a user mapping for
    CLR 2.0, namespace clr, does not apply to a CLR 1.0 document)."""
    if opts.mapping:
        user = load_mapping(opts.mapping)
        if user.namespace == MAPPING:
            return user
    return load_mapping(MAPPING)


def _items(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _without_nulls(value: Any) -> Any:
    """A copy without JSON nulls: in JSON-LD a null value means the term is absent (OCP
    writes ``"achievements": null``, ``"revocationReason": null``)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value if v is not None]
    return value


def _nodes(value: Any) -> Iterator[BaseModel]:
    """Every canonical object in ``value``, depth first (extension payloads excluded)."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            if name != "extensions":
                yield from _nodes(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


# --- ENGINE GAP: a constant canonical value (identifier scheme) -------------------------


def _profile_ids(native: Any) -> dict[str, set[str]]:
    """The values of every ``studentId`` / ``sourcedId`` property in the document."""
    found: dict[str, set[str]] = {key: set() for key in PROFILE_ID_SCHEMES}

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k in found and isinstance(v, str | int | float) and not isinstance(v, bool):
                    found[k].add(str(v))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(native)
    return found


def _fill_profile_schemes(node: BaseModel, ids: dict[str, set[str]]) -> None:
    """clr1.yaml reads Profile.studentId and Profile.sourcedId into ``identifiers`` (objects
    StudentId, SourcedId) without a scheme, because a rule cannot set a constant canonical
    value. The scheme is set here from the value. The two rules come first in the Profile
    objects, studentId before sourcedId, so a value used for both on one profile is told
    apart by its position."""
    if not isinstance(node, Person | Profile):
        return
    pending = [x for x in node.identifiers if x.scheme is None and not x.hashed]
    for ident in pending:
        as_student = ident.value in ids["studentId"]
        as_sourced = ident.value in ids["sourcedId"]
        if as_student and as_sourced:
            twins = [x for x in pending if x.value == ident.value]
            first = twins[0] is ident
            as_student = first if len(twins) > 1 else isinstance(node, Person)
            as_sourced = not as_student
        if as_student:
            ident.scheme = PROFILE_ID_SCHEMES["studentId"]
        elif as_sourced:
            ident.scheme = PROFILE_ID_SCHEMES["sourcedId"]


# --- ENGINE GAP: enum tables apply on write only ----------------------------------------


def _inverse_table(mapping: Mapping, obj: str, native: str) -> dict[str, str]:
    """The inverse of an enum rule's ``table`` (written canonical -> CLR 1.0): the CLR 1.0
    spelling -> the canonical (CLR 2.0) one."""
    spec = mapping.objects.get(obj)
    for rule in spec.read_rules if spec else ():
        if rule.native_str == native:
            return {str(v): str(k) for k, v in rule.params.get("table", {}).items()}
    return {}


def _upgrade_terms(node: BaseModel, inverse: dict[str, dict[str, str]], report: LossReport) -> None:
    """Renamed vocabulary (achievementType Co-Curricular -> CoCurricular, identifierType
    LisSourcedId -> lisSourcedId): the same term, spelt as CLR 2.0 spells it."""
    if isinstance(node, Achievement):
        field, where = "achievement_type", f"achievements[id={node.id}].achievement_type"
    elif isinstance(node, Identifier):
        field, where = "scheme", None
    else:
        return
    old = getattr(node, field)
    new = inverse[field].get(old) if isinstance(old, str) else None
    if new is None:
        return
    setattr(node, field, new)
    report.add(
        "dialect-upgraded",
        f"CLR 1.0 term {old!r} read as its CLR 2.0 spelling {new!r}",
        canonical_path=where,
        source_format=MAPPING,
        value=old,
    )


# --- ENGINE GAP: values from another object ---------------------------------------------


def _award_facts(awards: list[Award], achievements: list[Achievement]) -> None:
    """Two CLR 1.0 facts that live on another object than the canonical one:
    - an assertion has no issuer of its own: the achievement's ``issuer`` is "the
      individual or organization that issues assertions of this achievement";
    - a recipient identity of type ``id``, unhashed, "is the id of the recipient's
      profile": it is the credential subject's id, not an identifier."""
    by_id = {a.id: a for a in achievements}
    for award in awards:
        ach = by_id.get(award.achievement_id or "")
        if award.issuer is None and ach is not None and ach.creator is not None:
            award.issuer = ach.creator
        rcpt = award.recipient
        if rcpt is None or rcpt.id is not None:
            continue
        for ident in rcpt.identifiers:
            if ident.scheme == "id" and not ident.hashed and not ident.salt:
                rcpt.id = ident.value
                rcpt.identifiers = [x for x in rcpt.identifiers if x is not ident]
                break


# --- ENGINE GAP: achievement.associations hoisted to record.associations ----------------


@dataclasses.dataclass
class _NativeAssociation:
    source_id: str
    source_at: str  # JSON Pointer of the carrying achievement's id
    at: str  # JSON Pointer of the association
    native: Any


def _take_associations(ach: Any, at: str, out: list[_NativeAssociation]) -> None:
    """CLR 1.0 keeps associations on the achievement; the canonical model keeps them on the
    record, with the carrying achievement as ``source_id``. The mapping engine cannot move
    a value up to the record, so they are taken out of the (copied) achievement here and
    read with clr1.yaml's Association object after the engine has run. An achievement
    without an id cannot be a source: its associations stay, as extensions."""
    if not isinstance(ach, dict) or not isinstance(ach.get("id"), str):
        return
    if "associations" not in ach:
        return
    items = ach.pop("associations")
    for k, item in enumerate(_items(items)):
        out.append(_NativeAssociation(ach["id"], f"{at}/id", f"{at}/associations/{k}", item))


def _hoist_associations(
    assocs: list[_NativeAssociation], mapping: Mapping, ctx: ReadContext
) -> list[Association]:
    spec = mapping.objects["Association"]
    out: list[Association] = []
    kept: list[_NativeAssociation] = []
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


def _resolve(
    rec: LearnerRecord, assocs: list[_NativeAssociation], report: LossReport
) -> LearnerRecord:
    """links.resolve_associations (credential ids -> achievement ids, dangling ids
    reported), with its CLR 2.0 source paths put back to where the CLR 1.0 document says it."""
    scratch = LossReport()
    rec = resolve_associations(rec, "", scratch)
    pattern = re.compile(r"^/credentialSubject/association/(\d+)/(sourceId|targetId)$")
    for entry in scratch.entries:
        path = entry.source_path
        m = pattern.match(path or "")
        if m and int(m.group(1)) < len(assocs):
            na = assocs[int(m.group(1))]
            path = na.source_at if m.group(2) == "sourceId" else f"{na.at}/targetId"
        report.entries.append(dataclasses.replace(entry, source_path=path, source_format=MAPPING))
    return rec


# --- CLR 1.0 syntax: signed assertions ---------------------------------------------------


def _signed_assertions(
    awards: list[Award],
    tokens: Any,
    where: str,
    opts: ReadOptions,
    mapping: Mapping,
    ctx: ReadContext,
    assocs: list[_NativeAssociation],
) -> list[Award]:
    """``signedAssertions`` are Assertions in JWS compact form. Each is decoded (never
    verified: ``unverified-signature``) and read like the plain ones; its JWS is kept as a
    proof fact, which a CLR 2.0 writer drops with ``proof-invalidated`` since it covers
    the JWS, not the upgraded JSON. One that repeats a plain assertion's id is merged
    into it."""
    spec = mapping.objects["Assertion"]
    by_id = {a.id: i for i, a in enumerate(awards) if a.id}
    for i, token in enumerate(_items(tokens)):
        at = f"{where}/signedAssertions/{i}"
        try:
            if not isinstance(token, str):
                raise ReadError(f"expected a JWS string, found {type(token).__name__}")
            _header, payload, jws = decode_jwt(
                token.encode("ascii", "replace"), at, ctx.report, MAPPING, opts.limits
            )
        except ReadError as exc:
            ctx.report.add(
                "no-target-field",
                f"signed assertion cannot be decoded ({exc.message}); dropped",
                source_path=at,
                source_format=MAPPING,
                value=token,
            )
            continue
        payload = _without_nulls(payload)
        _take_associations(payload.get("achievement"), f"{at}/achievement", assocs)
        try:
            award = read_object(spec, payload, at, ctx)
        except ReadError as exc:
            ctx.report.add(
                "no-target-field",
                f"signed assertion is not a CLR 1.0 Assertion ({exc.message}); dropped",
                source_path=at,
                source_format=MAPPING,
            )
            continue
        assert isinstance(award, Award)
        facts = CredentialFacts(jwt=True, proofs=[Proof(type="JWS", jws=jws)])
        award = award.model_copy(update={"credential": facts})
        if award.id in by_id:
            k = by_id[award.id]
            merged, conflicts = merge_models(awards[k], award)
            for name in conflicts:
                ctx.report.add(
                    "source-schema-violation",
                    f"the signed and the plain copy of assertion {award.id} differ in {name}; "
                    "the plain value kept",
                    source_path=at,
                    source_format=MAPPING,
                )
            assert isinstance(merged, Award)
            awards[k] = merged
        else:
            by_id[award.id or ""] = len(awards)
            awards.append(award)
    return awards


# --- what the upgrade cannot carry -------------------------------------------------------


def _report_envelope(
    envelope: dict[str, Any], jws: str | None, where: str, report: LossReport
) -> None:
    verification = envelope.get("verification")
    if verification is not None:
        kind = verification.get("type") if isinstance(verification, dict) else None
        why = (
            "; the document carries no signature (a signed CLR 1.0 travels as a JWS), so "
            "there was nothing to verify"
            if kind == "Signed" and jws is None
            else ""
        )
        report.add(
            "no-target-field",
            f"CLR 1.0 verification ({kind or 'no type'}) has no CLR 2.0 counterpart: a CLR 2.0 "
            f"is verified by its own proof, and the upgraded one is unsigned{why}",
            severity="info",
            source_path=f"{where}/verification",
            source_format=MAPPING,
            value=verification,
        )
    revoked = envelope.get("revoked")
    reason = envelope.get("revocationReason")
    if revoked is True:
        report.add(
            "no-target-field",
            "the CLR 1.0 is marked revoked"
            + (f" ({reason})" if isinstance(reason, str) else "")
            + "; CLR 2.0 states revocation through a credentialStatus list that lerbridge "
            "cannot create, so the upgraded CLR does not say it is revoked",
            severity="error",
            source_path=f"{where}/revoked",
            source_format=MAPPING,
            value=reason,
        )
    elif revoked is not None and revoked is not False:
        report.add(
            "source-schema-violation",
            "revoked must be a boolean; ignored",
            source_path=f"{where}/revoked",
            source_format=MAPPING,
            value=revoked,
        )
    elif reason is not None:
        report.add(
            "no-target-field",
            "revocationReason of a CLR that is not revoked; dropped",
            source_path=f"{where}/revocationReason",
            source_format=MAPPING,
            value=reason,
        )


def _report_revoked(native: dict[str, Any], where: str, report: LossReport) -> None:
    """A revoked assertion keeps its ``revoked`` flag as a clr1 extension, which CLR 2.0
    cannot hold: the nested credential written for it would look valid."""
    for i, assertion in enumerate(_items(native.get("assertions"))):
        if isinstance(assertion, dict) and assertion.get("revoked") is True:
            report.add(
                "no-target-field",
                "assertion is marked revoked; the CLR 2.0 credential written for it cannot "
                "say so (no credentialStatus list)",
                severity="error",
                source_path=f"{where}/assertions/{i}/revoked",
                source_format=MAPPING,
                value=assertion.get("revocationReason"),
            )
