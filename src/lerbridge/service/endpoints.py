"""The /v1 endpoints, each declared once with :func:`.routing.route` (which also feeds
the OpenAPI document). The library call of each runs in a worker process
(:mod:`.workers`); this module only reads the request, picks the representation and maps
errors to problems."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from .. import api
from ..formats import registry
from . import schemas as S
from .problems import from_error, problem
from .routing import BadParameter, Param, Reply, choice, qbool, route
from .workers import Busy, TimeLimit, WorkerLost

JSON = "application/json"
ENVELOPE_TYPES = (JSON, "*/*", "application/*")


class BodyTooLarge(Exception):
    pass


async def read_body(request: Request) -> bytes:
    """The body, refused (413) past the size limit whether or not Content-Length says so."""
    limit = request.app.state.settings.max_body
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def accepts(request: Request) -> list[str]:
    """The media types of Accept, best first (q=0 dropped); empty when absent."""
    found: list[tuple[float, int, str]] = []
    for i, part in enumerate(request.headers.get("accept", "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            found.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(found)]


def _format(request: Request, name: str, *, required: bool = False) -> str | None:
    value = request.query_params.get(name)
    if value is None:
        if required:
            raise BadParameter(f"the query parameter {name!r} is required")
        return None
    return registry.get(value).name  # UnknownFormatError -> 400


async def run(request: Request, kind: str, params: dict[str, Any]) -> dict[str, Any] | Response:
    """Read the body and run the job: the job's ``ok`` value, or the problem to return."""
    body = await read_body(request)
    if not body:
        return problem("empty-body", "send the document as the request body")
    settings = request.app.state.settings
    params = {"max_bytes": settings.max_body, **params}
    try:
        out = await request.app.state.pool.run(kind, body, params)
    except Busy:
        return problem("busy", "try again shortly", headers={"Retry-After": "1"})
    except TimeLimit:
        return problem(
            "time-limit",
            f"stopped after {settings.time_limit:g} s (the server's time limit); "
            "the conversion was ended, not left running",
        )
    except WorkerLost:
        return problem("internal", "the worker running the request ended unexpectedly")
    if "error" in out:
        return from_error(out["error"])
    return out["ok"]


CONVERT_PARAMS = (
    Param("to", "Target format (name or alias, see /v1/formats).", S.STR, required=True),
    Param("from", "Source format (detected from the content if omitted).", S.STR),
    Param("language", "Preferred language when the target takes one (BCP 47).", S.STR),
    Param("fail_on", "Refuse (422) when the loss report has entries at this level.", S.LEVEL),
    Param("drop_proofs", "Drop source proofs even when still valid.", S.BOOL),
    Param("ctdl_graph", "CTDL: one @graph document.", S.BOOL),
    Param("lerrs", "LER-RS: wrap as a VC or write bare (default: as the source).", S.LERRS),
    Param("lerrs_type_url", "LER-RS: the type URL version to write.", S.TYPE_URL),
    Param("issued", "CSV: issue date of rows that give none (ISO 8601).", S.STR),
    Param("name", "A file name for the document, used in messages only.", S.STR),
)


@route(
    "POST",
    "/v1/convert",
    operation_id="convert",
    summary="Convert a document; the output documents and the loss report.",
    params=CONVERT_PARAMS,
    body=S.DOCUMENT_BODY,
    replies=(
        Reply(
            200,
            "The conversion (JSON), or with Accept set to the output's media type or "
            "application/octet-stream the single output document itself, its loss report "
            "summarized in the Lerbridge-Loss-Summary header.",
            {JSON: S.ref("Conversion"), "application/octet-stream": S.BINARY},
            {"Lerbridge-Loss-Summary": "error=N, warning=N, info=N (raw responses)"},
        ),
        *S.problem_replies(400, 401, 406, 413, 422, 503, 504),
    ),
    protected=True,
    tags=("convert",),
)
async def convert(request: Request) -> Response:
    target = _format(request, "to", required=True)
    params: dict[str, Any] = {
        "to": target,
        "from": _format(request, "from"),
        "language": request.query_params.get("language"),
        "drop_proofs": qbool(request, "drop_proofs"),
        "ctdl_graph": qbool(request, "ctdl_graph"),
        "issued": request.query_params.get("issued"),
        "name": request.query_params.get("name"),
        "lerrs_type_url": choice(request, "lerrs_type_url", ("4.4", "4.5")),
    }
    lerrs = choice(request, "lerrs", ("vc", "bare"))
    params["lerrs_vc"] = None if lerrs is None else lerrs == "vc"
    fail_on = choice(request, "fail_on", ("info", "warning", "error"))
    wanted = accepts(request)
    out = await run(request, "convert", params)
    if isinstance(out, Response):
        return out
    entries = out["report"]["entries"]
    if fail_on:
        rank = ("info", "warning", "error").index(fail_on)
        hits = [e for e in entries if ("info", "warning", "error").index(e["severity"]) >= rank]
        if hits:
            return problem(
                "fail-on",
                f"{len(hits)} loss entr{'y' if len(hits) == 1 else 'ies'} at or above "
                f"{fail_on}; no output returned",
                report=out["report"],
            )
    if not wanted or wanted[0] in ENVELOPE_TYPES:
        return Response(orjson.dumps(out), media_type=JSON)
    docs = out["documents"]
    media = {d["media_type"] for d in docs}
    if not any(m in media or m == "application/octet-stream" for m in wanted):
        return problem(
            "not-acceptable",
            f"this conversion gives {', '.join(sorted(media))}; ask for one of them, "
            "application/octet-stream, or application/json (the conversion with its report)",
        )
    if len(docs) != 1:
        return problem(
            "not-acceptable",
            f"the conversion gave {len(docs)} documents; a raw response holds one: ask for "
            "application/json",
        )
    return raw_document(docs[0], out)


