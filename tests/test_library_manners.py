"""lerbridge as a library in someone else's process: thread-safe, silent, and leaving
process-wide state alone."""

from __future__ import annotations

import csv
import importlib.resources
import logging
import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import lerbridge

#: OB 3.0 documents as (where, path): "shipped" is fixtures/, "upstream" is
#: ../shared/fixtures-upstream.
FILES = [
    ("upstream", "openbadges/ob3/1edtech-validator/complete_v1.json"),
    ("upstream", "openbadges/ob3/1edtech-validator/simple.json"),
    ("upstream", "openbadges/ob3/1edtech-validator/simple.jwt"),
    ("upstream", "openbadges/ob3/dcc-verifier-core/v2EddsaWithValidStatus.json"),
    ("shipped", "ob3/lerbridge-welding-certificate.json"),
    ("upstream", "openbadges/ob3/spec-examples/basic-teamwork.json"),
    ("upstream", "openbadges/ob3/spec-examples/complete-unsigned.json"),
    ("upstream", "openbadges/ob3/spec-examples/endorsement.json"),
    ("upstream", "openbadges/ob3/spec-examples/skill-assertion-case.json"),
]
THREADS = 8
PER_THREAD = 20


def _one(path: Path, target: str) -> tuple[list[bytes], dict]:
    result = lerbridge.convert(path, to=target)
    return [d.data for d in result.documents], result.report.to_dict()


def _paths(shipped: Path, upstream: Path, entries: list[tuple[str, str]]) -> list[Path]:
    base = {"shipped": shipped, "upstream": upstream}
    return [base[where] / rel for where, rel in entries]


def _files(shipped: Path, upstream: Path) -> list[Path]:
    return _paths(shipped, upstream, FILES)


