"""What a worker process runs: one request's library call, from plain values to plain
values (so they cross a process boundary). Nothing here touches the network, the disk
(except conformance's private temporary folder, removed before returning) or any
process-wide state; a LerbridgeError becomes an ``error`` dict the app turns into an RFC
9457 problem."""

from __future__ import annotations

import base64
import re
import tempfile
from pathlib import Path
from typing import Any

from .. import api, conformance
from ..conformance import html, reporters
from ..errors import LerbridgeError

Job = tuple[str, bytes, dict[str, Any]]


def run_job(kind: str, body: bytes, params: dict[str, Any]) -> dict[str, Any]:
    """Run one job; never raises (an unexpected exception is an ``internal`` error with
    the exception's type only: no traceback, no document values)."""
    try:
        return {"ok": _JOBS[kind](body, params)}
    except LerbridgeError as exc:
        return {"error": error_dict(exc)}
    except Exception as exc:  # a bug: reported without values, never a traceback
        return {"error": {"code": "internal", "kind": type(exc).__name__}}


def error_dict(exc: LerbridgeError) -> dict[str, Any]:
    return {
        "code": "lerbridge",
        "kind": type(exc).__name__,
        "message": exc.message,
        "source": exc.source,
        "location": exc.location,
        "exit_code": exc.exit_code,
    }


def _convert(body: bytes, p: dict[str, Any]) -> dict[str, Any]:
    result = api.convert(
        body,
        to=p["to"],
        from_=p.get("from"),
        name=p.get("name") or "<request>",
        language=p.get("language"),
        keep_proofs=not p.get("drop_proofs", False),
        max_bytes=p["max_bytes"],
        ctdl_graph=p.get("ctdl_graph", False),
        lerrs_vc=p.get("lerrs_vc"),
        lerrs_type_url=p.get("lerrs_type_url"),
        issued=p.get("issued"),
    )
    docs = []
    for d in result.documents:
        entry: dict[str, Any] = {"name": d.name, "media_type": d.media_type}
        try:
            entry["content"] = d.data.decode("utf-8")
        except UnicodeDecodeError:
            entry["content_base64"] = base64.b64encode(d.data).decode("ascii")
        docs.append(entry)
    return {
        "source_format": result.source_format,
        "target_format": result.target_format,
        "documents": docs,
        "report": result.report.to_dict(),
    }


def _validate(body: bytes, p: dict[str, Any]) -> dict[str, Any]:
    fmt = p.get("format") or api.detect(body, name=p.get("name") or "<request>")
    issues = api.validate(
        body,
        fmt,
        name=p.get("name") or "<request>",
        warnings=p.get("warnings", False),
        at=p.get("at"),
    )
    return {
        "format": fmt,
        "valid": not any(i.severity == "error" for i in issues),
        "issues": [i.to_dict() for i in issues],
    }


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _conformance(body: bytes, p: dict[str, Any]) -> dict[str, Any]:
    name = _SAFE_NAME.sub("_", p.get("name") or "document").strip("._") or "document"
    with tempfile.TemporaryDirectory(prefix="lerbridge-serve-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(body)
        result = conformance.run(
            [path],
            format=p.get("format"),
            profile=p.get("profile", "strict"),
            fail_on=p.get("fail_on", "error"),
        )
    for fr in result.files:  # the private temporary path is not the caller's business
        fr.path = name
    out = p.get("output", "json")
    if out == "junit":
        text = reporters.junit(result).decode("utf-8")
    elif out == "html":
        text = html.render(result)
    else:
        text = reporters.to_json(result)
    return {"text": text, "passed": result.passed}


_WARM_CSV = (
    b"Student ID,Student Name,Email,Institution,Course Code,Course Title,Term,Award Date,"
    b"Credits Available,Credits Earned,Grade\n"
    b"W1,Warm Up,warm@example.org,Example College,WARM101,Warm-up,2024 Fall,2024-12-15,1,1,P\n"
)


def warm_up() -> None:
    """Compile what the first conversion of each kind would (mappings, official schemas),
    so that no caller's request pays for it or runs into the time limit because of it."""
    try:
        record, _ = api.read(_WARM_CSV, "csv")
    except LerbridgeError:
        return
    for info in api.formats():
        if not info.can_write:
            continue
        try:
            docs, _ = api.write(record, info.name)
            if info.can_read and docs:
                api.read_records(docs[0].data, info.name)
                api.validate(docs[0].data, info.name)
        except LerbridgeError:
            continue


def _verify(body: bytes, p: dict[str, Any]) -> dict[str, Any]:
    """Every proof of the document, offline: keys and status lists are only those the
    document carries or resolves offline (no server-side key folders)."""
    found: dict[str, Any] = api.verify(body, name=p.get("name") or "<request>").to_dict()
    return found


_JOBS = {
    "convert": _convert,
    "validate": _validate,
    "conformance": _conformance,
    "verify": _verify,
}
