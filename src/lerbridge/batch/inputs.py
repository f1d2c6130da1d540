"""What a batch is made of: command-line arguments expanded into an ordered list of items.

A folder is recursed (hidden files and folders skipped, names sorted), a glob pattern is
expanded (``**`` recurses), a ``.jsonl`` / ``.ndjson`` file is one item per non-blank line,
``-`` is standard input. Nothing here reads more than it must: a file item is read by the
worker that converts it.
"""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError

__all__ = ["JSONL_SUFFIXES", "Item", "expand_inputs", "is_batch", "safe_name"]

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Item:
    """One document to convert.

    ``label`` names it in messages and the report (a path, ``path:line`` for a JSON Lines
    record, or ``-``); ``path`` is the file to read, or None when ``data`` holds the bytes;
    ``stem`` and ``subdir`` place its output under the output folder."""

    label: str
    path: str | None
    data: bytes | None
    stem: str
    subdir: str = ""


def is_batch(args: list[str] | tuple[str, ...]) -> bool:
    """Several arguments, or one that is a folder, a glob or a JSON Lines file."""
    if len(args) != 1:
        return True
    arg = args[0]
    if arg == "-":
        return False
    return (
        Path(arg).is_dir()
        or (_GLOB_CHARS.search(arg) is not None and not Path(arg).exists())
        or Path(arg).suffix.lower() in JSONL_SUFFIXES
    )


def _stem(path: Path) -> str:
    """The file name without its last suffix (``a.canonical.json`` -> ``a.canonical``)."""
    return safe_name(path.stem if path.suffix else path.name)


def _visible(rel: Path) -> bool:
    return not any(part.startswith(".") for part in rel.parts)


def _folder(root: Path) -> list[Item]:
    found = sorted(p for p in root.rglob("*") if p.is_file() and _visible(p.relative_to(root)))
    out = []
    for path in found:
        rel = path.relative_to(root)
        sub = "/".join(safe_name(p) for p in rel.parent.parts)
        out.extend(_file(path, sub))
    return out


def _file(path: Path, subdir: str = "") -> list[Item]:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return [Item(str(path), str(path), None, _stem(path), subdir)]
    try:
        lines = path.read_bytes().splitlines()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror}", source=str(path)) from None
    stem = _stem(path)
    width = max(4, len(str(len(lines))))
    return [
        Item(f"{path}:{n}", None, line, f"{stem}-{n:0{width}d}", subdir)
        for n, line in enumerate(lines, 1)
        if line.strip()
    ]


def expand_inputs(args: list[str] | tuple[str, ...], stdin: bytes | None = None) -> list[Item]:
    """Items in argument order; within a folder or a glob, in sorted path order. A glob
    that matches nothing, or a path that does not exist, is an item whose reading fails
    (so it is reported, and the rest of the batch goes on)."""
    items: list[Item] = []
    for arg in args:
        if arg == "-":
            items.append(Item("-", None, stdin or b"", "stdin"))
            continue
        path = Path(arg)
        if path.is_dir():
            items.extend(_folder(path))
        elif _GLOB_CHARS.search(arg) and not path.exists():
            matches = sorted(m for m in glob.glob(arg, recursive=True) if Path(m).is_file())
            if not matches:
                items.append(Item(arg, arg, None, _stem(path)))
            for match in matches:
                items.extend(_file(Path(match)))
        else:
            items.extend(_file(path))
    return items


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\\u202a-\u202e\u2066-\u2069]+")


def safe_name(name: str) -> str:
    """A file name derived from untrusted text (a record id, an input name): one path
    component, no separators, no ``..``, no leading dot, no control characters, at most
    120 characters. Never empty."""
    text = name.replace("\\", "/").rstrip("/").split("/")[-1]
    text = _UNSAFE.sub("_", text).lstrip(".").strip() or "_"
    return text[:120]
