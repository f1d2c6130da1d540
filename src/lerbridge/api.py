"""The library API: read, write, convert; validate, verify and skills live in
:mod:`lerbridge.api_checks`, input handling in :mod:`lerbridge.api_input`, and all are
re-exported here. Thread-safe: every call builds its own state; nothing here prints, logs
or changes process-wide settings."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from . import supply
from .api_checks import skills, validate, verify
from .api_input import Source, _detect, _hint_path, _open, to_input
from .errors import LerbridgeError, MappingError, ReadError
from .formats import registry
from .formats.base import Document, Format, ReadOptions, WriteOptions
from .limits import Limits
from .mapping.compiler import load_mapping
from .model import LearnerRecord
from .report import SENSITIVE_SCHEMES, LossReport
from .safejson import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from .specs._root import ENV_VAR as SPECS_ENV
from .specs._unchecked import unchecked
from .textsafe import clean_for_output

ResolveMap = dict[str, str | os.PathLike[str]] | str | os.PathLike[str] | None


@dataclass
class Result:
    """What :func:`convert` returns: the output documents, the loss report of the whole
    conversion (reading and writing), and the canonical records in between (one per
    learner the input holds)."""

    documents: list[Document]
    report: LossReport
    records: list[LearnerRecord]
    source_format: str = ""
    target_format: str = ""

    @property
    def record(self) -> LearnerRecord:
        """The record, when the input held one learner (the usual case)."""
        return self.records[0]


@dataclass(frozen=True)
class FormatInfo:
    name: str
    title: str
    aliases: tuple[str, ...]
    extensions: tuple[str, ...]
    can_read: bool
    can_write: bool
    package: str


def _split_mappings(mappings: Sequence[str | os.PathLike[str]] | None) -> dict[str, Path]:
    """User mapping files by the format (namespace) they are for."""
    out: dict[str, Path] = {}
    for ref in mappings or ():
        compiled = load_mapping(Path(ref))
        if compiled.namespace in out:
            raise MappingError(
                f"two mapping files for format {compiled.namespace!r}", source=str(ref)
            )
        out[compiled.namespace] = Path(ref)
    return out


def get_format(name: str) -> Format:
    return registry.get(name)


def formats() -> list[FormatInfo]:
    return [
        FormatInfo(f.name, f.title, f.aliases, f.extensions, f.can_read, f.can_write, f.package)
        for f in registry.formats().values()
    ]


def explain(data: Source, name: str | None = None) -> dict[str, Any]:
    """What the input shows and how each format's detection scored it, closest first:
    ``{"seen": {...}, "candidates": [{"format", "score", "looks_for", "near"}], "lines"}``."""
    from .formats.explain import explain as _explain

    return _explain(_open(to_input(data, name))[0], registry.formats()).to_dict()


def detect(data: Source, name: str | None = None) -> str:
    return _detect(_open(to_input(data, name))[0]).name


def read(
    data: Source,
    format: str | None = None,
    *,
    mapping: str | os.PathLike[str] | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    language: str | None = None,
    join: str | os.PathLike[str] | bytes | None = None,
    achievement: str | os.PathLike[str] | bytes | None = None,
    issued: str | None = None,
    resolve: Sequence[str | os.PathLike[str]] | None = None,
    resolve_map: ResolveMap = None,
    set: Mapping[str, Any] | None = None,
    override: bool = False,
    limits: Limits | None = None,
    frameworks: Sequence[Source] | None = None,
) -> tuple[LearnerRecord, LossReport]:
    """Read a document into the canonical model. Returns (record, loss report). An input
    that holds several learners' records is an error here: use :func:`read_records`.
    ``join``, ``achievement``, ``issued``: CSV only, as for :func:`read_records`."""
    records, report = read_records(
        data,
        format,
        mapping=mapping,
        name=name,
        max_bytes=max_bytes,
        max_depth=max_depth,
        language=language,
        join=join,
        achievement=achievement,
        issued=issued,
        resolve=resolve,
        resolve_map=resolve_map,
        set=set,
        override=override,
        limits=limits,
        frameworks=frameworks,
    )
    if len(records) != 1:
        raise ReadError(
            f"the input holds {len(records)} records; use lerbridge.read_records",
            source=name or (str(data) if isinstance(data, os.PathLike) else None),
        )
    return records[0], report


def read_records(
    data: Source,
    format: str | None = None,
    *,
    mapping: str | os.PathLike[str] | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    language: str | None = None,
    join: str | os.PathLike[str] | bytes | None = None,
    achievement: str | os.PathLike[str] | bytes | None = None,
    issued: str | None = None,
    resolve: Sequence[str | os.PathLike[str]] | None = None,
    resolve_map: ResolveMap = None,
    set: Mapping[str, Any] | None = None,
    override: bool = False,
    limits: Limits | None = None,
    frameworks: Sequence[Source] | None = None,
) -> tuple[list[LearnerRecord], LossReport]:
    """Read a document into canonical records, one per learner it holds. CSV only:
    ``join`` a companion student file (path or bytes) joined on the profile's key,
    ``achievement`` the badge every row of a bulk-award file awards, ``issued`` the issue
    date of rows that give none (no default; ``"now"`` uses the current time, reported).
    OB 2.0 only: ``resolve`` files and folders of linked documents (BadgeClass, Issuer...)
    found by id or file name, ``resolve_map`` IRI -> file (a dict, or a JSON file holding
    one, paths relative to it). Nothing is ever fetched.
    A baked PNG or SVG badge is read through the document baked into it.
    ``set``: values the source lacks, by canonical path (``{"publisher.name": "..."}``),
    each reported as ``value-supplied``; ``override`` lets them replace source values
    (see docs/variants.md).
    ``limits`` (:class:`lerbridge.limits.Limits`) sets every input limit at once; when
    given, its ``max_bytes`` and ``max_depth`` win over the keywords of the same name.
    ``frameworks``: CASE packages or CTDL-ASN frameworks (paths, bytes, dicts) that the
    record's alignments to framework items are resolved against (docs/case.md)."""
    lim = limits or Limits(max_bytes=max_bytes, max_depth=max_depth)
    max_bytes, max_depth = lim.max_bytes, lim.max_depth
    inp, image_report = _open(to_input(data, name, max_bytes))
    fmt = registry.get(format) if format else _detect(inp)
    if fmt.reader is None:
        raise LerbridgeError(f"format {fmt.name!r} cannot be read", source=inp.name)
    csv_only = [k for k, v in (("join", join), ("achievement", achievement)) if v is not None]
    if issued is not None:
        csv_only.append("issued")
    if (resolve or resolve_map) and fmt.name != "ob2":
        raise LerbridgeError(
            f"resolve and resolve_map apply to Open Badges 2.0 input only, not {fmt.name}",
            source=inp.name,
        )
    if csv_only and fmt.name != "csv":
        raise LerbridgeError(
            f"{', '.join(csv_only)} applies to CSV input only, not {fmt.name}", source=inp.name
        )
    report = LossReport()
    if image_report is not None:
        report.extend(image_report)
    opts = ReadOptions(
        mapping=str(mapping) if mapping else None,
        max_bytes=max_bytes,
        max_depth=max_depth,
        language=language,
        join=_path_or_bytes(join),
        achievement=_path_or_bytes(achievement),
        issued=issued,
        resolve=tuple(Path(p) for p in resolve or ()),
        resolve_map=_resolve_map(resolve_map),
        max_records=lim.max_records,
        max_string=lim.max_string,
        max_csv_rows=lim.max_csv_rows,
    )
    try:
        with unchecked() as skipped:
            records = fmt.reader(inp, opts, report)
        if len(records) > lim.max_records:
            raise ReadError(
                f"the input holds {len(records)} records, over the {lim.max_records}-record "
                "limit (raise max_records to accept it)"
            )
    except ReadError as exc:
        raise _hint_path(inp, exc).with_source(inp.name) from None
    except LerbridgeError as exc:
        raise exc.with_source(inp.name) from None
    _not_validated(skipped, report, "input", source_format=fmt.name)
    values = dict(set or {})
    if issued is not None and fmt.name == "csv" and achievement is None:
        values = {"valid_from": supply.issued_now(issued, report), **values}
    records = supply.apply(records, values, report, override=override, language=language)
    if frameworks:
        from .frameworks import load, resolve

        index = load(list(frameworks), language)
        records = [resolve(r, index, report) for r in records]
    return records, report


