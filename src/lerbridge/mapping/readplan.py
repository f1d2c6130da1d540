"""The read rules of one object spec compiled once into one straight-line Python
function (the reading twin of :mod:`.writeplan`, built the same way: the generated source
names only made-up identifiers, every value from the mapping file is bound in the
function's namespace).

Each rule looks its value up directly; the common cases (an identity rule, a string read
as it is, a transform applied to one value, a one-field canonical path) are inlined,
objects go through :func:`lerbridge.mapping.reading._read_value` and constants through
:func:`lerbridge.mapping.reading._read_rule`, as the interpreted loop did, in the same
order. Signature: ``(native, where, data, consumed, ctx) -> None`` for a dict ``native``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .compiler import ObjectSpec, Rule
from .paths import MISSING
from .transforms import IDENTITY, STRING
from .writeplan import Source

ReadRules = Callable[[dict[str, Any], str, dict[str, Any], list[Any], Any], None]


def _store(src: Source, depth: int, rule: Rule, var: str = "v") -> None:
    """``set_canonical(data, rule.canonical, var)``, and the native path marked consumed."""
    assert rule.canonical is not None
    native = src.const(rule.native)
    if len(rule.canonical) == 1:
        key = src.const(rule.canonical[0])
        src.emit(depth, f"if data.get({key}) is None:")
        src.emit(depth + 1, f"data[{key}] = {var}")
        src.emit(depth + 1, f"consumed.append({native})")
        src.emit(depth, f"elif set_canonical(data, {src.const(rule.canonical)}, {var}):")
    else:
        src.emit(depth, f"if set_canonical(data, {src.const(rule.canonical)}, {var}):")
    src.emit(depth + 1, f"consumed.append({native})")


def _read(src: Source, depth: int, rule: Rule) -> None:
    """A rule with no constant: the value read (the transform called directly when it
    applies to the value whole), a ``Keep`` reported, the value stored."""
    at = f"where + {src.const(rule.native_pointer)}"
    src.emit(depth, "try:")
    if rule.object is None and not rule.many:
        tc = (
            f"TC(ctx.report, ctx.mapping.name, {at}, {src.const(rule.canonical_str)}, "
            f"{src.const(rule.params)}, ctx.language)"
        )
        src.emit(depth + 1, f"value = {src.const(rule.transform.read)}(v, {tc})")
    else:
        src.emit(depth + 1, f"value = read_value({src.const(rule)}, v, {at}, ctx)")
    src.emit(depth, "except Keep as why:")
    src.emit(depth + 1, f"kept(ctx, {at}, v, why)")
    if rule.canonical:
        src.emit(depth, "else:")
        _store(src, depth + 1, rule, "value")


def _rule(src: Source, spec: str, rule: Rule) -> None:
    if len(rule.native) == 1:
        src.emit(1, f"v = nget({src.const(rule.native[0])})")
        src.emit(1, "if v is not None:")
    else:
        src.emit(1, f"v = get_native(native, {src.const(rule.native)})")
        src.emit(1, "if v is not MISSING and v is not None:")
    if rule.const is not MISSING:
        at = f"where + {src.const(rule.native_pointer)}"
        src.emit(2, f"read_rule({spec}, {src.const(rule)}, v, {at}, data, consumed, ctx)")
        return
    plain = rule.object is None and rule.canonical is not None and not rule.many
    if plain and rule.transform is IDENTITY:
        _store(src, 2, rule)
    elif plain and rule.transform is STRING:  # a string is read as it is
        src.emit(2, "if v.__class__ is str:")
        _store(src, 3, rule)
        src.emit(2, "else:")
        _read(src, 3, rule)
    else:
        _read(src, 2, rule)


def build(spec: ObjectSpec, helpers: dict[str, Any]) -> ReadRules:
    """Compile ``spec.read_rules``. ``helpers``: read_rule, read_value, kept, Keep, TC,
    get_native, set_canonical."""
    src = Source(helpers)
    name = src.const(spec)
    src.emit(0, "def read_rules(native, where, data, consumed, ctx):")
    src.emit(1, "nget = native.get")
    for rule in spec.read_rules:
        _rule(src, name, rule)
    src.emit(1, "return None")
    code = compile("\n".join(src.lines) + "\n", f"<lerbridge read plan {spec.name}>", "exec")
    exec(code, src.ns)
    fn: ReadRules = src.ns["read_rules"]
    return fn
