"""What the commands share: format names, atomic writes, output plans, summaries, exit codes."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import click
import orjson

from ..errors import UnknownFormatError
from ..formats import registry
from ..formats.base import Document
from ..report import LossReport

EXIT_INVALID = 1
EXIT_FAIL_ON = 8
EXIT_INTERNAL = 70


def format_choice(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return registry.get(value).name
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc)) from None


def atomic_write(path: Path, data: bytes) -> None:
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


def jsonl_bytes(docs: list[Document]) -> bytes:
    return b"".join(orjson.dumps(orjson.loads(d.data)) + b"\n" for d in docs)


def plan_outputs(
    docs: list[Document], src: str, out: str | None, jsonl: bool, batch: bool, target_ext: str
) -> list[tuple[Path | None, bytes]]:
    """Where each output goes: (path or None for stdout, bytes)."""
    if jsonl:
        data = jsonl_bytes(docs)
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
    from ..batch.inputs import safe_name

    return [(folder / safe_name(stem) / safe_name(d.name), d.data) for d in docs]


def print_summary(name: str, report: LossReport, verbose: bool) -> None:
    click.echo(f"{name}: {report.summary()}", err=True)
    if verbose:
        for entry in report:
            click.echo("  " + entry.pretty(), err=True)


def report_options(command: Any) -> Any:
    """``--report FILE`` and ``--fail-on LEVEL``, as convert and skills take them."""
    command = click.option(
        "--fail-on",
        type=click.Choice(["info", "warning", "error"]),
        help="Exit 8 and write no output when the report has entries at this level.",
    )(command)
    return click.option(
        "--report",
        "report_path",
        type=click.Path(dir_okay=False),
        help="Write the loss report as JSON to this file.",
    )(command)
