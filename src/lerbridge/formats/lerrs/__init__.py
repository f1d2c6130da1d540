"""HR Open LER-RS résumés (JSON 4.4 / 4.5), bare or wrapped as a verifiable credential,
with OB 3.0 and CLR 2.0 credentials embedded as verifications."""

from __future__ import annotations

from typing import Any

from ..base import Format, Input, SchemaIssue
from . import native


def detect(inp: Input) -> float:
    return native.looks_like_lerrs(inp.json_or_none())


def validate(inp: Input) -> list[SchemaIssue]:
    """The official 4.5 schema set, with the one documented overlay: the résumé's type
    enum also accepts the 4.5 URL that every official 4.5 sample uses. Credentials under
    ``otherW3CVerifiableCredential`` (which the schema leaves unconstrained) are checked
    against their own official OB 3.0 / CLR 2.0 schema."""
    from ...specs.hropen_json import VC_WRAPPER_ROOT, validate_lerrs

    doc = inp.json()
    parts = native.split(doc, inp.name)
    issues = [
        SchemaIssue(parts.prefix + i.pointer, i.message, i.schema_path)
        for i in validate_lerrs(parts.body, accept_45_type=True)
    ]
    if parts.wrapper is not None:
        issues += validate_lerrs(parts.wrapper, VC_WRAPPER_ROOT)
    return issues + _embedded_issues(parts)


def _embedded_issues(parts: native.Split) -> list[SchemaIssue]:
    import orjson

    from ...validation import as_validation
    from .. import registry
    from .verifications import credential_kind

    out: list[SchemaIssue] = []
    for section in ("educationAndLearnings", "certifications", "licenses", "skills"):
        items = parts.body.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            vers = item.get("verifications") if isinstance(item, dict) else None
            for j, ver in enumerate(vers if isinstance(vers, list) else []):
                if isinstance(ver, dict) and set(ver) == {"Verification"}:
                    ver = ver["Verification"]
                cred = ver.get("otherW3CVerifiableCredential") if isinstance(ver, dict) else None
                kind = credential_kind(cred) if isinstance(cred, dict) else None
                if kind not in ("ob3", "clr"):
                    continue
                at = f"{parts.prefix}/{section}/{i}/verifications/{j}/otherW3CVerifiableCredential"
                check = registry.get(kind).validator
                assert check is not None
                out += as_validation(check(Input(orjson.dumps(cred), at)), at)
    return out


def _read(*args: Any, **kwargs: Any) -> Any:
    from . import reader  # imported when a résumé is really read

    return reader.read(*args, **kwargs)


def _write(*args: Any, **kwargs: Any) -> Any:
    from . import writer

    return writer.write(*args, **kwargs)


FORMAT = Format(
    name="lerrs",
    title="HR Open LER-RS résumé (JSON 4.4/4.5, optionally VC-wrapped)",
    aliases=("ler-rs", "hropen"),
    extensions=(".json",),
    reader=_read,
    writer=_write,
    detect=detect,
    validator=validate,
)
