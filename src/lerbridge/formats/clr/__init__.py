"""1EdTech Comprehensive Learner Record 2.0 (and CLR 1.0, read and upgraded)."""

from __future__ import annotations

from ..base import Format, Input, ReadOptions, SchemaIssue
from ..vc import looks_like_jws
from . import nested_jws, reader, wrapped, writer


def detect(inp: Input) -> float:
    from ...report import LossReport

    try:
        items = reader.load_native(inp, ReadOptions(), LossReport())
    except Exception:  # detection never fails loudly
        return 0.0
    docs = [wrapped.unwrap(doc, reader.is_clr)[0] for doc, _, _ in items]
    return 1.0 if docs and all(reader.is_clr(doc) for doc in docs) else 0.0


def validate(inp: Input) -> list[SchemaIssue]:
    from ... import specs
    from ...report import LossReport

    issues: list[SchemaIssue] = []
    for doc, _jws, where in reader.load_native(inp, ReadOptions(), LossReport()):
        if isinstance(doc, dict):  # nested VC-JWT strings are checked as the credentials they hold
            doc, _tokens = nested_jws.expand(doc, where, inp.name, ReadOptions(), LossReport())
        for issue in specs.validate(doc, reader.SCHEMA):
            issues.append(SchemaIssue(where + issue.pointer, issue.message, issue.schema_path))
    return issues


FORMAT = Format(
    name="clr",
    title="1EdTech Comprehensive Learner Record 2.0 (ClrCredential; CLR 1.0 read)",
    aliases=("clr2", "clrv2", "clr20"),
    extensions=(".json", ".jsonld", ".jwt"),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
)

__all__ = ["FORMAT", "looks_like_jws"]
