"""The glue :mod:`lerbridge.api` calls: verify an input, sign converted documents."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import LerbridgeError, ReadError
from ..formats.base import Document, Input
from ..report import LossReport
from ..safejson import loads
from .keys import KeyStore
from .outputs import sign_outputs
from .signing import SigningKey
from .status import StatusLists
from .verify import Verification, verify_document


def parse(inp: Input) -> Any:
    text = inp.data.strip()
    if text[:2] == b"ey" and text.count(b".") == 2 and b"{" not in text:
        return text.decode("ascii", "replace")
    return loads(inp.data, inp.name)


def verify_input(
    inp: Input,
    keys: str | os.PathLike[str] | KeyStore | None = None,
    status: str | os.PathLike[str] | None = None,
) -> Verification:
    store = keys if isinstance(keys, KeyStore) else KeyStore.load(keys)
    lists = StatusLists.load(status) if status is not None else None
    doc = parse(inp)
    if not isinstance(doc, dict | str):
        raise ReadError("a credential is a JSON object or a compact JWT", source=inp.name)
    return verify_document(doc, store, inp.name, lists)


def sign_converted(
    inp: Input,
    docs: list[Document],
    target: str,
    sign: SigningKey | str | os.PathLike[str],
    report: LossReport,
    nested: bool,
    created: str | None,
    jwt: bool,
) -> list[Document]:
    key = sign if isinstance(sign, SigningKey) else SigningKey.load(Path(sign))
    try:
        source = verify_input(inp)
    except LerbridgeError:
        source = None
    return sign_outputs(
        docs, target, key, report, created=created, nested=nested, jwt=jwt, source=source
    )
