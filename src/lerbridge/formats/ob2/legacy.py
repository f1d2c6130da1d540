"""OB 0.5, 1.0 and 1.1 nodes rewritten with the OB 2.0 names before the mapping reads them
(the same upgrades badgecheck makes). Each change is a ``dialect-upgraded`` entry at its
source pointer. The input is never modified: upgraded nodes are copies."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ...report import LossReport
from .nodes import FORMAT, V1, V2, types_of

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS = re.compile(r"^\d{9,11}(\.\d+)?$")
_HASH = re.compile(r"^(sha256|md5)\$", re.IGNORECASE)


def dialect(node: Any) -> str:
    """ob2.0, ob1.1, ob1.0 or ob0.5 (an assertion's own marks; its BadgeClass may say more)."""
    if not isinstance(node, dict):
        return "ob2.0"
    ctx = node.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    if V2 in ctxs:
        return "ob2.0"
    if V1 in ctxs or any(isinstance(c, str) and c.endswith("/v1") for c in ctxs):
        return "ob1.1"
    badge = node.get("badge")
    if isinstance(node.get("recipient"), str) or "issued_on" in node:
        return "ob0.5"
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    if isinstance(issuer, dict) and "origin" in issuer and "url" not in issuer:
        return "ob0.5"
    if types_of(node) or "@context" in node:
        return "ob2.0"
    return "ob1.0"


class Upgrader:
    def __init__(self, report: LossReport, kind: str) -> None:
        self.report = report
        self.kind = kind

    def note(self, message: str, where: str, value: Any = None) -> None:
        self.report.add(
            "dialect-upgraded",
            message,
            source_path=where or "/",
            source_format=FORMAT,
            value=value,
        )

    def rename(self, node: dict[str, Any], old: str, new: str, where: str) -> None:
        if old in node and new not in node:
            node[new] = node.pop(old)
            self.note(f"{self.kind} {old!r} read as the OB 2.0 {new!r}", f"{where}/{old}")

    def date(self, node: dict[str, Any], key: str, where: str) -> None:
        v = node.get(key)
        iso = None
        if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**35:
            iso = datetime.fromtimestamp(v, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(v, str) and _DIGITS.match(v.strip()):
            stamp = int(float(v.strip()))
            iso = datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(v, str) and _DATE_ONLY.match(v.strip()):
            iso = v.strip() + "T00:00:00Z"
        if iso is not None:
            node[key] = iso
            self.note(f"{self.kind} date {v!r} read as the date-time {iso}", f"{where}/{key}", v)


def upgrade_assertion(node: dict[str, Any], where: str, report: LossReport) -> dict[str, Any]:
    """An OB 2.0 assertion from any version (the BadgeClass/Issuer are upgraded as they
    are embedded, by :func:`upgrade_badge` / :func:`upgrade_issuer`)."""
    kind = dialect(node)
    out = dict(node)
    up = Upgrader(report, f"OB {kind[2:]}")
    if "verify" in out and "verification" not in out:
        out["verification"] = out.pop("verify")
        if kind == "ob2.0":
            up.note("'verify' (an alias in OB 2.0) written as 'verification'", f"{where}/verify")
        else:
            up.note(f"{up.kind} 'verify' read as the OB 2.0 'verification'", f"{where}/verify")
    if kind == "ob2.0":
        return out
    up.note(f"{up.kind} assertion read and upgraded to OB 2.0", where)
    out["@context"] = V2
    if "type" not in out:
        out["type"] = "Assertion"
    up.rename(out, "issued_on", "issuedOn", where)
    for key in ("issuedOn", "expires"):
        up.date(out, key, where)
    draft = out.get("identity")
    if "recipient" not in out and isinstance(draft, dict) and "recipient" in draft:
        ident = {k: v for k, v in draft.items() if k != "recipient"}
        out["recipient"] = {**ident, "identity": draft["recipient"]}
        del out["identity"]
        up.note(
            "draft-1.0 identity {recipient, type, hashed, salt} read as the recipient "
            "IdentityObject",
            f"{where}/identity",
        )
    recipient = out.get("recipient")
    if isinstance(recipient, dict) and "type" not in recipient:
        out["recipient"] = recipient = {"type": "email", **recipient}
        up.note(
            f"{up.kind} recipient without a type read as an email identity (the only "
            "type before OB 2.0)",
            f"{where}/recipient",
        )
    if isinstance(recipient, str):
        hashed = bool(_HASH.match(recipient))
        ident: dict[str, Any] = {"type": "email", "hashed": hashed, "identity": recipient}
        if isinstance(out.get("salt"), str):
            ident["salt"] = out.pop("salt")
        out["recipient"] = ident
        up.note(f"{up.kind} recipient string read as an email IdentityObject", f"{where}/recipient")
    ver = out.get("verification")
    if isinstance(ver, dict):
        ver = dict(ver)
        url = ver.pop("url", None)
        if isinstance(url, str):
            vtype = str(ver.get("type", "hosted")).lower()
            if vtype in ("signed", "signedbadge"):
                ver.setdefault("creator", url)
                up.note(f"{up.kind} verify.url read as verification.creator", f"{where}/verify/url")
            elif "id" not in out:
                out["id"] = url
                up.note(f"{up.kind} verify.url read as the assertion id", f"{where}/verify/url")
            elif out["id"] != url:
                ver["url"] = url  # kept (an extension) when it says something else
        out["verification"] = ver
    if isinstance(out.get("badge"), dict):
        out["badge"] = upgrade_badge(out["badge"], f"{where}/badge", report, kind)
    return out


def upgrade_badge(node: Any, where: str, report: LossReport, kind: str) -> Any:
    if not isinstance(node, dict) or kind == "ob2.0":
        return node
    out = dict(node)
    up = Upgrader(report, f"OB {kind[2:]}")
    out.pop("@context", None)
    if "type" not in out:
        out["type"] = "BadgeClass"
    if kind == "ob0.5" and isinstance(out.get("version"), str) and out["version"].startswith("0.5"):
        up.note(
            f"OB 0.5 badge 'version' {out.pop('version')!r} is the specification's version, "
            "not the badge's; dropped",
            f"{where}/version",
        )
    aligns = out.get("alignment")
    if isinstance(aligns, dict):
        aligns = [aligns]
        up.note(f"{up.kind} single alignment object read as a list", f"{where}/alignment")
    if isinstance(aligns, list):
        fixed = []
        for i, a in enumerate(aligns):
            a = dict(a) if isinstance(a, dict) else a
            if isinstance(a, dict):
                for old, new in (("name", "targetName"), ("url", "targetUrl")):
                    up.rename(a, old, new, f"{where}/alignment/{i}")
                up.rename(a, "description", "targetDescription", f"{where}/alignment/{i}")
            fixed.append(a)
        out["alignment"] = fixed
    if isinstance(out.get("issuer"), dict):
        out["issuer"] = upgrade_issuer(out["issuer"], f"{where}/issuer", report, kind)
    return out


def upgrade_issuer(node: Any, where: str, report: LossReport, kind: str) -> Any:
    if not isinstance(node, dict) or kind == "ob2.0":
        return node
    out = dict(node)
    up = Upgrader(report, f"OB {kind[2:]}")
    out.pop("@context", None)
    if "type" not in out:
        out["type"] = "Issuer"
    elif out["type"] == "IssuerOrg":
        out["type"] = "Issuer"
        up.note(
            "OB 1.1 type 'IssuerOrg' (an alias of its context) read as 'Issuer'", f"{where}/type"
        )
    up.rename(out, "origin", "url", where)
    up.rename(out, "contact", "email", where)
    return out
