"""The checks of an OB 3.0 / CLR 2.0 credential beyond "does it pass the plain-JSON schema",
shared by ``lerbridge validate`` and the readers (which report the same findings as
``source-schema-violation`` entries), so both say the same thing about a document.

- **Compacted forms.** The official schemas are the "plain JSON" flavour: arrays for
  ``type``, ``proof``, ``credentialSchema``... JSON-LD compaction writes one value without
  the array, which the specs allow. A schema error "not of type 'array'" is retried with
  the value wrapped in an array; what passes that way is a ``compacted-form`` warning.
- **Contexts**: the first must be the W3C VC context, the family's own context must be
  there, an unbundled context is a warning (never fetched).
- **Subjects**: either ``id`` or at least one ``identifier``.
- **Time**, only when asked (``at``): expired or not yet valid.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..validation import ValidationIssue, issue
from .vc import VC1, VC2

_CLOSEST = re.compile(r"closest match fails at (/\S*): (.*)$")
_NOT_ARRAY = "is not of type 'array'"
_MAX_ROUNDS = 64
OB_CONTEXT = re.compile(r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d+\.\d+)?\.json$")
CLR_CONTEXT = re.compile(
    r"^https://purl\.imsglobal\.org/spec/clr/v2p0/context(-2\.\d+\.\d+)?\.json$"
)
DRAFT_CONTEXT = "dc.imsglobal.org/draft"
FAMILY = {"ob3": ("Open Badges 3.0", OB_CONTEXT), "clr": ("CLR 2.0", CLR_CONTEXT)}


# --- JSON Pointer helpers ----------------------------------------------------------------


def _tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _join(tokens: Iterable[str]) -> str:
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


def _resolve(doc: Any, pointer: str) -> tuple[Any, Any, bool]:
    """(parent, key, found) of the value at ``pointer``."""
    parent: Any = None
    key: Any = None
    node = doc
    for tok in _tokens(pointer):
        parent = node
        if isinstance(node, dict) and tok in node:
            key = tok
        elif isinstance(node, list) and tok.isdigit() and int(tok) < len(node):
            key = int(tok)
        else:
            return None, None, False
        node = node[key]
    return parent, key, parent is not None


# --- compaction-tolerant schema validation -------------------------------------------------


def _array_target(found: Any) -> str | None:
    m = _CLOSEST.search(found.message)
    if m is not None:
        return m.group(1) if m.group(2).endswith(_NOT_ARRAY) else None
    return found.pointer if found.message.endswith(_NOT_ARRAY) else None


def _unwrap(pointer: str, wrapped: set[str]) -> str:
    """A pointer into the expanded document, as a pointer into the original."""
    out: list[str] = []
    prefix = ""
    for tok in _tokens(pointer):
        if prefix in wrapped and tok == "0":
            prefix += "/0"
            continue
        prefix += _join([tok])
        out.append(tok)
    return _join(out)


def schema_issues(doc: Any, schema: str, prefix: str = "") -> list[ValidationIssue]:
    """Official-schema errors of ``doc``, with single values the schema wants as arrays
    accepted as ``compacted-form`` warnings (each at its own pointer)."""
    from .. import specs

    if specs.is_valid(doc, schema):
        return []
    work = doc
    wrapped: list[str] = []
    found = specs.validate(work, schema)
    for _ in range(_MAX_ROUNDS):
        targets = sorted({t for t in map(_array_target, found) if t is not None})
        # the shallowest first: wrapping a node moves every pointer below it
        targets = [t for t in targets if not any(t.startswith(o + "/") for o in targets)]
        todo = []
        for target in targets:
            parent, key, ok = _resolve(work, target)
            if ok and not isinstance(parent[key], list):
                todo.append(target)
        if not todo:
            break
        if work is doc:
            work = copy.deepcopy(doc)
        for target in todo:
            parent, key, _ = _resolve(work, target)
            parent[key] = [parent[key]]
            wrapped.append(target)
        found = specs.validate(work, schema)
    seen = set(wrapped)
    out = [
        issue(
            prefix + _unwrap(w, seen),
            "a single value where the schema wants an array (JSON-LD compacted form, "
            f"allowed by the specification; schema {schema})",
            "compacted-form",
        )
        for w in wrapped
    ]
    for f in found:
        out.append(ValidationIssue(prefix + _unwrap(f.pointer, seen), f.message, f.schema_path))
    return sorted(out)


# --- semantic checks ------------------------------------------------------------------------


def context_violations(doc: dict[str, Any]) -> list[str]:
    """What is wrong with a credential's @context that the era schemas do not all check:
    none at all, or a first context that is not the W3C VC one (conformance's rule too)."""
    ctx = doc.get("@context")
    if ctx is None:
        return ["the credential has no @context"]
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    if not ctxs or ctxs[0] not in (VC1, VC2):
        first = ctxs[0] if ctxs else None
        return [f"the first @context must be the W3C VC context ({VC2}); found {first!r}"]
    return []


def context_issues(doc: dict[str, Any], family: str, prefix: str = "") -> list[ValidationIssue]:
    """What is wrong with a credential's @context (errors) and which contexts are not
    bundled (warnings)."""
    from .. import specs

    at = prefix + "/@context"
    ctx = doc.get("@context")
    if ctx is None:
        return [issue(at, msg, "context") for msg in context_violations(doc)]
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    where_first = at + ("/0" if isinstance(ctx, list) else "")
    out = [issue(where_first, msg, "context") for msg in context_violations(doc)]
    title, pattern = FAMILY[family]
    urls = [c for c in ctxs if isinstance(c, str)]
    draft = family == "clr" and any(DRAFT_CONTEXT in u for u in urls)
    if not draft and not any(pattern.match(u) for u in urls):
        out.append(issue(at, f"the {title} context is missing", "context"))
    for i, c in enumerate(ctxs):
        where = at + (f"/{i}" if isinstance(ctx, list) else "")
        if isinstance(c, dict):
            out.append(issue(where, "inline context: its terms are not checked", "unknown-context"))
        elif isinstance(c, str) and not specs.known_context(c):
            out.append(
                issue(where, f"context {c!r} is not bundled and was not fetched", "unknown-context")
            )
    return out


def subject_issues(doc: dict[str, Any], prefix: str = "") -> list[ValidationIssue]:
    """A credentialSubject must have an id or at least one identifier."""
    subj = doc.get("credentialSubject")
    out: list[ValidationIssue] = []
    for i, s in enumerate(subj if isinstance(subj, list) else [subj]):
        if not isinstance(s, dict):
            continue
        ident = s.get("identifier")
        has_ident = bool(ident) if isinstance(ident, list) else isinstance(ident, dict)
        if s.get("id") or has_ident:
            continue
        where = prefix + "/credentialSubject" + (f"/{i}" if isinstance(subj, list) else "")
        out.append(
            issue(
                where,
                "the credential subject has neither id nor identifier; the specification "
                "requires one of them",
                "subject-id",
            )
        )
    return out


def credential_schema_issues(doc: dict[str, Any], prefix: str = "") -> list[ValidationIssue]:
    """A ``credentialSchema`` lerbridge does not bundle is not fetched, hence not checked
    (a warning); a bundled official one is the schema checked anyway."""
    from .. import specs

    cs = doc.get("credentialSchema")
    out: list[ValidationIssue] = []
    for i, entry in enumerate(cs if isinstance(cs, list) else [cs]):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(ident, str) and specs.schema_name_for_uri(ident) is None:
            where = prefix + "/credentialSchema" + (f"/{i}" if isinstance(cs, list) else "")
            out.append(
                issue(
                    where + "/id",
                    f"credentialSchema {ident!r} is not bundled and was not fetched; not checked",
                    "credential-schema",
                )
            )
    return out


def dialect_issues(doc: dict[str, Any], prefix: str = "") -> list[ValidationIssue]:
    ctx = doc.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    old = VC1 in ctxs or ("issuanceDate" in doc and VC2 not in ctxs)
    draft = any(isinstance(c, str) and DRAFT_CONTEXT in c for c in ctxs)
    if not (old or draft):
        return []
    what = "a VC 1.1 envelope" if old else "a pre-final draft context"
    return [
        issue(
            prefix or "",
            f"{what}: an outdated dialect (read and upgraded by lerbridge)",
            "outdated-dialect",
        )
    ]


def upgraded(doc: dict[str, Any]) -> dict[str, Any]:
    """A VC 1.1 credential as the VC 2.0 credential lerbridge reads it as (for schemas that
    exist only for VC 2.0): VC context swapped, issuanceDate/expirationDate renamed."""
    out = dict(doc)
    ctx = out.get("@context")
    if isinstance(ctx, list):
        out["@context"] = [VC2 if c == VC1 else c for c in ctx]
    for old, new in (("issuanceDate", "validFrom"), ("expirationDate", "validUntil")):
        if old in out and new not in out:
            out[new] = out.pop(old)
    return out


# --- time -------------------------------------------------------------------------------


def parse_time(value: str | datetime) -> datetime:
    """``now`` (the current time, only when the caller asks for it), an ISO 8601 date or
    date-time (a date is its midnight UTC; no zone means UTC), or a datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if value == "now":
        return datetime.now(UTC)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def time_issues(doc: dict[str, Any], at: datetime, prefix: str = "") -> list[ValidationIssue]:
    """Expired or not yet valid at ``at``: VC 2.0 / 1.1 validity dates, and an (upgraded)
    OB 2.0 assertion's ``expires`` and ``issuedOn``."""
    out: list[ValidationIssue] = []
    for key, check, bad in (
        ("validUntil", "expired", lambda t: t < at),
        ("expirationDate", "expired", lambda t: t < at),
        ("expires", "expired", lambda t: t < at),
        ("validFrom", "not-yet-valid", lambda t: t > at),
        ("issuanceDate", "not-yet-valid", lambda t: t > at),
        ("issuedOn", "not-yet-valid", lambda t: t > at),
    ):
        raw = doc.get(key)
        if not isinstance(raw, str):
            continue
        try:
            when = parse_time(raw)
        except ValueError:
            continue  # a malformed date is the schema's business
        if bad(when):
            word = "expired at" if check == "expired" else "not valid before"
            out.append(
                issue(
                    prefix + "/" + key, f"{word} {raw} (checked at {at:%Y-%m-%dT%H:%M:%SZ})", check
                )
            )
    return out


def credential_issues(
    doc: dict[str, Any],
    schema: str,
    family: str,
    prefix: str = "",
    at: datetime | None = None,
    schema_doc: dict[str, Any] | None = None,
) -> list[ValidationIssue]:
    """Everything ``validate`` checks on one credential: schema (compaction-tolerant; on
    ``schema_doc`` when given, e.g. the VC 2.0 view of a VC 1.1 CLR), contexts, dialect,
    subject ids, and the time window when ``at`` is given."""
    out = schema_issues(doc if schema_doc is None else schema_doc, schema, prefix)
    out += context_issues(doc, family, prefix)
    out += dialect_issues(doc, prefix)
    out += subject_issues(doc, prefix)
    out += credential_schema_issues(doc, prefix)
    if at is not None:
        out += time_issues(doc, at, prefix)
    return out


def report_subject_gaps(native: dict[str, Any], cpath: str, fmt: str, report: Any) -> None:
    """A writer's output whose subject has neither id nor identifier does not conform (the
    schemas cannot say so); lerbridge does not invent a learner, so it reports the gap as
    a ``target-schema-violation`` error (``--fail-on error`` refuses such output)."""
    for gap in subject_issues(native):
        report.add(
            "target-schema-violation",
            gap.message + " (the record names no learner id or identifier)",
            canonical_path=cpath,
            target_format=fmt,
        )
