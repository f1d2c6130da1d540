"""The ``lerbridge`` command: one module per command or command group. Exit codes are
documented in docs/cli.md."""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from .common import EXIT_INTERNAL


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lerbridge")
def main() -> None:
    """Translate learning and employment records between standards, with a loss report."""


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


def _register() -> None:
    from .baking import bake_command, unbake_command
    from .conformance import register as register_conformance
    from .convert import convert
    from .info import formats_cmd, schema, validate
    from .serve import serve_command
    from .skills import skills_command
    from .stream import stream_command

    for command in (convert, stream_command, validate, unbake_command, bake_command):
        main.add_command(command)
    main.add_command(formats_cmd)
    main.add_command(schema)
    register_conformance(main)
    from .verify import register as register_verify

    register_verify(main)
    main.add_command(serve_command)
    main.add_command(skills_command)


_register()
