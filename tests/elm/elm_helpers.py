"""Shared by the ELM tests: the upstream fixtures and a structural comparison of EDCs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from lerbridge.formats.base import Input
from lerbridge.formats.elm import envelope, graph
from lerbridge.report import LossReport
from lerbridge.safejson import JsonLimits

#: EDCs that conform to the EDC SHACL shapes on input (../shared SOURCES.md).
CONFORMING = (
    "eu-elm-support_AA-Annex1-MC_signed-jades.jsonld",
    "eu-elm-support_Sample-JointDegree_signed-jades.jsonld",
    "eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld",
    "eu-elm-github_Sample-MC-Annex1_signed-jades.jsonld",
    "eu-elm-github_credential-sample_v3.2.jsonld",
    "mynextid_confirmation-of-enrolment_unsigned.json",
    "mynextid_confirmation-of-enrolment_signed-jades.jsonld",
)
LEGACY = {
    "legacy-v2_xml_EDC_SampleDegree_AA.xml": "ELM v2 XML",
    "legacy-v2_xml_EDC_WileECoyote_Simple.xml": "ELM v2 XML",
    "legacy-v2_ebsi-json-serial_VerifiableAttestation-Europass.json": "2021 EBSI JSON",
}
#: Envelope keys the writer restates from another (issuanceDate from issued).
RESTATED = ("issuanceDate", "expirationDate")
LIMITS = JsonLimits(10**8, 256, 10**8)


def edc_of(path: Path) -> dict[str, Any]:
    """The EDC inside a fixture (unwrapped, language maps normalised)."""
    doc, _ = envelope.load(Input(path.read_bytes(), path.name), LIMITS, LossReport())
    return graph.normalise(doc, LossReport())  # type: ignore[no-any-return]


def _key(v: Any) -> bytes:
    return orjson.dumps(v, option=orjson.OPT_SORT_KEYS)


def norm(v: Any) -> Any:
    """JSON-LD equivalence for the comparison: one value = a list of one, lists unordered,
    credit points compared as numbers."""
    if isinstance(v, list):
        items = [norm(x) for x in v]
        return items[0] if len(items) == 1 else sorted(items, key=_key)
    if isinstance(v, dict):
        out = {k: norm(x) for k, x in v.items() if k not in RESTATED}
        if isinstance(out.get("point"), str):
            out["point"] = float(out["point"].replace(",", "."))
        return out
    return v


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    if type(a) is not type(b):
        return [f"{path}: {a!r:.80} -> {b!r:.80}"]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in b:
                out.append(f"{path}/{k}: missing")
            elif k not in a:
                out.append(f"{path}/{k}: added")
            else:
                out += differences(a[k], b[k], f"{path}/{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items -> {len(b)}"]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, f"{path}/{i}")
        ]
    return [] if a == b else [f"{path}: {a!r:.80} -> {b!r:.80}"]


def violations(doc: dict[str, Any]) -> list[Any]:
    """The EDC shapes' violations (errors; term-undefined warnings aside)."""
    from lerbridge.shacl import validate_elm

    return [i for i in validate_elm(doc) if i.severity == "error"]
