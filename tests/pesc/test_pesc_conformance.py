"""`lerbridge conformance run` covers pesc: the schema stage goes through the format's XSD
validator, the round trip through the pesc writer and reader, and the portability matrix
through every other writer."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lerbridge import conformance

AT = datetime(2026, 1, 1, tzinfo=UTC)


def test_upstream_transcript_passes_every_stage(upstream: Path) -> None:
    path = upstream / "pesc/ccctc-speede-college-transcript.utf16.xml"
    fr = conformance.run([path], now=AT).file(str(path))
    assert fr.format == "pesc"
    # the one portability note: HR-XML requires a CountryCode on a postal address, and
    # the student's address gives none (the hrxml writer refuses rather than invent one)
    assert [(f.rule, f.severity) for f in fr.findings] == [("portability", "info")]
    assert "PostalAddress" in fr.findings[0].message
    assert fr.stages["schema"].ran and fr.stages["roundtrip"].ran
    assert {n: c.status for n, c in fr.matrix.items() if n in ("clr", "csv", "lerrs")} == {
        "clr": "lossy",
        "csv": "lossy",
        "lerrs": "lossy",
    }
    assert [c.target for c in fr.matrix.values() if c.status == "refused"] == ["hrxml"]


def test_missing_transmission_data_fails_the_schema_stage(shipped: Path) -> None:
    path = shipped / "pesc/lerbridge-no-transmissiondata.xml"
    fr = conformance.run([path], now=AT).file(str(path))
    assert fr.format == "pesc"
    schema = [f for f in fr.findings if f.rule == "schema-strict"]
    assert len(schema) == 1 and "TransmissionData" in schema[0].message
    assert schema[0].location == "/CollegeTranscript"
    # what the writer had to make up for it shows in the round trip
    trip = {f.location for f in fr.findings if f.rule == "roundtrip-lossless"}
    assert "extensions.pesc" in trip
