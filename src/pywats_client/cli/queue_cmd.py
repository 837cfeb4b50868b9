"""``pywats-client queue list|show|retry|rm|export``: the report queue on disk.

These work whether or not the service runs: every change is a rename the service also relies
on, so the two never upload one entry twice.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from pywats_client._fs import write_durably
from pywats_client.cli import EXIT_FAILED, EXIT_OK, _console, _context
from pywats_client.cli._context import UsageError
from pywats_client.queue.store import SUFFIX, ReportQueue, State
from pywats_client.watch.outcomes import remove_from_queue

__all__ = ["disk_counts", "register"]

STATES = [s.value for s in State]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    queue = commands.add_parser("queue", parents=[common], help="inspect and manage queued reports")
    sub = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", parents=[common], help="queued reports, oldest first")
    listing.add_argument("--state", choices=STATES, help="only this state (default: all but done)")
    listing.add_argument("--limit", type=int, default=50, help="at most this many (default: %(default)s)")
    listing.add_argument("--json", action="store_true", help="as JSON")
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", parents=[common], help="one entry: state, file, attempts, last error")
    show.add_argument("id", metavar="ID")
    show.add_argument("--report", action="store_true", help="also print the report (WSJF)")
    show.set_defaults(handler=_show)

    retry = sub.add_parser("retry", parents=[common], help="upload a parked or retrying entry again now")
    retry.add_argument("id", metavar="ID", nargs="?")
    retry.add_argument("--all", action="store_true", help="every parked and retrying entry")
    retry.set_defaults(handler=_retry)

    remove = sub.add_parser("rm", parents=[common], help="delete an entry (its report is not uploaded)")
    remove.add_argument("id", metavar="ID")
    remove.set_defaults(handler=_remove)

    export = sub.add_parser("export", parents=[common], help="write queued reports as WSJF files")
    export.add_argument("directory", metavar="DIR")
    export.add_argument(
        "--state", choices=STATES, action="append", help="states to export (default: all but done)"
    )
    export.set_defaults(handler=_export)


def disk_counts(data_dir: Path) -> dict[str, int]:
    """Entries per state, read without creating anything."""
    counts = {}
    for state in STATES:
        try:
            with os.scandir(data_dir / "queue" / state) as entries:
                counts[state] = sum(1 for e in entries if e.name.endswith(SUFFIX))
        except FileNotFoundError:
            counts[state] = 0
    return counts


def _queue(args: argparse.Namespace) -> ReportQueue:
    return ReportQueue(_context.data_dir(args) / "queue")


def _when(stamp: float | None) -> str | None:
    return None if not stamp else datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")


def _entries(queue: ReportQueue, states: list[State]) -> list[tuple[State, Any]]:
    found = [(state, meta) for state in states for meta in queue.iter_meta(state)]
    found.sort(key=lambda item: item[1].created)
    return found


def _default_states(chosen: list[str] | str | None) -> list[State]:
    if chosen is None:
        return [s for s in State if s is not State.DONE]
    return [State(c) for c in ([chosen] if isinstance(chosen, str) else chosen)]


def _list(args: argparse.Namespace) -> int:
    queue = _queue(args)
    found = _entries(queue, _default_states(args.state))[: max(args.limit, 0)]
    if args.json:
        _console.stdout().print_json(json.dumps([{"state": s.value, **m.to_json()} for s, m in found]))
        return EXIT_OK
    rows = [
        (
            m.id,
            s.value,
            m.priority,
            m.attempts,
            f"{m.pn or '?'} / {m.sn or '?'}",
            Path(m.source).name if m.source else None,
            m.last_error,
        )
        for s, m in found
    ]
    _console.table(("id", "state", "prio", "tries", "pn / sn", "file", "last error"), rows)
    counts = disk_counts(queue.root.parent)
    _console.info("  ".join(f"{state}: {count}" for state, count in counts.items()))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    entry = _queue(args).read(args.id)
    if entry is None:
        _console.error(f"no queue entry {args.id}")
        return EXIT_FAILED
    meta = entry.meta
    _console.key_values(
        [
            ("id", meta.id),
            ("state", entry.state.value),
            ("priority", meta.priority),
            ("report", f"{meta.report_type or '?'} {meta.pn} / {meta.sn} / {meta.rev}, result {meta.result}"),
            ("file", meta.source),
            ("converter", meta.converter),
            ("queued", _when(meta.created)),
            ("attempts", meta.attempts),
            ("last attempt", _when(meta.last_attempt)),
            ("next attempt", _when(meta.next_attempt) if entry.state is State.RETRYING else None),
            ("last error", meta.last_error),
            ("size", f"{len(entry.body)} bytes"),
        ],
        title=f"queue entry {meta.id}",
    )
    if args.report:
        _console.stdout().print_json(entry.body.decode("utf-8"))
    return EXIT_OK


def _retry(args: argparse.Namespace) -> int:
    queue = _queue(args)
    if args.all == bool(args.id):
        raise UsageError("give an entry ID or --all")
    if args.id:
        if queue.retry(args.id):
            _console.info(f"{args.id} is pending again; the service uploads it next.")
            return EXIT_OK
        _console.error(f"{args.id} is not parked or retrying")
        return EXIT_FAILED
    ids = queue.ids(State.PARKED) + queue.ids(State.RETRYING)
    moved = 0
    with _console.progress() as bar:
        task = bar.add_task("retrying", total=len(ids))
        for entry_id in ids:
            moved += queue.retry(entry_id)
            bar.advance(task)
    _console.info(f"{moved} entr{'y is' if moved == 1 else 'ies are'} pending again.")
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    state = remove_from_queue(_queue(args), args.id)
    if state is None:
        _console.error(f"no queue entry {args.id} (or it is being uploaded right now)")
        return EXIT_FAILED
    _console.info(f"Removed {args.id} (was {state.value}).")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    queue = _queue(args)
    target = Path(args.directory)
    target.mkdir(parents=True, exist_ok=True)
    ids = [(state, entry_id) for state in _default_states(args.state) for entry_id in queue.ids(state)]
    written = 0
    with _console.progress() as bar:
        task = bar.add_task("exporting", total=len(ids))
        for _, entry_id in ids:
            entry = queue.read(entry_id)
            if entry is not None:
                write_durably(target / f"{entry_id}.json", entry.body, mode=0o644, sync_dir=False)
                written += 1
            bar.advance(task)
    _console.info(f"Wrote {written} report(s) to {target}.")
    return EXIT_OK
