"""JSON Schemas of the service's bodies, for the OpenAPI document and the tests that check
every response against it."""

from __future__ import annotations

from typing import Any

from .problems import PROBLEMS

STR: dict[str, Any] = {"type": "string"}
STRING: dict[str, Any] = {"type": "string"}
BINARY: dict[str, Any] = {"type": "string", "contentMediaType": "application/octet-stream"}
BOOL: dict[str, Any] = {"type": "boolean", "default": False}
LEVEL: dict[str, Any] = {"type": "string", "enum": ["info", "warning", "error"]}
PROFILE: dict[str, Any] = {"type": "string", "enum": ["strict", "lenient"], "default": "strict"}
LERRS: dict[str, Any] = {"type": "string", "enum": ["vc", "bare"]}
TYPE_URL: dict[str, Any] = {"type": "string", "enum": ["4.4", "4.5"]}

DOCUMENT_BODY: dict[str, dict[str, Any]] = {
    "application/json": {},
    "application/ld+json": {},
    "application/xml": {"type": "string"},
    "text/csv": {"type": "string"},
    "application/jwt": {"type": "string"},
    "image/png": {"type": "string", "contentMediaType": "image/png"},
    "image/svg+xml": {"type": "string"},
    "application/octet-stream": BINARY,
}


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


_SEVERITY = {"type": "string", "enum": ["error", "warning", "info"]}
_OPT_STR = {"type": ["string", "null"]}

COMPONENTS: dict[str, dict[str, Any]] = {
    "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details, with lerbridge's error fields.",
        "required": ["type", "title", "status", "code"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "code": {"type": "string", "enum": sorted(PROBLEMS)},
            "error": {"type": "string", "description": "lerbridge's error class"},
            "exit_code": {"type": "integer", "description": "the CLI's exit code"},
            "source": {"type": "string"},
            "location": {"type": "string", "description": "where in the document"},
            "report": ref("LossReport"),
        },
    },
    "LossEntry": {
        "type": "object",
        "required": ["code", "severity", "message"],
        "properties": {
            "code": {"type": "string"},
            "severity": _SEVERITY,
            "message": {"type": "string"},
            "source_path": {"type": "string"},
            "canonical_path": {"type": "string"},
            "target_format": {"type": "string"},
            "source_format": {"type": "string"},
            "excerpt": {"type": "string"},
        },
        "additionalProperties": False,
    },
    "LossReport": {
        "type": "object",
        "required": ["summary", "entries"],
        "properties": {
            "summary": {
                "type": "object",
                "required": ["error", "warning", "info"],
                "properties": {k: {"type": "integer", "minimum": 0} for k in _SEVERITY["enum"]},
            },
            "entries": {"type": "array", "items": ref("LossEntry")},
        },
    },
    "OutputDocument": {
        "type": "object",
        "required": ["name", "media_type"],
        "properties": {
            "name": {"type": "string"},
            "media_type": {"type": "string"},
            "content": {"type": "string", "description": "the document, when it is text"},
            "content_base64": {"type": "string", "contentEncoding": "base64"},
        },
        "oneOf": [{"required": ["content"]}, {"required": ["content_base64"]}],
    },
    "Conversion": {
        "type": "object",
        "required": ["source_format", "target_format", "documents", "report"],
        "properties": {
            "source_format": {"type": "string"},
            "target_format": {"type": "string"},
            "documents": {"type": "array", "items": ref("OutputDocument")},
            "report": ref("LossReport"),
        },
        "additionalProperties": False,
    },
    "Verification": {
        "type": "object",
        "required": ["source", "ok", "verified", "invalid", "unverifiable", "proofs"],
        "properties": {
            "source": {"type": "string"},
            "ok": {"type": "boolean"},
            "verified": {"type": "integer"},
            "invalid": {"type": "integer"},
            "unverifiable": {"type": "integer"},
            "proofs": {"type": "array", "items": {"type": "object"}},
            "credentialStatus": {"type": "array", "items": {"type": "object"}},
        },
        "additionalProperties": False,
    },
    "Validation": {
        "type": "object",
        "required": ["format", "valid", "issues"],
        "properties": {
            "format": {"type": "string"},
            "valid": {"type": "boolean"},
            "issues": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["pointer", "message", "severity", "check"],
                    "properties": {
                        "pointer": {"type": "string"},
                        "message": {"type": "string"},
                        "severity": _SEVERITY,
                        "check": {"type": "string"},
                    },
                },
            },
        },
        "additionalProperties": False,
    },
    "ConformanceResult": {
        "type": "object",
        "required": ["files"],
        "properties": {"files": {"type": "array", "items": {"type": "object"}}},
    },
    "Format": {
        "type": "object",
        "required": ["name", "title", "aliases", "extensions", "can_read", "can_write"],
        "properties": {
            "name": {"type": "string"},
            "title": {"type": "string"},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "extensions": {"type": "array", "items": {"type": "string"}},
            "can_read": {"type": "boolean"},
            "can_write": {"type": "boolean"},
            "package": {"type": "string"},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "version", "workers"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "version": {"type": "string"},
            "workers": {"type": "integer", "minimum": 1},
            "busy": {"type": "integer", "minimum": 0},
        },
    },
}


def problem_replies(*statuses: int) -> tuple[Any, ...]:
    from .routing import Reply

    text = {
        400: "A query parameter is invalid, an unknown format, or an empty body.",
        401: "The server requires a bearer token (--token-file) and none or a wrong one came.",
        406: "No representation matches Accept.",
        413: "The body is over the size limit.",
        422: "The document cannot be read, detected or written (or fails --fail-on).",
        503: "All workers busy, or the official specs are not installed.",
        504: "The time limit was reached; the conversion was stopped.",
    }
    return tuple(Reply(s, text[s], {"application/problem+json": ref("Problem")}) for s in statuses)
