"""How the API takes its inputs: the accepted kinds (bytes, str, a path, a dict), format
detection with a hint when a string names a file, and baked images opened to the document
inside. Shared by :mod:`lerbridge.api` and :mod:`lerbridge.api_checks`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from .errors import LerbridgeError, ReadError
from .formats import baking, registry
from .formats.base import Format, Input
from .report import LossReport
from .safejson import DEFAULT_MAX_BYTES

Source = bytes | str | os.PathLike[str] | dict[str, Any] | list[Any]


def to_input(data: Source, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Input:
    """Normalize the accepted input kinds. ``str`` is document text; a file path must be
    given as :class:`pathlib.Path` (or any ``os.PathLike``)."""
    if isinstance(data, dict | list):
        return Input(orjson.dumps(data), name or "<object>")
    if isinstance(data, bytes | bytearray | memoryview):
        return Input(bytes(data), name or "<bytes>")
    if isinstance(data, str):
        return Input(data.encode("utf-8", "surrogatepass"), name or "<string>")
    if isinstance(data, os.PathLike):
        path = Path(data)
        label = name or str(path)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise ReadError(
                    f"file is {size} bytes, over the {max_bytes}-byte limit", source=label
                )
            return Input(path.read_bytes(), label)
        except OSError as exc:
            raise ReadError(f"cannot read file: {exc.strerror}", source=label) from None
    raise TypeError(f"cannot read a {type(data).__name__}; pass bytes, str, a Path or a dict")


def _detect(inp: Input) -> Format:
    try:
        return registry.detect(inp)
    except LerbridgeError as exc:
        raise _hint_path(inp, exc) from None


def _open(inp: Input) -> tuple[Input, LossReport | None]:
    """A baked PNG/SVG becomes its payload (JSON or JWS), with the report of what the
    image carried; any other input is itself."""
    found = baking.unwrap(inp, registry.formats())
    return (inp, None) if found is None else found


def _hint_path(inp: Input, exc: LerbridgeError) -> LerbridgeError:
    """A str is content. When it names an existing file, the caller meant a path: say so."""
    text = inp.data[:4096]
    if inp.name == "<string>" and b"\n" not in text and len(text) < 1024:
        try:
            if os.path.exists(text.decode("utf-8")):
                return ReadError(
                    f"{exc.message} (this string names a file: pass pathlib.Path to read it)",
                    source=exc.source,
                    location=exc.location,
                )
        except (UnicodeDecodeError, ValueError):
            pass
    return exc
