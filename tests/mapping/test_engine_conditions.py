"""Engine additions made for CTDL, each generic: ``with`` conditions (one_of / none_of),
the ``vocab``, ``pattern`` and ``single`` transforms, ``mint: ctid``, and write-only rules
that do not judge what a source held at their path."""

from __future__ import annotations

import re
from pathlib import Path

from lerbridge.mapping.compiler import load_mapping
from lerbridge.mapping.engine import ReadContext, WriteContext, read_object, write_object
from lerbridge.mapping.reading import mint_ctid
from lerbridge.mapping.transforms import REGISTRY, Keep, TransformContext
from lerbridge.model import Achievement, LearnerRecord
from lerbridge.report import LossReport


def _mapping(tmp_path: Path) -> Path:
    p = tmp_path / "cond.yaml"
    p.write_text(
        "mapping: cond\nroot: {object: Rec, canonical: '.'}\nobjects:\n"
        "  Rec:\n    canonical: LearnerRecord\n    rules:\n"
        "      - {native: courses, canonical: achievements, object: Ach, array: true,\n"
        "         with: {achievement_type: {one_of: [Course]}}}\n"
        "      - {native: others, canonical: achievements, object: Ach, array: true,\n"
        "         with: {achievement_type: {none_of: [Course]}}}\n"
        "  Ach:\n    canonical: Achievement\n    rules:\n"
        "      - {native: id, canonical: id, transform: string}\n"
        "      - {native: kind, canonical: achievement_type, transform: vocab,\n"
        "         params: {exact: {'x:Course': Course, 'x:Badge': Badge},\n"
        "                  write_approx: {Award: 'x:Badge'}, ext_prefix: 'ext:'}}\n"
        "      - {native: ctid, canonical: ctid, transform: pattern, mint: ctid,\n"
        "         params: {pattern: 'ce-[0-9a-f-]{36}', what: CTID}}\n"
        "      - {native: label, canonical: human_code, transform: vocab, direction: write,\n"
        "         params: {exact: {Short: Course}}}\n",
        encoding="utf-8",
    )
    return p


def test_with_conditions_route_on_write_and_set_nothing_on_read(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path))
    native = {
        "courses": [{"id": "c", "kind": "x:Course"}],
        "others": [{"id": "b", "kind": "x:Badge"}],
    }
    rec = read_object(m.objects["Rec"], native, "", ReadContext(m, LossReport()))
    assert isinstance(rec, LearnerRecord)
    assert [(a.id, a.achievement_type) for a in rec.achievements] == [
        ("c", "Course"),
        ("b", "Badge"),
    ]
    out = write_object(m.objects["Rec"], rec, "", WriteContext(m, LossReport(), {}))
    assert [a["id"] for a in out["courses"]] == ["c"]
    assert [a["id"] for a in out["others"]] == ["b"]


def test_vocab_transform() -> None:
    t = REGISTRY["vocab"]
    params = {"exact": {"n:A": "A"}, "read_approx": {"n:Old": "A"}, "write_approx": {"B": "n:A"},
              "ext_prefix": "ext:", "default_write": "n:Other"}  # fmt: skip
    report = LossReport()
    tc = TransformContext(report, "f", "/p", "c", params)
    assert t.read("n:A", tc) == "A" and not report.entries
    assert t.read("n:Old", tc) == "A"
    assert t.read("n:New", tc) == "ext:New"
    assert t.write("A", tc) == "n:A"
    assert t.write("B", tc) == "n:A"
    assert t.write("C", tc) == "n:Other"
    assert [e.code for e in report] == ["enum-approximated"] * 4
    try:
        t.read("n:New", TransformContext(LossReport(), "f", "/p", "c", {"exact": {}}))
    except Keep:
        pass
    else:  # pragma: no cover
        raise AssertionError("an unknown term without ext_prefix is kept, not guessed")


def test_pattern_reports_and_never_rewrites() -> None:
    t = REGISTRY["pattern"]
    report = LossReport()
    tc = TransformContext(report, "f", "/ctid", "ctid", {"pattern": "ce-[0-9a-f]+", "what": "CTID"})
    assert t.read("ce-ABC", tc) == "ce-ABC"
    assert t.write("ce-ABC", tc) == "ce-ABC"
    assert [e.code for e in report] == ["source-schema-violation", "target-schema-violation"]
    assert t.read("ce-abc", TransformContext(LossReport(), "f", "", "", tc.params)) == "ce-abc"


def test_single_reads_a_list_of_one() -> None:
    t = REGISTRY["single"]
    tc = TransformContext(LossReport(), "f", "/p", "c")
    assert t.read(["a"], tc) == "a"
    assert t.read("a", tc) == "a"
    try:
        t.read(["a", "b"], tc)
    except Keep:
        pass
    else:  # pragma: no cover
        raise AssertionError("two values are kept, not cut to one")


def test_mint_ctid_is_deterministic_version_4() -> None:
    ctid = mint_ctid("https://example.org/a")
    assert re.fullmatch(
        r"ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", ctid
    )
    assert mint_ctid("https://example.org/a") == ctid != mint_ctid("https://example.org/b")


def test_mint_ctid_rule_uses_the_object_id(tmp_path: Path) -> None:
    m = load_mapping(_mapping(tmp_path))
    report = LossReport()
    out = write_object(m.objects["Ach"], Achievement(id="u:1"), "a", WriteContext(m, report, {}))
    assert out["ctid"] == mint_ctid("u:1")
    assert [e.code for e in report] == ["value-synthesized"]


def test_write_only_rule_lets_the_source_value_come_back(tmp_path: Path) -> None:
    """A source value at a write-only rule's path is kept as an extension and written back,
    even when that rule's transform could not read it."""
    m = load_mapping(_mapping(tmp_path))
    report = LossReport()
    ach = read_object(
        m.objects["Ach"], {"id": "c", "label": {"en": "Short"}}, "", ReadContext(m, report)
    )
    assert ach.extensions == {"cond": {"label": {"en": "Short"}}}
    out = write_object(m.objects["Ach"], ach, "a", WriteContext(m, LossReport(), {}))
    assert out["label"] == {"en": "Short"}
