"""Load, validate and merge mapping files. Errors name the file and the line."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from ..errors import MappingError

MAX_MAPPING_BYTES = 2 * 1024 * 1024

# libyaml's safe loader when PyYAML was built with it (same results, ~10x faster); the
# pure-Python one otherwise. Both only ever build plain dicts, lists and scalars.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def mapping_schema() -> dict[str, Any]:
    text = resources.files("lerbridge.mapping").joinpath("schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _mapping_validator() -> Any:
    """The mapping-file schema's validator, built once (the schema is package data)."""
    import jsonschema  # only for a mapping file with an error: it words the message

    return jsonschema.Draft202012Validator(mapping_schema())


@lru_cache(maxsize=1)
def _mapping_validator_rs() -> Any:
    """The same schema compiled by jsonschema-rs: the fast yes/no (same draft, no $ref)."""
    return jsonschema_rs.validator_for(mapping_schema())


@lru_cache(maxsize=1)
def _shipped() -> tuple[str, ...]:
    folder = resources.files("lerbridge.mappings")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def shipped_mappings() -> list[str]:
    """Names of the mapping files shipped in the package (listed once per process)."""
    return list(_shipped())


def _line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """The 1-based line of the YAML node at ``path`` (or its nearest parent)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for key in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    child = v
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


class _Doc:
    """A parsed mapping file; its YAML node tree (for line numbers) is built only when an
    error needs a line."""

    def __init__(self, data: dict[str, Any], text: str, source: str):
        self.data = data
        self.text = text
        self.source = source

    @property
    def node(self) -> yaml.Node | None:
        return yaml.compose(self.text, Loader=_SafeLoader)  # type: ignore[no-any-return]

    def error(self, message: str, path: list[Any]) -> MappingError:
        line = _line_of(self.node, path)
        return MappingError(message, source=self.source, location=f"line {line}" if line else None)


def parse_text(text: str, source: str) -> _Doc:
    if len(text.encode("utf-8")) > MAX_MAPPING_BYTES:
        raise MappingError("mapping file is larger than 2 MiB", source=source)
    try:
        if "*" in text:  # an alias needs a '*': only then look for one, event by event
            for event in yaml.parse(text, Loader=_SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    mark = event.start_mark
                    raise MappingError(
                        "YAML aliases are not allowed in mapping files",
                        source=source,
                        location=f"line {mark.line + 1}" if mark else None,
                    )
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise MappingError(f"not valid YAML: {problem}", source=source, location=loc) from None
    doc = _Doc(data if isinstance(data, dict) else {}, text, source)
    if not isinstance(data, dict):
        raise doc.error("a mapping file must be a YAML mapping (key: value)", [])
    if _mapping_validator_rs().is_valid(data):
        return doc  # the usual case; python-jsonschema words the error otherwise
    validator = _mapping_validator()
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        from jsonschema.exceptions import best_match

        err = best_match(errors) or errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise doc.error(f"{where}: {err.message}", list(err.absolute_path))
    return doc


def _read_source(ref: str, base: Path | None) -> tuple[str, str]:
    """Text and display name of a mapping given by shipped name or path."""
    if ref in shipped_mappings():
        res = resources.files("lerbridge.mappings").joinpath(f"{ref}.yaml")
        return res.read_text("utf-8"), f"mappings/{ref}.yaml"
    path = Path(ref)
    if base is not None and not path.is_absolute():
        path = base / path
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise MappingError("mapping file is larger than 2 MiB", source=str(path))
        return path.read_text("utf-8"), str(path)
    except OSError as exc:
        raise MappingError(f"cannot read mapping file: {exc.strerror}", source=str(path)) from None
    except UnicodeDecodeError:
        raise MappingError("mapping file is not UTF-8", source=str(path)) from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """An extending mapping overrides rules with the same native path, adds new ones and
    drops the native paths it lists under ``remove``."""
    out = {k: v for k, v in base.items() if k != "extends"}
    for key in ("mapping", "namespace", "description", "root"):
        if key in over:
            out[key] = over[key]
    if "csv" in over:
        out["csv"] = _merge_csv(base.get("csv", {}), over["csv"])
    if "resume" in over:
        base_resume = base.get("resume", {})
        out["resume"] = {
            k: ({**base_resume.get(k, {}), **v} if isinstance(v, dict) else v)
            for k, v in {**base_resume, **over["resume"]}.items()
        }
    objects = {name: dict(spec) for name, spec in base.get("objects", {}).items()}
    for name, spec in over.get("objects", {}).items():
        cur = objects.get(name, {"rules": []})
        removed = set(spec.get("remove", []))
        replaced = {r["native"]: r for r in spec.get("rules", [])}
        rules = []
        for rule in cur.get("rules", []):
            if rule["native"] in removed:
                continue
            rules.append(replaced.pop(rule["native"], rule))
        rules.extend(r for r in spec.get("rules", []) if r["native"] in replaced)
        merged = {**cur, **{k: v for k, v in spec.items() if k not in ("rules", "remove")}}
        merged["rules"] = rules
        objects[name] = merged
    out["objects"] = objects
    return out


def _merge_csv(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """CSV settings: keys of the extending file win; its columns replace the base's
    columns of the same name (keeping their place) and new ones are added at the end."""
    out = {**base, **{k: v for k, v in over.items() if k != "columns"}}
    if "columns" in over:
        mine = {c["name"]: c for c in over["columns"]}
        cols = [mine.pop(c["name"], c) for c in base.get("columns", [])]
        out["columns"] = cols + [c for c in over["columns"] if c["name"] in mine]
    return out


def load_mapping_data(
    ref: str, *, _base: Path | None = None, _seen: tuple[str, ...] = ()
) -> tuple[dict[str, Any], _Doc]:
    """Parse and validate a mapping (shipped name or path), resolving ``extends``."""
    text, source = _read_source(ref, _base)
    if source in _seen:
        raise MappingError(f"'extends' loops back to {source}", source=_seen[-1])
    doc = parse_text(text, source)
    data = doc.data
    parent = data.get("extends")
    if parent:
        base_dir = None if source.startswith("mappings/") else Path(source).parent
        base_data, _ = load_mapping_data(parent, _base=base_dir, _seen=(*_seen, source))
        data = _merge(base_data, data)
    for name in data.get("imports", []):
        if name not in shipped_mappings():
            raise doc.error(f"imports: {name!r} is not a shipped mapping", ["imports"])
        imported, _ = load_mapping_data(name, _seen=(*_seen, source))
        namespace = imported.get("namespace", imported["mapping"])
        objects = dict(data.get("objects", {}))
        for oname, ospec in imported.get("objects", {}).items():
            if oname not in objects:
                objects[oname] = {"__namespace__": ospec.get("__namespace__", namespace), **ospec}
        data = {**data, "objects": objects}
    return data, doc
