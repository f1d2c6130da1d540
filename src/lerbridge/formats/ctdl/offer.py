"""CTDL describes offerings, not awards: an OB 3.0 or CLR 2.0 credential, which states an
award, cannot be made from CTDL alone. :func:`award_offering` is the explicit step that
makes one: the caller supplies the recipient, the issuer and the date, and each supplied
value is reported (``value-synthesized``), so the output never hides that the award did not
come from the CTDL source."""

from __future__ import annotations

from ...model import Award, LearnerRecord, Profile, Recipient
from ...report import LossReport


def award_offering(
    record: LearnerRecord,
    achievement_id: str,
    *,
    recipient_id: str,
    issuer: Profile,
    valid_from: str,
    report: LossReport,
) -> LearnerRecord:
    """``record`` with one more award: ``achievement_id`` awarded to ``recipient_id`` by
    ``issuer`` on ``valid_from`` (all given by the caller, all reported)."""
    if record.achievement(achievement_id) is None:
        raise KeyError(f"the record has no achievement {achievement_id!r}")
    i = len(record.awards)
    for name, value in (
        ("recipient.id", recipient_id),
        ("issuer", issuer.id),
        ("valid_from", valid_from),
    ):
        report.add(
            "value-synthesized",
            "the source describes an offering, not an award; the award's "
            f"{name} was supplied by the caller",
            canonical_path=f"awards[{i}].{name}",
            value=value,
        )
    award = Award(
        achievement_id=achievement_id,
        recipient=Recipient(id=recipient_id),
        issuer=issuer,
        valid_from=valid_from,
    )
    return record.model_copy(update={"awards": [*record.awards, award]})
