"""Campaign 5 — server durability: ``kill -9`` of pywats-server while reports stream in.

Four client threads submit reports as fast as the server takes them; at a random moment the
server process gets SIGKILL, then it is started again on the same data directory. Every report
whose submission the client saw acknowledged must be there after the restart, under its id. Reports
whose answer never came (unacknowledged) may or may not be stored; at the end they are submitted again
(same ids, as the station does) and every unit must then be stored exactly once. Finally SQLite's
``PRAGMA integrity_check`` must say ``ok``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

from pywats import PyWATSError, RetryConfig, pyWATS
from pywats.testing import LocalWATSServer
from pywats.tools.test_uut import TestUUT
from reliability._common import Scale, make_report, stored_reports
from reliability._results import Row

__all__ = ["NOTES", "run"]

CAMPAIGN = "server durability"
THREADS = 4
PASSWORD = "durability-pass-1"

NOTES = """\
**SQLite settings.** `pywats-server` opens SQLite in WAL mode with `synchronous=NORMAL`
(`src/pywats_server/db.py`). A commit is appended to the write-ahead log before the server answers;
the log is fsynced at checkpoints, not at every commit. So an acknowledged report survives any crash
of the *process* (`kill -9`, an exception, an OOM kill): the log is in the operating system's cache
and is replayed on the next open — which is what this campaign measures. Only a crash of the
*machine* (power cut, kernel panic) can roll back the last commits before a checkpoint; a site that
needs acknowledged reports to survive power loss should run PostgreSQL (tested in the load campaign)
or SQLite with `synchronous=FULL` at the cost of one fsync per upload. The station keeps uploaded
reports in its queue's `done` state for `done_retention_days` (7 by default) and moves source files
to a done folder (unless the folder's post-action is `delete`), so a report rolled back by a power cut
can still be found and sent again."""


@dataclass
class _Ledger:
    acknowledged: dict[str, str] = field(default_factory=dict)  # serial → report id
    in_doubt: dict[str, TestUUT] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: int = 0

    def next_serial(self) -> str:
        with self.lock:
            self.counter += 1
            return f"DURABLE-{self.counter:06d}"


def _feed(srv: LocalWATSServer, ledger: _Ledger, stop: threading.Event) -> None:
    retry = RetryConfig(max_attempts=1)
    with pyWATS(base_url=srv.url, token=srv.token, timeout=5, retry_config=retry) as api:
        while not stop.is_set():
            serial = ledger.next_serial()
            report = make_report(serial, index=ledger.counter)
            try:
                api.report.submit_report(report)
            except PyWATSError:
                with ledger.lock:
                    ledger.in_doubt[serial] = report
                time.sleep(0.05)
                continue
            with ledger.lock:
                ledger.acknowledged[serial] = report.id


def _kill_during_ingestion(srv: LocalWATSServer, ledger: _Ledger, after_s: float) -> None:
    stop = threading.Event()
    threads = [threading.Thread(target=_feed, args=(srv, ledger, stop), daemon=True) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    time.sleep(after_s)
    assert srv.pid is not None
    os.kill(srv.pid, signal.SIGKILL)
    time.sleep(0.3)  # let the clients see the broken connections
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    srv.stop()  # reaps the killed process; the data directory is ours and stays


def _integrity(data_dir: Path) -> str:
    with sqlite3.connect(data_dir / "wats.db") as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def run(scale: Scale) -> list[Row]:
    """``scale.pick(2, 20)`` kills at random moments during ingestion."""
    kills = scale.pick(2, 20)
    rng = Random(scale.seed)
    row = Row(CAMPAIGN, "kill -9 of pywats-server (SQLite, WAL) during ingestion by 4 clients")
    ledger = _Ledger()
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pywats-durable-") as tmp:
        data_dir = Path(tmp)
        stored_in_doubt = 0
        for round_ in range(kills + 1):
            srv = LocalWATSServer(data_dir=data_dir, password=PASSWORD).start()
            if round_:  # the restart after a kill: everything acknowledged so far must be there
                stored = stored_reports(srv.url, srv.token)
                for serial, report_id in ledger.acknowledged.items():
                    ids = stored.by_serial.get(serial, [])
                    row.check(
                        report_id in ids, f"acknowledged report {serial} ({report_id}) missing after restart"
                    )
                stored_in_doubt = sum(1 for serial in ledger.in_doubt if stored.by_serial.get(serial))
            if round_ < kills:
                _kill_during_ingestion(srv, ledger, rng.uniform(0.3, 2.5))
                row.runs += 1
                continue
            with pyWATS(base_url=srv.url, token=srv.token) as api:
                for report in ledger.in_doubt.values():
                    api.report.submit_report(report)
            stored = stored_reports(srv.url, srv.token)
            srv.stop()
        expected = set(ledger.acknowledged) | set(ledger.in_doubt)
        row.lost = len(stored.lost(expected))
        row.duplicates = len(stored.duplicated())
        integrity = _integrity(data_dir)
        row.check(integrity == "ok", f"integrity_check after the kills: {integrity}")
    row.inputs = len(ledger.acknowledged) + len(ledger.in_doubt)
    row.seconds = time.monotonic() - began
    row.note = (
        f"{kills} kills at random moments; {len(ledger.acknowledged)} reports acknowledged, all present "
        f"after each restart; {len(ledger.in_doubt)} unacknowledged ({stored_in_doubt} had been stored), all "
        f"resubmitted with their ids: {stored.count} stored for {len(expected)} units; integrity_check "
        f"{integrity}"
    )
    return [row]
