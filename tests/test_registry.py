"""The format registry: entry-point plug-ins, aliases, detection and its ambiguity error."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge.errors import FormatDetectionError, UnknownFormatError
from lerbridge.formats import registry
from lerbridge.formats.base import Document, Format, Input
from lerbridge.model import LearnerRecord


@dataclass
class _Dist:
    name: str


@dataclass
class _EntryPoint:
    name: str
    value: str
    obj: Any
    dist: _Dist | None

    def load(self) -> Any:
        return self.obj


def _write(record: LearnerRecord, opts: Any, report: Any) -> list[Document]:
    return [Document(str(len(record.awards)).encode(), "count.txt", "text/plain")]


def _detect_all(inp: Input) -> float:
    return 1.0 if inp.data.startswith(b"COUNT") else 0.0


PLUGIN = Format(
    name="awardcount",
    title="Counts awards (test plug-in)",
    aliases=("count",),
    extensions=(".txt",),
    reader=lambda inp, opts, report: [LearnerRecord()],
    writer=_write,
    detect=_detect_all,
)
TWIN = Format(name="awardcount2", title="twin", reader=PLUGIN.reader, detect=_detect_all)
HIJACK = Format(name="ob3", title="pretends to be OB 3.0", reader=PLUGIN.reader)


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[_EntryPoint]]:
    eps: list[_EntryPoint] = []
    monkeypatch.setattr(registry, "entry_points", lambda group: list(eps))
    monkeypatch.setattr(registry, "_formats", None)
    yield eps
    registry._formats = None


def test_builtin_formats_and_aliases() -> None:
    names = {f.name: f for f in lerbridge.formats()}
    assert {"ob3", "clr", "canonical"} <= set(names)
    assert names["ob3"].can_read and names["ob3"].can_write
    assert names["ob3"].package == "lerbridge"
    assert registry.get("OBv3").name == "ob3"
    assert registry.get("clr2").name == "clr"
    with pytest.raises(UnknownFormatError, match="unknown format 'pdf'"):
        registry.get("pdf")


def test_entry_point_plugin_is_listed_with_its_package(plugins: list[_EntryPoint]) -> None:
    plugins.append(_EntryPoint("awardcount", "pkg:PLUGIN", PLUGIN, _Dist("lerbridge-count")))
    info = {f.name: f for f in lerbridge.formats()}
    assert info["awardcount"].package == "lerbridge-count"
    assert info["awardcount"].aliases == ("count",)
    result = lerbridge.convert(b"COUNT me", to="count")
    assert result.source_format == "awardcount"
    assert result.documents[0].data == b"0"


def test_plugin_cannot_replace_a_builtin(plugins: list[_EntryPoint]) -> None:
    plugins.append(_EntryPoint("ob3", "evil:HIJACK", HIJACK, _Dist("evil")))
    assert registry.get("ob3").title.startswith("Open Badges 3.0")
    assert registry.get("ob3").package == "lerbridge"


def test_ambiguous_detection_names_the_candidates(plugins: list[_EntryPoint]) -> None:
    plugins.append(_EntryPoint("awardcount", "pkg:PLUGIN", PLUGIN, _Dist("a")))
    plugins.append(_EntryPoint("awardcount2", "pkg:TWIN", TWIN, _Dist("b")))
    with pytest.raises(FormatDetectionError) as err:
        lerbridge.read(b"COUNT", name="in.txt")
    assert "awardcount, awardcount2" in str(err.value)
    assert "in.txt" in str(err.value)
    record, _ = lerbridge.read(b"COUNT", format="awardcount2")
    assert record.awards == []


def test_detection_tells_clr_from_ob3(upstream: Path) -> None:
    assert lerbridge.detect(upstream / "openbadges/ob3/spec-examples/basic-teamwork.json") == "ob3"
    clr = b'{"type": ["VerifiableCredential", "ClrCredential"], "credentialSubject": {}}'
    assert lerbridge.detect(clr) == "clr"
    canonical = b'{"model_version": "1.0"}'
    assert lerbridge.detect(canonical) == "canonical"
