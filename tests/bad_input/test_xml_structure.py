"""B8 items 8-11: SVG doctypes, XInclude and schemaLocation, depth and text-size caps,
declared encodings. Parsed where harmless, refused cleanly where not; nothing followed."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import Listener

import lerbridge
from lerbridge.errors import ReadError
from lerbridge.xmlsafe import parse_xml

SVG_NS = "http://www.w3.org/2000/svg"
SVG11 = (
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
)


def _resume(inner: str, attrs: str = "", decl: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{decl}"?>\n'
        f'<Resume xmlns="http://ns.hr-xml.org/2007-04-15" {attrs}><StructuredXMLResume>'
        "<ContactInfo><PersonName><FormattedName>José Example</FormattedName></PersonName>"
        f"</ContactInfo>{inner}</StructuredXMLResume></Resume>"
    )


def _name(result: lerbridge.Result) -> str:
    person = result.record.person
    assert person is not None and person.name is not None
    return str(person.name.formatted)


def test_b8_8_svg_standard_doctype_parsed_entity_doctype_refused(
    welding: bytes, listener: Listener
) -> None:
    body = welding.decode()
    svg = (
        f'<?xml version="1.0"?>\n{SVG11.replace("http://www.w3.org", listener.url("w3"))}\n'
        f'<svg xmlns="{SVG_NS}" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        f"<openbadges:credential><![CDATA[{body}]]></openbadges:credential></svg>"
    )
    result = lerbridge.convert(svg.encode(), to="canonical", name="badge.svg")
    assert result.source_format == "ob3"
    assert [a.name for a in result.record.achievements] == [
        a.name for a in lerbridge.convert(welding, to="canonical").record.achievements
    ]
    hostile = svg.replace(
        SVG11.replace("http://www.w3.org", listener.url("w3")), '<!DOCTYPE svg [<!ENTITY x "y">]>'
    )
    with pytest.raises(ReadError) as info:
        lerbridge.convert(hostile.encode(), to="canonical", name="badge.svg")
    assert "declares entities (x)" in info.value.message


def test_b8_9_xinclude_and_schema_location_not_followed(listener: Listener, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-CONTENT-9")
    inner = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
        'parse="text"/>'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{listener.url("inc")}"/>'
    )
    attrs = (
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
        f'"http://ns.hr-xml.org/2007-04-15 {listener.url("Resume.xsd")}"'
    )
    result = lerbridge.convert(_resume(inner, attrs).encode(), to="lerrs", name="r.xml")
    out = b"".join(d.data for d in result.documents)
    assert b"PRIVATE-CONTENT-9" not in out
    assert _name(result) == "José Example"


def test_b8_10_deep_nesting_and_huge_text_node() -> None:
    deep = b"<r>" + b"<a>" * 300_000 + b"</a>" * 300_000 + b"</r>"
    with pytest.raises(ReadError) as info:
        parse_xml(deep, "deep.xml")
    assert info.value.source == "deep.xml" and "not well-formed" in info.value.message
    big = b"<r>" + b"a" * 11_000_000 + b"</r>"
    with pytest.raises(ReadError) as info:
        parse_xml(big, "big.xml")
    assert "too long" in info.value.message and info.value.location == "line 1 column 10004001"


def test_b8_11_declared_encodings() -> None:
    latin1 = _resume("", decl="ISO-8859-1").encode("latin-1")
    result = lerbridge.convert(latin1, to="canonical", from_="hrxml", name="latin1.xml")
    assert _name(result) == "José Example"
    utf16 = _resume("", decl="UTF-16").encode("utf-16")
    assert _name(lerbridge.convert(utf16, to="canonical", from_="hrxml")) == "José Example"
    # the declaration says UTF-16, the bytes are UTF-8 without a BOM
    with pytest.raises(ReadError) as info:
        lerbridge.convert(
            _resume("", decl="UTF-16").encode(), to="canonical", from_="hrxml", name="mismatch.xml"
        )
    assert str(info.value).startswith("mismatch.xml:line 1")
    # invalid bytes for the declared encoding
    bad = _resume("").encode().replace("José".encode(), b"Jos\xff")
    with pytest.raises(ReadError) as info:
        lerbridge.convert(bad, to="canonical", from_="hrxml", name="bytes.xml")
    assert "Invalid bytes" in info.value.message and info.value.location.startswith("line 2")
