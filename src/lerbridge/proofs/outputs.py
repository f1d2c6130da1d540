"""Signing what a conversion wrote: each OB 3.0 / CLR document gets an ``eddsa-rdfc-2022``
proof (or becomes a VC-JWT), and the loss report says what happened to the source proofs:
verified or not, dropped and replaced (``proof-replaced``) instead of only invalidated."""

from __future__ import annotations

from typing import Any

import orjson

from ..errors import WriteError
from ..formats.base import Document
from ..report import LossReport
from .canon import ContextNotInstalled, UndefinedTerm
from .jwt import sign_jwt
from .signing import SigningKey, sign_document
from .verify import Verification

SIGNABLE = ("ob3", "clr")


def sign_outputs(
    docs: list[Document],
    target: str,
    key: SigningKey,
    report: LossReport,
    *,
    created: str | None = None,
    nested: bool = False,
    jwt: bool = False,
    source: Verification | None = None,
) -> list[Document]:
    if target not in SIGNABLE:
        raise WriteError(f"signing applies to OB 3.0 and CLR output, not {target}")
    out = []
    replaced: list[tuple[str, Any]] = []
    for d in docs:
        credential = orjson.loads(d.data)
        if not isinstance(credential, dict):
            raise WriteError("cannot sign: the output is not one JSON object", source=d.name)
        _existing(credential, "", nested, replaced)
        try:
            signed = sign_document(credential, key, created=created, nested=nested)
        except (ContextNotInstalled, UndefinedTerm) as exc:
            raise WriteError(f"cannot sign: {exc}", source=d.name) from None
        if jwt:
            token = sign_jwt(_unsigned_top(signed), key.private, key.verification_method)
            out.append(Document(token.encode("ascii"), _jwt_name(d.name), "application/vc+jwt"))
        else:
            blob = orjson.dumps(signed, option=orjson.OPT_INDENT_2) + b"\n"
            out.append(Document(blob, d.name, d.media_type))
    _report(report, target, key, source, jwt, replaced)
    return out


def _existing(node: Any, path: str, nested: bool, found: list[tuple[str, Any]]) -> None:
    """Proofs still on the output (kept because unchanged) that signing replaces."""
    if isinstance(node, dict):
        proofs = node.get("proof")
        for p in proofs if isinstance(proofs, list) else [proofs] if proofs else []:
            vm = p.get("verificationMethod") if isinstance(p, dict) else None
            found.append((f"{path}/proof", vm))
        if path and not nested:
            return
        for k, v in node.items():
            if k not in ("proof", "@context"):
                _existing(v, f"{path}/{k}", nested, found) if isinstance(v, dict | list) else None
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _existing(v, f"{path}/{i}", nested, found)


def _unsigned_top(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "proof"}


def _jwt_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + ".jwt" if "." in name else name + ".jwt"


def _report(
    report: LossReport,
    target: str,
    key: SigningKey,
    source: Verification | None,
    jwt: bool,
    replaced: list[tuple[str, Any]],
) -> None:
    dropped = [e for e in report.entries if e.code == "proof-invalidated"]
    report.entries[:] = [e for e in report.entries if e.code != "proof-invalidated"]
    how = "a VC-JWT" if jwt else "an eddsa-rdfc-2022 proof"
    outcomes = {}
    if source is not None:
        for p in source.proofs:
            if p.verification_method:
                outcomes.setdefault(p.verification_method, p.outcome)
    for e in dropped:
        seen = outcomes.get(str(e.value)) if e.value is not None else None
        state = f"was {seen}" if seen else "was not checked"
        report.add(
            "proof-replaced",
            f"source proof {state}; dropped and replaced by {how} by {key.verification_method}",
            canonical_path=e.canonical_path,
            target_format=target,
            value=e.value,
        )
    for path, vm in replaced:
        seen = outcomes.get(vm) if isinstance(vm, str) else None
        state = f"was {seen}" if seen else "was not checked"
        report.add(
            "proof-replaced",
            f"source proof kept on the output ({state}); replaced by {how} by "
            f"{key.verification_method}",
            source_path=path,
            target_format=target,
            value=vm,
        )
