"""The engine on its own: extensions kept and restored, coverage reporting, const
checks, minting, transforms' loss entries."""

from __future__ import annotations

from pathlib import Path

from lerbridge.mapping.compiler import load_mapping
from lerbridge.mapping.engine import ReadContext, WriteContext, mint_id, read_object, write_object
from lerbridge.mapping.transforms import REGISTRY, TransformContext
from lerbridge.model import Achievement, Award, Identifier, Recipient, Skill
from lerbridge.report import LossReport


def _ach_native(**extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "https://example.org/a/1",
        "type": ["Achievement"],
        "name": "Welding",
        "description": "Arc welding",
        "criteria": {"narrative": "Pass"},
    }
    base.update(extra)
    return base


def test_unknown_keys_become_extensions_and_come_back() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    native = _ach_native(vendorScore={"a": 1}, type=["Achievement", "VendorAchievement"])
    ach = read_object(m.objects["Achievement"], native, "/x", ReadContext(m, report))
    assert ach.extensions == {
        "ob3": {"vendorScore": {"a": 1}, "type": ["Achievement", "VendorAchievement"]}
    }
    assert sorted(e.source_path for e in report.by_code("unmapped-source-field")) == [
        "/x/type",
        "/x/vendorScore",
    ]
    out = write_object(m.objects["Achievement"], ach, "a", WriteContext(m, LossReport(), {}))
    assert out["vendorScore"] == {"a": 1}
    assert out["type"] == ["Achievement", "VendorAchievement"]


def test_wrong_constant_is_reported_and_written_strictly() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    native = {
        "type": "NotAnIdentityObject",
        "identityHash": "x@example.org",
        "identityType": "emailAddress",
        "hashed": False,
    }
    ident = read_object(m.objects["IdentityObject"], native, "/i", ReadContext(m, report))
    assert [e.source_path for e in report.by_code("source-schema-violation")] == ["/i/type"]
    out = write_object(m.objects["IdentityObject"], ident, "i", WriteContext(m, LossReport(), {}))
    assert out["type"] == "IdentityObject"


def test_fields_without_a_target_are_reported() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    ach = Achievement(id="urn:x", name={"und": "A"}, description={"und": "B"}, ctid="ce-123")
    write_object(m.objects["Achievement"], ach, "achievements[0]", WriteContext(m, report, {}))
    [entry] = report.by_code("no-target-field")
    assert entry.canonical_path == "achievements[0].ctid"
    assert entry.excerpt == "ce-123"


def test_other_namespace_extensions_are_reported_not_written() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    ach = Achievement(
        id="urn:x",
        name={"und": "A"},
        description={"und": "B"},
        extensions={"ctdl": {"ceterms:naics": ["333"]}},
    )
    out = write_object(m.objects["Achievement"], ach, "a", WriteContext(m, report, {}))
    assert "ceterms:naics" not in out
    [entry] = report.by_code("no-target-field")
    assert "ceterms:naics" in entry.message


def test_required_values_are_synthesized_and_reported() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    ach = Achievement(id="", name={"und": "Only a name"})
    out = write_object(m.objects["Achievement"], ach, "a", WriteContext(m, report, {}))
    assert out["id"].startswith("urn:uuid:")
    assert out["description"] == "Only a name"
    assert out["criteria"] == {}
    msgs = sorted(e.message for e in report.by_code("value-synthesized"))
    assert msgs == [
        "criteria set to the mapping's default",
        "description filled from name",
        "id minted deterministically from the content",
    ]


def test_minted_ids_are_deterministic_and_content_based() -> None:
    a = Skill(name={"en": "Welding"})
    assert mint_id("skill", a) == mint_id("skill", Skill(name={"en": "Welding"}))
    assert mint_id("skill", a) != mint_id("skill", Skill(name={"en": "Brazing"}))
    assert mint_id("skill", a).startswith("urn:uuid:")


