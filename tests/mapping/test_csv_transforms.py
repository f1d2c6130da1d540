"""The transforms CSV profiles use (person_name, language_name, credits, grade), both
directions with their loss entries, and the mapping schema's csv section."""

from __future__ import annotations

from pathlib import Path

import pytest

from lerbridge.errors import MappingError
from lerbridge.formats.csv.profile import load_profile
from lerbridge.mapping.compiler import load_mapping
from lerbridge.mapping.transforms import REGISTRY, Keep, TransformContext
from lerbridge.report import LossReport


def ctx(**params: object) -> TransformContext:
    return TransformContext(LossReport(), "csv", "row 2, column X", "x", dict(params))


def test_person_name() -> None:
    t = REGISTRY["person_name"]
    c = ctx()
    assert t.read("Blend, Bill", c) == {"family": "Blend", "given": "Bill"}
    assert t.read(" Jill Brown ", c) == {"formatted": "Jill Brown"}
    assert t.read("A, B, C", c) == {"formatted": "A, B, C"}
    with pytest.raises(Keep):
        t.read("  ", c)
    assert t.write({"family": "Blend", "given": "Bill"}, c) == "Blend, Bill"
    assert t.write({"formatted": "Jill Brown"}, c) == "Jill Brown"
    w = ctx()
    assert t.write({"family": "King", "given": "Martin", "suffix": "Jr."}, w) == "King, Martin"
    assert w.report.codes() == ["no-target-field"]


def test_language_name() -> None:
    t = REGISTRY["language_name"]
    c = ctx()
    assert t.read("English", c) == "en"
    assert c.report.codes() == ["value-coerced"]
    assert t.read("fr-CA", ctx()) == "fr-CA"
    with pytest.raises(Keep):
        t.read("Klingonese", ctx())
    assert t.write("en", ctx(write="name")) == "English"
    w = ctx(write="name")
    assert t.write("es-MX", w) == "Spanish" and w.report.codes() == ["precision-lost"]
    assert t.write("en", ctx()) == "en"


def test_credits() -> None:
    t = REGISTRY["credits"]
    c = ctx()
    assert t.read("3", c) == 3 and t.read("-1.5", c) == -1.5 and not c.report.entries
    q = ctx(unit="QuarterHour", to="SemesterHour")
    assert t.read("4.5", q) == 3.0 and q.report.codes() == ["value-coerced"]
    assert t.read("3 SemesterHour", ctx(to="SemesterHour")) == 3
    assert t.write(3.0, ctx(unit="QuarterHour", to="SemesterHour")) == 4.5
    with pytest.raises(Keep):
        t.read("three", ctx())
    with pytest.raises(Keep):
        t.read("3 parsecs", ctx(to="SemesterHour"))


def test_grade() -> None:
    t = REGISTRY["grade"]
    assert t.read("A-", ctx()) == [{"value": "A-"}]
    assert t.read("W", ctx(status={"W": "Withdrew"})) == [{"value": "W", "status": "Withdrew"}]
    s = ctx(scale=["A", "B", "C"])
    t.read("Q", s)
    assert s.report.codes() == ["source-schema-violation"]
    w = ctx()
    assert t.write([{"value": "B+"}, {"value": "3.3"}], w) == "B+"
    assert w.report.codes() == ["no-target-field"]
    with pytest.raises(Keep):
        t.write([{"status": "Completed"}], ctx())


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "p.yaml"
    p.write_text(text, "utf-8")
    return p


def test_csv_section_validated_with_line(tmp_path: Path) -> None:
    bad = _write(
        tmp_path,
        "mapping: p\nnamespace: csv\nextends: csv-transcript\ncsv:\n  columns:\n"
        "    - {name: Grade, wrong: 1}\n",
    )
    with pytest.raises(MappingError) as err:
        load_mapping(bad)
    assert "line" in str(err.value)


def test_csv_section_merges_columns(tmp_path: Path) -> None:
    mine = _write(
        tmp_path,
        "mapping: p\nnamespace: csv\nextends: csv-transcript\ncsv:\n  columns:\n"
        "    - {name: Grade, aliases: [Note]}\n    - {name: Extra}\n",
    )
    prof = load_profile(mine)
    base = load_profile("csv-transcript")
    names = [c.name for c in prof.columns]
    assert names == [c.name for c in base.columns] + ["Extra"]
    assert prof.column_for(" NOTE ") is prof.by_name["Grade"]
    assert prof.key == base.key and prof.writable


def test_profile_key_must_be_a_column(tmp_path: Path) -> None:
    bad = _write(
        tmp_path,
        "mapping: p\nnamespace: csv\nextends: csv-badgr\ncsv:\n  key: [Nope]\n",
    )
    with pytest.raises(MappingError, match="key"):
        load_profile(bad)


def test_shipped_profiles_compile() -> None:
    for name in ("csv-transcript", "csv-badgr", "csv-ce-bulk", "csv-canvas-gradebook"):
        prof = load_profile(name)
        assert prof.mapping.namespace == "csv" and prof.columns
