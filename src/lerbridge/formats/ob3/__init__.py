"""Open Badges 3.0 (1EdTech): OpenBadgeCredential / AchievementCredential."""

from __future__ import annotations

from datetime import datetime

from ..base import Format, Input, SchemaIssue
from ..vc import looks_like_jws
from . import reader, writer


def detect(inp: Input) -> float:
    if looks_like_jws(inp.data):
        from ...report import LossReport
        from ..base import ReadOptions

        try:
            doc, _ = reader.load_native(inp, ReadOptions(), LossReport())
        except Exception:  # detection never fails loudly
            return 0.0
    else:
        doc = inp.json_or_none()
    docs = doc if isinstance(doc, list) else [doc]
    return 1.0 if docs and all(reader.is_ob3(d) for d in docs) else 0.0


def validate(inp: Input, at: datetime | None = None) -> list[SchemaIssue]:
    """The official schema of the credential (its EndorsementCredential schema for an
    endorsement), tolerant of JSON-LD compacted single values (warnings), plus the
    context, dialect and subject checks the reader performs, and the time window when
    ``at`` is given. See docs/validation.md."""
    from ...report import LossReport
    from ...validation import issue
    from ..base import ReadOptions
    from ..vccheck import credential_issues

    doc, _ = reader.load_native(inp, ReadOptions(), LossReport())
    docs = doc if isinstance(doc, list) else [doc]
    out: list[SchemaIssue] = []
    for i, one in enumerate(docs):
        where = f"/{i}" if isinstance(doc, list) else ""
        if not isinstance(one, dict):
            out.append(issue(where, "a credential must be a JSON object", "schema"))
            continue
        out += credential_issues(one, reader.schema_for(one), "ob3", where, at)
    return out


FORMAT = Format(
    name="ob3",
    title="Open Badges 3.0 (OpenBadgeCredential, JSON or VC-JWT)",
    aliases=("openbadges3", "ob30", "obv3"),
    extensions=(".json", ".jsonld", ".jwt", ".jws"),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
    checks_time=True,
    one_award_per_document=True,
)
