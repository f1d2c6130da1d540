"""Helpers shared by the LER-RS tests: locating the upstream samples, reading and writing
through the registered format with explicit write options, and a JSON-Pointer diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lerbridge.formats import registry
from lerbridge.formats.base import Document, Input, ReadOptions, WriteOptions
from lerbridge.model import LearnerRecord
from lerbridge.report import LossReport

V2 = ("fixtures-upstream", "hropen", "ler-rs-v2")
HRXML = ("fixtures-upstream", "hropen", "hr-xml-2.5")
UC008 = "LER-RS_V2_UC008_portability.json"
VCWRAPPER = "LER-RS_V2_VCwrapper.json"
SAMPLES = (UC008, VCWRAPPER)
OB3_CRED_ID = "http://example.com/credentials/3527"
TYPE_44 = "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json"
TYPE_45 = "http://schema.hropenstandards.org/4.5/recruiting/json/LER-RSType.json"
PROV_44 = (
    "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/"
    "ProvisionalVerifiableCredentialEducationAndLearningType.json"
)


def v2(shared_dir: Path, name: str) -> Path:
    return shared_dir.joinpath(*V2, name)


def hrxml(shared_dir: Path, name: str) -> Path:
    return shared_dir.joinpath(*HRXML, name)


def load(path: Path) -> Any:
    return json.loads(path.read_bytes())


def read_lerrs(data: bytes | Any, name: str = "<test>") -> tuple[LearnerRecord, LossReport]:
    """Read LER-RS bytes (or a JSON value) with the lerrs reader."""
    if not isinstance(data, bytes):
        data = json.dumps(data).encode()
    fmt = registry.get("lerrs")
    assert fmt.reader is not None
    report = LossReport()
    records = fmt.reader(Input(data, name), ReadOptions(), report)
    assert len(records) == 1
    return records[0], report


def write(record: LearnerRecord, to: str = "lerrs", **options: Any) -> tuple[Document, LossReport]:
    """Write with explicit WriteOptions (lerrs_vc, lerrs_type_url, keep_proofs ...)."""
    fmt = registry.get(to)
    assert fmt.writer is not None
    report = LossReport()
    docs = fmt.writer(record, WriteOptions(**options), report)
    assert len(docs) == 1
    return docs[0], report


def write_json(record: LearnerRecord, **options: Any) -> tuple[Any, LossReport]:
    doc, report = write(record, "lerrs", **options)
    return json.loads(doc.data), report


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def json_diff(a: Any, b: Any, at: str = "") -> set[str]:
    """The JSON Pointers where ``a`` and ``b`` differ (a key present on one side only, a
    list of another length, or a different scalar/type is one pointer)."""
    if type(a) is not type(b):
        return {at}
    if isinstance(a, dict):
        out: set[str] = set()
        for key in a.keys() | b.keys():
            here = f"{at}/{_escape(str(key))}"
            if key not in a or key not in b:
                out.add(here)
            else:
                out |= json_diff(a[key], b[key], here)
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return {at}
        out = set()
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out |= json_diff(x, y, f"{at}/{i}")
        return out
    return set() if a == b else {at}


def pointer(doc: Any, path: str) -> Any:
    for part in path.lstrip("/").split("/") if path else []:
        key = part.replace("~1", "/").replace("~0", "~")
        doc = doc[int(key)] if isinstance(doc, list) else doc[key]
    return doc


def codes(report: LossReport, code: str) -> list[Any]:
    return [e for e in report.entries if e.code == code]
