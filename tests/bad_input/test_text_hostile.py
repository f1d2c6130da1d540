"""B8 items 14 (writing), 26-28: odd Unicode in names. Lone surrogates and XML-forbidden
controls become loss entries on the way out (not exceptions from lxml or the JSON
encoder); invisible and direction-changing characters are kept and flagged; normalization
forms, ligatures and full-width letters are kept verbatim; a 1 MB name converts, and a
100k-achievement CLR is held to an explicit limit."""

from __future__ import annotations

import json
import unicodedata

import pytest

import lerbridge
from lerbridge.errors import ReadError
from lerbridge.limits import Limits
from lerbridge.model import LearnerRecord

WRITERS = ["hrxml", "lerrs", "csv", "canonical"]


def _person(name: str) -> LearnerRecord:
    return LearnerRecord.model_validate(
        {
            "model_version": lerbridge.MODEL_VERSION,
            "person": {"name": {"formatted": name}, "emails": [{"value": "a@example.org"}]},
        }
    )


@pytest.mark.parametrize("fmt", WRITERS)
def test_b8_14_lone_surrogate_written_as_a_loss_entry(fmt: str) -> None:
    docs, report = lerbridge.write(_person("Jo\ud800sé"), fmt)
    [entry] = report.by_code("value-coerced")
    assert entry.canonical_path == "/person/name/formatted"
    assert "surrogate" in entry.message
    assert "Jo\ufffdsé".encode() in docs[0].data


@pytest.mark.parametrize("fmt", ["hrxml", "lerrs"])
def test_b8_27_controls_and_bidi_in_names(fmt: str) -> None:
    name = "Ann\x01a \u202egnirts\u200b"
    docs, report = lerbridge.write(_person(name), fmt)
    flagged = report.by_code("text-flagged")
    assert [e.canonical_path for e in flagged] == ["/person/name/formatted"]
    coerced = report.by_code("value-coerced")
    blob = docs[0].data
    if fmt == "hrxml":  # XML cannot carry U+0001: removed and reported
        assert [e.canonical_path for e in coerced] == ["/person/name/formatted"]
        assert "Anna \u202egnirts\u200b".encode() in blob
    else:  # JSON carries it escaped, nothing lost
        assert coerced == []
        assert "Ann\\u0001a \u202egnirts\u200b".encode() in blob


def test_b8_26_normalization_forms_and_compatibility_characters_kept() -> None:
    nfc = unicodedata.normalize("NFC", "José")
    nfd = unicodedata.normalize("NFD", "José")
    for name in (nfc, nfd, "\ufb01nn", "\uff2a\uff4f\uff53é"):
        docs, report = lerbridge.write(_person(name), "canonical")
        assert json.loads(docs[0].data)["person"]["name"]["formatted"] == name
        assert report.by_code("value-coerced") == []
    assert nfc != nfd  # never normalized on the way through


def test_b8_28_one_megabyte_name_converts() -> None:
    name = "A" * 1_000_000
    docs, _ = lerbridge.write(_person(name), "lerrs")
    assert name.encode() in docs[0].data


def test_b8_28_string_over_the_limit_is_refused(welding: bytes) -> None:
    doc = json.loads(welding)
    doc["credentialSubject"]["achievement"]["name"] = "A" * 5_000
    with pytest.raises(ReadError) as info:
        lerbridge.convert(doc, to="canonical", limits=Limits(max_string=4_000))
    assert info.value.location == "/credentialSubject/achievement/name"
    assert "4000-character limit" in info.value.message


def test_b8_28_hundred_thousand_achievements_held_to_the_byte_limit() -> None:
    entry = {"id": "", "type": ["Achievement"], "name": "n", "criteria": {"narrative": "c"}}
    body = ",".join(json.dumps({**entry, "id": f"urn:uuid:{i:032x}"}) for i in range(100_000))
    data = (
        '{"@context": ["https://www.w3.org/ns/credentials/v2"], '
        '"type": ["VerifiableCredential", "ClrCredential"], '
        f'"credentialSubject": {{"achievement": [{body}]}}}}'
    ).encode()
    assert len(data) > 10_000_000
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="canonical", from_="clr", limits=Limits(max_bytes=10_000_000))
    assert "over the 10000000-byte limit" in info.value.message
