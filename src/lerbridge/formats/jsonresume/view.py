"""The record as JSON Resume can hold it: one contact of each kind, one address, plain
positions and degrees, awards named. What does not fit is reported here; the mapping's
coverage check reports the fields no rule writes."""

from __future__ import annotations

from typing import Any

from ...model import (
    Award,
    ContactPoint,
    Degree,
    EducationAttendance,
    Employment,
    LearnerRecord,
    Person,
    PersonName,
    Position,
)
from ...model.base import Node
from ...report import LossReport
from .native import FORMAT, is_uri


def reduce(record: LearnerRecord, report: LossReport) -> LearnerRecord:
    r = _Reducer(report)
    return record.model_copy(
        update={
            "person": r.person(record.person) if record.person else None,
            "employment": [r.employment(e, i) for i, e in enumerate(record.employment)],
            "education": [r.education(e, i) for i, e in enumerate(record.education)],
            "awards": [r.award(a, record, i) for i, a in enumerate(record.awards)],
            "achievements": r.unawarded(record),
        }
    )


class _Reducer:
    def __init__(self, report: LossReport) -> None:
        self.report = report

    def lost(
        self, message: str, path: str, value: Any = None, code: str = "no-target-field"
    ) -> None:
        shown = value if isinstance(value, str | int | float) else None
        self.report.add(code, message, canonical_path=path, target_format=FORMAT, value=shown)

    def person(self, p: Person) -> Person:
        update: dict[str, Any] = {}
        for field in ("emails", "phones", "urls"):
            items: list[ContactPoint] = getattr(p, field)
            for j, extra in enumerate(items[1:], 1):
                self.lost(
                    f"JSON Resume holds one of person.{field}", f"person.{field}[{j}]", extra.value
                )
            if items:
                update[field] = [self._plain(items[0], f"person.{field}[0]")]
        for j, extra in enumerate(p.addresses[1:], 1):
            self.lost("JSON Resume holds one address", f"person.addresses[{j}]", extra.formatted)
        if p.addresses:
            a = p.addresses[0]
            street = "\n".join(x for x in (a.street, *a.lines) if x) or None
            update["addresses"] = [a.model_copy(update={"street": street, "lines": []})]
        if p.name is not None and not p.name.formatted:
            parts = [p.name.prefix, p.name.given, p.name.additional, p.name.family, p.name.suffix]
            formatted = " ".join(x for x in parts if x)
            if formatted:
                self.lost(
                    "basics.name made from the name's parts",
                    "person.name.formatted",
                    formatted,
                    "value-synthesized",
                )
                update["name"] = p.name.model_copy(update={"formatted": formatted})
        if p.name is not None:
            name = update.get("name", p.name)
            for part in (
                "given",
                "family",
                "additional",
                "prefix",
                "suffix",
                "family_prefix",
                "patronymic",
                "preferred",
            ):
                if getattr(name, part):
                    self.lost(
                        f"JSON Resume has one name string; the name's {part} is not kept apart",
                        f"person.name.{part}",
                        getattr(name, part),
                    )
            update["name"] = PersonName(formatted=name.formatted)
        return p.model_copy(update=update)

    def _plain(self, c: ContactPoint, path: str) -> ContactPoint:
        for field in ("label", "use", "preference"):
            if getattr(c, field) is not None:
                self.lost(
                    f"JSON Resume has no place for a contact's {field}",
                    f"{path}.{field}",
                    getattr(c, field),
                )
        for ns, items in c.extensions.items():
            for key, value in items.items() if ns != FORMAT else ():
                self.lost(f"{ns} extension {key!r} has no place in {FORMAT}", path, value)
        own = {FORMAT: c.extensions[FORMAT]} if FORMAT in c.extensions else {}
        return ContactPoint(value=c.value, extensions=own)

    def employment(self, e: Employment, i: int) -> Employment:
        positions = e.positions or [Position()]
        out = []
        for j, pos in enumerate(positions):
            update: dict[str, Any] = {}
            for field in ("start", "end"):
                if getattr(pos, field) is None and getattr(e, field) is not None:
                    update[field] = getattr(e, field)
            if pos.current is None and e.current is not None:
                update["current"] = e.current
            if j == 0 and e.descriptions:
                update["descriptions"] = [*e.descriptions, *pos.descriptions]
            if pos.relationship == "Volunteer":
                ext = dict(pos.extensions)
                ext[FORMAT] = {**ext.get(FORMAT, {}), "#volunteer": True}
                update.update(relationship=None, extensions=ext)
            if pos.location is not None and not pos.location.formatted:
                a = pos.location
                line = ", ".join(
                    x
                    for x in (
                        a.street,
                        *a.lines,
                        a.locality,
                        a.region,
                        a.postal_code,
                        a.country_code or a.country,
                    )
                    if x
                )
                update["location"] = a.model_copy(  # the parts are in the one line
                    update={
                        "formatted": line or None,
                        "street": None,
                        "lines": [],
                        "locality": None,
                        "region": None,
                        "postal_code": None,
                        "country_code": None,
                        "country": None,
                    }
                )
            if pos.end and update.get("current", pos.current):
                self.lost(
                    "an ongoing position has an end date; JSON Resume says ongoing by "
                    "leaving endDate out, and the end date is kept",
                    f"employment[{i}].positions[{j}].current",
                )
            update["current"] = None  # said by the absence of endDate
            out.append(pos.model_copy(update=update))
        self._verifications(e, f"employment[{i}]")
        return e.model_copy(
            update={
                "positions": out,
                "start": None,
                "end": None,
                "current": None,
                "descriptions": [],
                "verifications": [],
            }
        )

    def _verifications(self, item: Node, path: str) -> None:
        for k, v in enumerate(getattr(item, "verifications", [])):
            what = v.credential_format or v.kind
            link = v.reference or (v.organization.url if v.organization else None)
            self.lost(
                f"JSON Resume cannot hold a verification ({what})",
                f"{path}.verifications[{k}]",
                link,
            )

    def education(self, e: EducationAttendance, i: int) -> EducationAttendance:
        degrees = []
        for j, d in enumerate(e.degrees):
            path = f"education[{i}].degrees[{j}]"
            update: dict[str, Any] = {}
            majors = [s for s in d.specializations if s.type in (None, "major")]
            for k, s in enumerate(d.specializations):
                if s is not (majors[0] if majors else None):
                    self.lost(
                        "JSON Resume holds one area of study",
                        f"{path}.specializations[{k}]",
                        (s.name or {}).get("und") if s.name else None,
                    )
            update["specializations"] = (
                [majors[0].model_copy(update={"type": "major"})] if majors else []
            )
            if d.scores:
                update["scores"] = [self._score(d, path)]
            degrees.append(d.model_copy(update=update))
        self._verifications(e, f"education[{i}]")
        return e.model_copy(update={"degrees": degrees, "verifications": []})

    def _score(self, d: Degree, path: str) -> Any:
        s = d.scores[0]
        for k in range(1, len(d.scores)):
            self.lost("JSON Resume holds one score", f"{path}.scores[{k}]", str(d.scores[k].value))
        text = str(s.value)
        if s.maximum is not None:
            text = f"{text}/{s.maximum}"
        if s.code:
            text = f"{text} {s.code}"
        if text != s.value or s.numeric or s.minimum is not None or s.interval is not None:
            self.lost(
                "the score written as one free text (value/maximum code)",
                f"{path}.scores[0]",
                text,
                "value-coerced",
            )
        return s.model_copy(
            update={
                "value": text,
                "numeric": False,
                "code": None,
                "minimum": None,
                "maximum": None,
                "interval": None,
            }
        )

    def award(self, a: Award, record: LearnerRecord, i: int) -> Award:
        path = f"awards[{i}]"
        ach = record.achievement(a.achievement_id)
        update: dict[str, Any] = {"verifications": [], "credential": None}
        if ach is not None:
            if a.name is None and ach.name:
                update["name"] = ach.name
            if a.description is None and ach.description:
                update["description"] = ach.description
        if a.credential is not None:
            kind = _kind(a.credential.original.payload if a.credential.original else None)
            keep = a.id if a.id else None
            self.lost(
                f"an embedded verifiable credential ({kind}) cannot live in JSON Resume"
                + ("; its id is kept as the entry's url where the section has one" if keep else ""),
                f"{path}.credential",
                keep,
            )
        refs = [v.reference for v in a.verifications if v.reference and is_uri(v.reference)]
        if a.id is None and refs:
            update["id"] = refs[0]
            self.lost(
                "the verification's reference is kept as the entry's url where the section has one",
                f"{path}.verifications[0]",
                refs[0],
                "value-coerced",
            )
        self._verifications(a, path)
        return a.model_copy(update=update)

    def unawarded(self, record: LearnerRecord) -> list[Any]:
        awarded = {a.achievement_id for a in record.awards}
        for ach in record.achievements:
            if ach.id not in awarded:
                self.lost(
                    "an achievement without an award has no place in a résumé",
                    f"achievements[id={ach.id}]",
                    ach.id,
                )
        return [a for a in record.achievements if a.id in awarded]


def _kind(payload: Any) -> str:
    """What an embedded credential is, for the report: OB 3.0, CLR 2.0 or another VC."""
    if isinstance(payload, dict) and "otherW3CVerifiableCredential" in payload:
        payload = payload["otherW3CVerifiableCredential"]
    types = payload.get("type") if isinstance(payload, dict) else None
    types = types if isinstance(types, list) else [types]
    if "ClrCredential" in types:
        return "CLR 2.0"
    if {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        return "OB 3.0"
    return "verifiable credential"
