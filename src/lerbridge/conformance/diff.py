"""Semantic comparison of two documents through the canonical model, even across formats:
what an import -> export cycle lost, added or changed, each with its canonical path.

Both documents are read into canonical records and compared value by value. Lists of
objects that carry an ``id`` are matched by id (``awards[id=urn:x].results[0].value``),
other lists by position. What describes the reading rather than the record is ignored:
``provenance`` (source format, dialect, mapping) and lerbridge's internal signature
bookkeeping (``digest``, ``original``, ``jwt``). ``ignore`` adds further canonical paths
(a path ignores everything below it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import LearnerRecord

Kind = Literal["lost", "added", "changed"]
Fact = tuple[str, Any]
#: keys left out at any depth: how lerbridge tracked a signature, not what the record says
INTERNAL_KEYS = frozenset({"digest", "original", "jwt"})
#: canonical paths left out by default
DEFAULT_IGNORE = ("provenance",)


@dataclass(frozen=True)
class Difference:
    """One difference: ``lost`` (in the original only), ``added`` (in the export only) or
    ``changed`` (in both, different values), at a canonical path."""

    kind: Kind
    path: str
    original: Any = None
    exported: Any = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "path": self.path}
        if self.kind != "added":
            out["original"] = self.original
        if self.kind != "lost":
            out["exported"] = self.exported
        return out

    def pretty(self) -> str:
        if self.kind == "lost":
            return f"lost    {self.path}: {_short(self.original)}"
        if self.kind == "added":
            return f"added   {self.path}: {_short(self.exported)}"
        return f"changed {self.path}: {_short(self.original)} -> {_short(self.exported)}"


@dataclass
class DiffResult:
    """What :func:`diff` returns. Empty (falsy) when the two documents say the same."""

    original_format: str
    exported_format: str
    differences: list[Difference] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.differences)

    def of_kind(self, kind: Kind) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        counts = {k: len(self.of_kind(k)) for k in ("lost", "added", "changed")}
        return {
            "original_format": self.original_format,
            "exported_format": self.exported_format,
            "summary": counts,
            "differences": [d.to_dict() for d in self.differences],
        }


def diff(
    original: Any,
    exported: Any,
    *,
    original_format: str | None = None,
    exported_format: str | None = None,
    ignore: Iterable[str] = (),
) -> DiffResult:
    """Compare two documents (anything :func:`lerbridge.read_records` takes: a Path, bytes,
    a str of content, a dict) through the canonical model. Formats are detected unless
    given. Several records (a CLR response, a multi-student CSV) are compared in order,
    under ``records[i]``."""
    from ..api import detect, read_records, to_input

    a_in = to_input(original)
    b_in = to_input(exported)
    a_fmt = original_format or detect(a_in.data, a_in.name)
    b_fmt = exported_format or detect(b_in.data, b_in.name)
    a_recs, _ = read_records(a_in.data, a_fmt, name=a_in.name)
    b_recs, _ = read_records(b_in.data, b_fmt, name=b_in.name)
    skip = (*DEFAULT_IGNORE, *ignore)
    out: list[Difference] = []
    several = len(a_recs) > 1 or len(b_recs) > 1
    for i in range(max(len(a_recs), len(b_recs))):
        prefix = f"records[{i}]" if several else ""
        if i >= len(b_recs):
            out.append(Difference("lost", prefix, _plain(a_recs[i]), None))
        elif i >= len(a_recs):
            out.append(Difference("added", prefix, None, _plain(b_recs[i])))
        else:
            out += diff_records(a_recs[i], b_recs[i], ignore=skip, prefix=prefix)
    return DiffResult(a_fmt, b_fmt, out)


def diff_records(
    original: LearnerRecord,
    exported: LearnerRecord,
    *,
    ignore: Iterable[str] = DEFAULT_IGNORE,
    prefix: str = "",
) -> list[Difference]:
    """The differences between two canonical records (see the module docstring)."""
    out: list[Difference] = []
    _compare(_plain(original), _plain(exported), prefix, tuple(ignore), out)
    return out


def facts(record: LearnerRecord, ignore: Iterable[str] = DEFAULT_IGNORE) -> Counter[Fact]:
    """Every leaf value of a record as ``(path, value)``, with every list index written
    ``[]``: what a document says whatever the ids and order of its items (a format that
    does not carry ids mints new ones). A multiset: two courses graded "A" count twice."""
    out: Counter[Fact] = Counter()
    _leaves(_plain(record), "", tuple(ignore), out)
    return out


def _leaves(value: Any, path: str, ignore: tuple[str, ...], out: Counter[Fact]) -> None:
    if _ignored(path, ignore):
        return
    if isinstance(value, dict):
        for key, sub in value.items():
            _leaves(sub, _join(path, key), ignore, out)
    elif isinstance(value, list):
        for sub in value:
            _leaves(sub, f"{path}[]", ignore, out)
    else:
        out[(path, value)] += 1


def _plain(record: LearnerRecord) -> Any:
    return _strip(record.model_dump(mode="json", exclude_none=True, exclude_defaults=True))


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in INTERNAL_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _ignored(path: str, ignore: tuple[str, ...]) -> bool:
    bare = _without_records(path)
    return any(bare == i or bare.startswith(i + ".") or bare.startswith(i + "[") for i in ignore)


def _without_records(path: str) -> str:
    if path.startswith("records["):
        end = path.find("]")
        return path[end + 2 :] if end + 1 < len(path) else ""
    return path


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """Items by id when every item is an object with a distinct id."""
    ids = [x.get("id") if isinstance(x, dict) else None for x in items]
    if not items or any(not isinstance(i, str) for i in ids) or len(set(ids)) != len(ids):
        return None
    return dict(zip(ids, items, strict=True))


def _compare(a: Any, b: Any, path: str, ignore: tuple[str, ...], out: list[Difference]) -> None:
    if _ignored(path, ignore) or a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*a, *(k for k in b if k not in a)]:
            sub = _join(path, key)
            if _ignored(sub, ignore):
                continue
            if key not in b:
                out.append(Difference("lost", sub, a[key], None))
            elif key not in a:
                out.append(Difference("added", sub, None, b[key]))
            else:
                _compare(a[key], b[key], sub, ignore, out)
        return
    if isinstance(a, list) and isinstance(b, list):
        ka, kb = _keyed(a), _keyed(b)
        if ka is not None and kb is not None:
            for ident in [*ka, *(k for k in kb if k not in ka)]:
                sub = f"{path}[id={ident}]"
                if ident not in kb:
                    out.append(Difference("lost", sub, ka[ident], None))
                elif ident not in ka:
                    out.append(Difference("added", sub, None, kb[ident]))
                else:
                    _compare(ka[ident], kb[ident], sub, ignore, out)
            return
        for i in range(max(len(a), len(b))):
            sub = f"{path}[{i}]"
            if i >= len(b):
                out.append(Difference("lost", sub, a[i], None))
            elif i >= len(a):
                out.append(Difference("added", sub, None, b[i]))
            else:
                _compare(a[i], b[i], sub, ignore, out)
        return
    out.append(Difference("changed", path, a, b))


def _short(value: Any, limit: int = 80) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."
