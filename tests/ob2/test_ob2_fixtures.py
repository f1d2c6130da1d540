"""Every OB 2.0 / legacy fixture of ../shared is read or refused with a clean error; each
readable assertion converts to OB 3.0 that passes the official schema and back to OB 2.0
that passes lerbridge's check; OB 2.0 -> canonical -> OB 2.0 loses nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.errors import ReadError
from lerbridge.formats.ob2.check import check

OB = "fixtures-upstream/openbadges"
ASSETS = "ob2/1edtech-validator/assets"

#: Assertions (each with the folder its linked documents are resolved from).
ASSERTIONS = {
    "ob2/spec-examples/assertion.json": ASSETS,
    "ob2/spec-examples/signed-assertion.jws": ASSETS,
    "ob2/1edtech-validator/basic-assertion.json": ASSETS,
    "ob2/1edtech-validator/basic-assertion-expired.json": ASSETS,
    "ob2/1edtech-validator/assertion-with-data-image.json": ASSETS,
    "ob2/1edtech-validator/assertion-with-endorsements.json": ASSETS,
    "ob2/1edtech-validator/simple.jwt": ASSETS,
    "ob-legacy-and-2.0/badgecheck/1_1_basic_assertion.json": "ob-legacy-and-2.0/badgecheck",
    "ob-legacy-and-2.0/badgr/2_0_assertion_embedded_badgeclass.json": None,
    "ob-legacy-and-2.0/badgecheck/0_5_assertion.json": None,
}
#: Linked documents read alone: a BadgeClass is an achievement, an Issuer an organization,
#: an Endorsement an endorsement.
LINKED = [
    "ob2/spec-examples/badgeclass.json",
    "ob2/spec-examples/issuer.json",
    "ob2/spec-examples/endorsement-of-badgeclass.json",
    "ob2/spec-examples/migrating-ob2-profile-related-ob3.json",
    "ob2/1edtech-validator/badge-class-with-language.json",
    "ob-legacy-and-2.0/badgecheck/1_1_basic_badgeclass.json",
    "ob-legacy-and-2.0/badgecheck/1_1_basic_issuer.json",
    f"{ASSETS}/badgeclass-with-endorsements.json",
    f"{ASSETS}/endorsement-1.json",
    f"{ASSETS}/issuer1.json",
    f"{ASSETS}/organization.json",
    f"{ASSETS}/robotics-badge.json",
]
#: Not readable alone, by design: spec fragments with no type, documents that only make
#: sense beside an assertion. (file, words the error must contain)
REFUSED = {
    "ob2/spec-examples/assertion-evidence-multiple.json": "no type",
    "ob2/spec-examples/badgeclass-versioning.json": "no type",
    "ob2/spec-examples/revocationlist.json": "RevocationList",
    f"{ASSETS}/key1.json": "CryptographicKey",
    f"{ASSETS}/badgecriteria.json": "no type",
}
#: Defects of the sources themselves, which lerbridge reports and does not invent values for.
SOURCE_DEFECTS = {
    "ob-legacy-and-2.0/badgr/2_0_assertion_embedded_badgeclass.json": {"/badge/issuer/email"},
    "ob2/1edtech-validator/badge-class-with-language.json": {"/image"},
}


def _resolve(shared: Path, rel: str | None) -> list[Path] | None:
    return [shared / OB / rel] if rel else None


def test_every_fixture_is_classified(shared_dir: Path) -> None:
    root = shared_dir / OB
    found = {
        str(p.relative_to(root))
        for folder in ("ob2", "ob-legacy-and-2.0")
        for p in (root / folder).rglob("*")
        if p.suffix in (".json", ".jws", ".jwt")
    }
    assert found == set(ASSERTIONS) | set(LINKED) | set(REFUSED) | {
        f"{ASSETS}/endorsement-{i}.json" for i in (2, 3, 4)
    }


@pytest.mark.parametrize("rel", sorted(REFUSED))
def test_refused_cleanly(shared_dir: Path, rel: str) -> None:
    with pytest.raises(ReadError) as err:
        lerbridge.read(shared_dir / OB / rel, "ob2")
    assert REFUSED[rel] in str(err.value)
    assert rel.rsplit("/", 1)[-1] in str(err.value)  # the file is named


@pytest.mark.parametrize("rel", LINKED)
def test_linked_documents_read_alone(shared_dir: Path, rel: str) -> None:
    record, _ = lerbridge.read(shared_dir / OB / rel, "ob2")
    doc = json.loads((shared_dir / OB / rel).read_text())
    kinds = doc["type"] if isinstance(doc["type"], list) else [doc["type"]]
    if "BadgeClass" in kinds:
        assert [a.id for a in record.achievements] == [doc["id"]]
    elif "Endorsement" in kinds:
        assert [e.subject_id for e in record.endorsements] == [doc["claim"]["id"]]
    else:
        assert [o.id for o in record.organizations] == [doc["id"]]
    docs, report = lerbridge.write(record, "ob2")
    written = json.loads(docs[0].data)
    problems = {i.pointer for i in check(written)}
    assert problems == SOURCE_DEFECTS.get(rel, set())
    assert not [e for e in report if e.code == "no-target-field"]


@pytest.mark.parametrize("rel", sorted(ASSERTIONS))
def test_assertion_to_ob3_and_back(shared_dir: Path, rel: str) -> None:
    src = shared_dir / OB / rel
    resolve = _resolve(shared_dir, ASSERTIONS[rel])
    if rel.endswith("0_5_assertion.json"):
        # OB 0.5 had no required issue date and this one gives none: OB 3.0 requires
        # validFrom and lerbridge does not invent dates.
        with pytest.raises(lerbridge.LerbridgeError, match="validFrom"):
            lerbridge.convert(src, to="ob3", from_="ob2")
        return
    result = lerbridge.convert(src, to="ob3", from_="ob2", resolve=resolve)
    assert len(result.documents) == 1
    ob3 = json.loads(result.documents[0].data)
    assert specs.validate(ob3, "ob3/achievementcredential") == []
    back = lerbridge.convert(result.documents[0].data, to="ob2", from_="ob3")
    written = json.loads(back.documents[0].data)
    assert {i.pointer for i in check(written)} == SOURCE_DEFECTS.get(rel, set())
    assert (
        written["recipient"]["identity"]
        == ob3["credentialSubject"]["identifier"][0]["identityHash"]
    )


VALID = [r for r in ASSERTIONS if r not in SOURCE_DEFECTS and "0_5" not in r]


@pytest.mark.parametrize("rel", VALID + [r for r in LINKED if r not in SOURCE_DEFECTS])
def test_ob2_canonical_ob2_is_lossless(shared_dir: Path, rel: str) -> None:
    src = shared_dir / OB / rel
    resolve = _resolve(shared_dir, ASSERTIONS.get(rel))
    record, _ = lerbridge.read(src, "ob2", resolve=resolve)
    docs, report = lerbridge.write(record, "ob2")
    lossy = {e.code for e in report} - {"proof-invalidated"}
    assert lossy == set(), [e.pretty() for e in report]
    again, _ = lerbridge.read(docs[0].data, "ob2")
    first = record.model_dump(exclude={"provenance"})
    second = again.model_dump(exclude={"provenance"})
    if record.provenance and record.provenance.signed:
        # a signed assertion is written as JSON: everything but the JWS itself survives
        assert first["awards"][0].pop("credential")["proofs"][0]["type"] == "JWS"
        assert second["awards"][0].pop("credential") is None
    assert first == second


def test_canonical_json_is_a_lossless_intermediate(shipped: Path) -> None:
    src = shipped / "ob2" / "lerbridge-welding-assertion.json"
    canon = lerbridge.convert(src, to="canonical", from_="ob2").documents[0].data
    back = lerbridge.convert(canon, to="ob2", from_="canonical")
    assert json.loads(back.documents[0].data) == json.loads(src.read_text())
    assert [e for e in back.report if e.severity != "info"] == []


def test_shipped_fixture_round_trips_to_the_same_json(shipped: Path) -> None:
    src = shipped / "ob2" / "lerbridge-welding-assertion.json"
    result = lerbridge.convert(src, to="ob2")
    assert result.source_format == "ob2"
    assert json.loads(result.documents[0].data) == json.loads(src.read_text())
    assert {e.code for e in result.report} == {"unmapped-source-field"}
    assert lerbridge.validate(src, "ob2") == []


def test_cli_validate_uses_the_ob2_check(shared_dir: Path, shipped: Path, runner: Any) -> None:
    from lerbridge.cli import main

    bad = shared_dir / OB / "ob-legacy-and-2.0/badgr/2_0_assertion_embedded_badgeclass.json"
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}: /badge/issuer/email: Profile requires 'email'",
        f"{bad}: /badge/issuer/id: Profile requires 'id'",
    ]
    good = shipped / "ob2" / "lerbridge-welding-assertion.json"
    assert runner.invoke(main, ["validate", str(good)]).exit_code == 0
    jws = shared_dir / OB / "ob2/spec-examples/signed-assertion.jws"
    assert runner.invoke(main, ["validate", str(jws)]).exit_code == 0
