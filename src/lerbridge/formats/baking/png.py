"""A small PNG chunk reader and writer (standard library only) for baked badges.

Reading checks the signature, every chunk's length, type and CRC, and caps the number of
chunks, the size of a badge text chunk and what a compressed one inflates to. Pixels are
never decoded. Writing re-emits the chunks it read (with fresh CRCs), so the image stays
exactly as decodable as it was. Every failure is a :class:`~lerbridge.errors.ReadError`
naming the file, the byte offset and the problem.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass

from ...errors import ReadError

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: The PNG specification's limit on a chunk's data length.
MAX_CHUNK_LENGTH = 2**31 - 1
DEFAULT_MAX_CHUNKS = 100_000
#: A badge text chunk (and what a compressed one inflates to) may not exceed this.
DEFAULT_MAX_TEXT = 16 * 1024 * 1024
TEXT_TYPES = (b"iTXt", b"tEXt", b"zTXt")
_TYPE = re.compile(rb"^[A-Za-z]{4}$")


@dataclass(frozen=True)
class Chunk:
    type: bytes
    data: bytes
    offset: int = 0
    """Byte offset of the chunk's length field in the file it was read from."""

    def keyword(self) -> str | None:
        """The keyword of a text chunk (Latin-1, 1-79 bytes before a NUL), else None."""
        if self.type not in TEXT_TYPES:
            return None
        head, sep, _ = self.data[:80].partition(b"\x00")
        return head.decode("latin-1") if sep else None


@dataclass(frozen=True)
class Text:
    """A decoded text chunk: its keyword and text, and whether the text was compressed."""

    keyword: str
    text: str
    compressed: bool


def _where(offset: int) -> str:
    return f"byte {offset}"


def read_chunks(data: bytes, name: str, *, max_chunks: int = DEFAULT_MAX_CHUNKS) -> list[Chunk]:
    """Every chunk of a PNG, from IHDR to IEND, each with its CRC checked. Bytes after
    IEND are ignored (they are not part of the image)."""
    if not data.startswith(SIGNATURE):
        raise ReadError("not a PNG image (the 8-byte PNG signature is missing)", source=name)
    chunks: list[Chunk] = []
    pos = len(SIGNATURE)
    size = len(data)
    while True:
        if len(chunks) >= max_chunks:
            raise ReadError(
                f"more than {max_chunks} chunks; refused (raise max_chunks to accept it)",
                source=name,
                location=_where(pos),
            )
        if pos + 8 > size:
            raise ReadError(
                "truncated PNG: the file ends before the IEND chunk",
                source=name,
                location=_where(pos),
            )
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        if not _TYPE.match(ctype):
            raise ReadError(
                f"malformed PNG: chunk type {ctype!r} is not four ASCII letters",
                source=name,
                location=_where(pos + 4),
            )
        label = ctype.decode("ascii")
        if length > MAX_CHUNK_LENGTH:
            raise ReadError(
                f"oversized {label} chunk: length {length} exceeds the PNG limit of "
                f"{MAX_CHUNK_LENGTH} bytes",
                source=name,
                location=_where(pos),
            )
        end = pos + 12 + length
        if end > size:
            raise ReadError(
                f"truncated PNG: the {label} chunk declares {length} bytes but only "
                f"{max(0, size - pos - 12)} remain",
                source=name,
                location=_where(pos),
            )
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : end])
        if zlib.crc32(ctype + body) != crc:
            raise ReadError(
                f"corrupted PNG: CRC mismatch in the {label} chunk",
                source=name,
                location=_where(pos),
            )
        if not chunks and (ctype != b"IHDR" or length != 13):
            raise ReadError(
                "malformed PNG: the first chunk must be a 13-byte IHDR",
                source=name,
                location=_where(pos),
            )
        chunks.append(Chunk(ctype, body, pos))
        pos = end
        if ctype == b"IEND":
            return chunks


def decode_text(chunk: Chunk, name: str, *, max_text: int = DEFAULT_MAX_TEXT) -> Text:
    """The keyword and text of a tEXt (Latin-1), zTXt or iTXt (UTF-8) chunk. A compressed
    text is inflated up to ``max_text`` bytes, never further (zip bombs)."""
    where = _where(chunk.offset)
    label = chunk.type.decode("ascii")
    if len(chunk.data) > max_text:
        raise ReadError(
            f"{label} chunk holds {len(chunk.data)} bytes, over the {max_text}-byte limit for "
            "badge text",
            source=name,
            location=where,
        )
    keyword_raw, sep, rest = chunk.data.partition(b"\x00")
    if not sep or not 1 <= len(keyword_raw) <= 79:
        raise ReadError(f"malformed {label} chunk: no keyword", source=name, location=where)
    keyword = keyword_raw.decode("latin-1")
    if chunk.type == b"tEXt":
        return Text(keyword, _latin1_or_utf8(rest), False)
    if chunk.type == b"zTXt":
        if rest[:1] != b"\x00":
            raise ReadError(
                f"zTXt {keyword!r}: unknown compression method", source=name, location=where
            )
        raw = _inflate(rest[1:], name, where, max_text, keyword)
        return Text(keyword, _latin1_or_utf8(raw), True)
    if len(rest) < 2:
        raise ReadError(
            f"malformed iTXt {keyword!r}: header cut short", source=name, location=where
        )
    flag, method = rest[0], rest[1]
    _lang, sep1, rest = rest[2:].partition(b"\x00")
    _translated, sep2, text = rest.partition(b"\x00")
    if not (sep1 and sep2) or flag not in (0, 1):
        raise ReadError(f"malformed iTXt {keyword!r} chunk header", source=name, location=where)
    if flag == 1:
        if method != 0:
            raise ReadError(
                f"iTXt {keyword!r}: unknown compression method", source=name, location=where
            )
        text = _inflate(text, name, where, max_text, keyword)
    try:
        return Text(keyword, text.decode("utf-8"), flag == 1)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"iTXt {keyword!r}: text is not UTF-8 ({exc.reason} at byte {exc.start})",
            source=name,
            location=where,
        ) from None


def _latin1_or_utf8(raw: bytes) -> str:
    """tEXt/zTXt are Latin-1 by the PNG spec, but bakers write UTF-8 JSON into them: valid
    UTF-8 is read as UTF-8 (Latin-1 text with accents is almost never valid UTF-8)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _inflate(data: bytes, name: str, where: str, limit: int, keyword: str) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ReadError(
            f"compressed text {keyword!r} is not valid zlib data ({exc})",
            source=name,
            location=where,
        ) from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise ReadError(
            f"compressed text {keyword!r} inflates beyond the {limit}-byte limit (a "
            "decompression bomb?); refused",
            source=name,
            location=where,
        )
    if not inflater.eof:
        raise ReadError(
            f"compressed text {keyword!r} is truncated zlib data", source=name, location=where
        )
    return out


def itxt(keyword: str, text: str) -> Chunk:
    """An uncompressed iTXt chunk with no language tag, as the baking specs require."""
    return Chunk(
        b"iTXt", keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")
    )


def write_png(chunks: list[Chunk]) -> bytes:
    """A PNG datastream of these chunks, each with its length and a fresh CRC."""
    out = [SIGNATURE]
    for chunk in chunks:
        out.append(struct.pack(">I", len(chunk.data)))
        out.append(chunk.type + chunk.data)
        out.append(struct.pack(">I", zlib.crc32(chunk.type + chunk.data)))
    return b"".join(out)
