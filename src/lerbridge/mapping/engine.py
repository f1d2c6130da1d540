"""Run a compiled mapping: native tree -> canonical objects, and back.

The engine is syntax-free: it sees JSON-like trees (dicts, lists, scalars) on the native
side and pydantic models on the canonical side. Every value it cannot place is kept as an
extension (reading) or reported (writing)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from .. import specs
from ..errors import ReadError
from ..model import Node, RawFragment
from ..report import LossReport
from .compiler import Mapping, ObjectSpec, Rule, Tree
from .paths import (
    MISSING,
    get_canonical,
    get_native,
    join_native,
    pointer,
    set_canonical,
    set_native,
)
from .transforms import Keep, TransformContext

#: Namespace of every id lerbridge mints: uuid5(LERBRIDGE_NS, content).
LERBRIDGE_NS = uuid.UUID("6f0c1c1e-3c55-5b0e-9a53-6c6572627267")


def mint_id(kind: str, obj: BaseModel | dict[str, Any]) -> str:
    """A deterministic ``urn:uuid:`` id from the content of an object."""
    data = obj.model_dump(mode="json", exclude_defaults=True) if isinstance(obj, BaseModel) else obj
    blob = orjson.dumps([kind, data], option=orjson.OPT_SORT_KEYS)
    return f"urn:uuid:{uuid.uuid5(LERBRIDGE_NS, blob.decode('utf-8'))}"


def _empty(v: Any) -> bool:
    return v is None or v == [] or v == {} or v == ""


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


def read_object(spec: ObjectSpec, native: Any, where: str, ctx: ReadContext) -> BaseModel:
    m = ctx.mapping
    data: dict[str, Any] = {}
    consumed: list[tuple[str, ...]] = []
    for rule in spec.read_rules:
        val = get_native(native, rule.native)
        if val is MISSING or val is None:
            continue
        at = pointer(where, rule.native)
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
                continue
            if not ok:
                ctx.report.add(
                    "source-schema-violation",
                    f"expected {rule.const!r}; written as that",
                    source_path=at,
                    source_format=m.name,
                    value=val,
                )
            if not keep:
                consumed.append(rule.native)
            continue
        try:
            value = _read_value(rule, val, at, ctx)
        except Keep as why:
            ctx.report.add(
                "source-schema-violation",
                f"{why}; kept as it is",
                source_path=at,
                source_format=m.name,
                value=val,
            )
            continue
        if rule.canonical and set_canonical(data, rule.canonical, value):
            consumed.append(rule.native)
    if spec.raw:
        data[spec.raw] = RawFragment(format=spec.namespace, payload=native)
    elif spec.keep_extensions:
        ext: dict[str, Any] = {}
        _leftovers(native, _trie(consumed), (), ext)
        for path, value in ext.items():
            if any(path == r.native_str for r in spec.read_rules if r.const is not MISSING):
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
    _mint_missing_id(spec, native, data, where, ctx)
    try:
        return spec.model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        raise ReadError(f"{spec.name}: {loc}: {err['msg']}", location=where or "/") from None


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
        tc = TransformContext(
            ctx.report,
            ctx.mapping.name,
            at,
            ".".join(rule.canonical or ()),
            rule.params,
            ctx.language,
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
            item = {rule.iri: item}
        if not isinstance(item, dict):
            raise Keep(f"expected an object, found {type(item).__name__}")
        obj = read_object(sub, item, item_at, ctx)
        out.append(ctx.link(rule.link, obj, item_at) if rule.link else obj)
    return out if rule.many else out[0]


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
        if node is None:
            out[join_native(path)] = value
        elif "\0leaf" not in node:
            if isinstance(value, dict):
                _leftovers(value, node, path, out)
            else:
                out[join_native(path)] = value


@dataclass
class WriteContext:
    mapping: Mapping
    report: LossReport
    lookup: dict[str, dict[str, BaseModel]]
    language: str | None = None
    synthesized: bool = False


def write_object(spec: ObjectSpec, obj: BaseModel, cpath: str, ctx: WriteContext) -> dict[str, Any]:
    m = ctx.mapping
    if spec.raw:
        raw = getattr(obj, spec.raw, None)
        if isinstance(raw, RawFragment) and raw.format == spec.namespace:
            if spec.raw_schema is None or specs.is_valid(raw.payload, spec.raw_schema):
                return raw.payload  # type: ignore[no-any-return]
            ctx.report.add(
                "dialect-upgraded",
                f"kept fragment fails {spec.raw_schema}; rewritten from its mapped fields",
                canonical_path=cpath,
                target_format=m.name,
            )
            if isinstance(raw.payload, dict) and raw.payload.get("proof"):
                ctx.report.add(
                    "proof-invalidated",
                    "the fragment's proof does not cover the rewritten form; dropped",
                    canonical_path=cpath,
                    target_format=m.name,
                )
    out: dict[str, Any] = {}
    for rule in spec.write_rules:
        if rule.const is not MISSING:
            set_native(out, rule.native, rule.const)
            continue
        assert rule.canonical is not None
        here = f"{cpath}.{'.'.join(rule.canonical)}" if cpath else ".".join(rule.canonical)
        value = get_canonical(obj, rule.canonical)
        if _empty(value) and rule.default is not MISSING and not rule.fallback:
            set_native(out, rule.native, rule.default)
            ctx.synthesized = True
            ctx.report.add(
                "value-synthesized",
                f"{rule.native_str} set to the mapping's default",
                canonical_path=here,
                target_format=m.name,
                value=rule.default,
            )
            continue
        if _empty(value):
            value = _synthesize(rule, obj, here, ctx)
            if _empty(value):
                if rule.required:
                    ctx.report.add(
                        "no-target-field",
                        f"{m.name} requires {rule.native_str}, and the record has no value for it",
                        severity="error",
                        canonical_path=here,
                        target_format=m.name,
                    )
                continue
        native = _write_value(rule, value, here, ctx)
        if native is not MISSING:
            set_native(out, rule.native, native)
    for ns, items in sorted(obj.extensions.items()) if isinstance(obj, Node) else ():
        if ns == spec.namespace:
            for path, value in items.items():
                if path in spec.written_paths and _unreadable(spec.written_paths[path], value):
                    ctx.report.add(
                        "no-target-field",
                        f"the source's {path} could not be read as {m.name} defines it; "
                        "it is not written back",
                        canonical_path=cpath or None,
                        target_format=m.name,
                        value=value,
                    )
                    continue
                set_native(out, tuple(path.split("/")), value)
        else:
            for path, value in items.items():
                ctx.report.add(
                    "no-target-field",
                    f"{ns} extension {path!r} has no place in {m.name}",
                    canonical_path=f"{cpath}.extensions.{ns}" if cpath else f"extensions.{ns}",
                    target_format=m.name,
                    value=value,
                )
    _check_coverage(obj, spec.coverage, cpath, ctx)
    return out


def _synthesize(rule: Rule, obj: BaseModel, here: str, ctx: WriteContext) -> Any:
    m = ctx.mapping
    for fb in rule.fallback:
        value = get_canonical(obj, fb)
        if not _empty(value):
            ctx.synthesized = True
            ctx.report.add(
                "value-synthesized",
                f"{rule.native_str} filled from {'.'.join(fb)}",
                canonical_path=here,
                target_format=m.name,
                value=value if isinstance(value, str) else None,
            )
            return value
    if rule.mint == "uuid5":
        value = mint_id(m.name + ":" + rule.native_str, obj)
        ctx.synthesized = True
        ctx.report.add(
            "value-synthesized",
            f"{rule.native_str} minted deterministically from the content",
            canonical_path=here,
            target_format=m.name,
            value=value,
        )
        return value
    return None


def _write_value(rule: Rule, value: Any, here: str, ctx: WriteContext) -> Any:
    m = ctx.mapping
    if rule.object is None:
        tc = TransformContext(ctx.report, m.name, "", here, rule.params, ctx.language)
        try:
            if rule.many and not rule.transform.whole:
                out: Any = [rule.transform.write(v, tc) for v in value]
            else:
                out = rule.transform.write(value, tc)
        except Keep as why:
            ctx.report.add(
                "no-target-field", str(why), canonical_path=here, target_format=m.name, value=value
            )
            return MISSING
        if rule.array and not isinstance(out, list):
            out = [out]
        return out
    sub = m.objects[rule.object]
    items = value if isinstance(value, list) else [value]
    natives = []
    for i, item in enumerate(items):
        item_path = f"{here}[{i}]" if isinstance(value, list) else here
        if rule.link:
            target = ctx.lookup.get(rule.link, {}).get(item)
            if target is None:
                ctx.report.add(
                    "unresolved-reference",
                    f"{rule.link} has no entry with id {item!r}",
                    canonical_path=item_path,
                    target_format=m.name,
                    value=item,
                )
                continue
            item, item_path = target, f"{rule.link}[id={item}]"
        if rule.compact and rule.iri and _only_field(item, rule.iri):
            natives.append(getattr(item, rule.iri))
            continue
        natives.append(write_object(sub, item, item_path, ctx))
    if not natives:
        return MISSING
    if rule.many or rule.array or isinstance(value, list):
        return natives
    return natives[0]


def _unreadable(rule: Rule, value: Any) -> bool:
    """An extension kept at a mapped path because the reader could not read it: writing it
    back would break the format, so it is reported instead."""
    if rule.object is not None:
        return not isinstance(value, dict | list | str)
    try:
        rule.transform.read(value, TransformContext(LossReport(), "", "", "", rule.params))
    except Keep:
        return True
    return False


def _internal(info: Any) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("lerbridge_internal"))


def _only_field(obj: BaseModel, name: str) -> bool:
    if _empty(getattr(obj, name, None)):
        return False
    for other in type(obj).model_fields:
        if other != name and not _empty(getattr(obj, other)) and getattr(obj, other) is not False:
            return False
    return True


def _check_coverage(obj: BaseModel, tree: Tree, cpath: str, ctx: WriteContext) -> None:
    for name, info in type(obj).model_fields.items():
        if name == "extensions" or _internal(info):
            continue
        value = getattr(obj, name)
        if _empty(value) or value is False:
            continue
        here = f"{cpath}.{name}" if cpath else name
        if name not in tree:
            ctx.report.add(
                "no-target-field",
                f"{ctx.mapping.name} has no place for {name}",
                canonical_path=here,
                target_format=ctx.mapping.name,
                value=value if isinstance(value, str | int | float) else None,
            )
        elif tree[name] and isinstance(value, BaseModel):
            _check_coverage(value, tree[name], here, ctx)
