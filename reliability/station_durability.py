"""Campaign 6 — station durability at scale: crashes, a long outage and a full disk, through the CLI.

**Crashes.** Files keep arriving in the watched folder while the station service
(``pywats-client start``) is killed with SIGKILL at random moments and started again, many times.
After every kill the queue on disk must be readable (every entry file whole); after every restart
no report may be in two states. At the end every file's report must be on the server exactly once,
and every source file must be in the ``done`` folder.

**A long outage, compressed.** The station's retry delays are divided by 60 (15 s → 0.25 s, cap
1 h → 60 s) and so is a 10-minute outage (10 s: 503 answers, then dropped connections), so the
station walks through the same sequence of back-offs as in a real one. Files arriving during it
must all be uploaded exactly once afterwards.

**A full disk.** The station's data directory is a small tmpfs; while the server is unreachable the
queue fills it. The service must refuse new files with a clear error (they stay in the watched
folder), keep everything already queued, and carry on once there is space again.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from random import Random

from pywats.testing import LocalWATSServer
from pywats_client.queue.entry import decode_entry
from reliability._common import Scale, make_report, server, stored_reports, wait_until
from reliability._results import Row
from reliability._station import Station

__all__ = ["NOTES", "run"]

CAMPAIGN = "station durability"
NOTES = """\
**Disk full.** When a queue write fails with "No space left on device", the service logs
`Could not queue N file(s); they are offered again in 30 s` with the error, keeps the files in the
watched folder (nothing is moved to the error folder, nothing is deleted), goes on uploading what is
queued, and queues the rest once there is room. Kills: the station is started with the same
`pywats-client --config … start` an operator uses; `kill -9` is SIGKILL to that process."""
STATES = ("pending", "uploading", "retrying", "parked", "done")
OUTAGE_S = 600.0


def _serial(prefix: str, index: int) -> str:
    return f"{prefix}-{index:05d}"


def _feeder(
    station: Station, prefix: str, count: int, duration_s: float, stop: threading.Event
) -> threading.Thread:
    """Drop ``count`` WSJF files into the station's folder, evenly over ``duration_s``."""

    def feed() -> None:
        pause = duration_s / max(count, 1)
        for index in range(count):
            if stop.is_set():
                return
            station.drop(
                f"{prefix.lower()}-{index:05d}.json",
                make_report(_serial(prefix, index), index=index).to_wsjf(),
            )
            time.sleep(pause)

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    return thread


def _entries_whole(station: Station) -> list[str]:
    """Problems with the queue on disk while no service runs: every entry file must decode."""
    problems = []
    for state in STATES:
        for path in (station.data / "queue" / state).glob("*.entry"):
            try:
                meta, body = decode_entry(path.read_bytes())
            except (ValueError, OSError) as exc:
                problems.append(f"{state}/{path.name} unreadable: {exc}")
                continue
            if meta.id != path.name.removesuffix(".entry") or not body.startswith(b"{"):
                problems.append(f"{state}/{path.name}: id {meta.id} or body does not match")
    return problems


def _one_state_each(station: Station) -> list[str]:
    """Problems once the service has recovered: an id may be in one settled state only."""
    seen: dict[str, str] = {}
    problems = []
    for state in ("pending", "retrying", "parked", "done"):
        for path in (station.data / "queue" / state).glob("*.entry"):
            entry_id = path.name.removesuffix(".entry")
            if entry_id in seen:
                problems.append(f"{entry_id} is in {seen[entry_id]} and {state}")
            seen[entry_id] = state
    return problems


def _settle(
    station: Station,
    srv: LocalWATSServer,
    expected: set[str],
    row: Row,
    timeout_s: float,
    total: int | None = None,
) -> None:
    """Wait for the station to upload everything, then count lost and duplicated reports and files."""
    done = lambda: len(station.files_under("done")) >= len(expected)  # noqa: E731
    row.check(
        wait_until(done, timeout_s, step_s=0.5),
        f"only {len(station.files_under('done'))} of {len(expected)} files reached done/",
    )
    stored = stored_reports(srv.url, srv.token)
    mine = {sn: ids for sn, ids in stored.by_serial.items() if sn in expected}
    row.lost = len(expected - set(mine))
    row.duplicates = sum(1 for ids in mine.values() if len(ids) > 1)
    resent = sum(max(0, stored.received.get(ids[0], 1) - 1) for ids in mine.values() if ids)
    files = len(station.files_under("done")) + len(station.inbox_files())
    total = len(expected) if total is None else total
    row.check(files == total, f"{total - files} source file(s) missing from the folders")
    row.check(
        not station.files_under("error"), f"files in the error folder: {station.files_under('error')[:5]}"
    )
    row.note += f"; {len(mine)} reports stored once each ({resent} re-sent after a crash replaced, not added)"


