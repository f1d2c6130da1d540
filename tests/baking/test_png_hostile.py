"""The PNG chunk reader against broken and hostile images: each gives a clean ReadError
naming the file, the byte offset and the problem."""

from __future__ import annotations

import struct
import zlib

import pytest
from baking_images import SIG, chunk, itxt, make_png, text_chunk

import lerbridge
from lerbridge.errors import ReadError
from lerbridge.formats.baking import png

DOC = '{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "urn:uuid:1"}'


def _err(data: bytes, source: str = "bad.png", **kw: int) -> ReadError:
    with pytest.raises(ReadError) as err:
        lerbridge.unbake(data, name="bad.png", **kw)
    assert err.value.source == source
    return err.value


def test_well_formed_badge_reads() -> None:
    found = lerbridge.unbake(make_png(extra=[itxt("openbadges", DOC)]))
    assert (found.payload, found.marker, found.report.codes()) == (DOC, "iTXt:openbadges", [])


def test_corrupted_crc() -> None:
    good = make_png(extra=[itxt("openbadges", DOC)])
    at = good.index(b"iTXt")
    (length,) = struct.unpack(">I", good[at - 4 : at])
    crc_at = at + 4 + length
    bad = good[:crc_at] + bytes([good[crc_at] ^ 0xFF]) + good[crc_at + 1 :]
    err = _err(bad)
    assert err.message == "corrupted PNG: CRC mismatch in the iTXt chunk"
    assert err.location == f"byte {at - 4}"


def test_flipped_data_byte_fails_the_crc() -> None:
    good = make_png(extra=[itxt("openbadges", DOC)])
    at = good.index(b"Assertion")
    bad = good[:at] + b"B" + good[at + 1 :]
    assert "CRC mismatch in the iTXt chunk" in _err(bad).message


def test_truncated_chunk() -> None:
    good = make_png(extra=[itxt("openbadges", DOC)])
    cut = good[: good.index(b"iTXt") + 20]
    err = _err(cut)
    assert err.message.startswith("truncated PNG: the iTXt chunk declares")


def test_truncated_before_iend() -> None:
    good = make_png(extra=[itxt("openbadges", DOC)])
    err = _err(good[:-12])
    assert err.message == "truncated PNG: the file ends before the IEND chunk"


def test_chunk_length_over_the_png_limit() -> None:
    ihdr = make_png()[8:33]
    bad = SIG + ihdr + struct.pack(">I", 2**31) + b"iTXt" + b"x" * 16
    err = _err(bad)
    assert "oversized iTXt chunk: length 2147483648 exceeds the PNG limit" in err.message


def test_badge_text_over_the_cap() -> None:
    data = make_png(extra=[itxt("openbadges", '{"a": "' + "x" * 5000 + '"}')])
    err = _err(data, max_text=1000)
    assert "over the 1000-byte limit for badge text" in err.message


def test_zip_bomb_itxt_is_refused() -> None:
    bomb = '{"a": "' + "A" * (20 * 1024 * 1024) + '"}'  # 20 MiB inflating from ~20 KiB
    data = make_png(extra=[itxt("openbadges", bomb, compressed=True)])
    assert len(data) < 100_000
    err = _err(data)
    assert "inflates beyond the 16777216-byte limit" in err.message
    assert "decompression bomb" in err.message


def test_compressed_itxt_within_the_cap_is_read_and_reported() -> None:
    found = lerbridge.unbake(make_png(extra=[itxt("openbadges", DOC, compressed=True)]))
    assert found.payload == DOC
    (entry,) = found.report.entries
    assert (entry.code, entry.severity) == ("source-schema-violation", "info")
    assert "compressed" in entry.message


def test_invalid_zlib_in_itxt() -> None:
    head = b"openbadges\x00\x01\x00\x00\x00"
    err = _err(make_png(extra=[chunk(b"iTXt", head + b"not zlib at all")]))
    assert "is not valid zlib data" in err.message


