"""Converter worker limits: a plug-in converter that hangs, hogs memory, exits or segfaults is stopped,
its file goes to the error folder, and the next file converts — in the worker and in the service."""

from __future__ import annotations

import time
from pathlib import Path

from pywats.core.station import StationConfig
from pywats.testing import LocalWATSServer
from pywats_client.converters.errors import ConversionError, ConverterCrashed
from pywats_client.converters.isolation import IsolatedConverter, WorkerLimits
from reliability._common import stored_reports, wait_until
from reliability._results import Row
from reliability._station import Station

__all__ = ["worker_limit_rows"]

HOSTILE = "reliability._hostile_converter:HostileConverter"
LIMITS = WorkerLimits(timeout_s=2.0, memory_mb=400)
SLACK_S = 5.0  # starting a replacement worker on a busy two-core machine
MISDEEDS = ("hang", "hog", "exit", "segv", "raise")
SERVICE_MISDEEDS = ("exit", "segv", "raise")  # the service's own limit is 120 s: no hang there


def _direct(root: Path, campaign: str, rounds: int) -> Row:
    row = Row(
        campaign,
        "converter worker: hang, memory hog, exit, segfault, bug are stopped",
        lost=None,
        duplicates=None,
    )
    worker = IsolatedConverter("hostile", HOSTILE, {}, LIMITS)
    station = StationConfig("REL-WORKER", "Lab", "Production")
    folder = root / "worker"
    folder.mkdir()
    slowest: dict[str, float] = {}
    try:
        for round_ in range(rounds):
            for misdeed in MISDEEDS:
                bad = folder / f"{misdeed}.hostile"
                bad.write_text(misdeed)
                began = time.monotonic()
                try:
                    worker.convert(bad, station)
                    row.fail(f"{misdeed}: converted")
                except ConverterCrashed:
                    pass
                except ConversionError as exc:
                    row.fail(f"{misdeed}: {type(exc).__name__} instead of ConverterCrashed: {exc.message}")
                elapsed = time.monotonic() - began
                slowest[misdeed] = max(slowest.get(misdeed, 0.0), elapsed)
                row.check(elapsed < LIMITS.timeout_s + SLACK_S, f"{misdeed}: stopped after {elapsed:.1f} s")
                good = folder / "good.hostile"
                serial = f"WORKER-{round_}-{misdeed}"
                good.write_text(f"ok {serial}")
                try:
                    reports = worker.convert(good, station)
                    row.check(
                        [r.sn for r in reports] == [serial], f"after {misdeed}: got {[r.sn for r in reports]}"
                    )
                except ConversionError as exc:
                    row.fail(f"after {misdeed}: the next file failed: {exc.message}")
                row.inputs += 2
            row.runs += 1
    finally:
        worker.close()
    row.note = (
        f"limits {LIMITS.timeout_s:g} s / {LIMITS.memory_mb} MB; stopped after "
        + ", ".join(f"{m} {s:.1f} s" for m, s in slowest.items())
        + "; the file after each one converts in a fresh worker"
    )
    return row


def _service(srv: LocalWATSServer, root: Path, campaign: str, pythonpath: str) -> Row:
    row = Row(campaign, "station service with a crashing plug-in converter keeps working")
    station = Station(
        root / "worker-station",
        srv.url,
        srv.token,
        converters={"hostile": {"class": HOSTILE}},
    )
    station.start(env={"PYTHONPATH": pythonpath})
    good = [f"WORKER-SVC-{n}" for n in range(len(SERVICE_MISDEEDS))]
    for index, misdeed in enumerate(SERVICE_MISDEEDS):
        station.drop(f"bad-{misdeed}.hostile", misdeed.encode())
        station.drop(f"good-{index}.hostile", f"ok {good[index]}".encode())
    wanted = len(SERVICE_MISDEEDS)
    wait_until(
        lambda: (
            len([n for n in station.files_under("error") if n.endswith(".hostile")]) >= wanted
            and station.queue_counts()["done"] >= len(good)
        ),
        60,
    )
    moved = [n for n in station.files_under("error") if n.endswith(".hostile")]
    row.check(sorted(moved) == sorted(f"bad-{m}.hostile" for m in SERVICE_MISDEEDS), f"error folder: {moved}")
    notes = [
        (station.inbox / "error" / n).read_text() for n in station.files_under("error") if n.endswith(".txt")
    ]
    row.check(all("reason:" in note for note in notes) and len(notes) == wanted, "error notes missing")
    row.check(station.running, "the service died with its converter")
    station.kill()
    stored = stored_reports(srv.url, srv.token)
    row.lost = len(stored.lost(set(good)))
    row.duplicates = len({sn for sn in good if len(stored.by_serial.get(sn, [])) > 1})
    row.runs, row.inputs = 1, 2 * wanted
    row.note = (
        f"{wanted} files whose converter exits, segfaults or raises go to the error folder with a reason; "
        f"{len(good)} good files of the same converter are uploaded; the service stays up"
    )
    return row


def worker_limit_rows(
    srv: LocalWATSServer, root: Path, campaign: str, *, rounds: int, pythonpath: str
) -> list[Row]:
    return [_direct(root, campaign, rounds), _service(srv, root, campaign, pythonpath)]
