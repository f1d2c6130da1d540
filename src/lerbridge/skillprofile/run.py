"""Reading the inputs of a skills profile: files, folders (walked in name order) and
in-memory documents, in any readable format, baked PNG/SVG badges included."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import LerbridgeError, ReadError
from ..formats import registry
from ..model import LearnerRecord
from ..report import LossReport
from .merge import build_profile
from .model import SkillsProfile
from .outputs import FORMATS, render

IMAGE_EXTENSIONS = (".png", ".svg")


@dataclass
class SkillsResult:
    """What :func:`lerbridge.skills` returns: the profile and the loss report of the whole
    run (reading every input, merging, and any :meth:`write`)."""

    profile: SkillsProfile
    report: LossReport = field(default_factory=LossReport)

    def write(self, format: str = "json") -> bytes:
        """The profile as ``json``, ``lerrs``, ``ctdl-asn``, ``csv`` or ``html`` bytes;
        what the format cannot hold is added to :attr:`report`."""
        if format not in FORMATS:
            raise LerbridgeError(
                f"unknown skills profile format {format!r}; one of {', '.join(FORMATS)}"
            )
        return render(self.profile, format, self.report)


def _extensions() -> set[str]:
    exts = {e.lower() for f in registry.formats().values() for e in f.extensions}
    return exts | set(IMAGE_EXTENSIONS) | {".json", ".jsonld", ".xml", ".csv", ".jwt"}


def expand(sources: Sequence[Any]) -> list[Any]:
    """Folders replaced by the files under them (hidden ones skipped) whose extension a
    readable format (or a baked image) uses, in sorted order; anything else as given."""
    out: list[Any] = []
    exts: set[str] | None = None
    for src in sources:
        if isinstance(src, os.PathLike) and Path(src).is_dir():
            exts = exts if exts is not None else _extensions()
            found = sorted(
                p
                for p in Path(src).rglob("*")
                if p.is_file()
                and p.suffix.lower() in exts
                and not any(part.startswith(".") for part in p.relative_to(src).parts)
            )
            if not found:
                raise ReadError("the folder holds no file lerbridge reads", source=str(src))
            out.extend(found)
        else:
            out.append(src)
    return out


def _label(src: Any, k: int) -> str:
    return str(src) if isinstance(src, os.PathLike) else f"<input {k + 1}>"


def read_all(
    sources: Sequence[Any], report: LossReport, language: str | None
) -> list[tuple[str, list[LearnerRecord]]]:
    from .. import api

    out = []
    for k, src in enumerate(expand(sources)):
        label = _label(src, k)
        records, rep = api.read_records(src, name=label, language=language)
        report.extend(rep)
        out.append((label, records))
    return out


def skills(
    sources: Sequence[Any],
    *,
    frameworks: Sequence[Any] = (),
    language: str | None = None,
) -> SkillsResult:
    if not sources:
        raise LerbridgeError("a skills profile needs at least one input")
    report = LossReport()
    inputs = read_all(sources, report, language)
    fws = read_all(frameworks, report, language)
    if fws:  # the alignments convert --framework resolves, resolved the same way
        from ..frameworks import index_records, resolve

        index = index_records(fws)
        inputs = [
            (label, [resolve(r, index, report, rename=False) for r in recs])
            for label, recs in inputs
        ]
    profile, merged = build_profile(inputs, fws, language)
    report.extend(merged)
    return SkillsResult(profile, report)
