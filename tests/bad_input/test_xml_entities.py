"""B8 items 1-7: entity expansion and external entities in XML, through the hardened
parser and through a whole conversion. Each ends in a ReadError naming the file and the
line; nothing is expanded, read or fetched (the loopback listener counts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import Listener

import lerbridge
from lerbridge.errors import ReadError
from lerbridge.xmlsafe import parse_xml

RESUME_OPEN = '<Resume xmlns="http://ns.hr-xml.org/2007-04-15">'


def _refused(data: bytes, name: str = "hostile.xml") -> ReadError:
    with pytest.raises(ReadError) as info:
        parse_xml(data, name)
    assert info.value.source == name
    assert "refused" in info.value.message or "not defined" in info.value.message
    return info.value


def _convert_refused(data: bytes) -> ReadError:
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="canonical", from_="hrxml", name="resume.xml")
    assert info.value.exit_code == 3
    assert str(info.value).startswith("resume.xml:")
    return info.value


def test_b8_1_billion_laughs() -> None:
    decls = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 12)
    )
    data = f"<?xml version='1.0'?>\n<!DOCTYPE Resume [{decls}]>\n{RESUME_OPEN}&a11;</Resume>"
    err = _convert_refused(data.encode())
    assert "declares entities (a0, a1, a10" in err.message
    assert err.location == "line 2"


def test_b8_2_quadratic_blowup() -> None:
    big = "B" * 50_000
    data = f'<!DOCTYPE r [<!ENTITY big "{big}">]><r>{"&big;" * 20_000}</r>'.encode()
    err = _refused(data)
    assert "declares entities (big)" in err.message
    assert big not in str(err)


def test_b8_3_cyclic_entities() -> None:
    data = b'<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><r>&a;</r>'
    assert "declares entities (a, b)" in _refused(data).message


def test_b8_4_file_entity_reads_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("PRIVATE-CONTENT-4")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE Resume [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        f"{RESUME_OPEN}<StructuredXMLResume><ContactInfo><PersonName><FormattedName>&x;"
        "</FormattedName></PersonName></ContactInfo></StructuredXMLResume></Resume>"
    ).encode()
    err = _convert_refused(data)
    assert "PRIVATE-CONTENT-4" not in str(err)
    assert "declares entities (x)" in err.message


def test_b8_5_http_entity_and_external_dtd_make_no_connection(listener: Listener) -> None:
    entity = f'<!DOCTYPE r [<!ENTITY x SYSTEM "{listener.url("e")}">]><r>&x;</r>'
    assert "declares entities (x)" in _refused(entity.encode()).message
    # an external DTD alone is accepted and never loaded; its entities stay undefined
    dtd = f'<!DOCTYPE r SYSTEM "{listener.url("r.dtd")}"><r>&x;</r>'
    assert "not defined" in _refused(dtd.encode()).message
    plain = f'<!DOCTYPE r SYSTEM "{listener.url("r.dtd")}"><r>ok</r>'
    assert parse_xml(plain.encode(), "ok.xml").getroot().text == "ok"


def test_b8_6_parameter_entity_out_of_band(listener: Listener, tmp_path: Path) -> None:
    secret = tmp_path / "s.txt"
    secret.write_text("PRIVATE-CONTENT-6")
    data = (
        f'<!DOCTYPE r [<!ENTITY % file SYSTEM "{secret.as_uri()}">'
        f'<!ENTITY % dtd SYSTEM "{listener.url("oob.dtd")}"> %dtd; %send;]><r>&x;</r>'
    )
    err = _refused(data.encode())
    assert "declares entities (dtd, file)" in err.message
    assert "PRIVATE-CONTENT-6" not in str(err)


def test_b8_7_unused_external_entity_is_refused_by_policy(listener: Listener) -> None:
    data = f'<!DOCTYPE r [<!ENTITY unused SYSTEM "{listener.url("u")}">]><r>fine</r>'
    assert "declares entities (unused)" in _refused(data.encode()).message
