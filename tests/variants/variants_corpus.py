"""The variants corpus runner (after rdflib's test/data layout): every document, the
outcome of detecting it and of converting it to each target, as one table row. The test
compares with ``expected.csv`` and requires every expected failure to have a reason in
``known-failures.csv``. ``python tests/variants/variants_corpus.py`` prints the table as
it is now."""

from __future__ import annotations

import csv
import fnmatch
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lerbridge
from lerbridge.errors import LerbridgeError

HERE = Path(__file__).parent
DOCS = HERE / "documents"
TARGETS = ("canonical", "ob3", "clr", "lerrs", "hrxml", "ctdl", "csv", "ob2")
COLUMNS = ("document", "options", "source", *TARGETS, "shape")


@dataclass(frozen=True)
class Row:
    document: str
    options: str
    expected: dict[str, str]
    shape: str

    @property
    def key(self) -> str:
        return f"{self.document} [{self.options}]" if self.options else self.document


def load_expected() -> list[Row]:
    with (HERE / "expected.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if not r["document"].startswith("#")]
    return [
        Row(r["document"], r["options"], {k: r[k] for k in ("source", *TARGETS)}, r["shape"])
        for r in rows
    ]


def load_known() -> list[dict[str, str]]:
    with (HERE / "known-failures.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def known_reason(known: list[dict[str, str]], document: str, target: str, error: str) -> str:
    for k in known:
        if (
            fnmatch.fnmatch(document, k["document"])
            and k["target"] in (target, "*")
            and k["error"] == error
        ):
            return k["reason"]
    return ""


def path_of(document: str, upstream: Path | None) -> Path:
    if document.startswith("upstream:"):
        assert upstream is not None
        return upstream / document.removeprefix("upstream:")
    return DOCS / document


def parse_options(options: str) -> dict[str, Any]:
    """``set:PATH=VALUE|issued=DATE`` -> keyword arguments of lerbridge.convert."""
    out: dict[str, Any] = {}
    for part in filter(None, options.split("|")):
        key, _, value = part.partition("=")
        if key.startswith("set:"):
            out.setdefault("set", {})[key.removeprefix("set:")] = value
        else:
            out[key] = value
    return out


def outcomes(path: Path, options: str) -> dict[str, str]:
    """``source`` (the detected format, or the error) and one outcome per target: ``ok``
    (converted; every output passed the target's official schema check), ``empty`` (no
    document and no error), ``unchecked`` (the official specs are absent) or the error."""
    kwargs = parse_options(options)
    try:
        source = lerbridge.detect(path)
    except LerbridgeError as exc:
        return {"source": type(exc).__name__, **dict.fromkeys(TARGETS, "-")}
    out = {"source": source}
    for target in TARGETS:
        try:
            result = lerbridge.convert(path, to=target, **kwargs)
        except LerbridgeError as exc:
            out[target] = type(exc).__name__
            continue
        if not result.documents:
            out[target] = "empty"  # converted to nothing, without an error
            continue
        unchecked = result.report.by_code("not-validated")
        out[target] = "unchecked" if unchecked else "ok"
    return out


def _main() -> None:  # pragma: no cover - a maintainer's tool
    upstream = HERE.parents[2] / "shared" / "fixtures-upstream"
    writer = csv.DictWriter(sys.stdout, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in load_expected():
        got = outcomes(path_of(row.document, upstream), row.options)
        out = {"document": row.document, "options": row.options, **got, "shape": row.shape}
        writer.writerow(out)


if __name__ == "__main__":  # pragma: no cover
    _main()
