"""``lerbridge verify`` (check every proof, offline) and ``lerbridge keys new`` (an Ed25519
signing key)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .. import api
from ..errors import LerbridgeError
from .common import EXIT_INVALID, atomic_write

EXIT_UNVERIFIED = 12  # 10 and 11 are the batch outcomes of convert


@click.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--keys",
    type=click.Path(exists=True),
    help="A folder (or file) of DID documents / JWKs for keys that cannot be resolved offline "
    "(did:web, https verification methods). Nothing is fetched.",
)
@click.option(
    "--status",
    "status_lists",
    type=click.Path(exists=True),
    help="A folder (or file) of status list credentials (BitstringStatusList) to check "
    "credentialStatus against. Nothing is fetched.",
)
@click.option(
    "--require-verified",
    is_flag=True,
    help="Also fail (exit 10) when a proof is unverifiable or a file carries no proof.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def verify_command(
    files: tuple[str, ...],
    keys: str | None,
    status_lists: str | None,
    require_verified: bool,
    as_json: bool,
) -> None:
    """Check every proof in FILES (JSON credentials, compact VC-JWTs or baked badges) and in
    their nested credentials: verified, invalid (with the reason) or unverifiable."""
    exit_code = 0
    results = []
    for name in files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name)
            res = api.verify(
                data, keys=keys, status=status_lists, name="<stdin>" if name == "-" else name
            )
        except LerbridgeError as exc:
            click.echo(f"error: {exc}", err=True)
            results.append({"source": name, "error": str(exc)})
            exit_code = exit_code or exc.exit_code
            continue
        results.append(res.to_dict())
        if not as_json:
            _print(name, res)
        if not res.ok:
            exit_code = exit_code or EXIT_INVALID
        elif require_verified and not res.all_verified:
            exit_code = exit_code or EXIT_UNVERIFIED
    if as_json:
        click.echo(json.dumps(results if len(results) != 1 else results[0], indent=2))
    sys.exit(exit_code)


def _print(name: str, res: object) -> None:
    from ..proofs import Verification

    assert isinstance(res, Verification)
    if not res.proofs:
        click.echo(f"{name}: no proof")
    for p in res.proofs:
        where = p.path or "/"
        line = f"{name}:{where}: {p.outcome} ({p.suite}"
        line += f", {p.verification_method}" if p.verification_method else ""
        line += f", key from {p.key_source})" if p.key_source else ")"
        click.echo(line + (f": {p.reason}" if p.reason else ""))
    for s in res.statuses:
        click.echo(f"{name}:{s.path}: status {s.type}: {s.reason}")


@click.group("keys")
def keys_group() -> None:
    """Signing keys for `convert --sign`."""


@keys_group.command("new")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JWK file.")
@click.option("--verification-method", help="The method proofs name (default: the did:key).")
def keys_new(output: str, verification_method: str | None) -> None:
    """Write a new Ed25519 private JWK to OUTPUT and print its did:key."""
    from ..proofs import new_key

    key = new_key(verification_method=verification_method)
    path = Path(output)
    if path.exists():
        raise click.UsageError(f"{output} exists; not overwritten")
    atomic_write(path, (json.dumps(key.jwk(), indent=2) + "\n").encode("utf-8"))
    path.chmod(0o600)
    click.echo(key.did_key)


def register(main: click.Group) -> None:
    main.add_command(verify_command)
    main.add_command(keys_group)
