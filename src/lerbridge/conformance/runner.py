"""The stages of a conformance run over one file: parse, official schema (strict),
semantic rules, same-format round trip, portability matrix. Everything goes through the
public API (``read_records``, ``validate``, ``write``); nothing here re-implements a check."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import api
from ..errors import FormatDetectionError, LerbridgeError, ReadError
from ..formats import baking, registry
from ..formats.base import Format, Input
from ..formats.vc import decode_jwt, looks_like_jws
from ..model import LearnerRecord
from ..report import SEVERITY_RANK, LossReport, Severity, excerpt
from ..safejson import JsonLimits, loads
from . import shacl
from .catalog import STAGES, Profile, Stage, rule, rules
from .result import Cell, CellStatus, ConformanceResult, FileResult, Finding, StageResult
from .semantic import CHECKS, Subject, embedded_credentials

#: Read-side loss codes that mean the canonical model did not keep the value as written.
LOSSY_READ = frozenset({"no-target-field", "language-dropped", "precision-lost"})
#: Read-side loss codes that mean a value was normalised (kept, in another form).
NORMALIZED_READ = frozenset({"value-coerced", "enum-approximated"})
#: A conformance kit's manifests (``*.manifest.json``) describe documents; they are none.
KIT_MANIFEST = ".manifest.json"
#: Suffixes checked when a folder is given (a file named explicitly is always checked).
#: Baked badge images (.png, .svg) are checked through the document baked into them.
DOCUMENT_SUFFIXES = frozenset(
    {".json", ".jsonld", ".jwt", ".jws", ".xml", ".csv", ".tsv", ".png", ".svg"}
)


#: What ``lerbridge validate`` tolerates with a warning but the strict official schema does
#: not: a JSON-LD compacted single value, an outdated envelope checked as its upgrade.
STRICT_SCHEMA_WARNINGS = frozenset({"compacted-form", "outdated-dialect"})


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to check: each file as given; each folder recursed (document suffixes only,
    hidden entries skipped), in sorted order."""
    out: list[Path] = []
    suffixes = set(DOCUMENT_SUFFIXES)
    for fmt in registry.formats().values():
        suffixes.update(e for e in fmt.extensions if e.count(".") == 1)
    for ref in paths:
        path = Path(ref)
        if path.is_dir():
            found = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not p.name.endswith(KIT_MANIFEST)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            out.extend(found)
        else:
            out.append(path)
    return out


