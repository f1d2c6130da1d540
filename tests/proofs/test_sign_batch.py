"""Signing in a batch: the key reaches the worker processes, and every output verifies."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import lerbridge
from lerbridge.cli import main

WELDING = Path(__file__).resolve().parents[2] / "fixtures/ob3/lerbridge-welding-certificate.json"


def test_batch_with_two_workers_signs_every_output(tmp_path: Path) -> None:
    runner = CliRunner()
    key = tmp_path / "key.jwk"
    assert runner.invoke(main, ["keys", "new", "-o", str(key)]).exit_code == 0
    inputs = []
    for k in range(3):
        doc = json.loads(WELDING.read_bytes())
        doc["id"] = f"urn:uuid:00000000-0000-4000-8000-00000000000{k}"
        del doc["credentialSubject"]["apprenticeHours"]  # no context defines it: unsignable
        path = tmp_path / "in" / f"badge{k}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(doc))
        inputs.append(str(path))
    out = tmp_path / "out"
    args = ["convert", *inputs, "--to", "ob3", "--sign", str(key), "--proof-created"]
    res = runner.invoke(main, [*args, "2026-01-01T00:00:00Z", "-j", "2", "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    written = sorted(out.rglob("*.json"))
    assert len(written) == 3
    for path in written:
        outcome = lerbridge.verify(path)
        assert [p.outcome for p in outcome.proofs] == ["verified"], path
