"""PESC College Transcript v1.6.0 (``urn:org:pesc:message:CollegeTranscript:v1.6.0``):
the US registrars' XML transcript, read and written through the official XSDs."""

from __future__ import annotations

import re
from typing import Any

from ...specs import SchemaIssue
from ...specs.pesc_names import TRANSCRIPT_NS
from ..base import Format, Input

_HEAD = 4096


def _text_head(data: bytes) -> str:
    head = data[: _HEAD * 2]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def detect(inp: Input) -> float:
    """1.0 when the document declares the CollegeTranscript v1.6.0 namespace and its first
    element is ``CollegeTranscript`` (any prefix; UTF-8 or UTF-16 with a BOM)."""
    head = _text_head(inp.data).lstrip("\ufeff \t\r\n")
    if not head.startswith("<"):
        return 0.0
    body = re.sub(r"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>\[]*>", "", head, flags=re.S).lstrip()
    if re.match(r"<(?:[A-Za-z_][\w.-]*:)?CollegeTranscript[\s>/]", body) is None:
        return 0.0
    return 1.0 if TRANSCRIPT_NS in body[: body.find(">") + 1 or None] else 0.0


def validate(inp: Input) -> list[SchemaIssue]:
    from ...specs.pesc_xml import validate_transcript
    from ...xmlsafe import parse_xml

    return validate_transcript(parse_xml(inp.data, inp.name))


def _read(*args: Any, **kwargs: Any) -> Any:
    from . import reader  # lxml, xmlschema: imported when PESC is really read

    return reader.read(*args, **kwargs)


def _write(*args: Any, **kwargs: Any) -> Any:
    from . import writer

    return writer.write(*args, **kwargs)


FORMAT = Format(
    name="pesc",
    title="PESC College Transcript v1.6.0",
    aliases=("pesc-xml", "college-transcript"),
    extensions=(".xml",),
    reader=_read,
    writer=_write,
    detect=detect,
    validator=validate,
)
