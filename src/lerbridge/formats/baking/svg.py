"""Baked SVG badges, through the project's hardened XML parser (no DTD, no entities, no
network): ``<openbadges:assertion>`` (OB 2.0, ``http://openbadges.org``) and
``<openbadges:credential>`` (OB 3.0, ``https://purl.imsglobal.org/ob/v3p0``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml import etree

from ...errors import ReadError, WriteError
from ...xmlsafe import parse_xml

SVG_NS = "http://www.w3.org/2000/svg"
OB2_NS = "http://openbadges.org"
OB3_NS = "https://purl.imsglobal.org/ob/v3p0"
Version = Literal["ob2", "ob3"]
#: The element each version bakes: (namespace, local name).
ELEMENT: dict[Version, tuple[str, str]] = {
    "ob2": (OB2_NS, "assertion"),
    "ob3": (OB3_NS, "credential"),
}
_NS_VERSION: dict[str, Version] = {OB2_NS: "ob2", OB3_NS: "ob3"}
_LOCAL = ("assertion", "credential")


@dataclass(frozen=True)
class SvgBadge:
    body: str
    """The element's text (CDATA or plain), surrounding whitespace trimmed; may be empty."""
    verify: str | None
    tag: str
    """As written in the source, e.g. ``openbadges:credential``."""
    version: Version
    """What the element's namespace declares."""
    line: int | None


def _root(data: bytes, name: str, max_bytes: int) -> etree._ElementTree:
    tree = parse_xml(data, name, max_bytes=max_bytes)
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.localname != "svg" or qname.namespace not in (SVG_NS, None):
        raise ReadError(
            f"not an SVG image: the root element is <{root.tag}>, not <svg>", source=name
        )
    return tree


def _badge_elements(tree: etree._ElementTree) -> list[etree._Element]:
    found = []
    for el in tree.getroot().iter(etree.Element):
        q = etree.QName(el)
        if q.namespace in _NS_VERSION and q.localname in _LOCAL:
            found.append(el)
    return found


def _label(el: etree._Element) -> str:
    q = etree.QName(el)
    return f"{el.prefix}:{q.localname}" if el.prefix else q.localname


def read_badge(data: bytes, name: str, max_bytes: int) -> SvgBadge | None:
    """The one badge element of an SVG, or None. Two are an error."""
    tree = _root(data, name, max_bytes)
    found = _badge_elements(tree)
    if len(found) > 1:
        lines = ", ".join(str(el.sourceline) for el in found)
        raise ReadError(
            f"{len(found)} Open Badges elements ({', '.join(_label(e) for e in found)}) at lines "
            f"{lines}; the baking specification allows one",
            source=name,
            location=f"line {found[1].sourceline}",
        )
    if not found:
        return None
    el = found[0]
    for child in el:
        if not isinstance(child, etree._Comment | etree._ProcessingInstruction):
            raise ReadError(
                f"unexpected <{etree.QName(child).localname}> inside <{_label(el)}>: the "
                "body must be the JSON text",
                source=name,
                location=f"line {child.sourceline}",
            )
    body = (el.text or "") + "".join(c.tail or "" for c in el)
    verify = el.get("verify")
    return SvgBadge(
        body=body.strip(),
        verify=verify.strip() if verify is not None else None,
        tag=_label(el),
        version=_NS_VERSION[etree.QName(el).namespace or ""],
        line=el.sourceline if isinstance(el.sourceline, int) else None,
    )


def bake_svg(
    data: bytes,
    name: str,
    *,
    version: Version,
    body: str | None,
    verify: str | None,
    max_bytes: int,
) -> tuple[bytes, list[str], bool]:
    """The SVG with its badge element(s) replaced by one of ``version``, placed first in
    ``<svg>``. Returns (bytes, the tags replaced, whether the body could not be CDATA)."""
    tree = _root(data, name, max_bytes)
    root = tree.getroot()
    replaced = []
    for old in _badge_elements(tree):
        replaced.append(_label(old))
        _remove_keeping_tail(old)
    ns, local = ELEMENT[version]
    keep = sorted(
        {p for el in root.iter(etree.Element) for p in el.nsmap if p and p != "openbadges"}
    )
    etree.cleanup_namespaces(tree, keep_ns_prefixes=keep)
    el = etree.Element(f"{{{ns}}}{local}", nsmap={"openbadges": ns})
    if verify is not None:
        el.set("verify", verify)
    escaped = False
    try:
        if body is not None:
            if "]]>" in body:
                el.text = body  # a CDATA section cannot hold "]]>": written as escaped text
                escaped = True
            else:
                el.text = etree.CDATA(body)
    except ValueError as exc:
        raise WriteError(f"the document cannot be written into XML: {exc}", source=name) from None
    el.tail = root.text if root.text and not root.text.strip() else "\n"
    root.insert(0, el)
    etree.cleanup_namespaces(tree, top_nsmap={"openbadges": ns}, keep_ns_prefixes=keep)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8"), replaced, escaped


def _remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:  # pragma: no cover - the root is <svg>, never a badge element
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if tail.strip():  # text after the element is content: keep it in place
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
