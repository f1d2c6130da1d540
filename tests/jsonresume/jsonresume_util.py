"""Helpers for the JSON Resume tests: the upstream files, what the 1.3.1 schema and its
``uri`` / ``email`` formats say of a document, and the tidy form a lossless round trip
must give back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lerbridge import specs
from lerbridge.formats.jsonresume.native import uri_issues

FOLDER = ("jsonresume",)

#: valid against 1.3.1 with formats on (../shared/fixtures-upstream/jsonresume/SOURCES.md)
VALID = (
    "eaxdev_valid-resume_legacy-keys.json",
    "fresh-test-resumes_jrs_jane-fullstacker.json",
    "jsonresume-org_example_new-grad.json",
    "jsonresume-org_sample-data_complete-resume.json",
    "jsonresume-org_schema-sample_richard-hendriks.json",
    "kelvintaywl_empty-object.json",
    "kurone-kito_japanese-cv-style_resume_ja.json",
    "scottnath_microdata_sample-resume.json",
)

LEGACY = {
    "basics": {"picture": "image", "website": "url"},
    "work": {"company": "name", "website": "url"},
    "volunteer": {"website": "url"},
    "publications": {"website": "url"},
    "education": {"gpa": "score", "grade": "score"},
}


def all_files(upstream: Path) -> list[Path]:
    return sorted(upstream.joinpath(*FOLDER).glob("*.json"))


def schema_problems(doc: Any) -> list[str]:
    """Every 1.3.1 schema issue and every broken ``uri`` / ``email`` format."""
    issues = [f"{i.pointer}: {i.message}" for i in specs.validate(doc, "jsonresume/resume")]
    return issues + [f"{p}: {problem}" for p, problem, _ in uri_issues(doc)]


def tidy(doc: Any, section: str | None = None) -> Any:
    """The document as lerbridge reads it: the 0.0.x keys upgraded, and ``null``, ``""``
    and emptied lists left out (each reported when read)."""
    if isinstance(doc, list):
        items = [tidy(v, section) for v in doc if v not in ("", None)]
        return [v for v in items if v not in ({}, [])]
    if not isinstance(doc, dict):
        return doc
    renames = LEGACY.get(section or "", {})
    out = {}
    for key, value in doc.items():
        if value in ("", None, [], {}):
            continue
        new = renames.get(key, key)
        if new != key and new in doc:
            new = key
        child = key if section is None else None
        out[new] = tidy(value, child)
    return out


def load(path: Path) -> Any:
    return json.loads(path.read_bytes())