class _Run:
    def __init__(self, profile: Profile, now: datetime, forced: Format | None) -> None:
        self.profile = profile
        self.now = now
        self.forced = forced

    def finding(self, rule_id: str, message: str, location: str = "") -> Finding:
        r = rule(rule_id)
        return Finding(r.id, r.severity_for(self.profile), r.stage, message, location)

    def add(self, res: FileResult, rule_id: str, message: str, location: str = "") -> None:
        f = self.finding(rule_id, message, location)
        res.stage(f.stage).findings.append(f)

    # --- stages ---------------------------------------------------------------------------

    def check(self, path: Path) -> FileResult:
        label = str(path)
        res = FileResult(label, None)
        try:
            inp = api.to_input(path)
            unbaked = baking.unwrap(inp, registry.formats())
            if unbaked is not None:
                inp = unbaked[0]  # the image itself is not what a vendor's check is about
        except LerbridgeError as exc:
            self.add(res, "parse-failed", exc.message)
            return self._skip_rest(res, "the file could not be read")
        fmt = self._format(inp, res)
        doc = _raw_document(inp)
        records: list[LearnerRecord] = []
        read_report = LossReport()
        if fmt is not None:
            res.format = fmt.name
            try:
                records, read_report = api.read_records(inp.data, fmt.name, name=label)
            except LerbridgeError as exc:
                self.add(res, "parse-failed", exc.message, exc.location or "")
        res.stage("parse")
        self._schema(res, inp, fmt, read_report)
        self._semantic(res, doc, fmt)
        if not records:
            res.stages["roundtrip"] = _not_run("roundtrip", "the document was not read")
            res.stages["portability"] = _not_run("portability", "the document was not read")
            return res
        assert fmt is not None
        self._roundtrip(res, fmt, records, read_report)
        self._portability(res, fmt, records)
        return res

    def _format(self, inp: Input, res: FileResult) -> Format | None:
        if self.forced is not None:
            return self.forced
        try:
            return registry.get(api.detect(inp.data, inp.name))
        except FormatDetectionError as exc:
            self.add(res, "format-unknown", exc.message)
        except ReadError as exc:
            self.add(res, "parse-failed", exc.message, exc.location or "")
        return None

    def _schema(self, res: FileResult, inp: Input, fmt: Format | None, read: LossReport) -> None:
        stage = res.stage("schema")
        if fmt is None or res.stage("parse").findings:
            stage.ran, stage.note = False, "the document was not read"
            return
        shapes = rule(shacl.RULE).applies_to(fmt.name)
        if shapes:
            self._shacl(res, inp, fmt)
        if fmt.validator is not None:
            try:
                issues = api.validate(inp.data, fmt.name, name=res.path, warnings=True)
            except LerbridgeError as exc:
                self.add(res, "schema-strict", exc.message, exc.location or "")
                return
            for issue in issues:
                if shapes and issue.check.startswith(shacl.CHECK_PREFIX):
                    continue  # reported once, as shacl-violation
                # validate's other warnings (contexts, expiry) are semantic rules here
                if issue.severity == "error" or issue.check in STRICT_SCHEMA_WARNINGS:
                    self.add(res, "schema-strict", issue.message, issue.pointer or "/")
        elif rule("layout-violation").applies_to(fmt.name):
            for e in read.by_code("source-schema-violation"):
                self.add(res, "layout-violation", e.message, e.source_path or "")
        elif not shapes:
            stage.ran, stage.note = False, f"{fmt.name} has no official schema"

    def _shacl(self, res: FileResult, inp: Input, fmt: Format) -> None:
        found = shacl.shacl_issues(_raw_document(inp), res.path)
        if isinstance(found, str):  # not JSON (legacy XML, SD-JWT): the format's own check only
            stage = res.stage("schema")
            stage.note = found
            stage.ran = fmt.validator is not None
            return
        for issue in found:
            f = self.finding(shacl.RULE, shacl.message(issue), issue.pointer or "/")
            if issue.severity != "error":  # a substituted context, an assumed one: a note
                f = replace(f, severity=issue.severity)
            res.stage("schema").findings.append(f)

    def _semantic(self, res: FileResult, doc: Any, fmt: Format | None) -> None:
        stage = res.stage("semantic")
        if doc is None:
            stage.ran, stage.note = False, "semantic rules read JSON documents"
            return
        name = fmt.name if fmt else None
        subject = Subject(doc, name, self.now)
        embedded: list[tuple[str, Subject]] | None = None
        for r in rules().values():
            if r.stage != "semantic":
                continue
            if r.applies_to(name):
                for location, message in CHECKS[r.id](subject):
                    self.add(res, r.id, message, location)
            elif name is not None and name in r.embedded:
                if embedded is None:
                    found = embedded_credentials(doc)
                    embedded = [(p, Subject(c, name, self.now)) for p, c in found]
                for prefix, sub in embedded:
                    for location, message in CHECKS[r.id](sub):
                        self.add(res, r.id, message, prefix + location)

    def _roundtrip(
        self, res: FileResult, fmt: Format, records: list[LearnerRecord], read: LossReport
    ) -> None:
        stage = res.stage("roundtrip")
        if fmt.writer is None:
            stage.ran, stage.note = False, f"{fmt.name} cannot be written"
            return
        for e in read:
            where = e.source_path or e.canonical_path or ""
            if e.code in LOSSY_READ and SEVERITY_RANK[e.severity] >= 1:
                self.add(res, "roundtrip-lossless", f"read: {e.code}: {e.message}", where)
            elif e.code in NORMALIZED_READ:
                self.add(res, "roundtrip-normalized", f"read: {e.code}: {e.message}", where)
        for record in records:
            try:
                docs, report = api.write(record, fmt.name)
            except LerbridgeError as exc:
                self.add(res, "roundtrip-lossless", f"cannot be written back: {exc}")
                continue
            again = _reread(docs, fmt.name)
            if again is None:  # several documents: the write report is the evidence
                for e in report.at_least("warning"):
                    where = e.canonical_path or e.source_path or ""
                    self.add(res, "roundtrip-lossless", f"write: {e.code}: {e.message}", where)
                continue
            for where, message in changed(record, again):
                self.add(res, "roundtrip-lossless", message, where)

    def _portability(self, res: FileResult, fmt: Format, records: list[LearnerRecord]) -> None:
        res.stage("portability")
        for target in registry.formats().values():
            if target.writer is None or target.name == fmt.name:
                continue
            counts: Counter[str] = Counter()
            errors: list[str] = []
            for record in records:
                report, error = _write(record, target.name)
                counts.update(report.codes())
                if error:
                    errors.append(error)
            if errors:
                cell = Cell(target.name, "refused", dict(sorted(counts.items())), errors[0])
                self.add(res, "portability", f"{target.name}: refused: {errors[0]}")
            else:
                status: CellStatus = "lossy" if counts else "ok"
                cell = Cell(target.name, status, dict(sorted(counts.items())))
            res.matrix[target.name] = cell

    def _skip_rest(self, res: FileResult, why: str) -> FileResult:
        for name in STAGES[1:]:
            res.stages[name] = _not_run(name, why)
        return res


