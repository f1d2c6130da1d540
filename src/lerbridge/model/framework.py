"""Competency frameworks (CTDL-ASN). The competencies of a framework are canonical
:class:`~lerbridge.model.career.Skill` objects linked by ``framework`` and ``parent_id``."""

from __future__ import annotations

from pydantic import Field

from .base import FlexDate, LangMap, Node


class CompetencyFramework(Node):
    """A competency framework (CTDL-ASN ceasn:CompetencyFramework). Its competencies are
    the record's skills whose ``framework`` is this id; ``top_children`` gives the order
    of the first level."""

    id: str
    ctid: str | None = None
    name: LangMap | None = None
    description: LangMap | None = None
    publisher: list[str] = Field(default_factory=list)
    creator: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    top_children: list[str] = Field(default_factory=list)
    date_created: FlexDate | None = None
    url: str | None = None