def test_language_dropped_when_target_takes_one_language() -> None:
    report = LossReport()
    tc = TransformContext(report, "ob3", "", "achievements[0].name", {}, "nl")
    text = REGISTRY["text"].write({"en": "Welding", "nl": "Lassen"}, tc)
    assert text == "Lassen"
    [entry] = report.by_code("language-dropped")
    assert entry.excerpt == "Welding"


def test_dates_keep_precision_and_widen_with_a_report() -> None:
    report = LossReport()
    tc = TransformContext(report, "ob3", "", "awards[0].valid_from", {"form": "datetime"})
    assert REGISTRY["date"].write("2019-06", tc) == "2019-06-01T00:00:00Z"
    assert REGISTRY["date"].write("2019-06-01T10:00:00Z", tc) == "2019-06-01T10:00:00Z"
    assert [e.code for e in report] == ["value-coerced"]
    rtc = TransformContext(report, "ob3", "/validFrom", "valid_from", {})
    assert REGISTRY["date"].read("2019", rtc) == "2019"
    assert REGISTRY["date"].read(1262304000, rtc) == "2010-01-01T00:00:00Z"


def test_award_link_dedupes_same_achievement() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    ctx = ReadContext(m, report)
    cred = {
        "credentialSubject": {"achievement": _ach_native()},
        "issuer": "https://example.org/i",
        "validFrom": "2020-01-01T00:00:00Z",
    }
    a1 = read_object(m.objects["Credential"], cred, "/0", ctx)
    a2 = read_object(m.objects["Credential"], cred, "/1", ctx)
    assert isinstance(a1, Award) and isinstance(a2, Award)
    assert a1.achievement_id == a2.achievement_id == "https://example.org/a/1"
    assert len(ctx.linked["achievements"]) == 1


def _with_mapping(tmp_path: Path) -> Path:
    p = tmp_path / "with.yaml"
    p.write_text(
        "mapping: sis\nroot: {object: Student, canonical: awards}\nobjects:\n"
        "  Student:\n    canonical: Award\n    rules:\n"
        "      - {native: id, canonical: id}\n"
        "      - {native: studentId, canonical: recipient.identifiers, object: Ident, iri: value,\n"
        "         compact: true, with: {scheme: 'ext:studentId'}}\n"
        "      - {native: email, canonical: recipient.identifiers, object: Ident, iri: value,\n"
        "         compact: true, with: {scheme: emailAddress}}\n"
        "  Ident:\n    canonical: Identifier\n    rules:\n"
        "      - {native: value, canonical: value, transform: string}\n"
        "      - {native: kind, canonical: scheme, transform: enum,\n"
        "         params: {values: [emailAddress], read_table: {mail: emailAddress}}}\n",
        encoding="utf-8",
    )
    return p


def test_with_sets_and_selects_the_discriminator(tmp_path: Path) -> None:
    m = load_mapping(_with_mapping(tmp_path))
    report = LossReport()
    award = read_object(
        m.objects["Student"],
        {"id": "a", "studentId": "2645", "email": "x@example.org"},
        "",
        ReadContext(m, report),
    )
    assert isinstance(award, Award) and award.recipient is not None
    assert [(i.value, i.scheme) for i in award.recipient.identifiers] == [
        ("2645", "ext:studentId"),
        ("x@example.org", "emailAddress"),
    ]
    out = write_object(m.objects["Student"], award, "", WriteContext(m, LossReport(), {}))
    assert out == {"id": "a", "studentId": "2645", "email": "x@example.org"}


def test_with_reports_items_no_rule_takes(tmp_path: Path) -> None:
    m = load_mapping(_with_mapping(tmp_path))
    award = Award(
        id="a",
        recipient=Recipient(
            identifiers=[Identifier(value="123-45", scheme="nationalIdentityNumber")]
        ),
    )
    report = LossReport()
    out = write_object(m.objects["Student"], award, "awards[0]", WriteContext(m, report, {}))
    assert out == {"id": "a"}
    [entry] = report.by_code("no-target-field")
    assert entry.canonical_path == "awards[0].recipient.identifiers[0]"
    assert entry.excerpt == "123-45"