def _not_run(stage: Stage, note: str) -> StageResult:
    return StageResult(stage, ran=False, note=note)


def _write(record: LearnerRecord, fmt: str) -> tuple[LossReport, str]:
    """Write and keep only the report; a refusal is a message, not an exception. A crash
    inside a writer (a lerbridge bug) is reported the same way so one file cannot stop
    a vendor's whole run."""
    try:
        _docs, report = api.write(record, fmt)
    except LerbridgeError as exc:
        return LossReport(), str(exc)
    except Exception as exc:  # a writer bug: a refused cell (docstring)
        return LossReport(), f"internal error ({type(exc).__name__}: {exc})"
    return report, ""


def _reread(docs: list[Any], fmt: str) -> LearnerRecord | None:
    if len(docs) != 1:
        return None
    try:
        records, _ = api.read_records(docs[0].data, fmt, name="<written back>")
    except LerbridgeError:
        return None
    return records[0] if len(records) == 1 else None


def _flat(value: Any, path: str, out: dict[str, Any]) -> dict[str, Any]:
    if isinstance(value, dict):
        for k, v in value.items():
            _flat(v, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list) and value:
        for i, v in enumerate(value):
            _flat(v, f"{path}[{i}]", out)
    else:
        out[path] = value
    return out


def changed(before: LearnerRecord, after: LearnerRecord) -> list[tuple[str, str]]:
    """(canonical path, message) for every object whose values differ between the record
    read from the source and the record read back from its same-format output, one entry
    per object (provenance excluded: it says how the record was read)."""
    a = _flat(before.model_dump(mode="json", exclude={"provenance"}), "", {})
    b = _flat(after.model_dump(mode="json", exclude={"provenance"}), "", {})
    groups: dict[str, list[str]] = {}
    for key in sorted(a.keys() | b.keys()):
        if a.get(key) != b.get(key):
            parent, _, leaf = key.rpartition(".")
            groups.setdefault(parent, []).append(leaf)
    out = []
    for parent, leaves in groups.items():
        first = f"{parent}.{leaves[0]}" if parent else leaves[0]
        was, now = excerpt(a.get(first, "(absent)")), excerpt(b.get(first, "(absent)"))
        out.append(
            (
                parent or "/",
                f"written back and re-read, {', '.join(leaves)} changed "
                f"(e.g. {leaves[0]}: {was} -> {now})",
            )
        )
    return out


def _raw_document(inp: Input) -> Any:
    """The JSON the semantic rules look at: the document, or a VC-JWT's credential."""
    data = inp.data
    if looks_like_jws(data):
        try:
            return decode_jwt(data, inp.name, LossReport(), "jwt", JsonLimits())[1]
        except ReadError:
            return None
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] not in (b"{", b"["):
        return None
    try:
        return loads(data, inp.name)
    except ReadError:
        return None


def run(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    format: str | None = None,
    profile: Profile = "strict",
    fail_on: Severity = "error",
    now: datetime | None = None,
) -> ConformanceResult:
    """Check every file (folders recursed) in stages and return the structured result.

    ``format`` forces the format instead of detecting it; ``profile`` picks the severities
    (``lenient`` downgrades the rules ``rules.yaml`` marks); ``fail_on`` is the level at
    which a finding fails a file (:attr:`ConformanceResult.passed`); ``now`` is the moment
    the validity-period rules judge against (default: the current time, the only use of
    the clock in lerbridge, and only because expiry is what those rules check)."""
    if profile not in ("strict", "lenient"):
        raise LerbridgeError(f"unknown profile {profile!r}; use strict or lenient")
    if fail_on not in SEVERITY_RANK:
        raise LerbridgeError(f"unknown level {fail_on!r}; use info, warning or error")
    forced = registry.get(format) if format else None
    if forced is not None and forced.reader is None:
        raise LerbridgeError(f"format {forced.name!r} cannot be read")
    items = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files = expand(items)
    runner = _Run(profile, now or datetime.now(UTC), forced)
    return ConformanceResult([runner.check(p) for p in files], profile, fail_on)
