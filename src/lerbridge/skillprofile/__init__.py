"""Skills profiles: one evidenced list of a person's skills from all their credentials
(issue 19; docs/skills.md). Not to be confused with :mod:`lerbridge.formats.skills`, which
derives the skills of one record."""

from __future__ import annotations

from .merge import build_profile
from .model import NameMatch, ProfileSkill, SkillEvidence, SkillsProfile

__all__ = ["NameMatch", "ProfileSkill", "SkillEvidence", "SkillsProfile", "build_profile"]