def _not_validated(skipped: list[str], report: LossReport, what: str, **where: str) -> None:
    """One ``not-validated`` entry for the checks skipped because their official schema is
    not installed: the document is never presented as checked when it was not."""
    if skipped:
        report.add(
            "not-validated",
            f"official schemas not installed: the {what} was not checked against "
            f"{', '.join(skipped)}; set {SPECS_ENV} to a folder laid out like ../shared/specs",
            **where,
        )


def _resolve_map(value: ResolveMap) -> tuple[tuple[str, Path], ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        return tuple((str(k), Path(v)) for k, v in value.items())
    path = Path(value)
    try:
        table = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise ReadError(f"cannot read the resolve map: {exc}", source=str(path)) from None
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ReadError("a resolve map is a JSON object of IRI -> file path", source=str(path))
    return tuple((k, path.parent / v) for k, v in table.items())


def _path_or_bytes(ref: str | os.PathLike[str] | bytes | None) -> Path | bytes | None:
    if ref is None or isinstance(ref, bytes):
        return ref
    return Path(ref)


def write(
    record: LearnerRecord,
    format: str,
    *,
    mapping: str | os.PathLike[str] | None = None,
    language: str | None = None,
    keep_proofs: bool = True,
    validate: bool = True,
    ctdl_graph: bool = False,
    lerrs_vc: bool | None = None,
    lerrs_type_url: str | None = None,
    pesc_utf16: bool = False,
    elm_vc2: bool = False,
) -> tuple[list[Document], LossReport]:
    """Write the record in a format. Returns (documents, loss report). Every document has
    passed the format's official schema unless ``validate=False``. ``lerrs_vc`` and
    ``lerrs_type_url``: LER-RS output only; ``pesc_utf16``: PESC output only; ``elm_vc2``:
    ELM output only, EBSI's VC 2.0 form (see :class:`WriteOptions`)."""
    fmt = registry.get(format)
    if fmt.writer is None:
        raise LerbridgeError(f"format {fmt.name!r} cannot be written")
    report = LossReport()
    opts = WriteOptions(
        mapping=str(mapping) if mapping else None,
        language=language,
        keep_proofs=keep_proofs,
        validate=validate,
        ctdl_graph=ctdl_graph,
        lerrs_vc=lerrs_vc,
        lerrs_type_url=lerrs_type_url,
        pesc_utf16=pesc_utf16,
        elm_vc2=elm_vc2,
    )
    xml = fmt.extensions[:1] == (".xml",)
    record = clean_for_output(record, report, xml=xml, target_format=fmt.name)
    with unchecked() as skipped:
        docs = fmt.writer(record, opts, report)
    report.redact(_sensitive(record))
    _not_validated(skipped, report, "output", target_format=fmt.name)
    return docs, report


def _sensitive(record: LearnerRecord) -> list[str]:
    """Identifier values no report may print (an SSN read from a PESC transcript)."""
    ids = list(record.person.identifiers) if record.person else []
    ids += [i for a in record.awards if a.recipient for i in a.recipient.identifiers]
    return [i.value for i in ids if i.scheme in SENSITIVE_SCHEMES]


def convert(
    data: Source,
    to: str,
    from_: str | None = None,
    *,
    mappings: Sequence[str | os.PathLike[str]] | None = None,
    name: str | None = None,
    language: str | None = None,
    keep_proofs: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    ctdl_graph: bool = False,
    join: str | os.PathLike[str] | bytes | None = None,
    achievement: str | os.PathLike[str] | bytes | None = None,
    issued: str | None = None,
    lerrs_vc: bool | None = None,
    lerrs_type_url: str | None = None,
    resolve: Sequence[str | os.PathLike[str]] | None = None,
    resolve_map: ResolveMap = None,
    set: Mapping[str, Any] | None = None,
    override: bool = False,
    pesc_utf16: bool = False,
    limits: Limits | None = None,
    sign: Any = None,
    elm_vc2: bool = False,
    sign_nested: bool = False,
    proof_created: str | None = None,
    jwt: bool = False,
    frameworks: Sequence[Source] | None = None,
) -> Result:
    """Read ``data`` (format detected unless ``from_`` is given) and write it as ``to``.
    ``sign``: a :class:`lerbridge.proofs.SigningKey` (or the path of an Ed25519 JWK) to sign
    each OB 3.0 / CLR output with an eddsa-rdfc-2022 proof (``sign_nested``: nested
    credentials too; ``jwt``: a VC-JWT instead); ``proof_created`` fixes the proof date.
    ``data`` may be a baked PNG or SVG badge: its document is converted, and the image
    itself is reported as dropped. ``frameworks``: see :func:`read_records`.
    ``join``, ``achievement``, ``issued``: CSV input only (see :func:`read_records`)."""
    target = registry.get(to)
    if limits is not None:
        max_bytes, max_depth = limits.max_bytes, limits.max_depth
    inp, image_report = _open(to_input(data, name, max_bytes))
    source = registry.get(from_) if from_ else _detect(inp)
    user = _split_mappings(mappings)
    unknown = {*user} - {source.name, target.name}
    if unknown:
        raise MappingError(
            f"mapping for {sorted(unknown)} applies to neither {source.name} nor {target.name}"
        )
    records, report = read_records(
        inp.data,
        source.name,
        mapping=user.get(source.name),
        name=inp.name,
        max_bytes=max_bytes,
        max_depth=max_depth,
        language=language,
        join=join,
        achievement=achievement,
        issued=issued,
        resolve=resolve,
        resolve_map=resolve_map,
        set=set,
        override=override,
        limits=limits,
        frameworks=frameworks,
    )
    if image_report is not None:
        report.entries[:0] = image_report.entries
    docs: list[Document] = []
    for k, record in enumerate(records):
        try:
            out, wreport = write(
                record,
                target.name,
                mapping=user.get(target.name),
                language=language,
                keep_proofs=keep_proofs,
                ctdl_graph=ctdl_graph,
                lerrs_vc=lerrs_vc,
                lerrs_type_url=lerrs_type_url,
                pesc_utf16=pesc_utf16,
                elm_vc2=elm_vc2,
            )
        except LerbridgeError as exc:
            if target.name in ("clr", "ob3"):  # say which values to supply, if that is why
                supply.require_award_facts(
                    [record], target.name, inp.name, source.name, exc.message
                )
            raise exc.with_source(inp.name) from None
        report.extend(wreport)
        if len(records) > 1:
            out = [Document(d.data, f"{k + 1:04d}-{d.name}", d.media_type) for d in out]
        docs.extend(out)
    if sign is not None:
        from .proofs.api import sign_converted

        docs = sign_converted(inp, docs, target.name, sign, report, sign_nested, proof_created, jwt)
    return Result(docs, report, records, source.name, target.name)


__all__ = [
    "FormatInfo",
    "Result",
    "Source",
    "convert",
    "detect",
    "explain",
    "formats",
    "get_format",
    "read",
    "read_records",
    "skills",
    "to_input",
    "validate",
    "verify",
    "write",
]
