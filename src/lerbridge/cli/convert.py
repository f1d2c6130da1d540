"""``lerbridge convert``: files, folders and batches to any writable format, and the loss report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .. import supply
from ..batch import expand_inputs, is_batch
from ..errors import LerbridgeError
from ..formats import registry
from .batch import Plan, drive
from .common import format_choice, report_options
from .limits import LimitArgs, limit_options
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
@report_options
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
    "--framework",
    "frameworks",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A CASE package or CTDL-ASN framework that alignments to its items are resolved "
    "against (repeatable).",
)
@click.option("--pesc-utf16", is_flag=True, help="PESC: write UTF-16 with a BOM, not UTF-8.")
@click.option(
    "--elm-vc2",
    is_flag=True,
    help="ELM: write EBSI's VC 2.0 form (VerifiableAttestation), not the EU's VC 1.1 form.",
)
@click.option(
    "--set",
    "set_values",
    multiple=True,
    metavar="CANONICAL.PATH=VALUE",
    help="Supply a value the source lacks, e.g. publisher.name=NAME (repeatable; reported "
    "as value-supplied; never replaces a source value without --override).",
)
@click.option(
    "--set-file",
    type=click.Path(exists=True, dir_okay=False),
    help="A YAML file of CANONICAL.PATH: VALUE pairs, as --set (--set wins).",
)
@click.option("--override", is_flag=True, help="Let --set values replace source values.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for a batch (default: one per core).",
)
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Batch: skip inputs whose output already exists (resume an interrupted batch).",
)
@limit_options
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
    frameworks: tuple[str, ...],
    pesc_utf16: bool,
    elm_vc2: bool,
    set_values: tuple[str, ...],
    set_file: str | None,
    override: bool,
    jobs: int | None,
    skip_existing: bool,
    limits: LimitArgs,
    sign_key: str | None,
    sign_nested: bool,
    verification_method: str | None,
    proof_created: str | None,
    as_jwt: bool,
    verbose: bool,
    quiet: bool,
) -> None:
    """Convert INPUTS (files, folders, globs, .jsonl files, or - for stdin) to another format.

    A batch (several inputs, a folder, a glob or a JSON Lines file) writes into the folder
    -o names, in worker processes (-j), in input order; a file that fails is reported and
    the others are still converted. Exit codes: 0 all converted, 10 some failed, 11 none
    converted, 130 interrupted. OB 2.0 BadgeClass / Issuer documents given beside an assertion are
    its linked documents, not converted on their own."""
    target = format_choice(to)
    source = format_choice(from_)
    assert target is not None
    try:
        supplied = supply.load_file(Path(set_file)) if set_file else {}
        supplied.update(supply.parse_assignments(set_values))
    except LerbridgeError as exc:
        raise click.UsageError(str(exc)) from None
    batch = is_batch(inputs)
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    try:
        items = expand_inputs(inputs, stdin)
    except LerbridgeError as exc:
        raise click.UsageError(str(exc)) from None
    if len(items) > 1 and source in (None, "ob2"):
        from ..formats.ob2.inputs import split_linked

        paths = [i.path for i in items if i.path is not None and i.data is None]
        _, linked = split_linked(paths)
        items = [i for i in items if i.path not in linked]
        resolve = (*resolve, *linked)
        # an assertion given with its linked documents is one input, not a batch
        batch = is_batch(tuple(a for a in inputs if a not in linked))
    if jsonl and registry.get(target).extensions[:1] == (".xml",):
        raise click.UsageError(f"--jsonl writes JSON documents; {target} is XML (use -o FOLDER)")
    if batch and output in (None, "-") and not jsonl:
        raise click.UsageError("several inputs need -o FOLDER (or --jsonl)")
    if batch and output not in (None, "-") and Path(output).is_file():
        raise click.UsageError(f"{output}: a batch writes into a folder, and this is a file")
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
    options: dict[str, Any] = dict(
        to=target,
        from_=source,
        mappings=list(mappings),
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
        frameworks=[Path(p) for p in frameworks] or None,
        pesc_utf16=pesc_utf16,
        elm_vc2=elm_vc2,
        set=supplied,
        override=override,
        sign=signer,
        sign_nested=sign_nested,
        proof_created=proof_created,
        jwt=as_jwt,
        **limits.as_kwargs(),
    )
    plan = Plan(
        output=output,
        jsonl=jsonl,
        ext=".jsonl" if jsonl else _target_ext(target),
        batch=batch,
        skip_existing=skip_existing,
        fail_on=fail_on,
        verbose=verbose,
        quiet=quiet,
        report_path=report_path,
        jobs=jobs,
    )
    sys.exit(drive(items, options, plan))


def _target_ext(fmt: str) -> str:
    exts = registry.get(fmt).extensions
    return exts[0] if exts else ".out"