def _jobs(files: list[Path]) -> list[tuple[Path, str]]:
    jobs = []
    for i in range(THREADS * PER_THREAD):
        path = files[i % len(files)]
        target = "canonical" if (i // len(files)) % 3 == 2 else "ob3"
        jobs.append((path, target))
    return jobs


def test_concurrent_conversions_match_sequential(shipped: Path, upstream: Path) -> None:
    jobs = _jobs(_files(shipped, upstream))
    expected = {job: _one(*job) for job in set(jobs)}
    assert len(expected) == 2 * len(FILES)
    barrier = threading.Barrier(THREADS)

    def worker(k: int) -> list[tuple[tuple[Path, str], tuple[list[bytes], dict]]]:
        barrier.wait()
        mine = jobs[k::THREADS]
        return [(job, _one(*job)) for job in mine]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [r for chunk in pool.map(worker, range(THREADS)) for r in chunk]
    assert len(results) == THREADS * PER_THREAD
    for job, got in results:
        assert got[0] == expected[job][0], job
        assert got[1] == expected[job][1], job


RESUME_JOBS = [
    ("shipped", "ob3/lerbridge-welding-certificate.json", "lerrs"),
    ("upstream", "openbadges/ob3/spec-examples/skill-assertion-case.json", "lerrs"),
    ("upstream", "clr/1edtech-obspec_clr2-testvector_signed.json", "lerrs"),
    ("upstream", "hropen/hr-xml-2.5/ResumeExample.xml", "lerrs"),
    ("upstream", "hropen/hr-xml-2.5/ResumeExample.xml", "hrxml"),
    ("shipped", "ob3/lerbridge-welding-certificate.json", "hrxml"),
]


def test_concurrent_resume_conversions_match_sequential(shipped: Path, upstream: Path) -> None:
    """The résumé formats share compiled schemas (LER-RS JSON Schema, HR-XML XSD) and
    embed OB 3.0 / CLR writers; concurrent conversions give the sequential bytes."""
    base = {"shipped": shipped, "upstream": upstream}
    jobs = [(base[where] / rel, target) for where, rel, target in RESUME_JOBS] * 8
    expected = {job: _one(*job) for job in set(jobs)}
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        got = list(pool.map(lambda job: (job, _one(*job)), jobs))
    for job, result in got:
        assert result == expected[job], job


def test_concurrent_reads_and_validation(shipped: Path, upstream: Path) -> None:
    paths = [p for p in _files(shipped, upstream) if p.suffix == ".json"]
    expected = {p: len(lerbridge.validate(p)) for p in paths}
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        got = list(pool.map(lambda p: (p, len(lerbridge.validate(p))), paths * 10))
    assert all(n == expected[p] for p, n in got)
    assert expected[upstream / "openbadges/ob3/1edtech-validator/complete_v1.json"] == 8
    assert expected[upstream / "openbadges/ob3/spec-examples/basic-teamwork.json"] == 0


def test_conversions_print_nothing(
    shipped: Path, upstream: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    for path in _files(shipped, upstream):
        for target in ("ob3", "canonical"):
            lerbridge.convert(path, to=target)
        lerbridge.validate(path)
    with pytest.raises(lerbridge.ReadError):
        lerbridge.convert(b"{", to="ob3", from_="ob3")
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""


def test_conversions_log_and_warn_nothing(
    shipped: Path, upstream: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for path in _files(shipped, upstream):
            lerbridge.convert(path, to="ob3")
    assert [str(w.message) for w in caught] == []
    assert [r.getMessage() for r in caplog.records if r.name.startswith("lerbridge")] == []


def _process_state() -> dict[str, object]:
    root = logging.getLogger()
    return {
        "warnings.filters": list(warnings.filters),
        "root.handlers": list(root.handlers),
        "root.level": root.level,
        "logging.disable": logging.root.manager.disable,
        "recursionlimit": sys.getrecursionlimit(),
        "csv.field_size_limit": csv.field_size_limit(),
        "int_max_str_digits": sys.get_int_max_str_digits(),
        "excepthook": sys.excepthook,
    }


def test_process_state_unchanged(shipped: Path, upstream: Path) -> None:
    before = _process_state()
    for _ in range(5):
        for path in _files(shipped, upstream):
            lerbridge.convert(path, to="ob3")
            lerbridge.convert(path, to="canonical")
        for bad in (b"[" * 5000 + b"]" * 5000, b'{"a": 1' + b"1" * 5000 + b"}"):
            with pytest.raises(lerbridge.ReadError):
                lerbridge.convert(bad, to="ob3", from_="ob3")
    assert _process_state() == before


def test_ships_py_typed() -> None:
    marker = importlib.resources.files("lerbridge").joinpath("py.typed")
    assert marker.is_file()


def test_public_names_exist() -> None:
    assert len(lerbridge.__all__) == len(set(lerbridge.__all__))
    missing = [name for name in lerbridge.__all__ if not hasattr(lerbridge, name)]
    assert missing == []
    for name in ("convert", "read", "write", "validate", "formats", "detect"):
        assert name in lerbridge.__all__
        assert callable(getattr(lerbridge, name))
    for exc in (
        "LerbridgeError",
        "ReadError",
        "WriteError",
        "FormatDetectionError",
        "MappingError",
        "UnknownFormatError",
    ):
        assert issubclass(getattr(lerbridge, exc), lerbridge.LerbridgeError)
    assert issubclass(lerbridge.LerbridgeError, Exception)


def test_error_exit_codes_are_distinct() -> None:
    codes = {
        cls.__name__: cls.exit_code
        for cls in (
            lerbridge.LerbridgeError,
            lerbridge.ReadError,
            lerbridge.FormatDetectionError,
            lerbridge.WriteError,
            lerbridge.MappingError,
            lerbridge.UnknownFormatError,
        )
    }
    assert codes == {
        "LerbridgeError": 1,
        "ReadError": 3,
        "FormatDetectionError": 4,
        "WriteError": 5,
        "MappingError": 6,
        "UnknownFormatError": 7,
    }
