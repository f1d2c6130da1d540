"""``lerbridge convert``: files, folders and batches to any writable format, and the loss report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import api
from ..errors import LerbridgeError
from ..formats import registry
from .common import EXIT_FAIL_ON, atomic_write, format_choice, plan_outputs, print_summary
from .stream import csv_input_options


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file, or folder for several documents; - for stdout.")
@click.option("--from", "from_", help="Source format (detected from the content if omitted).")
@click.option("--to", "to", required=True, help="Target format (see `lerbridge formats`).")
@click.option(
    "--mapping",
    "mappings",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A mapping file extending or overriding the shipped one (repeatable).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the loss report as JSON to this file.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"]),
    help="Exit 8 and write no output when the report has entries at this level.",
)
@csv_input_options
@click.option("--jsonl", is_flag=True, help="Write all documents as JSON Lines.")
@click.option("--language", help="Preferred language when the target takes one (BCP 47).")
@click.option("--drop-proofs", is_flag=True, help="Drop source proofs even when still valid.")
@click.option("--ctdl-graph", is_flag=True, help="CTDL: one @graph document (the /graph/ form).")
@click.option(
    "--lerrs-vc/--lerrs-bare",
    "lerrs_vc",
    default=None,
    help="LER-RS: wrap the résumé as a VC, or write it bare (default: as the source did; "
    "bare from other formats).",
)
@click.option(
    "--lerrs-type-url",
    type=click.Choice(["4.4", "4.5"]),
    help="LER-RS: the type URL to write (default: the source's; 4.5 from other formats). "
    "4.4 is the only one the official LER-RSType.json enum lists.",
)
@click.option(
    "--resolve",
    "resolve",
    multiple=True,
    type=click.Path(exists=True),
    help="OB 2.0: a file or folder of linked documents (BadgeClass, Issuer...) found by id "
    "or file name (repeatable). Nothing is fetched.",
)
@click.option(
    "--resolve-map",
    type=click.Path(exists=True, dir_okay=False),
    help="OB 2.0: a JSON object IRI -> file (relative to the map) for linked documents.",
)
@click.option(
    "--sign",
    "sign_key",
    type=click.Path(exists=True, dir_okay=False),
    help="OB 3.0 / CLR: sign each output with this Ed25519 JWK (eddsa-rdfc-2022).",
)
@click.option("--sign-nested", is_flag=True, help="With --sign: sign nested credentials too.")
@click.option("--verification-method", help="With --sign: the method the proof names.")
@click.option("--proof-created", help="With --sign: the proof's created date (deterministic).")
@click.option("--jwt", "as_jwt", is_flag=True, help="With --sign: write a VC-JWT instead.")
@click.option("-v", "--verbose", is_flag=True, help="List every loss entry on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def convert(
    inputs: tuple[str, ...],
    output: str | None,
    from_: str | None,
    to: str,
    mappings: tuple[str, ...],
    report_path: str | None,
    fail_on: str | None,
    join: str | None,
    achievement: str | None,
    issued: str | None,
    jsonl: bool,
    language: str | None,
    drop_proofs: bool,
    ctdl_graph: bool,
    lerrs_vc: bool | None,
    lerrs_type_url: str | None,
    resolve: tuple[str, ...],
    resolve_map: str | None,
    sign_key: str | None,
    sign_nested: bool,
    verification_method: str | None,
    proof_created: str | None,
    as_jwt: bool,
    verbose: bool,
    quiet: bool,
) -> None:
    """Convert INPUTS (files, or - for stdin) to another format.

    With several inputs, -o names a folder; a file that fails is reported and the others
    are still converted. OB 2.0 BadgeClass / Issuer documents given beside an assertion are
    its linked documents, not converted on their own."""
    target = format_choice(to)
    source = format_choice(from_)
    assert target is not None
    if len(inputs) > 1 and source in (None, "ob2"):
        from ..formats.ob2.inputs import split_linked

        kept, linked = split_linked(list(inputs))
        inputs, resolve = tuple(kept), (*resolve, *linked)
    batch = len(inputs) > 1
    if jsonl and registry.get(target).extensions[:1] == (".xml",):
        raise click.UsageError(f"--jsonl writes JSON documents; {target} is XML (use -o FOLDER)")
    if batch and output in (None, "-") and not jsonl:
        raise click.UsageError("several inputs need -o FOLDER (or --jsonl)")
    ext = ".jsonl" if jsonl else _target_ext(target)
    signer = None
    if sign_key:
        from ..proofs import SigningKey

        try:
            signer = SigningKey.load(sign_key, verification_method)
        except LerbridgeError as exc:
            raise click.UsageError(str(exc)) from None
    elif sign_nested or as_jwt or verification_method or proof_created:
        raise click.UsageError(
            "--sign-nested, --jwt, --verification-method and --proof-created need --sign"
        )
    results: list[dict[str, Any]] = []
    exit_code = 0
    stdout_chunks: list[bytes] = []
    for src in inputs:
        entry: dict[str, Any] = {"input": src}
        try:
            data = sys.stdin.buffer.read() if src == "-" else Path(src)
            result = api.convert(
                data,
                to=target,
                from_=source,
                mappings=list(mappings),
                name="<stdin>" if src == "-" else src,
                language=language,
                keep_proofs=not drop_proofs,
                ctdl_graph=ctdl_graph,
                lerrs_vc=lerrs_vc,
                lerrs_type_url=lerrs_type_url,
                join=Path(join) if join else None,
                achievement=Path(achievement) if achievement else None,
                issued=issued,
                resolve=list(resolve) or None,
                resolve_map=resolve_map,
                sign=signer,
                sign_nested=sign_nested,
                proof_created=proof_created,
                jwt=as_jwt,
            )
        except LerbridgeError as exc:
            click.echo(f"error: {exc}", err=True)
            entry["error"] = {"message": str(exc), "exit_code": exc.exit_code}
            exit_code = exit_code or exc.exit_code
            results.append(entry)
            continue
        entry.update(source_format=result.source_format, target_format=result.target_format)
        entry["report"] = result.report.to_dict()
        if not quiet:
            print_summary(src, result.report, verbose)
        failed = fail_on is not None and result.report.at_least(fail_on)  # type: ignore[arg-type]
        if failed:
            click.echo(
                f"error: {src}: {len(failed)} loss entr{'y' if len(failed) == 1 else 'ies'} at "
                f"or above {fail_on}; no output written (--fail-on)",
                err=True,
            )
            exit_code = exit_code or EXIT_FAIL_ON
            results.append(entry)
            continue
        plan = plan_outputs(result.documents, src, output, jsonl, batch, ext)
        written = []
        for path, blob in plan:
            if path is None:
                stdout_chunks.append(blob)
            else:
                atomic_write(path, blob)
                written.append(str(path))
        entry["outputs"] = written or ["-"]
        results.append(entry)
    for chunk in stdout_chunks:
        sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
    if report_path:
        blob = json.dumps({"inputs": results}, indent=2, ensure_ascii=False).encode("utf-8")
        atomic_write(Path(report_path), blob + b"\n")
    sys.exit(exit_code)


def _target_ext(fmt: str) -> str:
    exts = registry.get(fmt).extensions
    return exts[0] if exts else ".out"
