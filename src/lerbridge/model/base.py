"""Building blocks shared by every canonical class: language maps, dates that keep
their precision, and the extension bag that carries what no canonical field holds."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MODEL_VERSION = "1.0"

#: A JSON number kept as written: an integer stays an integer (6 is not 6.0).
Number = int | float

#: Text that may exist in several languages: BCP 47 tag -> text. A plain string whose
#: language the source does not state is stored under the key ``"und"`` (undetermined).
LangMap = dict[str, str]

UND = "und"

_DATE_RE = re.compile(
    r"^(?P<year>[0-9]{4})"
    r"(?:-(?P<month>0[1-9]|1[0-2])"
    r"(?:-(?P<day>0[1-9]|[12][0-9]|3[01])"
    r"(?:[T ](?P<time>[0-2][0-9]:[0-5][0-9](?::[0-6][0-9](?:\.[0-9]+)?)?)"
    r"(?P<tz>Z|[+-][0-2][0-9]:?[0-5][0-9])?)?)?)?$"
)

Precision = Literal["year", "month", "day", "minute", "second", "fraction"]


def _check_date(value: str) -> str:
    if not _DATE_RE.match(value):
        raise ValueError(f"not an ISO 8601 date or date-time: {value!r}")
    return value


#: An ISO 8601 date kept exactly as written, so "2019", "2019-06", "2019-06-01" and a
#: full timestamp stay different. :func:`date_precision` tells which one it is.
FlexDate = Annotated[str, AfterValidator(_check_date)]


def is_flex_date(value: str) -> bool:
    return bool(_DATE_RE.match(value))


def date_precision(value: str) -> Precision:
    """The precision of an ISO 8601 value that :data:`FlexDate` accepts."""
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"not an ISO 8601 date: {value!r}")
    if m.group("time"):
        t = m.group("time")
        if "." in t:
            return "fraction"
        return "second" if t.count(":") == 2 else "minute"
    if m.group("day"):
        return "day"
    return "month" if m.group("month") else "year"


def date_has_timezone(value: str) -> bool:
    m = _DATE_RE.match(value)
    return bool(m and m.group("tz"))


def pick_text(text: LangMap | None, prefer: str | None = None) -> tuple[str | None, str | None]:
    """Choose one string from a language map: the preferred language, then "und", then
    the first language in sorted order. Returns (language, text)."""
    if not text:
        return None, None
    if prefer and prefer in text:
        return prefer, text[prefer]
    if prefer:
        low = prefer.lower()
        for key in sorted(text):
            if key.lower() == low or key.lower().split("-")[0] == low.split("-")[0]:
                return key, text[key]
    if UND in text:
        return UND, text[UND]
    key = sorted(text)[0]
    return key, text[key]


class Node(BaseModel):
    """Base of every canonical class.

    ``extensions`` holds, per source namespace (a format name such as ``"ob3"``), the
    native values no canonical field holds, keyed by their native path relative to the
    object. The writer of the same namespace puts them back; other writers report them.
    """

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, validate_default=False, defer_build=True
    )

    extensions: dict[str, dict[str, Any]] = Field(default_factory=dict)


class RawFragment(BaseModel):
    """A native fragment kept verbatim (pandoc's RawBlock): only a writer of the same
    format re-emits it, e.g. a signed endorsement whose bytes must not change."""

    model_config = ConfigDict(extra="forbid")

    format: str
    payload: Any
