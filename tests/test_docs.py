"""The docs stay true: the README's test command is the one CI runs, and the reference pages
name every loss code, format and exit code the code has."""

from __future__ import annotations

import re
from pathlib import Path

import lerbridge
from lerbridge import errors

ROOT = Path(__file__).resolve().parents[1]


def _text(rel: str) -> str:
    return (ROOT / rel).read_text("utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    readme = [line.strip() for line in _text("README.md").splitlines()]
    ci = [line.strip() for line in _text(".ci/run").splitlines()]
    command = next(line for line in readme if line.endswith(".venv/bin/pytest"))
    assert command in ci


def test_every_loss_code_is_documented() -> None:
    page = _text("docs/loss-report.md")
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", page, re.MULTILINE))
    assert set(lerbridge.CODES) <= documented, set(lerbridge.CODES) - documented


def test_every_format_is_documented() -> None:
    page = _text("docs/formats.md")
    names = {f.name for f in lerbridge.formats() if f.package == "lerbridge"}
    assert {"ob3", "clr", "lerrs", "hrxml", "ctdl", "csv", "canonical"} <= names
    assert {n for n in names if f"| `{n}` |" not in page} == set()


def test_every_exit_code_is_documented() -> None:
    page = _text("docs/cli.md")
    documented = {int(c) for c in re.findall(r"^\| (\d+) \|", page, re.MULTILINE)}
    codes = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.LerbridgeError)
    }
    assert codes <= documented, codes - documented


def test_reference_links_resolve() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", page.read_text("utf-8")):
            assert (page.parent / target).is_file(), (page.name, target)
