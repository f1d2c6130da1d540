"""CLR 1.0 (type "Clr"), read and upgraded to the canonical model."""

from __future__ import annotations

from typing import Any

from ...errors import ReadError
from ...model import LearnerRecord
from ...report import LossReport
from ..base import ReadOptions


def read_clr1(
    doc: dict[str, Any], where: str, opts: ReadOptions, report: LossReport
) -> LearnerRecord:
    raise ReadError("CLR 1.0 is not readable yet", location=where or "/")
