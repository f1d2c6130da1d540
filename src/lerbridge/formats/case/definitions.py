"""CFDefinitions written back complete: the package schema requires fields that real
exports leave ``null`` (read as absent, reported), such as a CFItemType's ``description``
or a CFSubject's ``hierarchyCode``. Each is filled from the entry itself (its title, its
position) and reported; nothing is invented beyond that."""

from __future__ import annotations

from typing import Any

from ...report import LossReport
from .package import FORMAT

#: Required fields of each definition list (case_v1p1_cfpackage-jsonschema1.json) that
#: can be filled from the entry, and from what.
REQUIRED = {
    "CFItemTypes": ("description", "hierarchyCode"),
    "CFSubjects": ("hierarchyCode",),
    "CFConcepts": ("hierarchyCode",),
    "CFLicenses": ("licenseText",),
    "CFAssociationGroupings": (),
}


def complete(defs: Any, when: str, report: LossReport) -> Any:
    if not isinstance(defs, dict):
        return defs
    out = dict(defs)
    for key, fields in REQUIRED.items():
        entries = out.get(key)
        if not isinstance(entries, list):
            continue
        filled = []
        for i, entry in enumerate(entries):
            entry = dict(entry) if isinstance(entry, dict) else entry
            if isinstance(entry, dict):
                for name in fields:
                    if name not in entry:
                        value = str(i + 1) if name == "hierarchyCode" else entry.get("title", "")
                        entry[name] = value
                        _report(report, f"CFDefinitions/{key}/{i}/{name}", name, value)
                if "lastChangeDateTime" not in entry:
                    entry["lastChangeDateTime"] = when
                    _report(report, f"CFDefinitions/{key}/{i}", "lastChangeDateTime", when)
            filled.append(entry)
        out[key] = filled
    return out


def _report(report: LossReport, where: str, name: str, value: str) -> None:
    source = "its position" if name == "hierarchyCode" else "its title"
    report.add(
        "value-synthesized",
        f"{name} is required in a package; filled from {source}",
        canonical_path=f"extensions.case.{where}",
        target_format=FORMAT,
        value=value,
    )
