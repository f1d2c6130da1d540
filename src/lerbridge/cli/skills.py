"""``lerbridge skills``: one skills profile across every credential given (issue 19;
docs/skills.md). Not ``convert``: many inputs make one output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import LerbridgeError
from .common import EXIT_FAIL_ON, atomic_write, print_summary, report_options

FORMAT_CHOICES = ("json", "lerrs", "ctdl-asn", "csv", "html")


@click.command("skills")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", help="Output file; - or omitted for stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="json",
    show_default=True,
    help="json (the profile), lerrs (a résumé), ctdl-asn (a framework), csv or html.",
)
@click.option(
    "--framework",
    "frameworks",
    multiple=True,
    type=click.Path(exists=True),
    help="A CTDL-ASN competency framework or a CASE package that names, groups and resolves "
    "the skills (repeatable).",
)
@report_options
@click.option("--language", help="Preferred language for names (BCP 47).")
@click.option("-v", "--verbose", is_flag=True, help="List every loss entry on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def skills_command(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str,
    frameworks: tuple[str, ...],
    report_path: str | None,
    fail_on: str | None,
    language: str | None,
    verbose: bool,
    quiet: bool,
) -> None:
    """One skills profile from INPUTS (files or folders, any readable format, baked badges
    too): each skill once, with the credentials that evidence it.

    Skills merge only when they name the same framework item (URI, CTID, or code in the
    same framework); skills that merely share a name are listed as possible duplicates."""
    from ..skillprofile.run import skills

    try:
        result = skills(
            [Path(p) for p in inputs],
            frameworks=[Path(p) for p in frameworks],
            language=language,
        )
        blob = result.write(fmt)
    except LerbridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    if not quiet:
        print_summary(
            f"skills profile ({len(result.profile.skills)} skills)", result.report, verbose
        )
    if report_path:
        data = json.dumps(result.report.to_dict(), indent=2, ensure_ascii=False).encode("utf-8")
        atomic_write(Path(report_path), data + b"\n")
    failed = fail_on is not None and result.report.at_least(fail_on)  # type: ignore[arg-type]
    if failed:
        click.echo(
            f"error: {len(failed)} loss entr{'y' if len(failed) == 1 else 'ies'} at or above "
            f"{fail_on}; no output written (--fail-on)",
            err=True,
        )
        sys.exit(EXIT_FAIL_ON)
    if output in (None, "-"):
        sys.stdout.buffer.write(blob)
        sys.stdout.buffer.flush()
    else:
        atomic_write(Path(output), blob)
