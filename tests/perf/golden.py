"""Output fingerprints of every fixture converted to every writable format.

``python tests/perf/golden.py --write`` records, for each document of ``fixtures/`` and
``../shared/fixtures-upstream`` and each format lerbridge can write, the sha256 of the
output documents (bytes and names) and of the loss report, or the error it raised. The
performance work (issue 14) must keep every output byte-identical: ``test_golden.py``
recomputes the fingerprints and compares them with ``golden_outputs.json``. Regenerate the
file only for a deliberate, reported change of output.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import orjson

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GOLDEN = HERE / "golden_outputs.json"
SUFFIXES = {".json", ".jsonld", ".xml", ".csv", ".png", ".svg", ".jwt", ".jws", ".sd-jwt"}


def sources(shared: Path | None) -> list[tuple[str, Path]]:
    found = [(f"fixtures/{p.relative_to(ROOT / 'fixtures')}", p) for p in _files(ROOT / "fixtures")]
    if shared is not None and shared.is_dir():
        base = shared / "fixtures-upstream"
        found += [(f"upstream/{p.relative_to(base)}", p) for p in _files(base)]
    return found


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


#: formats registered after the last recording: their names are taken out of the
#: "known: ..." lists of error messages, so an added format changes no recorded error
#: (empty since the recording that added elm, case and jsonresume)
LATER_FORMATS: tuple[str, ...] = ()
#: documents recorded as unreadable that a format added after the recording reads; that
#: format's own tests cover them until the next recording
LATER_SOURCES: tuple[str, ...] = ()


def _error(exc: BaseException) -> str:
    text = str(exc).replace(str((ROOT / ".." / "shared").resolve()), "<shared>")
    for name in LATER_FORMATS:
        text = text.replace(f" {name}, ", " ").replace(f", {name})", ")")
    return f"error {type(exc).__name__}: {_sha(text.replace(str(ROOT), '<root>').encode())}"


def _report(report: Any) -> str:
    return _sha(orjson.dumps(report.to_dict(), option=orjson.OPT_SORT_KEYS))


def fingerprint(label: str, path: Path) -> dict[str, str]:
    import lerbridge
    from lerbridge.errors import LerbridgeError

    targets = sorted(f.name for f in lerbridge.formats() if f.can_write)
    try:
        records, report = lerbridge.read_records(path, name=label)
    except LerbridgeError as exc:
        return {"read": _error(exc)}
    out = {"read": f"{len(records)} record(s), report {_report(report)}"}
    for target in targets:
        try:
            parts = []
            for record in records:
                docs, wreport = lerbridge.write(record, target)
                parts += [f"{d.name}|{d.media_type}|{_sha(d.data)}" for d in docs]
                parts.append(f"report {_report(wreport)}")
            out[target] = _sha("\n".join(parts).encode())
        except LerbridgeError as exc:
            out[target] = _error(exc)
    return out


def compute(shared: Path | None) -> dict[str, dict[str, str]]:
    return {label: fingerprint(label, path) for label, path in sources(shared)}


def main(argv: list[str]) -> int:
    shared = (ROOT / ".." / "shared").resolve()
    result = compute(shared)
    if "--write" in argv:
        GOLDEN.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {len(result)} fixtures to {GOLDEN}")
    else:
        print(json.dumps(result, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
