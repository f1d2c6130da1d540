"""The mapping-file language: validation with file and line, semantic checks against the
model, extension by user files, and the rule metadata (fidelity, invertibility)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge.errors import MappingError
from lerbridge.mapping.compiler import load_mapping
from lerbridge.mapping.loader import shipped_mappings
from lerbridge.mapping.transforms import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
WELDING = ROOT / "fixtures" / "ob3" / "lerbridge-welding-certificate.json"


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_mappings_compile_and_name_their_format() -> None:
    assert "ob3" in shipped_mappings()
    m = load_mapping("ob3")
    assert m.namespace == "ob3"
    assert m.root_object == "Credential" and m.root_field == "awards"
    assert {"Credential", "Achievement", "Profile", "Result"} <= set(m.objects)


def test_non_invertible_rules_are_listed() -> None:
    rules = {(o, n) for o, n, _ in load_mapping("ob3").non_invertible()}
    # VC 1.1 names are read only: a round trip writes validFrom/validUntil instead.
    assert ("Credential", "issuanceDate") in rules
    assert ("Credential", "expirationDate") in rules
    assert ("Credential", "validFrom") not in rules


def test_unknown_canonical_path_names_file_and_line(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "mapping: ob3\nextends: ob3\nobjects:\n  Credential:\n    rules:\n"
        "      - native: foo\n        canonical: recipient.no_such_field\n",
    )
    with pytest.raises(MappingError) as err:
        load_mapping(p)
    msg = str(err.value)
    assert str(p) in msg
    assert "line 7" in msg
    assert "recipient.no_such_field" in msg and "no_such_field" in msg


def test_schema_violation_names_line(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "mapping: mine\nroot: {object: A, canonical: awards}\nobjects:\n  A:\n"
        "    canonical: Award\n    rules:\n      - native: id\n        canonical: id\n"
        "        fidelity: perfect\n",
    )
    with pytest.raises(MappingError) as err:
        load_mapping(p)
    assert "line 9" in str(err.value)
    assert "perfect" in str(err.value)


def test_unknown_transform_is_refused_never_evaluated(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "mapping: mine\nroot: {object: A, canonical: awards}\nobjects:\n  A:\n"
        "    canonical: Award\n    rules:\n      - native: id\n        canonical: id\n"
        "        transform: \"__import__('os').system('false')\"\n",
    )
    with pytest.raises(MappingError) as err:
        load_mapping(p)
    assert "unknown transform" in str(err.value)
    assert "line 9" in str(err.value)


def test_python_tags_and_aliases_are_refused(tmp_path: Path) -> None:
    tagged = write(tmp_path, "mapping: !!python/object:os.system x\n", "tag.yaml")
    with pytest.raises(MappingError, match="not valid YAML"):
        load_mapping(tagged)
    alias = write(tmp_path, "mapping: a\nx: &a [1, 2]\ny: *a\n", "alias.yaml")
    with pytest.raises(MappingError, match="aliases are not allowed") as err:
        load_mapping(alias)
    assert "line 3" in str(err.value)


def test_object_type_mismatch_is_refused(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "mapping: mine\nroot: {object: A, canonical: awards}\nobjects:\n  A:\n"
        "    canonical: Award\n    rules:\n      - native: issuer\n        canonical: issuer\n"
        "        object: B\n  B:\n    canonical: Evidence\n    rules: []\n",
    )
    with pytest.raises(MappingError, match="holds Profile, but object 'B' makes Evidence"):
        load_mapping(p)


def test_extends_loop_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "mapping: a\nextends: b.yaml\n", "a.yaml")
    write(tmp_path, "mapping: b\nextends: a.yaml\n", "b.yaml")
    with pytest.raises(MappingError, match="loops back"):
        load_mapping(tmp_path / "a.yaml")


def test_user_mapping_extends_the_shipped_one(tmp_path: Path) -> None:
    """A vendor's extra field (ECTS credits) lands in a canonical field through a user
    mapping alone, with no Python."""
    doc = json.loads(WELDING.read_text("utf-8"))
    doc["credentialSubject"]["achievement"]["ECTS"] = 7.5
    del doc["credentialSubject"]["achievement"]["creditsAvailable"]
    user = write(
        tmp_path,
        "mapping: ob3-ects\nnamespace: ob3\nextends: ob3\nobjects:\n  Achievement:\n"
        "    rules:\n      - {native: ECTS, canonical: credits_available, transform: number}\n",
    )
    plain, plain_report = lerbridge.read(doc, "ob3")
    assert plain.achievements[0].credits_available is None
    assert "/credentialSubject/achievement/ECTS" in {
        e.source_path for e in plain_report.by_code("unmapped-source-field")
    }
    rec, report = lerbridge.read(doc, "ob3", mapping=user)
    assert rec.achievements[0].credits_available == 7.5
    assert rec.provenance is not None and rec.provenance.mapping == str(user)
    assert "/credentialSubject/achievement/ECTS" not in {
        e.source_path for e in report.by_code("unmapped-source-field")
    }
    docs, _ = lerbridge.write(rec, "ob3")
    out = json.loads(docs[0].data)
    assert out["credentialSubject"]["achievement"]["creditsAvailable"] == 7.5


def test_user_mapping_can_remove_a_rule(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "mapping: ob3-notags\nnamespace: ob3\nextends: ob3\nobjects:\n  Achievement:\n"
        "    remove: [humanCode]\n",
    )
    rec, _ = lerbridge.read(WELDING, "ob3", mapping=user)
    ach = rec.achievements[0]
    assert ach.human_code is None
    assert ach.extensions["ob3"]["humanCode"] == "WLD-210"
    docs, _ = lerbridge.write(rec, "ob3")
    assert json.loads(docs[0].data)["credentialSubject"]["achievement"]["humanCode"] == "WLD-210"


def test_mapping_for_another_format_is_refused(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "mapping: other\nroot: {object: A, canonical: awards}\nobjects:\n  A:\n"
        "    canonical: Award\n    rules:\n      - {native: id, canonical: id}\n",
    )
    with pytest.raises(MappingError, match="not for format 'ob3'"):
        lerbridge.read(WELDING, "ob3", mapping=user)


def test_every_transform_is_documented() -> None:
    assert {"identity", "string", "text", "langmap", "date", "number", "enum", "contexts"} <= set(
        REGISTRY
    )
    assert all(t.doc for t in REGISTRY.values())


def test_cli_mapping_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lerbridge.cli import main

    user = write(
        tmp_path,
        "mapping: ob3-notags\nnamespace: ob3\nextends: ob3\nobjects:\n  Achievement:\n"
        "    remove: [humanCode]\n",
    )
    res = CliRunner().invoke(
        main, ["convert", str(WELDING), "--to", "canonical", "--mapping", str(user), "-q"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["achievements"][0]["extensions"]["ob3"]["humanCode"] == "WLD-210"
