"""``lerbridge stream``: a CSV file to JSON Lines, one record at a time (constant memory)."""

from __future__ import annotations

import os
import secrets
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import click
import orjson

from ..errors import LerbridgeError
from ..report import LossReport


def csv_input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--join, --achievement and --issued, shared by `convert` and `stream`."""
    for option in reversed(
        (
            click.option(
                "--join",
                type=click.Path(dir_okay=False, exists=True),
                help="CSV: companion student file, joined on the profile's key.",
            ),
            click.option(
                "--achievement",
                type=click.Path(dir_okay=False, exists=True),
                help="CSV: badge every row awards (OB 3.0 / CTDL).",
            ),
            click.option(
                "--issued",
                help="CSV: issue date for rows that give none; 'now' uses the current time "
                "(reported). No default: nothing is dated unless you say so.",
            ),
        )
    ):
        fn = option(fn)
    return fn


@click.command("stream")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, exists=True))
@click.option("--to", "to", required=True, help="Target format (clr, ob3, canonical...).")
@click.option("-o", "--output", help="JSON Lines file (default: stdout).")
@click.option("--mapping", type=click.Path(dir_okay=False), help="CSV profile (mapping file).")
@csv_input_options
@click.option(
    "--unsorted", is_flag=True, help="The file is not sorted by student: partition it first."
)
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False), help="Loss entries as JSON Lines."
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def stream_command(
    input_path: str,
    to: str,
    output: str | None,
    mapping: str | None,
    join: str | None,
    achievement: str | None,
    issued: str | None,
    unsorted: bool,
    report_path: str | None,
    quiet: bool,
) -> None:
    """Convert a CSV file to JSON Lines (one document per line), streaming by student."""
    from ..formats import registry
    from ..streaming import stream_convert

    try:
        xml = registry.get(to).extensions[:1] == (".xml",)
    except LerbridgeError as exc:
        raise click.UsageError(str(exc)) from None
    if xml:
        raise click.UsageError(
            f"stream writes JSON Lines; {to} is XML (use lerbridge convert -o FOLDER)"
        )

    file_report = LossReport()
    counts: Counter[str] = Counter()
    tty = sys.stderr.isatty() and not quiet
    started = time.monotonic()
    last = [0.0]

    def progress(rows: int, records: int) -> None:
        now = time.monotonic()
        if tty and now - last[0] > 0.5:
            last[0] = now
            rate = rows / max(now - started, 1e-9)
            click.echo(
                f"\r{rows:,} rows, {records:,} records ({rate:,.0f} rows/s)", err=True, nl=False
            )

    tmp = None
    out: IO[bytes]
    if output in (None, "-"):
        out = sys.stdout.buffer
    else:
        target = Path(output)  # type: ignore[arg-type]
        tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
        out = tmp.open("wb")
    rep_fh = Path(report_path).open("wb") if report_path else None  # noqa: SIM115 - closed in finally
    try:
        for docs, rep in stream_convert(
            input_path,
            to,
            mapping=mapping,
            join=join,
            achievement=achievement,
            issued=issued,
            unsorted=unsorted,
            report=file_report,
            progress=progress,
        ):
            for d in docs:
                out.write(orjson.dumps(orjson.loads(d.data)) + b"\n")
            counts.update(e.code for e in rep)
            if rep_fh is not None:
                for e in rep:
                    rep_fh.write(orjson.dumps(e.to_dict()) + b"\n")
    except LerbridgeError as exc:
        if tmp is not None:
            out.close()
            tmp.unlink(missing_ok=True)
        click.echo(f"\nerror: {exc}" if tty else f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    finally:
        if rep_fh is not None:
            for e in file_report:
                rep_fh.write(orjson.dumps(e.to_dict()) + b"\n")
            rep_fh.close()
    if tmp is not None:
        out.close()
        os.replace(tmp, output)  # type: ignore[arg-type]
    else:
        out.flush()
    counts.update(e.code for e in file_report)
    if not quiet:
        if tty:
            click.echo("", err=True)
        click.echo(f"{input_path}: {sum(counts.values())} loss entries", err=True)
        for e in file_report:
            click.echo("  " + e.pretty(), err=True)
        for code, n in sorted(counts.items()):
            click.echo(f"  {n:8d} x {code}", err=True)
