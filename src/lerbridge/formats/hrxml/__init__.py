"""HR-XML 2.5 Resume (namespace ``http://ns.hr-xml.org/2007-04-15``): the legacy HR Open
XML résumé, read and written through the bundled Resume.xsd."""

from __future__ import annotations

import re
from typing import Any

from ...specs import SchemaIssue
from ..base import Format, Input

_HEAD = 4096
_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>\[]*>", re.S)
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(Resume|[A-Za-z_][\w.-]*)[\s>/]")
_CARRIED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Resume[\s>/]")


def detect(inp: Input) -> float:
    """1.0 when the first element is ``Resume`` in the HR-XML namespace (comments,
    processing instructions and a DOCTYPE before it are skipped); 0.9 for another root of
    the HR-XML namespace (a ``Candidate``...) that carries a Resume."""
    head = inp.data[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return 0.0
    body = _NOISE.sub(b"", head).lstrip()
    m = _ROOT.match(body)
    if m is None:
        return 0.0
    end = body.find(b">", m.end() - 1)
    tag = body[: end if end >= 0 else len(body)]
    prefix = m.group(1)
    attr = b"xmlns:" + prefix if prefix else b"xmlns"
    ns = re.search(re.escape(attr) + rb"""\s*=\s*["']([^"']*)["']""", tag)
    from ...specs.hropen_xml import HRXML_NS  # lxml: only once an XML root is seen

    if ns is None or ns.group(1) != HRXML_NS.encode():
        return 0.0
    if m.group(2) == b"Resume":
        return 1.0
    return 0.9 if _CARRIED.search(inp.data) else 0.0


def validate(inp: Input) -> list[SchemaIssue]:
    from ...specs.hropen_xml import validate_resume
    from ...xmlsafe import parse_xml

    return validate_resume(parse_xml(inp.data, inp.name))


def _read(*args: Any, **kwargs: Any) -> Any:
    from . import reader  # lxml, xmlschema: imported when HR-XML is really read

    return reader.read(*args, **kwargs)


def _write(*args: Any, **kwargs: Any) -> Any:
    from . import writer

    return writer.write(*args, **kwargs)


FORMAT = Format(
    name="hrxml",
    title="HR-XML 2.5 Resume",
    aliases=("hr-xml",),
    extensions=(".xml",),
    reader=_read,
    writer=_write,
    detect=detect,
    validator=validate,
)
