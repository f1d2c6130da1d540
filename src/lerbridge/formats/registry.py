"""The format registry: built-in formats and those other packages add through the
``lerbridge.formats`` entry-point group. Formats load lazily, once."""

from __future__ import annotations

import threading
from dataclasses import replace
from importlib.metadata import entry_points

from ..errors import FormatDetectionError, UnknownFormatError
from .base import Format, Input

ENTRY_POINT_GROUP = "lerbridge.formats"
_BUILTIN = {
    "ob3": "lerbridge.formats.ob3:FORMAT",
    "ob2": "lerbridge.formats.ob2:FORMAT",
    "clr": "lerbridge.formats.clr:FORMAT",
    "canonical": "lerbridge.formats.canonical:FORMAT",
    "case": "lerbridge.formats.case:FORMAT",
    "csv": "lerbridge.formats.csv:FORMAT",
    "ctdl": "lerbridge.formats.ctdl:FORMAT",
    "hrxml": "lerbridge.formats.hrxml:FORMAT",
    "jsonresume": "lerbridge.formats.jsonresume:FORMAT",
    "lerrs": "lerbridge.formats.lerrs:FORMAT",
    "pesc": "lerbridge.formats.pesc:FORMAT",
    "elm": "lerbridge.formats.elm:FORMAT",
}

_lock = threading.Lock()
_formats: dict[str, Format] | None = None


def _load(spec: str) -> Format:
    module, _, attr = spec.partition(":")
    mod = __import__(module, fromlist=[attr])
    fmt = getattr(mod, attr)
    if not isinstance(fmt, Format):
        raise TypeError(f"{spec} is not a lerbridge Format")
    return fmt


def _discover() -> dict[str, Format]:
    found: dict[str, Format] = {}
    for name, spec in _BUILTIN.items():
        found[name] = _load(spec)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in found and ep.value == _BUILTIN.get(ep.name):
            continue
        if ep.name in found:
            continue  # a plug-in may not replace a built-in format
        fmt = ep.load()
        if isinstance(fmt, Format):
            dist = ep.dist.name if ep.dist is not None else "unknown"
            found[fmt.name] = replace(fmt, package=dist)
    return dict(sorted(found.items()))


def formats() -> dict[str, Format]:
    global _formats
    if _formats is None:
        with _lock:
            if _formats is None:
                _formats = _discover()
    return _formats


def get(name: str) -> Format:
    key = name.lower()
    table = formats()
    if key in table:
        return table[key]
    for fmt in table.values():
        if key in fmt.aliases:
            return fmt
    raise UnknownFormatError(f"unknown format {name!r}; known: {', '.join(sorted(table))}")


def detect(inp: Input) -> Format:
    """The one format that recognizes the input. Ambiguity is an error naming the candidates."""
    scores = []
    for fmt in formats().values():
        if fmt.detect is None or fmt.reader is None:
            continue
        score = fmt.detect(inp)
        if score > 0:
            scores.append((score, fmt.name, fmt))
    if not scores:
        head = inp.data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head[:1] in (b"{", b"[") or inp.data.startswith((b"\xff\xfe", b"\xfe\xff")):
            inp.json()  # JSON that does not parse: say why, not just "unknown format"
        from .explain import explain

        raise FormatDetectionError(
            "cannot tell the format of this input; pass --from (known: "
            f"{', '.join(n for n, f in formats().items() if f.can_read)}). "
            f"{explain(inp, formats()).short()} (lerbridge formats --explain FILE says more)",
            source=inp.name,
        )
    scores.sort(key=lambda t: (-t[0], t[1]))
    best = [t for t in scores if t[0] == scores[0][0]]
    if len(best) > 1:
        raise FormatDetectionError(
            "the input fits several formats equally: "
            + ", ".join(t[1] for t in best)
            + "; pass --from to choose",
            source=inp.name,
        )
    return best[0][2]
