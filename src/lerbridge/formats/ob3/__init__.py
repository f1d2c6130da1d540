"""Open Badges 3.0 (1EdTech): OpenBadgeCredential / AchievementCredential."""

from __future__ import annotations

from ..base import Format, Input, SchemaIssue
from ..vc import dialect, looks_like_jws
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


def validate(inp: Input) -> list[SchemaIssue]:
    from ... import specs
    from ...report import LossReport
    from ..base import ReadOptions

    doc, _ = reader.load_native(inp, ReadOptions(), LossReport())
    if not isinstance(doc, dict):
        return [SchemaIssue("", "a credential must be a JSON object", "")]
    name = reader.SCHEMA.get(dialect(doc), reader.SCHEMA["vc2"])
    return specs.validate(doc, name)


FORMAT = Format(
    name="ob3",
    title="Open Badges 3.0 (OpenBadgeCredential, JSON or VC-JWT)",
    aliases=("openbadges3", "ob30", "obv3"),
    extensions=(".json", ".jsonld", ".jwt", ".jws"),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
    one_award_per_document=True,
)
