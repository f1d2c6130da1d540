"""Walk a credential (JSON or compact VC-JWT) and check every proof it carries: its own and
those of its nested credentials (CLR ``verifiableCredential``, endorsements, résumé
verifications), each reported with its JSON Pointer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .jwt import split, verify_jwt
from .keys import KeyStore
from .status import StatusLists, check
from .suites import INVALID, UNVERIFIABLE, VERIFIED, ProofResult, verify_di

_JWT_KEYS = {"endorsementJwt", "compactJwsString", "jwt"}


@dataclass(frozen=True)
class StatusCheck:
    path: str
    type: str
    checked: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "type": self.type,
            "checked": self.checked,
            "reason": self.reason,
        }


@dataclass
class Verification:
    """Every proof found in one document, and the status entries (not checked offline)."""

    source: str
    proofs: list[ProofResult] = field(default_factory=list)
    statuses: list[StatusCheck] = field(default_factory=list)
    lists: StatusLists | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """No proof is invalid (unverifiable ones do not fail this)."""
        return all(p.outcome != INVALID for p in self.proofs)

    @property
    def all_verified(self) -> bool:
        return bool(self.proofs) and all(p.outcome == VERIFIED for p in self.proofs)

    def count(self, outcome: str) -> int:
        return sum(1 for p in self.proofs if p.outcome == outcome)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "ok": self.ok,
            "verified": self.count(VERIFIED),
            "invalid": self.count(INVALID),
            "unverifiable": self.count(UNVERIFIABLE),
            "proofs": [p.to_dict() for p in self.proofs],
            "credentialStatus": [s.to_dict() for s in self.statuses],
        }


def _ptr(path: str, key: str | int) -> str:
    return f"{path}/{str(key).replace('~', '~0').replace('/', '~1')}"


def _is_credential(obj: dict[str, Any]) -> bool:
    t = obj.get("type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.endswith("Credential") for x in types)


def verify_document(
    doc: Any, keys: KeyStore | None = None, source: str = "", status: StatusLists | None = None
) -> Verification:
    out = Verification(source)
    out.lists = status
    store = keys or KeyStore()
    if isinstance(doc, str):
        _jwt(doc.strip(), "", store, out, None)
    elif isinstance(doc, dict):
        _credential(doc, "", store, out, None)
    return out


def _jwt(token: str, path: str, store: KeyStore, out: Verification, ctx: Any) -> None:
    out.proofs.append(verify_jwt(token, path, store))
    try:
        _, payload, _, _ = split(token)
    except (ValueError, UnicodeDecodeError):
        return
    inner = payload.get("vc") if isinstance(payload.get("vc"), dict) else payload
    _walk(inner, path + "#payload", store, out, inner.get("@context", ctx), top=True)


def _credential(
    obj: dict[str, Any], path: str, store: KeyStore, out: Verification, ctx: Any
) -> None:
    context = obj.get("@context", ctx)
    proofs = obj.get("proof")
    if proofs is not None:
        unsigned = {k: v for k, v in obj.items() if k != "proof"}
        if "@context" not in unsigned and context is not None:
            unsigned = {"@context": context, **unsigned}
        items = proofs if isinstance(proofs, list) else [proofs]
        for i, proof in enumerate(items):
            ppath = _ptr(path, "proof") + (f"/{i}" if isinstance(proofs, list) else "")
            if isinstance(proof, dict):
                out.proofs.append(verify_di(unsigned, proof, ppath, store))
            else:
                out.proofs.append(
                    ProofResult(ppath, "untyped", None, "", INVALID, "a proof must be an object")
                )
    status = obj.get("credentialStatus")
    for i, st in enumerate(status if isinstance(status, list) else [status] if status else []):
        stype = st.get("type") if isinstance(st, dict) else None
        checked, reason = (
            check(st, out.lists)
            if isinstance(st, dict) and out.lists is not None
            else (False, "not checked: the status list credential was not supplied (never fetched)")
        )
        where = _ptr(path, "credentialStatus") + (f"/{i}" if isinstance(status, list) else "")
        out.statuses.append(StatusCheck(where, str(stype), checked, reason))
    _walk(obj, path, store, out, context, top=True)


def _walk(
    node: Any, path: str, store: KeyStore, out: Verification, ctx: Any, top: bool = False
) -> None:
    if isinstance(node, dict):
        if not top and _is_credential(node):
            _credential(node, path, store, out, ctx)
            return
        for key, value in node.items():
            if key in ("proof", "@context", "credentialStatus"):
                continue
            sub = _ptr(path, key)
            if key in _JWT_KEYS:
                for j, tok in enumerate(value if isinstance(value, list) else [value]):
                    if isinstance(tok, str) and tok.count(".") == 2:
                        _jwt(tok, _ptr(sub, j) if isinstance(value, list) else sub, store, out, ctx)
                continue
            _walk(value, sub, store, out, ctx)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _walk(item, _ptr(path, i), store, out, ctx)