def raw_document(doc: dict[str, Any], out: dict[str, Any]) -> Response:
    import base64

    data = (
        doc["content"].encode("utf-8")
        if "content" in doc
        else base64.b64decode(doc["content_base64"])
    )
    s = out["report"]["summary"]
    safe = "".join(c for c in doc["name"] if c.isalnum() or c in "._-") or "document"
    headers = {
        "Lerbridge-Loss-Summary": f"error={s['error']}, warning={s['warning']}, info={s['info']}",
        "Lerbridge-Loss-Codes": ", ".join(sorted({e["code"] for e in out["report"]["entries"]})),
        "Lerbridge-Source-Format": out["source_format"],
        "Content-Disposition": f'attachment; filename="{safe}"',
    }
    return Response(data, media_type=doc["media_type"], headers=headers)


@route(
    "POST",
    "/v1/validate",
    operation_id="validate",
    summary="Check a document against its format's official schema and rules.",
    params=(
        Param("format", "The format (detected from the content if omitted).", S.STR),
        Param("warnings", "Also return the warnings.", S.BOOL),
        Param("at", "Also check validity at this ISO 8601 time (or 'now').", S.STR),
        Param("name", "A file name for the document, used in messages only.", S.STR),
    ),
    body=S.DOCUMENT_BODY,
    replies=(
        Reply(200, "The verdict and the issues (valid or not).", {JSON: S.ref("Validation")}),
        *S.problem_replies(400, 401, 413, 422, 503, 504),
    ),
    protected=True,
    tags=("validate",),
)
async def validate(request: Request) -> Response:
    at = request.query_params.get("at")
    if at is not None:
        from ..formats.vccheck import parse_time

        try:
            parse_time(at)
        except ValueError:
            raise BadParameter(f"at must be an ISO 8601 date-time or 'now'; got {at!r}") from None
    params = {
        "format": _format(request, "format"),
        "warnings": qbool(request, "warnings"),
        "at": request.query_params.get("at"),
        "name": request.query_params.get("name"),
    }
    out = await run(request, "validate", params)
    return out if isinstance(out, Response) else Response(orjson.dumps(out), media_type=JSON)


@route(
    "POST",
    "/v1/verify",
    operation_id="verify",
    summary="Check every proof of a credential and of its nested credentials, offline.",
    params=(Param("name", "A file name for the document, used in messages only.", S.STR),),
    body=S.DOCUMENT_BODY,
    replies=(
        Reply(
            200,
            "Each proof with its suite, key source and outcome (verified, invalid, "
            "unverifiable); ok is false when a proof is invalid.",
            {JSON: S.ref("Verification")},
        ),
        *S.problem_replies(400, 401, 413, 422, 503, 504),
    ),
    protected=True,
    tags=("verify",),
)
async def verify(request: Request) -> Response:
    out = await run(request, "verify", {"name": request.query_params.get("name")})
    return out if isinstance(out, Response) else Response(orjson.dumps(out), media_type=JSON)


CONFORMANCE_TYPES = {
    JSON: "json",
    "application/xml": "junit",
    "application/junit+xml": "junit",
    "text/xml": "junit",
    "text/html": "html",
}


@route(
    "POST",
    "/v1/conformance",
    operation_id="conformance",
    summary="A conformance run of one document: JSON, JUnit XML or HTML by Accept.",
    params=(
        Param("format", "Force the format instead of detecting it.", S.STR),
        Param("profile", "strict (default) or lenient.", S.PROFILE),
        Param("fail_on", "The level at which a finding fails the file.", S.LEVEL),
        Param("name", "The file name shown in the report.", S.STR),
    ),
    body=S.DOCUMENT_BODY,
    replies=(
        Reply(
            200,
            "The conformance result; Lerbridge-Conformance says pass or fail.",
            {
                JSON: S.ref("ConformanceResult"),
                "application/xml": S.STRING,
                "text/html": S.STRING,
            },
            {"Lerbridge-Conformance": "pass or fail"},
        ),
        *S.problem_replies(400, 401, 406, 413, 422, 503, 504),
    ),
    protected=True,
    tags=("conformance",),
)
async def conformance_run(request: Request) -> Response:
    wanted = accepts(request) or [JSON]
    media = next((m for m in wanted if m in CONFORMANCE_TYPES or m in ("*/*", "text/*")), None)
    if media is None:
        return problem("not-acceptable", f"ask for one of {', '.join(CONFORMANCE_TYPES)}")
    media = {"*/*": JSON, "text/*": "text/html"}.get(media, media)
    params = {
        "format": _format(request, "format"),
        "profile": choice(request, "profile", ("strict", "lenient")) or "strict",
        "fail_on": choice(request, "fail_on", ("info", "warning", "error")) or "error",
        "name": request.query_params.get("name"),
        "output": CONFORMANCE_TYPES[media],
    }
    out = await run(request, "conformance", params)
    if isinstance(out, Response):
        return out
    verdict = {"Lerbridge-Conformance": "pass" if out["passed"] else "fail"}
    return Response(out["text"], media_type=media, headers=verdict)


@route(
    "GET",
    "/v1/formats",
    operation_id="formats",
    summary="The formats: name, aliases, read/write, extensions.",
    replies=(Reply(200, "The formats.", {JSON: {"type": "array", "items": S.ref("Format")}}),),
    tags=("info",),
)
async def formats(request: Request) -> Response:
    rows = [
        {**r.__dict__, "aliases": list(r.aliases), "extensions": list(r.extensions)}
        for r in api.formats()
    ]
    return Response(orjson.dumps(rows), media_type=JSON)
