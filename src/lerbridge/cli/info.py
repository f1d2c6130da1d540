"""``lerbridge validate``, ``formats`` and ``schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import api
from ..errors import LerbridgeError
from ..model import json_schema
from .common import EXIT_INVALID, format_choice


@click.command()
@click.argument("file")
@click.option("--format", "fmt", help="Format (detected if omitted).")
@click.option("--json", "as_json", is_flag=True, help="Print the issues as JSON.")
def validate(file: str, fmt: str | None, as_json: bool) -> None:
    """Check FILE against its format's official schema. Exit 0 means valid. A baked PNG
    or SVG badge is checked through the document baked into it."""
    name = format_choice(fmt)
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file)
        issues = api.validate(data, name, name="<stdin>" if file == "-" else file)
    except LerbridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    if as_json:
        click.echo(
            json.dumps([{"pointer": i.pointer, "message": i.message} for i in issues], indent=2)
        )
    else:
        for issue in issues:
            click.echo(f"{file}: {issue.pointer or '/'}: {issue.message}")
        click.echo(f"{file}: {'valid' if not issues else f'{len(issues)} issue(s)'}", err=True)
    sys.exit(EXIT_INVALID if issues else 0)


@click.command("formats")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option(
    "--explain",
    "explain_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Say what FILE shows and how each format's detection scored it, closest first.",
)
def formats_cmd(as_json: bool, explain_file: str | None) -> None:
    """List the formats: name, aliases, read/write, extensions and providing package."""
    if explain_file is not None:
        found = api.explain(Path(explain_file))
        if as_json:
            click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        else:
            for line in found["lines"]:
                click.echo(line)
        return
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


@click.command()
@click.option("--mapping", "which", flag_value="mapping", help="The mapping-file schema instead.")
@click.option("--model", "which", flag_value="model", default=True, help="The canonical model.")
def schema(which: str) -> None:
    """Print the JSON Schema of the canonical model (or of mapping files)."""
    if which == "mapping":
        from ..mapping.loader import mapping_schema

        click.echo(json.dumps(mapping_schema(), indent=2))
    else:
        click.echo(json.dumps(json_schema(), indent=2))
