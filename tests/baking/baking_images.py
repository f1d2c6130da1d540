"""Test images made in code, and an independent PNG oracle (it shares no code with
lerbridge's chunk reader): parse every chunk, check every CRC, inflate IDAT, unfilter."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIG = b"\x89PNG\r\n\x1a\n"


def chunk(ctype: bytes, data: bytes, crc: int | None = None) -> bytes:
    value = zlib.crc32(ctype + data) if crc is None else crc
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", value)


def pixels(width: int, height: int) -> list[bytes]:
    """A deterministic RGB pattern, one bytes row per scanline."""
    return [
        bytes(v for x in range(width) for v in ((x * 40) % 256, (y * 60) % 256, (x * y) % 256))
        for y in range(height)
    ]


def make_png(width: int = 5, height: int = 4, extra: list[bytes] | None = None) -> bytes:
    """An RGB PNG (filter 0 on every row); ``extra`` chunks go between IHDR and IDAT."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in pixels(width, height))
    body = zlib.compress(raw)
    half = len(body) // 2  # two IDAT chunks, as real encoders often write
    return (
        SIG
        + chunk(b"IHDR", ihdr)
        + b"".join(extra or [])
        + chunk(b"IDAT", body[:half])
        + chunk(b"IDAT", body[half:])
        + chunk(b"IEND", b"")
    )


def itxt(keyword: str, text: str | bytes, compressed: bool = False) -> bytes:
    data = text.encode("utf-8") if isinstance(text, str) else text
    if compressed:
        data = zlib.compress(data)
    head = keyword.encode("latin-1") + b"\x00" + (b"\x01\x00" if compressed else b"\x00\x00")
    return chunk(b"iTXt", head + b"\x00\x00" + data)


def text_chunk(keyword: str, text: str) -> bytes:
    return chunk(b"tEXt", keyword.encode("latin-1") + b"\x00" + text.encode("latin-1"))


@dataclass
class Decoded:
    width: int
    height: int
    rows: list[bytes]
    chunk_types: list[bytes]
    texts: dict[bytes, list[bytes]]


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> list[bytes]:
    rows: list[bytes] = []
    prev = bytes(stride)
    pos = 0
    for _ in range(height):
        ftype, line = raw[pos], bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) % 256
            elif ftype == 2:
                line[i] = (line[i] + b) % 256
            elif ftype == 3:
                line[i] = (line[i] + (a + b) // 2) % 256
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) % 256
            else:
                assert ftype == 0, f"unknown filter {ftype}"
        rows.append(bytes(line))
        prev = bytes(line)
    assert pos == len(raw), "IDAT holds more or fewer bytes than the scanlines need"
    return rows


def decode(data: bytes) -> Decoded:
    """Fails (AssertionError) unless the PNG is well formed: signature, CRCs, IHDR first,
    IDAT consecutive and inflating to exactly the image's scanlines, IEND last."""
    assert data[:8] == SIG
    pos, types, idat = 8, [], b""
    texts: dict[bytes, list[bytes]] = {}
    ihdr = None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert len(body) == length, f"{ctype!r} truncated"
        assert zlib.crc32(ctype + body) == crc, f"bad CRC in {ctype!r}"
        if ctype == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        if ctype == b"IDAT":
            assert not types or types[-1] in (b"IDAT",) or b"IDAT" not in types
            idat += body
        if ctype in (b"iTXt", b"tEXt", b"zTXt"):
            texts.setdefault(body.split(b"\x00", 1)[0], []).append(body)
        types.append(ctype)
        pos += 12 + length
    assert types[0] == b"IHDR" and types[-1] == b"IEND", types
    assert ihdr is not None
    width, height, depth, colour, _, _, interlace = ihdr
    bits = depth * {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(idat)
    if interlace:  # Adam7: the oracle checks only that IDAT inflates
        return Decoded(width, height, [], types, texts)
    rows = _unfilter(raw, (width * bits + 7) // 8, height, max(1, bits // 8))
    return Decoded(width, height, rows, types, texts)


def make_svg(*, doctype: str = "", inner: str = "", decl: bool = True) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if decl else ""
    return (
        f"{head}{doctype}"
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 100 100">\n'
        f"  {inner}"
        '<circle cx="50" cy="50" r="40" fill="#2a6"/>\n'
        '  <text x="50" y="55" text-anchor="middle">Badge</text>\n'
        "</svg>\n"
    ).encode()
