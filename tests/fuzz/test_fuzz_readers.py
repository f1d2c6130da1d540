"""Property: whatever the input, reading (and converting) lets only LerbridgeError escape.
Arbitrary bytes for every reader, and structure-aware mutations of documents written for
lerbridge: dropped keys, wrong types, huge strings, deep nesting, odd Unicode, cut bytes."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lerbridge
from lerbridge.errors import LerbridgeError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
READERS = [f.name for f in lerbridge.formats() if f.can_read]
JSON_DOCS = {
    "ob3": FIXTURES / "ob3/lerbridge-welding-certificate.json",
    "ob2": FIXTURES / "ob2/lerbridge-welding-assertion.json",
}
CSV_DOC = FIXTURES / "csv/lerbridge-transcript-3-students.csv"
RESUME = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Resume xmlns="http://ns.hr-xml.org/2007-04-15">'
    "<StructuredXMLResume><ContactInfo><PersonName><FormattedName>{name}</FormattedName>"
    "</PersonName></ContactInfo><EducationHistory><SchoolOrInstitution schoolType="
    '"university"><School><SchoolName>{school}</SchoolName></School></SchoolOrInstitution>'
    "</EducationHistory></StructuredXMLResume></Resume>"
)

ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=()), max_size=40
) | st.sampled_from(
    ["\u202e", "\u200b", "\x01", "\ufeff", "José", "Jose\u0301", "\ufb01", "\uff21", "", " "]
)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ODD_TEXT


def _only_lerbridge_errors(call: Any) -> None:
    try:
        call()
    except LerbridgeError as exc:
        assert str(exc)  # a message, always
    except Exception as exc:
        pytest.fail(f"escaped: {type(exc).__name__}: {exc}")


@pytest.mark.parametrize("fmt", READERS)
@given(data=st.binary(max_size=512))
def test_arbitrary_bytes_each_reader(fmt: str, data: bytes) -> None:
    _only_lerbridge_errors(lambda: lerbridge.read_records(data, fmt, name="fuzz"))


@given(data=st.binary(max_size=512) | st.text(max_size=200).map(lambda t: t.encode()))
def test_arbitrary_bytes_detected_and_converted(data: bytes) -> None:
    _only_lerbridge_errors(lambda: lerbridge.convert(data, to="canonical", name="fuzz"))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _set(root: Any, path: tuple[Any, ...], value: Any, drop: bool) -> Any:
    if not path:
        return value
    parent = root
    for step in path[:-1]:
        parent = parent[step]
    if drop and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return root


def _nest(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


REPLACEMENTS = (
    SCALARS
    | st.lists(SCALARS, max_size=3)
    | st.dictionaries(ODD_TEXT, SCALARS, max_size=3)
    | st.integers(0, 400).map(_nest)
    | st.integers(1, 300_000).map(lambda n: "x" * n)
)


@pytest.mark.parametrize("fmt", sorted(JSON_DOCS))
@given(data=st.data())
def test_json_mutations(fmt: str, data: st.DataObject) -> None:
    doc = json.loads(JSON_DOCS[fmt].read_bytes())
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        paths = _paths(doc)
        path = data.draw(st.sampled_from(paths), label="path")
        drop = data.draw(st.booleans(), label="drop")
        doc = _set(doc, path, data.draw(REPLACEMENTS, label="value"), drop)
    blob = json.dumps(doc, ensure_ascii=data.draw(st.booleans())).encode("utf-8", "surrogatepass")
    _only_lerbridge_errors(lambda: lerbridge.convert(blob, to="canonical", name="m.json"))
    _only_lerbridge_errors(lambda: lerbridge.convert(blob, to="hrxml", name="m.json"))


@given(data=st.data())
def test_csv_mutations(data: st.DataObject) -> None:
    lines = CSV_DOC.read_text("utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        n = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[n].split(",")
        k = data.draw(st.integers(0, len(cells) - 1))
        cells[k] = data.draw(ODD_TEXT | st.sampled_from(['"', "=1+2", "-1.5", ";", "\r"]))
        lines[n] = ",".join(cells) if data.draw(st.booleans()) else ""
    blob = "\n".join(lines).encode("utf-8", "surrogatepass")
    _only_lerbridge_errors(lambda: lerbridge.convert(blob, to="csv", from_="csv", name="m.csv"))


@given(name=ODD_TEXT, school=ODD_TEXT, cut=st.integers(0, 400))
def test_xml_mutations(name: str, school: str, cut: int) -> None:
    esc = {ord("<"): "&lt;", ord("&"): "&amp;"}
    doc = RESUME.format(name=name.translate(esc), school=school.translate(esc))
    blob = doc.encode("utf-8", "surrogatepass")
    for data in (blob, blob[: len(blob) - cut]):
        _only_lerbridge_errors(lambda d=data: lerbridge.convert(d, to="lerrs", name="m.xml"))


def _png(payload: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"iTXt", payload)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


@given(payload=st.binary(max_size=300), flip=st.integers(0, 200), cut=st.integers(0, 60))
def test_image_mutations(payload: bytes, flip: int, cut: int) -> None:
    body = JSON_DOCS["ob3"].read_bytes()
    for data in (
        _png(b"openbadges\x00\x00\x00\x00\x00" + payload),
        _png(b"openbadges\x00\x00\x00\x00\x00" + body)[: -cut or None],
        bytearray(_png(b"openbadges\x00\x00\x00\x00\x00" + body)),
    ):
        if isinstance(data, bytearray):
            data[flip % len(data)] ^= 0xFF
        _only_lerbridge_errors(lambda d=bytes(data): lerbridge.convert(d, to="canonical"))
