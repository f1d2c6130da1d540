"""CASE packages: every upstream fixture reads (or fails clearly), CASE -> CASE passes the
official 1.1 CFPackage schema and keeps every item, association and definition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.errors import ReadError

CASE = "case"
FIXTURES = [
    "compeito_opencase-export_case1p1_ikenohata-univ_ja.json",
    "opensalt-test_adopted.json",
    "opensalt-test_itemtype_2018-internal-refs.json",
    "opensalt-test_markdown.json",
    "opensalt-test_smartlevel_2017-internal-refs.json",
    "opensalt-test_utf8-astral.json",
    "opensalt_sample-export_what-standards-could-be_2017.json",
]
SAMPLE = "opensalt_sample-export_what-standards-could-be_2017.json"
COMPEITO = FIXTURES[0]


def _load(upstream: Path, name: str) -> dict:
    return json.loads((upstream / "case" / name).read_bytes())


def _out(result: lerbridge.Result) -> dict:
    (doc,) = result.documents
    return json.loads(doc.data)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_round_trips_valid_and_complete(upstream: Path, name: str) -> None:
    src = _load(upstream, name)
    result = lerbridge.convert(upstream / "case" / name, to=CASE)
    assert result.source_format == CASE
    out = _out(result)
    assert specs.validate(out, "case/cfpackage") == []
    assert not [e for e in result.report.entries if e.code == "target-schema-violation"]
    assert out["CFDocument"]["caseVersion"] == "1.1"
    assert [i["identifier"].lower() for i in out["CFItems"]] == [
        i["identifier"].lower() for i in src["CFItems"]
    ]
    assert [a["identifier"] for a in out["CFAssociations"]] == [
        a["identifier"] for a in src["CFAssociations"]
    ]
    assert [a["associationType"] for a in out["CFAssociations"]] == [
        a["associationType"] for a in src["CFAssociations"]
    ]
    for key in ("CFItemTypes", "CFSubjects", "CFConcepts", "CFLicenses", "CFAssociationGroupings"):
        before = (src.get("CFDefinitions") or {}).get(key) or []
        after = (out.get("CFDefinitions") or {}).get(key) or []
        assert [d["identifier"] for d in after] == [d["identifier"] for d in before]
    assert len(out.get("CFRubrics", [])) == len(src.get("CFRubrics") or [])
    for item, before in zip(out["CFItems"], src["CFItems"], strict=True):
        assert item["fullStatement"] == before["fullStatement"]
        assert item.get("humanCodingScheme") == before.get("humanCodingScheme")


def test_hierarchy_and_order_from_ischildof(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / "case" / COMPEITO)
    (fw,) = record.frameworks
    assert fw.name == {"ja": "池之端大学 情報学部 コンピテンシーフレームワーク"}
    assert fw.languages == ["ja"]
    assert fw.ctid == "ce-4f3c6a12-e83b-4654-b7ce-1738552191e4"
    by_id = {s.id: s for s in record.skills}
    assert len(by_id) == 36
    assert all(s.framework == fw.id for s in record.skills)
    tops = [by_id[t].code for t in fw.top_children]
    assert tops and all(by_id[t].parent_id is None for t in fw.top_children)
    # children are in sequenceNumber order and point back at their parent
    src = _load(upstream, COMPEITO)
    for parent in record.skills:
        for kid in parent.children:
            assert by_id[kid].parent_id == parent.id
    seqs = {}
    for a in src["CFAssociations"]:
        seqs.setdefault(a["destinationNodeURI"]["identifier"], []).append(
            (a["sequenceNumber"], a["originNodeURI"]["identifier"])
        )
    se = next(s for s in record.skills if s.code == "SE")
    expected = [i for _, i in sorted(seqs["10000000-0000-0000-0000-000000000002"])]
    got = [by_id[k].extensions.get("case", {}).get("identifier") for k in se.children]
    assert got == expected


def test_other_association_types_are_typed_links(upstream: Path) -> None:
    record, report = lerbridge.read(upstream / "case" / SAMPLE)
    types = sorted({a.type for a in record.associations})
    assert types == ["exactMatchOf", "exemplar", "isChildOf", "isRelatedTo", "precedes"]
    assert sum(a.type == "exactMatchOf" for a in record.associations) == 16
    # two sequenceNumbers are strings in this 2017 export: read as numbers, reported
    coerced = [e for e in report.entries if e.source_path.endswith("/sequenceNumber")]
    assert len(coerced) == 2 and all(e.code == "value-coerced" for e in coerced)
    assert {a.sequence for a in record.associations if a.sequence is not None} == {1, 2}


def test_broken_shapes_are_cleaned_and_reported(upstream: Path) -> None:
    _, report = lerbridge.read(
        upstream / "case" / "opensalt-test_smartlevel_2017-internal-refs.json"
    )
    dropped = [e for e in report.entries if e.source_path.endswith("/CFDocumentURI")]
    assert len(dropped) == 14 + 14  # every item and every association carried one
    assert all(e.code == "unmapped-source-field" for e in dropped)
    _, report = lerbridge.read(upstream / "case" / COMPEITO)
    nulls = [e for e in report.entries if e.message.startswith("null ")]
    assert nulls and all(e.code == "value-coerced" for e in nulls)


def test_not_a_package_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"CFItems": []}')
    with pytest.raises(ReadError) as err:
        lerbridge.read(bad, "case")
    assert "not a CASE CFPackage" in str(err.value)
    assert "x.json" in str(err.value)
    broken = tmp_path / "y.json"
    broken.write_text('{"CFDocument": {"uri": "u", "title": "t"}, "CFItems": {}}')
    with pytest.raises(ReadError) as err:
        lerbridge.read(broken, "case")
    assert "CFItems is not an array" in str(err.value)


def test_detected_and_listed(upstream: Path) -> None:
    assert lerbridge.detect(upstream / "case" / "opensalt-test_adopted.json") == "case"
    assert "case" in [f.name for f in lerbridge.formats()]


def test_write_is_deterministic(upstream: Path) -> None:
    a = lerbridge.convert(upstream / "case" / SAMPLE, to=CASE).documents[0].data
    b = lerbridge.convert(upstream / "case" / SAMPLE, to=CASE).documents[0].data
    assert a == b


def test_conformance_uses_the_case_schema(upstream: Path, tmp_path: Path) -> None:
    """The conformance run's schema stage checks packages against the official 1.1
    schema: the three fixtures valid there pass every stage, the four invalid ones fail it."""
    from click.testing import CliRunner

    from lerbridge.cli import main

    for name in FIXTURES:
        (tmp_path / name).write_bytes((upstream / "case" / name).read_bytes())
    out = tmp_path / "run.json"
    CliRunner().invoke(main, ["conformance", "run", str(tmp_path), "--json", str(out)])
    files = json.loads(out.read_text())["files"]
    verdicts = {Path(f["path"]).name: f["verdict"] for f in files}
    assert {n for n, v in verdicts.items() if v == "pass"} == {
        "opensalt-test_adopted.json",
        "opensalt-test_markdown.json",
        "opensalt-test_utf8-astral.json",
    }
    for f in files:
        assert f["format"] == "case"
        schema = next(s for s in f["stages"] if s["stage"] == "schema")
        assert schema["ran"]
        assert bool(schema["findings"]) == (verdicts[Path(f["path"]).name] == "fail")


def test_service_wrapper_is_accepted(upstream: Path, tmp_path: Path) -> None:
    """Some servers wrap the package ({"CFPackage": ...}); report paths say so."""
    src = _load(upstream, "opensalt-test_adopted.json")
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"CFPackage": src}))
    record, report = lerbridge.read(path)
    assert record.frameworks[0].name == {"und": "Adopted Test"}
    assert all(e.source_path.startswith("/CFPackage/") for e in report.entries)
    assert lerbridge.validate(path) == []
