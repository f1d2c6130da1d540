"""Transforms for vocabularies and identifiers: term tables between two vocabularies
(``vocab``), strings that should match a pattern (``pattern``, e.g. a CTID) and single
values a source may wrap in a list (``single``). Registered in the transform registry on
import (``transforms`` imports this module)."""

from __future__ import annotations

import re
from typing import Any

from .transforms import Keep, Transform, TransformContext, _str_read, _str_write, register


def _vocab_read(v: Any, tc: TransformContext) -> str:
    s = _str_read(v, tc)
    exact: dict[str, str] = tc.params.get("exact", {})
    if s in exact:
        out = str(exact[s])
        prefix = tc.params.get("ext_prefix")
        if tc.params.get("report_ext") and prefix and out.startswith(prefix):
            tc.loss(
                "enum-approximated",
                f"{s!r} has no value in the canonical list; read as {out!r}",
                s,
                reading=True,
            )
        return out
    approx: dict[str, str] = tc.params.get("read_approx", {})
    if s in approx:
        tc.loss("enum-approximated", f"{s!r} read as {approx[s]!r}", s, reading=True)
        return str(approx[s])
    prefix = tc.params.get("ext_prefix")
    if prefix:
        out = prefix + s.rsplit(":", 1)[-1]
        tc.loss("enum-approximated", f"unknown {s!r} read as {out!r}", s, reading=True)
        return out
    raise Keep(f"{s!r} is not a known value")


def _vocab_write(v: str, tc: TransformContext) -> str:
    exact: dict[str, str] = tc.params.get("exact", {})
    inverse = {c: n for n, c in exact.items()}
    if v in inverse:
        return inverse[v]
    approx: dict[str, str] = tc.params.get("write_approx", {})
    if v in approx:
        tc.loss("enum-approximated", f"{v!r} written as {approx[v]!r}", v, reading=False)
        return str(approx[v])
    default = tc.params.get("default_write")
    if default is None:
        raise Keep(f"{v!r} has no value in the target list")
    tc.loss("enum-approximated", f"{v!r} has no match; written as {default!r}", v, reading=False)
    return str(default)


register(
    Transform(
        "vocab",
        _vocab_read,
        _vocab_write,
        doc="a term table between two vocabularies (params: exact {native: canonical} read "
        "and written silently; read_approx / write_approx, reported; ext_prefix for unknown "
        "native terms; report_ext; default_write)",
    )
)


def _pattern_check(v: str, tc: TransformContext, reading: bool) -> None:
    pattern = tc.params.get("pattern")
    if pattern and not re.fullmatch(pattern, v):
        what = tc.params.get("what", "value")
        tc.report.add(
            "source-schema-violation" if reading else "target-schema-violation",
            f"malformed {what} (does not match {pattern}); kept exactly as written",
            source_path=tc.source_path if reading else None,
            canonical_path=tc.canonical_path,
            source_format=tc.fmt if reading else None,
            target_format=None if reading else tc.fmt,
            value=v,
        )


def _pattern_read(v: Any, tc: TransformContext) -> str:
    s = _str_read(v, tc)
    _pattern_check(s, tc, True)
    return s


def _pattern_write(v: Any, tc: TransformContext) -> Any:
    s = _str_write(v, tc)
    _pattern_check(s, tc, False)
    return s


register(
    Transform(
        "pattern",
        _pattern_read,
        _pattern_write,
        doc="a string that should match params.pattern (a regex, named by params.what); a "
        "mismatch is reported, never rewritten",
    )
)


def _single_read(v: Any, tc: TransformContext) -> str:
    if isinstance(v, list):
        if len(v) != 1:
            raise Keep(f"expected one value, found a list of {len(v)}")
        v = v[0]
    return _str_read(v, tc)


register(
    Transform(
        "single",
        _single_read,
        _str_write,
        doc="one string, also when the source wraps it in a list of one (write with "
        "array: true to wrap it again); a longer list is kept as it is",
    )
)


def _first_read(v: Any, tc: TransformContext) -> list[str]:
    if isinstance(v, list):
        return [_str_read(x, tc) for x in v]
    return [_str_read(v, tc)]


def _first_write(v: Any, tc: TransformContext) -> str:
    values = [x for x in (v if isinstance(v, list) else [v]) if x not in (None, "")]
    if not values:
        raise Keep("no value")
    for extra in values[1:]:
        tc.loss("no-target-field", "the target takes one value; this one dropped", extra,
                reading=False)  # fmt: skip
    return _str_write(values[0], tc)


register(
    Transform(
        "first",
        _first_read,
        _first_write,
        whole=True,
        doc="one native string <-> a canonical list (CASE creator, language): the first "
        "value is written, the others reported",
    )
)


def _prefixed_read(v: Any, tc: TransformContext) -> str:
    s = _str_read(v, tc)
    if s != s.lower():
        tc.loss("value-coerced", "identifier lower-cased", s, reading=True)
    return str(tc.params.get("prefix", "")) + s.lower()


def _prefixed_write(v: Any, tc: TransformContext) -> str:
    s, prefix = _str_read(v, tc), str(tc.params.get("prefix", ""))
    if not s.startswith(prefix):
        raise Keep(f"{s!r} does not start with {prefix!r}")
    return s[len(prefix) :]


register(
    Transform(
        "prefixed",
        _prefixed_read,
        _prefixed_write,
        doc="an identifier read with params.prefix put before it (lower-cased: a CASE "
        "identifier becomes a CTID, 'ce-' + UUID) and written without it",
    )
)
