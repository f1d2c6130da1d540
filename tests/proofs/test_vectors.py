"""The CLR 2.0 signing test vector of the 1EdTech implementation guide: canonical N-Quads and
the signature reproduced byte for byte, checked through lerbridge and independently."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519
from pyld import jsonld

from lerbridge import specs
from lerbridge.proofs import VERIFIED, rdfc, verify_document
from lerbridge.proofs.keys import b58decode, from_multikey
from lerbridge.proofs.signing import SigningKey
from lerbridge.proofs.suites import hash_data, sign_di

VECTOR = "clr/1edtech-obspec_clr2-testvector_signed.json"
VM = "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"


def _vector(upstream: Path) -> tuple[dict, dict]:
    doc = load(upstream / VECTOR)
    proof = doc.pop("proof")[0]
    return doc, proof


def test_document_nquads_byte_for_byte(upstream: Path, shared_dir: Path) -> None:
    doc, _ = _vector(upstream)
    expected = (shared_dir / "specs/clr/test-vectors/clrv2p0-document-canon.nq").read_text()
    assert rdfc(doc) == expected


def test_proof_nquads_byte_for_byte(upstream: Path, shared_dir: Path) -> None:
    doc, proof = _vector(upstream)
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    options["@context"] = doc["@context"]
    expected = (shared_dir / "specs/clr/test-vectors/clrv2p0-proof-canon.nq").read_text()
    assert rdfc(options) == expected


def test_signature_reproduced_with_the_published_key(upstream: Path, shared_dir: Path) -> None:
    # the private key is published in the guide (read from ../shared, never committed)
    html = (shared_dir / "specs/clr/test-vectors/linked-data-proof-clr.html").read_text()
    hex_key = re.search(r"Private key \(hex\): <code>([0-9a-f]{128})</code>", html)
    assert hex_key is not None
    private = ed25519.Ed25519PrivateKey.from_private_bytes(bytes.fromhex(hex_key.group(1))[:32])
    doc, proof = _vector(upstream)
    again = sign_di(doc, private, VM, proof["created"])
    assert again == proof
    assert SigningKey(private, VM).public_multikey == VM.split("#")[1]


def test_vector_verifies_through_lerbridge(upstream: Path) -> None:
    result = verify_document(load(upstream / VECTOR))
    assert [(p.path, p.outcome, p.key_source) for p in result.proofs] == [
        ("/proof/0", VERIFIED, "multibase-fragment"),
        ("/credentialSubject/verifiableCredential/0/proof/0", VERIFIED, "multibase-fragment"),
    ]


def test_vector_verifies_independently(upstream: Path) -> None:
    """pyld and cryptography called directly, without lerbridge.proofs."""
    doc, proof = _vector(upstream)

    def loader(url: str, options: object = None) -> dict:
        return {"contextUrl": None, "documentUrl": url, "document": specs.context(url)}

    opts = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    config = {k: v for k, v in proof.items() if k != "proofValue"} | {"@context": doc["@context"]}
    data = (
        hashlib.sha256(jsonld.normalize(config, opts).encode()).digest()
        + hashlib.sha256(jsonld.normalize(doc, opts).encode()).digest()
    )
    assert data == hash_data(doc, proof, "eddsa-rdfc-2022")
    public = from_multikey(VM.split("#")[1])
    public.verify(b58decode(proof["proofValue"][1:]), data)  # raises if wrong


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))
