"""Nested credentials given as compact JWS strings (VC-JWT issuers list them so in a
CLR's ``credentialSubject.verifiableCredential``). Each is decoded without verifying it
(reported ``unverified-signature``), read like a JSON nested credential, and keeps its JWS:
a CLR written from an unchanged award embeds the same JWS string again, byte for byte."""

from __future__ import annotations

from typing import Any

from ...model import Award, CredentialFacts, LearnerRecord, Proof
from ...report import LossReport
from ..base import ReadOptions
from ..proofs import digest_of
from ..vc import decode_jwt, looks_like_jws

FORMAT = "clr"


def expand(
    doc: dict[str, Any], where: str, source: str, opts: ReadOptions, report: LossReport
) -> tuple[dict[str, Any], dict[int, str]]:
    """``doc`` with its JWS nested credentials decoded, and the JWS of each by index."""
    subj = doc.get("credentialSubject")
    nested = subj.get("verifiableCredential") if isinstance(subj, dict) else None
    if not isinstance(nested, list | str):
        return doc, {}
    items = nested if isinstance(nested, list) else [nested]
    tokens: dict[int, str] = {}
    out: list[Any] = []
    for i, item in enumerate(items):
        if isinstance(item, str) and looks_like_jws(item.encode("ascii", "replace")):
            at = f"{where}/credentialSubject/verifiableCredential/{i}"
            _h, cred, _jws = decode_jwt(
                item.encode("ascii"), f"{source}#{at}", report, FORMAT, opts.limits
            )
            tokens[i] = item
            out.append(cred)
        else:
            out.append(item)
    if not tokens:
        return doc, {}
    assert isinstance(subj, dict)
    return {**doc, "credentialSubject": {**subj, "verifiableCredential": out}}, tokens


def attach(rec: LearnerRecord, tokens: dict[int, str]) -> LearnerRecord:
    """Each award read from a JWS keeps it as a VC-JWT proof, with the digest of the award
    as read: unchanged at write time, the JWS is embedded again as it was."""
    if not tokens or len(rec.awards) < max(tokens) + 1:
        return rec
    achs = {a.id: a for a in rec.achievements}
    awards: list[Award] = []
    for i, award in enumerate(rec.awards):
        if i in tokens:
            facts = (award.credential or CredentialFacts()).model_copy(
                update={"jwt": True, "proofs": [Proof(type="VC-JWT", jws=tokens[i])]}
            )
            award = award.model_copy(update={"credential": facts})
            digest = digest_of(award, achs.get(award.achievement_id or ""))
            award = award.model_copy(
                update={"credential": facts.model_copy(update={"digest": digest})}
            )
        awards.append(award)
    return rec.model_copy(update={"awards": awards})


def kept_jws(award: Award, digest_now: str, keep_proofs: bool) -> str | None:
    """The JWS to embed for an award read from one, when it is unchanged."""
    facts = award.credential
    if not keep_proofs or facts is None or not facts.jwt or facts.digest != digest_now:
        return None
    jws = [p.jws for p in facts.proofs if p.type == "VC-JWT" and p.jws]
    return jws[0] if len(jws) == 1 else None
