"""What an EDC must hold (the EDC SHACL shapes' minimum counts) and a record from another
format may lack: an issuer, dates, a credential profile, display parameters, an awarding
body per claim, the issuer's eIDAS identifier, an organisation's location. Each value made
here is reported as synthesized; none is invented where the record has one."""

from __future__ import annotations

import copy
from typing import Any

from ...mapping.engine import mint_id
from ...model import Award, Envelope, LearnerRecord, Person, PersonName, Recipient, pick_text
from ...report import LossReport
from . import nodes

FORMAT = "elm"
LANGUAGE = "http://publications.europa.eu/resource/authority/language"
SPEC = "LearningAchievementSpecification"
#: ISO 639-1 -> the EU language authority code (the writer reads it backwards too)
EU_LANGUAGE = {
    "en": "ENG", "de": "DEU", "fr": "FRA", "es": "SPA", "it": "ITA", "nl": "NLD",
    "pt": "POR", "sv": "SWE", "fi": "FIN", "da": "DAN", "pl": "POL", "cs": "CES",
    "sk": "SLK", "sl": "SLV", "hu": "HUN", "ro": "RON", "bg": "BUL", "hr": "HRV",
    "el": "ELL", "et": "EST", "lv": "LAV", "lt": "LIT", "mt": "MLT", "ga": "GLE",
}  # fmt: skip
GENERIC_PROFILE = {
    "id": "http://data.europa.eu/snb/credential/e34929035b",
    "type": "Concept",
    "inScheme": {"id": "http://data.europa.eu/snb/credential/25831c2", "type": "ConceptScheme"},
    "prefLabel": {"en": "Generic"},
}
SHACL_SCHEMA = {
    "id": "http://data.europa.eu/snb/model/ap/edc-generic-full",
    "type": "ShaclValidator2017",
}
PNG = {
    "id": "http://publications.europa.eu/resource/authority/file-type/PNG",
    "type": "Concept",
    "inScheme": {
        "id": "http://publications.europa.eu/resource/authority/file-type",
        "type": "ConceptScheme",
    },
    "notation": "file-type",
    "prefLabel": {"en": "PNG"},
}
BASE64 = {
    "id": "http://data.europa.eu/snb/encoding/6146cde7dd",
    "type": "Concept",
    "inScheme": {"id": "http://data.europa.eu/snb/encoding/25831c2", "type": "ConceptScheme"},
    "prefLabel": {"en": "base64"},
}
#: A blank 1x1 PNG: the page image ELM requires when the record has no rendering.
BLANK_PAGE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
    "PchI7wAAAABJRU5ErkJggg=="
)


def _add(report: LossReport, message: str, path: str, value: Any = None) -> None:
    report.add("value-synthesized", message, canonical_path=path, target_format=FORMAT, value=value)


def prepare(record: LearnerRecord, report: LossReport) -> LearnerRecord:
    """The record with an issuer, dates and a name for the EDC, from its awards."""
    first = record.awards[0]
    update: dict[str, Any] = {}
    if record.publisher is None:
        issuer = next((a.issuer for a in record.awards if a.issuer is not None), None)
        if issuer is not None:
            update["publisher"] = issuer
            _add(
                report, "the EDC issuer taken from the first award's issuer", "publisher", issuer.id
            )
    if record.person is None and first.recipient is not None:
        rec = first.recipient
        name = PersonName(formatted=pick_text(rec.name)[1]) if rec.name else None
        update["person"] = Person(id=rec.id, identifiers=rec.identifiers, name=name)
        _add(report, "the EDC's subject (Person) taken from the first award's recipient", "person")
    env = record.envelope or Envelope()
    fill: dict[str, Any] = {}
    if not env.valid_from and not env.awarded_date:
        date = first.valid_from or first.awarded_date
        if date:
            fill["valid_from"] = date
            _add(
                report,
                "the EDC's validFrom and issued taken from the first award",
                "envelope.valid_from",
                date,
            )
    if not env.name:
        fill["name"] = first.name or {"und": "European Digital Credential"}
        _add(report, "the EDC display title taken from the first award's name", "envelope.name")
    if fill:
        update["envelope"] = env.model_copy(update=fill)
    out = record.model_copy(update=update) if update else record
    awards = [_award(a, i, out, report) for i, a in enumerate(out.awards)]
    return out.model_copy(update={"awards": _parts(awards, out)})


_CHILD_OF = {"isChildOf", "isPartOf"}


