"""Writing with a compiled mapping: canonical objects -> native tree. Every canonical
value no rule places, and every extension of another format, is reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .. import specs
from ..model import Node, RawFragment
from ..report import LossReport
from . import writeplan
from .compiler import Mapping, ObjectSpec, Rule, Tree
from .paths import MISSING, get_canonical, set_native
from .reading import _CONTAINERS, _empty, mint_ctid, mint_id
from .transforms import IDENTITY, Keep, TransformContext
from .writeplan import WriteRules


@dataclass
class WriteContext:
    mapping: Mapping
    report: LossReport
    lookup: dict[str, dict[str, BaseModel]]
    language: str | None = None
    synthesized: bool = False
    taken: set[int] = field(default_factory=set)
    consumed: set[tuple[int, str]] = field(default_factory=set)
    """(object, field) pairs a ``fallback`` wrote: coverage does not report them lost."""


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
    plan = _plan(spec) if isinstance(obj, BaseModel) else None
    if plan is not None:
        plan(obj, obj.__dict__, out, f"{cpath}." if cpath else "", ctx)
    else:
        _write_rules(spec, obj, out, cpath, ctx)
    extensions = obj.extensions if isinstance(obj, Node) else None
    for ns, items in sorted(extensions.items()) if extensions else ():
        if ns == spec.namespace:
            for path, value in items.items():
                if (
                    m.unreadable == "drop"
                    and path in spec.written_paths
                    and _unreadable(spec.written_paths[path], value)
                ):
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
    if spec.filtered:
        _report_untaken(spec, obj, cpath, ctx)
    _check_coverage(obj, spec.coverage, cpath, ctx)
    return out


def _write_rules(
    spec: ObjectSpec, obj: Any, out: dict[str, Any], cpath: str, ctx: WriteContext
) -> None:
    """The write rules interpreted one by one (an object that is not a model, or a spec
    whose plan is not built yet)."""
    prefix = f"{cpath}." if cpath else ""
    for rule in spec.write_rules:
        if rule.const is not MISSING:
            set_native(out, rule.native, rule.const)
            continue
        canonical = rule.canonical
        assert canonical is not None
        value = get_canonical(obj, canonical)
        if value is None or (value.__class__ in _CONTAINERS and not value):
            here = prefix + rule.canonical_str
            if rule.default is not MISSING and not rule.fallback:
                set_native(out, rule.native, rule.default)
                _synthesized(
                    ctx, f"{rule.native_str} set to the mapping's default", here, rule.default
                )
                continue
            value = _synthesize(rule, obj, here, ctx) if rule.synth else None
            if _empty(value):
                if rule.required:
                    _required(rule, here, ctx)
                continue
        else:
            here = prefix + rule.canonical_str
        native = _write_value(rule, value, here, ctx)
        if native is not MISSING:
            set_native(out, rule.native, native)


def _required(rule: Rule, here: str, ctx: WriteContext) -> None:
    name = ctx.mapping.name
    ctx.report.add(
        "no-target-field",
        f"{name} requires {rule.native_str}, and the record has no value for it",
        severity="error",
        canonical_path=here,
        target_format=name,
    )


def _plan(spec: ObjectSpec) -> WriteRules | None:
    """The spec's write rules compiled once (:mod:`.writeplan`; None while interpreted)."""
    return spec.plan(  # type: ignore[no-any-return]
        "write",
        lambda: writeplan.build(
            spec,
            {
                "write_value": _write_value,
                "synthesize": _synthesize,
                "synthesized": _synthesized,
                "required": _required,
                "set_native": set_native,
                "get_canonical": get_canonical,
            },
        ),
    )


def _synthesized(ctx: WriteContext, message: str, here: str, value: Any) -> Any:
    ctx.synthesized = True
    ctx.report.add(
        "value-synthesized",
        message,
        canonical_path=here,
        target_format=ctx.mapping.name,
        value=value if isinstance(value, str | int | float | list | dict) else None,
    )
    return value


def _synthesize(rule: Rule, obj: BaseModel, here: str, ctx: WriteContext) -> Any:
    """A required value the record lacks: from a fallback field, or minted."""
    m = ctx.mapping
    for fb in rule.fallback:
        value = get_canonical(obj, fb)
        if not _empty(value):
            owner = get_canonical(obj, fb[:-1]) if len(fb) > 1 else obj
            ctx.consumed.add((id(owner), fb[-1]))
            shown = value if isinstance(value, str) else None
            _synthesized(ctx, f"{rule.native_str} filled from {'.'.join(fb)}", here, shown)
            return value
    if rule.mint == "ctid":
        seed = getattr(obj, "id", None) or mint_id(m.name + ":" + rule.native_str, obj)
        message = f"{rule.native_str} minted deterministically from the source id"
        return _synthesized(ctx, message, here, mint_ctid(seed))
    if rule.mint == "uuid5":
        message = f"{rule.native_str} minted deterministically from the content"
        return _synthesized(ctx, message, here, mint_id(m.name + ":" + rule.native_str, obj))
    return None


