"""Detection that explains itself: what an input shows (root element and namespace,
``@context``, ``type``, ``credentialSubject.type``, CSV header) and, for each readable
format, its detection score and what it looks for, the closest first. Used in the error
when no format claims an input, and by ``lerbridge formats --explain FILE``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .base import Format, Input
from .vc import looks_like_jws, parse_jsonish

#: What each built-in format looks for, and the words of it that count as a near miss.
EXPECTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ob3": (
        "a VC whose type has OpenBadgeCredential, AchievementCredential or "
        "EndorsementCredential (JSON or VC-JWT)",
        ("credentials", "openbadge", "ob/v3", "achievement", "endorsement", "verifiable"),
    ),
    "clr": (
        "a ClrCredential (CLR 2.0) or a Clr (CLR 1.0), bare, in a plain VerifiableCredential "
        "or a GetClrCredentialsResponse",
        ("clr", "credentials", "verifiable", "learner", "assertions"),
    ),
    "ob2": (
        "an Open Badges 2.0 Assertion, BadgeClass, Issuer or Endorsement (openbadges/v2 "
        "context), or a 0.5-1.1 badge",
        ("openbadges", "assertion", "badge", "recipient", "issuedon"),
    ),
    "lerrs": (
        "an HR Open LER-RS résumé: an LER-RSType type URL, or résumé sections "
        "(person, employmentHistories, educationAndLearnings...), bare or in a VC",
        ("hropen", "ler-rs", "person", "employment", "education", "skills", "work"),
    ),
    "ctdl": (
        "Credential Engine CTDL: ceterms:/ceasn: classes (@type), a @graph, or a Registry envelope",
        ("ceterms", "ceasn", "credreg", "ctid", "@graph"),
    ),
    "hrxml": (
        "an XML document whose root is Resume (or a Candidate carrying one) in the "
        "http://ns.hr-xml.org/2007-04-15 namespace",
        ("hr-xml", "resume", "candidate"),
    ),
    "csv": (
        "a CSV whose header a profile recognizes (csv-transcript, Canvas gradebook, "
        "Badgr, Credential Engine bulk upload)",
        ("student", "course", "grade", "email", "badge", "credits"),
    ),
    "canonical": ("lerbridge's canonical JSON (a model_version key)", ("model_version",)),
}


@dataclass
class Explanation:
    seen: dict[str, Any] = field(default_factory=dict)
    candidates: list[tuple[str, float, str, int]] = field(default_factory=list)
    """(format, detection score, what it looks for, near-miss words seen), closest first."""

    def lines(self, limit: int | None = None) -> list[str]:
        out = [f"seen: {k} = {v}" for k, v in self.seen.items()]
        for name, score, expects, near in self.candidates[:limit]:
            verdict = f"claims it (score {score:g})" if score > 0 else "declined"
            hint = f"; {near} of its words seen" if near else ""
            out.append(f"{name}: {verdict}{hint}; looks for {expects}")
        return out

    def to_dict(self) -> dict[str, Any]:
        rows = [
            {"format": n, "score": s, "looks_for": e, "near": k} for n, s, e, k in self.candidates
        ]
        return {"seen": self.seen, "candidates": rows, "lines": self.lines()}

    def short(self) -> str:
        seen = "; ".join(f"{k} {v}" for k, v in self.seen.items()) or "nothing recognizable"
        near = [c for c in self.candidates if c[3] > 0][:3]
        closest = ", ".join(f"{n} (looks for {e})" for n, _s, e, _k in near)
        return f"seen: {seen}" + (f". Closest: {closest}" if closest else "")


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def observe(inp: Input) -> dict[str, Any]:
    data = inp.data
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    seen: dict[str, Any] = {}
    if looks_like_jws(data):
        seen["kind"] = "a compact JWS (header.payload.signature)"
        return seen
    if head.startswith(b"<"):
        seen["kind"] = "XML"
        body = re.sub(rb"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>\[]*>", b"", head, flags=re.S).lstrip()
        m = re.match(rb"<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)", body)
        if m:
            seen["root element"] = m.group(2).decode("utf-8", "replace")
            end = body.find(b">")
            tag = body[: end if end >= 0 else len(body)]
            attr = b"xmlns:" + m.group(1) if m.group(1) else b"xmlns"
            ns = re.search(re.escape(attr) + rb"""\s*=\s*["']([^"']*)["']""", tag)
            seen["namespace"] = ns.group(1).decode("utf-8", "replace") if ns else None
        return seen
    if head[:1] in (b"{", b"["):
        doc = parse_jsonish(data, inp.name)
        seen["kind"] = "JSON" if doc is not None else "JSON that does not parse"
        if isinstance(doc, dict):
            for key in ("@context", "type", "@type"):
                if key in doc:
                    seen[key] = _short(doc[key])
            subj = doc.get("credentialSubject")
            if isinstance(subj, dict):
                seen["credentialSubject.type"] = _short(subj.get("type"))
            seen["keys"] = _short(sorted(doc)[:12])
        elif isinstance(doc, list):
            seen["top level"] = f"a list of {len(doc)} item(s)"
        return seen
    first = data[:2048].decode("utf-8", "replace").splitlines()[:1]
    if first and ("," in first[0] or "\t" in first[0] or ";" in first[0]):
        seen["kind"] = "delimited text"
        seen["CSV header"] = _short(first[0], 160)
    else:
        seen["kind"] = "text or binary"
    return seen


def explain(inp: Input, formats: dict[str, Format]) -> Explanation:
    seen = observe(inp)
    text = " ".join(str(v) for v in seen.values()).lower()
    rows = []
    for name, fmt in formats.items():
        if fmt.detect is None or fmt.reader is None:
            continue
        try:
            score = fmt.detect(inp)
        except Exception:  # a plug-in's detector: explanation never fails loudly
            score = 0.0
        expects, words = EXPECTS.get(name, (fmt.title, ()))
        near = sum(1 for w in words if w in text)
        rows.append((name, score, expects, near))
    rows.sort(key=lambda r: (-r[1], -r[3], r[0]))
    return Explanation(seen, rows)
