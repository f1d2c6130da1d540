"""B8 item 30: ids and input names that look like paths never leave the output folder."""

from __future__ import annotations

import json
from pathlib import Path

import lerbridge
from lerbridge.batch import safe_name
from lerbridge.cli.common import plan_outputs
from lerbridge.formats.base import Document


def test_b8_30_record_id_as_a_path_is_sanitised(welding: bytes, tmp_path: Path) -> None:
    doc = json.loads(welding)
    doc["id"] = "../../etc/passwd"
    [out] = lerbridge.convert(doc, to="ob3").documents
    assert "/" not in out.name and ".." not in out.name
    docs = [
        Document(b"{}", "../../etc/x"),
        Document(b"{}", "..\\..\\boot.ini"),
        Document(b"{}", ".hidden\x00\u202e"),
    ]
    plan = plan_outputs(docs, "in/../../evil.json", str(tmp_path / "out"), False, True, ".json")
    root = (tmp_path / "out").resolve()
    for path, _ in plan:
        assert path is not None and path.resolve().is_relative_to(root), path
    assert [p.name for p, _ in plan if p] == ["x", "boot.ini", "hidden_"]


def test_safe_name_never_empty_and_one_component() -> None:
    for raw in ("..", "/", "", "a/b/../c", "\x00", "x" * 500):
        name = safe_name(raw)
        assert name and "/" not in name and not name.startswith(".") and len(name) <= 120
