"""What the proof tests share: deterministic test keys (derived from fixed seeds here, never a
committed private key) and the signed upstream documents."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from lerbridge.proofs import SigningKey, new_key


def seeded(label: str) -> SigningKey:
    return new_key(hashlib.sha256(label.encode()).digest())


@pytest.fixture
def key() -> SigningKey:
    return seeded("lerbridge test key 1")


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()
