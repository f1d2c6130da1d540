"""Offline validation against the bundled legacy HR-XML 2.5 Resume schema.

The XSDs (``specs/hropen/hr-xml-2.5/``: ``HR-XML-2_5/{CPO,SEP}``, ``W3C/xml.xsd``) are
compiled once with xmlschema, ``allow="local"`` (no remote URL is ever opened) and a
``uri_mapper`` that refuses any location outside the bundled folder with
:class:`OfflineRefError`. ``allow="sandbox"`` cannot be used: xmlschema sandboxes every
include to its including file's folder, and ``SEP/Resume.xsd`` includes ``../CPO/*.xsd`` and
imports ``../../W3C/xml.xsd`` (the bundled copy is what the XML namespace import loads).

The folder is ``hropen/hr-xml-2.5`` in the specs folder (see :mod:`._root`); every file the
manifest lists there is checked before the compile.

Issues are :class:`SchemaIssue` records whose ``pointer`` is an XPath-like path with local
names and 1-based positions where siblings share a name
(``/Resume/StructuredXMLResume/EmploymentHistory/EmployerOrg[2]``) and whose
``schema_path`` describes the XSD component that failed.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..xmlsafe import xml_schema
from ._root import verify_folder
from ._types import OfflineRefError, SchemaIssue

if TYPE_CHECKING:  # xmlschema (0.4 s to import) is loaded only when a résumé is validated
    import xmlschema

__all__ = ["HRXML_NS", "RESUME_XSD", "is_valid_resume", "resume_schema", "validate_resume"]

HRXML_NS = "http://ns.hr-xml.org/2007-04-15"
#: The entry point, relative to the bundled ``hr-xml-2.5`` folder.
RESUME_XSD = "HR-XML-2_5/SEP/Resume.xsd"

_FOLDER = "hropen/hr-xml-2.5"
_MAX_MESSAGE = 500


def _mapper(root: Path, label: str = "HR-XML 2.5") -> Any:
    """``uri_mapper``: pass relative locations (resolved against the including bundled
    file), allow absolute ones only inside ``root``, refuse every other scheme."""
    base = root.resolve()

    def map_uri(url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme in ("", "file") or (len(parts.scheme) == 1 and url[1:3] in (":\\", ":/")):
            path = Path(unquote(parts.path)) if parts.scheme == "file" else Path(url)
            if not path.is_absolute() or path.resolve().is_relative_to(base):
                return url
        raise OfflineRefError(url, f"outside the bundled {label} schemas; never fetched")

    return map_uri


@lru_cache(maxsize=1)
def resume_schema() -> xmlschema.XMLSchema10:
    """The HR-XML 2.5 ``Resume`` schema, compiled once (about 0.2-0.3 s) from the bundled
    XSDs, fully offline. The compiled schema is immutable and safe to share."""
    root = verify_folder(_FOLDER)
    return xml_schema(str(root / RESUME_XSD), _mapper(root))


def _step(elem: Any) -> str:
    name = etree.QName(elem).localname
    parent = elem.getparent()
    if parent is None:
        return name
    same = [sib for sib in parent if sib.tag == elem.tag]
    return name if len(same) == 1 else f"{name}[{same.index(elem) + 1}]"


def _xpath(elem: Any) -> str | None:
    if not isinstance(elem, etree._Element) or not isinstance(elem.tag, str):
        return None
    steps: list[str] = []
    node: Any = elem
    while node is not None:
        steps.append(_step(node))
        node = node.getparent()
    return "/" + "/".join(reversed(steps))


def to_issue(error: xmlschema.XMLSchemaValidationError) -> SchemaIssue:
    """A SchemaIssue from an xmlschema error: an XPath-like pointer and a readable message."""
    pointer = _xpath(error.elem) or error.path or ""
    message = str(error.reason or error.message).strip()
    line = getattr(error, "sourceline", None)
    if line:
        message = f"{message} (line {line})"
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 3] + "..."
    validator = error.validator
    component = getattr(validator, "prefixed_name", None) or getattr(validator, "name", None)
    schema_path = f"{type(validator).__name__}({component})" if component else repr(validator)
    return SchemaIssue(pointer=pointer, message=message, schema_path=schema_path[:200])


def _source(root: Any) -> Any:
    if isinstance(root, etree._ElementTree):
        return root
    if isinstance(root, etree._Element):
        return root.getroottree() if root.getparent() is None else root
    raise TypeError(f"expected an lxml Element or ElementTree, not {type(root).__name__}")


def validate_resume(root: etree._Element | etree._ElementTree) -> list[SchemaIssue]:
    """Every violation of the HR-XML 2.5 Resume schema in ``root`` (an lxml tree or element,
    e.g. from :func:`lerbridge.xmlsafe.parse_xml`), sorted; empty when valid.
    ``xsi:schemaLocation`` hints in the document are ignored."""
    errors = resume_schema().iter_errors(_source(root), use_location_hints=False)
    return sorted({to_issue(e) for e in errors})


def is_valid_resume(root: etree._Element | etree._ElementTree) -> bool:
    """Whether ``root`` is a valid HR-XML 2.5 Resume (no issue list)."""
    return bool(resume_schema().is_valid(_source(root), use_location_hints=False))
