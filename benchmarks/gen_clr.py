#!/usr/bin/env python
"""Deterministic generator of a large, valid CLR 2.0 (final) transcript.

    python benchmarks/gen_clr.py [--courses N] [--out PATH]

builds a ClrCredential with ``N`` (default 1,000) nested OB 3.0 AchievementCredentials,
one per course, a degree achievement at ``credentialSubject.achievement`` and one
``isChildOf`` association per course (course achievement -> degree achievement). The same
``N`` always gives the same bytes: ids are uuid5 of a fixed namespace, grades come from a
``random.Random`` with a fixed seed, dates count from a fixed start term (never "now").

:func:`build_checked` also checks the document against the bundled official schema
(``lerbridge.specs.validate(doc, "clr/clrcredential")``) and each nested credential
against ``ob3/achievementcredential`` and ``clr/achievementcredential``; it raises
:class:`InvalidGenerated` otherwise.
"""

from __future__ import annotations

import argparse
import random
import sys
import uuid
from pathlib import Path
from typing import Any

import orjson

SEED = 20_260_101
NAMESPACE = uuid.UUID("6f0f5c1e-3b4d-5a6e-8f90-123456789abc")
BASE = "https://bench.lerbridge.example"
ISSUER = {
    "id": "did:web:registrar.bench.lerbridge.example",
    "type": ["Profile"],
    "name": "Benchmark State University - Office of the Registrar",
}
LEARNER = "did:example:bench-learner-0001"
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB3_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
DEPARTMENTS = (
    ("CS", "Computer Science"),
    ("MATH", "Mathematics"),
    ("STAT", "Statistics"),
    ("PHYS", "Physics"),
    ("ECON", "Economics"),
    ("HIST", "History"),
    ("PHIL", "Philosophy"),
    ("BIO", "Biology"),
    ("CHEM", "Chemistry"),
    ("ENGL", "English"),
)
TOPICS = (
    "Foundations",
    "Methods",
    "Systems",
    "Theory",
    "Applications",
    "Seminar",
    "Laboratory",
    "Analysis",
)
LETTERS = ["A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D", "F"]
TERMS = (("Spring", "05-15"), ("Summer", "08-10"), ("Fall", "12-18"))
FIRST_YEAR = 2012


CLR_SCHEMA = "clr/clrcredential"
#: each nested credential must pass both: OB 3.0's own schema and the CLR bundle's
NESTED_SCHEMAS = ("ob3/achievementcredential", "clr/achievementcredential")


class InvalidGenerated(RuntimeError):
    """The generated document does not pass the official schema (a generator bug, or a
    change in the bundled schemas)."""


def _uuid(kind: str, i: int) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}-{i}')}"


