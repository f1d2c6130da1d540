"""The ``lerbridge`` command: one module per command or command group. Exit codes are
documented in docs/cli.md.

Commands are imported when invoked (:class:`LazyGroup`): ``lerbridge --version`` and
``lerbridge --help`` import neither the canonical model nor any format, and ``lerbridge
convert`` imports only what converting needs. A new command is a row of ``COMMANDS``
(tests/cli/test_lazy_cli.py checks each row against the command it loads).
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

import click

EXIT_INTERNAL = 70  # the same as common.EXIT_INTERNAL (not imported: it loads the model)

# name -> (module of this package, attribute or "register", short help as `--help` lists
# it). "register": ``module.register(main)`` adds the command (and its siblings).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "bake": (
        ".baking",
        "bake_command",
        "Bake DOCUMENT (an OB 2.0 / OB 3.0 JSON file or compact JWS, or - for stdin) into "
        "an image, under the marker its version requires.",
    ),
    "conformance": (
        ".conformance",
        "register",
        "Check exported documents: valid, portable and lossless (see docs/conformance.md).",
    ),
    "convert": (
        ".convert",
        "convert",
        "Convert INPUTS (files, folders, globs, .jsonl files, or - for stdin) to another format.",
    ),
    "formats": (
        ".info",
        "formats_cmd",
        "List the formats: name, aliases, read/write, extensions and providing package.",
    ),
    "keys": (".verify", "register", "Signing keys for `convert --sign`."),
    "schema": (
        ".info",
        "schema",
        "Print the JSON Schema of the canonical model (or of mapping files).",
    ),
    "serve": (
        ".serve",
        "serve_command",
        "Run the HTTP service: the /v1 API, its OpenAPI document, /metrics and a web page.",
    ),
    "skills": (
        ".skills",
        "skills_command",
        "One skills profile from INPUTS (files or folders, any readable format, baked "
        "badges too): each skill once, with the credentials that evidence it.",
    ),
    "stream": (
        ".stream",
        "stream_command",
        "Convert a CSV file to JSON Lines (one document per line), streaming by student.",
    ),
    "unbake": (
        ".baking",
        "unbake_command",
        "Print (or write) the Open Badges document baked into IMAGE (PNG or SVG, or - for "
        "stdin), exactly as baked: JSON or a compact JWS.",
    ),
    "validate": (
        ".info",
        "validate",
        "Check FILE against its format's official schema and the specification's rules.",
    ),
    "verify": (
        ".verify",
        "register",
        "Check every proof in FILES (JSON credentials, compact VC-JWTs or baked badges) and "
        "in their nested credentials: verified, invalid (with the reason) or unverifiable.",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands in ``COMMANDS`` are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.load(cmd_name)
        return self.commands.get(cmd_name)

    def load(self, name: str) -> None:
        module_name, attribute, _help = COMMANDS[name]
        module = import_module(module_name, __name__)
        if attribute == "register":
            module.register(self)
        else:
            self.add_command(getattr(module, attribute), name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click lists them, from ``COMMANDS`` for a command not imported yet."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is not None:
                if command.hidden:
                    continue
                text = command.get_short_help_str(limit)
            else:
                text = click.utils.make_default_short_help(COMMANDS[name][2], limit)
            rows.append((name, text))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lerbridge", prog_name="lerbridge")
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
    """Import every command now (``main.commands`` complete, e.g. for documentation)."""
    for name in COMMANDS:
        if name not in main.commands:
            main.load(name)
