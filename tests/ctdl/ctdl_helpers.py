"""Shared helpers for the CTDL tests: read a fixture of ../shared, write records back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lerbridge.formats import registry
from lerbridge.formats.base import Input, ReadOptions, WriteOptions
from lerbridge.model import LearnerRecord
from lerbridge.report import LossReport

FIXTURES = (
    "competencyframework_onet_basic_skills.json",
    "handbook_degree_with_concentration.json",
    "ingest-example_course-1a.json",
    "ingest-example_credential-1_bachelordegree.json",
    "ingest-example_learningprogram-1.json",
    "ingest-example_organization-1.json",
    "legacy-2017_assessmentprofile_crna.json",
    "legacy-2017_certification_cota.json",
    "registry-assistant_certification_detailed_graph.json",
    "registry-envelope_competencyframework_hosp229.json",
    "registry-envelope_credentialorganization.json",
    "vc-with-ctdl_degree_in_registry_and_vc.json",
)


def ctdl_dir(shared: Path) -> Path:
    return shared / "fixtures-upstream" / "ctdl"


def read_bytes(data: bytes, name: str = "input.json") -> tuple[LearnerRecord, LossReport]:
    report = LossReport()
    (record,) = registry.get("ctdl").reader(Input(data, name), ReadOptions(), report)
    return record, report


def read_fixture(shared: Path, name: str) -> tuple[LearnerRecord, LossReport]:
    path = ctdl_dir(shared) / name
    return read_bytes(path.read_bytes(), name)


def write(record: LearnerRecord, **opts: Any) -> tuple[list[dict[str, Any]], LossReport]:
    report = LossReport()
    docs = registry.get("ctdl").writer(record, WriteOptions(**opts), report)
    return [json.loads(d.data) for d in docs], report


def source_json(shared: Path, name: str) -> Any:
    doc = json.loads((ctdl_dir(shared) / name).read_text(encoding="utf-8-sig"))
    return doc.get("decoded_resource", doc)


def nodes_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Top-level nodes of a CTDL document (embedded or graph), keyword-aliased to @id/@type."""
    if "@graph" in doc:
        return list(doc["@graph"])
    if "credentialSubject" in doc:  # CTDL inside a W3C credential
        ach = doc["credentialSubject"]["achievement"]
        return [{{"id": "@id", "type": "@type"}.get(k, k): v for k, v in ach.items()}]
    return [{k: v for k, v in doc.items() if k != "@context"}]


def codes(report: LossReport) -> list[str]:
    return [e.code for e in report]


def lower_keys(text: Any) -> Any:
    """Language maps compared with key case normalized (only for comparison)."""
    if isinstance(text, dict):
        return {k.lower(): v for k, v in text.items()}
    return text
