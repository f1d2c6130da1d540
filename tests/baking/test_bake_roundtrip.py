"""bake -> unbake is the identity for PNG and SVG, OB 2.0 and OB 3.0, JSON and JWS; the
baked PNG still decodes to the same pixels; rebaking replaces the badge."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from baking_images import decode, itxt, make_png, make_svg, pixels, text_chunk
from lxml import etree

import lerbridge
from lerbridge.errors import ReadError, WriteError

OB2 = {
    "@context": "https://w3id.org/openbadges/v2",
    "type": "Assertion",
    "id": "https://example.org/assertions/7",
    "recipient": {"type": "email", "hashed": False, "identity": "ada@example.org"},
    "badge": "https://example.org/badges/weld",
    "verification": {"type": "hosted"},
    "issuedOn": "2024-05-01T00:00:00+00:00",
}
OB2_TEXT = json.dumps(OB2, indent=2, ensure_ascii=False)


def _jws(payload: dict) -> str:
    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return ".".join((b64(b'{"alg":"RS256"}'), b64(json.dumps(payload).encode()), b64(b"sig")))


@pytest.fixture
def ob3_text(shipped: Path) -> str:
    return (shipped / "ob3/lerbridge-welding-certificate.json").read_text(encoding="utf-8").strip()


def _docs(ob3_text: str) -> dict[str, tuple[str, str]]:
    """name -> (document text, the version it declares)."""
    return {
        "ob2-json": (OB2_TEXT, "ob2"),
        "ob2-jws": (_jws(OB2), "ob2"),
        "ob3-json": (ob3_text, "ob3"),
        "ob3-jws": (_jws({"vc": json.loads(ob3_text), "iss": "x"}), "ob3"),
    }


IMAGES = {"png": make_png, "svg": make_svg}


@pytest.mark.parametrize("image", ["png", "svg"])
@pytest.mark.parametrize("kind", ["ob2-json", "ob2-jws", "ob3-json", "ob3-jws"])
def test_bake_unbake_is_the_identity(ob3_text: str, image: str, kind: str) -> None:
    text, version = _docs(ob3_text)[kind]
    baked, report = lerbridge.bake(text, IMAGES[image]())
    assert report.codes() == []
    assert baked.media_type == {"png": "image/png", "svg": "image/svg+xml"}[image]
    found = lerbridge.unbake(baked.data)
    assert found.payload == text
    assert (found.image_type, found.marker_version, found.version) == (image, version, version)
    assert found.kind == kind.split("-")[1]
    assert found.report.codes() == []


@pytest.mark.parametrize("version", ["ob2", "ob3"])
def test_baked_png_still_decodes(ob3_text: str, version: str) -> None:
    text = OB2_TEXT if version == "ob2" else ob3_text
    original = make_png(7, 6, extra=[text_chunk("Software", "lerbridge tests")])
    baked, _ = lerbridge.bake(text, original)
    image = decode(baked.data)  # every CRC, IHDR first, IDAT inflated and unfiltered
    assert (image.width, image.height) == (7, 6)
    assert image.rows == pixels(7, 6)
    keyword = {"ob2": b"openbadges", "ob3": b"openbadgecredential"}[version]
    assert image.chunk_types == [b"IHDR", b"iTXt", b"tEXt", b"IDAT", b"IDAT", b"IEND"]
    (body,) = image.texts[keyword]
    assert body == keyword + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")  # uncompressed
    assert image.texts[b"Software"] == [b"Software\x00lerbridge tests"]


def test_rebaking_replaces_the_badge_even_across_versions(ob3_text: str) -> None:
    first, _ = lerbridge.bake(OB2_TEXT, make_png())
    second, report = lerbridge.bake(ob3_text, first.data)
    assert [(e.code, e.source_path) for e in report] == [("no-target-field", "iTXt:openbadges")]
    image = decode(second.data)
    assert list(image.texts) == [b"openbadgecredential"]
    assert lerbridge.unbake(second.data).payload == ob3_text


def test_rebaking_removes_a_legacy_text_and_duplicates() -> None:
    img = make_png(
        extra=[text_chunk("openbadges", "https://example.org/a"), itxt("openbadges", "{}")]
    )
    baked, report = lerbridge.bake(OB2_TEXT, img)
    assert [e.source_path for e in report] == ["tEXt:openbadges", "iTXt:openbadges"]
    assert decode(baked.data).texts == {
        b"openbadges": [b"openbadges\x00\x00\x00\x00\x00" + OB2_TEXT.encode()]
    }


def _badge_element(svg: bytes) -> etree._Element:
    root = etree.fromstring(svg)
    return root[0]


def test_svg_ob2_json_gets_cdata_and_hosted_verify_url() -> None:
    baked, _ = lerbridge.bake(OB2_TEXT, make_svg())
    root = etree.fromstring(baked.data)
    assert root.nsmap["openbadges"] == "http://openbadges.org"  # declared on <svg>
    el = root[0]
    assert el.tag == "{http://openbadges.org}assertion"
    assert el.get("verify") == "https://example.org/assertions/7"
    assert b"<![CDATA[" + OB2_TEXT.encode() + b"]]>" in baked.data
    assert [etree.QName(c).localname for c in root] == ["assertion", "circle", "text"]


def test_svg_ob3_json_has_no_verify_and_jws_has_no_body(ob3_text: str) -> None:
    baked, _ = lerbridge.bake(ob3_text, make_svg())
    el = _badge_element(baked.data)
    assert (el.tag, el.get("verify")) == ("{https://purl.imsglobal.org/ob/v3p0}credential", None)
    jws = _jws({"vc": json.loads(ob3_text)})
    baked, _ = lerbridge.bake(jws, make_svg())
    el = _badge_element(baked.data)
    assert (el.get("verify"), el.text, len(el)) == (jws, None, 0)


def test_svg_rebake_replaces_and_keeps_the_rest(ob3_text: str) -> None:
    doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    first, _ = lerbridge.bake(OB2_TEXT, make_svg(doctype=doctype))
    second, report = lerbridge.bake(ob3_text, first.data)
    assert [e.source_path for e in report] == ["svg:openbadges:assertion"]
    assert b"http://openbadges.org" not in second.data
    assert b"<!DOCTYPE svg PUBLIC" in second.data
    root = etree.fromstring(second.data)
    assert root.nsmap == {
        None: "http://www.w3.org/2000/svg",
        "xlink": "http://www.w3.org/1999/xlink",
        "openbadges": "https://purl.imsglobal.org/ob/v3p0",
    }
    assert [etree.QName(c).localname for c in root] == ["credential", "circle", "text"]
    assert lerbridge.unbake(second.data).payload == ob3_text


def test_cdata_terminator_inside_the_document() -> None:
    doc = dict(OB2, narrative="a]]>b")
    text = json.dumps(doc)
    baked, report = lerbridge.bake(text, make_svg())
    assert report.codes() == ["value-coerced"]
    assert b"a]]&gt;b" in baked.data
    assert lerbridge.unbake(baked.data).payload == text


def test_dict_document_and_path_image(tmp_path: Path) -> None:
    img = tmp_path / "plain.png"
    img.write_bytes(make_png())
    baked, _ = lerbridge.bake(OB2, img)
    assert baked.name == "plain.png"
    assert json.loads(lerbridge.unbake(baked.data).payload) == OB2


def test_version_needed_when_the_document_does_not_say() -> None:
    bare = _jws({"iss": "joe", "exp": 1300819380})
    with pytest.raises(WriteError) as err:
        lerbridge.bake(bare, make_png())
    assert "pass version='ob2' or 'ob3'" in err.value.message
    baked, _ = lerbridge.bake(bare, make_png(), version="ob2")
    found = lerbridge.unbake(baked.data)
    assert (found.payload, found.marker, found.version) == (bare, "iTXt:openbadges", None)


def test_version_contradicting_the_document_is_refused(ob3_text: str) -> None:
    with pytest.raises(WriteError) as err:
        lerbridge.bake(ob3_text, make_png(), version="ob2")
    assert "the document is Open Badges 3.0" in err.value.message


def test_a_bare_url_is_not_baked() -> None:
    with pytest.raises(WriteError) as err:
        lerbridge.bake("https://example.org/assertions/7", make_png(), version="ob2")
    assert "pre-specification legacy form" in err.value.message


def test_broken_image_is_a_clean_error() -> None:
    with pytest.raises(ReadError) as err:
        lerbridge.bake(OB2_TEXT, b"pfffffft whatever", image_name="x.png")
    assert (err.value.source, err.value.message) == (
        "x.png",
        "not a PNG or SVG image; cannot bake into it",
    )
    bad = make_png()[:-5]
    with pytest.raises(ReadError) as err:
        lerbridge.bake(OB2_TEXT, bad, image_name="x.png")
    assert err.value.message.startswith("truncated PNG")


def test_broken_document_is_a_clean_error() -> None:
    with pytest.raises(WriteError) as err:
        lerbridge.bake('{"a": ', make_png(), name="doc.json")
    assert err.value.source == "doc.json"
    assert err.value.message.startswith("cannot bake this document: not valid JSON")


def test_an_image_is_not_a_document() -> None:
    with pytest.raises(WriteError) as err:
        lerbridge.bake(make_png(), make_svg(), name="badge.png")
    assert err.value.message.startswith("the document to bake is itself an image")
