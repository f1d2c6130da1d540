"""Every baked upstream fixture unbakes to exactly what was baked into it, and the OB 3.0
ones convert and validate straight from the image."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from baking_images import decode

import lerbridge
from lerbridge.errors import UnknownFormatError
from lerbridge.formats import registry

BAKED = "fixtures-upstream/openbadges/baked"

#: The assertions the concentricsky bakery's tests say its two images hold.
HEART = {
    "uid": "123",
    "issuedOn": "2015-04-01",
    "badge": "http://example.org/badge1",
    "recipient": {"identity": "test@example.com", "hashed": False},
    "verify": {"type": "hosted", "url": "http://example.org/badgeinstance1"},
}
EXAMPLE_SVG = {
    "uid": "abcdef12345",
    "identity": {
        "recipient": "sha256$cbb08ce07dd7345341b9358abb810d29eb790fed",
        "type": "email",
        "hashed": True,
    },
    "verify": {"type": "hosted", "url": "https://example.org/assertion.json"},
    "issuedOn": "2013-11-05",
    "badge": "https://example.org/badge.json",
}


def _itxt_text(png: bytes, keyword: bytes) -> str:
    """The oracle's reading of an uncompressed iTXt chunk."""
    (body,) = decode(png).texts[keyword]
    return body.split(b"\x00", 5)[5].decode("utf-8")


def _verify_attr(svg: bytes) -> str:
    (value,) = re.findall(rb'<openbadges:credential verify="([^"]+)"', svg)
    return value.decode("ascii")


def _jws_payload(jws: str) -> dict:
    part = jws.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_every_baked_fixture_is_covered(shared_dir: Path) -> None:
    names = sorted(p.name for p in (shared_dir / BAKED).iterdir())
    assert names == [
        "ob1-png-itxt-openbadges__cs-bakery-baked_heart.png",
        "ob2-svg-hosted__cs-bakery-baked_example.svg",
        "ob3-png-json__1edtech-simple-json.png",
        "ob3-svg-jwt-vc11__1edtech-simple-jwt_v1.svg",
        "ob3-svg-jwt__1edtech-simple-jwt.svg",
    ]


def test_ob1_png_heart(shared_dir: Path) -> None:
    path = shared_dir / BAKED / "ob1-png-itxt-openbadges__cs-bakery-baked_heart.png"
    found = lerbridge.unbake(path)
    assert found.payload == _itxt_text(path.read_bytes(), b"openbadges")
    assert json.loads(found.payload) == HEART
    assert (found.kind, found.image_type, found.marker) == ("json", "png", "iTXt:openbadges")
    assert (found.marker_version, found.version) == ("ob2", "ob2")
    assert found.report.codes() == []


def test_ob2_svg_hosted_with_cdata_body(shared_dir: Path) -> None:
    path = shared_dir / BAKED / "ob2-svg-hosted__cs-bakery-baked_example.svg"
    found = lerbridge.unbake(path)
    (cdata,) = re.findall(rb"<!\[CDATA\[(.*?)\]\]>", path.read_bytes(), re.S)
    assert found.payload == cdata.decode().strip()
    assert json.loads(found.payload) == EXAMPLE_SVG
    assert found.marker == "svg:openbadges:assertion"
    assert found.verify == "https://example.org/assertion.json"
    assert found.report.codes() == []  # the verify URL is the assertion's verify.url


def test_ob3_png_json(shared_dir: Path) -> None:
    path = shared_dir / BAKED / "ob3-png-json__1edtech-simple-json.png"
    found = lerbridge.unbake(path)
    assert found.payload == _itxt_text(path.read_bytes(), b"openbadgecredential")
    doc = json.loads(found.payload)
    plain = json.loads(
        (shared_dir / "fixtures-upstream/openbadges/ob3/1edtech-validator/simple.json").read_text()
    )
    # the same credential as the validator's simple.json, signed again for the image
    assert {k: v for k, v in doc.items() if k != "proof"} == {
        k: v for k, v in plain.items() if k != "proof"
    }
    assert doc["proof"][0]["proofValue"].startswith("z76jrNcyxHg5fV17h96y")
    assert (found.marker, found.version, found.other_text_chunks) == (
        "iTXt:openbadgecredential",
        "ob3",
        ("tEXt:date:create", "tEXt:date:modify"),
    )


@pytest.mark.parametrize(
    ("name", "jti", "vc11"),
    [
        ("ob3-svg-jwt__1edtech-simple-jwt.svg", "http://example.com/credentials/3527", False),
        (
            "ob3-svg-jwt-vc11__1edtech-simple-jwt_v1.svg",
            "http://example.edu/credentials/3732",
            True,
        ),
    ],
)
def test_ob3_svg_jws(shared_dir: Path, name: str, jti: str, vc11: bool) -> None:
    path = shared_dir / BAKED / name
    found = lerbridge.unbake(path)
    assert found.payload == _verify_attr(path.read_bytes())
    assert found.payload.count(".") == 2
    assert (found.kind, found.marker) == ("jws", "svg:openbadges:credential@verify")
    claims = _jws_payload(found.payload)
    assert claims["jti"] == jti
    assert ("vc" in claims) is vc11
    assert found.version == "ob3"


@pytest.mark.parametrize(
    "name",
    [
        "ob3-png-json__1edtech-simple-json.png",
        "ob3-svg-jwt-vc11__1edtech-simple-jwt_v1.svg",
        "ob3-svg-jwt__1edtech-simple-jwt.svg",
    ],
)
def test_ob3_images_convert_and_validate(shared_dir: Path, name: str) -> None:
    path = shared_dir / BAKED / name
    result = lerbridge.convert(path, to="ob3")
    assert result.source_format == "ob3"
    out = json.loads(result.documents[0].data)
    assert "OpenBadgeCredential" in out["type"]
    dropped = result.report.entries[0]
    assert (dropped.code, dropped.severity) == ("no-target-field", "warning")
    assert "image the document was baked into" in dropped.message
    assert lerbridge.validate(path) == []
    assert lerbridge.detect(path) == "ob3"


@pytest.mark.parametrize(
    "name",
    [
        "ob1-png-itxt-openbadges__cs-bakery-baked_heart.png",
        "ob2-svg-hosted__cs-bakery-baked_example.svg",
    ],
)
def test_ob2_payload_without_ob2_format_names_it(
    shared_dir: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = {k: v for k, v in registry.formats().items() if k != "ob2"}
    monkeypatch.setattr(registry, "_formats", table)
    for call in (lerbridge.read, lerbridge.validate, lambda p: lerbridge.convert(p, to="ob3")):
        with pytest.raises(UnknownFormatError) as err:
            call(shared_dir / BAKED / name)
        assert "'ob2' format" in err.value.message
        assert err.value.source == str(shared_dir / BAKED / name)
