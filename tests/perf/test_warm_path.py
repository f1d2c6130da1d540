"""The warm-path shortcuts of issue 14 (part A) give exactly what the general code gives:
the orjson parse (duplicate keys still found and reported), the compiled write rules, the
uuid5 without UUID objects, the printable-text check of clean_for_output."""

from __future__ import annotations

import importlib.util
import json
import re
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

from lerbridge import safejson, textsafe
from lerbridge.errors import ReadError
from lerbridge.mapping import reading, writing
from lerbridge.mapping.compiler import INTERPRETED_USES, compile_data, load_mapping
from lerbridge.mapping.loader import load_mapping_data
from lerbridge.mapping.paths import MISSING, get_native
from lerbridge.mapping.reading import LERBRIDGE_NS, _uuid5, mint_id
from lerbridge.model import Award, LearnerRecord, Person, PersonName
from lerbridge.report import LossReport
from lerbridge.textsafe import clean_for_output

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("golden", Path(__file__).with_name("golden.py"))
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


def _loads(text: str) -> tuple[Any, list[tuple[str, str | None]]]:
    report = LossReport()
    value = safejson.loads(text.encode("utf-8"), "t.json", report)
    return value, [(e.code, e.excerpt) for e in report]


@pytest.mark.parametrize(
    "text,value,dups",
    [
        ('{"a": 1, "a": 2}', {"a": 2}, ["a"]),
        ('{"x": {"b": "p:q", "b": "r"}}', {"x": {"b": "r"}}, ["b"]),
        ('{"a": "y:", "a": "x"}', {"a": "x"}, ["a"]),  # the dropped member held a colon
        ('{"k\\u003a": 1, "b": {"c": 1, "c": 1}}', {"k:": 1, "b": {"c": 1}}, ["c"]),
        ('[{"id": 1}, {"id": 2, "id": 2}]', [{"id": 1}, {"id": 2}], ["id"]),
        ('{"a": "x:y", "b": {"c": [1, 2.5, true, null]}}', None, []),
    ],
)
def test_duplicate_keys_still_reported(text: str, value: Any, dups: list[str]) -> None:
    got, entries = _loads(text)
    assert got == (json.loads(text) if value is None else value)
    assert entries == [("duplicate-key", d) for d in dups]


def test_fast_parse_is_taken_only_when_exact() -> None:
    assert safejson._fast('{"a": "b:c"}') == {"a": "b:c"}
    assert safejson._fast('{"a": 1, "a": 2}') is safejson._NOT_FAST
    assert safejson._fast('{"a": 12345678901234567890123}') is safejson._NOT_FAST
    assert safejson._fast("[NaN]") is safejson._NOT_FAST


