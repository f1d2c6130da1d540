"""validate_elm is thread-safe (the shapes graph is parsed once and shared) and the package
imports pyshacl and rdflib only when a check runs."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lerbridge.shacl import validate_elm

DOCS = [
    "eu-elm-github_Sample-MC-Annex1_unsigned.jsonld",
    "dc4eu-vc_HE-ToR-uio_from-elmo1.7.json",
    "eu-elm-github_credential-sample_v3.2.jsonld",
    "mynextid_matriculation_unsigned.json",
]


def test_concurrent_checks_give_the_sequential_results(upstream: Path) -> None:
    docs = [json.loads((upstream / "elm" / n).read_text(encoding="utf-8")) for n in DOCS]
    expected = [validate_elm(d) for d in docs]
    assert [len([i for i in e if i.severity == "error"]) for e in expected] == [2, 2, 0, 1]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(validate_elm, docs * 3))
    assert got == expected * 3


def test_importing_the_package_loads_no_rdf_stack() -> None:
    script = (
        "import sys, lerbridge.shacl, lerbridge.conformance;"
        "print(' '.join(m for m in ('pyshacl', 'rdflib', 'pyld') if m in sys.modules) or '-')"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "-"
