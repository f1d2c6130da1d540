"""The HTML report: one self-contained page (inline CSS, no script, no external asset)
with the per-file verdicts, the failing rules with their locations, the portability
matrix and the losses per target format."""

from __future__ import annotations

from collections import Counter
from html import escape

from ..report import SEVERITY_RANK
from .catalog import STAGES, rules
from .result import ConformanceResult, FileResult

_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee}.pass{background:#dff0d8}.warn{background:#fcf8e3}.fail{background:#f2dede}
.ok{background:#dff0d8}.lossy{background:#fcf8e3}.refused{background:#f2dede}
.skipped{color:#888}code{font-size:.92em}details{margin:.3em 0}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _verdicts(result: ConformanceResult) -> list[str]:
    head = "".join(f"<th>{s}</th>" for s in STAGES)
    out = [
        '<table id="verdicts"><thead><tr><th>file</th><th>format</th><th>verdict</th>'
        f"{head}</tr></thead><tbody>"
    ]
    for fr in result.files:
        v = fr.verdict(result.fail_on)
        cells = []
        for s in STAGES:
            st = fr.stages.get(s)
            if st is None or not st.ran:
                cells.append('<td class="skipped">not run</td>')
                continue
            bad = st.failing(result.fail_on)
            cls = "fail" if bad else ("warn" if st.failing("warning") else "pass")
            cells.append(f'<td class="{cls}">{len(st.findings)}</td>')
        out.append(
            f"<tr><td><code>{_e(fr.path)}</code></td><td>{_e(fr.format or '?')}</td>"
            f'<td class="{v}">{v}</td>{"".join(cells)}</tr>'
        )
    out.append("</tbody></table>")
    return out


def _findings(fr: FileResult, fail_on: str) -> list[str]:
    rank = SEVERITY_RANK["warning"]
    shown = [f for f in fr.findings if SEVERITY_RANK[f.severity] >= rank]
    if not shown:
        return []
    out = [f"<details><summary><code>{_e(fr.path)}</code>: {len(shown)} finding(s)</summary>"]
    out.append("<table><tr><th>severity</th><th>rule</th><th>location</th><th>message</th></tr>")
    for f in shown:
        out.append(
            f"<tr><td>{f.severity}</td><td><code>{_e(f.rule)}</code></td>"
            f"<td><code>{_e(f.location)}</code></td><td>{_e(f.message)}</td></tr>"
        )
    out.append("</table></details>")
    return out


def _matrix(result: ConformanceResult) -> list[str]:
    targets = result.targets()
    head = "".join(f"<th>{_e(t)}</th>" for t in targets)
    out = [f'<table id="matrix"><thead><tr><th>file</th>{head}</tr></thead><tbody>']
    for fr in result.files:
        cells = []
        for t in targets:
            cell = fr.matrix.get(t)
            if cell is None:
                cells.append('<td class="skipped">-</td>')
                continue
            title = "; ".join(f"{k}: {n}" for k, n in cell.losses.items()) or cell.message
            text = cell.status if cell.status != "lossy" else f"{cell.total} loss(es)"
            cells.append(f'<td class="{cell.status}" title="{_e(title)}">{_e(text)}</td>')
        out.append(f"<tr><td><code>{_e(fr.path)}</code></td>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return out


def _losses(result: ConformanceResult) -> list[str]:
    out = [
        '<table id="losses"><thead><tr><th>target</th><th>loss code</th><th>entries</th>'
        "</tr></thead><tbody>"
    ]
    for t in result.targets():
        counts: Counter[str] = Counter()
        for fr in result.files:
            if t in fr.matrix:
                counts.update(fr.matrix[t].losses)
        for code, n in sorted(counts.items()):
            out.append(f"<tr><td>{_e(t)}</td><td><code>{_e(code)}</code></td><td>{n}</td></tr>")
    out.append("</tbody></table>")
    return out


def render(result: ConformanceResult) -> str:
    c = result.counts()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>lerbridge conformance report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>lerbridge conformance report</h1>",
        f'<p id="summary">{len(result.files)} file(s): {c["pass"]} pass, {c["warn"]} pass with '
        f"warnings, {c['fail']} fail. Profile <b>{_e(result.profile)}</b>, failing at "
        f"<b>{_e(result.fail_on)}</b>.</p>",
        "<h2>Verdicts</h2>",
        *_verdicts(result),
        "<h2>Failing rules</h2>",
    ]
    for fr in result.files:
        parts += _findings(fr, result.fail_on)
    parts += ["<h2>Portability matrix</h2>", *_matrix(result)]
    parts += ["<h2>Losses per target</h2>", *_losses(result)]
    parts.append(
        "<h2>Rules</h2><table><tr><th>id</th><th>stage</th><th>checks</th><th>source</th></tr>"
    )
    for r in rules().values():
        parts.append(
            f"<tr><td><code>{_e(r.id)}</code></td><td>{r.stage}</td><td>{_e(r.checks)}</td>"
            f"<td>{_e(r.source)}</td></tr>"
        )
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"
