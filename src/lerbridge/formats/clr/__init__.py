"""1EdTech Comprehensive Learner Record 2.0 (and CLR 1.0, read and upgraded)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..base import Format, Input, ReadOptions, SchemaIssue
from ..vc import looks_like_jws
from . import nested_jws, reader, wrapped, writer

CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"


def detect(inp: Input) -> float:
    from ...report import LossReport

    try:
        items = reader.load_native(inp, ReadOptions(), LossReport())
    except Exception:  # detection never fails loudly
        return 0.0
    docs = [wrapped.unwrap(doc, reader.is_clr)[0] for doc, _, _ in items]
    return 1.0 if docs and all(reader.is_clr(doc) for doc in docs) else 0.0


def validate(inp: Input, at: datetime | None = None) -> list[SchemaIssue]:
    """The CLR 2.0 schema (tolerant of JSON-LD compacted single values, which are
    warnings; a VC 1.1 / draft CLR is checked as the VC 2.0 CLR lerbridge reads it as,
    with an ``outdated-dialect`` warning), the context, dialect and subject checks of the
    CLR and of each nested credential, and the time window when ``at`` is given."""
    from ...report import LossReport
    from ...validation import issue
    from ..vccheck import (
        context_issues,
        credential_issues,
        dialect_issues,
        subject_issues,
        time_issues,
        upgraded,
    )

    out: list[SchemaIssue] = []
    for doc, _jws, where in reader.load_native(inp, ReadOptions(), LossReport()):
        if not isinstance(doc, dict):
            out.append(issue(where, "a CLR must be a JSON object", "schema"))
            continue
        # nested VC-JWT strings are checked as the credentials they hold
        doc, _tokens = nested_jws.expand(doc, where, inp.name, ReadOptions(), LossReport())
        if not is_clr2(doc):
            what = "a CLR 1.0 document" if reader.is_clr(doc) else "not a ClrCredential"
            out.append(
                issue(
                    where + "/type",
                    f"{what}: only CLR 2.0 has an official schema (lerbridge reads CLR 1.0 "
                    "and converts it: `lerbridge convert --to clr`)",
                    "schema",
                )
            )
            continue
        view = _vc2_view(doc, upgraded)
        out += credential_issues(doc, reader.SCHEMA, "clr", where, at, schema_doc=view)
        for at_, cred in _nested(doc, where):
            out += context_issues(cred, "ob3", at_) + dialect_issues(cred, at_)
            out += subject_issues(cred, at_)
            if at is not None:
                out += time_issues(cred, at, at_)
    return out


def is_clr2(doc: dict[str, object]) -> bool:
    from ..vc import types_of

    return "ClrCredential" in types_of(doc)


def _vc2_view(doc: dict[str, Any], upgraded: Any) -> dict[str, Any]:
    """The CLR and its nested credentials with VC 1.1 envelopes upgraded to VC 2.0 and a
    draft CLR context replaced by the final one (what the reader does)."""
    view = upgraded(doc)
    ctx = view.get("@context")
    if isinstance(ctx, list):
        view["@context"] = [
            CLR_CONTEXT if isinstance(c, str) and "dc.imsglobal.org/draft" in c else c for c in ctx
        ]
    subj = view.get("credentialSubject")
    if isinstance(subj, dict) and isinstance(subj.get("verifiableCredential"), list):
        subj = dict(subj)
        subj["verifiableCredential"] = [
            upgraded(c) if isinstance(c, dict) else c for c in subj["verifiableCredential"]
        ]
        view["credentialSubject"] = subj
    return view


def _nested(doc: dict[str, Any], where: str) -> list[tuple[str, dict[str, Any]]]:
    subj = doc.get("credentialSubject")
    nested = subj.get("verifiableCredential") if isinstance(subj, dict) else None
    base = f"{where}/credentialSubject/verifiableCredential"
    if isinstance(nested, dict):
        return [(base, nested)]
    if not isinstance(nested, list):
        return []
    return [(f"{base}/{i}", c) for i, c in enumerate(nested) if isinstance(c, dict)]


FORMAT = Format(
    name="clr",
    title="1EdTech Comprehensive Learner Record 2.0 (ClrCredential; CLR 1.0 read)",
    aliases=("clr2", "clrv2", "clr20"),
    extensions=(".json", ".jsonld", ".jwt"),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
    checks_time=True,
)

__all__ = ["FORMAT", "looks_like_jws"]
