"""`lerbridge verify`, `lerbridge keys new` and `convert --sign`: outcomes, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lerbridge.cli import main
from lerbridge.proofs import SigningKey

OB3 = "openbadges/ob3"
SIMPLE = f"{OB3}/1edtech-validator/simple.json"
CREATED = "2024-05-01T12:00:00Z"


def test_verify_ok_and_json(runner: CliRunner, upstream: Path) -> None:
    res = runner.invoke(main, ["verify", "--json", str(upstream / SIMPLE)])
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert (data["ok"], data["verified"], data["invalid"], data["unverifiable"]) == (True, 1, 0, 0)
    assert data["proofs"][0]["keySource"] == "multibase-fragment"


def test_verify_invalid_exits_1_and_names_proof(
    runner: CliRunner, upstream: Path, tmp_path: Path
) -> None:
    doc = json.loads((upstream / SIMPLE).read_text())
    doc["name"] = "Tampered"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    res = runner.invoke(main, ["verify", str(upstream / SIMPLE), str(bad)])
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert lines[0].startswith(f"{upstream / SIMPLE}:/proof/0: verified (eddsa-rdfc-2022")
    assert lines[1].startswith(f"{bad}:/proof/0: invalid (eddsa-rdfc-2022")
    assert lines[1].endswith("signature does not match the document")


def test_require_verified_fails_on_unverifiable(runner: CliRunner, upstream: Path) -> None:
    path = str(upstream / f"{OB3}/1edtech-validator/simple-multiple-proofs.json")
    assert runner.invoke(main, ["verify", path]).exit_code == 0
    res = runner.invoke(main, ["verify", "--require-verified", path])
    assert res.exit_code == 12
    assert "unverifiable (SomeProofType): unknown proof suite 'SomeProofType'" in res.stdout


def test_verify_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    res = runner.invoke(main, ["verify", str(bad)])
    assert res.exit_code == 3
    assert str(bad) in res.stderr and "Traceback" not in res.stderr


def test_keys_new_then_sign_and_verify(runner: CliRunner, upstream: Path, tmp_path: Path) -> None:
    jwk = tmp_path / "key.jwk"
    res = runner.invoke(main, ["keys", "new", "-o", str(jwk)])
    assert res.exit_code == 0, res.stderr
    did = res.stdout.strip()
    key = SigningKey.load(jwk)
    assert did == key.did_key and did.startswith("did:key:z6Mk")
    assert runner.invoke(main, ["keys", "new", "-o", str(jwk)]).exit_code == 2  # no overwrite

    out = tmp_path / "clr.json"
    args = ["convert", str(upstream / SIMPLE), "--to", "clr", "--sign", str(jwk)]
    args += ["--sign-nested", "--proof-created", CREATED, "-o", str(out), "-q"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.stderr
    proof = json.loads(out.read_text())["proof"][0]
    assert (proof["created"], proof["verificationMethod"]) == (CREATED, key.verification_method)
    res = runner.invoke(main, ["verify", "--require-verified", "--json", str(out)])
    assert res.exit_code == 0
    assert json.loads(res.stdout)["verified"] == 2


def test_sign_options_need_sign(runner: CliRunner, upstream: Path) -> None:
    res = runner.invoke(main, ["convert", str(upstream / SIMPLE), "--to", "clr", "--jwt"])
    assert res.exit_code == 2
    assert "need --sign" in res.stderr


def test_proofs_package_reachable_from_lerbridge() -> None:
    import lerbridge

    assert lerbridge.proofs.SigningKey is SigningKey
