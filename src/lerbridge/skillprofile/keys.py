"""What identifies a framework item: the references two skills must share to be merged.

A reference is a URI (a CASE ``CFItem``, CTDL-ASN competency, O*NET or ESCO URI), a
Credential Engine CTID (``ce-…``, also found inside a Registry URI), or a code in a named
framework (``targetCode`` with ``targetFramework``). Names are never references."""

from __future__ import annotations

import re

from ..model import Skill

CTID = re.compile(r"ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
URI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.I)


def uri_key(value: str) -> str:
    """A URI as compared: surrounding space and a trailing slash ignored, the scheme and
    host in lower case (they are case-insensitive); the path kept as written."""
    text = value.strip().rstrip("/")
    m = re.match(r"^([a-z][a-z0-9+.-]*://)([^/?#]*)(.*)$", text, re.I)
    if m:
        text = m.group(1).lower() + m.group(2).lower() + m.group(3)
    return "uri:" + text


def framework_key(framework: str | None) -> str | None:
    if not framework or not framework.strip():
        return None
    text = framework.strip()
    return uri_key(text)[4:] if URI.match(text) else " ".join(text.split()).casefold()


def code_key(framework: str | None, code: str | None) -> str | None:
    fw = framework_key(framework)
    if fw is None or not code or not code.strip():
        return None
    return f"code:{fw}#{code.strip()}"


def ref_keys(
    url: str | None, ctid: str | None, framework: str | None, code: str | None
) -> list[str]:
    out: list[str] = []
    if url and url.strip():
        out.append(uri_key(url))
        m = CTID.search(url)
        if m:
            out.append("ctid:" + m.group(0).lower())
    if ctid and CTID.fullmatch(ctid.strip()):
        out.append("ctid:" + ctid.strip().lower())
    ck = code_key(framework, code)
    if ck:
        out.append(ck)
    return list(dict.fromkeys(out))


def skill_keys(skill: Skill) -> list[str]:
    """The framework references of a record's skill: its url, CTID, framework+code, its
    alignments' targets, and its id when that is the source's own URI for it (an id
    lerbridge minted from the skill's name is not a reference)."""
    keys = ref_keys(skill.url, skill.ctid, skill.framework, skill.code)
    for al in skill.alignments:
        keys += ref_keys(al.target_url, None, al.target_framework, al.target_code)
    own = skill.derived_from != "alignment" and not (skill.id or "").startswith("urn:uuid:")
    if skill.id and own and URI.match(skill.id):
        keys += ref_keys(skill.id, None, None, None)
    return list(dict.fromkeys(keys))


def name_key(name: str | None) -> str | None:
    """How two names are compared for a suggestion: case, spacing and punctuation aside."""
    if not name:
        return None
    words = re.findall(r"\w+", name.casefold())
    return " ".join(words) or None
