"""Verify and sign credentials, offline.

- :func:`verify_document` checks every proof a credential carries (its own and its nested
  credentials'): Data Integrity ``eddsa-rdfc-2022`` / ``eddsa-jcs-2022``,
  ``Ed25519Signature2020`` and VC-JWT (EdDSA, ES256, RS256). Each proof is ``verified``,
  ``invalid`` (with the reason) or ``unverifiable`` (no key, unknown suite, a context that is
  not installed).
- :func:`sign_document` adds an ``eddsa-rdfc-2022`` DataIntegrityProof (optionally to nested
  credentials too); :func:`sign_jwt` makes a VC-JWT.

Keys are resolved offline only (:mod:`.keys`); canonicalization uses only the installed
official contexts (:mod:`.canon`). Nothing here fetches, prints or keeps global state.
"""

from __future__ import annotations

from .canon import ContextNotInstalled, UndefinedTerm, jcs, rdfc
from .jwt import sign_jwt, verify_jwt
from .keys import KeyStore, ed25519_multikey, resolve
from .signing import SigningKey, new_key, sign_document
from .suites import INVALID, UNVERIFIABLE, VERIFIED, ProofResult, sign_di, verify_di
from .verify import StatusCheck, Verification, verify_document

__all__ = [
    "INVALID",
    "UNVERIFIABLE",
    "VERIFIED",
    "ContextNotInstalled",
    "KeyStore",
    "ProofResult",
    "SigningKey",
    "StatusCheck",
    "UndefinedTerm",
    "Verification",
    "ed25519_multikey",
    "jcs",
    "new_key",
    "rdfc",
    "resolve",
    "sign_di",
    "sign_document",
    "sign_jwt",
    "verify_di",
    "verify_document",
    "verify_jwt",
]