def _parts(awards: list[Award], record: LearnerRecord) -> list[Award]:
    """A record from another format (a CLR transcript) says which achievement is part of
    which by associations: each parent claim names its parts' claims (hasPart)."""
    if any("hasPart" in a.extensions.get(FORMAT, {}) for a in awards):
        return awards
    claims: dict[str, list[str]] = {}
    for a in awards:
        if a.achievement_id and a.id:
            claims.setdefault(a.achievement_id, []).append(a.id)
    parts: dict[str, list[str]] = {}
    for link in record.associations:
        parent, child = link.source_id, link.target_id
        if link.type in _CHILD_OF:
            parent, child = child, parent
        elif link.type != "isParentOf":
            continue
        for pid in claims.get(parent, []):
            for cid in claims.get(child, []):
                if cid != pid and cid not in parts.setdefault(pid, []):
                    parts[pid].append(cid)
    out = []
    for a in awards:
        if a.id in parts:
            ext = {**a.extensions.get(FORMAT, {}), "hasPart": [{"id": c} for c in parts[a.id]]}
            a = a.model_copy(update={"extensions": {**a.extensions, FORMAT: ext}})
        out.append(a)
    return out


def _award(award: Award, i: int, record: LearnerRecord, report: LossReport) -> Award:
    """An EDC has one issuer and one validity for all its claims: an award issued by
    another profile keeps it as its awarding body; other dates are reported."""
    env = record.envelope or Envelope()
    path = f"awards[{i}]"
    ach = record.achievement(award.achievement_id)
    if not award.name and ach is not None and ach.name:
        award = award.model_copy(update={"name": ach.name})
        _add(report, "the claim's title taken from its achievement's name", f"{path}.name")
    if award.issuer is not None and award.source is None and award.issuer != record.publisher:
        award = award.model_copy(update={"source": award.issuer})
        _add(report, "the award's issuer written as its awarding body", f"{path}.issuer")
    rec, person = award.recipient, record.person
    if rec is not None and person is not None and _other_person(rec, person):
        report.add(
            "no-target-field",
            "the award's recipient differs from the EDC's subject; an EDC has one",
            canonical_path=f"{path}.recipient",
            target_format=FORMAT,
            value=rec.id,
        )
    for name in ("valid_from", "valid_until"):
        mine, theirs = getattr(award, name), getattr(env, name)
        if name == "valid_from" and not theirs:
            theirs = env.awarded_date
        if mine and mine != theirs:
            report.add(
                "no-target-field",
                f"the award's {name} ({mine}) differs from the EDC's; an EDC has one for "
                "all claims",
                canonical_path=f"{path}.{name}",
                target_format=FORMAT,
                value=mine,
            )
    return award


def language_concept(lang: str) -> dict[str, Any]:
    code = EU_LANGUAGE.get(lang.split("-")[0].lower(), "MUL" if lang == "und" else lang.upper())
    return {
        "id": f"{LANGUAGE}/{code}",
        "type": "Concept",
        "inScheme": {"id": LANGUAGE, "type": "ConceptScheme"},
        "notation": "language",
    }


def complete(
    doc: dict[str, Any], record: LearnerRecord, lang: str, report: LossReport
) -> dict[str, Any]:
    """The written EDC with the envelope values ELM requires filled in and reported."""
    if "credentialProfiles" not in doc:
        doc["credentialProfiles"] = copy.deepcopy(GENERIC_PROFILE)
        _add(report, "credentialProfiles set to Generic", "envelope", GENERIC_PROFILE["id"])
    if "credentialSchema" not in doc:
        doc["credentialSchema"] = dict(SHACL_SCHEMA)
        _add(
            report, "credentialSchema set to the EDC generic shapes", "envelope", SHACL_SCHEMA["id"]
        )
    _display(doc, lang, report)
    issuer = doc.get("issuer")
    if isinstance(issuer, dict):
        _organisation(issuer, "publisher", report, issuer=True)
    subject = doc.get("credentialSubject")
    if isinstance(subject, dict):
        subject.setdefault("type", "Person")
        for i, claim in enumerate(_many(subject.get("hasClaim"))):
            _claim(claim, doc.get("issuer"), f"awards[{i}]", lang, report)
    foreign = record.provenance is None or record.provenance.format != FORMAT
    nodes.typed(doc, "", mint=foreign)
    nodes.spatial(doc, "", report)
    return doc


