"""Build step of lerbridge: install the official specs it uses as package data.

The repository holds none of the standards bodies' files. ``src/lerbridge/specs/manifest.json``
lists the ones the package uses (path relative to the specs folder, sha256). A wheel build
(``pip install .``) copies them from ``$LERBRIDGE_SPECS``, else from ``../shared/specs`` beside
the project, into ``lerbridge/specs/official/``, after checking every file: a missing or
altered file stops the build with its name. When no specs folder exists at all, the package
is built without them and says so at run time ("official schemas not installed").

An editable install (``pip install -e .``) copies nothing: the package reads the same folder
at run time, with the same checks (see ``lerbridge/specs/_root.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "src" / "lerbridge" / "specs" / "manifest.json"


def specs_source() -> Path:
    env = os.environ.get("LERBRIDGE_SPECS")
    return Path(env) if env is not None else HERE.parent / "shared" / "specs"


def checked_files(source: Path) -> list[tuple[str, Path]]:
    """``(relpath, path)`` of every manifest file under ``source``; SetupError naming each
    file that is missing or differs from the manifest."""
    listed: dict[str, str] = json.loads(MANIFEST.read_text("utf-8"))["files"]
    found, problems = [], []
    for rel, digest in sorted(listed.items()):
        path = source / rel
        if not path.is_file():
            problems.append(f"missing {path}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"altered {path} (sha256 differs from the manifest)")
        else:
            found.append((rel, path))
    if problems:
        more = f"; and {len(problems) - 10} more" if len(problems) > 10 else ""
        shown = "; ".join(problems[:10]) + more
        raise SetupError(f"lerbridge: specs in {source} differ from the manifest: {shown}")
    return found


class BuildWithSpecs(build_py):
    """build_py, then the verified official specs into ``lerbridge/specs/official``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "lerbridge" / "specs" / "official"
        shutil.rmtree(target, ignore_errors=True)  # never ship a stale copy of an earlier build
        source = specs_source()
        if not source.is_dir():
            self.warn(
                f"lerbridge: no official specs at {source}: built without them; schema checks "
                "will say 'official schemas not installed' (set LERBRIDGE_SPECS to build with them)"
            )
            return
        for rel, path in checked_files(source):
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


setup(cmdclass={"build_py": BuildWithSpecs})
