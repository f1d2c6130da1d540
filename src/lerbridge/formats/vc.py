"""Verifiable Credential envelopes shared by OB 3.0 and CLR 2.0: compact VC-JWT decoding
(without verification), dialect detection, and JSON-LD-aware comparison."""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import UTC, datetime
from typing import Any

from ..errors import ReadError
from ..report import LossReport
from ..safejson import JsonLimits, loads

VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
_JWS_RE = re.compile(rb"^\s*([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)\s*$")


def looks_like_jws(data: bytes) -> bool:
    return len(data) < 16 * 1024 * 1024 and _JWS_RE.match(data) is not None


def _b64(part: bytes, what: str, source: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise ReadError(f"JWT {what} is not base64url", source=source) from None


def decode_jwt(
    data: bytes, source: str, report: LossReport, fmt: str, limits: JsonLimits
) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Decode a compact VC-JWT without verifying it. Returns (header, credential, jws).
    The credential is the ``vc`` claim when present, else the bare payload; registered
    claims fill what the credential lacks (jti->id, iss->issuer, nbf->validFrom...)."""
    m = _JWS_RE.match(data)
    if not m:
        raise ReadError("not a compact JWS (header.payload.signature)", source=source)
    header = loads(_b64(m.group(1), "header", source), source + "#header", None, limits)
    payload = loads(_b64(m.group(2), "payload", source), source + "#payload", report, limits, fmt)
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ReadError("JWT header and payload must be JSON objects", source=source)
    report.add(
        "unverified-signature",
        f"VC-JWT ({header.get('alg', 'no alg')}) decoded without verifying its signature",
        source_path="#header",
        source_format=fmt,
    )
    vc = payload.get("vc")
    cred: dict[str, Any] = dict(vc) if isinstance(vc, dict) else dict(payload)
    claims = {k: v for k, v in payload.items() if k != "vc"} if isinstance(vc, dict) else {}
    _fill_from_claims(cred, claims, report, fmt)
    return header, cred, data.decode("ascii").strip()


def _epoch(v: Any) -> str | None:
    if isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v < 2**35:
        return datetime.fromtimestamp(int(v), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _fill_from_claims(
    cred: dict[str, Any], claims: dict[str, Any], report: LossReport, fmt: str
) -> None:
    v1 = VC1 in (cred.get("@context") or [])
    fills = {
        "jti": ("id", claims.get("jti")),
        "iss": ("issuer", claims.get("iss")),
        "nbf": ("issuanceDate" if v1 else "validFrom", _epoch(claims.get("nbf"))),
        "exp": ("expirationDate" if v1 else "validUntil", _epoch(claims.get("exp"))),
    }
    for claim, (key, value) in fills.items():
        if claim not in claims:
            continue
        if key not in cred and value is not None:
            cred[key] = value
            report.add(
                "value-coerced",
                f"JWT claim {claim} supplies the credential's {key}",
                source_path=f"#payload/{claim}",
                source_format=fmt,
                value=value,
            )
    sub = claims.get("sub")
    subj = cred.get("credentialSubject")
    if isinstance(sub, str) and isinstance(subj, dict) and "id" not in subj:
        subj["id"] = sub
        report.add(
            "value-coerced",
            "JWT claim sub supplies credentialSubject.id",
            source_path="#payload/sub",
            source_format=fmt,
            value=sub,
        )
    for claim in sorted(set(claims) - {"jti", "iss", "nbf", "exp", "sub", "iat", "aud"}):
        report.add(
            "no-target-field",
            f"JWT claim {claim} has no place in the credential",
            source_path=f"#payload/{claim}",
            source_format=fmt,
            value=claims[claim],
        )


def types_of(doc: Any) -> list[str]:
    t = doc.get("type") if isinstance(doc, dict) else None
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


def dialect(doc: dict[str, Any]) -> str:
    ctx = doc.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    if VC2 in ctxs:
        return "vc2"
    if VC1 in ctxs or "issuanceDate" in doc:
        return "vc1.1"
    return "unknown"


def report_schema_violations(
    doc: Any,
    schema: str,
    report: LossReport,
    prefix: str,
    fmt: str,
    seen: set[str | None] | None = None,
) -> None:
    """Read leniently, say where: one ``source-schema-violation`` per official-schema
    error (skipping pointers in ``seen``). The fast validator decides first, so a valid
    document costs one check."""
    from .. import specs

    if specs.is_valid(doc, schema):
        return
    for pointer, message in specs.violations(doc, schema):
        if seen is not None and prefix + pointer in seen:
            continue
        report.add(
            "source-schema-violation",
            f"{message} (schema {schema}); read leniently",
            source_path=prefix + pointer,
            source_format=fmt,
        )


_AS_IS = frozenset({str, int, bool, type(None)})


def normalize(value: Any) -> Any:
    """JSON-LD-equivalent form for comparison: one-item arrays become the item, and
    object key order does not matter (dict equality ignores it)."""
    if isinstance(value, dict):
        return {k: v if v.__class__ in _AS_IS else normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        if len(value) == 1:
            return normalize(value[0])
        return [v if v.__class__ in _AS_IS else normalize(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def parse_jsonish(data: bytes, source: str) -> Any:
    """Cheap parse for detection only (no report)."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None
