"""Transforms for transcript and bulk-file values (CSV profiles): person names
(``person_name``), language names (``language_name``), credit units (``credits``) and grade
scales (``grade``). Registered in the transform registry on import (``transforms`` imports
this module)."""

from __future__ import annotations

import math
from typing import Any

from ..model import UND
from ..report import LossReport
from .transforms import (
    Keep,
    Transform,
    TransformContext,
    _num_read,
    _str_read,
    one_language,
    register,
)


def _cell(v: Any, tc: TransformContext) -> str:
    if isinstance(v, str):
        return v.strip()
    return _str_read(v, tc)


def _name_read(v: Any, tc: TransformContext) -> dict[str, str]:
    """``"Last, First"`` -> family and given; any other form is kept as the formatted name."""
    s = _cell(v, tc)
    if not s:
        raise Keep("empty name")
    if s.count(",") == 1:
        family, given = (p.strip() for p in s.split(","))
        if family and given:
            return {"family": family, "given": given}
    return {"formatted": s}


def _name_write(v: Any, tc: TransformContext) -> str:
    get = v.get if isinstance(v, dict) else lambda k: getattr(v, k, None)
    family, given, formatted = get("family"), get("given"), get("formatted")
    dropped = [
        k for k in ("additional", "prefix", "suffix", "family_prefix", "patronymic") if get(k)
    ]
    if dropped:
        tc.loss(
            "no-target-field",
            f"the name cell holds family and given names only; {', '.join(dropped)} dropped",
            ", ".join(str(get(k)) for k in dropped),
            reading=False,
        )
    if family and given:
        if formatted and formatted not in (f"{given} {family}", f"{family}, {given}"):
            tc.loss("no-target-field", "formatted name dropped", formatted, reading=False)
        return f"{family}, {given}"
    if formatted:
        return str(formatted)
    return str(family or given or "")


register(
    Transform(
        "person_name",
        _name_read,
        _name_write,
        doc='"Last, First" <-> PersonName family/given; other forms kept as formatted',
    )
)

#: English names (and a few endonyms) of common languages -> BCP 47.
LANGUAGE_NAMES: dict[str, str] = {
    "arabic": "ar",
    "bengali": "bn",
    "chinese": "zh",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "finnish": "fi",
    "french": "fr",
    "français": "fr",
    "german": "de",
    "deutsch": "de",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "indonesian": "id",
    "irish": "ga",
    "italian": "it",
    "japanese": "ja",
    "korean": "ko",
    "latin": "la",
    "norwegian": "no",
    "persian": "fa",
    "polish": "pl",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "spanish": "es",
    "español": "es",
    "swahili": "sw",
    "swedish": "sv",
    "tagalog": "tl",
    "thai": "th",
    "turkish": "tr",
    "ukrainian": "uk",
    "urdu": "ur",
    "vietnamese": "vi",
    "welsh": "cy",
    "american sign language": "ase",
}
_CODE_NAMES = {code: name for name, code in reversed(LANGUAGE_NAMES.items())}


def _looks_like_tag(s: str) -> bool:
    parts = s.split("-")
    return 2 <= len(parts[0]) <= 3 and parts[0].isalpha() and all(p.isalnum() for p in parts)


def _language_read(v: Any, tc: TransformContext) -> str:
    s = _cell(v, tc)
    code = LANGUAGE_NAMES.get(s.casefold())
    if code is not None:
        if s.casefold() != code:
            tc.loss("value-coerced", f"language name {s!r} read as {code!r}", s, reading=True)
        return code
    if _looks_like_tag(s):
        return s
    raise Keep(f"not a known language name or BCP 47 tag: {s!r}")


def _language_write(v: Any, tc: TransformContext) -> str:
    if tc.params.get("write") != "name":
        return str(v)
    name = _CODE_NAMES.get(str(v).split("-")[0].lower())
    if name is None:
        return str(v)
    out = name.title() if name.isascii() else name
    if "-" in str(v):
        tc.loss("precision-lost", f"{v!r} written as the language name {out!r}", v, reading=False)
    return out


register(
    Transform(
        "language_name",
        _language_read,
        _language_write,
        doc='language names ("English") or BCP 47 tags -> BCP 47; params.write: name|code',
    )
)

