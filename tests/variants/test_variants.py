"""The variants corpus: documents written for lerbridge in the shapes public data uses
(``documents/``, each naming the public shape it follows in ``expected.csv``), plus every
document under ../shared/fixtures-upstream, each with its expected outcome per target.
An expected failure needs a reason in ``known-failures.csv``; a fix that turns one into a
pass fails this test until the tables say so, so progress is visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from variants_corpus import (
    DOCS,
    TARGETS,
    Row,
    known_reason,
    load_expected,
    load_known,
    outcomes,
    path_of,
)

ROWS = load_expected()
KNOWN = load_known()
OWN = [r for r in ROWS if not r.document.startswith("upstream:")]
UPSTREAM = [r for r in ROWS if r.document.startswith("upstream:")]


def _check(row: Row, upstream: Path | None) -> None:
    got = outcomes(path_of(row.document, upstream), row.options)
    diffs = []
    for col in ("source", *TARGETS):
        want, have = row.expected[col], got[col]
        if want != have:
            fixed = have == "ok" and want != "ok"
            hint = " (fixed? update expected.csv and known-failures.csv)" if fixed else ""
            diffs.append(f"{col}: expected {want}, got {have}{hint}")
    assert not diffs, f"{row.key}: " + "; ".join(diffs)


@pytest.mark.parametrize("row", OWN, ids=[r.key[:90] for r in OWN])
def test_own_document(row: Row) -> None:
    _check(row, None)


@pytest.mark.parametrize("row", UPSTREAM, ids=[r.document[9:90] for r in UPSTREAM])
def test_upstream_document(row: Row, upstream: Path) -> None:
    _check(row, upstream)


def test_every_expected_failure_has_a_reason() -> None:
    missing = []
    for row in ROWS:
        for col in ("source", *TARGETS):
            want = row.expected[col]
            if want in ("ok", "-") or (col == "source" and not want.endswith("Error")):
                continue
            if not known_reason(KNOWN, row.document, col, want):
                missing.append(f"{row.key} {col} {want}")
    assert not missing, "expected failures without a reason in known-failures.csv: " + ", ".join(
        missing
    )


def test_every_upstream_document_is_in_the_table(upstream: Path) -> None:
    files = {
        "upstream:" + p.relative_to(upstream).as_posix()
        for p in upstream.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    }
    listed = {r.document for r in UPSTREAM}
    assert files - listed == set(), f"not in expected.csv: {sorted(files - listed)}"
    assert listed - files == set(), f"listed but absent: {sorted(listed - files)}"


def test_own_documents_count_and_shapes() -> None:
    files = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()}
    assert len(files) >= 30
    listed = {r.document for r in OWN}
    assert files == listed, f"documents without a row: {sorted(files - listed)}"
    assert all(r.shape.strip() for r in OWN), "every document names the public shape it follows"
