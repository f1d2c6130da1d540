"""The skills profile as one self-contained HTML page: skills grouped by framework, each
with its evidence on a timeline. No script, no external resource; every value escaped."""

from __future__ import annotations

from html import escape
from itertools import groupby

from .evidence import text
from .model import ProfileSkill, SkillsProfile

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
background:#f5f6f8;color:#1d2433}
header{background:#1f3a5f;color:#fff;padding:24px 32px}
header h1{margin:0 0 4px;font-size:24px}header p{margin:0;opacity:.85}
main{max-width:1040px;margin:0 auto;padding:16px 24px 48px}
section.fw{margin-top:24px}section.fw>h2{font-size:18px;border-bottom:2px solid #c9d3e0;
padding-bottom:4px}
article{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px 16px;
margin:12px 0}
article h3{margin:0;font-size:16px}.meta{color:#5b6577;font-size:13px}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;margin-right:4px}
.signed{background:#d8f3dc;color:#1b5e20}.unsigned{background:#e3ecfa;color:#1f3a5f}
.self-asserted{background:#fdf1d6;color:#7a4d00}
.line{position:relative;height:26px;margin:10px 0 4px;border-top:2px solid #c9d3e0;top:12px}
.dot{position:absolute;top:-8px;width:14px;height:14px;border-radius:50%;margin-left:-7px;
border:2px solid #fff}
.dot.signed{background:#2e7d32}.dot.unsigned{background:#3569b5}
.dot.self-asserted{background:#d08a00}
.axis{display:flex;justify-content:space-between;color:#8a93a3;font-size:11px}
table{border-collapse:collapse;width:100%;margin-top:8px;font-size:13px}
td,th{text-align:left;padding:3px 6px;border-top:1px solid #eef1f5;vertical-align:top}
th{color:#5b6577;font-weight:600}.note{color:#5b6577;font-size:13px}
"""


def _year(date: str | None) -> float | None:
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    year = int(date[:4])
    month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 6
    return year + (month - 1) / 12


def _span(profile: SkillsProfile) -> tuple[float, float]:
    years = [y for s in profile.skills for e in s.evidence if (y := _year(e.date)) is not None]
    if not years:
        return 0.0, 1.0
    lo, hi = int(min(years)), int(max(years)) + 1
    return float(lo), float(hi)


def _timeline(skill: ProfileSkill, lo: float, hi: float) -> str:
    dots = []
    for ev in skill.evidence:
        y = _year(ev.date)
        if y is None:
            continue
        left = 100 * (y - lo) / (hi - lo)
        tip = escape(f"{ev.date} · {ev.name or ev.kind} · {ev.strength}")
        dots.append(
            f'<span class="dot {escape(ev.strength)}" style="left:{left:.1f}%" '
            f'title="{tip}"></span>'
        )
    if not dots:
        return '<p class="note">No dated evidence.</p>'
    axis = f'<div class="axis"><span>{int(lo)}</span><span>{int(hi)}</span></div>'
    return f'<div class="line" aria-hidden="true">{"".join(dots)}</div>{axis}'


def _skill(skill: ProfileSkill, lo: float, hi: float) -> str:
    name = escape(text(skill.name) or skill.id)
    meta = [escape(skill.code)] if skill.code else []
    if skill.url:
        meta.append(escape(skill.url))
    if skill.other_names:
        meta.append("also named " + escape(", ".join(skill.other_names)))
    kinds = "".join(f'<span class="badge {escape(s)}">{escape(s)}</span>' for s in skill.strengths)
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(v or '')}</td>"
            for v in (
                (ev.date or "")[:10],
                ev.name,
                ev.issuer,
                ev.result or ev.level,
                ev.kind,
                ev.strength,
            )
        )
        + "</tr>"
        for ev in skill.evidence
    )
    period = ""
    if skill.first_evidence:
        period = (
            f"· {escape(skill.first_evidence[:10])} to {escape((skill.last_evidence or '')[:10])}"
        )
    return (
        f'<article id="{escape(skill.id)}"><h3>{name}</h3>'
        f'<div class="meta">{" · ".join(meta)}</div>'
        f'<div class="meta">{kinds} {len(skill.evidence)} piece(s) of evidence {period}</div>'
        f"{_timeline(skill, lo, hi)}"
        "<table><tr><th>date</th><th>credential</th><th>issuer</th><th>result</th>"
        f"<th>kind</th><th>strength</th></tr>{rows}</table></article>"
    )


def _group(skill: ProfileSkill) -> str:
    fw = skill.framework
    return (fw.name or fw.id or "") if fw else ""


def to_html(profile: SkillsProfile) -> bytes:
    lo, hi = _span(profile)
    ordered = sorted(profile.skills, key=lambda s: (_group(s) == "", _group(s).casefold()))
    sections = []
    for group, skills in groupby(ordered, key=_group):
        title = escape(group) if group else "Skills without a framework reference"
        body = "".join(_skill(s, lo, hi) for s in skills)
        sections.append(f'<section class="fw"><h2>{title}</h2>{body}</section>')
    matches = "".join(
        f"<li>{escape(m.name)}: {len(m.skills)} skills kept apart (no shared framework "
        "reference)</li>"
        for m in profile.name_matches
    )
    suggestions = (
        f'<section class="fw"><h2>Possible duplicates (not merged)</h2><ul>{matches}</ul></section>'
        if matches
        else ""
    )
    who = escape(profile.person or "Skills profile")
    n_sources = len(profile.sources)
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<title>Skills of {who}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{who}</h1><p>{len(profile.skills)} skills from {n_sources} "
        "document(s). Signed: the credential carries a proof (not verified here).</p></header>"
        f"<main>{''.join(sections)}{suggestions}</main></body></html>\n"
    )
    return page.encode("utf-8")
