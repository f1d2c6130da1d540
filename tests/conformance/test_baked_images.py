"""Baked badge images in a vendor's export are checked through the document inside them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from lerbridge import conformance


def test_a_folder_of_baked_images_is_checked(upstream: Path) -> None:
    folder = upstream / "openbadges" / "baked"
    result = conformance.run([folder], now=datetime(2026, 1, 1, tzinfo=UTC))
    formats = {Path(f.path).name: f.format for f in result.files}
    assert formats == {
        "ob1-png-itxt-openbadges__cs-bakery-baked_heart.png": "ob2",
        "ob2-svg-hosted__cs-bakery-baked_example.svg": "ob2",
        "ob3-png-json__1edtech-simple-json.png": "ob3",
        "ob3-svg-jwt-vc11__1edtech-simple-jwt_v1.svg": "ob3",
        "ob3-svg-jwt__1edtech-simple-jwt.svg": "ob3",
    }
    by_name = {Path(f.path).name: f for f in result.files}
    # every image was opened and its document read: no parse finding anywhere
    for f in result.files:
        assert f.stages["parse"].findings == [], f.path
    clean = by_name["ob3-png-json__1edtech-simple-json.png"]
    assert clean.verdict() == "pass"
    # the old bakery test image carries a truncated sha256: the OB 2.0 rule names it
    old = by_name["ob2-svg-hosted__cs-bakery-baked_example.svg"]
    assert "schema-strict" in old.rule_ids()
    assert old.verdict() == "fail"
