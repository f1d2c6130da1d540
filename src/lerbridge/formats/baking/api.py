"""The public baking API (``lerbridge.bake`` / ``lerbridge.unbake``) and the hook that
lets ``read``, ``convert``, ``validate`` and ``detect`` take a baked image directly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import ReadError, UnknownFormatError
from ...report import LossReport
from ...safejson import DEFAULT_MAX_BYTES
from ..base import Document, Input
from . import png
from .core import MEDIA_TYPE, Unbaked, bake_bytes, sniff, unbake_bytes
from .payload import VERSION_TITLE, Version

if TYPE_CHECKING:
    from ...api import Source


def _input(data: Source, name: str | None, max_bytes: int) -> Input:
    from ...api import to_input  # the API module imports this one

    return to_input(data, name, max_bytes)


def unbake(
    image: Source,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_text: int = png.DEFAULT_MAX_TEXT,
) -> Unbaked:
    """What a baked PNG or SVG holds: the JSON or compact JWS exactly as baked (or the URL
    of a legacy hosted badge, reported and never fetched), where it was, and which Open
    Badges version the marker and the content declare.

    ``image`` is the image's bytes or a :class:`pathlib.Path`. Every problem (not an
    image, a bad CRC, a truncated or oversized chunk, a compressed text inflating beyond
    ``max_text`` bytes, two badge chunks or elements, an SVG with entities...) is a
    :class:`~lerbridge.errors.ReadError` naming the file, the location and the problem.
    """
    inp = _input(image, name, max_bytes)
    return unbake_bytes(inp.data, inp.name, max_bytes=max_bytes, max_text=max_text)


def bake(
    document: Source,
    image: Source,
    *,
    version: Version | None = None,
    name: str | None = None,
    image_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Document, LossReport]:
    """Bake an Open Badges document (JSON text, a dict, or a compact JWS) into a PNG or
    SVG image. Returns (the baked image as a :class:`Document`, the report).

    The marker is the one the document's version requires: PNG iTXt ``openbadges`` (OB
    2.0 and older) or ``openbadgecredential`` (OB 3.0), uncompressed; SVG
    ``<openbadges:assertion>`` or ``<openbadges:credential>``, the JSON in CDATA or a JWS
    in ``verify=``. A badge the image already held is replaced (and reported). The text is
    baked as given, so :func:`unbake` gives it back unchanged. ``version`` is needed only
    when the document does not say which version it is (e.g. a JWS of a bare payload).
    """
    doc = _input(document, name, max_bytes)
    img = _input(image, image_name, max_bytes)
    out, image_type, report = bake_bytes(
        doc.data, doc.name, img.data, img.name, version=version, max_bytes=max_bytes
    )
    out_name = Path(image).name if isinstance(image, os.PathLike) else f"badge.{image_type}"
    return Document(out, out_name, MEDIA_TYPE[image_type]), report


def is_image(data: bytes) -> bool:
    return sniff(data) is not None


def unwrap(inp: Input, formats: dict[str, Any]) -> tuple[Input, LossReport] | None:
    """For a baked image: the payload as an input of its own (named ``IMG[marker]``) and
    the report of what the image carried that a record cannot. None for anything else.
    ``formats`` is the registry's table (to name a missing format)."""
    if sniff(inp.data) is None:
        return None
    found = unbake_bytes(inp.data, inp.name)
    if found.kind == "url":
        raise ReadError(
            f"the image holds only the URL of a hosted assertion ({found.payload}), not the "
            "assertion; lerbridge never fetches URLs: download the assertion and read that file",
            source=inp.name,
            location=found.marker,
        )
    if found.version == "ob2" and "ob2" not in formats:
        raise UnknownFormatError(
            f"the image holds an {VERSION_TITLE['ob2']} assertion ({found.marker}); reading it "
            f"needs the 'ob2' format, which is not registered (registered: {', '.join(formats)})",
            source=inp.name,
        )
    report = found.report
    others = ", ".join(found.other_text_chunks)
    report.add(
        "no-target-field",
        f"the {found.image_type.upper()} image the document was baked into "
        f"({found.image_bytes} bytes{'; other text chunks: ' + others if others else ''}) is "
        "not part of the record and is dropped from the output (bake the output again with "
        "`lerbridge bake` to get a badge image)",
        source_path=found.marker,
        source_format="baked",
    )
    return Input(found.document, f"{inp.name}[{found.marker}]"), report
