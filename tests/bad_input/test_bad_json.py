"""Hostile and malformed JSON: every one ends in a clean ReadError or a report entry, never
a RecursionError, a crash, a fetch or a silently wrong value."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge.errors import ReadError

TEAMWORK = "openbadges/ob3/spec-examples/basic-teamwork.json"
NAME = b'"Teamwork Badge"'  # the credential name in basic-teamwork.json


@pytest.fixture
def teamwork(upstream: Path) -> bytes:
    data = (upstream / TEAMWORK).read_bytes()
    assert data.count(NAME) == 1
    return data


def _read_error(data: bytes | str, fmt: str | None = "ob3", **kw: object) -> ReadError:
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="ob3", from_=fmt, **kw)  # type: ignore[arg-type]
    return info.value


# --- nesting ---------------------------------------------------------------------------------


def test_nested_100000_deep_is_a_read_error() -> None:
    data = b"[" * 100_000 + b"]" * 100_000
    err = _read_error(data)
    assert "200-level limit" in err.message


def test_nested_300_deep_names_the_depth_limit() -> None:
    err = _read_error(b"[" * 300 + b"]" * 300)
    assert err.message == "JSON nested deeper than the 200-level limit"


def test_deep_branch_inside_a_credential(teamwork: bytes) -> None:
    doc = json.loads(teamwork)
    deep: dict = {}
    cur = deep
    for _ in range(250):
        cur["a"] = {}
        cur = cur["a"]
    doc["credentialSubject"]["extra"] = deep
    err = _read_error(json.dumps(doc).encode())
    assert "200-level limit" in err.message
    assert (err.location or "").startswith("/credentialSubject/extra/a/a/")


def test_depth_limit_is_configurable(teamwork: bytes) -> None:
    doc = json.loads(teamwork)
    doc["credentialSubject"]["extra"] = {"a": {"b": {"c": 1}}}
    data = json.dumps(doc).encode()
    assert _read_error(data, max_depth=4).message == "JSON nested deeper than the 4-level limit"
    result = lerbridge.convert(data, to="ob3", max_depth=6)
    out = json.loads(result.documents[0].data)
    assert out["credentialSubject"]["extra"] == {"a": {"b": {"c": 1}}}


# --- literals and numbers --------------------------------------------------------------------


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_json_number_literals(teamwork: bytes, literal: bytes) -> None:
    err = _read_error(teamwork.replace(NAME, literal))
    assert err.message == f"not valid JSON: {literal.decode()} is not valid JSON"


def test_five_thousand_digit_integer_is_a_clean_read_error(teamwork: bytes) -> None:
    """CPython refuses int strings over 4,300 digits; lerbridge refuses anything past 64
    bits before converting, as a ReadError, without touching the process-wide limit."""
    err = _read_error(teamwork.replace(NAME, b"7" * 5000))
    assert (
        err.message
        == "not valid JSON: integer 777777777777777777777777… is outside the 64-bit range"
    )


def test_integer_beyond_64_bits_is_refused_cleanly(teamwork: bytes) -> None:
    """A 60-digit integer is valid JSON but no JSON toolchain in this field carries it
    exactly: refused as a ReadError, never a TypeError from the serializer."""
    big = "9" * 60
    doc = teamwork.replace(
        b'"type": [\n      "AchievementSubject"\n    ],',
        b'"type": ["AchievementSubject"], "bigNumber": ' + big.encode() + b",",
    )
    assert doc != teamwork
    with pytest.raises(lerbridge.ReadError, match="outside the 64-bit range"):
        lerbridge.convert(doc, to="ob3")
    edge = teamwork.replace(NAME, str(2**64 - 1).encode())
    result = lerbridge.convert(edge, to="ob3")
    assert json.loads(result.documents[0].data)["name"] == str(2**64 - 1)


# --- duplicate keys --------------------------------------------------------------------------


def test_duplicate_key_reported_last_value_used(teamwork: bytes) -> None:
    data = teamwork.replace(b'"name": ' + NAME, b'"name": "First name", "name": ' + NAME)
    result = lerbridge.convert(data, to="ob3")
    [dup] = result.report.by_code("duplicate-key")
    assert dup.excerpt == "name"
    assert dup.severity == "warning"
    assert dup.source_format == "ob3"
    assert json.loads(result.documents[0].data)["name"] == "Teamwork Badge"
    assert result.record.awards[0].name == {"und": "Teamwork Badge"}


# --- encodings -------------------------------------------------------------------------------


def test_utf8_bom_accepted(teamwork: bytes) -> None:
    with_bom = lerbridge.convert(codecs.BOM_UTF8 + teamwork, to="ob3")
    plain = lerbridge.convert(teamwork, to="ob3")
    assert with_bom.documents[0].data == plain.documents[0].data
    assert len(with_bom.report) == 0


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_accepted(teamwork: bytes, codec: str) -> None:
    text = teamwork.decode("utf-8")
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    result = lerbridge.convert(bom + text.encode(codec), to="ob3")
    assert result.documents[0].data == lerbridge.convert(teamwork, to="ob3").documents[0].data


def test_invalid_utf8_names_the_byte_offset(teamwork: bytes) -> None:
    offset = teamwork.index(NAME) + 1 + len(b"Teamwork ")
    data = teamwork.replace(b"Teamwork Badge", b"Teamwork \xff Badge")
    err = _read_error(data)
    assert err.message == f"not UTF-8 text: invalid start byte at byte {offset}"
    assert offset == 440


def test_lone_surrogate_names_the_pointer(teamwork: bytes) -> None:
    data = teamwork.replace(b'"name": "Teamwork"', b'"name": "Team\\ud800work"')
    assert data != teamwork
    err = _read_error(data)
    assert err.location == "/credentialSubject/achievement/name"
    assert "lone UTF-16 surrogate" in err.message


def test_lone_surrogate_in_an_object_key(teamwork: bytes) -> None:
    data = teamwork.replace(b'"name": ' + NAME, b'"name": ' + NAME + b', "\\udc00x": 1')
    assert data != teamwork
    err = _read_error(data)
    assert "lone UTF-16 surrogate" in err.message


# --- size --------------------------------------------------------------------------------------


def test_over_max_bytes_refused_before_parsing(teamwork: bytes) -> None:
    # not even JSON: had it been parsed, the error would be a syntax error
    data = b"{" + b" " * 2000
    err = _read_error(data, max_bytes=1000)
    assert err.message.startswith("input is 2001 bytes, over the 1000-byte limit")


def test_over_max_bytes_file(tmp_path: Path, teamwork: bytes) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(teamwork)
    with pytest.raises(ReadError) as info:
        lerbridge.convert(path, to="ob3", max_bytes=100)
    assert info.value.source == str(path)
    assert f"{len(teamwork)} bytes, over the 100-byte limit" in info.value.message


# --- contexts are never fetched ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/ctx", "file:///etc/passwd"])
def test_unknown_context_reported_not_fetched(teamwork: bytes, url: str) -> None:
    doc = json.loads(teamwork)
    doc["@context"].append(url)
    result = lerbridge.convert(json.dumps(doc).encode(), to="ob3")
    [entry] = result.report.by_code("unknown-context")
    assert entry.source_path == "/@context"
    assert entry.excerpt == url
    out = json.loads(result.documents[0].data)
    assert out["@context"][-1] == url
    assert "root:" not in result.documents[0].text()


# --- API misuse -------------------------------------------------------------------------------


def test_str_path_hint_with_explicit_format(upstream: Path) -> None:
    err = _read_error(str(upstream / TEAMWORK))
    assert "pass pathlib.Path" in err.message
    assert err.source == "<string>"


def test_str_path_hint_with_detection(upstream: Path) -> None:
    """The common mistake, lerbridge.convert("badge.json", to=...), must say what to do."""
    with pytest.raises(ReadError) as info:
        lerbridge.convert(str(upstream / TEAMWORK), to="ob3")
    assert "pass pathlib.Path" in info.value.message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b'{"@context": ["https://www.w3.org/ns/credentials/v2", ', id="truncated"),
        pytest.param(b'{"type": ["OpenBadgeCredential"], "name": NaN}', id="nan"),
        pytest.param(b'{"type": ["OpenBadgeCredential"], "name": "\xff"}', id="bad-utf8"),
    ],
)
def test_malformed_json_is_a_read_error_when_detecting(data: bytes) -> None:
    """Malformed JSON is a ReadError saying what is wrong, not 'cannot tell the format'."""
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="ob3", name="input.json")
    assert info.value.source == "input.json"
    assert "cannot tell the format" not in info.value.message
