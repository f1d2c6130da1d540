"""Writing LER-RS items with what vouches for them: the verifications read from a résumé
(kept as written; a provisional per-section VC is rebuilt around its item) and the
credentials of awards from OB 3.0 / CLR sources (written by those formats' writers).

A credential goes into the ``1edtob3`` / ``1edtclr2`` branch when it validates against
HR Open's draft-04 copy of the 1EdTech schema (a VC 1.1 credential); a current VC 2.0
credential does not, so it goes under ``otherW3CVerifiableCredential``.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import orjson

from ...errors import LerbridgeError
from ...mapping.engine import WriteContext, write_object
from ...model import Award, LearnerRecord, Node, Skill, Verification
from ...report import LossReport
from ..base import WriteOptions
from .native import FORMAT, source_digest
from .sections import from_resume

OB3_DRAFT4 = "recruiting/json/ler-rs/1EdTech/ob_v3p0_achievementcredential_schema_draft4.json"
CLR_DRAFT4 = "recruiting/json/ler-rs/1EdTech/clr_v2p0_clrcredential_schema_draft4.json"
PROVISIONAL_44 = (
    "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/"
    "ProvisionalVerifiableCredential{}Type.json"
)
PROVISIONAL_TYPES = {
    "educationAndLearnings": "EducationAndLearning",
    "employmentHistories": "EmploymentHistory",
    "certifications": "Certification",
    "licenses": "License",
}
#: Award fields a résumé certification shows; the rest travels in the embedded credential.
AWARD_ITEM_FIELDS = (
    "name",
    "description",
    "issuer",
    "valid_from",
    "valid_until",
    "awarded_date",
    "license_number",
)
#: Sections whose verifications take an OB 3.0 credential bare (the 1edtob3 branch).
OB3_BRANCH = ("educationAndLearnings", "certifications", "licenses")


def _own_credential(obj: Any) -> Any:
    """The credential an award read from a résumé item was embedded as, verbatim."""
    facts = getattr(obj, "credential", None)
    original = getattr(facts, "original", None)
    return None if original is None else copy.deepcopy(original.payload)


def _provisional_context(url: str, section: str) -> str:
    """The 4.4 URL the schema lists for a provisional credential's type; the official
    samples write the same path under 4.5. An unrelated URL is left alone."""
    name = PROVISIONAL_TYPES.get(section)
    if name and url.endswith("ProvisionalVerifiableCredential" + name + "Type.json"):
        return PROVISIONAL_44.format(name)
    marker = "/recruiting/json/ler-rs/ProvisionalVerifiableCredential"
    if marker in url and "/4.5/" in url:
        return url.replace("/4.5/", "/4.4/", 1)
    return url


#: The schema's verifiable form of each section (the one holding the provisional branch).
VERIFIABLE_TYPES = {
    "educationAndLearnings": "VerifiableEducationAttendanceType",
    "employmentHistories": "VerifiableEmploymentHistoryType",
    "certifications": "VerifiableCertificationType",
    "licenses": "VerifiableLicenseType",
}


def _fits_provisional_branch(cred: Any, section: str) -> bool:
    """Whether a provisional credential validates bare in this section. Not always: the
    4.5 schema's certification branch points at the License type (an upstream slip), so a
    certification VC goes under otherW3CVerifiableCredential instead."""
    from ...specs.hropen_json import is_valid_lerrs

    name = VERIFIABLE_TYPES.get(section)
    if name is None:
        return True
    return is_valid_lerrs({"verifications": [cred]}, f"recruiting/json/ler-rs/{name}.json")


class Embedder:
    def __init__(
        self,
        record: LearnerRecord,
        mapping: Any,
        ctx: WriteContext,
        opts: WriteOptions,
        report: LossReport,
        listed: set[str],
        in_skills: set[str],
    ) -> None:
        self.record = record
        self.mapping = mapping
        self.ctx = ctx
        self.opts = opts
        self.report = report
        self.listed = listed
        self.in_skills = in_skills
        self.awards = {a.id: a for a in record.awards if a.id}
        self.embedded: set[str] = set()
        """Awards whose credential is already in the résumé (later mentions refer to it)."""
        self.achievements = {a.id: a for a in record.achievements}

    # items ----------------------------------------------------------------------------

    def item(
        self, obj_name: str, obj: Any, cpath: str, section: str, extra: list[Any]
    ) -> dict[str, Any] | None:
        vers = [self.verification(v, obj, obj_name, cpath, section) for v in obj.verifications]
        own = _own_credential(obj)
        if own is not None:
            vers = [own, *vers]
        if obj.verified_only and any(v is not None for v in vers):
            return {"verifications": [v for v in vers if v is not None]}
        if isinstance(obj, Award):
            obj = self._award_item(obj)
        elif isinstance(obj, Skill):
            obj = self._skill_item(obj)
        native = write_object(self.mapping.objects[obj_name], obj, cpath, self.ctx)
        more = [v for v in (*vers, *extra) if v is not None]
        if more:
            if section == "skills":
                more = [{"Verification": v} for v in more]
            native["verifications"] = more
        return native

    def _award_item(self, award: Award) -> Award:
        """A certification shows the award's name and description, or its achievement's."""
        ach = self.achievements.get(award.achievement_id or "")
        if ach is not None and (award.name is None or award.description is None):
            award = award.model_copy(
                update={
                    "name": award.name or ach.name,
                    "description": award.description or ach.description,
                }
            )
        if award.credential is None:
            return award
        kept = {k: v for k, v in award.extensions.items() if k == FORMAT}
        return Award(**{f: getattr(award, f) for f in AWARD_ITEM_FIELDS}, extensions=kept)

    def _skill_item(self, skill: Skill) -> Skill:
        """A skill lifted from an award's alignment or competency travels in the award's
        credential; the résumé shows its name and scheme reference. A skill's id that is
        its scheme reference is not lost either."""
        update: dict[str, Any] = {}
        if skill.derived_from:
            update.update(id=None, alignments=[], code=None)
        elif skill.id and skill.id == skill.url:
            update["id"] = None
        return skill.model_copy(update=update) if update else skill

    def verification(
        self, v: Verification, obj: Any, obj_name: str, cpath: str, section: str
    ) -> dict[str, Any] | None:
        if v.kind == "organization" and v.organization is not None:
            org = write_object(
                self.mapping.objects["Organization"], v.organization, cpath, self.ctx
            )
            return {"verifyingOrganization": org}
        if v.kind == "reference" and v.reference:
            out = {"reference": v.reference}
            if v.scheme:
                out["scheme"] = v.scheme
            return out
        if v.credential is None:
            return None
        payload = v.credential.payload
        wrapped = v.wrapped
        if v.credential_format == "provisional":
            payload = self._provisional(payload, obj, obj_name, cpath, section)
            if not wrapped and not _fits_provisional_branch(payload, section):
                wrapped = True
                self.report.add(
                    "value-coerced",
                    "the provisional credential does not fit the schema's provisional branch "
                    "for this section; written under otherW3CVerifiableCredential",
                    canonical_path=cpath,
                    target_format=FORMAT,
                )
        return {"otherW3CVerifiableCredential": payload} if wrapped else payload

    def _provisional(self, cred: Any, obj: Any, obj_name: str, cpath: str, section: str) -> Any:
        """A provisional per-section VC holds the item itself: it is rebuilt around the
        item as lerbridge writes it, with the context URL the 4.5 schema names. When that
        changes the credential, its proof no longer holds and is dropped (reported)."""
        key = self.mapping.options["resume"].get("provisional", {}).get(section)
        subject = cred.get("credentialSubject") if isinstance(cred, dict) else None
        if not key or not isinstance(subject, dict) or not isinstance(subject.get(key), dict):
            return cred
        out = copy.deepcopy(cred)
        bare = obj.model_copy(update={"verifications": [], "verified_only": False})
        if isinstance(bare, Award):
            bare = self._award_item(bare)
        out["credentialSubject"][key] = write_object(
            self.mapping.objects[obj_name], bare, cpath, self.ctx
        )
        ctxs = out.get("@context")
        if isinstance(ctxs, list) and len(ctxs) > 1 and isinstance(ctxs[1], str):
            wanted = _provisional_context(ctxs[1], section)
            if wanted != ctxs[1]:
                self.report.add(
                    "value-coerced",
                    f"provisional credential context {ctxs[1]!r} written as {wanted!r}, the "
                    "URL the LER-RS 4.5 schema names",
                    canonical_path=cpath,
                    target_format=FORMAT,
                    value=ctxs[1],
                )
                out["@context"] = [ctxs[0], wanted, *ctxs[2:]]
        if "proof" in out and source_digest(out) != source_digest(cred):
            del out["proof"]
            self.report.add(
                "proof-invalidated",
                "the provisional credential's content changed as written; its proof is dropped",
                canonical_path=cpath,
                target_format=FORMAT,
            )
        return out

    # credentials of awards from other formats -----------------------------------------

    def award(self, award_id: str | None, section: str, award: Award | None = None) -> Any:
        award = award or self.awards.get(award_id or "")
        if award is None or award.credential is None or award.credential.original:
            return None  # no credential, or the résumé item re-embeds it as it was
        ach = self.achievements.get(award.achievement_id or "")
        sub = LearnerRecord(
            person=self.record.person, awards=[award], achievements=[ach] if ach else []
        )
        from ..ob3.writer import write as write_ob3

        cred = self._run(write_ob3, sub, f"awards[id={award.id}]")
        if cred is None:
            return None
        if award.id:
            self.embedded.add(award.id)
        return self._branch(cred, OB3_DRAFT4 if section in OB3_BRANCH else None)

    def clr(self) -> Any:
        from ..clr.writer import write as write_clr

        rec = self.record.model_copy(
            update={
                "employment": [],
                "education": [],
                "skills": [s for s in self.record.skills if s.derived_from],
                "narratives": [],
                "attachments": [],
            }
        )
        cred = self._run(write_clr, rec, "")
        return None if cred is None else self._branch(cred, CLR_DRAFT4)

    def skill_evidence(self, skill: Skill) -> list[Any]:
        """Verifications for the awards evidencing a skill that its own verifications do
        not name. A résumé's skills keep the verifications their author gave."""
        if from_resume(self.record):
            return []
        named = {v.reference for v in skill.verifications} | {
            i for v in skill.verifications for i in v.award_ids
        }
        out = []
        for award_id in skill.evidenced_by:
            if award_id in named:
                continue
            award = self.awards.get(award_id)
            shown = award_id in self.listed and award_id not in self.in_skills
            if shown or award_id in self.embedded:
                if ":" in award_id:
                    out.append({"reference": award_id})
            elif award is not None and award.credential is not None:
                cred = self.award(award_id, "skills")
                if cred is not None:
                    out.append(cred)
        return out

    def _branch(self, cred: dict[str, Any], schema: str | None) -> Any:
        from ...specs.hropen_json import is_valid_lerrs

        if schema and is_valid_lerrs(cred, schema):
            return cred
        return {"otherW3CVerifiableCredential": cred}

    def _run(self, writer: Any, rec: LearnerRecord, cpath: str) -> dict[str, Any] | None:
        sub = LossReport()
        opts = WriteOptions(keep_proofs=self.opts.keep_proofs, language=self.opts.language)
        try:
            docs = writer(rec, opts, sub)
        except LerbridgeError as exc:
            self.report.add(
                "no-target-field",
                f"the credential could not be written for embedding ({exc})",
                severity="warning",
                canonical_path=cpath or None,
                target_format=FORMAT,
            )
            return None
        finally:
            for e in sub.entries:
                where = ".".join(p for p in (cpath, e.canonical_path or "") if p) or None
                self.report.entries.append(dataclasses.replace(e, canonical_path=where))
        data: dict[str, Any] = orjson.loads(docs[0].data)
        return data


__all__ = ["Embedder", "Node"]
