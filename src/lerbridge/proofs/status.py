"""``credentialStatus`` against status list credentials the user supplies (never fetched):
BitstringStatusList (and its predecessor StatusList2021). A list is found by its ``id`` equal
to ``statusListCredential``, else by a supplied file whose name ends with the URL's last path
segment. The list's own proof is verified too; a list that does not verify is not trusted."""

from __future__ import annotations

import base64
import gzip
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..safejson import loads

_BITSTRING = ("BitstringStatusListEntry", "StatusList2021Entry")
_MAX_LIST = 16 * 1024 * 1024  # decompressed bytes: a list of 128 Mi entries at most


@dataclass
class StatusLists:
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_stem: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, ref: str | Path | None) -> StatusLists:
        lists = cls()
        if ref is None:
            return lists
        path = Path(ref)
        for f in sorted(path.iterdir()) if path.is_dir() else [path]:
            if f.suffix.lower() not in (".json", ".jsonld"):
                continue
            try:
                doc = loads(f.read_bytes(), str(f))
            except OSError as exc:
                raise ReadError(f"cannot read status list: {exc}", source=str(f)) from None
            if isinstance(doc, dict):
                if isinstance(doc.get("id"), str):
                    lists.by_id[doc["id"]] = doc
                lists.by_stem[f.stem] = doc
        return lists

    def find(self, url: str) -> dict[str, Any] | None:
        if url in self.by_id:
            return self.by_id[url]
        last = url.rstrip("/").rsplit("/", 1)[-1].split("#")[0]
        hits = [d for stem, d in self.by_stem.items() if last and stem.endswith(last)]
        return hits[0] if len(hits) == 1 else None


def _bits(encoded: str) -> bytes:
    text = encoded[1:] if encoded.startswith("u") else encoded  # multibase base64url
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    out = zlib.decompressobj(wbits=31).decompress(raw, _MAX_LIST)
    if len(out) >= _MAX_LIST:
        raise ValueError("status list too large")
    return out


def check(entry: dict[str, Any], lists: StatusLists) -> tuple[bool, str]:
    """(checked, reason) for one status entry."""
    from .verify import verify_document

    stype = entry.get("type")
    if stype not in _BITSTRING:
        return False, f"not checked: {stype} lists are not supported"
    url = entry.get("statusListCredential")
    if not isinstance(url, str):
        return False, "not checked: no statusListCredential"
    doc = lists.find(url)
    if doc is None:
        return False, "not checked: the status list credential was not supplied (never fetched)"
    listed = verify_document(doc)
    if not listed.all_verified:
        return False, "not checked: the supplied status list credential does not verify"
    subject = doc.get("credentialSubject")
    try:
        bits = _bits(subject["encodedList"]) if isinstance(subject, dict) else b""
        index = int(entry.get("statusListIndex", -1))
    except (KeyError, ValueError, TypeError, zlib.error, gzip.BadGzipFile) as exc:
        return False, f"not checked: bad status list: {exc}"
    if not 0 <= index < len(bits) * 8:
        return False, f"not checked: index {index} outside the list"
    set_ = bool(bits[index // 8] & (0x80 >> (index % 8)))
    purpose = entry.get("statusPurpose") or (subject or {}).get("statusPurpose") or "status"
    return True, f"{purpose}: {'set' if set_ else 'not set'} (index {index})"
