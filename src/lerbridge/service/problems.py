"""RFC 9457 problem details: every error the service returns is ``application/problem+json``
with a stable ``type`` (``urn:lerbridge:problem:<code>``; the codes are listed in
docs/service.md), lerbridge's error class, exit code, location and message. Never a
traceback, never a document value beyond what lerbridge's own message quotes."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

PROBLEM_TYPE = "application/problem+json"

# code -> (status, title). The status of a LerbridgeError follows its class.
PROBLEMS: dict[str, tuple[int, str]] = {
    "read-error": (422, "The document cannot be read"),
    "format-detection": (422, "The format of the document is unknown or ambiguous"),
    "write-error": (422, "The record cannot be written in the target format"),
    "unknown-format": (400, "Unknown format"),
    "conversion-error": (422, "The document cannot be converted"),
    "fail-on": (422, "The loss report has entries at or above the fail-on level"),
    "specs-not-installed": (503, "The official specifications are not installed"),
    "bad-parameter": (400, "A query parameter is missing or invalid"),
    "empty-body": (400, "The request has no body"),
    "body-too-large": (413, "The request body is over the size limit"),
    "not-acceptable": (406, "No representation matches the Accept header"),
    "unauthorized": (401, "A bearer token is required"),
    "not-found": (404, "No such resource"),
    "method-not-allowed": (405, "Method not allowed"),
    "busy": (503, "All workers are busy"),
    "time-limit": (504, "The request ran past the time limit and was stopped"),
    "internal": (500, "Internal error"),
}

_BY_CLASS = {
    "ReadError": "read-error",
    "FormatDetectionError": "format-detection",
    "WriteError": "write-error",
    "UnknownFormatError": "unknown-format",
    "SpecsNotInstalledError": "specs-not-installed",
    "SpecsAlteredError": "specs-not-installed",
}


def problem(
    code: str, detail: str | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    status, title = PROBLEMS[code]
    body: dict[str, Any] = {
        "type": f"urn:lerbridge:problem:{code}",
        "title": title,
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    body.update({k: v for k, v in extra.items() if v is not None})
    return Response(orjson.dumps(body), status, headers=headers, media_type=PROBLEM_TYPE)


def from_error(err: dict[str, Any]) -> Response:
    """The problem for a worker's ``error`` dict (see :func:`.jobs.error_dict`)."""
    if err.get("code") == "internal":
        return problem("internal", "the request failed inside lerbridge; please report it")
    kind = err.get("kind", "")
    code = _BY_CLASS.get(kind, "conversion-error")
    return problem(
        code,
        err.get("message"),
        error=kind,
        exit_code=err.get("exit_code"),
        source=err.get("source"),
        location=err.get("location"),
    )
