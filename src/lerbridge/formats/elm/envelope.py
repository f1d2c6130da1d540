"""ELM syntax in: find the European Digital Credential inside what was given. A JAdES
seal (JSON serialisation), an EDC-issuer upload wrapper, a DC4EU ``{"elm": ...}`` claim, an
SD-JWT VC carrying the EDC in a disclosure, and a flattened ``@graph`` are unwrapped; ELM v2
XML and the 2021 EBSI JSON-serialisation draft are refused with an error naming them."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from ...errors import ReadError
from ...report import LossReport
from ...safejson import JsonLimits, loads
from ..base import Input
from ..vc import types_of
from .graph import embed_graph

FORMAT = "elm"
EDC = "EuropeanDigitalCredential"
LEGACY_XML = re.compile(rb"<(?:[A-Za-z0-9_]+:)?europassCredential\b")
LEGACY_JSON_CONTEXT = "https://essif.europa.eu/schemas/vc/2020/v1"
_SDJWT = re.compile(rb"^[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*~")


def _compact(data: bytes) -> bytes:
    return re.sub(rb"\s+", b"", data.lstrip(b"\xef\xbb\xbf"))


def looks_like_legacy_xml(data: bytes) -> bool:
    return bool(LEGACY_XML.search(data[:4096]))


def looks_like_sd_jwt(data: bytes) -> bool:
    return bool(_SDJWT.match(_compact(data[:4096])))


def is_legacy_json(doc: Any) -> bool:
    """The 2021 EBSI JSON serialisation of the ELM v2 XML model (``#text``/``@idref``)."""
    if not isinstance(doc, dict):
        return False
    ctx = doc.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    return LEGACY_JSON_CONTEXT in ctxs and EDC not in types_of(doc)


def is_edc(doc: Any) -> bool:
    return isinstance(doc, dict) and EDC in types_of(doc)


def _legacy_error(source: str, what: str) -> ReadError:
    return ReadError(
        f"{what} is a legacy generation that lerbridge does not read; ELM 3.0-3.2 European "
        "Digital Credentials (JSON-LD) are read. Re-issue or convert it with the EU's EDC "
        "tools first",
        source=source,
        location="/",
    )


def _b64url(part: bytes, source: str, what: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise ReadError(f"SD-JWT {what} is not base64url", source=source) from None


def _sd_jwt(inp: Input, report: LossReport, limits: JsonLimits) -> dict[str, Any]:
    parts = _compact(inp.data).split(b"~")
    head, payload = parts[0].split(b".")[:2]
    header = loads(_b64url(head, inp.name, "header"), inp.name + "#header", None, limits)
    loads(_b64url(payload, inp.name, "payload"), inp.name + "#payload", None, limits)
    alg = header.get("alg", "no alg") if isinstance(header, dict) else "no alg"
    report.add(
        "unverified-signature",
        f"SD-JWT VC ({alg}) unpacked without verifying its signature or key binding",
        source_path="#header",
        source_format=FORMAT,
    )
    for i, disc in enumerate(p for p in parts[1:] if p):
        where = f"{inp.name}#disclosure-{i + 1}"
        item = loads(_b64url(disc, inp.name, "disclosure"), where, None, limits)
        if isinstance(item, list) and len(item) == 3 and item[1] == "elm":
            if not isinstance(item[2], dict):
                raise ReadError("the 'elm' disclosure is not a JSON object", source=where)
            return item[2]
    raise ReadError(
        "the SD-JWT VC has no disclosure named 'elm' (no ELM credential)", source=inp.name
    )


def load(inp: Input, limits: JsonLimits, report: LossReport) -> tuple[dict[str, Any], list[str]]:
    """The EDC as a JSON object, and the wrappers taken off it (for the dialect)."""
    if looks_like_legacy_xml(inp.data):
        raise _legacy_error(inp.name, "ELM v2 XML (europassCredential, EDCI data model 2019-2022)")
    wrappers: list[str] = []
    if looks_like_sd_jwt(inp.data):
        doc: Any = _sd_jwt(inp, report, limits)
        wrappers.append("sd-jwt")
    else:
        doc = inp.json(report, limits, FORMAT)
    while isinstance(doc, dict) and not is_edc(doc):
        if isinstance(doc.get("payload"), str) and isinstance(doc.get("signatures"), list):
            report.add(
                "unverified-signature",
                "JAdES seal not verified (an eIDAS qualified seal needs the EU trust lists); "
                "the payload was read",
                source_path="/signatures",
                source_format=FORMAT,
            )
            doc = loads(
                doc["payload"].encode("utf-8"), inp.name + "#payload", report, limits, FORMAT
            )
            wrappers.append("jades")
        elif isinstance(doc.get("credential"), dict) and "type" not in doc:
            for key in sorted(set(doc) - {"credential"}):
                report.add(
                    "no-target-field",
                    f"upload wrapper's {key} (delivery instructions, not credential data) dropped",
                    source_path=f"/{key}",
                    source_format=FORMAT,
                )
            doc = doc["credential"]
            wrappers.append("upload")
        elif isinstance(doc.get("elm"), dict) and "type" not in doc:
            doc = doc["elm"]
            wrappers.append("elm-claim")
        elif isinstance(doc.get("@graph"), list):
            doc = embed_graph(doc, inp.name, report)
            wrappers.append("graph")
        else:
            break
    if is_legacy_json(doc):
        raise _legacy_error(
            inp.name, "the 2021 EBSI JSON serialisation of ELM v2 (VerifiableAttestation)"
        )
    if not is_edc(doc):
        found = types_of(doc) if isinstance(doc, dict) else type(doc).__name__
        vcs = doc.get("verifiableCredential") if isinstance(doc, dict) else None
        extra = " (a presentation holding no credential)" if vcs == [] else ""
        raise ReadError(
            f"not a European Digital Credential{extra} (type is {found!r}; expected {EDC})",
            source=inp.name,
            location="/type",
        )
    return doc, wrappers
