"""``lerbridge conformance kit`` and ``lerbridge conformance diff``: the click commands,
attached to the ``conformance`` group (see docs/conformance.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import LerbridgeError

EXIT_DIFFERENT = 1
EXIT_WRITE = 5  # as for convert: the output cannot be written


@click.command("kit")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--verify", is_flag=True, help="Only re-read an existing kit folder OUT.")
def kit_command(out: Path, verify: bool) -> None:
    """Write the reference corpus to folder OUT: a badge, a transcript with a degree and a
    GPA, a résumé with skills and a credential description, in every writable format,
    each file with a manifest of what it must contain. OUT must not exist or be empty."""
    from ..conformance.kit import verify_kit, write_kit

    try:
        if verify:
            problems = verify_kit(out)
            for p in problems:
                click.echo(f"{out}: {p}")
            click.echo(
                f"{out}: {'re-reads cleanly' if not problems else 'problems found'}", err=True
            )
            sys.exit(EXIT_DIFFERENT if problems else 0)
        kit = write_kit(out)
    except LerbridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"error: {out}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_WRITE)
    click.echo(
        f"{out}: {len(kit.files)} file(s) written, {len(kit.skipped)} record/format pair(s) "
        "left out (see kit.manifest.json)",
        err=True,
    )


@click.command("diff")
@click.argument("original")
@click.argument("exported")
@click.option("--from", "original_format", help="Format of ORIGINAL (detected if omitted).")
@click.option("--to", "exported_format", help="Format of EXPORTED (detected if omitted).")
@click.option(
    "--ignore", multiple=True, metavar="PATH", help="Canonical path to leave out (repeatable)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the differences as JSON.")
def diff_command(
    original: str,
    exported: str,
    original_format: str | None,
    exported_format: str | None,
    ignore: tuple[str, ...],
    as_json: bool,
) -> None:
    """Compare ORIGINAL and EXPORTED through the canonical model (also across formats):
    what was lost, added or changed, with canonical paths. Exit 0 when they say the
    same, 1 when they differ."""
    from ..conformance.diff import diff

    try:
        result = diff(
            Path(original),
            Path(exported),
            original_format=original_format,
            exported_format=exported_format,
            ignore=ignore,
        )
    except LerbridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        for d in result.differences:
            click.echo(d.pretty())
        counts = result.to_dict()["summary"]
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        click.echo(f"{original} -> {exported}: {summary or 'no differences'}", err=True)
    sys.exit(EXIT_DIFFERENT if result else 0)
