"""Converting OB 3.0 loads neither the XML stack, python-jsonschema nor the résumé formats'
readers and writers (issue 14: the CLI must answer at once). Checked in a fresh process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "lxml",
    "xmlschema",
    "jsonschema",
    "referencing",
    "pyshacl",
    "rdflib",
    "lerbridge.formats.lerrs.reader",
    "lerbridge.formats.lerrs.writer",
    "lerbridge.formats.hrxml.reader",
    "lerbridge.formats.hrxml.writer",
    "lerbridge.formats.ob2.reader",
    "lerbridge.formats.ob2.writer",
    "lerbridge.formats.ctdl.reader",
    "lerbridge.formats.ctdl.writer",
)

_SCRIPT = """
import sys, pathlib, lerbridge
result = lerbridge.convert(pathlib.Path(sys.argv[1]), to=sys.argv[2])
assert result.documents, "nothing converted"
print(" ".join(m for m in sys.argv[3:] if m in sys.modules) or "-")
"""


def _loaded(doc: Path, to: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(doc), to, *HEAVY],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip()


def test_ob3_conversion_loads_no_heavy_module() -> None:
    doc = ROOT / "fixtures" / "ob3" / "lerbridge-welding-certificate.json"
    assert _loaded(doc, "ob3") == "-"
    assert _loaded(doc, "clr") == "-"


def test_the_check_sees_a_heavy_module_when_it_is_used() -> None:
    doc = ROOT / "fixtures" / "ob3" / "lerbridge-welding-certificate.json"
    assert "lerbridge.formats.hrxml.writer" in _loaded(doc, "hrxml").split()


def test_invalid_clr_is_reported_without_python_jsonschema(upstream: Path) -> None:
    """The Westbridge transcript breaks the official schema 35 times (``oneOf``, ``type``,
    ``required``...): jsonschema-rs words every violation, python-jsonschema stays out."""
    doc = upstream / "clr" / "learncard_clr2-westbridge-full-transcript.json"
    loaded = _loaded(doc, "clr").split()
    assert "jsonschema" not in loaded
    assert "referencing" not in loaded
