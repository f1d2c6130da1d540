#!/usr/bin/env python
"""Deterministic generator of a real-world-shaped CLR 2.0: ~375 KiB, 62 nested
credentials, several of them schema-invalid (issue 14's "375 KiB-class" case).

    python benchmarks/gen_clr_realworld.py [--out PATH]

Public CLRs of that size nest signed course credentials with alignments, evidence and
several results each, plus an identifier list and one association per course; and real
issuers' documents break the official schema in a few recurring ways. This builds that
shape from our own synthetic content (``gen_clr.course`` plus the details below): the same
call always gives the same bytes (uuid5 ids, a fixed-seed ``random.Random``, fixed dates).

The schema errors (:data:`BREAKAGES`, each on some nested credentials or the CLR itself):
a numeric result value where the schema wants a string (``oneOf``/``type``), an
achievement without ``criteria`` (``required``), an identity type outside the enumeration
(``enum``), an association ``type`` written as an array (``type``), a result description
with an unknown ``resultType`` (``anyOf``/``enum``). :func:`build_checked` asserts that
the document is invalid in exactly those places (and valid once they are undone).
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from pathlib import Path
from typing import Any

import gen_clr
import orjson

SEED = 375
CREDENTIALS = 62
FRAMEWORK = "https://bench.lerbridge.example/frameworks/general-education"
COMPETENCIES = (
    "Quantitative reasoning",
    "Written communication",
    "Oral communication",
    "Information literacy",
    "Critical thinking",
    "Ethical reasoning",
    "Intercultural knowledge",
    "Teamwork",
)
#: (nested credential index, what breaks); index -1 is the CLR itself
BREAKAGES = (
    (3, "numeric-result"),
    (11, "no-criteria"),
    (19, "numeric-result"),
    (27, "bad-result-type"),
    (38, "no-criteria"),
    (45, "numeric-result"),
    (57, "bad-result-type"),
    (-1, "identity-type"),
    (-1, "association-type"),
)


def _proof(rng: random.Random, i: int) -> dict[str, Any]:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    return {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": f"2023-06-{1 + i % 28:02d}T12:00:00Z",
        "verificationMethod": f"{gen_clr.ISSUER['id']}#key-{1 + i % 3}",
        "proofPurpose": "assertionMethod",
        "proofValue": "z" + "".join(rng.choice(alphabet) for _ in range(86)),
    }


def _details(cred: dict[str, Any], i: int, rng: random.Random) -> None:
    """Alignments, evidence, rubric results and a proof: the bulk of a real course award."""
    subject = cred["credentialSubject"]
    ach = subject["achievement"]
    picks = rng.sample(range(len(COMPETENCIES)), 2)
    ach["alignment"] = [
        {
            "type": ["Alignment"],
            "targetName": COMPETENCIES[k],
            "targetUrl": f"{FRAMEWORK}#{COMPETENCIES[k].lower().replace(' ', '-')}",
            "targetDescription": f"{COMPETENCIES[k]}: demonstrated through graded work "
            f"assessed against the institution's {COMPETENCIES[k].lower()} rubric.",
            "targetFramework": "General Education Outcomes",
            "targetType": "CFItem",
        }
        for k in picks
    ]
    ach["tag"] = [COMPETENCIES[k].split()[0].lower() for k in picks]
    ach["resultDescription"].append(
        {
            "id": gen_clr._uuid("rubric", i),
            "type": ["ResultDescription"],
            "name": "Outcome rubric",
            "resultType": "RubricCriterionLevel",
            "rubricCriterionLevel": [
                {
                    "id": gen_clr._uuid(f"level-{level}", i),
                    "type": ["RubricCriterionLevel"],
                    "name": name,
                    "description": f"{name} performance on the course outcomes.",
                    "points": str(points),
                }
                for level, (name, points) in enumerate(
                    (("Exemplary", 4), ("Proficient", 3), ("Developing", 2))
                )
            ],
        }
    )
    level = rng.randrange(3)
    subject["result"].append(
        {
            "type": ["Result"],
            "resultDescription": ach["resultDescription"][1]["id"],
            "achievedLevel": ach["resultDescription"][1]["rubricCriterionLevel"][level]["id"],
        }
    )
    cred["evidence"] = [
        {
            "id": f"{gen_clr.BASE}/evidence/{i}/{n}",
            "type": ["Evidence"],
            "name": f"{kind} ({ach['humanCode']})",
            "description": f"The {kind.lower()} submitted for {ach['name']}, graded by the "
            "instructor of record and kept by the registrar.",
            "genre": kind,
        }
        for n, kind in enumerate(("Final project",))
    ]
    cred["proof"] = [_proof(rng, i)]


def _break(doc: dict[str, Any], where: int, what: str) -> None:
    subject = doc["credentialSubject"]
    if where >= 0:
        cs = subject["verifiableCredential"][where]["credentialSubject"]
        if what == "numeric-result":
            cs["result"][0]["value"] = 3.7
            cs["achievement"]["resultDescription"][0]["resultType"] = "GradePointAverage"
        elif what == "no-criteria":
            del cs["achievement"]["criteria"]
        elif what == "bad-result-type":
            cs["achievement"]["resultDescription"][0]["resultType"] = "Grade"
    elif what == "identity-type":
        subject["identifier"][1]["identityType"] = "studentId"
    elif what == "association-type":
        for assoc in subject["association"][:5]:
            assoc["type"] = ["Association"]


def build(broken: bool = True) -> dict[str, Any]:
    """The document as a dict; ``broken=False`` gives the same without :data:`BREAKAGES`."""
    rng = random.Random(SEED)
    doc = gen_clr.build(CREDENTIALS, seed=SEED)
    for i, cred in enumerate(doc["credentialSubject"]["verifiableCredential"]):
        _details(cred, i, rng)
    doc["name"] = "Comprehensive Learner Record - Benchmark State University"
    doc["description"] = "Generated by lerbridge benchmarks/gen_clr_realworld.py (synthetic)."
    doc["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityHash": value,
            "identityType": kind,
            "hashed": False,
        }
        for kind, value in (
            ("emailAddress", "learner@bench.lerbridge.example"),
            ("ext:studentId", "S0001375"),
        )
    ]
    doc["proof"] = [_proof(rng, CREDENTIALS)]
    if broken:
        for where, what in BREAKAGES:
            _break(doc, where, what)
    return doc


def broken_pointers(doc: dict[str, Any]) -> list[str]:
    """Where lerbridge's reader reports official-schema errors (CLR + nested)."""
    from lerbridge import specs

    found = [p for p, _ in specs.violations(doc, gen_clr.CLR_SCHEMA)]
    for i, cred in enumerate(doc["credentialSubject"]["verifiableCredential"]):
        for name in gen_clr.NESTED_SCHEMAS:
            found += [f"/nested/{i}{p}" for p, _ in specs.violations(cred, name)]
    return found


