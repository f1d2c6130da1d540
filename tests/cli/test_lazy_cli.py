"""Cold start (issue 14): ``import lerbridge``, ``lerbridge --version`` and ``lerbridge
--help`` import neither pydantic nor the canonical model; the lazy command table lists
each command as the command itself does; the public names are all reachable."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import lerbridge
from lerbridge.cli import COMMANDS, main

_PROBE = """
import sys
{setup}
print(" ".join(m for m in ("pydantic", "lerbridge.model", "lerbridge.api", "yaml")
               if m in sys.modules) or "-")
"""


def _loaded(setup: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", _PROBE.format(setup=setup)],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "setup",
    [
        "import lerbridge",
        "import lerbridge; lerbridge.__version__",
        "from lerbridge.cli import main\ntry: main(['--version'])\nexcept SystemExit: pass",
        "from lerbridge.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass",
    ],
)
def test_nothing_heavy_before_a_command_runs(setup: str) -> None:
    assert _loaded(setup) == "-"


def test_a_command_loads_what_it_needs() -> None:
    setup = "from lerbridge.cli import main\ntry: main(['formats'])\nexcept SystemExit: pass"
    assert _loaded(setup) == "pydantic lerbridge.model lerbridge.api yaml"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_lazy_table_matches_the_command(name: str) -> None:
    command = main.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None and command.name == name
    assert command.get_short_help_str(10**4) == COMMANDS[name][2]


def test_every_public_name_resolves() -> None:
    from lerbridge import api, report

    for name in lerbridge.__all__:
        assert getattr(lerbridge, name) is not None, name
    assert lerbridge.convert is api.convert
    assert lerbridge.LossReport is report.LossReport
    importlib.import_module("lerbridge.formats.registry")  # the subpackage does not shadow it
    assert lerbridge.formats is api.formats
    assert lerbridge.formats()[0].name
    with pytest.raises(AttributeError):
        _ = lerbridge.no_such_name  # type: ignore[attr-defined]
