"""The driver of ``lerbridge convert`` over one or many inputs: writes outputs in input
order (atomically), prints errors, a progress line on a TTY and a summary table, and
turns the tally into an exit code. The conversions themselves run in
:mod:`lerbridge.batch`."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..batch import Item, Outcome, Tally, run_batch, safe_name
from ..formats.base import Document
from .common import EXIT_FAIL_ON, atomic_write, jsonl_bytes, plan_outputs

#: Batch exit codes (docs/cli.md).
EXIT_SOME_FAILED = 10
EXIT_NONE_CONVERTED = 11
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Plan:
    output: str | None
    jsonl: bool
    ext: str
    batch: bool
    skip_existing: bool
    fail_on: str | None
    verbose: bool
    quiet: bool
    report_path: str | None
    jobs: int | None


def _folder(plan: Plan, item: Item) -> Path:
    base = Path(plan.output or ".")
    return base / item.subdir if item.subdir else base


def batch_targets(plan: Plan, item: Item) -> list[Path]:
    """The paths a batch item's output may take (for --skip-existing)."""
    folder = _folder(plan, item)
    if plan.jsonl:
        return [folder / f"{item.stem}.jsonl"]
    return [folder / f"{item.stem}{plan.ext}", folder / item.stem]


def _batch_outputs(
    plan: Plan, item: Item, docs: list[tuple[str, bytes]]
) -> list[tuple[Path | None, bytes]]:
    if plan.jsonl and plan.output in (None, "-"):
        return [(None, jsonl_bytes([Document(d, "") for _, d in docs]))]
    folder = _folder(plan, item)
    if plan.jsonl:
        return [(folder / f"{item.stem}.jsonl", jsonl_bytes([Document(d, "") for _, d in docs]))]
    if len(docs) == 1:
        return [(folder / f"{item.stem}{plan.ext}", docs[0][1])]
    return [(folder / item.stem / safe_name(name), data) for name, data in docs]


class _Progress:
    """One self-rewriting line on stderr: files done, failures, rate, ETA (TTY only)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.start = self.last = time.monotonic()

    def show(self, tally: Tally, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < 0.1):
            return
        self.last = now
        done = tally.done
        rate = done / max(now - self.start, 1e-6)
        left = self.total - tally.skipped - done
        eta = f"{left / rate:.0f}s" if rate > 0 else "?"
        click.echo(
            f"\r{done}/{self.total - tally.skipped} files, {tally.failed} failed, "
            f"{rate:.1f}/s, ETA {eta}  ",
            err=True,
            nl=False,
        )

    def clear(self) -> None:
        if self.enabled:
            click.echo("\r\x1b[K", err=True, nl=False)


def drive(items: list[Item], options: dict[str, Any], plan: Plan) -> int:
    """Convert ``items`` and write their outputs; return the exit code."""
    tally = Tally(total=len(items))
    todo = items
    if plan.skip_existing and plan.batch:
        todo = [i for i in items if not any(p.exists() for p in batch_targets(plan, i))]
        tally.skipped = len(items) - len(todo)
    progress = _Progress(len(items), plan.batch and not plan.quiet and sys.stderr.isatty())
    results: list[dict[str, Any]] = []
    first_error = 0
    outcomes = run_batch(todo, options, jobs=plan.jobs, fail_on=plan.fail_on)
    try:
        for outcome in outcomes:
            tally.add(outcome)
            entry, code = _handle(outcome, plan, progress)
            results.append(entry)
            first_error = first_error or code
            progress.show(tally)
    except KeyboardInterrupt:
        tally.interrupted = True
    finally:
        outcomes.close()  # terminates the workers
    progress.show(tally, force=True)  # the final count, whatever the throttle skipped
    progress.clear()
    if plan.batch and not plan.quiet:
        click.echo(tally.table(), err=True)
    if plan.report_path:
        body: dict[str, Any] = {"inputs": results}
        if plan.batch:
            body["summary"] = tally.to_dict()
        blob = json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8")
        atomic_write(Path(plan.report_path), blob + b"\n")
    if tally.interrupted:
        click.echo(f"interrupted: {tally.done} of {len(todo)} done", err=True)
        return EXIT_INTERRUPTED
    if not plan.batch:
        return first_error
    if tally.failed == 0:
        return 0
    return EXIT_SOME_FAILED if tally.converted else EXIT_NONE_CONVERTED


def _handle(outcome: Outcome, plan: Plan, progress: _Progress) -> tuple[dict[str, Any], int]:
    item = outcome.item
    entry: dict[str, Any] = {"input": item.label}
    if outcome.error is not None:
        progress.clear()
        click.echo(f"error: {outcome.error['message']}", err=True)
        entry["error"] = {k: outcome.error[k] for k in ("message", "exit_code")}
        return entry, int(outcome.error["exit_code"])
    entry.update(source_format=outcome.source_format, target_format=outcome.target_format)
    entry["report"] = outcome.report
    if not plan.quiet and (not plan.batch or plan.verbose):
        progress.clear()
        click.echo(f"{item.label}: {outcome.summary}", err=True)
        if plan.verbose:
            for line in outcome.pretty:
                click.echo("  " + line, err=True)
    if outcome.failing:
        n = outcome.failing
        click.echo(
            f"error: {item.label}: {n} loss entr{'y' if n == 1 else 'ies'} at or above "
            f"{plan.fail_on}; no output written (--fail-on)",
            err=True,
        )
        return entry, EXIT_FAIL_ON
    if plan.batch:
        targets = _batch_outputs(plan, item, outcome.documents)
    else:
        docs = [Document(data, name) for name, data in outcome.documents]
        targets = plan_outputs(docs, item.label, plan.output, plan.jsonl, False, plan.ext)
    written = []
    for path, blob in targets:
        if path is None:
            sys.stdout.buffer.write(blob)
            sys.stdout.buffer.flush()
        else:
            atomic_write(path, blob)
            written.append(str(path))
    entry["outputs"] = written or ["-"]
    return entry, 0