def test_read_table_upgrades_older_spellings(tmp_path: Path) -> None:
    m = load_mapping(_with_mapping(tmp_path))
    report = LossReport()
    ident = read_object(
        m.objects["Ident"], {"value": "v", "kind": "mail"}, "/i", ReadContext(m, report)
    )
    assert ident.scheme == "emailAddress"
    [entry] = report.by_code("value-coerced")
    assert entry.source_path == "/i/kind"


def test_json_null_is_neither_mapped_nor_kept() -> None:
    m = load_mapping("ob3")
    report = LossReport()
    ach = read_object(
        m.objects["Achievement"],
        _ach_native(version=None, vendorNote=None),
        "/a",
        ReadContext(m, report),
    )
    assert ach.version is None and ach.extensions == {}
    assert report.by_code("unmapped-source-field") == []


def test_with_alone_makes_an_object_from_a_marker_cell(tmp_path: Path) -> None:
    """An object read from a scalar by ``iri`` whose object has no rule for that key is
    made from ``with`` alone (the cell says only that it exists); a ``with`` id is set
    before a missing id would be minted, so nothing is minted or kept as an extension."""
    p = tmp_path / "marker.yaml"
    p.write_text(
        "mapping: sis\nroot: {object: Course, canonical: achievements}\nobjects:\n"
        "  Course:\n    canonical: Achievement\n    rules:\n"
        "      - {native: id, canonical: id}\n"
        "      - {native: gpa, canonical: result_descriptions, object: Desc, iri: value,\n"
        "         with: {id: 'urn:x:gpa', result_type: GradePointAverage, name: {und: GPA}}}\n"
        "  Desc:\n    canonical: ResultDescription\n    rules: []\n",
        encoding="utf-8",
    )
    m = load_mapping(p)
    report = LossReport()
    ach = read_object(m.objects["Course"], {"id": "a", "gpa": "3.5"}, "", ReadContext(m, report))
    assert isinstance(ach, Achievement)
    [rd] = ach.result_descriptions
    assert (rd.id, rd.result_type, rd.name) == ("urn:x:gpa", "GradePointAverage", {"und": "GPA"})
    assert rd.extensions == {} and ach.extensions == {}
    assert not report.by_code("value-synthesized") and not report.by_code("unmapped-source-field")
    none = read_object(m.objects["Course"], {"id": "a"}, "", ReadContext(m, LossReport()))
    assert isinstance(none, Achievement) and none.result_descriptions == []


def test_unreadable_values_dropped_by_default_kept_on_request(tmp_path: Path) -> None:
    """A value the reader could not read stays an extension; a strict format reports it and
    writes nothing there, a format that checks its own output may write it back."""
    text = (
        "mapping: strictfmt\nroot: {object: A, canonical: awards}\nobjects:\n  A:\n"
        "    canonical: Award\n    rules:\n      - {native: when, canonical: valid_from,"
        " transform: date}\n"
    )
    strict = tmp_path / "strict.yaml"
    strict.write_text(text, encoding="utf-8")
    lax = tmp_path / "lax.yaml"
    lax.write_text(text.replace("root:", "unreadable: keep\nroot:"), encoding="utf-8")
    for path, expected in ((strict, {}), (lax, {"when": "last spring"})):
        m = load_mapping(path)
        award = read_object(
            m.objects["A"], {"when": "last spring"}, "", ReadContext(m, LossReport())
        )
        assert award.extensions == {"strictfmt": {"when": "last spring"}}
        report = LossReport()
        out = write_object(m.objects["A"], award, "a", WriteContext(m, report, {}))
        assert out == expected
        assert len(report.by_code("no-target-field")) == (1 if path is strict else 0)