def _term(i: int, courses: int) -> tuple[str, str]:
    """(term name, ISO date the term ends), oldest first: the courses spread over at most
    36 terms (12 years from 2012), so 1,000 courses end in 2023."""
    per_term = max(1, -(-courses // 36))
    k = i // per_term
    year = FIRST_YEAR + k // len(TERMS)
    season, end = TERMS[k % len(TERMS)]
    return f"{season} {year}", f"{year}-{end}T00:00:00Z"


def course(i: int, courses: int, rng: random.Random) -> dict[str, Any]:
    """One course award: an OB 3.0 AchievementCredential nested in the CLR."""
    code, dept = DEPARTMENTS[i % len(DEPARTMENTS)]
    number = 100 + (i // len(DEPARTMENTS)) % 900
    section = i // (len(DEPARTMENTS) * 900)
    topic = TOPICS[i % len(TOPICS)]
    human = f"{code} {number}" + (f"-{section}" if section else "")
    name = f"{dept} {topic} {number}"
    term, valid_from = _term(i, courses)
    credits = (3, 4, 3, 2, 3)[i % 5]
    slug = human.replace(" ", "-").lower()
    achievement = {
        "id": f"{BASE}/courses/{slug}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": name,
        "description": f"{topic} in {dept.lower()}: lectures, problem sets and a final "
        f"examination ({credits} credit hours).",
        "criteria": {"narrative": f"Complete {human} with a passing grade (D or better)."},
        "humanCode": human,
        "creditsAvailable": float(credits),
        "resultDescription": [
            {
                "id": _uuid("result-description", i),
                "type": ["ResultDescription"],
                "name": "Letter Grade",
                "resultType": "LetterGrade",
                "allowedValue": LETTERS,
            }
        ],
    }
    grade = LETTERS[min(len(LETTERS) - 1, int(rng.expovariate(0.8)))]
    return {
        "@context": OB3_CONTEXTS,
        "id": _uuid("course-credential", i),
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": f"{human} - {name}",
        "issuer": ISSUER,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": LEARNER,
            "type": ["AchievementSubject"],
            "achievement": achievement,
            "creditsEarned": 0.0 if grade == "F" else float(credits),
            "term": term,
            "result": [
                {
                    "type": ["Result"],
                    "value": grade,
                    "resultDescription": achievement["resultDescription"][0]["id"],
                }
            ],
        },
    }


def degree(credits: float) -> dict[str, Any]:
    return {
        "id": f"{BASE}/programs/ba-liberal-studies",
        "type": ["Achievement"],
        "achievementType": "BachelorDegree",
        "name": "Bachelor of Arts in Liberal Studies",
        "description": "Interdisciplinary bachelor's degree; this record lists every course "
        "taken towards it.",
        "criteria": {"narrative": "Complete the listed courses with a cumulative GPA of 2.0."},
        "humanCode": "BA-LS",
        "creditsAvailable": credits,
    }


def build(courses: int = 1000, seed: int = SEED) -> dict[str, Any]:
    """The CLR 2.0 document as a dict (deterministic for a given ``courses``/``seed``)."""
    if courses < 1:
        raise ValueError("a CLR needs at least one course")
    rng = random.Random(seed)
    creds = [course(i, courses, rng) for i in range(courses)]
    deg = degree(sum(c["credentialSubject"]["creditsEarned"] for c in creds))
    links = [
        {
            "type": "Association",
            "associationType": "isChildOf",
            "sourceId": c["credentialSubject"]["achievement"]["id"],
            "targetId": deg["id"],
        }
        for c in creds
    ]
    return {
        "@context": CONTEXTS,
        "id": _uuid("clr", courses),
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": f"Comprehensive Learner Record - {courses:,} courses",
        "description": "Generated by lerbridge benchmarks/gen_clr.py (synthetic data).",
        "issuer": ISSUER,
        "validFrom": max(c["validFrom"] for c in creds),
        "credentialSubject": {
            "id": LEARNER,
            "type": ["ClrSubject"],
            "verifiableCredential": creds,
            "achievement": [deg],
            "association": links,
        },
    }


def build_checked(courses: int = 1000) -> tuple[dict[str, Any], bytes]:
    """(document, its bytes), after checking both against the official schemas."""
    from lerbridge import specs

    doc = build(courses)
    issues: list[str] = [f"{x.pointer}: {x.message}" for x in specs.validate(doc, CLR_SCHEMA)]
    for i, cred in enumerate(doc["credentialSubject"]["verifiableCredential"]):
        for name in NESTED_SCHEMAS:
            if not specs.is_valid(cred, name):  # fast check; the issue list only on failure
                issues += [
                    f"verifiableCredential/{i}{x.pointer}: {x.message} ({name})"
                    for x in specs.validate(cred, name)
                ]
    if issues:
        shown = "\n  ".join(str(x) for x in issues[:10])
        raise InvalidGenerated(
            f"gen_clr.build({courses}) is not a valid CLR 2.0 ({len(issues)} issue(s)):\n  {shown}"
        )
    return doc, orjson.dumps(doc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--courses", type=int, default=1000)
    ap.add_argument("--out", metavar="PATH", help="write the JSON here (default: stdout)")
    args = ap.parse_args(argv)
    _doc, raw = build_checked(args.courses)
    if args.out:
        Path(args.out).write_bytes(raw)
        print(f"{args.out}: {len(raw):,} bytes, {args.courses:,} courses, valid", file=sys.stderr)
    else:
        sys.stdout.buffer.write(raw + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
