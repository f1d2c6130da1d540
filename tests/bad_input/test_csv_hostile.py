"""B8 items 19-21: CSV writing neutralizes formulas (OWASP vectors) and keeps legitimate
negative numbers; CSV reading survives a runaway quote, NUL bytes, a BOM, ``;``, mixed
newlines and duplicate headers with an error or a loss entry."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge.errors import ReadError

TRANSCRIPT = "csv/lerbridge-transcript-3-students.csv"
VECTORS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\tcmd", "\rcmd", '=1+2";=1+2', "=1+2'\" ;,=1+2"]


@pytest.fixture
def transcript(shipped: Path) -> bytes:
    return (shipped / TRANSCRIPT).read_bytes()


def _cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("vector", VECTORS)
def test_b8_19_formula_cells_are_neutralized(welding: bytes, vector: str) -> None:
    doc = json.loads(welding)
    doc["credentialSubject"]["achievement"]["name"] = vector
    result = lerbridge.convert(doc, to="csv")
    [row] = _cells(result.documents[0].data)
    assert row["Course Title"] == "'" + vector
    [entry] = result.report.by_code("cell-neutralized")
    assert "Course Title" in entry.message


def test_b8_20_negative_numbers_kept_and_listed(transcript: bytes) -> None:
    data = transcript.replace(
        b"College Algebra,2024 Fall,2024-12-15,3,3,",
        b"College Algebra,2024 Fall,2024-12-15,3,-1.5,",
        1,
    )
    result = lerbridge.convert(data, to="csv", from_="csv")
    rows = _cells(result.documents[0].data)
    assert rows[0]["Credits Earned"] == "-1.5"  # a number, written as a number
    assert not [e for e in result.report.by_code("cell-neutralized") if "Credits" in e.message]


def test_b8_21_runaway_quote_hits_the_line_limit(transcript: bytes) -> None:
    data = transcript + b'S1009,"never closed ' + b"x" * 1_100_000
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="canonical", from_="csv", name="quote.csv")
    assert info.value.message == "line 10 is longer than 1048576 characters"


def test_b8_21_nul_byte_does_not_reach_the_output(transcript: bytes) -> None:
    data = transcript.replace(b"MATH101", b"MATH\x00101", 1)
    result = lerbridge.convert(data, to="canonical", from_="csv", name="nul.csv")
    assert b"\\u0000" not in b"".join(d.data for d in result.documents)
    assert b"MATH101" in result.documents[0].data
    [entry] = [e for e in result.report.by_code("value-coerced") if "NUL" in e.message]
    assert entry.source_path == "line 2"


def _semicolons(data: bytes) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(
        csv.reader(io.StringIO(data.decode("utf-8")))
    )
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize(
    "variant",
    [
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: _semicolons(b),
        lambda b: b.replace(b"\n", b"\r\n", 3),
    ],
    ids=["bom", "semicolon", "mixed-newlines"],
)
def test_b8_21_dialects_read_the_same(transcript: bytes, variant) -> None:  # type: ignore[no-untyped-def]
    plain = lerbridge.convert(transcript, to="canonical", from_="csv")
    other = lerbridge.convert(variant(transcript), to="canonical", from_="csv")
    assert [d.data for d in other.documents] == [d.data for d in plain.documents]


def test_b8_21_duplicate_header_is_reported(transcript: bytes) -> None:
    data = transcript.replace(b"Term,", b"Grade,", 1)
    result = lerbridge.convert(data, to="canonical", from_="csv")
    assert any("Grade" in e.message for e in result.report.by_code("source-schema-violation"))
