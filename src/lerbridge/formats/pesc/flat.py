"""PESC nests courses, awards and GPA summaries in academic records and their sessions;
the canonical model lists awards flat. ``flatten`` lifts them into ``#courses``,
``#awards`` and ``#summaries`` lists whose items say where they sat (``#record``, the
index of their AcademicRecord; ``#session``, the index of their AcademicSession in
``#sessions``) and carry what the mapping reads from their place (``#school``; ``#term``,
the session's name or designator). The records and sessions themselves, without those
children, stay as ``#records`` and ``#sessions``. ``nest`` puts everything back; items that
never sat in a session (from another format) get one per term, whose SessionDesignator is
made from the term's dates or name (reported).

Two smaller rewrites of the person: ``Person/Contacts`` groups are split into one list per
channel (``#contacts/Email``…, each item with its group's index ``#contact``) and merged
back; several ``MiddleName`` elements are also given joined as ``#middle``."""

from __future__ import annotations

import re
from typing import Any

from ...report import LossReport

FORMAT = "pesc"
ITEMS = (("Course", "#courses"), ("AcademicAward", "#awards"), ("AcademicSummary", "#summaries"))
PLACE = ("#record", "#session")
DERIVED = ("#school", "#term", "#termStart", "#termEnd", "#kind")
#: Elements of a Course / AcademicAward about this student's attempt (the award); every
#: other child describes the course or degree itself and is moved under ``#def``.
AWARD_KEYS = {
    "Course": {
        "CourseCreditEarned",
        "CourseAcademicGrade",
        "CourseAcademicGradeStatusCode",
        "CourseQualityPointsEarned",
        "CourseRepeatCode",
        "CourseBeginDate",
        "CourseEndDate",
        "CourseGPAApplicabilityCode",
        "CourseOverrideSchool",
        "NoteMessage",
    },
    "AcademicAward": {
        "AcademicAwardDate",
        "AcademicHonors",
        "AcademicCompletionIndicator",
        "AcademicCompletionDate",
        "AcademicSummary",
        "NoteMessage",
    },
}
_SEASONS = {"fall": "09", "autumn": "09", "spring": "01", "summer": "06", "winter": "12"}


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _org_name(org: Any) -> Any:
    return org.get("OrganizationName") if isinstance(org, dict) else None


CONTACT = "#contact"


def split_contacts(person: Any) -> None:
    """``Person/Contacts`` (each a group of addresses, phones, e-mails, URLs) as one list
    per channel under ``#contacts``; each item keeps its group's index (``#contact``)."""
    if not isinstance(person, dict) or not isinstance(person.get("Contacts"), list):
        return
    channels: dict[str, list[Any]] = {}
    for g, group in enumerate(person.pop("Contacts")):
        for channel, items in group.items() if isinstance(group, dict) else ():
            for item in as_list(items):
                tagged = {**item, CONTACT: g} if isinstance(item, dict) else item
                channels.setdefault(channel, []).append(tagged)
    person["#contacts"] = channels


def merge_contacts(person: Any) -> None:
    if not isinstance(person, dict) or not isinstance(person.get("#contacts"), dict):
        return
    groups: list[dict[str, Any]] = []
    for channel, items in person.pop("#contacts").items():
        for item in as_list(items):
            g = item.pop(CONTACT, 0) if isinstance(item, dict) else 0
            g = g if isinstance(g, int) and g >= 0 else 0
            while len(groups) <= g:
                groups.append({})
            groups[g].setdefault(channel, []).append(item)
    if groups:
        person["Contacts"] = [grp for grp in groups if grp]


def join_middle_names(name: Any) -> None:
    """Several MiddleName elements also as one ``#middle`` string (the mapping reads it;
    the elements themselves are kept and written back)."""
    if isinstance(name, dict) and name.get("MiddleName"):
        parts = [str(m).strip() for m in as_list(name["MiddleName"]) if str(m).strip()]
        if parts:
            name["#middle"] = " ".join(parts)


def flatten(doc: dict[str, Any]) -> dict[str, Any]:
    student = doc.get("Student")
    if not isinstance(student, dict):
        return doc
    person = student.get("Person")
    split_contacts(person)
    if isinstance(person, dict):
        join_middle_names(person.get("Name"))
    lists: dict[str, list[Any]] = {key: [] for _, key in ITEMS}
    records: list[Any] = []
    sessions: list[Any] = []
    for i, rec in enumerate(as_list(student.pop("AcademicRecord", None))):
        if not isinstance(rec, dict):
            records.append(rec)
            continue
        rec = dict(rec)
        school = _org_name(rec.get("School"))
        place = {"#record": i, "#school": school}
        _lift(rec, place, lists)
        for sess in as_list(rec.pop("AcademicSession", None)):
            if not isinstance(sess, dict):
                continue
            sess = dict(sess)
            detail = sess.get("AcademicSessionDetail")
            detail = detail if isinstance(detail, dict) else {}
            where = {
                "#record": i,
                "#session": len(sessions),
                "#school": _org_name(sess.get("School")) or school,
                "#term": detail.get("SessionName") or detail.get("SessionDesignator"),
            }
            _lift(sess, where, lists)
            sessions.append({**sess, "#record": i})
        records.append(rec)
    doc["#records"] = records
    doc["#sessions"] = sessions
    for key, items in lists.items():
        if items:
            doc[key] = items
    return doc


