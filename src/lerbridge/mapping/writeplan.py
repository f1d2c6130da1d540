"""The write rules of one object spec compiled once into one straight-line Python
function, instead of interpreting every rule for every object written.

The generated source holds only names this module makes up (``k7``...): every
value from the mapping file (rule, field name, native key, constant) is passed in the
function's namespace, never written into the source, so nothing in a mapping file is
ever evaluated as code. The function does exactly what the rule loop of
:func:`lerbridge.mapping.writing.write_object` did, rule by rule and in the same order
(output key order and loss-report order are unchanged). An object that is not a model,
and every object of a spec used fewer than ``INTERPRETED_USES`` times, goes through the
interpreted loop (:func:`lerbridge.mapping.writing._write_rules`).

Signature of the compiled function: ``(obj, fields, out, prefix, ctx) -> None`` where
``fields`` is ``obj.__dict__`` and ``prefix`` the canonical path of ``obj`` plus a dot
(or empty).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .compiler import ObjectSpec, Rule
from .paths import MISSING
from .transforms import IDENTITY, STRING

WriteRules = Callable[[Any, dict[str, Any], dict[str, Any], str, Any], None]


class Source:
    """Generated lines and the namespace their made-up names are bound in."""

    def __init__(self, helpers: dict[str, Any]) -> None:
        self.lines: list[str] = []
        self.ns: dict[str, Any] = dict(helpers)
        self.ns["MISSING"] = MISSING
        self.ns["CONT"] = (list, dict, str)
        self.count = 0

    def const(self, value: Any) -> str:
        """A generated name bound to ``value`` in the function's namespace."""
        name = f"k{self.count}"
        self.count += 1
        self.ns[name] = value
        return name

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def _store(src: Source, depth: int, rule: Rule, value: str) -> None:
    """``set_native(out, rule.native, value)``; a one-key path is a plain item set."""
    if len(rule.native) == 1:
        src.emit(depth, f"out[{src.const(rule.native[0])}] = {value}")
    else:
        src.emit(depth, f"set_native(out, {src.const(rule.native)}, {value})")


def _write(src: Source, depth: int, rule: Rule, r: str) -> None:
    """Write the non-empty value ``v`` (at canonical path ``here``)."""
    if rule.object is None and rule.transform is IDENTITY:
        if rule.many:
            _store(src, depth, rule, "list(v)")
        elif rule.array:
            _store(src, depth, rule, "v if isinstance(v, list) else [v]")
        else:
            _store(src, depth, rule, "v")
        return
    if rule.object is None and rule.transform is STRING and not rule.many and not rule.array:
        src.emit(depth, "if v.__class__ is str:")  # a string is written as it is, unreported
        _store(src, depth + 1, rule, "v")
        src.emit(depth, "else:")
        depth += 1
    src.emit(depth, f"nv = write_value({r}, v, here, ctx)")
    src.emit(depth, "if nv is not MISSING:")
    _store(src, depth + 1, rule, "nv")


def _rule(src: Source, rule: Rule) -> None:
    r = src.const(rule)
    if rule.const is not MISSING:
        _store(src, 1, rule, src.const(rule.const))
        return
    assert rule.canonical is not None
    if len(rule.canonical) == 1:
        src.emit(1, f"v = get({src.const(rule.canonical[0])})")
    else:  # get_canonical, unrolled
        src.emit(1, f"v = get({src.const(rule.canonical[0])})")
        for depth, part in enumerate(rule.canonical[1:], start=1):
            key = src.const(part)
            src.emit(depth, "if v is not None:")
            src.emit(
                depth + 1, f"v = v.get({key}) if isinstance(v, dict) else getattr(v, {key}, None)"
            )
    here = f"here = prefix + {src.const(rule.canonical_str)}"
    src.emit(1, "if v is None or (v.__class__ in CONT and not v):")
    if rule.default is not MISSING and not rule.fallback:
        src.emit(2, here)
        default = src.const(rule.default)
        _store(src, 2, rule, default)
        message = src.const(f"{rule.native_str} set to the mapping's default")
        src.emit(2, f"synthesized(ctx, {message}, here, {default})")
    elif rule.synth:
        src.emit(2, here)
        src.emit(2, f"v = synthesize({r}, obj, here, ctx)")
        src.emit(2, "if v is None or (v.__class__ in CONT and not v):")
        src.emit(3, f"required({r}, here, ctx)" if rule.required else "pass")
        src.emit(2, "else:")
        _write(src, 3, rule, r)
    elif rule.required:
        src.emit(2, here)
        src.emit(2, f"required({r}, here, ctx)")
    else:
        src.emit(2, "pass")
    src.emit(1, "else:")
    src.emit(2, here)
    _write(src, 2, rule, r)


def build(spec: ObjectSpec, helpers: dict[str, Any]) -> WriteRules:
    """Compile ``spec.write_rules``. ``helpers``: write_value, synthesize, synthesized,
    required, set_native, get_canonical (passed in to keep the imports one-way)."""
    src = Source(helpers)
    src.emit(0, "def write_rules(obj, fields, out, prefix, ctx):")
    src.emit(1, "get = fields.get")
    for rule in spec.write_rules:
        _rule(src, rule)
    code = compile("\n".join(src.lines) + "\n", f"<lerbridge write plan {spec.name}>", "exec")
    exec(code, src.ns)
    fn: WriteRules = src.ns["write_rules"]
    return fn
