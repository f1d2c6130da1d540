"""Small documents written for these tests (not upstream copies)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def ob3_badge(**over: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": [VC2, OB3],
        "id": "urn:uuid:0b9a3a4e-6f5c-4c55-9d0e-2f3c1b7a9e01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Forklift safety",
        "issuer": {
            "id": "https://issuer.example.org",
            "type": ["Profile"],
            "name": "Example Training",
        },
        "validFrom": "2024-03-01T09:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner-42",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example.org/achievements/forklift",
                "type": ["Achievement"],
                "name": "Forklift safety",
                "description": "Operates a forklift safely in a warehouse.",
                "criteria": {"narrative": "Passed the practical test."},
            },
        },
    }
    doc.update(over)
    return doc


def ob2_assertion(identity: str) -> dict[str, Any]:
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://issuer.example.org/assertions/1",
        "recipient": {"type": "email", "hashed": True, "salt": "pepper", "identity": identity},
        "badge": "https://issuer.example.org/badges/1",
        "issuedOn": "2024-03-01T09:00:00Z",
        "verification": {"type": "hosted"},
    }


def write(folder: Path, name: str, doc: Any) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path
