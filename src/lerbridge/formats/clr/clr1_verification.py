"""How to trust a CLR 1.0 document (``verification``, ``revoked``, ``revocationReason``) and
its assertions (``revoked``): facts the upgraded CLR 2.0 cannot carry, since it is unsigned
and lerbridge creates no credentialStatus list. A mapping rule places a value; it cannot say
"this has no place, and here is why, at this severity", so these are reported here."""

from __future__ import annotations

from typing import Any

from ...report import LossReport
from .clr1_jsonld import MAPPING, items

#: Fields of the Clr document with no canonical home that are reported here rather than
#: kept as extensions: they describe how to trust the CLR 1.0 document, which the upgraded
#: CLR 2.0 is not.
ENVELOPE_FIELDS = ("verification", "revoked", "revocationReason", "signedAssertions")


def report_envelope(
    envelope: dict[str, Any], jws: str | None, where: str, report: LossReport
) -> None:
    verification = envelope.get("verification")
    if verification is not None:
        kind = verification.get("type") if isinstance(verification, dict) else None
        why = (
            "; the document carries no signature (a signed CLR 1.0 travels as a JWS), so "
            "there was nothing to verify"
            if kind == "Signed" and jws is None
            else ""
        )
        report.add(
            "no-target-field",
            f"CLR 1.0 verification ({kind or 'no type'}) has no CLR 2.0 counterpart: a CLR 2.0 "
            f"is verified by its own proof, and the upgraded one is unsigned{why}",
            severity="info",
            source_path=f"{where}/verification",
            source_format=MAPPING,
            value=verification,
        )
    revoked = envelope.get("revoked")
    reason = envelope.get("revocationReason")
    if revoked is True:
        report.add(
            "no-target-field",
            "the CLR 1.0 is marked revoked"
            + (f" ({reason})" if isinstance(reason, str) else "")
            + "; CLR 2.0 states revocation through a credentialStatus list that lerbridge "
            "cannot create, so the upgraded CLR does not say it is revoked",
            severity="error",
            source_path=f"{where}/revoked",
            source_format=MAPPING,
            value=reason,
        )
    elif revoked is not None and revoked is not False:
        report.add(
            "source-schema-violation",
            "revoked must be a boolean; ignored",
            source_path=f"{where}/revoked",
            source_format=MAPPING,
            value=revoked,
        )
    elif reason is not None:
        report.add(
            "no-target-field",
            "revocationReason of a CLR that is not revoked; dropped",
            source_path=f"{where}/revocationReason",
            source_format=MAPPING,
            value=reason,
        )


def report_revoked_assertions(native: dict[str, Any], where: str, report: LossReport) -> None:
    """A revoked assertion keeps its ``revoked`` flag as a clr1 extension, which CLR 2.0
    cannot hold: the nested credential written for it would look valid."""
    for assertion, at in items(native.get("assertions"), f"{where}/assertions"):
        if isinstance(assertion, dict) and assertion.get("revoked") is True:
            report.add(
                "no-target-field",
                "assertion is marked revoked; the CLR 2.0 credential written for it cannot "
                "say so (no credentialStatus list)",
                severity="error",
                source_path=f"{at}/revoked",
                source_format=MAPPING,
                value=assertion.get("revocationReason"),
            )
