"""Baked SVGs through the hardened XML parser: DOCTYPEs with entities, external entities,
two badge elements, wrong roots all give a clean ReadError."""

from __future__ import annotations

import pytest
from baking_images import make_svg

import lerbridge
from lerbridge.errors import ReadError

OB2 = 'xmlns:openbadges="http://openbadges.org"'
OB3 = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"'
JSON3 = '{"type": ["VerifiableCredential", "OpenBadgeCredential"], "id": "urn:uuid:3"}'


def _svg(inner: str, doctype: str = "") -> bytes:
    return make_svg(doctype=doctype, inner=inner)


def _err(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as err:
        lerbridge.unbake(data, name="bad.svg")
    assert err.value.source == "bad.svg"
    return err.value


def test_cdata_body_reads() -> None:
    found = lerbridge.unbake(
        _svg(f"<openbadges:credential {OB3}><![CDATA[{JSON3}]]></openbadges:credential>")
    )
    assert (found.payload, found.marker, found.version) == (
        JSON3,
        "svg:openbadges:credential",
        "ob3",
    )


def test_plain_text_body_reads_too() -> None:
    body = JSON3.replace('"', "&quot;")
    found = lerbridge.unbake(_svg(f"<openbadges:credential {OB3}>{body}</openbadges:credential>"))
    assert found.payload == JSON3


def test_svg11_public_doctype_is_accepted_and_not_fetched() -> None:
    doctype = (
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    )
    found = lerbridge.unbake(
        _svg(f"<openbadges:credential {OB3}><![CDATA[{JSON3}]]></openbadges:credential>", doctype)
    )
    assert found.payload == JSON3


def test_doctype_with_entities_is_refused() -> None:
    doctype = '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
    err = _err(_svg(f"<openbadges:credential {OB3}>&b;</openbadges:credential>", doctype))
    assert "DOCTYPE declares entities (a, b)" in err.message
    assert "refused" in err.message


def test_external_entity_is_refused() -> None:
    doctype = '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    err = _err(_svg(f"<openbadges:assertion {OB2}>&x;</openbadges:assertion>", doctype))
    assert "DOCTYPE declares entities (x)" in err.message


def test_undefined_entity_is_refused() -> None:
    err = _err(_svg(f"<openbadges:assertion {OB2}>&nbsp;</openbadges:assertion>"))
    assert "nbsp" in err.message


def test_two_badge_elements() -> None:
    inner = (
        f'<openbadges:assertion {OB2} verify="https://example.org/a"/>\n'
        f"<openbadges:credential {OB3}><![CDATA[{JSON3}]]></openbadges:credential>"
    )
    err = _err(_svg(inner))
    assert err.message.startswith(
        "2 Open Badges elements (openbadges:assertion, openbadges:credential)"
    )
    assert err.location == "line 4"


def test_not_well_formed() -> None:
    err = _err(b'<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential></svg>')
    assert err.message.startswith("not well-formed XML")


def test_root_must_be_svg() -> None:
    err = _err(b'<svg:html xmlns:svg="urn:not-svg"><svg:svg/></svg:html>')
    assert err.message == "not a PNG or SVG image; nothing to unbake"
    err = _err(b'<svg xmlns="urn:other"><b/></svg>')
    assert err.message == "not an SVG image: the root element is <{urn:other}svg>, not <svg>"


def test_unbaked_svg() -> None:
    err = _err(_svg(""))
    assert err.message.startswith("the SVG holds no Open Badges data")


def test_empty_element() -> None:
    err = _err(_svg(f"<openbadges:credential {OB3}></openbadges:credential>"))
    assert "has neither a body nor a verify= attribute" in err.message


def test_element_inside_the_badge_element() -> None:
    err = _err(_svg(f"<openbadges:credential {OB3}><b/></openbadges:credential>"))
    assert "unexpected <b> inside <openbadges:credential>" in err.message


def test_other_prefix_same_namespace() -> None:
    inner = f'<ob:credential xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><![CDATA[{JSON3}]]></ob:credential>'
    found = lerbridge.unbake(_svg(inner))
    assert (found.payload, found.marker) == (JSON3, "svg:ob:credential")


def test_ob3_credential_under_the_ob2_tag_is_read_and_reported() -> None:
    found = lerbridge.unbake(
        _svg(f"<openbadges:assertion {OB2}><![CDATA[{JSON3}]]></openbadges:assertion>")
    )
    assert (found.marker_version, found.version) == ("ob2", "ob3")
    (entry,) = found.report.entries
    assert entry.code == "source-schema-violation"
    assert (
        "Open Badges 3.0 document baked under the Open Badges 2.0 (or 0.5-1.1) marker"
        in entry.message
    )


def test_verify_url_not_in_the_body_is_reported() -> None:
    inner = f'<openbadges:credential {OB3} verify="https://elsewhere.example/x"><![CDATA[{JSON3}]]></openbadges:credential>'
    found = lerbridge.unbake(_svg(inner))
    assert found.payload == JSON3
    (entry,) = found.report.entries
    assert (entry.code, entry.excerpt) == ("no-target-field", "https://elsewhere.example/x")


def test_a_run_of_comments_is_sniffed_and_parsed_in_linear_time() -> None:
    """Lazy prolog items under a backtracking repetition took exponential time (30
    comments: minutes); both the image sniffer and the XML prolog check are linear."""
    import time

    from lerbridge.formats.baking import sniff
    from lerbridge.xmlsafe import parse_xml

    run = b"<!-- a --> " * 20000
    start = time.perf_counter()
    assert sniff(run + b"<html/>") is None
    assert sniff(run + b"<svg/>") == "svg"
    assert parse_xml(run + b"<html/>", "x.xml").getroot().tag == "html"
    with pytest.raises(ReadError, match="DOCTYPE declares entities"):
        parse_xml(run + b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', "x.xml")
    inner = f"<openbadges:credential {OB3}/>"
    err = _err(run + make_svg(inner=inner, decl=False))
    assert "has neither a body nor a verify= attribute" in err.message
    assert time.perf_counter() - start < 2.0
