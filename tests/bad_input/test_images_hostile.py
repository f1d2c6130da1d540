"""B8 items 22-25: hostile baked badges. Bombs, duplicated and lying chunks, bytes that are
not what their name says, and hosted-badge URLs: ReadError or a loss entry, never a fetch."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from loopback import Listener

import lerbridge
from lerbridge.errors import ReadError

SIG = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes, crc: int | None = None) -> bytes:
    crc = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png(*extra: bytes) -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # one grey pixel
    idat = zlib.compress(b"\x00\x80")
    return (
        SIG + _chunk(b"IHDR", ihdr) + b"".join(extra) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def _itxt(text: bytes, compressed: bool = False) -> bytes:
    body = zlib.compress(text) if compressed else text
    flag = b"\x01\x00" if compressed else b"\x00\x00"
    return _chunk(b"iTXt", b"openbadges\x00" + flag + b"\x00\x00" + body)


def _refused(data: bytes, name: str = "badge.png") -> ReadError:
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="canonical", name=name)
    assert info.value.source == name and info.value.exit_code == 3
    return info.value


def test_b8_22_compressed_itxt_zlib_bomb() -> None:
    bomb = b"{" + b" " * 60_000_000 + b"}"
    err = _refused(_png(_itxt(bomb, compressed=True)))
    assert "inflates beyond" in err.message and "bomb" in err.message


def test_b8_22_compressed_itxt_within_the_cap_reads(welding: bytes) -> None:
    result = lerbridge.convert(_png(_itxt(welding, compressed=True)), to="canonical")
    assert result.source_format == "ob3" and result.record.achievements


def test_b8_23_two_badge_chunks(welding: bytes) -> None:
    err = _refused(_png(_itxt(welding), _itxt(welding)))
    assert "2 Open Badges chunks" in err.message


def test_b8_23_chunk_longer_than_the_file() -> None:
    lying = struct.pack(">I", 5_000_000) + b"iTXt" + b"openbadges\x00"
    err = _refused(SIG + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + lying)
    assert "declares 5000000 bytes" in err.message


def test_b8_23_bad_crc(welding: bytes) -> None:
    good = _itxt(welding)
    broken = good[:-4] + struct.pack(">I", (zlib.crc32(good[4:-4]) + 1) & 0xFFFFFFFF)
    assert "CRC" in _refused(_png(broken)).message


def test_b8_23_truncated_before_iend(welding: bytes) -> None:
    data = _png(_itxt(welding))
    err = _refused(data[: -len(_chunk(b"IEND", b""))])
    assert "IEND" in err.message or "truncated" in err.message


def test_b8_23_thousands_of_text_chunks(welding: bytes) -> None:
    noise = [_chunk(b"tEXt", b"Comment\x00x")] * 3_000
    result = lerbridge.convert(_png(*noise, _itxt(welding)), to="canonical")
    assert result.source_format == "ob3"
    many = [_chunk(b"tEXt", b"Comment\x00x")] * 200_000
    assert "chunks" in _refused(_png(*many)).message


def test_b8_24_content_is_sniffed_not_the_extension(welding: bytes, tmp_path: Path) -> None:
    named_png = tmp_path / "really-json.png"
    named_png.write_bytes(welding)
    assert lerbridge.convert(named_png, to="canonical").source_format == "ob3"
    named_svg = tmp_path / "really-png.svg"
    named_svg.write_bytes(_png(_itxt(welding)))
    result = lerbridge.convert(named_svg, to="canonical")
    assert result.source_format == "ob3"
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"\x89PNX not an image at all")
    with pytest.raises(lerbridge.LerbridgeError) as info:
        lerbridge.convert(garbage, to="canonical")
    assert info.value.source == str(garbage)


def test_b8_25_hosted_urls_are_not_fetched(listener: Listener) -> None:
    legacy = _png(_chunk(b"tEXt", b"openbadges\x00" + listener.url("assertion").encode()))
    err = _refused(legacy)
    assert "never fetches" in err.message and listener.url("assertion") in err.message
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:openbadges="http://openbadges.org">'
        f'<openbadges:assertion verify="{listener.url("verify")}"/></svg>'
    ).encode()
    with pytest.raises(ReadError) as info:
        lerbridge.convert(svg, to="canonical", name="badge.svg")
    assert "fetch" in info.value.message
