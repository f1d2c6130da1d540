"""Where the official specification files are, and verified reads of them.

lerbridge's repository holds none of the official schemas, contexts or XSDs: they are the
standards bodies' files, used from a folder laid out like the project's ``../shared/specs``.
``manifest.json`` (package data, written by lerbridge's authors) lists every file the package
uses, as a path relative to that folder with its sha256. The folder is, in this order:

1. ``$LERBRIDGE_SPECS``, when the variable is set (even to an empty folder: then nothing is
   installed, which is how a user says "no official specs");
2. ``lerbridge/specs/official/`` inside the installed package: a wheel built with the specs
   available (``pip install .``) carries a verified copy there, made by ``setup.py``;
3. ``../shared/specs`` beside the source checkout the package runs from (an editable install,
   ``pip install -e .``, or ``src/`` on ``sys.path``).

Every read checks the file against the manifest: a missing file raises
:class:`SpecsNotInstalledError`, an altered one :class:`SpecsAlteredError`, each naming the file.
There is no silent fallback to another copy. The folder is chosen once per process, on first
use; the checks are cached per file. Nothing here touches the network or process-wide state.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..errors import SpecsAlteredError, SpecsNotInstalledError

__all__ = [
    "ENV_VAR",
    "SpecsAlteredError",
    "SpecsNotInstalledError",
    "available",
    "manifest",
    "read_verified",
    "spec_path",
    "specs_root",
    "verify_folder",
]

ENV_VAR = "LERBRIDGE_SPECS"
_HINT = f"set {ENV_VAR} to a folder laid out like lerbridge's ../shared/specs"


@cache
def manifest() -> dict[str, str]:
    """``relpath -> sha256`` of every official file the package uses."""
    raw = files("lerbridge.specs").joinpath("manifest.json").read_bytes()
    listed: dict[str, str] = json.loads(raw)["files"]
    return listed


def _checkout_specs() -> Path | None:
    """``../shared/specs`` beside the source checkout this module was imported from."""
    here = Path(__file__).resolve()
    project = here.parents[3]  # src/lerbridge/specs/_root.py -> the project folder
    if not (project / "pyproject.toml").is_file():
        return None
    return project.parent / "shared" / "specs"


@cache
def _locate() -> tuple[Path | None, str]:
    """The specs folder (or ``None``) and a phrase saying where it came from."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return Path(env), f"{ENV_VAR}={env}"
    packaged = files("lerbridge.specs").joinpath("official")
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged, f"the copy installed with the package ({packaged})"
    checkout = _checkout_specs()
    if checkout is not None and checkout.is_dir():
        return checkout, f"the source checkout's ../shared/specs ({checkout})"
    where = f"; not at {checkout}" if checkout is not None else ""
    return None, f"no specs folder: none installed with the package{where}"


def specs_root() -> Path | None:
    """The folder the official specs are read from, or ``None`` when there is none."""
    return _locate()[0]


def _missing(relpath: str) -> SpecsNotInstalledError:
    root, origin = _locate()
    where = f"{relpath} is not in {origin}" if root is not None else f"{relpath}: {origin}"
    return SpecsNotInstalledError(f"official schemas not installed: {where}; {_HINT}")


_lock = threading.Lock()
_verified: set[str] = set()


def _check(relpath: str, data: bytes) -> None:
    expected = manifest().get(relpath)
    if expected is None:
        raise SpecsAlteredError(f"{relpath} is not listed in lerbridge's specs manifest")
    if relpath in _verified:
        return
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise SpecsAlteredError(
            f"official spec file {spec_path_text(relpath)} does not match lerbridge's manifest "
            f"(sha256 {actual[:16]}…, expected {expected[:16]}…); "
            f"restore the official file or {_HINT}"
        )
    with _lock:
        _verified.add(relpath)


def spec_path_text(relpath: str) -> str:
    root = specs_root()
    return str(root / relpath) if root is not None else relpath


def spec_path(relpath: str) -> Path:
    """The verified file ``relpath`` on disk (for tools that want a path, like xmlschema)."""
    root = specs_root()
    path = None if root is None else root / relpath
    if path is None or not path.is_file():
        raise _missing(relpath)
    _check(relpath, path.read_bytes())
    return path


def read_verified(relpath: str) -> bytes:
    """The bytes of official file ``relpath``, checked against the manifest."""
    root = specs_root()
    try:
        if root is None:
            raise FileNotFoundError(relpath)
        data = (root / relpath).read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise _missing(relpath) from None
    _check(relpath, data)
    return data


def verify_folder(prefix: str) -> Path:
    """Check every manifest file under ``prefix`` and return the folder itself (for
    xmlschema, which follows includes on its own)."""
    for relpath in sorted(manifest()):
        if relpath.startswith(prefix + "/"):
            spec_path(relpath)
    root = specs_root()
    assert root is not None  # spec_path raised otherwise
    return root / prefix


@cache
def available() -> bool:
    """Whether every file of the manifest is present (not hashed: reads still verify)."""
    root = specs_root()
    return root is not None and all((root / rel).is_file() for rel in manifest())
