"""What the XSD-driven XML formats (HR-XML, PESC) share: a lax decode through the official
schema with every violation reported, an encode that refuses any output the schema does not
accept (never a partial document), and serialization."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from ..errors import WriteError
from ..report import LossReport
from ..specs import SchemaIssue
from ..specs.hropen_xml import to_issue


def decode_lax(
    schema: Any,
    tree: etree._ElementTree,
    namespaces: dict[str, str],
    report: LossReport,
    source_format: str,
    **options: Any,
) -> dict[str, Any]:
    """The document as a dict (xmlschema ``to_dict``, lax); each schema violation is a
    ``source-schema-violation`` entry with its element path; xmlns keys dropped."""
    data, errors = schema.to_dict(
        tree,
        validation="lax",
        namespaces=namespaces,
        use_location_hints=False,
        xmlns_processing="none",
        keep_empty=True,
        **options,
    )
    for err in errors:
        issue = to_issue(err)
        report.add(
            "source-schema-violation",
            issue.message,
            source_path=issue.pointer,
            source_format=source_format,
        )
    out: dict[str, Any] = data if isinstance(data, dict) else {}
    for key in [k for k in out if k == "@xmlns" or k.startswith("@xmlns:")]:
        del out[key]
    return out


def encode_checked(
    schema: Any,
    data: dict[str, Any],
    path: str,
    namespaces: dict[str, str],
    validate: Callable[[etree._Element], list[SchemaIssue]],
    title: str,
    fixup: Callable[[etree._Element], None] | None = None,
) -> etree._Element:
    """The element tree of ``data`` in schema order; ``fixup`` may rearrange it before the
    final check. :class:`WriteError` naming up to ten issues when the schema cannot encode
    it or the result does not validate."""
    elem, errors = schema.encode(
        data,
        path=path,
        namespaces=namespaces,
        validation="lax",
        unordered=True,
        etree_element_class=etree.Element,
    )
    if elem is not None and fixup is not None:
        fixup(elem)
    issues = [to_issue(e) for e in errors] if errors else []
    if not issues and elem is not None:
        issues = validate(elem)
    if issues or elem is None:
        lines = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:10])
        raise WriteError(f"output fails the {title} schema ({len(issues)} issue(s)): {lines}")
    out: etree._Element = elem
    return out


def serialize(elem: etree._Element, encoding: str = "UTF-8") -> bytes:
    etree.indent(elem, space="  ")
    out: bytes = etree.tostring(elem, xml_declaration=True, encoding=encoding, pretty_print=True)
    return out


def strip_none(value: Any) -> Any:
    """``value`` without ``None`` members, recursively (xmlschema would write them empty)."""
    if isinstance(value, dict):
        return {k: strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_none(v) for v in value if v is not None]
    return value
