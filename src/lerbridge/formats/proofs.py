"""Signature facts shared by the VC formats (OB 3.0, CLR 2.0): when a proof may stay on
the output, and the report entry when it may not."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from pydantic import BaseModel

from ..mapping.compiler import ObjectSpec
from ..mapping.engine import ReadContext, WriteContext, write_object
from ..model import CredentialFacts
from ..report import LossReport
from .base import WriteOptions
from .vc import normalize


def digest_of(*parts: BaseModel | None) -> str:
    """Digest of canonical objects as a signature would see them (internal facts such as
    an earlier digest are left out)."""
    data = [
        p.model_dump(mode="json", exclude_defaults=True, exclude=_exclusions(p))
        if p is not None
        else None
        for p in parts
    ]
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _exclusions(obj: BaseModel) -> dict[str, Any] | None:
    fields = type(obj).model_fields
    if "verifications" in fields:  # an award: what a résumé said of it is not signed
        return {"credential": {"digest", "original"}, "verifications": True, "verified_only": True}
    if "credential" in fields:
        return {"credential": {"digest", "original"}}
    if "envelope" in fields:
        return {"envelope": {"credential": {"digest"}}, "provenance": True}
    return None


def faithful(spec: ObjectSpec, obj: BaseModel, source: Any, ctx: ReadContext) -> bool:
    """Would lerbridge write ``obj`` back as the same JSON-LD it read (one-item arrays and
    key order aside, which Data Integrity proofs do not sign)?"""
    lookup = {k: dict(v) for k, v in ctx.linked.items()}
    dry = WriteContext(ctx.mapping, LossReport(), lookup)
    return bool(normalize(write_object(spec, obj, "", dry)) == normalize(source))


def sealed(facts: CredentialFacts | None, digest: str) -> CredentialFacts | None:
    if facts is None or not facts.proofs or facts.jwt:
        return facts
    return facts.model_copy(update={"digest": digest})


def apply_policy(
    facts: CredentialFacts | None,
    native: dict[str, Any],
    digest_now: str,
    opts: WriteOptions,
    cpath: str,
    fmt: str,
    report: LossReport,
) -> None:
    """Keep the source proofs only when the credential is unchanged since it was read;
    otherwise drop them, one ``proof-invalidated`` entry each."""
    if facts is None or not facts.proofs:
        return
    keep = opts.keep_proofs and not facts.jwt and facts.digest == digest_now
    if keep and facts.digest is not None:
        return
    native.pop("proof", None)
    why = (
        "the VC-JWT signature covers the JWT, not this JSON"
        if facts.jwt
        else "the credential was changed or re-serialized in another form"
        if opts.keep_proofs
        else "proofs dropped on request"
    )
    for j, proof in enumerate(facts.proofs):
        report.add(
            "proof-invalidated",
            f"{proof.type or 'proof'} dropped: {why}; the output must be re-signed",
            canonical_path=f"{cpath}.credential.proofs[{j}]",
            target_format=fmt,
            value=proof.verification_method or proof.cryptosuite,
        )
