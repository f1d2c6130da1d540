"""Transforms for European Learning Model values: language maps that stay maps on write
(``elm_langmap``), one string carried as a language map (``elm_string``) and credit points
written as strings (``elm_point``). Registered in the transform registry on import."""

from __future__ import annotations

from typing import Any

from ..model.base import UND, date_precision
from .transforms import (
    Keep,
    Transform,
    TransformContext,
    _date_read,
    _str_read,
    _text_read,
    one_language,
    register,
)


def _language(tc: TransformContext) -> str:
    return tc.language or str(tc.params.get("language") or UND)


def _langmap_write(v: dict[str, str], tc: TransformContext) -> dict[str, str]:
    if UND in v and tc.language and tc.language not in v:
        tc.loss(
            "value-coerced",
            f"text of unstated language written as {tc.language!r}",
            v[UND],
            reading=False,
        )
        v = {**{k: x for k, x in v.items() if k != UND}, tc.language: v[UND]}
    return dict(v)


register(
    Transform(
        "elm_langmap",
        _text_read,
        _langmap_write,
        doc="ELM language map kept whole; always written as a map (text of unstated language "
        "under the writer's language, reported)",
    )
)


def _string_read(v: Any, tc: TransformContext) -> str:
    text = _text_read(v, tc)
    values = list(dict.fromkeys(text.values()))
    if len(values) == 1:
        return values[0]
    lang = tc.language
    key = lang if lang in text else sorted(text)[0]
    for other in sorted(text):
        if other != key and text[other] != text[key]:
            tc.loss(
                "language-dropped",
                f"{other!r} text dropped; the canonical field holds one string (kept {key!r})",
                text[other],
                reading=True,
            )
    return text[key]


def _string_write(v: Any, tc: TransformContext) -> dict[str, str]:
    if isinstance(v, dict):
        return {_language(tc): one_language(v, tc) or ""}
    return {_language(tc): str(v)}


register(
    Transform(
        "elm_string",
        _string_read,
        _string_write,
        doc="a one-string canonical field <-> an ELM language map (written in the writer's "
        "language)",
    )
)


def _point_read(v: Any, tc: TransformContext) -> int | float:
    if isinstance(v, bool) or not isinstance(v, str | int | float):
        raise Keep(f"expected a number as a string, found {type(v).__name__}")
    text = str(v).strip().replace(",", ".")
    try:
        num = float(text)
    except ValueError:
        raise Keep(f"{v!r} is not a number") from None
    if "," in str(v):
        tc.loss("value-coerced", f"decimal comma in {v!r} read as {text}", v, reading=True)
    return int(num) if "." not in text and num.is_integer() else num


def _point_write(v: int | float, tc: TransformContext) -> str:
    return str(v) if isinstance(v, int) else f"{v:.2f}" if round(v, 2) == v else repr(v)


register(
    Transform(
        "elm_point",
        _point_read,
        _point_write,
        doc="ELM credit points: a string ('6.00', '7,5') <-> a number (fractions written "
        "with two decimals)",
    )
)


def _date_write(v: str, tc: TransformContext) -> str:
    """xsd:dateTime, as ELM types its dates: a date-time is kept as written (with or
    without a time zone); a year, month or day gets the time 00:00:00 (reported)."""
    prec = date_precision(v)
    if prec not in ("year", "month", "day"):
        return v
    full = v + "-01" * {"year": 2, "month": 1, "day": 0}[prec] + "T00:00:00"
    tc.loss("value-coerced", f"{prec} date {v} written as the date-time {full}", v, reading=False)
    return full


register(
    Transform(
        "elm_date",
        _date_read,
        _date_write,
        doc="an ELM xsd:dateTime; dates of lesser precision written at 00:00:00 (reported)",
    )
)


def _term_read(v: Any, tc: TransformContext) -> str:
    s = _str_read(v, tc)
    return str(tc.params.get("exact", {}).get(s, s))


def _term_write(v: str, tc: TransformContext) -> str:
    inverse = {c: n for n, c in tc.params.get("exact", {}).items()}
    if v in inverse:
        return str(inverse[v])
    approx = tc.params.get("write_approx", {})
    if v in approx:
        tc.loss("enum-approximated", f"{v!r} written as {approx[v]!r}", v, reading=False)
        return str(approx[v])
    if "://" in v:
        return v
    raise Keep(f"{v!r} has no concept in the ELM vocabulary")


register(
    Transform(
        "elm_term",
        _term_read,
        _term_write,
        doc="an ELM controlled-vocabulary concept IRI <-> a canonical term (params: exact "
        "{iri: term}, write_approx {term: iri}); an IRI the table lacks is kept as the IRI",
    )
)
