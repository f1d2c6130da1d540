"""PESC College Transcript case: the upstream SPEEDE transcript (UTF-16 with a BOM) converted
to CLR 2.0, timed against the same yardsticks as HR-XML, measured on the *source*: the lxml
floor ``etree.tostring(etree.fromstring(raw))`` and xmlschema
``transcript_schema().is_valid(tree, use_location_hints=False)`` (the official
CollegeTranscript v1.6.0 XSDs from the specs folder, compiled once, ``allow="local"``).

Operations: ``convert`` (pesc -> clr, validated against the CLR 2.0 schema), ``read``,
``write`` / ``write-noval`` of the record as CLR, and ``to-pesc`` (pesc -> pesc, validated
against the XSDs). Skipped when ``../shared/fixtures-upstream/pesc`` is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from cases_resume import _codes, _conversion_ops, _result, where
from harness import UPSTREAM, DocResult, Settings
from lxml import etree

import lerbridge
from lerbridge import specs
from lerbridge.specs import pesc_xml

PESC_DOC = UPSTREAM / "pesc" / "ccctc-speede-college-transcript.utf16.xml"
PESC_VALIDATOR = "xmlschema is_valid(tree) (PESC CollegeTranscript XSDs)"
INFO = {
    "summary": (
        "PESC College Transcript: xmlschema `XMLSchema10.is_valid(tree, "
        "use_location_hints=False)` of `lerbridge.specs.pesc_xml.transcript_schema()` "
        "(CollegeTranscript v1.6.0 + AcademicRecord v1.9.0 + CoreMain v1.14.0, compiled "
        "once, `allow='local'`) on the tree parsed by lxml; floor "
        "`etree.tostring(etree.fromstring(raw))`"
    )
}


def yardstick(raw: bytes) -> list[tuple[str, str, Callable[[], Any]]]:
    fromstring, tostring = etree.fromstring, etree.tostring
    schema = pesc_xml.transcript_schema()
    tree = fromstring(raw)
    return [
        (
            "floor",
            "lxml etree.fromstring + etree.tostring (XML floor)",
            lambda: tostring(fromstring(raw)),
        ),
        (
            "jsonschema",
            "xmlschema transcript_schema().is_valid(tree) (XML validation)",
            lambda: schema.is_valid(tree, use_location_hints=False),
        ),
    ]


def facts(raw: bytes) -> dict[str, Any]:
    out: dict[str, Any] = {
        "bytes": f"{len(raw):,}",
        "source XSD errors (xmlschema)": len(pesc_xml.validate_transcript(etree.fromstring(raw))),
    }
    result = lerbridge.convert(raw, to="clr", from_="pesc")
    doc = orjson.loads(result.documents[0].data)
    out["pesc->clr output CLR schema errors"] = len(specs.validate(doc, "clr/clrcredential"))
    out["pesc->clr loss entries"] = f"{len(result.report)} ({_codes(result.report)})"
    again = lerbridge.convert(raw, to="pesc", from_="pesc").documents[0].data
    out["pesc->pesc output XSD-valid"] = pesc_xml.is_valid_transcript(etree.fromstring(again))
    return out


def bench_pesc(s: Settings, progress: bool) -> DocResult:
    raw = PESC_DOC.read_bytes()
    convert = lerbridge.convert
    ops = [
        *yardstick(raw),
        *_conversion_ops(raw, "pesc", "clr"),
        (
            "to-pesc",
            "lerbridge.convert pesc->pesc (validated)",
            lambda: convert(raw, to="pesc", from_="pesc"),
        ),
    ]
    extra = {
        "conversions": [("convert", "pesc->clr"), ("to-pesc", "pesc->pesc")],
        "validator": PESC_VALIDATOR,
        "floor": "lxml",
    }
    return _result(
        "SPEEDE transcript", where(PESC_DOC), "pesc", raw, facts(raw), ops, extra, s, progress
    )
