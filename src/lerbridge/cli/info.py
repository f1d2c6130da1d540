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
@click.option(
    "--at",
    "at",
    metavar="DATE|now",
    help="Also check the credential is valid at this time (expiry); no clock is read otherwise.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
def validate(file: str, fmt: str | None, as_json: bool, at: str | None, strict: bool) -> None:
    """Check FILE against its format's official schema and the specification's rules.
    Exit 0 means valid (possibly with warnings); see docs/validation.md. A baked PNG or
    SVG badge is checked through the document baked into it."""
    from ..formats.vccheck import parse_time
    from ..validation import verdict

    name = format_choice(fmt)
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
    table = [("name", "read", "write", "aliases", "extensions", "package")] + [
        (
            r.name,
            "yes" if r.can_read else "-",
            "yes" if r.can_write else "-",
            ", ".join(r.aliases),
            " ".join(r.extensions),
            r.package,
        )
        for r in rows
    ]
    # columns as wide as their widest cell, so long aliases never run into the next column
    widths = [max(len(row[i]) for row in table) + 2 for i in range(5)]
    for row in table:
        click.echo("".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + row[5])


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
