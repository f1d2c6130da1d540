"""Named value transforms. A mapping rule names one; nothing in a mapping file is ever
evaluated as code. Each transform has a ``read`` (native -> canonical) and a ``write``
(canonical -> native) side, and reports what it changes to the loss report."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..model.base import UND, date_has_timezone, date_precision, is_flex_date, pick_text
from ..report import LossReport


class Keep(Exception):
    """Raised by ``read`` when the value cannot be understood: the engine keeps it verbatim
    as an extension and reports a ``source-schema-violation`` with this message."""


@dataclass
class TransformContext:
    report: LossReport
    fmt: str
    source_path: str
    canonical_path: str
    params: dict[str, Any] = field(default_factory=dict)
    language: str | None = None

    def loss(self, code: str, message: str, value: Any = None, *, reading: bool) -> None:
        self.report.add(
            code,
            message,
            source_path=self.source_path if reading else None,
            canonical_path=self.canonical_path,
            source_format=self.fmt if reading else None,
            target_format=None if reading else self.fmt,
            value=value,
        )


Reader = Callable[[Any, TransformContext], Any]
Writer = Callable[[Any, TransformContext], Any]


@dataclass(frozen=True)
class Transform:
    name: str
    read: Reader
    write: Writer
    invertible: bool = True
    doc: str = ""
    whole: bool = False
    """True when the transform takes a whole list (not applied item by item)."""


REGISTRY: dict[str, Transform] = {}


def register(t: Transform) -> Transform:
    REGISTRY[t.name] = t
    return t


def _same(v: Any, _: TransformContext) -> Any:
    return v


IDENTITY = register(Transform("identity", _same, _same, doc="the value as is (objects kept whole)"))


def _str_read(v: Any, tc: TransformContext) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise Keep(f"expected a string, found {type(v).__name__}")
    text = repr(v) if isinstance(v, float) else str(v)
    tc.loss("value-coerced", f"number {text} read as the string {text!r}", v, reading=True)
    return text


def _str_write(v: Any, tc: TransformContext) -> Any:
    if isinstance(v, str):
        return v
    text = str(v)
    tc.loss("value-coerced", f"{type(v).__name__} written as a string", v, reading=False)
    return text


STRING = register(Transform("string", _str_read, _str_write, doc="a string; numbers are coerced"))


def _text_read(v: Any, tc: TransformContext) -> dict[str, str]:
    if isinstance(v, str):
        lang = tc.params.get("language")
        return {lang or UND: v}
    if (
        isinstance(v, dict)
        and v
        and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())
    ):
        return dict(v)
    if isinstance(v, list) and v and all(isinstance(x, dict) and "@value" in x for x in v):
        return {str(x.get("@language", UND)): str(x["@value"]) for x in v}
    if isinstance(v, int | float) and not isinstance(v, bool):
        return {tc.params.get("language") or UND: _str_read(v, tc)}
    raise Keep(f"expected text or a language map, found {type(v).__name__}")


def one_language(v: dict[str, str], tc: TransformContext) -> str | None:
    """The text of a language map in the language the writer prefers; every other
    language that says something else is reported dropped."""
    lang, text = pick_text(v, tc.language)
    for other in sorted(v):
        if other != lang and v[other] != text:
            tc.loss(
                "language-dropped",
                f"{other!r} text dropped; the target takes one language (kept {lang!r})",
                v[other],
                reading=False,
            )
    return text


def _text_write(v: dict[str, str], tc: TransformContext) -> str | None:
    return one_language(v, tc)


register(Transform("text", _text_read, _text_write, doc="plain text <-> language map"))


def _langmap_write(v: dict[str, str], tc: TransformContext) -> Any:
    if set(v) == {UND}:
        return v[UND]
    return dict(sorted(v.items()))


register(Transform("langmap", _text_read, _langmap_write, doc="language map kept whole"))


def _date_read(v: Any, tc: TransformContext) -> str:
    if isinstance(v, str):
        s = v.strip()
        if is_flex_date(s):
            if s != v:
                tc.loss("value-coerced", "surrounding spaces removed from a date", v, reading=True)
            return s
        raise Keep(f"not an ISO 8601 date: {v!r}")
    if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**35:
        iso = datetime.fromtimestamp(v, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        tc.loss("value-coerced", f"Unix time {v} read as {iso}", v, reading=True)
        return iso
    raise Keep(f"expected an ISO 8601 date, found {type(v).__name__}")


def _date_write(v: str, tc: TransformContext) -> str:
    form = tc.params.get("form", "any")
    prec = date_precision(v)
    if form == "datetime":
        if prec in ("year", "month", "day"):
            full = v + "-01" * {"year": 2, "month": 1, "day": 0}[prec] + "T00:00:00Z"
            tc.loss(
                "value-coerced",
                f"{prec} date {v} written as the date-time {full}",
                v,
                reading=False,
            )
            return full
        if not date_has_timezone(v):
            tc.loss(
                "value-coerced", f"date-time {v} has no time zone; written as UTC", v, reading=False
            )
            return v + "Z"
        return v
    if form == "date" and prec not in ("year", "month", "day"):
        tc.loss("precision-lost", f"date-time {v} written as the date {v[:10]}", v, reading=False)
        return v[:10]
    return v


register(Transform("date", _date_read, _date_write, doc="ISO 8601 kept with its precision"))


def _num_read(v: Any, tc: TransformContext) -> int | float:
    if isinstance(v, bool):
        raise Keep("expected a number, found a boolean")
    if isinstance(v, int | float):
        if isinstance(v, float) and not math.isfinite(v):
            raise Keep("number is not finite")
        return v
    if isinstance(v, str):
        text = v.strip()
        try:
            f: int | float = int(text) if text.lstrip("+-").isdigit() else float(text)
        except ValueError:
            raise Keep(f"expected a number, found {v!r}") from None
        if isinstance(f, float) and not math.isfinite(f):
            raise Keep(f"number is not finite: {v!r}")
        tc.loss("value-coerced", f"string {v!r} read as a number", v, reading=True)
        return f
    raise Keep(f"expected a number, found {type(v).__name__}")


def _num_write(v: int | float, tc: TransformContext) -> int | float:
    if tc.params.get("integer") and float(v).is_integer() and not isinstance(v, int):
        tc.loss("value-coerced", f"{v} written as an integer", v, reading=False)
        return int(v)
    return v


register(Transform("number", _num_read, _num_write, doc="a number; numeric strings coerced"))


def _bool_read(v: Any, tc: TransformContext) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("true", "false"):
        tc.loss("value-coerced", f"string {v!r} read as a boolean", v, reading=True)
        return v.strip().lower() == "true"
    raise Keep(f"expected a boolean, found {type(v).__name__}")


register(Transform("boolean", _bool_read, _same, doc="true/false"))


def _strings_read(v: Any, tc: TransformContext) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return list(v)
    raise Keep("expected a string or a list of strings")


def _strings_write(v: Any, tc: TransformContext) -> Any:
    """Contact points (Person.emails...) are written as their values."""
    if isinstance(v, list):
        return [_value_of(x) for x in v]
    return _value_of(v)


def _value_of(x: Any) -> Any:
    if isinstance(x, dict) and "value" in x:
        return x["value"]
    return getattr(x, "value", x)


register(
    Transform(
        "strings",
        _strings_read,
        _strings_write,
        doc="string or list -> list of strings",
        whole=True,
    )
)


def _enum_read(v: Any, tc: TransformContext) -> str:
    s = _str_read(v, tc)
    older = tc.params.get("read_table", {})
    if s in older:
        tc.loss("value-coerced", f"{s!r} read as {older[s]!r}", s, reading=True)
        s = str(older[s])
    values = tc.params.get("values", [])
    prefix = tc.params.get("ext_prefix")
    if values and s not in values and not (prefix and s.startswith(prefix)):
        tc.loss(
            "source-schema-violation",
            f"{s!r} is not in the format's list of values",
            s,
            reading=True,
        )
    return s


def _enum_write(v: str, tc: TransformContext) -> str:
    values = tc.params.get("values", [])
    prefix = tc.params.get("ext_prefix")
    table = tc.params.get("table", {})
    if not values or v in values or (prefix and v.startswith(prefix)):
        return v
    if v in table:
        tc.loss("enum-approximated", f"{v!r} written as {table[v]!r}", v, reading=False)
        return str(table[v])
    if prefix:
        out = prefix + "".join(ch for ch in v if ch.isalnum() or ch in "-_.")
        tc.loss(
            "enum-approximated",
            f"{v!r} is not in the target list; written as {out!r}",
            v,
            reading=False,
        )
        return out
    default = tc.params.get("default")
    if default is None:
        raise Keep(f"{v!r} is not one of {values}")
    tc.loss("enum-approximated", f"{v!r} written as {default!r}", v, reading=False)
    return str(default)


register(
    Transform(
        "enum",
        _enum_read,
        _enum_write,
        doc="a code from a list (params: values, ext_prefix, table for writing, read_table "
        "for older spellings read)",
    )
)


def _contexts_read(v: Any, tc: TransformContext) -> list[Any]:
    from .. import specs

    items = v if isinstance(v, list) else [v]
    if not all(isinstance(x, str | dict) for x in items):
        raise Keep("@context items must be URLs or objects")
    for url in items:
        if isinstance(url, dict):
            tc.loss(
                "unknown-context",
                "inline context: lerbridge does not expand JSON-LD; the terms it defines are "
                "carried as they are",
                url,
                reading=True,
            )
        elif not specs.known_context(url):
            tc.loss(
                "unknown-context",
                "context is not bundled with lerbridge and was not fetched; terms it defines "
                "are carried as they are",
                url,
                reading=True,
            )
    return list(items)


def _contexts_write(v: list[Any], tc: TransformContext) -> list[Any]:
    required: list[str] = list(tc.params.get("required", []))
    replaced: list[str] = list(tc.params.get("replaces", []))
    for url in required:
        if url not in v and not any(r in v for r in replaced):
            tc.loss(
                "value-synthesized",
                f"context {url} added: the format requires it",
                url,
                reading=False,
            )
    out = list(required)
    for url in v:
        if url in out:
            continue
        if url in replaced:
            tc.loss("dialect-upgraded", f"context {url} replaced by {required}", url, reading=False)
            continue
        out.append(url)
    return out


register(
    Transform(
        "contexts",
        _contexts_read,
        _contexts_write,
        doc="JSON-LD @context list, offline",
        whole=True,
    )
)


# Transforms for transcript and bulk-file values (CSV profiles), and for term tables and
# identifiers (CTDL and others), live in their own modules.
from . import values as _values  # noqa: E402, F401, I001 (registered before the terms)
from . import terms as _terms  # noqa: E402, F401
from . import xmldates as _xmldates  # noqa: E402, F401
from . import elmvalues as _elmvalues  # noqa: E402, F401
