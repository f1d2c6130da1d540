"""The four reference records of the conformance kit, written for lerbridge (fictitious
people and organisations, fixed ids and dates: the kit is the same on every run).

Each is given in the format that states it most naturally; the kit reads it into the
canonical model and writes it in every writable format.
"""

from __future__ import annotations

from typing import Any

ORG = "https://kit.lerbridge.example/org/northfield"
OB3_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]

BADGE: dict[str, Any] = {
    "@context": OB3_CONTEXTS,
    # an https id under the issuer's origin, so the OB 2.0 form can be a hosted assertion
    "id": "https://kit.lerbridge.example/assertions/6f1d3a52-0c7e-5b9a-9d1e-1a2b3c4d5e01",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Data Literacy Badge for Mira Castellanos",
    "issuer": {
        "id": ORG,
        "type": ["Profile"],
        "name": "Northfield Institute of Technology",
        "url": "https://kit.lerbridge.example/",
        "email": "registrar@kit.lerbridge.example",
    },
    "validFrom": "2024-05-20T10:00:00Z",
    "credentialSubject": {
        "id": "did:example:mira-castellanos",
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "https://kit.lerbridge.example/achievements/data-literacy",
            "type": ["Achievement"],
            "achievementType": "Badge",
            "name": "Data Literacy",
            "description": "Reads, cleans and charts tabular data and explains what it shows.",
            "criteria": {
                "narrative": "Complete three supervised data projects and a reviewed report."
            },
            "image": {
                "id": "https://kit.lerbridge.example/achievements/data-literacy.png",
                "type": "Image",
            },
            "creator": {
                "id": ORG,
                "type": ["Profile"],
                "name": "Northfield Institute of Technology",
                "url": "https://kit.lerbridge.example/",
                "email": "registrar@kit.lerbridge.example",
            },
            "inLanguage": "en",
            "alignment": [
                {
                    "type": ["Alignment"],
                    "targetName": "Analyze data",
                    "targetUrl": "https://kit.lerbridge.example/skills/analyze-data",
                    "targetType": "CFItem",
                }
            ],
        },
        "result": [
            {
                "type": ["Result"],
                "resultDescription": "urn:uuid:6f1d3a52-0c7e-5b9a-9d1e-1a2b3c4d5e02",
                "value": "Pass",
            }
        ],
    },
}
BADGE["credentialSubject"]["achievement"]["resultDescription"] = [
    {
        "id": "urn:uuid:6f1d3a52-0c7e-5b9a-9d1e-1a2b3c4d5e02",
        "type": ["ResultDescription"],
        "name": "Project review",
        "resultType": "LetterGrade",
        "allowedValue": ["Pass", "Fail"],
    }
]

TRANSCRIPT_CSV = (
    "Student ID,Student Name,Given Name,Family Name,Email,Institution,Course Code,"
    "Course Title,Achievement Type,Credits Available,Term,Award Date,Credits Earned,Grade,GPA\n"
    "N-20418,Mira Castellanos,Mira,Castellanos,mira.castellanos@kit.lerbridge.example,"
    "Northfield Institute of Technology,STAT201,Applied Statistics,Course,4,2023 Fall,"
    "2023-12-15,4,A,\n"
    "N-20418,Mira Castellanos,Mira,Castellanos,mira.castellanos@kit.lerbridge.example,"
    "Northfield Institute of Technology,CS150,Programming with Data,Course,3,2023 Fall,"
    "2023-12-15,3,B+,\n"
    "N-20418,Mira Castellanos,Mira,Castellanos,mira.castellanos@kit.lerbridge.example,"
    "Northfield Institute of Technology,DATA310,Databases,Course,3,2024 Spring,"
    "2024-05-10,3,A-,\n"
    "N-20418,Mira Castellanos,Mira,Castellanos,mira.castellanos@kit.lerbridge.example,"
    "Northfield Institute of Technology,COMM120,Technical Writing,Course,2,2024 Spring,"
    "2024-05-10,2,B,\n"
    "N-20418,Mira Castellanos,Mira,Castellanos,mira.castellanos@kit.lerbridge.example,"
    "Northfield Institute of Technology,BS-DS,Bachelor of Science in Data Science,"
    "BachelorDegree,120,,2024-05-18,120,,3.61\n"
)

RESUME: dict[str, Any] = {
    "type": "http://schema.hropenstandards.org/4.5/recruiting/json/LER-RSType.json",
    "person": {
        "name": {"formattedName": "Mira Castellanos", "given": "Mira", "family": "Castellanos"}
    },
    "communication": {"email": [{"address": "mira.castellanos@kit.lerbridge.example"}]},
    "employmentHistories": [
        {
            "organization": {"tradeName": "Harbor Logistics"},
            "positionHistories": [
                {
                    "title": "Junior Data Analyst",
                    "start": "2024-07-01",
                    "current": True,
                    "resourceRelationshipCode": "Employee",
                }
            ],
        }
    ],
    "educationAndLearnings": [
        {
            "institution": {"name": "Northfield Institute of Technology"},
            "educationDegrees": [
                {"name": "Bachelor of Science in Data Science", "date": "2024-05"}
            ],
        }
    ],
    "skills": [
        {"name": "SQL", "yearsOfExperience": 2},
        {"name": "Statistical analysis", "yearsOfExperience": 1},
        {"name": "Data visualization", "comments": ["Dashboards for weekly operations reviews"]},
    ],
}

CREDENTIAL_DESCRIPTION: dict[str, Any] = {
    "@context": "https://credreg.net/ctdl/schema/context/json",
    "@id": "https://kit.lerbridge.example/credentials/data-analytics-certificate",
    "@type": "ceterms:Certificate",
    "ceterms:ctid": "ce-3f6c1e2a-8b4d-4c7e-9a15-2d8e6f0b7c31",
    "ceterms:name": {"en": "Data Analytics Certificate"},
    "ceterms:description": {
        "en": "A one-year certificate in collecting, cleaning, analysing and presenting data."
    },
    "ceterms:ownedBy": [ORG],
    "ceterms:offeredBy": [ORG],
    "ceterms:inLanguage": ["en"],
    "ceterms:subjectWebpage": "https://kit.lerbridge.example/credentials/data-analytics",
    "ceterms:credentialStatusType": {
        "@type": "ceterms:CredentialAlignmentObject",
        "ceterms:framework": "https://credreg.net/ctdl/terms/CredentialStatus",
        "ceterms:targetNode": "credentialStat:Active",
    },
}

#: name -> (what it is, source format, source content)
RECORDS: dict[str, tuple[str, str, Any]] = {
    "badge": ("an Open Badge with a result and a skill alignment", "ob3", BADGE),
    "transcript": (
        "a transcript: four courses with grades, credits and terms, and a degree with a GPA",
        "csv",
        TRANSCRIPT_CSV,
    ),
    "resume": ("a résumé with employment, education and three skills", "lerrs", RESUME),
    "credential-description": (
        "a credential description (an offering, not an award)",
        "ctdl",
        CREDENTIAL_DESCRIPTION,
    ),
}
