"""The ``lerbridge`` command. Exit codes are documented in README ("Exit codes")."""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

import click
import orjson

from . import __version__, api
from .cli_stream import csv_input_options
from .errors import LerbridgeError, UnknownFormatError
from .formats import registry
from .formats.base import Document
from .model import json_schema
from .report import LossReport

EXIT_INVALID = 1
EXIT_FAIL_ON = 8
EXIT_INTERNAL = 70


def _format_choice(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return registry.get(value).name
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc)) from None


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # os.open with 0o666 lets the umask decide the mode, as for any ordinary file
    # (mkstemp would leave a private 0600 file behind the rename).
    tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _jsonl(docs: list[Document]) -> bytes:
    return b"".join(orjson.dumps(orjson.loads(d.data)) + b"\n" for d in docs)


def _plan(
    docs: list[Document], src: str, out: str | None, jsonl: bool, batch: bool, target_ext: str
) -> list[tuple[Path | None, bytes]]:
    """Where each output goes: (path or None for stdout, bytes)."""
    if jsonl:
        data = _jsonl(docs)
        if out in (None, "-"):
            return [(None, data)]
        target = Path(out)
        if batch or target.is_dir():
            return [(target / f"{Path(src).stem}.jsonl", data)]
        return [(target, data)]
    if len(docs) == 1 and not batch:
        return [(None if out in (None, "-") else Path(out), docs[0].data)]
    if out in (None, "-"):
        raise click.UsageError(
            f"{src}: {len(docs)} documents; pass -o DIR for one file each, or --jsonl"
        )
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise click.UsageError(f"{out}: several documents need a folder, and this is a file")
    stem = Path(src).stem if src != "-" else "stdin"
    if len(docs) == 1:
        return [(folder / f"{stem}{target_ext}", docs[0].data)]
    return [(folder / stem / d.name, d.data) for d in docs]


def _summary(name: str, report: LossReport, verbose: bool) -> None:
    click.echo(f"{name}: {report.summary()}", err=True)
    if verbose:
        for entry in report:
            click.echo("  " + entry.pretty(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lerbridge")
def main() -> None:
    """Translate learning and employment records between standards, with a loss report."""


@main.command()
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
    verbose: bool,
    quiet: bool,
) -> None:
    """Convert INPUTS (files, or - for stdin) to another format.

    With several inputs, -o names a folder; a file that fails is reported and the others
    are still converted."""
    target = _format_choice(to)
    source = _format_choice(from_)
    assert target is not None
    batch = len(inputs) > 1
    if jsonl and registry.get(target).extensions[:1] == (".xml",):
        raise click.UsageError(f"--jsonl writes JSON documents; {target} is XML (use -o FOLDER)")
    if batch and output in (None, "-") and not jsonl:
        raise click.UsageError("several inputs need -o FOLDER (or --jsonl)")
    ext = ".jsonl" if jsonl else _target_ext(target)
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
            _summary(src, result.report, verbose)
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
        plan = _plan(result.documents, src, output, jsonl, batch, ext)
        written = []
        for path, blob in plan:
            if path is None:
                stdout_chunks.append(blob)
            else:
                _atomic_write(path, blob)
                written.append(str(path))
        entry["outputs"] = written or ["-"]
        results.append(entry)
    for chunk in stdout_chunks:
        sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
    if report_path:
        blob = json.dumps({"inputs": results}, indent=2, ensure_ascii=False).encode("utf-8")
        _atomic_write(Path(report_path), blob + b"\n")
    sys.exit(exit_code)


def _target_ext(fmt: str) -> str:
    exts = registry.get(fmt).extensions
    return exts[0] if exts else ".out"


@main.command()
@click.argument("file")
@click.option("--format", "fmt", help="Format (detected if omitted).")
@click.option("--json", "as_json", is_flag=True, help="Print the issues as JSON.")
@click.option(
    "--at",
    "at",
    metavar="DATE|now",
    help="Also check the credential is valid at this time (expiry); no clock is read otherwise.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
def validate(file: str, fmt: str | None, as_json: bool, at: str | None, strict: bool) -> None:
    """Check FILE against its format's official schema and the specification's rules.
    Exit 0 means valid (possibly with warnings); see docs/validation.md."""
    from .formats.vccheck import parse_time
    from .validation import verdict

    name = _format_choice(fmt)
    if at is not None:
        try:
            parse_time(at)
        except ValueError:
            raise click.BadParameter(
                f"{at!r} is not an ISO 8601 date or date-time, nor 'now'", param_hint="--at"
            ) from None
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file)
        issues = api.validate(
            data, name, name="<stdin>" if file == "-" else file, warnings=True, at=at
        )
    except LerbridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    if as_json:
        click.echo(json.dumps([i.to_dict() for i in issues], indent=2))
    else:
        for issue in issues:
            tag = "" if issue.severity == "error" else f"{issue.severity}: "
            click.echo(f"{file}: {issue.pointer or '/'}: {tag}{issue.message}")
    n_err = sum(1 for i in issues if i.severity == "error")
    n_warn = sum(1 for i in issues if i.severity == "warning")
    if not as_json:
        found = verdict(issues)
        text = {
            "valid": "valid",
            "valid-with-warnings": f"valid with {n_warn} warning(s)",
            "invalid": f"{n_err} issue(s)" + (f", {n_warn} warning(s)" if n_warn else ""),
        }[found]
        click.echo(f"{file}: {text}", err=True)
    sys.exit(EXIT_INVALID if n_err or (strict and n_warn) else 0)


@main.command("formats")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def formats_cmd(as_json: bool) -> None:
    """List the formats: name, aliases, read/write, extensions and providing package."""
    rows = api.formats()
    if as_json:
        click.echo(json.dumps([r.__dict__ for r in rows], indent=2))
        return
    click.echo(f"{'name':<11}{'read':<6}{'write':<7}{'aliases':<24}{'extensions':<28}package")
    for r in rows:
        click.echo(
            f"{r.name:<11}{'yes' if r.can_read else '-':<6}{'yes' if r.can_write else '-':<7}"
            f"{', '.join(r.aliases):<24}{' '.join(r.extensions):<28}{r.package}"
        )


@main.command()
@click.option("--mapping", "which", flag_value="mapping", help="The mapping-file schema instead.")
@click.option("--model", "which", flag_value="model", default=True, help="The canonical model.")
def schema(which: str) -> None:
    """Print the JSON Schema of the canonical model (or of mapping files)."""
    if which == "mapping":
        from .mapping.loader import mapping_schema

        click.echo(json.dumps(mapping_schema(), indent=2))
    else:
        click.echo(json.dumps(json_schema(), indent=2))


def run() -> None:
    """Entry point with a last-resort guard: a bug prints one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # pragma: no cover - a bug
        if os.environ.get("LERBRIDGE_DEBUG"):
            raise
        click.echo(
            f"internal error: {type(exc).__name__}: {exc} (set LERBRIDGE_DEBUG=1 "
            "for a traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


def _add_stream() -> None:
    from .cli_stream import stream_command

    main.add_command(stream_command)


_add_stream()
