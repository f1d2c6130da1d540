"""Baked badge images: Open Badges documents embedded in PNG (iTXt chunk) and SVG
(``<openbadges:...>`` element) images. Format-neutral: the payload, once unbaked, goes
through the ordinary format detection. See docs/baking.md."""

from __future__ import annotations

from .api import bake, is_image, unbake, unwrap
from .core import KEYWORD, MEDIA_TYPE, Unbaked, sniff
from .payload import version_of

__all__ = [
    "KEYWORD",
    "MEDIA_TYPE",
    "Unbaked",
    "bake",
    "is_image",
    "sniff",
    "unbake",
    "unwrap",
    "version_of",
]