#: Credit units in semester hours (Carnegie: 1 quarter hour = 2/3 semester hour).
CREDIT_UNITS: dict[str, float] = {
    "semesterhour": 1.0,
    "quarterhour": 2 / 3,
    "carnegieunit": 1.0,
    "ects": 0.5,
    "ceu": 10 / 15,
    "clockhour": 1 / 15,
}


def _unit_key(s: str) -> str:
    return "".join(ch for ch in s.casefold() if ch.isalnum())


def _finite(f: float) -> float:
    if not math.isfinite(f):
        raise ValueError
    return f


def _credits_read(v: Any, tc: TransformContext) -> int | float:
    """A number of credits, optionally followed by its unit; converted from params.unit (the
    file's unit) to params.to (the canonical unit) when they differ, reported."""
    unit = tc.params.get("unit")
    if isinstance(v, str) and not unit and "to" not in tc.params:
        try:  # the common case: a plain number
            return int(v) if v.isdigit() else _finite(float(v))
        except ValueError:
            pass
    text = _cell(v, tc) if isinstance(v, str) else v
    if isinstance(text, str):
        num, _, suffix = text.partition(" ")
        if suffix.strip():
            unit, text = suffix.strip(), num
    value = _num_read(text, TransformContext(LossReport(), tc.fmt, "", ""))
    target = tc.params.get("to", unit)
    if unit and target and _unit_key(unit) != _unit_key(target):
        a, b = CREDIT_UNITS.get(_unit_key(unit)), CREDIT_UNITS.get(_unit_key(target))
        if a is None or b is None:
            raise Keep(f"unknown credit unit {unit!r}")
        converted = round(value * a / b, 4)
        tc.loss("value-coerced", f"{value} {unit} read as {converted} {target}", v, reading=True)
        return converted
    return value


def _credits_write(v: Any, tc: TransformContext) -> int | float:
    unit, source = tc.params.get("unit"), tc.params.get("to")
    if unit and source and _unit_key(unit) != _unit_key(source):
        a, b = CREDIT_UNITS.get(_unit_key(source)), CREDIT_UNITS.get(_unit_key(unit))
        if a is not None and b is not None:
            out = round(float(v) * a / b, 4)
            tc.loss("value-coerced", f"{v} {source} written as {out} {unit}", v, reading=False)
            return out
    return v  # type: ignore[no-any-return]


register(
    Transform(
        "credits",
        _credits_read,
        _credits_write,
        doc="credits, optionally with a unit suffix; params.unit (the file's) and params.to "
        "(canonical) convert through semester hours",
    )
)


def _grade_read(v: Any, tc: TransformContext) -> list[dict[str, Any]]:
    """One grade cell -> one Result. params.scale lists the accepted grades (others are
    reported); params.status maps grades such as W or IP to a result status too."""
    s = _cell(v, tc)
    if not s:
        raise Keep("empty grade")
    scale = tc.params.get("scale")
    if scale and s not in scale and s.upper() not in scale:
        tc.loss("source-schema-violation", f"{s!r} is not on the grade scale", s, reading=True)
    out: dict[str, Any] = {"value": s}
    status = tc.params.get("status", {}).get(s.upper())
    if status:
        out["status"] = status
    if tc.params.get("description"):
        out["result_description"] = tc.params["description"]
    return [out]


def _grade_write(v: Any, tc: TransformContext) -> Any:
    results = v if isinstance(v, list) else [v]
    get = (lambda r, k: r.get(k)) if results and isinstance(results[0], dict) else getattr
    values = [get(r, "value") for r in results if get(r, "value") is not None]
    if not values:
        raise Keep("no result with a value")
    for extra in values[1:]:
        tc.loss("no-target-field", "one grade per row; this result dropped", extra, reading=False)
    return values[0]


register(
    Transform(
        "grade",
        _grade_read,
        _grade_write,
        whole=True,
        doc="a grade cell <-> the award's results (the first result with a value is written); "
        "params: scale, status, description",
    )
)


def _lines_read(v: Any, tc: TransformContext) -> dict[str, str]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise Keep("expected a list of strings")
    return {tc.params.get("language") or UND: "\n".join(v)}


def _lines_write(v: dict[str, str], tc: TransformContext) -> list[str]:
    return (one_language(v, tc) or "").split("\n")


register(
    Transform(
        "lines",
        _lines_read,
        _lines_write,
        whole=True,
        doc="a list of text lines (LER-RS descriptions) <-> text, one line per line",
    )
)
