"""The conformance kit: a reference corpus a vendor imports into its system, then exports
and compares (``lerbridge conformance diff``) to prove that nothing is lost.

``write_kit(OUT)`` reads the four reference records of :mod:`.kit_sources` (a badge, a
multi-course transcript with a degree and a GPA, a résumé with skills, a credential
description) and writes each in every writable format, with beside each file
``<file>.manifest.json``: the facts (canonical path and value) that file carries and that
re-reading it must give, and the losses the format imposes (its write report). The
index ``kit.manifest.json`` lists every file with its SHA-256, and every record/format pair
the kit leaves out with the reason (e.g. a résumé has no award for an OB 3.0 credential).

Deterministic: fixed ids and dates, sorted JSON; no clock is read. The kit is built in a
temporary folder beside OUT and renamed into place, so a failure leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import LerbridgeError
from .diff import Fact, facts
from .kit_sources import RECORDS

KIT_VERSION = "1"
MANIFEST_SUFFIX = ".manifest.json"
#: The kit's index. Manifests end in MANIFEST_SUFFIX, so `conformance run` skips them.
INDEX = "kit" + MANIFEST_SUFFIX


@dataclass
class KitFile:
    path: str
    record: str
    format: str
    data: bytes
    manifest: dict[str, Any]


@dataclass
class Kit:
    """The kit in memory: its files and the index."""

    files: list[KitFile] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def index(self) -> dict[str, Any]:
        return {
            "kit_version": KIT_VERSION,
            "records": {name: what for name, (what, _f, _s) in RECORDS.items()},
            "files": [
                {
                    "path": f.path,
                    "record": f.record,
                    "format": f.format,
                    "sha256": hashlib.sha256(f.data).hexdigest(),
                    "facts": len(f.manifest["must_contain"]),
                }
                for f in self.files
            ],
            "skipped": self.skipped,
        }


def _order(item: tuple[Fact, int]) -> tuple[str, str]:
    (path, value), _n = item
    return (path, orjson.dumps(value).decode())


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def _source_bytes(source: Any) -> bytes:
    return source.encode("utf-8") if isinstance(source, str) else orjson.dumps(source)


def writable_formats() -> list[tuple[str, str]]:
    """(name, file extension) of every format that writes, in name order."""
    from ..formats import registry

    out = []
    for fmt in registry.formats().values():
        if fmt.can_write:
            out.append((fmt.name, fmt.extensions[0] if fmt.extensions else ".out"))
    return sorted(out)


def build_kit() -> Kit:
    """The kit in memory (see the module docstring)."""
    from ..api import read, read_records, write

    kit = Kit()
    for name, (_what, src_fmt, source) in RECORDS.items():
        record, _ = read(_source_bytes(source), src_fmt, name=f"kit:{name}")
        reference = facts(record)
        for fmt, ext in writable_formats():
            try:
                docs, report = write(record, fmt)
            except LerbridgeError as exc:
                kit.skipped.append({"record": name, "format": fmt, "reason": exc.message})
                continue
            errors = report.at_least("error")
            if errors:
                reason = "; ".join(sorted({e.message for e in errors}))
                kit.skipped.append({"record": name, "format": fmt, "reason": reason})
                continue
            losses = [
                {k: v for k, v in e.to_dict().items() if k in ("code", "canonical_path", "message")}
                for e in report.entries
            ]
            label = name if fmt in ext else f"{name}.{fmt}"
            pending: list[KitFile] = []
            for k, doc in enumerate(docs):
                stem = label if len(docs) == 1 else f"{label}.{k + 1:04d}"
                rel = f"{name}/{stem}{ext}"
                try:
                    back, back_report = read_records(doc.data, fmt, name=rel)
                except LerbridgeError as exc:
                    reason = f"the output does not read back: {exc.message}"
                    kit.skipped.append({"record": name, "format": fmt, "reason": reason})
                    pending = []
                    break
                defects = back_report.by_code("source-schema-violation")
                if defects:  # e.g. a CSV row without the learner key the layout needs
                    reason = "the output does not read back cleanly: " + "; ".join(
                        sorted({e.message for e in defects})
                    )
                    kit.skipped.append({"record": name, "format": fmt, "reason": reason})
                    pending = []
                    break
                carried: Counter[Fact] = Counter()
                for rec in back:
                    carried.update(facts(rec))
                must = [
                    {"path": p, "value": v, "count": n}
                    for (p, v), n in sorted((carried & reference).items(), key=_order)
                ]
                if not must:
                    reason = "the output carries none of the record's facts"
                    kit.skipped.append({"record": name, "format": fmt, "reason": reason})
                    pending = []
                    break
                manifest = {
                    "file": Path(rel).name,
                    "record": name,
                    "format": fmt,
                    "must_contain": must,
                    "losses": losses,
                }
                pending.append(KitFile(rel, name, fmt, doc.data, manifest))
            kit.files += pending
    return kit


def write_kit(out: str | os.PathLike[str]) -> Kit:
    """Write the kit to folder ``out`` (which must not exist, or be empty)."""
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise LerbridgeError("the kit folder must not exist or must be empty", source=str(target))
    kit = build_kit()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".kit-", dir=target.parent))
    try:
        for f in kit.files:
            path = tmp / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f.data)
            (path.parent / (path.name + MANIFEST_SUFFIX)).write_bytes(_dumps(f.manifest))
        (tmp / INDEX).write_bytes(_dumps(kit.index()))
        tmp.chmod(0o755)  # mkdtemp makes it private; the kit is an ordinary folder
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return kit


def verify_kit(folder: str | os.PathLike[str]) -> list[str]:
    """Re-read a kit folder: every listed file is present with its SHA-256, reads back
    in its format, passes ``lerbridge validate`` (no errors) and gives every fact its
    manifest names. Returns the problems found (empty: the kit re-reads cleanly). A
    vendor can run this on its own export of the kit, file by file, through
    :func:`lerbridge.conformance.diff` instead."""
    from ..api import read_records, validate
    from ..formats import registry

    root = Path(folder)
    problems: list[str] = []
    index = orjson.loads((root / INDEX).read_bytes())
    for entry in index["files"]:
        path = root / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(f"{entry['path']}: SHA-256 differs from {INDEX}")
        try:
            records, _ = read_records(data, entry["format"], name=entry["path"])
            checked = registry.get(entry["format"]).validator is not None
            errs = validate(data, entry["format"], name=entry["path"]) if checked else []
        except LerbridgeError as exc:
            problems.append(f"{entry['path']}: {exc}")
            continue
        problems += [f"{entry['path']}: {i.pointer or '/'}: {i.message}" for i in errs]
        got: Counter[Fact] = Counter()
        for rec in records:
            got.update(facts(rec))
        manifest = orjson.loads((path.parent / (path.name + MANIFEST_SUFFIX)).read_bytes())
        for fact in manifest["must_contain"]:
            have = got[(fact["path"], fact["value"])]
            if have < fact["count"]:
                problems.append(
                    f"{entry['path']}: {fact['path']} = {fact['value']!r} "
                    f"{fact['count']} time(s) expected, {have} found"
                )
    return problems
