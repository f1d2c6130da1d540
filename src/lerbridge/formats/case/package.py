"""CASE package syntax: recognize a CFPackage (bare, or in a ``{"CFPackage": ...}``
wrapper), tell its version, and clean what real exports get wrong before the mapping
reads it (research note case.md section 8): ``null`` and ``""`` for absent values, the
internal ``CFPackageURI`` / ``CFDocumentURI`` / ``CFItemAssociationURI`` references that
the package schema does not allow, the 2017 key ``educationalLevel`` (a string), and
``CFDefinitions`` given as ``[]``. Every change is reported."""

from __future__ import annotations

import re
import uuid
from typing import Any

from ...errors import ReadError
from ...report import LossReport

FORMAT = "case"
PARTS = ("CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics")
INTERNAL_REFS = ("CFPackageURI", "CFDocumentURI", "CFItemAssociationURI")
V11_KEYS = ("frameworkType", "extensions", "subjectURI", "targetType", "caseVersion")
#: The lower-case RFC 4122 form the CASE 1.0 UUID class asks for.
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
#: Namespace of the identifiers lerbridge mints for CASE: uuid5(CASE_NS, content).
CASE_NS = uuid.UUID("1d6c2b52-7f3e-5c1a-9d1e-636173652d31")


def package_of(doc: Any) -> dict[str, Any] | None:
    """The CFPackage a document is or wraps, if it is one."""
    if not isinstance(doc, dict):
        return None
    if isinstance(doc.get("CFPackage"), dict) and len(doc) == 1:
        doc = doc["CFPackage"]
    if isinstance(doc.get("CFDocument"), dict) and set(doc) <= {*PARTS, "extensions", "@context"}:
        return doc
    return None


def version_of(pkg: dict[str, Any]) -> str:
    """``"1.1"`` or ``"1.0"``, by the rule of thumb of case.md section 0."""
    doc = pkg.get("CFDocument") or {}
    if doc.get("caseVersion") == "1.1":
        return "1.1"
    if _has_key(pkg, V11_KEYS) or any(
        isinstance(a, dict) and "notes" in a for a in pkg.get("CFAssociations") or []
    ):
        return "1.1"
    if "/ims/case/v1p1/" in str(doc.get("uri", "")):
        return "1.1"
    return "1.0"


def _has_key(node: Any, keys: tuple[str, ...]) -> bool:
    if isinstance(node, dict):
        return any(k in node for k in keys) or any(_has_key(v, keys) for v in node.values())
    if isinstance(node, list):
        return any(_has_key(v, keys) for v in node)
    return False


def unwrap(doc: Any, name: str) -> tuple[dict[str, Any], str]:
    """The package and the JSON Pointer it sits at; a clear error when there is none."""
    pkg = package_of(doc)
    if pkg is None:
        found = sorted(doc)[:8] if isinstance(doc, dict) else type(doc).__name__
        raise ReadError(
            f"not a CASE CFPackage (no CFDocument object beside CFItems / CFAssociations; "
            f"found {found})",
            source=name,
            location="/",
        )
    return pkg, "/CFPackage" if pkg is not doc else ""


def clean(pkg: dict[str, Any], base: str, report: LossReport) -> dict[str, Any]:
    """A copy of the package without what the mapping must not see, each change reported."""
    out = {k: _strip(v, f"{base}/{k}", report) for k, v in pkg.items() if k != "@context"}
    if "@context" in pkg:
        _drop(report, f"{base}/@context", "JSON-LD @context of a CASE package (not kept)")
    if out.get("CFDefinitions") == []:
        del out["CFDefinitions"]
        report.add(
            "value-coerced",
            "CFDefinitions given as [] read as absent",
            source_path=f"{base}/CFDefinitions",
            source_format=FORMAT,
        )
    for key in ("CFItems", "CFAssociations", "CFRubrics"):
        if key in out and not isinstance(out[key], list):
            raise ReadError(f"{key} is not an array", location=f"{base}/{key}")
    _drop_refs(out.get("CFDocument"), f"{base}/CFDocument", report)
    _uri(out.get("CFDocument"), f"{base}/CFDocument", report)
    doc = out.get("CFDocument")
    if isinstance(doc, dict) and "caseVersion" in doc:
        _drop(
            report,
            f"{base}/CFDocument/caseVersion",
            "version marker; kept as the record's provenance dialect (the case writer writes 1.1)",
            doc.pop("caseVersion"),
        )
    for key in ("CFItems", "CFAssociations"):
        for i, node in enumerate(out.get(key) or []):
            if not isinstance(node, dict):
                raise ReadError(f"{key}[{i}] is not an object", location=f"{base}/{key}/{i}")
            _drop_refs(node, f"{base}/{key}/{i}", report)
            if key == "CFItems":
                _uri(node, f"{base}/{key}/{i}", report)
            if key == "CFItems":
                _education_level(node, f"{base}/{key}/{i}", report)
    return out


def _strip(value: Any, where: str, report: LossReport) -> Any:
    """``null`` and ``""`` are absent values (the guide says: omit them)."""
    if isinstance(value, dict):
        kept = {}
        for k, v in value.items():
            if v is None or v == "":
                report.add(
                    "value-coerced",
                    f"{'null' if v is None else 'empty'} {k} read as absent",
                    source_path=f"{where}/{k}",
                    source_format=FORMAT,
                )
                continue
            kept[k] = _strip(v, f"{where}/{k}", report)
        return kept
    if isinstance(value, list):
        return [_strip(v, f"{where}/{i}", report) for i, v in enumerate(value)]
    return value


def _drop(report: LossReport, where: str, message: str, value: Any = None) -> None:
    report.add(
        "unmapped-source-field", message, source_path=where, source_format=FORMAT, value=value
    )


def _drop_refs(node: Any, where: str, report: LossReport) -> None:
    if not isinstance(node, dict):
        return
    for key in INTERNAL_REFS:
        if key in node:
            ref = node.pop(key)
            value = ref.get("uri") if isinstance(ref, dict) else ref
            _drop(
                report,
                f"{where}/{key}",
                f"{key} inside a package is not allowed by the "
                "package schema (an internal reference the package itself gives); dropped",
                value if isinstance(value, str) else None,
            )


def _uri(node: Any, where: str, report: LossReport) -> None:
    """A node's uri is its canonical id: one without takes ``urn:uuid:<identifier>``."""
    if not isinstance(node, dict) or isinstance(node.get("uri"), str):
        return
    ident = node.get("identifier")
    if not isinstance(ident, str):
        raise ReadError(
            "a node without a uri, and without a string identifier to make one from", location=where
        )
    node["uri"] = f"urn:uuid:{ident.lower()}"
    report.add(
        "value-synthesized",
        "uri missing (CASE requires it); urn:uuid: of the identifier",
        source_path=f"{where}/uri",
        source_format=FORMAT,
        value=node["uri"],
    )


def _education_level(node: dict[str, Any], where: str, report: LossReport) -> None:
    if "educationalLevel" not in node:
        return
    value = node.pop("educationalLevel")
    levels = value if isinstance(value, list) else [value]
    if "educationLevel" not in node:
        node["educationLevel"] = [str(x) for x in levels]
    report.add(
        "value-coerced",
        "pre-1.0 key educationalLevel read as educationLevel (an array)",
        source_path=f"{where}/educationalLevel",
        source_format=FORMAT,
        value=value if isinstance(value, str) else None,
    )


def mint(kind: str, seed: str) -> str:
    """A deterministic lower-case RFC 4122 identifier (version 5) from ``seed``."""
    return str(uuid.uuid5(CASE_NS, f"{kind}:{seed}"))
