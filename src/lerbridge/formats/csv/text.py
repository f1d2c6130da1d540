"""CSV text in: bytes decoded as UTF-8 (with or without BOM) with a reported cp1252
fallback, the delimiter sniffed from the header line, and over-long lines refused."""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ...errors import ReadError
from ...report import LossReport

FORMAT = "csv"
MAX_LINE_CHARS = 1 << 20
"""A physical line longer than this (1 Mi characters) is refused; the csv module's own
per-field limit (131072) is left as the process has it: lerbridge never changes it."""
DELIMITERS = (",", ";", "\t")


def decode(data: bytes, report: LossReport, name: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _report_cp1252(report, name, exc.start)
        text = data.decode("cp1252", errors="replace")
    return _drop_nul(text, report)


def _drop_nul(text: str, report: LossReport) -> str:
    """NUL is no character of any record: removed, with one entry naming its first line."""
    at = text.find("\x00")
    if at < 0:
        return text
    line = text.count("\n", 0, at) + 1
    report.add(
        "value-coerced",
        f"{text.count(chr(0))} NUL byte(s) removed (the first on line {line})",
        source_path=f"line {line}",
        source_format=FORMAT,
    )
    return text.replace("\x00", "")


def drop_nul_lines(lines: Iterable[str], report: LossReport) -> Iterator[str]:
    """The streaming form of :func:`decode`'s NUL removal, line by line: one entry, added
    when the first NUL is met (a stream cannot know the total in advance)."""
    reported = False
    for n, line in enumerate(lines, 1):
        if "\x00" in line:
            if not reported:
                report.add(
                    "value-coerced",
                    f"NUL byte(s) removed (the first on line {n}; streamed, not counted)",
                    source_path=f"line {n}",
                    source_format=FORMAT,
                )
                reported = True
            line = line.replace("\x00", "")
        yield line


def _report_cp1252(report: LossReport, name: str, at: int) -> None:
    report.add(
        "value-coerced",
        f"{name} is not UTF-8 (invalid byte at offset {at}); decoded as cp1252 (Windows-1252)",
        source_path="row 1",
        source_format=FORMAT,
    )


def open_text(path: Path, report: LossReport) -> IO[str]:
    """A text stream over a file: UTF-8 (BOM dropped) when every byte decodes, else cp1252
    (reported). The check streams through the file once, in 1 MiB chunks."""
    dec = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    encoding = "utf-8-sig"
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            try:
                dec.decode(chunk)
            except UnicodeDecodeError as exc:
                _report_cp1252(report, str(path), offset + exc.start)
                encoding = "cp1252"
                break
            offset += len(chunk)
    return path.open("r", encoding=encoding, errors="replace", newline="")


def sniff(first_line: str) -> str:
    """The delimiter that splits the header into the most cells (outside quotes)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def capped(lines: Iterable[str], name: str) -> Iterator[str]:
    for n, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise ReadError(f"line {n} is longer than {MAX_LINE_CHARS} characters", source=name)
        yield line
