"""Small pieces of the ELM format: the value transforms, the claim tree, validate."""

from __future__ import annotations

from pathlib import Path

from lerbridge import validate
from lerbridge.formats.elm import claims
from lerbridge.mapping.transforms import REGISTRY, TransformContext
from lerbridge.report import LossReport


def _tc(report: LossReport, language: str | None = None) -> TransformContext:
    return TransformContext(report, "elm", "/x", "x", {}, language)


def test_credit_points_read_as_numbers_and_written_as_strings() -> None:
    t, r = REGISTRY["elm_point"], LossReport()
    assert t.read("6.00", _tc(r)) == 6.0 and t.read("60", _tc(r)) == 60
    assert r.entries == []
    assert t.read("7,5", _tc(r)) == 7.5
    assert [(e.code, e.excerpt) for e in r.entries] == [("value-coerced", "7,5")]
    assert t.write(6.0, _tc(r)) == "6.00" and t.write(60, _tc(r)) == "60"
    assert t.write(7.125, _tc(r)) == "7.125"


def test_language_maps_stay_maps_and_unstated_language_is_reported() -> None:
    t, r = REGISTRY["elm_langmap"], LossReport()
    assert t.write({"und": "Pass"}, _tc(r)) == {"und": "Pass"}
    assert r.entries == []
    assert t.write({"und": "Pass"}, _tc(r, "en")) == {"en": "Pass"}
    assert [e.code for e in r.entries] == ["value-coerced"]
    s = REGISTRY["elm_string"]
    assert s.read({"en": "Ana", "hu": "Ana"}, _tc(r)) == "Ana"
    assert s.write("Ana", _tc(r, "de")) == {"de": "Ana"}


def test_dates_of_lesser_precision_become_date_times() -> None:
    t, r = REGISTRY["elm_date"], LossReport()
    assert t.write("2019-06-01", _tc(r)) == "2019-06-01T00:00:00"
    assert t.write("2018-08-31T00:00:00+02:00", _tc(r)) == "2018-08-31T00:00:00+02:00"
    assert [e.code for e in r.entries] == ["value-coerced"]


def test_claim_parts_flatten_and_nest_back() -> None:
    part = {"id": "c2", "title": {"en": "Module"}}
    edc = {"credentialSubject": {"hasClaim": {"id": "c1", "hasPart": [part]}}}
    flat, pairs = claims.flatten(edc)
    got = flat["credentialSubject"]["hasClaim"]
    assert [c["id"] for c in got] == ["c1", "c2"] and pairs == [("c1", "c2")]
    assert got[0]["hasPart"] == [{"id": "c2"}]
    assert claims.nest(got) == [{"id": "c1", "hasPart": [part]}]


def test_validate_runs_the_edc_shapes(upstream: Path) -> None:
    good = (upstream / "elm" / "eu-elm-support_AA-Annex1-MC_signed-jades.jsonld").read_bytes()
    assert validate(good, "elm") == []
    bad = (upstream / "elm" / "eu-elm-github_Sample-MC-Annex1_unsigned.jsonld").read_bytes()
    found = validate(bad, "elm")
    assert {i.pointer for i in found} == {"/issued", "/issuer/eIDASIdentifier"}


def test_a_graph_that_would_embed_exponentially_is_refused() -> None:
    import json

    import pytest

    from lerbridge import read
    from lerbridge.errors import ReadError

    nodes = [{"id": f"n{i}", "type": "Note", "a": f"n{i + 1}", "b": f"n{i + 1}"} for i in range(40)]
    root = {
        "id": "urn:c",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialSubject": "n0",
    }
    doc = json.dumps({"@graph": [root, *nodes]}).encode()
    with pytest.raises(ReadError, match="embed more than"):
        read(doc, "elm")
    chain = [{"id": f"n{i}", "type": "Note", "a": f"n{i + 1}"} for i in range(500)]
    doc = json.dumps({"@graph": [root, *chain]}).encode()
    with pytest.raises(ReadError, match="nest deeper"):
        read(doc, "elm")
