"""European Learning Model (ELM 3.x) European Digital Credentials: read and written.
Syntax here; meaning in mappings/elm.yaml. See docs/elm.md."""

from __future__ import annotations

from typing import Any

from ..base import Format, Input, SchemaIssue
from . import envelope, reader, writer


def detect(inp: Input) -> float:
    if envelope.looks_like_legacy_xml(inp.data):
        return 1.0  # read to refuse it with a clear error
    if envelope.looks_like_sd_jwt(inp.data):
        return 0.9
    doc = inp.json_or_none()
    for _ in range(3):
        if not isinstance(doc, dict):
            return 0.0
        if envelope.is_edc(doc) or envelope.is_legacy_json(doc):
            return 1.0
        if isinstance(doc.get("payload"), str) and isinstance(doc.get("signatures"), list):
            return 1.0 if b"EuropeanDigitalCredential" in inp.data else 0.8  # JAdES
        if isinstance(doc.get("@graph"), list):
            graph = doc["@graph"]
            return 1.0 if any(envelope.is_edc(n) for n in graph) else 0.0
        doc = doc.get("credential") or doc.get("elm")
    return 0.0


def validate(inp: Input, **_: Any) -> list[SchemaIssue]:
    """The EDC SHACL shapes (lerbridge.shacl, pyshacl, offline) and, for the EBSI VC 2.0
    form, the EBSI JSON Schema. See docs/elm.md."""
    from .validate import validate_input

    return validate_input(inp)


FORMAT = Format(
    name="elm",
    title="European Learning Model 3.x European Digital Credential (EDC, JSON-LD)",
    aliases=("edc", "europass", "elm3"),
    extensions=(".jsonld", ".json", ".sd-jwt", ".xml"),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
)
