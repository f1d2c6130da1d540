"""Bake and unbake on bytes: which image, which marker, which payload, and what the
loss report says about it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ...errors import LerbridgeError, ReadError, WriteError
from ...report import LossReport
from ...safejson import DEFAULT_MAX_BYTES, JsonLimits, decode_text
from . import png
from .payload import VERSION_TITLE, Kind, Version, classify, hosted_url, version_of

ImageType = Literal["png", "svg"]
MEDIA_TYPE: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
#: The iTXt keyword each version bakes.
KEYWORD: dict[Version, str] = {"ob2": "openbadges", "ob3": "openbadgecredential"}
_KEYWORD_VERSION: dict[str, Version] = {v: k for k, v in KEYWORD.items()}
FMT = "baked"

#: The prolog (declaration, comments, PIs, a DOCTYPE) then ``<svg``. Each item stops at
#: its first terminator and the repetition is possessive: linear time on any input.
_SVG_START = re.compile(
    r"\A\s*+(?:<\?xml(?:(?!\?>).)*+\?>\s*+)?+"
    r"(?:(?:<!--(?:(?!-->).)*+-->|<\?(?:(?!\?>).)*+\?>|<!DOCTYPE[^>\[]*+(?:\[[^\]]*+\])?+\s*+>)\s*+)*+"
    r"<(?:[A-Za-z_][\w.-]*+:)?svg[\s/>]",
    re.S,
)


def sniff(data: bytes) -> ImageType | None:
    """``png`` or ``svg`` from the content (never from a file name), else None."""
    if data.startswith(png.SIGNATURE):
        return "png"
    head = data[: 1024 * 1024]  # the prolog before <svg> (comments, DOCTYPE) fits in 1 MiB
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    return "svg" if _SVG_START.match(text) else None


@dataclass(frozen=True)
class Unbaked:
    """What an image holds. ``payload`` is the text exactly as baked (an SVG body with its
    surrounding whitespace trimmed); ``report`` says what was odd about it."""

    payload: str
    kind: Kind
    """``json``, ``jws`` (compact JWS, not verified) or ``url`` (a legacy hosted badge,
    never fetched)."""
    image_type: ImageType
    marker: str
    """Where it was: ``iTXt:openbadgecredential``, ``tEXt:openbadges``,
    ``svg:openbadges:credential``, ``svg:openbadges:assertion@verify``..."""
    marker_version: Version
    """The Open Badges version the marker declares."""
    version: Version | None
    """The version the payload's content declares (None for a URL or an unknown JSON)."""
    verify: str | None = None
    """An SVG ``verify=`` attribute beside a body (the hosted assertion URL)."""
    image_bytes: int = 0
    other_text_chunks: tuple[str, ...] = ()
    report: LossReport = field(default_factory=LossReport)

    @property
    def document(self) -> bytes:
        return self.payload.encode("utf-8", "surrogatepass")


def unbake_bytes(
    data: bytes,
    name: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_text: int = png.DEFAULT_MAX_TEXT,
    limits: JsonLimits | None = None,
) -> Unbaked:
    kind = sniff(data)
    if kind is None:
        raise ReadError("not a PNG or SVG image; nothing to unbake", source=name)
    if len(data) > max_bytes:
        raise ReadError(f"image is {len(data)} bytes, over the {max_bytes}-byte limit", source=name)
    report = LossReport()
    if kind == "png":
        text, marker, marker_version, others = _from_png(data, name, max_text, report)
        verify = None
    else:
        text, marker, marker_version, verify = _from_svg(data, name, max_bytes, report)
        others = ()
    payload_kind, doc = classify(text, f"{name}[{marker}]", limits)
    version = version_of(doc)
    if payload_kind == "url":
        report.add(
            "unresolved-reference",
            "the image holds only the URL of a hosted assertion (legacy baking); "
            "lerbridge never fetches it",
            source_path=marker,
            source_format=FMT,
            value=text,
        )
    if version is not None and version != marker_version:
        report.add(
            "source-schema-violation",
            f"{VERSION_TITLE[version]} document baked under the {VERSION_TITLE[marker_version]} "
            f"marker ({marker}); read anyway",
            source_path=marker,
            source_format=FMT,
        )
    if verify is not None and verify not in text:
        report.add(
            "no-target-field",
            "the SVG's verify= attribute beside the baked body is not in the document; dropped",
            source_path=marker + "@verify",
            source_format=FMT,
            value=verify,
        )
    return Unbaked(
        text, payload_kind, kind, marker, marker_version, version, verify, len(data), others, report
    )


