"""CLR 1.0 ``signedAssertions``: Assertions in JWS compact form.

This is syntax the mapping engine does not see (a string that wraps a JSON document), so
each token is decoded here, never verified (``unverified-signature``), and its payload
read with clr1.yaml's ``Assertion`` object like the plain assertions. The JWS is kept as a
proof fact, which a CLR 2.0 writer drops with ``proof-invalidated``: it covers the JWS, not
the upgraded JSON. A signed assertion that repeats a plain one's id is merged into it."""

from __future__ import annotations

from typing import Any

from ...errors import ReadError
from ...mapping.compiler import Mapping
from ...mapping.engine import ReadContext, merge_models, read_object
from ...model import Award, CredentialFacts, Proof
from ..base import ReadOptions
from ..vc import decode_jwt
from .clr1_associations import NativeAssociation, detach
from .clr1_jsonld import MAPPING, items, without_null_items


def read_signed_assertions(
    awards: list[Award],
    tokens: Any,
    where: str,
    opts: ReadOptions,
    mapping: Mapping,
    ctx: ReadContext,
    assocs: list[NativeAssociation],
) -> list[Award]:
    """``awards`` with the signed assertions added (or merged); the associations of their
    achievements are appended to ``assocs``."""
    by_id = {a.id: i for i, a in enumerate(awards) if a.id}
    for token, at in items(tokens, f"{where}/signedAssertions"):
        award = _read_one(token, at, opts, mapping, ctx, assocs)
        if award is None:
            continue
        if award.id not in by_id:
            by_id[award.id or ""] = len(awards)
            awards.append(award)
            continue
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
    return awards


def _read_one(
    token: Any,
    at: str,
    opts: ReadOptions,
    mapping: Mapping,
    ctx: ReadContext,
    assocs: list[NativeAssociation],
) -> Award | None:
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
        return None
    payload = without_null_items(payload)
    if "achievement" in payload:
        payload["achievement"] = detach(payload["achievement"], f"{at}/achievement", assocs)
    try:
        award = read_object(mapping.objects["Assertion"], payload, at, ctx)
    except ReadError as exc:
        ctx.report.add(
            "no-target-field",
            f"signed assertion is not a CLR 1.0 Assertion ({exc.message}); dropped",
            source_path=at,
            source_format=MAPPING,
        )
        return None
    assert isinstance(award, Award)
    facts = CredentialFacts(jwt=True, proofs=[Proof(type="JWS", jws=jws)])
    return award.model_copy(update={"credential": facts})