def _write_value(rule: Rule, value: Any, here: str, ctx: WriteContext) -> Any:
    m = ctx.mapping
    if rule.object is None:
        if rule.transform is IDENTITY:  # nothing to report: no context to build
            out = list(value) if rule.many else value
            return [out] if rule.array and not isinstance(out, list) else out
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
        if rule.with_ and not _matches(item, rule.with_):
            continue
        if rule.with_:
            ctx.taken.add(id(item))
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
        if rule.compact and rule.iri and _only_field(item, rule.iri, rule.with_):
            natives.append(getattr(item, rule.iri))
            continue
        natives.append(write_object(sub, item, item_path, ctx))
    if not natives:
        return MISSING
    if rule.array or len(natives) > 1 or (rule.many and not rule.with_):
        return natives
    return natives[0]


def _unreadable(rule: Rule, value: Any) -> bool:
    """An extension kept at a mapped path because the reader could not read it: writing it
    back would break the format, so it is reported instead."""
    if not rule.reads:
        return False  # a write-only rule says nothing about what the source may hold there
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


def _matches(obj: Any, with_: dict[str, Any]) -> bool:
    return all(_condition(getattr(obj, k, None), v) for k, v in with_.items())


def _condition(have: Any, want: Any) -> bool:
    """``with`` values: a value to equal, or {one_of: [...]} / {none_of: [...]}."""
    if isinstance(want, dict) and set(want) <= {"one_of", "none_of"} and want:
        if "one_of" in want and have not in want["one_of"]:
            return False
        return not ("none_of" in want and have in want["none_of"])
    return bool(have == want)


def _only_field(obj: BaseModel, name: str, ignore: dict[str, Any] | None = None) -> bool:
    if _empty(getattr(obj, name, None)):
        return False
    for other in type(obj).model_fields:
        if other == name or (ignore and other in ignore):
            continue
        if not _empty(getattr(obj, other)) and getattr(obj, other) is not False:
            return False
    return True


def _report_untaken(spec: ObjectSpec, obj: BaseModel, cpath: str, ctx: WriteContext) -> None:
    """Items of a list that only ``with`` rules write, and that none of them took."""
    for path, has_unfiltered in spec.filtered.items():
        if has_unfiltered:
            continue
        items = get_canonical(obj, path) or []
        for i, item in enumerate(items if isinstance(items, list) else [items]):
            if id(item) not in ctx.taken:
                here = f"{cpath}.{'.'.join(path)}[{i}]" if cpath else f"{'.'.join(path)}[{i}]"
                ctx.report.add(
                    "no-target-field",
                    f"{ctx.mapping.name} has no place for this item",
                    canonical_path=here,
                    target_format=ctx.mapping.name,
                    value=getattr(item, "value", None) or getattr(item, "id", None),
                )


_DATA_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _data_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that carry record data (not extensions, not internal
    facts), computed once per class."""
    names = _DATA_FIELDS.get(cls)
    if names is None:
        names = tuple(
            n for n, info in cls.model_fields.items() if n != "extensions" and not _internal(info)
        )
        _DATA_FIELDS[cls] = names
    return names


def _check_coverage(obj: BaseModel, tree: Tree, cpath: str, ctx: WriteContext) -> None:
    values = obj.__dict__
    for name in _data_fields(type(obj)):
        value = values.get(name)
        if value is None or value is False or (value.__class__ in _CONTAINERS and not value):
            continue
        sub = tree.get(name)
        if sub is not None and not sub:
            continue  # written whole by a rule
        here = f"{cpath}.{name}" if cpath else name
        if (id(obj), name) in ctx.consumed:
            continue  # written by a rule's fallback
        if sub is None:
            ctx.report.add(
                "no-target-field",
                f"{ctx.mapping.name} has no place for {name}",
                canonical_path=here,
                target_format=ctx.mapping.name,
                value=value if isinstance(value, str | int | float) else None,
            )
        elif isinstance(value, BaseModel):
            _check_coverage(value, sub, here, ctx)
