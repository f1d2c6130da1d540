"""Reading with a compiled mapping: native tree -> canonical objects. Every native value
no rule places is kept as an extension, namespaced, and reported."""

from __future__ import annotations

import copy
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from ..errors import ReadError
from ..model import RawFragment
from ..report import LossReport
from . import readplan
from .compiler import Mapping, ObjectSpec, Rule, Tree
from .paths import (
    MISSING,
    get_native,
    join_native,
    pointer,
    set_canonical,
)
from .transforms import IDENTITY, STRING, Keep, TransformContext

#: Namespace of every id lerbridge mints: uuid5(LERBRIDGE_NS, content).
LERBRIDGE_NS = uuid.UUID("6f0c1c1e-3c55-5b0e-9a53-6c6572627267")


def mint_id(kind: str, obj: BaseModel | dict[str, Any]) -> str:
    """A deterministic ``urn:uuid:`` id from the content of an object."""
    data = obj.model_dump(mode="json", exclude_defaults=True) if isinstance(obj, BaseModel) else obj
    blob = orjson.dumps([kind, data], option=orjson.OPT_SORT_KEYS)
    return f"urn:uuid:{_uuid5(blob)}"


_NS_BYTES = LERBRIDGE_NS.bytes


def _uuid5(name: bytes) -> str:
    """``str(uuid.uuid5(LERBRIDGE_NS, name))`` for UTF-8 ``name``, without building UUID
    objects (RFC 4122: SHA-1 of namespace + name, version 5, RFC variant)."""
    raw = bytearray(hashlib.sha1(_NS_BYTES + name, usedforsecurity=False).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def mint_ctid(seed: str) -> str:
    """A deterministic Credential Engine CTID (``ce-`` + a UUID in version-4 form) from
    ``seed`` (a source id): the same seed always gives the same CTID."""
    raw = bytearray(uuid.uuid5(LERBRIDGE_NS, "ctid:" + seed).bytes)
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return f"ce-{uuid.UUID(bytes=bytes(raw))}"


_CONTAINERS = (list, dict, str)


def _empty(v: Any) -> bool:
    """None, or an empty list, dict or string (False and 0 are values)."""
    return v is None or (v.__class__ in _CONTAINERS and not v)


@dataclass
class ReadContext:
    mapping: Mapping
    report: LossReport
    language: str | None = None
    linked: dict[str, dict[str, BaseModel]] = field(default_factory=dict)

    def link(self, collection: str, obj: BaseModel, where: str) -> str:
        oid = getattr(obj, "id", None)
        if not oid:
            oid = mint_id(collection, obj)
            obj = obj.model_copy(update={"id": oid})
            self.report.add(
                "value-synthesized",
                "object has no id; a deterministic one was minted",
                source_path=where,
                source_format=self.mapping.name,
                value=oid,
            )
        bucket = self.linked.setdefault(collection, {})
        prev = bucket.get(oid)
        if prev is None:
            bucket[oid] = obj
        elif prev != obj:
            merged, conflicts = merge_models(prev, obj)
            bucket[oid] = merged
            for path in conflicts:
                self.report.add(
                    "source-schema-violation",
                    f"two different definitions of {oid}; the first value of {path} kept",
                    source_path=where,
                    source_format=self.mapping.name,
                )
        return oid


def merge_models(first: BaseModel, second: BaseModel) -> tuple[BaseModel, list[str]]:
    """Fill the empty fields of ``first`` from ``second``; list the conflicting fields."""
    update: dict[str, Any] = {}
    conflicts = []
    for name in type(first).model_fields:
        a, b = getattr(first, name), getattr(second, name)
        if _empty(b) or a == b:
            continue
        if _empty(a):
            update[name] = b
        else:
            conflicts.append(name)
    return (first.model_copy(update=update) if update else first), conflicts


def read_object(
    spec: ObjectSpec,
    native: Any,
    where: str,
    ctx: ReadContext,
    preset: dict[str, Any] | None = None,
) -> BaseModel:
    """``preset``: the reading rule's ``with`` constants, set before a missing id is
    minted (so ``with: {id: ...}`` gives a fixed id) and kept where a rule sets nothing."""
    m = ctx.mapping
    data: dict[str, Any] = {}
    consumed: list[tuple[str, ...]] = []
    plan = _plan(spec) if isinstance(native, dict) else None
    if plan is not None:
        plan(native, where, data, consumed, ctx)
    else:
        for rule in spec.read_rules:
            val = get_native(native, rule.native)
            if val is not MISSING and val is not None:
                _read_rule(spec, rule, val, where + rule.native_pointer, data, consumed, ctx)
    if spec.raw:
        data[spec.raw] = RawFragment(format=spec.namespace, payload=native)
    elif spec.keep_extensions:
        ext: dict[str, Any] = {}
        if isinstance(native, dict) and all(len(p) == 1 for p in consumed):
            taken = {p[0] for p in consumed}  # one-key paths only: no trie needed
            for key, value in native.items():
                if value is not None and key not in taken:
                    ext[join_native((key,))] = value
        else:
            _leftovers(native, _trie(consumed), (), ext)
        for path, value in ext.items():
            if path in spec.const_natives:
                continue  # reported above
            ctx.report.add(
                "unmapped-source-field",
                "no canonical field; kept as an extension",
                source_path=pointer(where, tuple(path.split("/"))),
                source_format=m.name,
                value=value,
            )
        if ext:
            data["extensions"] = {spec.namespace: ext}
    for k, v in (preset or {}).items():
        if _empty(data.get(k)) and not _is_condition(v):
            data[k] = copy.deepcopy(v)
    _mint_missing_id(spec, native, data, where, ctx)
    try:
        return spec.model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise ReadError(f"{spec.name}: {loc}: {err['msg']}", location=where or "/") from None


def _read_rule(
    spec: ObjectSpec,
    rule: Rule,
    val: Any,
    at: str,
    data: dict[str, Any],
    consumed: list[tuple[str, ...]],
    ctx: ReadContext,
) -> None:
    """Apply one reading rule to the value ``val`` found at ``at``."""
    m = ctx.mapping
    if rule.const is not MISSING:
        ok, keep = _const_check(val, rule)
        if keep:
            ctx.report.add(
                "unmapped-source-field",
                f"differs from the written form {rule.const!r}; kept as an extension so "
                f"{spec.namespace} writes it back",
                source_path=at,
                source_format=m.name,
                value=val,
            )
            return
        if not ok:
            ctx.report.add(
                "source-schema-violation",
                f"expected {rule.const!r}; written as that",
                source_path=at,
                source_format=m.name,
                value=val,
            )
        consumed.append(rule.native)
        return
    try:
        value = _read_value(rule, val, at, ctx)
    except Keep as why:
        _kept(ctx, at, val, why)
        return
    if rule.canonical and set_canonical(data, rule.canonical, value):
        consumed.append(rule.native)


def _kept(ctx: ReadContext, at: str, val: Any, why: Keep) -> None:
    """The value could not be read: it stays an extension, reported."""
    ctx.report.add(
        "source-schema-violation",
        f"{why}; kept as it is",
        source_path=at,
        source_format=ctx.mapping.name,
        value=val,
    )


def _plan(spec: ObjectSpec) -> readplan.ReadRules | None:
    """The spec's read rules compiled once (:mod:`.readplan`; None while interpreted)."""
    return spec.plan(  # type: ignore[no-any-return]
        "read",
        lambda: readplan.build(
            spec,
            {
                "read_rule": _read_rule,
                "read_value": _read_value,
                "kept": _kept,
                "Keep": Keep,
                "TC": TransformContext,
                "get_native": get_native,
                "set_canonical": set_canonical,
            },
        ),
    )


def _mint_missing_id(
    spec: ObjectSpec, native: Any, data: dict[str, Any], where: str, ctx: ReadContext
) -> None:
    """A class whose id is required (Achievement, ResultDescription...) read from a source
    that omits it gets a deterministic id minted from the native content, reported."""
    field = spec.model.model_fields.get("id")
    if field is None or not field.is_required() or data.get("id"):
        return
    data["id"] = mint_id(spec.name, native if isinstance(native, dict) else {"value": native})
    ctx.report.add(
        "value-synthesized",
        f"{spec.name} has no id; a deterministic one was minted",
        source_path=where or "/",
        source_format=ctx.mapping.name,
        value=data["id"],
    )


def _const_check(val: Any, rule: Rule) -> tuple[bool, bool]:
    """(conforms, keep): a value holding every constant item (or an accepted alternative,
    params.also) conforms; one that conforms but differs (extra types, an alias) is kept
    verbatim as an extension so the same format writes it back."""
    const = rule.const if isinstance(rule.const, list) else [rule.const]
    if not rule.array and isinstance(val, list) and not isinstance(rule.const, list):
        return False, False  # the format wants a single value here
    vals = val if isinstance(val, list) else [val]
    also = rule.params.get("also", [])
    if not all(c in vals or any(a in vals for a in also) for c in const):
        return False, False
    same = val == rule.const or (rule.array and vals == const)
    return True, not same


def _read_value(rule: Rule, val: Any, at: str, ctx: ReadContext) -> Any:
    if rule.object is None:
        if rule.transform is IDENTITY:  # nothing to report: no context to build
            if rule.many and isinstance(val, list):
                return list(val)
            return [val] if rule.many and not isinstance(val, list) else val
        if rule.transform is STRING and val.__class__ is str:
            return [val] if rule.many else val  # a string is read as it is, unreported
        tc = TransformContext(
            ctx.report, ctx.mapping.name, at, rule.canonical_str, rule.params, ctx.language
        )
        if rule.many and not rule.transform.whole and isinstance(val, list):
            return [rule.transform.read(v, tc) for v in val]
        out = rule.transform.read(val, tc)
        return [out] if rule.many and not isinstance(out, list) else out
    sub = ctx.mapping.objects[rule.object]
    if isinstance(val, list):
        if not (rule.many or rule.array) and len(val) != 1:
            raise Keep(f"expected one object, found a list of {len(val)}")
        items = list(enumerate(val))
    else:
        items = [(None, val)]
    out = []
    for i, item in items:
        item_at = at if i is None else f"{at}/{i}"
        if isinstance(item, str) and rule.iri:
            # an object with no rule for the iri key is made from ``with`` alone: the
            # cell only says that it exists (e.g. a GPA cell -> its ResultDescription)
            marker = rule.with_ and not any(r.native == (rule.iri,) for r in sub.read_rules)
            item = {} if marker else {rule.iri: item}
        if not isinstance(item, dict):
            raise Keep(f"expected an object, found {type(item).__name__}")
        try:
            obj = read_object(sub, item, item_at, ctx, rule.with_)
        except ReadError as exc:
            # read leniently: an object the model cannot hold (a phone without its number)
            # does not fail the document. One item of a list is left out, reported, so the
            # others still convert; a single object is kept as written (an extension).
            if i is None or not rule.many:
                raise Keep(exc.message) from None
            ctx.report.add(
                "source-schema-violation",
                f"{exc.message}; this item is left out",
                severity="error",
                source_path=item_at,
                source_format=ctx.mapping.name,
                value=item,
            )
            continue
        out.append(ctx.link(rule.link, obj, item_at) if rule.link else obj)
    return out if rule.many else out[0]


def _is_condition(v: Any) -> bool:
    return isinstance(v, dict) and bool(v) and set(v) <= {"one_of", "none_of"}


def _trie(paths: list[tuple[str, ...]]) -> Tree:
    root: Tree = {}
    for p in paths:
        cur = root
        for part in p:
            cur = cur.setdefault(part, {})
        cur["\0leaf"] = {}
    return root


def _leftovers(native: Any, trie: Tree, prefix: tuple[str, ...], out: dict[str, Any]) -> None:
    if not isinstance(native, dict):
        return
    for key, value in native.items():
        node = trie.get(key)
        path = (*prefix, key)
        if value is None:
            continue  # JSON null says nothing; rules skip it too
        if node is None:
            out[join_native(path)] = value
        elif "\0leaf" not in node:
            if isinstance(value, dict):
                _leftovers(value, node, path, out)
            else:
                out[join_native(path)] = value
