"""The PESC XSDs lerbridge lists are exactly the import closure of the CollegeTranscript
schema, each verified against the manifest; the compile never leaves the specs folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lerbridge import specs
from lerbridge.specs import OfflineRefError
from lerbridge.specs._root import read_verified
from lerbridge.specs.hropen_xml import _mapper
from lerbridge.specs.pesc_xml import TRANSCRIPT_XSD, transcript_schema


def test_manifest_lists_the_import_closure(shared_dir: Path) -> None:
    folder = shared_dir / "specs" / "pesc" / "xsd"
    todo, seen = [TRANSCRIPT_XSD], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = (folder / name).read_text(encoding="utf-8")
        todo += re.findall(r'<xs:(?:import|include)[^>]*schemaLocation="([^"]+)"', text)
    listed = {rel for rel in specs.manifest() if rel.startswith("pesc/")}
    assert listed == {f"pesc/xsd/{n}" for n in seen}
    assert len(listed) == 3
    for rel in listed:
        assert read_verified(rel) == (shared_dir / "specs" / rel).read_bytes()


def test_schema_namespaces_and_offline_mapper(shared_dir: Path) -> None:
    schema = transcript_schema()
    assert "urn:org:pesc:sector:AcademicRecord:v1.9.0" in schema.maps.namespaces
    assert "urn:org:pesc:core:CoreMain:v1.14.0" in schema.maps.namespaces
    mapper = _mapper(shared_dir / "specs" / "pesc" / "xsd", "PESC College Transcript")
    assert mapper("CoreMain_v1.14.0.xsd") == "CoreMain_v1.14.0.xsd"
    with pytest.raises(OfflineRefError, match="PESC College Transcript"):
        mapper("https://www.pesc.org/CoreMain_v1.14.0.xsd")