def _many(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [] if v is None else [v]


def _display(doc: dict[str, Any], lang: str, report: LossReport) -> None:
    dp = doc.setdefault("displayParameter", {})
    dp.setdefault("type", "DisplayParameter")
    made = []
    if "language" not in dp:
        dp["language"] = [language_concept(lang)]
        made.append("language")
    if "primaryLanguage" not in dp:
        dp["primaryLanguage"] = language_concept(lang)
        made.append("primaryLanguage")
    if "individualDisplay" not in dp:
        dp["individualDisplay"] = [
            {
                "type": "IndividualDisplay",
                "language": language_concept(lang),
                "displayDetail": [
                    {
                        "type": "DisplayDetail",
                        "page": 1,
                        "image": {
                            "type": "MediaObject",
                            "content": BLANK_PAGE,
                            "contentEncoding": copy.deepcopy(BASE64),
                            "contentType": copy.deepcopy(PNG),
                        },
                    }
                ],
            }
        ]
        made.append("individualDisplay (a blank page image)")
    if made:
        _add(
            report,
            f"displayParameter {', '.join(made)} synthesized (ELM requires them)",
            "envelope",
        )


def _organisation(org: dict[str, Any], path: str, report: LossReport, issuer: bool = False) -> None:
    org.setdefault("type", "Organisation")
    if "legalName" not in org:
        org["legalName"] = {"und": org.get("id", "unknown organisation")}
        _add(report, "organisation legalName taken from its id (ELM requires one)", path)
    oid = str(org.get("id", ""))
    if "location" not in org:
        org["location"] = {
            "id": mint_id("elm:location", {"org": oid}),
            "type": "Location",
            "address": {
                "id": mint_id("elm:address", {"org": oid}),
                "type": "Address",
                "countryCode": nodes.country(),
            },
        }
        _add(
            report,
            "organisation location synthesized as 'country unknown' (ELM requires one)",
            path,
        )
    if issuer and "eIDASIdentifier" not in org:
        org["eIDASIdentifier"] = {
            "id": mint_id("elm:eidas", {"org": oid}),
            "type": "LegalIdentifier",
            "notation": str(org.get("id", "unknown")),
            "spatial": nodes.country(),
        }
        _add(
            report,
            "the issuer's eIDASIdentifier (ELM requires one) written from its id: supply the "
            "real legal identifier before issuing",
            path,
            org.get("id"),
        )


def _claim(claim: Any, issuer: Any, path: str, lang: str, report: LossReport) -> None:
    if not isinstance(claim, dict):
        return
    claim.setdefault("type", "LearningAchievement")
    by = claim.setdefault("awardedBy", {})
    by.setdefault("type", "AwardingProcess")
    if "awardingBody" not in by:
        by["awardingBody"] = issuer if isinstance(issuer, dict) else {"id": issuer}
        _add(report, "awardingBody taken from the EDC issuer (ELM requires one)", path)
    for body in _many(by.get("awardingBody")):
        if isinstance(body, dict):
            _organisation(body, f"{path}.issuer", report)
    spec = claim.get("specifiedBy")
    if isinstance(spec, dict):
        qualification = any(k in spec for k in ("qualificationCode", "eqfLevel", "nqfLevel"))
        spec.setdefault("type", "Qualification" if qualification else SPEC)
        _credit(spec, f"{path}.achievement", report)
    _credit(claim, path, report, "creditReceived")
    for j, test in enumerate(_many(claim.get("provenBy"))):
        if not isinstance(test, dict):
            continue
        test.setdefault("type", "LearningAssessment")
        if "title" not in test:
            test["title"] = claim.get("title") or {lang: "Assessment"}
            _add(
                report,
                "assessment title taken from the claim's (ELM requires one)",
                f"{path}.results[{j}]",
            )
        test.setdefault("awardedBy", by)
        tspec = test.get("specifiedBy")
        if isinstance(tspec, dict) and "title" not in tspec:
            tspec["title"] = test["title"]
            _add(report, "assessment specification title taken from the assessment's", path)
        scheme = (tspec if isinstance(tspec, dict) else {}).get("gradingScheme")
        if isinstance(scheme, dict) and "title" not in scheme:
            scheme["title"] = {lang: "Grading scheme"}
            _add(
                report,
                "grading scheme title synthesized (ELM requires one)",
                f"{path}.results[{j}]",
            )
    for j, part in enumerate(_many(claim.get("hasPart"))):
        _claim(part, issuer, f"{path}.parts[{j}]", lang, report)


def _other_person(rec: Recipient, person: Person) -> bool:
    if rec.id and person.id:
        return rec.id != person.id
    return bool(rec.identifiers) and rec.identifiers != person.identifiers


def _credit(node: dict[str, Any], path: str, report: LossReport, key: str = "creditPoint") -> None:
    """ELM credit points name their credit system; points from a source that does not say
    which (OB 3.0, CLR) are dropped and reported rather than assumed to be ECTS."""
    points = node.get(key)
    if isinstance(points, dict) and "framework" not in points:
        del node[key]
        report.add(
            "no-target-field",
            f"{points.get('point')} credits dropped: ELM requires the credit system (ECTS...), "
            "and the source does not say which",
            canonical_path=path,
            target_format=FORMAT,
            value=points.get("point"),
        )
