"""``lerbridge conformance``: the vendor checks. ``run`` is here; ``kit`` and ``diff``
join the same group (see the marked place below); :func:`register` adds the group to
the main CLI."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from ..errors import LerbridgeError, UnknownFormatError
from ..formats import registry

EXIT_NONCONFORMANT = 1


@click.group("conformance")
def conformance_group() -> None:
    """Check exported documents: valid, portable and lossless (see docs/conformance.md)."""


def _at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@conformance_group.command("run")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", help="Force the format instead of detecting it.")
@click.option(
    "--profile",
    type=click.Choice(["strict", "lenient"]),
    default="strict",
    show_default=True,
    help="lenient downgrades the rules rules.yaml marks (schema, time zones...) to warnings.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"]),
    default="error",
    show_default=True,
    help="Exit 1 when any check at or above this level fails.",
)
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False), help="Write the result as JSON."
)
@click.option("--junit", "junit_path", type=click.Path(dir_okay=False), help="Write JUnit XML.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write an HTML report.")
@click.option("--at", "at", help="Judge validity periods at this ISO 8601 time (default: now).")
@click.option("-v", "--verbose", is_flag=True, help="List every finding, not only failing ones.")
@click.option("-q", "--quiet", is_flag=True, help="No console summary.")
def run_command(
    paths: tuple[str, ...],
    fmt: str | None,
    profile: str,
    fail_on: str,
    json_path: str | None,
    junit_path: str | None,
    html_path: str | None,
    at: str | None,
    verbose: bool,
    quiet: bool,
) -> None:
    """Check every file in PATHS (folders recursed): parse, official schema, semantic
    rules, same-format round trip, portability to every other writable format."""
    from .. import conformance
    from ..conformance import html, reporters
    from .common import atomic_write as _atomic_write

    if fmt is not None:
        try:
            fmt = registry.get(fmt).name
        except UnknownFormatError as exc:
            raise click.BadParameter(str(exc), param_hint="--format") from None
    try:
        result = conformance.run(
            list(paths),
            format=fmt,
            profile=profile,  # type: ignore[arg-type]
            fail_on=fail_on,  # type: ignore[arg-type]
            now=_at(at),
        )
    except LerbridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    if not result.files:
        click.echo("error: no document found in the given paths", err=True)
        sys.exit(2)
    if json_path:
        _atomic_write(Path(json_path), reporters.to_json(result).encode("utf-8") + b"\n")
    if junit_path:
        _atomic_write(Path(junit_path), reporters.junit(result))
    if html_path:
        _atomic_write(Path(html_path), html.render(result).encode("utf-8"))
    if not quiet:
        click.echo(reporters.console(result, verbose))
    sys.exit(0 if result.passed else EXIT_NONCONFORMANT)


# `kit` and `diff` (issue 11 items 3 and 4) are added here as further
# `@conformance_group.command(...)` functions calling conformance/kit.py and
# conformance/diff.py.


def register(main: click.Group) -> None:
    """Add the ``conformance`` group to the main CLI (once)."""
    if "conformance" not in main.commands:
        from .conformance_tools import diff_command, kit_command

        conformance_group.add_command(kit_command)
        conformance_group.add_command(diff_command)
        main.add_command(conformance_group)
