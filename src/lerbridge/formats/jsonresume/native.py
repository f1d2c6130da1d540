"""JSON Resume syntax: what a resume.json looks like, how a lenient reader tidies one
(JSON ``null``, empty strings, legacy 0.0.x keys, "current" end dates, sections of the
wrong type), and the ``uri`` / ``email`` formats the JSON Resume tools enforce."""

from __future__ import annotations

import re
from typing import Any

from ...report import LossReport

FORMAT = "jsonresume"
SCHEMA = "jsonresume/resume"

#: Top-level sections, in the order the official sample and the writer use.
OBJECT_SECTIONS = ("basics", "meta")
LIST_SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)
ORDER = ("$schema", "basics", *LIST_SECTIONS, "meta")
_OWN_SECTIONS = (
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "interests",
    "references",
    "projects",
)

#: Where the 1.3.1 schema asks for ``format: uri`` (``*`` = every item of a list).
URI_PATHS = (
    ("$schema",),
    ("basics", "url"),
    ("basics", "profiles", "*", "url"),
    ("work", "*", "url"),
    ("volunteer", "*", "url"),
    ("education", "*", "url"),
    ("certificates", "*", "url"),
    ("publications", "*", "url"),
    ("projects", "*", "url"),
    ("meta", "canonical"),
)
EMAIL_PATHS = (("basics", "email"),)
DATE_KEYS = ("startDate", "endDate", "date", "releaseDate")
ONGOING = ("present", "current", "now", "ongoing")

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and bool(_URI.match(value))


def is_email(value: Any) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(value))


def looks_like_jsonresume(doc: Any) -> float:
    """0.9 when ``$schema`` names JSON Resume; 0.8 for an object made mostly of JSON
    Resume sections, with ``basics``, ``work`` or ``education`` among them; 0.7 for one
    made only of JSON Resume sections, one of them its own (``certificates``...). Never
    for a credential or an LER-RS résumé (``@context``, ``type``)."""
    if not isinstance(doc, dict) or "@context" in doc or "type" in doc:
        return 0.0
    schema = doc.get("$schema")
    if isinstance(schema, str) and "jsonresume" in schema.lower():
        return 0.9
    known = [k for k in doc if k in ORDER]
    if not known:
        return 0.0
    if any(k in doc for k in ("basics", "work", "education")) and (
        isinstance(doc.get("basics"), dict) or len(known) * 2 >= len(doc)
    ):
        return 0.8
    if len(known) == len(doc) and any(k in doc for k in _OWN_SECTIONS):
        return 0.7  # only JSON Resume sections, one that no other format names
    return 0.0


def uri_issues(doc: Any) -> list[tuple[str, str, Any]]:
    """(JSON pointer, problem, value) for every ``uri`` / ``email`` the document breaks."""
    out = []
    for paths, check, what in (
        (URI_PATHS, is_uri, "an absolute URI"),
        (EMAIL_PATHS, is_email, "an e-mail address"),
    ):
        for path in paths:
            for pointer, value in _walk(doc, path, ""):
                if isinstance(value, str) and not check(value):
                    out.append((pointer, f"not {what}", value))
    return out


