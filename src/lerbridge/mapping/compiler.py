"""Compile a validated mapping file once into fast rule objects, checking that every
canonical path, object and transform it names exists."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import model as canonical_model
from .. import specs as bundled
from ..errors import MappingError
from ..model import LearnerRecord, RawFragment
from .loader import _Doc, load_mapping_data, shipped_mappings
from .paths import MISSING, pointer, resolve_canonical, split_native
from .transforms import REGISTRY, Transform

Tree = dict[str, "Tree"]


@dataclass(frozen=True)
class Rule:
    native: tuple[str, ...]
    native_str: str
    canonical: tuple[str, ...] | None
    transform: Transform
    params: dict[str, Any]
    fidelity: str
    invertible: bool
    reads: bool
    writes: bool
    array: bool
    many: bool
    object: str | None
    iri: str | None
    compact: bool
    with_: dict[str, Any]
    link: str | None
    const: Any
    required: bool
    fallback: tuple[tuple[str, ...], ...]
    mint: str | None
    default: Any
    note: str | None
    canonical_str: str = ""
    """``canonical`` joined with dots, computed once (loss-report paths)."""
    synth: bool = False
    """Whether a missing value may be synthesized (a fallback or a mint)."""
    native_pointer: str = ""
    """``native`` as a JSON Pointer suffix (``/a/b``, escaped), computed once."""


#: Uses of an object spec's rules interpreted before they are compiled into a plan
#: (:mod:`lerbridge.mapping.writeplan`, :mod:`lerbridge.mapping.readplan`): a process
#: that converts one document does not pay for compiling, a batch compiles at once.
INTERPRETED_USES = 4
_PLAN_LOCK = threading.Lock()


@dataclass
class ObjectSpec:
    name: str
    namespace: str
    model: type[BaseModel]
    raw: str | None
    raw_schema: str | None
    keep_extensions: bool
    rules: list[Rule]
    read_rules: list[Rule] = field(default_factory=list)
    write_rules: list[Rule] = field(default_factory=list)
    coverage: Tree = field(default_factory=dict)
    written_paths: dict[str, Rule] = field(default_factory=dict)
    filtered: dict[tuple[str, ...], bool] = field(default_factory=dict)
    """Canonical list paths written by ``with`` rules -> whether an unfiltered rule writes
    the same path too (then nothing is left over)."""
    const_natives: frozenset[str] = frozenset()
    """Native paths of the reading rules that hold a constant."""
    read_uses: int = field(default=0, repr=False, compare=False)
    write_uses: int = field(default=0, repr=False, compare=False)
    """How often the rules were interpreted before their plan was built."""
    read_plan: Any = field(default=None, repr=False, compare=False)
    """The read rules compiled into one function, built on first use
    (:mod:`lerbridge.mapping.readplan`)."""
    write_plan: Any = field(default=None, repr=False, compare=False)
    """The write rules compiled into one function, built on first use
    (:mod:`lerbridge.mapping.writeplan`)."""

    def plan(self, kind: str, build: Callable[[], Any]) -> Any:
        """The ``kind`` ("read" or "write") plan, or None while the rules are still
        interpreted: ``build()`` runs once, under a lock, after :data:`INTERPRETED_USES`
        uses, so a process that converts one document does not pay for compiling."""
        plan = getattr(self, f"{kind}_plan")
        if plan is not None:
            return plan
        uses = getattr(self, f"{kind}_uses") + 1  # unlocked: a lost increment only
        setattr(self, f"{kind}_uses", uses)  # compiles one use later
        if uses <= INTERPRETED_USES:
            return None
        with _PLAN_LOCK:
            plan = getattr(self, f"{kind}_plan")
            if plan is None:
                plan = build()
                setattr(self, f"{kind}_plan", plan)
        return plan


@dataclass
class Mapping:
    """A compiled mapping: the same object drives reading and writing."""

    name: str
    namespace: str
    source: str
    root_object: str
    root_field: str
    objects: dict[str, ObjectSpec]
    options: dict[str, Any] = field(default_factory=dict)
    """Format-specific sections of the file (``csv``), validated by the schema and read by
    the format; the engine ignores them."""
    unreadable: str = "drop"
    """What the writer does with a source value the reader could not read (see schema)."""

    def non_invertible(self) -> list[tuple[str, str, str]]:
        """(object, native path, why) for each rule a round trip cannot reverse."""
        out = []
        for spec in self.objects.values():
            for r in spec.rules:
                if not r.invertible:
                    why = "read only" if not r.writes else "write only" if not r.reads else "lossy"
                    out.append((spec.name, r.native_str, why))
        return out


def _model_class(name: str) -> type[BaseModel] | None:
    cls = getattr(canonical_model, name, None)
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _locate(doc: _Doc, obj: str, native: str | None, key: str | None) -> list[Any]:
    rules = doc.data.get("objects", {}).get(obj, {}).get("rules", [])
    for i, r in enumerate(rules):
        if isinstance(r, dict) and r.get("native") == native:
            return ["objects", obj, "rules", i] + ([key] if key else [])
    return ["objects", obj]


def _add_coverage(tree: Tree, parts: tuple[str, ...]) -> None:
    cur = tree
    for i, p in enumerate(parts):
        if p in cur and not cur[p] and i < len(parts):
            return  # an ancestor is already covered whole
        cur = cur.setdefault(p, {})
    cur.clear()


def compile_data(data: dict[str, Any], doc: _Doc) -> Mapping:
    name = data["mapping"]
    namespace = data.get("namespace", name)
    objects_raw: dict[str, Any] = data.get("objects", {})
    root = data.get("root")
    if not root:
        raise doc.error("a mapping needs a 'root' (object and canonical record field)", [])
    if root["object"] not in objects_raw:
        raise doc.error(f"root object {root['object']!r} is not defined under objects", ["root"])
    if root["canonical"] == ".":
        if objects_raw[root["object"]].get("canonical") != "LearnerRecord":
            raise doc.error("root canonical '.' needs a root object of LearnerRecord", ["root"])
    elif root["canonical"] not in LearnerRecord.model_fields:
        raise doc.error(
            f"root canonical {root['canonical']!r} is not a LearnerRecord field", ["root"]
        )
    specs: dict[str, ObjectSpec] = {}
    for oname, ospec in objects_raw.items():
        cls = _model_class(ospec.get("canonical", ""))
        if cls is None:
            raise doc.error(
                f"object {oname}: {ospec.get('canonical')!r} is not a canonical model class",
                ["objects", oname, "canonical"],
            )
        raw = ospec.get("raw")
        if raw is not None:
            try:
                leaf, _ = resolve_canonical(cls, (raw,))
            except KeyError:
                raise doc.error(f"object {oname}: no field {raw!r}", ["objects", oname]) from None
            if leaf is not RawFragment:
                raise doc.error(
                    f"object {oname}: raw field must hold a RawFragment", ["objects", oname]
                )
        rules = [_compile_rule(doc, oname, cls, r, objects_raw) for r in ospec.get("rules", [])]
        raw_schema = ospec.get("raw_schema")
        if raw_schema is not None and raw_schema not in bundled.schema_names():
            raise doc.error(f"object {oname}: unknown schema {raw_schema!r}", ["objects", oname])
        spec = ObjectSpec(
            oname,
            ospec.get("__namespace__", namespace),
            cls,
            raw,
            raw_schema,
            ospec.get("extensions", True),
            rules,
        )
        spec.read_rules = [r for r in rules if r.reads]
        spec.write_rules = [r for r in rules if r.writes]
        spec.const_natives = frozenset(
            r.native_str for r in spec.read_rules if r.const is not MISSING
        )
        spec.written_paths = {r.native_str: r for r in spec.write_rules if r.const is MISSING}
        for r in spec.write_rules:
            if r.with_ and r.canonical:
                spec.filtered.setdefault(r.canonical, False)
        for r in spec.write_rules:
            if not r.with_ and r.canonical in spec.filtered:
                spec.filtered[r.canonical] = True
        for r in spec.write_rules:
            if r.canonical:
                _add_coverage(spec.coverage, r.canonical)
        if raw:
            _add_coverage(spec.coverage, (raw,))
        for covered in ospec.get("covers", []):
            parts = tuple(covered.split("."))
            try:
                resolve_canonical(cls, parts)
            except KeyError:
                raise doc.error(
                    f"object {oname}: covers {covered!r}, which does not exist", ["objects", oname]
                ) from None
            _add_coverage(spec.coverage, parts)
        specs[oname] = spec
    options = {k: data[k] for k in ("csv", "resume") if k in data}
    return Mapping(
        name,
        namespace,
        doc.source,
        root["object"],
        root["canonical"],
        specs,
        options,
        data.get("unreadable", "drop"),
    )


def _compile_rule(
    doc: _Doc, oname: str, cls: type[BaseModel], r: dict[str, Any], objects: dict[str, Any]
) -> Rule:
    native = r["native"]
    tname = r.get("transform", "identity")
    transform = REGISTRY.get(tname)
    if transform is None:
        raise doc.error(
            f"object {oname}, rule {native!r}: unknown transform {tname!r} "
            f"(known: {', '.join(sorted(REGISTRY))})",
            _locate(doc, oname, native, "transform"),
        )
    canonical = tuple(r["canonical"].split(".")) if "canonical" in r else None
    many = False
    if canonical:
        try:
            leaf, many = resolve_canonical(cls, canonical)
        except KeyError as exc:
            raise doc.error(
                f"object {oname}, rule {native!r}: canonical path {r['canonical']!r} does not "
                f"exist in {cls.__name__} (no {exc.args[0]!r})",
                _locate(doc, oname, native, "canonical"),
            ) from None
        obj = r.get("object")
        if obj is not None:
            if obj not in objects:
                raise doc.error(
                    f"object {oname}, rule {native!r}: object {obj!r} is not defined",
                    _locate(doc, oname, native, "object"),
                )
            target = _model_class(objects[obj].get("canonical", ""))
            if r.get("link"):
                link = r["link"]
                if link not in LearnerRecord.model_fields:
                    raise doc.error(
                        f"object {oname}, rule {native!r}: link {link!r} is not a record field",
                        _locate(doc, oname, native, "link"),
                    )
            elif target is not None and leaf is not target:
                held = getattr(leaf, "__name__", leaf)
                raise doc.error(
                    f"object {oname}, rule {native!r}: {r['canonical']!r} holds "
                    f"{held}, but object {obj!r} makes {target.__name__}",
                    _locate(doc, oname, native, "object"),
                )
    if r.get("with") and r.get("object") in objects:
        target_cls = _model_class(objects[r["object"]].get("canonical", ""))
        for key in r["with"]:
            if target_cls is not None and key not in target_cls.model_fields:
                raise doc.error(
                    f"object {oname}, rule {native!r}: 'with' names {key!r}, which "
                    f"{target_cls.__name__} does not have",
                    _locate(doc, oname, native, "with"),
                )
    fallback = []
    for fb in r.get("fallback", []):
        parts = tuple(fb.split("."))
        try:
            resolve_canonical(cls, parts)
        except KeyError:
            raise doc.error(
                f"object {oname}, rule {native!r}: fallback {fb!r} does not exist",
                _locate(doc, oname, native, "fallback"),
            ) from None
        fallback.append(parts)
    direction = r.get("direction", "both")
    reads, writes = direction in ("both", "read"), direction in ("both", "write")
    invertible = r.get("invertible", transform.invertible and reads and writes)
    return Rule(
        native=split_native(native),
        native_str=native,
        canonical=canonical,
        transform=transform,
        params=dict(r.get("params", {})),
        fidelity=r.get("fidelity", "exact"),
        invertible=bool(invertible),
        reads=reads,
        writes=writes,
        array=bool(r.get("array", False)),
        many=many,
        object=r.get("object"),
        iri=r.get("iri"),
        compact=bool(r.get("compact", False)),
        with_=dict(r.get("with", {})),
        link=r.get("link"),
        const=r.get("const", MISSING),
        required=bool(r.get("required", False)),
        fallback=tuple(fallback),
        mint=r.get("mint"),
        default=r.get("default", MISSING),
        note=r.get("note"),
        canonical_str=r.get("canonical", ""),
        native_pointer=pointer("", split_native(native)),
        synth=bool(fallback) or bool(r.get("mint")),
    )


def load_mapping(ref: str | Path) -> Mapping:
    """Load and compile a mapping: a shipped name (``"ob3"``) or a file path. Shipped
    mappings are compiled once and cached."""
    ref = str(ref)
    if ref in shipped_mappings():
        return _load_shipped(ref)
    data, doc = load_mapping_data(ref)
    return compile_data(data, doc)


@lru_cache(maxsize=64)
def _load_shipped(name: str) -> Mapping:
    data, doc = load_mapping_data(name)
    return compile_data(data, doc)


def check_namespace(mapping: Mapping, expected: str) -> None:
    if mapping.namespace != expected:
        raise MappingError(
            f"mapping namespace {mapping.namespace!r} does not match format {expected!r}",
            source=mapping.source,
        )
