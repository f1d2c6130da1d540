"""``lerbridge unbake`` and ``lerbridge bake``: Open Badges documents in and out of PNG and
SVG images (see docs/baking.md). Outputs are written atomically, never partially."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import LerbridgeError
from ..formats.baking import bake, unbake
from ..formats.baking.payload import VERSION_TITLE
from ..report import LossReport

_KIND = {"json": "JSON", "jws": "compact JWS (signature not verified)", "url": "legacy URL"}


def _report(name: str, report: LossReport, quiet: bool, verbose: bool) -> None:
    if quiet:
        return
    click.echo(f"{name}: {report.summary()}", err=True)
    if verbose:
        for entry in report:
            click.echo("  " + entry.pretty(), err=True)


def _fail(exc: LerbridgeError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.command("unbake")
@click.argument("image")
@click.option("-o", "--output", help="Write the baked document to this file (default: stdout).")
@click.option("-v", "--verbose", is_flag=True, help="List every report entry on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors.")
def unbake_command(image: str, output: str | None, verbose: bool, quiet: bool) -> None:
    """Print (or write) the Open Badges document baked into IMAGE (PNG or SVG, or - for
    stdin), exactly as baked: JSON or a compact JWS. A legacy image holding only a URL
    gives the URL, which is never fetched."""
    from .common import atomic_write as _atomic_write

    name = "<stdin>" if image == "-" else image
    try:
        found = unbake(sys.stdin.buffer.read() if image == "-" else Path(image), name=name)
    except LerbridgeError as exc:
        _fail(exc)
        return
    if not quiet:
        version = VERSION_TITLE[found.version or found.marker_version]
        click.echo(f"{name}: {found.marker}: {_KIND[found.kind]}, {version}", err=True)
        if found.kind == "url":
            click.echo(f"warning: {name}: a hosted-assertion URL; not fetched", err=True)
    _report(name, found.report, quiet or not found.report.entries, verbose)
    if output in (None, "-"):
        tail = b"\n" if sys.stdout.isatty() else b""
        sys.stdout.buffer.write(found.document + tail)
        sys.stdout.buffer.flush()
    else:
        _atomic_write(Path(output), found.document)


@click.command("bake")
@click.argument("document")
@click.option(
    "--image",
    required=True,
    type=click.Path(dir_okay=False),
    help="The PNG or SVG image to bake into (a badge it holds is replaced).",
)
@click.option("-o", "--output", required=True, help="The baked image to write.")
@click.option(
    "--ob-version",
    type=click.Choice(["ob2", "ob3"]),
    help="The Open Badges version, when the document does not say (e.g. a bare JWS).",
)
@click.option("-v", "--verbose", is_flag=True, help="List every report entry on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="Nothing on stderr but errors.")
def bake_command(
    document: str,
    image: str,
    output: str,
    ob_version: str | None,
    verbose: bool,
    quiet: bool,
) -> None:
    """Bake DOCUMENT (an OB 2.0 / OB 3.0 JSON file or compact JWS, or - for stdin) into
    an image, under the marker its version requires."""
    from .common import atomic_write as _atomic_write

    name = "<stdin>" if document == "-" else document
    try:
        doc = sys.stdin.buffer.read() if document == "-" else Path(document)
        baked, report = bake(doc, Path(image), version=ob_version, name=name)  # type: ignore[arg-type]
    except LerbridgeError as exc:
        _fail(exc)
        return
    _atomic_write(Path(output), baked.data)
    if not quiet:
        click.echo(f"{name}: baked into {output} ({baked.media_type})", err=True)
    _report(name, report, quiet or not report.entries, verbose)
