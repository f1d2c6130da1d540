"""Semantic rules for CTDL, LER-RS and OB 2.0 documents, on the raw JSON (OB 2.0 has no
reader yet; the rule works on what is written)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..formats.ctdl.vocab import domain_issues
from ..formats.lerrs.native import TYPE_44, version_of

Hits = Iterator[tuple[str, str]]
PROVISIONAL_MARK = "/recruiting/json/ler-rs/ProvisionalVerifiableCredential"
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_HASH = re.compile(r"^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$")


def _walk(node: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield pointer, node
        for k, v in node.items():
            yield from _walk(v, f"{pointer}/{k.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{pointer}/{i}")


def _ctids(doc: Any) -> Iterator[tuple[str, str]]:
    for ptr, node in _walk(doc):
        value = node.get("ceterms:ctid")
        for i, v in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(v, str):
                yield (f"{ptr}/ceterms:ctid" + (f"/{i}" if isinstance(value, list) else "")), v


def ctid_malformed(doc: Any) -> Hits:
    for ptr, ctid in _ctids(doc):
        if not CTID.match(ctid.lower()):
            yield ptr, f"CTID {ctid!r} is not ce- followed by a UUID v4"


def ctid_uppercase(doc: Any) -> Hits:
    for ptr, ctid in _ctids(doc):
        if ctid != ctid.lower():
            yield (
                ptr,
                f"CTID {ctid!r} is not lower case; the Registry matches CTIDs exactly",
            )


def ctdl_domain(doc: Any) -> Hits:
    yield from domain_issues(doc)


def lerrs_type_url(doc: Any) -> Hits:
    for ptr, node in _walk(doc):
        ctx = node.get("@context")
        for i, url in enumerate(ctx if isinstance(ctx, list) else [ctx]):
            if isinstance(url, str) and PROVISIONAL_MARK in url and "/4.5/" in url:
                yield (
                    f"{ptr}/@context" + (f"/{i}" if isinstance(ctx, list) else ""),
                    f"provisional credential context {url!r} uses the 4.5 path; the LER-RS "
                    "schema's enum lists the 4.4 URL",
                )
        value = node.get("type")
        if isinstance(value, str) and version_of(value) is not None and value != TYPE_44:
            yield (
                f"{ptr}/type",
                f"type {value!r} is not the URL the LER-RS 4.5 schema's enum lists ({TYPE_44})",
            )


def ob2_recipient_hash(doc: Any) -> Hits:
    """A hashed OB 2.0 (or 1.x) recipient: ``identity`` must be algorithm$hex."""
    for ptr, node in _walk(doc):
        recipient = node.get("recipient")
        if not isinstance(recipient, dict) or recipient.get("hashed") is not True:
            continue
        identity = recipient.get("identity")
        if not isinstance(identity, str) or not _HASH.match(identity):
            yield (
                f"{ptr}/recipient/identity",
                f"hashed recipient identity {identity!r} is not sha256$<64 hex> (or md5$<32 hex>)",
            )