def _crashes(srv: LocalWATSServer, root: Path, files: int, kills: int, rng: Random) -> Row:
    row = Row(CAMPAIGN, f"{kills} kill -9 of the service during a {files}-file run")
    control = srv.control
    control.add_fault(path="/api/Report/WSJF", method="POST", delay_s=0.02, count=0)  # keep uploads in flight
    station = Station(root / "crash", srv.url, srv.token, upload_concurrency=4, file_stable_s=0.1)
    stop = threading.Event()
    uptime = (0.3, 2.0)
    feeder = _feeder(station, "CRASH", files, duration_s=kills * sum(uptime) / 2 * 0.8, stop=stop)
    for restart in range(1, kills + 1):
        station.start()
        for problem in _one_state_each(station):
            row.fail(f"after restart {restart}: {problem}")
        time.sleep(rng.uniform(*uptime))
        station.kill()
        row.runs += 1
        for problem in _entries_whole(station):
            row.fail(f"after kill {row.runs}: {problem}")
    feeder.join()
    station.start()
    for problem in _one_state_each(station):
        row.fail(f"after the last restart: {problem}")
    control.clear_faults()
    row.inputs = files
    row.note = (
        f"kills after {uptime[0]}–{uptime[1]} s of uptime while files kept arriving; queue whole after each"
    )
    _settle(station, srv, {_serial("CRASH", i) for i in range(files)}, row, timeout_s=300)
    station.kill()
    return row


def _outage(srv: LocalWATSServer, root: Path, files: int, compression: int) -> Row:
    outage_s = OUTAGE_S / compression
    row = Row(CAMPAIGN, f"10-minute outage compressed {compression}x ({outage_s:g} s), {files} files arrive")
    control = srv.control
    station = Station(
        root / "outage",
        srv.url,
        srv.token,
        upload_concurrency=8,
        retry_initial_s=15 / compression,
        retry_max_s=3600 / compression,
    ).start()
    control.clear_requests()
    control.add_fault(path="/api/Report/WSJF", method="POST", status=503, count=0)
    stop = threading.Event()
    feeder = _feeder(station, "OUTAGE", files, duration_s=outage_s * 0.8, stop=stop)
    time.sleep(outage_s / 2)
    control.clear_faults()
    control.add_fault(path="/api/Report/WSJF", method="POST", drop=True, count=0)
    time.sleep(outage_s / 2)
    feeder.join()
    probes = sum(1 for r in control.requests() if r["method"] == "POST")
    control.clear_faults()
    back = time.monotonic()
    row.runs, row.inputs = 1, files
    row.note = f"{probes} upload attempts during the outage (not one per report)"
    expected = {_serial("OUTAGE", i) for i in range(files)}
    _settle(station, srv, expected, row, timeout_s=3600 / compression + 120)
    row.note += f"; drained {time.monotonic() - back:.0f} s after the server came back"
    row.check(probes < files, f"{probes} attempts during the outage for {files} reports")
    station.kill()
    return row


def _mount_tmpfs(path: Path, size: str) -> str | None:
    """Mount a tmpfs of ``size`` at ``path``; the reason it could not be done, or None."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"mount not available: {exc}"
    return (
        None
        if done.returncode == 0
        else f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}"
    )


def _disk_full(srv: LocalWATSServer, root: Path, files: int, *, recover: bool) -> Row:
    """Fill the queue's tmpfs while uploads fail; with ``recover``, also wait for the refused files
    to be queued once there is room (the service offers them again every 30 s)."""
    row = Row(CAMPAIGN, "disk full (a 1 MB tmpfs) while queueing")
    data = root / "full-data"
    reason = _mount_tmpfs(data, "1m")
    if reason is not None:
        row.lost = row.duplicates = None
        row.note = f"not run: {reason} (needs root and mount in the container)"
        return row
    control = srv.control
    try:
        control.add_fault(path="/api/Report/WSJF", method="POST", status=503, count=0)
        station = Station(root / "full", srv.url, srv.token, data_dir=str(data)).start()
        for index in range(files):  # ~25 kB per report: a few dozen fill the tmpfs
            report = make_report(_serial("FULL", index), index=index, steps=120)
            station.drop(f"full-{index:05d}.json", report.to_wsjf())
        row.check(
            wait_until(lambda: "No space left" in station.log(), 30), "no clear error about the full disk"
        )
        time.sleep(1)
        entries = [p for s in STATES for p in (data / "queue" / s).glob("*.entry")]
        serials = {decode_entry(p.read_bytes())[0].sn or "" for p in entries}
        queued = len(entries)
        waiting = len(station.inbox_files())
        row.check(
            waiting == files, f"{files - waiting} file(s) left the folder before their report was uploaded"
        )
        row.check(station.running, "the service died when the disk filled up")
        row.check(0 < queued < files, f"{queued} of {files} queued: the disk did not fill up as planned")
        subprocess.run(["mount", "-o", "remount,size=64m", str(data)], check=False, timeout=30)
        control.clear_faults()
        row.runs, row.inputs = 1, files
        row.note = f"{queued} reports queued when the disk filled up; {files - queued} files refused and kept"
        if recover:
            _settle(station, srv, {_serial("FULL", i) for i in range(files)}, row, timeout_s=180)
        else:  # the short version: what was queued goes up, the refused files wait in the folder
            _settle(station, srv, serials, row, timeout_s=60, total=files)
        station.kill()
    finally:
        control.clear_faults()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run(["umount", "-l", str(data)], check=False, timeout=30)
    return row


def run(scale: Scale) -> list[Row]:
    rng = Random(scale.seed)
    with tempfile.TemporaryDirectory(prefix="pywats-station-durability-") as tmp, server() as srv:
        root = Path(tmp)
        rows = [_crashes(srv, root, scale.pick(30, 1000), scale.pick(2, 50), rng)]
        rows.append(_outage(srv, root, scale.pick(20, 300), scale.pick(300, 60)))
        rows.append(_disk_full(srv, root, scale.pick(50, 120), recover=scale.full))
    return rows
