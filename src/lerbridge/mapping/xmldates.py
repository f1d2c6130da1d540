"""Transforms for HR-XML 2.5 values: flexible dates (``hrxml_date``: the ``AnyDate`` /
``YearMonth`` / ``Year`` / ``StringDate`` choice), one-element text lists
(``hrxml_text1``), a text element read as a list of lines (``hrxml_lines``) and a résumé
text section read as a named narrative (``hrxml_narrative``). Registered in the transform
registry on import (``transforms`` imports this module)."""

from __future__ import annotations

import re
from typing import Any

from ..model.base import UND, date_precision, is_flex_date
from .transforms import Keep, Transform, TransformContext, _str_read, one_language, register

#: The FlexibleDatesType choice elements whose text is an ISO 8601 date.
_ISO_CHOICES = ("AnyDate", "YearMonth", "Year", "StringDate")


def _date_read(v: Any, tc: TransformContext) -> str:
    if not isinstance(v, dict) or len(v) != 1:
        raise Keep("expected one of AnyDate, YearMonth, Year, MonthDay, StringDate")
    ((kind, text),) = v.items()
    if kind not in _ISO_CHOICES or not isinstance(text, str):
        raise Keep(f"a {kind} date has no ISO 8601 form")
    s = text.strip()
    if not is_flex_date(s):
        raise Keep(f"not an ISO 8601 date: {text!r}")
    if s != text:
        tc.loss("value-coerced", "surrounding spaces removed from a date", text, reading=True)
    if kind == "StringDate":
        tc.loss("value-coerced", f"StringDate {s!r} read as an ISO date", s, reading=True)
    return s


def _date_write(v: Any, tc: TransformContext) -> dict[str, str]:
    if not isinstance(v, str) or not is_flex_date(v):
        raise Keep(f"not an ISO 8601 date: {v!r}")
    prec = date_precision(v)
    if prec == "year":
        return {"Year": v}
    if prec == "month":
        return {"YearMonth": v}
    if len(v) > 19 and "T" in v:
        tc.loss(
            "precision-lost",
            f"{v!r} written as {v[:19]!r}: HR-XML AnyDate takes no fraction or time zone",
            v,
            reading=False,
        )
        return {"AnyDate": v[:19]}
    return {"AnyDate": v}


register(
    Transform(
        "hrxml_date",
        _date_read,
        _date_write,
        doc="HR-XML FlexibleDatesType <-> ISO 8601 date with its precision (Year, YearMonth, "
        "AnyDate); non-ISO StringDate and MonthDay are kept as they are",
    )
)


def _text1_read(v: Any, tc: TransformContext) -> dict[str, str]:
    if isinstance(v, list):
        if len(v) != 1:
            raise Keep(f"expected one value, found a list of {len(v)}")
        v = v[0]
    return {tc.params.get("language") or UND: _str_read(v, tc)}


def _text1_write(v: Any, tc: TransformContext) -> list[str]:
    return [one_language(v, tc) or ""]


register(
    Transform(
        "hrxml_text1",
        _text1_read,
        _text1_write,
        doc="a list of one string (an element that may repeat) <-> a language map",
    )
)


def _lines_read(v: Any, tc: TransformContext) -> list[str]:
    return [_str_read(v, tc)]


def _lines_write(v: Any, tc: TransformContext) -> str:
    items = [str(x) for x in (v if isinstance(v, list) else [v])]
    if len(items) > 1:
        tc.loss(
            "value-coerced",
            f"{len(items)} descriptions joined into the one element the format has",
            None,
            reading=False,
        )
    return "\n".join(items)


register(
    Transform(
        "hrxml_lines",
        _lines_read,
        _lines_write,
        doc="one text element <-> a list of texts (joined by newlines when written)",
        whole=True,
    )
)


def _narrative_read(v: Any, tc: TransformContext) -> list[dict[str, Any]]:
    text = _str_read(v, tc)
    return [{"name": tc.params["name"], "sections": [{"lines": [text]}]}]


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _narrative_write(v: Any, tc: TransformContext) -> str | None:
    name = tc.params["name"]
    known = set(tc.params.get("report_others", []))
    found: str | None = None
    for item in v if isinstance(v, list) else [v]:
        iname = _get(item, "name")
        if iname == name and found is None:
            lines = [ln for s in _get(item, "sections") or [] for ln in _get(s, "lines") or []]
            found = "\n".join(lines)
        elif iname == name or (known and iname not in known):
            tc.loss(
                "no-target-field",
                f"narrative {iname!r} has no place in the format",
                iname,
                reading=False,
            )
    return found


register(
    Transform(
        "hrxml_narrative",
        _narrative_read,
        _narrative_write,
        doc="a résumé text element <-> the narrative named params.name (one section of one "
        "line); params.report_others: the names the format holds, others are reported",
        whole=True,
    )
)


def _single_read(v: Any, tc: TransformContext) -> str:
    if isinstance(v, list):
        if len(v) != 1:
            raise Keep(f"expected one value, found a list of {len(v)}")
        v = v[0]
    if isinstance(v, dict) and set(v) == {"$"}:
        v = v["$"]
    if v == "" and tc.params.get("nonempty"):
        raise Keep("empty element")
    return _str_read(v, tc)


def _single_write(v: Any, tc: TransformContext) -> Any:
    return v if isinstance(v, str) else str(v)


register(
    Transform(
        "hrxml_single",
        _single_read,
        _single_write,
        doc="one string from an element that may repeat and may carry attributes (a list of "
        "one, text under $ without attributes); write with array: true",
    )
)


_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _decimal_read(v: Any, tc: TransformContext) -> int | float:
    """An ``xs:decimal`` element's text is a number by its type: read without a coercion."""
    if isinstance(v, bool):
        raise Keep("expected a decimal, found a boolean")
    if isinstance(v, int | float):
        return v
    text = str(v).strip()
    if not _DECIMAL.match(text):
        raise Keep(f"expected an xs:decimal, found {v!r}")
    return int(text) if "." not in text else float(text)


def _decimal_write(v: Any, tc: TransformContext) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


register(
    Transform(
        "xsd_decimal",
        _decimal_read,
        _decimal_write,
        doc="an xs:decimal element <-> a number (its text is a number by the schema's type)",
    )
)
