"""Every XML parser and XSD schema of the project comes from lerbridge.xmlsafe: a guard
over the source, and the factory's settings themselves."""

from __future__ import annotations

import re
from pathlib import Path

import lerbridge
from lerbridge.xmlsafe import xml_parser

SRC = Path(lerbridge.__file__).parent
FORBIDDEN = re.compile(
    r"\b(etree|ET|ElementTree)\.(XMLParser|HTMLParser|fromstring|XML|parse|iterparse"
    r"|XMLPullParser)\s*\("
    r"|xmlschema\.(XMLSchema\w*|XMLResource|iter_errors|validate|to_dict)\s*\("
    r"|\bxml\.(dom|sax)\b|\bminidom\b"
)


def test_no_parser_outside_the_factory() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "xmlsafe.py":
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if FORBIDDEN.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert offenders == []


def test_the_factory_settings() -> None:
    parser = xml_parser()
    assert parser is not xml_parser()  # one per call: lxml parsers are not thread-safe
    # resolve_entities=False, no_network, no DTD: an entity stays an unexpanded node
    from lxml import etree

    root = etree.fromstring(b'<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', xml_parser())
    assert root.text is None and [type(c).__name__ for c in root] == ["_Entity"]
