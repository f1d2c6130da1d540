"""The read rules of one object spec compiled once into one straight-line Python
function (the reading twin of :mod:`.writeplan`, built the same way: the generated source
names only made-up identifiers, every value from the mapping file is bound in the
function's namespace).

Each rule looks its value up directly; the common cases (an identity rule, a string read
as it is, a one-field canonical path) are inlined, everything else goes through
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


def _store(src: Source, depth: int, rule: Rule) -> None:
    """``set_canonical(data, rule.canonical, v)``, and the native path marked consumed."""
    assert rule.canonical is not None
    native = src.const(rule.native)
    if len(rule.canonical) == 1:
        key = src.const(rule.canonical[0])
        src.emit(depth, f"if data.get({key}) is None:")
        src.emit(depth + 1, f"data[{key}] = v")
        src.emit(depth + 1, f"consumed.append({native})")
        src.emit(depth, f"elif set_canonical(data, {src.const(rule.canonical)}, v):")
    else:
        src.emit(depth, f"if set_canonical(data, {src.const(rule.canonical)}, v):")
    src.emit(depth + 1, f"consumed.append({native})")


def _rule(src: Source, spec: str, rule: Rule) -> None:
    if len(rule.native) == 1:
        src.emit(1, f"v = nget({src.const(rule.native[0])})")
        src.emit(1, "if v is not None:")
    else:
        src.emit(1, f"v = get_native(native, {src.const(rule.native)})")
        src.emit(1, "if v is not MISSING and v is not None:")
    general = (
        f"read_rule({spec}, {src.const(rule)}, v, where + {src.const(rule.native_pointer)}, "
        "data, consumed, ctx)"
    )
    plain = (
        rule.const is MISSING
        and rule.object is None
        and rule.canonical is not None
        and not rule.many
        and rule.transform in (IDENTITY, STRING)
    )
    if not plain:
        src.emit(2, general)
    elif rule.transform is IDENTITY:
        _store(src, 2, rule)
    else:  # a string is read as it is; anything else through the transform
        src.emit(2, "if v.__class__ is str:")
        _store(src, 3, rule)
        src.emit(2, "else:")
        src.emit(3, general)


def build(spec: ObjectSpec, helpers: dict[str, Any]) -> ReadRules:
    """Compile ``spec.read_rules``. ``helpers``: read_rule, get_native, set_canonical."""
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