def _walk(node: Any, path: tuple[str, ...], at: str) -> list[tuple[str, Any]]:
    if not path:
        return [(at, node)]
    head, rest = path[0], path[1:]
    if head == "*":
        items = node if isinstance(node, list) else []
        return [hit for i, v in enumerate(items) for hit in _walk(v, rest, f"{at}/{i}")]
    if isinstance(node, dict) and head in node:
        return _walk(node[head], rest, f"{at}/{_esc(head)}")
    return []


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class Tidy:
    """The lenient reading of one document: every change is reported."""

    def __init__(self, report: LossReport, legacy: dict[str, str]) -> None:
        self.report = report
        self.legacy = legacy
        self.upgraded = False

    def _add(self, code: str, message: str, at: str, value: Any = None) -> None:
        self.report.add(code, message, source_path=at or "/", source_format=FORMAT, value=value)

    def document(self, doc: Any, name: str) -> dict[str, Any]:
        if not isinstance(doc, dict):
            from ...errors import ReadError

            raise ReadError(
                f"a JSON Resume document is a JSON object, found {type(doc).__name__}",
                source=name,
                location="/",
            )
        out: dict[str, Any] = {}
        for key, value in doc.items():
            at = "/" + _esc(key)
            value = self._clean(value, at)
            if value is None:
                continue
            if value in ([], {}) and isinstance(value, list) == (key in LIST_SECTIONS):
                continue  # an empty section (of the right type) says nothing
            if key in OBJECT_SECTIONS and not isinstance(value, dict):
                self._add("source-schema-violation", f"{key} is not an object; ignored", at, value)
                continue
            if key in LIST_SECTIONS:
                value = self._items(key, value, at)
                if value is None:
                    continue
            out[key] = value
        if isinstance(out.get("basics"), dict):
            out["basics"] = self._upgrade("basics", out["basics"], "/basics")
            self._country(out["basics"])
        return out

    def _country(self, basics: dict[str, Any]) -> None:
        """``countryCode`` is ISO 3166-1 alpha-2 by the schema's word, unchecked by it:
        anything else would break LER-RS and HR-XML, so it is left out, reported."""
        loc = basics.get("location")
        code = loc.get("countryCode") if isinstance(loc, dict) else None
        if code is None or (isinstance(code, str) and _COUNTRY.match(code)):
            return
        assert isinstance(loc, dict)
        del loc["countryCode"]
        self._add(
            "source-schema-violation",
            "countryCode is not an ISO 3166-1 alpha-2 code; left out",
            "/basics/location/countryCode",
            code,
        )

    def _items(self, key: str, value: Any, at: str) -> list[Any] | None:
        if not isinstance(value, list):
            self._add("source-schema-violation", f"{key} is not a list; ignored", at, value)
            return None
        items = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self._add(
                    "source-schema-violation",
                    f"an item of {key} is not an object; ignored",
                    f"{at}/{i}",
                    item,
                )
                continue
            item = self._upgrade(key, item, f"{at}/{i}")
            if key in ("work", "volunteer", "education", "projects"):
                item = self._ongoing(item, f"{at}/{i}", mark=key != "projects")
            if set(item) <= {"#current"}:
                continue  # only an empty end date: an empty template entry
            items.append(item)
        return items

    def _clean(self, value: Any, at: str) -> Any:
        """``null`` and ``""`` say nothing: both are read as absent (reported)."""
        if value is None:
            self._add("source-schema-violation", "null read as absent", at)
            return None
        if value == "":
            self._add("value-coerced", "an empty string read as absent", at)
            return None
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if k == "endDate" and v in (None, ""):
                    out[k] = v  # an ongoing role, see _ongoing
                    continue
                v = self._clean(v, f"{at}/{_esc(k)}")
                if v is not None:
                    out[k] = v
            return out if out or not value else None  # emptied by the above: absent
        if isinstance(value, list):
            cleaned = [self._clean(v, f"{at}/{i}") for i, v in enumerate(value)]
            kept = [v for v in cleaned if v is not None]
            return kept if kept or not value else None
        return value

    def _upgrade(self, section: str, item: dict[str, Any], at: str) -> dict[str, Any]:
        renames = {
            old.split("/", 1)[1]: new.split("/", 1)[1]
            for old, new in self.legacy.items()
            if old.split("/", 1)[0] == section
        }
        if not renames.keys() & item.keys():
            return item
        out = {}
        for key, value in item.items():
            new = renames.get(key)
            if new is None:
                out.setdefault(key, value)
                continue
            where = f"{at}/{_esc(key)}"
            if new in item:
                out[key] = value  # both spellings: the current one wins; the old one is kept
                self._add(
                    "source-schema-violation", f"both {key} and {new}; {new} read", where, value
                )
                continue
            self.upgraded = True
            out[new] = value
            self._add("dialect-upgraded", f"the 0.0.x key {key} read as {new}", where, value)
        return out

    def _ongoing(self, item: dict[str, Any], at: str, mark: bool) -> dict[str, Any]:
        end = item.get("endDate", 0)
        if end is None or (
            isinstance(end, str) and (not end.strip() or end.strip().lower() in ONGOING)
        ):
            item = {k: v for k, v in item.items() if k != "endDate"}
            if mark:
                item["#current"] = True
            self._add(
                "value-coerced",
                f"endDate {end!r} read as an ongoing role (JSON Resume leaves endDate out)",
                f"{at}/endDate",
                end,
            )
        return item