def _from_png(
    data: bytes, name: str, max_text: int, report: LossReport
) -> tuple[str, str, Version, tuple[str, ...]]:
    chunks = png.read_chunks(data, name)
    badges = [c for c in chunks if c.keyword() in _KEYWORD_VERSION]
    if len(badges) > 1:
        where = ", ".join(f"{c.type.decode()}:{c.keyword()} at byte {c.offset}" for c in badges)
        raise ReadError(
            f"{len(badges)} Open Badges chunks ({where}); the baking specification allows one",
            source=name,
            location=f"byte {badges[1].offset}",
        )
    if not badges:
        raise ReadError(
            "the PNG holds no Open Badges data (no iTXt chunk 'openbadgecredential' or "
            "'openbadges', nor a legacy tEXt one)",
            source=name,
        )
    chunk = badges[0]
    decoded = png.decode_text(chunk, name, max_text=max_text)
    marker = f"{chunk.type.decode()}:{decoded.keyword}"
    if chunk.type != b"iTXt" or decoded.compressed:
        what = "compressed" if decoded.compressed else f"a {chunk.type.decode()} chunk"
        report.add(
            "source-schema-violation",
            f"the badge is baked in {what}; the baking specifications require an uncompressed "
            "iTXt chunk (read anyway)",
            severity="info",
            source_path=marker,
            source_format=FMT,
        )
    others = tuple(
        f"{c.type.decode()}:{c.keyword()}" for c in chunks if c.keyword() and c is not chunk
    )
    return decoded.text.strip(), marker, _KEYWORD_VERSION[decoded.keyword], others


def _from_svg(
    data: bytes, name: str, max_bytes: int, report: LossReport
) -> tuple[str, str, Version, str | None]:
    from . import svg  # lxml, imported when an SVG is met

    badge = svg.read_badge(data, name, max_bytes)
    if badge is None:
        raise ReadError(
            "the SVG holds no Open Badges data (no <openbadges:credential> or "
            "<openbadges:assertion> element)",
            source=name,
        )
    marker = f"svg:{badge.tag}"
    if badge.body:
        return badge.body, marker, badge.version, badge.verify or None
    if badge.verify:
        return badge.verify, marker + "@verify", badge.version, None
    raise ReadError(
        f"<{badge.tag}> has neither a body nor a verify= attribute: nothing is baked",
        source=name,
        location=f"line {badge.line}" if badge.line else None,
    )


def bake_bytes(
    document: bytes,
    doc_name: str,
    image: bytes,
    image_name: str,
    *,
    version: Version | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[bytes, ImageType, LossReport]:
    """The image with ``document`` baked in under its version's marker, replacing any
    badge it held. Returns (image bytes, image type, report)."""
    if sniff(document) is not None:
        raise WriteError(
            "the document to bake is itself an image; pass the Open Badges document, and the "
            "image to bake it into separately",
            source=doc_name,
        )
    text = decode_text(document, doc_name).strip()
    try:
        kind, doc = classify(text, doc_name)
    except ReadError as exc:
        raise WriteError(f"cannot bake this document: {exc.message}", source=doc_name) from None
    if kind == "url":
        raise WriteError(
            "a bare URL is the pre-specification legacy form; bake the assertion JSON or its "
            "signed JWS instead",
            source=doc_name,
        )
    found = version_of(doc)
    if version is not None and found is not None and version != found:
        raise WriteError(
            f"the document is {VERSION_TITLE[found]}; baking it as {VERSION_TITLE[version]} "
            "would write the wrong marker",
            source=doc_name,
        )
    chosen = version or found
    if chosen is None:
        raise WriteError(
            "cannot tell whether this document is Open Badges 2.0 or 3.0 (no @context or "
            "type says so); pass version='ob2' or 'ob3' (--version)",
            source=doc_name,
        )
    image_type = sniff(image)
    if image_type is None:
        raise ReadError("not a PNG or SVG image; cannot bake into it", source=image_name)
    report = LossReport()
    try:
        if image_type == "png":
            out, replaced = _bake_png(image, image_name, chosen, text)
        else:
            out, replaced = _bake_svg(image, image_name, chosen, kind, doc, text, max_bytes, report)
    except LerbridgeError as exc:
        raise exc.with_source(image_name) from None
    for old in replaced:
        report.add(
            "no-target-field",
            "the image already held a baked badge; replaced by this document",
            source_path=old,
            source_format=FMT,
        )
    return out, image_type, report


def _bake_png(image: bytes, name: str, version: Version, text: str) -> tuple[bytes, list[str]]:
    chunks = png.read_chunks(image, name)
    kept = [c for c in chunks if c.keyword() not in _KEYWORD_VERSION]
    replaced = [
        f"{c.type.decode()}:{c.keyword()}" for c in chunks if c.keyword() in _KEYWORD_VERSION
    ]
    badge = png.itxt(KEYWORD[version], text)
    return png.write_png([kept[0], badge, *kept[1:]]), replaced


def _bake_svg(
    image: bytes,
    name: str,
    version: Version,
    kind: Kind,
    doc: Any,
    text: str,
    max_bytes: int,
    report: LossReport,
) -> tuple[bytes, list[str]]:
    body: str | None
    verify: str | None
    if kind == "jws":
        body, verify = None, text
    else:
        body, verify = text, (hosted_url(doc) if version == "ob2" else None)
    from . import svg

    out, replaced, escaped = svg.bake_svg(
        image, name, version=version, body=body, verify=verify, max_bytes=max_bytes
    )
    if escaped:
        report.add(
            "value-coerced",
            "the document contains ']]>', which a CDATA section cannot hold; written as "
            "escaped XML text (unbaking gives the same text)",
            source_format=FMT,
        )
    return out, [f"svg:{t}" for t in replaced]