def build_checked() -> tuple[dict[str, Any], bytes]:
    """(document, its bytes); raises :class:`gen_clr.InvalidGenerated` unless the clean
    variant validates and the broken one fails on every broken credential."""
    clean = build(broken=False)
    if broken_pointers(clean):
        raise gen_clr.InvalidGenerated(f"clean variant invalid: {broken_pointers(clean)[:5]}")
    doc = build()
    where = broken_pointers(doc)
    for index, _what in BREAKAGES:
        if index >= 0 and not any(p.startswith(f"/nested/{index}/") for p in where):
            raise gen_clr.InvalidGenerated(f"nested credential {index} is not invalid")
    if not any(not p.startswith("/nested/") for p in where):
        raise gen_clr.InvalidGenerated("the CLR itself is not invalid")
    return doc, orjson.dumps(copy.deepcopy(doc), option=orjson.OPT_INDENT_2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", 1)[0])
    ap.add_argument("--out", metavar="PATH", help="write the JSON here (default: stdout)")
    args = ap.parse_args(argv)
    _doc, raw = build_checked()
    if args.out:
        Path(args.out).write_bytes(raw)
        print(f"{args.out}: {len(raw):,} bytes, {CREDENTIALS} nested credentials", file=sys.stderr)
    else:
        sys.stdout.buffer.write(raw + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
