"""Hardened XML input (lxml): a size cap, no DTD loading, no entity expansion, no network,
and any document type declaration with an internal subset refused outright (billion laughs,
XXE). Every failure is a :class:`~lerbridge.errors.ReadError` naming the file, the location
and the problem — never a traceback.

A ``<!DOCTYPE x SYSTEM "...">`` *without* an internal subset is accepted and ignored: the
external DTD is never loaded (``load_dtd=False``, ``no_network=True``); an entity reference
that only such a DTD could define is refused.

A parser is built per call (lxml parsers must not be shared between threads); nothing here
changes process-wide state.
"""

from __future__ import annotations

import io
import re
from typing import Any

from lxml import etree

from .errors import ReadError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

__all__ = ["DEFAULT_MAX_BYTES", "parse_xml", "xml_parser", "xml_schema"]


_TRAILING_POSITION = re.compile(r",\s*line \d+,\s*column \d+\s*$")


def xml_parser() -> etree.XMLParser:
    """The one lxml parser configuration of lerbridge (a new parser per call: lxml parsers
    are not shared between threads). Use :func:`parse_xml`, which adds the size cap and the
    DOCTYPE checks; a guard test refuses any other ``etree.XMLParser`` in the project."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=False,
    )


def _line_of(data: bytes, needle: str) -> int | None:
    """1-based line of the first ``needle`` in ``data`` (UTF-8, or UTF-16 either way)."""
    for codec in ("utf-8", "utf-16-le", "utf-16-be"):
        raw = needle.encode(codec)
        at = data.find(raw)
        if at >= 0:
            return data.count("\n".encode(codec), 0, at) + 1
    return None


def _location(line: int | None, column: int | None = None) -> str | None:
    if not line:
        return None
    return f"line {line} column {column}" if column else f"line {line}"


def parse_xml(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Parse ``data`` (the bytes of file ``name``) into an lxml element tree, safely.

    The encoding comes from the BOM / XML declaration (UTF-8, UTF-16 ...). Raises
    :class:`ReadError` for oversized, empty or malformed input, for a DOCTYPE with an
    internal subset (``<!ENTITY>``, ``<!ATTLIST>`` ...), and for an unresolvable entity.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"parse_xml needs bytes, not {type(data).__name__}")
    size = len(data)
    if size > max_bytes:
        raise ReadError(
            f"input is {size} bytes, over the {max_bytes}-byte limit (raise max_bytes to "
            "accept it)",
            source=name,
        )
    if not bytes(data).strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReadError("empty document: no XML content", source=name)
    _refuse_internal_subset_early(bytes(data), name)
    try:
        tree = etree.parse(io.BytesIO(data), xml_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, None)
        message = _TRAILING_POSITION.sub("", (exc.msg or str(exc)).strip())
        raise ReadError(
            f"not well-formed XML: {message}", source=name, location=_location(line, column)
        ) from None
    except (ValueError, LookupError) as exc:  # e.g. an unknown encoding in the declaration
        raise ReadError(f"cannot parse XML: {exc}", source=name) from None
    _refuse_dtd(tree, data, name)
    return tree


def xml_schema(path: str, uri_mapper: Any) -> Any:
    """An XSD 1.0 schema through xmlschema, offline: only local files (``allow="local"``,
    and ``uri_mapper`` refusing what it must), the XSDs themselves parsed with entity
    declarations refused (``defuse="always"``), a 1-second cap on any open. The only place
    the project builds an ``xmlschema`` schema."""
    import xmlschema

    return xmlschema.XMLSchema10(
        path, allow="local", defuse="always", uri_mapper=uri_mapper, timeout=1
    )


_LITERAL = r"""(?:"[^"]*"|'[^']*')"""
_INTERNAL_SUBSET = re.compile(
    rf"<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:SYSTEM\s+{_LITERAL}|PUBLIC\s+{_LITERAL}\s+{_LITERAL}))?\s*\["
)


#: Each prolog item ends at its first terminator and the repetition is possessive: linear
#: time (lazy items under a backtracking ``*`` took exponential time on a run of comments).
_PROLOG_TO_DOCTYPE = re.compile(
    r"\A\ufeff?(?:\s++|<\?(?:(?!\?>).)*+\?>|<!--(?:(?!-->).)*+-->)*+(?=<!DOCTYPE)", re.S
)


def _sniff_text(data: bytes) -> str:
    """Enough of a decoding to read the prolog (before lxml sees the bytes)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") or data[:1] == b"<" else "utf-16-be"
        return data.decode(codec, errors="replace").lstrip("\ufeff")
    return data.decode("latin-1")  # ASCII-compatible: markup characters are found as-is


def _refuse_internal_subset_early(data: bytes, name: str) -> None:
    """Refuse a DOCTYPE with an internal subset before libxml2 parses its declarations."""
    text = _sniff_text(data)
    prolog = _PROLOG_TO_DOCTYPE.match(text)
    if prolog is None:
        return
    at = prolog.end()
    if _INTERNAL_SUBSET.match(text, at):
        end = text.find("]>", at)
        end = len(text) if end < 0 else end + 2
        entities = sorted(set(_ENTITY_DECL.findall(text, at, end)))
        raise _dtd_refused(entities, name, text.count("\n", 0, at) + 1)


def _dtd_refused(entities: list[str], name: str, line: int | None) -> ReadError:
    what = (
        f"declares entities ({', '.join(entities[:5])})" if entities else "has an internal subset"
    )
    return ReadError(
        f"DOCTYPE {what}; DTD declarations are refused (entity expansion and "
        "external entities are a security risk)",
        source=name,
        location=_location(line),
    )


_ENTITY_DECL = re.compile(r"<!ENTITY\s+(?:%\s+)?([^\s\"'>]+)")


def _has_internal_subset(data: bytes, encoding: str | None) -> bool:
    try:
        text = bytes(data).decode(encoding or "utf-8", errors="replace")
    except LookupError:
        text = bytes(data).decode("utf-8", errors="replace")
    return _INTERNAL_SUBSET.search(text) is not None


def _refuse_dtd(tree: etree._ElementTree, data: bytes, name: str) -> None:
    docinfo = tree.docinfo
    internal = docinfo.internalDTD
    if docinfo.doctype and internal is not None:
        entities = sorted({e.name for e in internal.iterentities()})
        if entities or _has_internal_subset(data, docinfo.encoding):
            raise _dtd_refused(entities, name, _line_of(data, "<!DOCTYPE"))
    for entity in tree.getroot().iter(etree.Entity):
        raise ReadError(
            f"entity reference {entity.text} is not defined in the document (external "
            "DTDs are never loaded)",
            source=name,
            location=_location(entity.sourceline),
        )