def test_truncated_zlib_in_itxt() -> None:
    head = b"openbadges\x00\x01\x00\x00\x00"
    err = _err(make_png(extra=[chunk(b"iTXt", head + zlib.compress(DOC.encode())[:-6])]))
    assert "truncated zlib data" in err.message


@pytest.mark.parametrize(
    "chunks",
    [
        [itxt("openbadges", DOC), itxt("openbadges", DOC)],
        [itxt("openbadgecredential", DOC), itxt("openbadges", DOC)],
        [text_chunk("openbadges", "https://example.org/a"), itxt("openbadges", DOC)],
    ],
)
def test_duplicate_badge_chunk(chunks: list[bytes]) -> None:
    err = _err(make_png(extra=chunks))
    assert err.message.startswith("2 Open Badges chunks (")
    assert "the baking specification allows one" in err.message


def test_not_a_png() -> None:
    err = _err(b"Totally not a png")
    assert err.message == "not a PNG or SVG image; nothing to unbake"


def test_first_chunk_must_be_ihdr() -> None:
    bad = SIG + chunk(b"tEXt", b"a\x00b") + make_png()[8:]
    assert _err(bad).message == "malformed PNG: the first chunk must be a 13-byte IHDR"


def test_chunk_type_must_be_letters() -> None:
    good = make_png()
    at = good.index(b"IDAT")
    bad = good[:at] + b"ID\x00T" + good[at + 4 :]
    assert "is not four ASCII letters" in _err(bad).message


def test_chunk_count_is_capped() -> None:
    many = [text_chunk("Comment", "x")] * 50
    with pytest.raises(ReadError) as err:
        png.read_chunks(make_png(extra=many), "many.png", max_chunks=40)
    assert "more than 40 chunks" in err.value.message


def test_unbaked_png() -> None:
    err = _err(make_png(extra=[text_chunk("Software", "a painter")]))
    assert err.message.startswith("the PNG holds no Open Badges data")


def test_itxt_text_not_utf8() -> None:
    err = _err(make_png(extra=[itxt("openbadges", b'{"a": "\xff"}')]))
    assert "text is not UTF-8" in err.message


def test_legacy_text_url_is_reported_not_fetched() -> None:
    found = lerbridge.unbake(make_png(extra=[text_chunk("openbadges", "https://example.org/a/1")]))
    assert (found.kind, found.payload, found.marker) == (
        "url",
        "https://example.org/a/1",
        "tEXt:openbadges",
    )
    assert found.report.codes() == ["source-schema-violation", "unresolved-reference"]
    assert found.report.entries[1].excerpt == "https://example.org/a/1"


def test_legacy_url_image_cannot_be_read_as_a_record() -> None:
    data = make_png(extra=[text_chunk("openbadges", "https://example.org/a/1")])
    with pytest.raises(ReadError) as err:
        lerbridge.read(data, name="legacy.png")
    assert "only the URL of a hosted assertion (https://example.org/a/1)" in err.value.message
    assert "never fetches" in err.value.message


def test_neither_json_jws_nor_url() -> None:
    err = _err(make_png(extra=[itxt("openbadges", "hello badge")]), "bad.png[iTXt:openbadges]")
    assert "neither JSON, a compact JWS nor an http(s) URL" in err.message


def test_broken_json_payload_names_the_marker() -> None:
    with pytest.raises(ReadError) as err:
        lerbridge.unbake(make_png(extra=[itxt("openbadges", '{"a": 1,}')]), name="b.png")
    assert err.value.source == "b.png[iTXt:openbadges]"
    assert err.value.message.startswith("not valid JSON")


def test_text_chunk_utf8_or_latin1() -> None:
    utf8 = '{"name": "Jos\u00e9"}'
    raw = b"openbadges\x00" + utf8.encode("utf-8")
    assert lerbridge.unbake(make_png(extra=[chunk(b"tEXt", raw)])).payload == utf8
    raw = b"openbadges\x00" + utf8.encode("latin-1")
    assert lerbridge.unbake(make_png(extra=[chunk(b"tEXt", raw)])).payload == utf8