def _lift(parent: dict[str, Any], place: dict[str, Any], lists: dict[str, list[Any]]) -> None:
    for name, key in ITEMS:
        for item in as_list(parent.pop(name, None)):
            if not isinstance(item, dict):
                continue
            extra = {k: v for k, v in place.items() if v is not None}
            if name == "AcademicSummary":
                kind = "Term GPA" if "#session" in place else "Cumulative GPA"
                summary = {"#name": kind, "#type": "AcademicSummary"}
                lists[key].append({**item, **extra, "#kind": summary})
                continue
            own = AWARD_KEYS[name]
            definition = {k: v for k, v in item.items() if k not in own}
            definition["#type"] = "Course" if name == "Course" else "Degree"
            if name == "Course":
                code = " ".join(
                    str(item[k]).strip()
                    for k in ("CourseSubjectAbbreviation", "CourseNumber")
                    if str(item.get(k) or "").strip()
                )
                if code:
                    definition["#code"] = code
            lists[key].append(
                {**{k: v for k, v in item.items() if k in own}, "#def": definition, **extra}
            )


def _unlift(name: str, item: dict[str, Any], where: str, report: LossReport) -> dict[str, Any]:
    """One Course or AcademicAward element again: its ``#def`` merged back, its course
    code split when the subject and number are not there, required children defaulted."""
    definition = item.pop("#def", None)
    out = {**(definition if isinstance(definition, dict) else {}), **item}
    code = out.pop("#code", None)
    out.pop("#type", None)
    if name != "Course":
        return out
    if isinstance(code, str) and code.strip() and not out.get("CourseNumber"):
        subject, _, number = code.strip().rpartition(" ")
        out["CourseNumber"] = number
        if subject and not out.get("CourseSubjectAbbreviation"):
            out["CourseSubjectAbbreviation"] = subject
    if not out.get("CourseCreditBasis"):
        out["CourseCreditBasis"] = "Regular"
        report.add(
            "value-synthesized",
            "PESC requires CourseCreditBasis; written as Regular",
            source_path=where,
            target_format=FORMAT,
            value="Regular",
        )
    return out


def nest(doc: dict[str, Any], report: LossReport) -> dict[str, Any]:
    records = [dict(r) if isinstance(r, dict) else {} for r in as_list(doc.pop("#records", None))]
    sessions = [dict(s) for s in as_list(doc.pop("#sessions", None)) if isinstance(s, dict)]
    known = len(records)
    by_term: dict[tuple[int, str], dict[str, Any]] = {}
    student = doc.setdefault("Student", {})
    for name, key in ITEMS:
        for n, item in enumerate(as_list(doc.pop(key, None))):
            if not isinstance(item, dict):
                continue
            item = _unlift(name, dict(item), f"/{key}/{n}", report)
            r, s = item.pop("#record", None), item.pop("#session", None)
            derived = {k: item.pop(k, None) for k in DERIVED}
            r = r if isinstance(r, int) and r >= 0 else 0
            while len(records) <= r:
                records.append({})
            if r >= known and not records[r].get("School") and derived["#school"]:
                records[r]["School"] = {"OrganizationName": derived["#school"]}
            if isinstance(s, int) and 0 <= s < len(sessions):
                home = sessions[s]
            elif derived["#term"] and name != "AcademicAward":
                home = by_term.get((r, derived["#term"])) or _new_session(
                    derived, item, r, f"/{key}/{n}", report
                )
                if home is not None and (r, derived["#term"]) not in by_term:
                    by_term[(r, derived["#term"])] = home
                    sessions.append(home)
                home = home if home is not None else records[r]
            else:
                home = records[r]
            home.setdefault(name, []).append(item)
    for sess in sessions:
        r = sess.pop("#record", 0)
        r = r if isinstance(r, int) and r >= 0 else 0
        while len(records) <= r:
            records.append({})
        records[r].setdefault("AcademicSession", []).append(sess)
    student["AcademicRecord"] = records or [{}]  # PESC requires one, even empty
    person = student.setdefault("Person", {})
    merge_contacts(person)
    if isinstance(person, dict) and isinstance(person.get("Name"), dict):
        person["Name"].pop("#middle", None)
    if isinstance(person, dict) and not person.get("Name"):
        person["Name"] = {"CompositeName": "Unknown"}
        report.add(
            "value-synthesized",
            "PESC requires Student/Person/Name; the record names no person, written as Unknown",
            source_path="/CollegeTranscript/Student/Person/Name",
            target_format=FORMAT,
            value="Unknown",
        )
    return doc


def _new_session(
    derived: dict[str, Any], item: dict[str, Any], r: int, where: str, report: LossReport
) -> dict[str, Any] | None:
    """A session for a term PESC has no session for: its designator (year-month) from the
    term's start, the course's begin date, or a year and season in the term's name."""
    term = str(derived["#term"])
    start = derived["#termStart"] or item.get("CourseBeginDate")
    designator = None
    if isinstance(start, str) and re.match(r"^\d{4}-\d{2}", start):
        designator = start[:7]
    else:
        year = re.search(r"\b(\d{4})\b", term)
        if year:
            season = next((m for w, m in _SEASONS.items() if w in term.lower()), "01")
            designator = f"{year.group(1)}-{season}"
    if designator is None:
        report.add(
            "no-target-field",
            f"PESC sessions need a year and month; term {term!r} gives none, so the item "
            "is written on its academic record without its term",
            source_path=where,
            target_format=FORMAT,
            value=term,
        )
        return None
    report.add(
        "value-synthesized",
        f"AcademicSession/AcademicSessionDetail/SessionDesignator made from term {term!r}",
        source_path=where,
        target_format=FORMAT,
        value=designator,
    )
    detail: dict[str, Any] = {"SessionDesignator": designator, "SessionName": term}
    if derived["#termStart"]:
        detail["SessionBeginDate"] = derived["#termStart"]
    if derived["#termEnd"]:
        detail["SessionEndDate"] = derived["#termEnd"]
    return {"AcademicSessionDetail": detail, "#record": r}
