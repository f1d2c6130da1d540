"""Canonicalization for proofs: RDF Dataset Canonicalization (RDFC-1.0 / URDNA2015) through
pyld with a loader that serves only the installed official contexts, and JSON
Canonicalization (RFC 8785) for the JCS suites. Nothing here touches the network."""

from __future__ import annotations

import json
import math
import threading
from typing import Any

from pyld import jsonld

from .. import specs

# pyld keeps module-level LRU caches of resolved contexts (cachetools, not thread-safe):
# canonicalizations are serialized so that concurrent verify/sign calls stay correct.
_PYLD_LOCK = threading.Lock()


class ContextNotInstalled(Exception):
    """A context URL is not among the installed official contexts (it is never fetched)."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(f"context {url} is not installed (lerbridge never fetches contexts)")


class UndefinedTerm(Exception):
    """A term the contexts do not define: canonicalization would drop it unsigned."""


def _loader(url: str, options: Any = None) -> dict[str, Any]:
    doc = specs.context(url)
    if doc is None:
        raise ContextNotInstalled(url)
    return {"contextUrl": None, "documentUrl": url, "document": doc}


def _unwrap(exc: BaseException) -> BaseException | None:
    seen = 0
    cur: Any = exc
    while cur is not None and seen < 20:
        if isinstance(cur, ContextNotInstalled | UndefinedTerm):
            return cur
        details = getattr(cur, "details", None)
        cause = details.get("cause") if isinstance(details, dict) else None
        cur = cause if cause is not None else cur.__cause__ or cur.__context__
        seen += 1
    return None


def _dropped(term: str | None) -> None:
    raise UndefinedTerm(
        f"term {term!r} is not defined by the document's contexts "
        "(canonicalization would leave it unsigned)"
    )


def rdfc(doc: dict[str, Any]) -> str:
    """The canonical N-Quads of a JSON-LD document (RDFC-1.0). A term the contexts do not
    define raises :class:`UndefinedTerm` instead of being silently dropped (and so left
    outside the signature)."""
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": _loader}
    try:
        with _PYLD_LOCK:
            processor = jsonld.JsonLdProcessor(on_property_dropped=_dropped)
            out: str = processor.normalize(doc, options)
    except UndefinedTerm:
        raise
    except jsonld.JsonLdError as exc:
        missing = _unwrap(exc)
        if isinstance(missing, ContextNotInstalled | UndefinedTerm):
            raise missing from None
        raise UndefinedTerm(_message(exc)) from None
    return out


def _message(exc: Any) -> str:
    parts = []
    cur = exc
    for _ in range(10):
        if cur is None:
            break
        msg = getattr(cur, "message", None) or str(cur).splitlines()[0]
        details = getattr(cur, "details", None)
        parts.append(msg)
        if isinstance(details, dict):
            extra = {k: v for k, v in details.items() if k in ("property", "term", "value")}
            if extra:
                parts.append(json.dumps(extra, default=str)[:200])
            cur = details.get("cause")
        else:
            cur = None
    return "; ".join(parts)


def jcs(value: Any) -> bytes:
    """RFC 8785 JSON Canonicalization: sorted keys (UTF-16 order), no whitespace, ECMAScript
    number form."""
    return _jcs(value).encode("utf-8")


def _jcs(v: Any) -> str:
    if v is None or isinstance(v, bool):
        return json.dumps(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return _es_number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(_jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        items = sorted(v.items(), key=lambda kv: kv[0].encode("utf-16-be"))
        return (
            "{"
            + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _jcs(x) for k, x in items)
            + "}"
        )
    raise TypeError(f"JCS cannot encode {type(v).__name__}")


def _es_number(v: float) -> str:
    """ECMAScript Number::toString of a double (shortest round-trip digits)."""
    if not math.isfinite(v):
        raise ValueError("JCS cannot encode NaN or infinity")
    if v == 0:
        return "0"
    mant, _, exp_text = repr(abs(v)).partition("e")
    whole, _, frac = mant.partition(".")
    digits = (whole + frac).lstrip("0")
    n = len(whole) + int(exp_text or 0) - (len(whole + frac) - len((whole + frac).lstrip("0")))
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    sign = "-" if v < 0 else ""
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    head = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{head}e{'+' if e > 0 else '-'}{abs(e)}"