@pytest.mark.parametrize(
    "text,message",
    [
        ('{"n": 123456789012345678901}', "outside the 64-bit range"),
        ("[NaN]", "NaN is not valid JSON"),
        ('{"a": 1,}', "not valid JSON"),
        ('["\\ud800"]', "lone UTF-16 surrogate"),
    ],
)
def test_errors_worded_as_before(text: str, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        _loads(text)


def test_depth_limit_still_enforced() -> None:
    deep = "[" * 30 + "]" * 30
    with pytest.raises(ReadError, match="deeper than the 20-level limit"):
        safejson.loads(deep, "t.json", limits=safejson.JsonLimits(max_depth=20))
    assert safejson.loads("[" * 20 + "]" * 20, "t.json", limits=safejson.JsonLimits(max_depth=20))


def test_fast_parse_equals_exact_parse_on_every_json_fixture() -> None:
    checked = 0
    for path in sorted((ROOT / "fixtures").rglob("*.json")):
        text = path.read_text("utf-8-sig")
        fast = safejson._fast(text)
        if fast is safejson._NOT_FAST:
            continue
        exact = json.loads(text, object_pairs_hook=safejson._Dup())
        assert json.dumps(fast) == json.dumps(exact), path
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("name", [b"", b"abc", '["x",{"a":"\u00e9"}]'.encode()])
def test_uuid5_as_the_standard_library(name: bytes) -> None:
    assert _uuid5(name) == str(uuid.uuid5(LERBRIDGE_NS, name.decode("utf-8")))


def test_mint_id_value_is_stable() -> None:
    # recorded before the change: the same content keeps the same minted id
    assert mint_id("x", {"a": 1}) == "urn:uuid:" + str(uuid.uuid5(LERBRIDGE_NS, '["x",{"a":1}]'))


ODD_TEXTS = [
    "Ada Lovelace",
    "tab\there\nline\r",
    "bell\x07",
    "nul\x00 and unit\x1f",
    "del\x7f",
    'back\\slash \\u0007 "quoted"',
    "caf\u00e9",
    "zero\u200bwidth",
    "bom\ufeff",
    "non-char\ufffe",
    "lone \ud800 surrogate",
    "\u202eright-to-left",
]


@pytest.mark.parametrize("xml", [False, True])
@pytest.mark.parametrize("text", ODD_TEXTS)
def test_clean_for_output_same_with_and_without_the_quick_check(
    text: str, xml: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    def record() -> LearnerRecord:
        person = Person(name=PersonName(given=text), extensions={"x": {f"k{text}": text}})
        return LearnerRecord(person=person)

    quick_report, slow_report = LossReport(), LossReport()
    quick = clean_for_output(record(), quick_report, xml=xml, target_format="t")
    monkeypatch.setattr(textsafe, "_nothing_to_clean", lambda _record, _xml: False)
    slow = clean_for_output(record(), slow_report, xml=xml, target_format="t")
    assert quick == slow
    assert list(quick_report) == list(slow_report)


def test_quick_check_answers() -> None:
    def rec(text: str) -> LearnerRecord:
        return LearnerRecord(person=Person(name=PersonName(given=text)))

    plain = rec("Ada Lovelace")
    report = LossReport()
    assert clean_for_output(plain, report, xml=True, target_format="x") is plain
    assert list(report) == []
    for text, as_json, as_xml in [
        ("Ada", True, True),
        ("tab\there", True, True),
        ("bell\x07", True, False),
        ("caf\u00e9", True, True),
        ("back\\slash", True, True),
        ("zw\u200bsp", False, False),
        ("non-char\uffff", True, False),
        ("lone\udc00", False, False),
    ]:
        assert textsafe._nothing_to_clean(rec(text), False) is as_json, text
        assert textsafe._nothing_to_clean(rec(text), True) is as_xml, text
    dirty = rec("bell\x07")
    out = clean_for_output(dirty, report, xml=True, target_format="x")
    assert out.person is not None and out.person.name is not None
    assert out.person.name.given == "bell"
    assert [(e.code, e.canonical_path) for e in report] == [("value-coerced", "/person/name/given")]


def _interpreted(spec: Any) -> Any:
    def run(obj: Any, fields: Any, out: dict[str, Any], prefix: str, ctx: Any) -> None:
        writing._write_rules(spec, obj, out, prefix[:-1], ctx)

    return run


def _interpreted_read(spec: Any) -> Any:
    def run(native: Any, where: str, data: Any, consumed: Any, ctx: Any) -> None:
        for rule in spec.read_rules:
            val = get_native(native, rule.native)
            if val is not MISSING and val is not None:
                at = where + rule.native_pointer
                reading._read_rule(spec, rule, val, at, data, consumed, ctx)

    return run


def test_interpreted_rules_give_the_recorded_outputs(
    monkeypatch: pytest.MonkeyPatch, shared_dir: Path
) -> None:
    """The rule-by-rule loops (kept for natives that are not objects, models that are not
    models) and the compiled plans give the same bytes: with every read and write plan
    replaced by the loop, the fixtures of this repository and a sample of the upstream
    ones still give the recorded fingerprints."""
    monkeypatch.setattr(writing, "_plan", _interpreted)
    monkeypatch.setattr(reading, "_plan", _interpreted_read)
    recorded = json.loads(golden.GOLDEN.read_text("utf-8"))
    cases = [(label, p) for label, p in golden.sources(shared_dir) if label in recorded]
    cases = [c for i, c in enumerate(cases) if c[0].startswith("fixtures/") or i % 6 == 0]
    assert len(cases) >= 20
    for label, path in cases:
        now = golden.fingerprint(label, path)
        assert {k: now.get(k) for k in recorded[label]} == recorded[label], label


def test_write_plan_built_once_under_concurrency() -> None:
    data, doc = load_mapping_data("ob3")
    mapping = compile_data(data, doc)  # a fresh compile: no plan built yet
    spec = mapping.objects[mapping.root_object]
    assert spec.write_plan is None
    assert spec.read_plan is None
    for _ in range(INTERPRETED_USES):  # the first uses are interpreted: no plan yet
        assert writing._plan(spec) is None and reading._plan(spec) is None
    got: list[Any] = []

    def build() -> None:
        got.append((writing._plan(spec), reading._plan(spec)))

    threads = [threading.Thread(target=build) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 8 and all(pair == got[0] for pair in got) and None not in got[0]
    assert (spec.write_plan, spec.read_plan) == got[0]


def test_plan_source_holds_no_mapping_text() -> None:
    """The generated code names only made-up identifiers: mapping values are bound in its
    namespace, never written into the source."""
    data, doc = load_mapping_data("ob3")
    spec = compile_data(data, doc).objects["Credential"]
    spec.write_uses = spec.read_uses = INTERPRETED_USES
    fn = writing._plan(spec)
    assert fn is not None
    code = fn.__code__
    made_up = {n for n in code.co_names if re.fullmatch(r"k[0-9]+", n)}
    known = {"MISSING", "CONT", "list", "dict", "isinstance", "getattr", "str", "__class__"}
    known.add("get")
    known |= {"write_value", "synthesize", "synthesized", "required"}
    known |= {"set_native", "get_canonical"}
    assert len(made_up) > 20
    assert set(code.co_names) - made_up <= known
    assert set(code.co_varnames) <= {"obj", "fields", "out", "prefix", "ctx", "get", "v"} | {
        "nv",
        "here",
    }
    assert not [c for c in code.co_consts if isinstance(c, str)]
    read_plan = reading._plan(spec)
    assert read_plan is not None
    read = read_plan.__code__
    made_up = {n for n in read.co_names if re.fullmatch(r"k[0-9]+", n)}
    known = {"MISSING", "read_rule", "get_native", "set_canonical", "str", "__class__"}
    known |= {"read_value", "kept", "Keep", "TC", "report", "mapping", "name", "language"}
    assert len(made_up) > 20
    assert set(read.co_names) - made_up <= known | {"get", "append"}
    assert set(read.co_varnames) <= {"native", "where", "data", "consumed", "ctx", "nget"} | {
        "v",
        "value",
        "why",
    }
    assert not [c for c in read.co_consts if isinstance(c, str)]
    award = Award(id="urn:x:1", name={"und": "A"})
    out: dict[str, Any] = {}
    fn(award, award.__dict__, out, "", writing.WriteContext(load_mapping("ob3"), LossReport(), {}))
    assert out["id"] == "urn:x:1"
