"""A Badgr bulk-award CSV plus a badge definition gives one valid OB 3.0 credential per row."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge.formats.csv import load_badge, read_csv
from lerbridge.report import LossReport

AWARDS = "lerbridge-badgr-award.csv"
BADGE = "lerbridge-badge-achievement.json"
TEAMWORK = "openbadges/ob3/spec-examples/basic-teamwork.json"  # in ../shared/fixtures-upstream
ISSUED = "2025-06-01T00:00:00Z"


def _credentials(csv_bytes: bytes, badge: Path) -> tuple[list[dict], LossReport]:
    report = LossReport()
    records = read_csv(csv_bytes, report, achievement=badge, issued=ISSUED)
    creds = []
    for rec in records:
        docs, wreport = lerbridge.write(rec, "ob3")
        report.extend(wreport)
        for d in docs:
            assert lerbridge.validate(d.data, "ob3") == []
            creds.append(json.loads(d.data))
    return creds, report


def test_one_valid_credential_per_row(shipped: Path) -> None:
    path = shipped / "csv" / AWARDS
    creds, report = _credentials(path.read_bytes(), shipped / "csv" / BADGE)
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(creds) == len(rows) == 3
    emails = [c["credentialSubject"]["identifier"][0]["identityHash"] for c in creds]
    assert sorted(emails) == sorted(r["email"] for r in rows)
    for c in creds:
        assert c["credentialSubject"]["achievement"]["id"] == (
            "https://example.org/achievements/data-literacy"
        )
        assert c["issuer"]["id"] == "https://example.org/issuers/1"
        assert c["validFrom"] == ISSUED
    evidence = {
        c["credentialSubject"]["identifier"][0]["identityHash"]: [
            e["id"] for e in c.get("evidence", [])
        ]
        for c in creds
    }
    assert evidence["jsmith@example.org"] == ["https://example.org/john-smith-project.html"]
    assert evidence["ana.diaz@example.org"] == [
        "https://example.org/ana",
        "https://example.org/ana-2",
    ]
    assert evidence["jill.brown@example.org"] == []
    trimmed = [e for e in report.by_code("value-coerced") if "surrounding spaces" in e.message]
    assert len(trimmed) == 1


def test_upstream_badgr_template(shared_dir: Path, shipped: Path) -> None:
    path = shared_dir / "fixtures-upstream" / "csv" / "badgr_bulk_issue_template_2018.csv"
    creds, report = _credentials(path.read_bytes(), shipped / "csv" / BADGE)
    assert len(creds) == 2
    ragged = [e for e in report.by_code("source-schema-violation") if e.source_path == "row 3"]
    assert ragged


def test_badge_from_an_ob3_credential(upstream: Path) -> None:
    ach, issuer = load_badge(upstream / TEAMWORK)
    assert ach.id and issuer is not None and issuer.id
    creds, _ = _credentials(b"email\nx@example.org\ny@example.org\n", upstream / TEAMWORK)
    assert {c["credentialSubject"]["achievement"]["id"] for c in creds} == {ach.id}


def test_no_issue_date_is_invented(shipped: Path) -> None:
    """Deterministic output: without --issued a row keeps no date, and OB 3.0 output then
    refuses cleanly for want of validFrom rather than stamping the current time."""
    report = LossReport()
    (rec,) = read_csv(b"email\nx@example.org\n", report, achievement=shipped / "csv" / BADGE)
    assert rec.awards[0].valid_from is None
    assert report.by_code("value-synthesized") == []
    with pytest.raises(lerbridge.WriteError, match="validFrom"):
        lerbridge.write(rec, "ob3")


def test_issue_date_now_only_on_request(shipped: Path) -> None:
    report = LossReport()
    (rec,) = read_csv(
        b"email\nx@example.org\n", report, achievement=shipped / "csv" / BADGE, issued="now"
    )
    assert rec.awards[0].valid_from and rec.awards[0].valid_from.endswith("Z")
    [entry] = report.by_code("value-synthesized")
    assert "--issued now" in entry.message


def test_not_a_badge(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"type": "Thing"}', "utf-8")
    with pytest.raises(lerbridge.ReadError):
        load_badge(bad)
