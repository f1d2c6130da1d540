"""The web page at ``/``: one self-contained HTML file (inline style and script, no
external script, font, style or image). Its Content-Security-Policy allows exactly that
inline script and style (by hash) and requests to this server, nothing else."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files

HTML = files(__package__).joinpath("page.html").read_text(encoding="utf-8")


def _hash(tag: str) -> str:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", HTML, re.S)
    assert found is not None, tag
    digest = hashlib.sha256(found.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


CSP = (
    "default-src 'none'; "
    f"script-src {_hash('script')}; style-src {_hash('style')}; "
    "connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {"Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"}
