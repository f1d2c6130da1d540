"""LER-RS ``verifications[]``: what vouches for a résumé item.

Each item is one of HR Open's ``VerificationType`` branches, told apart by syntax: a
verifying organization (``verifyingOrganization``), a reference (``reference`` and
``scheme``), a credential wrapped as ``otherW3CVerifiableCredential``, or a bare
credential (an OB 3.0 ``1edtob3``, a CLR 2.0 ``1edtclr2`` or an HR Open provisional
per-section VC). A skill's plain verifications may sit one level down, under
``Verification``.

Embedded OB 3.0 and CLR credentials are read by the OB 3.0 and CLR readers; their awards
join the record and the verification names them. Every embedded credential is also kept
exactly as written, because its signature covers those bytes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import orjson

from ...errors import LerbridgeError
from ...mapping.engine import ReadContext, read_object
from ...model import Achievement, Association, Award, LearnerRecord, RawFragment, Verification
from ...report import LossReport
from ..base import Input, ReadOptions
from ..vc import looks_like_jws, types_of

FORMAT = "lerrs"
PROVISIONAL_MARK = "ProvisionalVerifiableCredential"


@dataclass
class Found:
    """What the verifications of one résumé item gave."""

    verifications: list[Verification] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    associations: list[Association] = field(default_factory=list)
    records: list[LearnerRecord] = field(default_factory=list)
    """Records read from embedded CLRs (their publisher is the school)."""
    provisional: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    """(section item, source path) held by provisional per-section credentials."""


def read_verifications(
    items: Any,
    where: str,
    section_key: str | None,
    ctx: ReadContext,
    inp: Input,
    opts: ReadOptions,
) -> Found:
    found = Found()
    if not isinstance(items, list):
        ctx.report.add(
            "source-schema-violation",
            "verifications is not a list; ignored",
            source_path=where,
            source_format=FORMAT,
            value=items,
        )
        return found
    for j, item in enumerate(items):
        at = f"{where}/{j}"
        if isinstance(item, dict) and set(item) == {"Verification"}:
            item, at = item["Verification"], f"{at}/Verification"
        if not isinstance(item, dict):
            ctx.report.add(
                "source-schema-violation",
                "a verification is not an object; ignored",
                source_path=at,
                source_format=FORMAT,
                value=item,
            )
            continue
        _read_one(item, at, section_key, ctx, inp, opts, found)
    return found


def _read_one(
    item: dict[str, Any],
    at: str,
    section_key: str | None,
    ctx: ReadContext,
    inp: Input,
    opts: ReadOptions,
    found: Found,
) -> None:
    if "verifyingOrganization" in item:
        org = read_object(
            ctx.mapping.objects["Organization"],
            item["verifyingOrganization"],
            f"{at}/verifyingOrganization",
            ctx,
        )
        found.verifications.append(Verification(kind="organization", organization=org))
        return
    if "reference" in item and "credentialSubject" not in item:
        found.verifications.append(
            Verification(
                kind="reference",
                reference=str(item["reference"]),
                scheme=str(item["scheme"]) if item.get("scheme") is not None else None,
            )
        )
        return
    wrapped = "otherW3CVerifiableCredential" in item
    cred = item["otherW3CVerifiableCredential"] if wrapped else item
    cat = f"{at}/otherW3CVerifiableCredential" if wrapped else at
    if isinstance(cred, str) and looks_like_jws(cred.encode("ascii", "replace")):
        cred = _decoded(cred, cat, ctx.report, inp, opts)
    if not isinstance(cred, dict):
        ctx.report.add(
            "source-schema-violation",
            "otherW3CVerifiableCredential is not an object; ignored",
            source_path=cat,
            source_format=FORMAT,
            value=cred,
        )
        return
    raw = RawFragment(format=FORMAT, payload=cred)
    kind = credential_kind(cred)
    ver = Verification(kind="credential", credential_format=kind, credential=raw, wrapped=wrapped)
    if kind == "provisional":
        subject = cred.get("credentialSubject")
        content = subject.get(section_key) if isinstance(subject, dict) and section_key else None
        if isinstance(content, dict):
            found.provisional.append((content, f"{cat}/credentialSubject/{section_key}"))
    elif kind in ("ob3", "clr"):
        records = _read_embedded(cred, cat, kind, ctx.report, inp, opts)
        for rec in records:
            ver.award_ids.extend(a.id for a in rec.awards if a.id)
            found.awards.extend(rec.awards)
            found.achievements.extend(rec.achievements)
            found.associations.extend(rec.associations)
            if kind == "clr":
                found.records.append(rec)
    else:
        ctx.report.add(
            "unmapped-source-field",
            f"a credential of type {types_of(cred)!r} is kept as written; lerbridge does not "
            "read its content",
            source_path=cat,
            source_format=FORMAT,
        )
    found.verifications.append(ver)


def _decoded(token: str, at: str, report: LossReport, inp: Input, opts: ReadOptions) -> Any:
    """A verification given as a compact VC-JWT string: the credential it holds (its
    signature unverified). The résumé keeps that credential as JSON, which the JWS
    signature does not cover: reported."""
    from ..vc import decode_jwt

    _h, cred, _jws = decode_jwt(
        token.encode("ascii"), f"{inp.name}#{at}", report, FORMAT, opts.limits
    )
    report.add(
        "value-coerced",
        "a VC-JWT string in a verification is read as the credential it holds and kept as "
        "that JSON (LER-RS takes an object here); its JWS signature does not cover the JSON",
        source_path=at,
        source_format=FORMAT,
        value=token,
    )
    return cred


def as_embedded(ver: Verification) -> RawFragment | None:
    """The verification item as the résumé held it: the credential, bare or under
    ``otherW3CVerifiableCredential``."""
    if ver.credential is None:
        return None
    payload = ver.credential.payload
    if ver.wrapped:
        payload = {"otherW3CVerifiableCredential": payload}
    return RawFragment(format=FORMAT, payload=payload)


def credential_kind(cred: dict[str, Any]) -> str:
    types = types_of(cred)
    ctxs = cred.get("@context")
    ctxs = ctxs if isinstance(ctxs, list) else [ctxs]
    if any(isinstance(c, str) and PROVISIONAL_MARK in c for c in ctxs):
        return "provisional"
    if "ClrCredential" in types:
        return "clr"
    if any(t in ("OpenBadgeCredential", "AchievementCredential") for t in types):
        return "ob3"
    return "other"


def _read_embedded(
    cred: dict[str, Any],
    at: str,
    kind: str,
    report: LossReport,
    inp: Input,
    opts: ReadOptions,
) -> list[LearnerRecord]:
    """Read an embedded credential with its own format's reader; its report entries are
    kept, their source paths placed inside the résumé."""
    from ..clr.reader import read as read_clr
    from ..ob3.reader import read as read_ob3

    sub = LossReport()
    data = orjson.dumps(cred)
    reader = read_clr if kind == "clr" else read_ob3
    try:
        records = reader(Input(data, f"{inp.name}#{at}"), ReadOptions(language=opts.language), sub)
    except LerbridgeError as exc:
        report.add(
            "source-schema-violation",
            f"the embedded {kind} credential cannot be read ({exc}); kept as written",
            source_path=at,
            source_format=FORMAT,
        )
        return []
    finally:
        for e in sub.entries:
            path = at + (e.source_path if e.source_path and e.source_path != "/" else "")
            report.entries.append(dataclasses.replace(e, source_path=path))
    return records
