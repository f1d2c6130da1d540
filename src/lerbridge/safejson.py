"""Hardened JSON input: a size cap, a depth cap, no NaN/Infinity, duplicate keys reported,
BOMs accepted, lone surrogates refused. Never a RecursionError."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import orjson

from .errors import ReadError
from .report import LossReport

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_DEPTH = 200
DEFAULT_MAX_STRING = 4 * 1024 * 1024


@dataclass(frozen=True)
class JsonLimits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_string: int = DEFAULT_MAX_STRING


class _Dup:
    """object_pairs_hook that remembers duplicate keys (the last value wins, as in JSON.parse)."""

    def __init__(self) -> None:
        self.dups: list[str] = []

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                self.dups.append(k)
            out[k] = v
        return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_int(text: str) -> int:
    """Integers must fit 64 bits (what JSON tools interoperate on); checked before the
    conversion, so a 5,000-digit number costs nothing."""
    digits = text.lstrip("-")
    if len(digits) > 20 or not -(2**63) <= (value := int(text)) < 2**64:
        raise ValueError(
            f"integer {text[:24]}{'…' if len(text) > 24 else ''} is outside the 64-bit range"
        )
    return value


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16/32 with a BOM."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"invalid UTF-16: {exc.reason}", source=source) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not UTF-8 text: {exc.reason} at byte {exc.start}", source=source
        ) from None


def loads(
    data: bytes | str,
    source: str,
    report: LossReport | None = None,
    limits: JsonLimits | None = None,
    fmt: str | None = None,
) -> Any:
    limits = limits or JsonLimits()
    size = len(data)
    if size > limits.max_bytes:
        raise ReadError(
            f"input is {size} bytes, over the {limits.max_bytes}-byte limit (raise max_bytes "
            "to accept it)",
            source=source,
        )
    text = decode_text(data, source) if isinstance(data, bytes) else data.lstrip("\ufeff")
    hook = _Dup()
    try:
        value = _fast(text)
        if value is _NOT_FAST:
            value = json.loads(
                text, object_pairs_hook=hook, parse_constant=_reject_constant, parse_int=_parse_int
            )
    except RecursionError:
        raise ReadError(
            f"JSON nested deeper than the {limits.max_depth}-level limit", source=source
        ) from None
    except json.JSONDecodeError as exc:
        raise ReadError(
            f"not valid JSON: {exc.msg}",
            source=source,
            location=f"line {exc.lineno} column {exc.colno}",
        ) from None
    except ValueError as exc:
        raise ReadError(f"not valid JSON: {exc}", source=source) from None
    surrogates = ("\\u" in text or "\\U" in text) and _SURROGATE_ESCAPE.search(text) is not None
    if surrogates or text.count("{") + text.count("[") > limits.max_depth:
        _check(value, limits.max_depth, source, surrogates)  # else no path can be too deep
    if len(text) > limits.max_string:
        _long_strings(value, limits.max_string, source)
    if hook.dups and report is not None:
        for key in hook.dups:
            report.add(
                "duplicate-key",
                f"key {key!r} appears more than once in an object; the last value was used",
                source_format=fmt,
                value=key,
            )
    return value


_NOT_FAST: Any = object()
#: An integer literal outside the 64-bit range has at least 19 digits (orjson would give a
#: float where the exact parse refuses it): digits become "0", anything else a space, and
#: a run of 19 zeros is looked for (much faster than a regular expression search).
_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_LONG_RUN = b"0" * 19


def _long_digits(text: str) -> bool:
    return _LONG_RUN in text.encode("utf-8", "surrogatepass").translate(_DIGITS_ONLY)


def _fast(text: str) -> Any:
    """orjson's parse, when it is provably the exact parse's result; ``_NOT_FAST``
    otherwise (then the exact, duplicate-key-reporting parse runs and words any error).

    orjson keeps one member per duplicate key without saying so. Every member of the text
    has one ``:`` outside strings, and compact JSON written back holds one per member
    kept plus the ``:`` inside strings: with no ``\\u003a`` escape in the text (a colon
    written as an escape), equal counts mean no member was dropped."""
    if "\\u003" in text or _long_digits(text):
        return _NOT_FAST
    try:
        value = orjson.loads(text)
        written = orjson.dumps(value)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return _NOT_FAST
    return value if written.count(b":") == text.count(":") else _NOT_FAST


#: Decoded UTF-8 or UTF-16 cannot hold a lone surrogate; only a \\uD8xx-\\uDFxx escape can.
_SURROGATE_ESCAPE = re.compile(r"\\[uU][dD][89a-fA-F]")


def _check(root: Any, max_depth: int, source: str, strings: bool = True) -> None:
    """Depth cap and (when the text has surrogate escapes) lone-surrogate check,
    iteratively."""
    stack: list[tuple[Any, int, str]] = [(root, 1, "")]
    while stack:
        node, depth, path = stack.pop()
        if depth > max_depth:
            raise ReadError(
                f"JSON nested deeper than the {max_depth}-level limit",
                source=source,
                location=path or "/",
            )
        if isinstance(node, dict):
            for k, v in node.items():
                if strings:
                    _surrogates(k, f"{path}/{k}", source)
                if isinstance(v, dict | list):
                    stack.append((v, depth + 1, f"{path}/{k}"))
                elif strings and isinstance(v, str):
                    _surrogates(v, f"{path}/{k}", source)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, dict | list):
                    stack.append((v, depth + 1, f"{path}/{i}"))
                elif strings and isinstance(v, str):
                    _surrogates(v, f"{path}/{i}", source)


def _long_strings(root: Any, limit: int, source: str) -> None:
    """Refuse any key or string value longer than ``limit`` characters (iteratively)."""
    stack: list[tuple[Any, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for k, v in pairs:
            where = f"{path}/{k}"
            if isinstance(k, str) and len(k) > limit:
                where = f"{path}/{k[:20]}…"
            if (isinstance(k, str) and len(k) > limit) or (isinstance(v, str) and len(v) > limit):
                raise ReadError(
                    f"string over the {limit}-character limit (raise max_string to accept it)",
                    source=source,
                    location=where.encode("utf-8", "backslashreplace").decode("utf-8"),
                )
            if isinstance(v, dict | list):
                stack.append((v, where))


def _surrogates(s: str, path: str, source: str) -> None:
    if s.isascii():
        return
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        raise ReadError(
            "string holds a lone UTF-16 surrogate, which no output can carry",
            source=source,
            location=path.encode("utf-8", "backslashreplace").decode("utf-8"),
        ) from None
