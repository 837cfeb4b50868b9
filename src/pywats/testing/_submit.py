"""Delivering the session's report: to a file, to the server directly, or into the station's queue."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pywats.testing._options import RecorderSettings
    from pywats.tools.station_queue import StationQueue
    from pywats.tools.test_uut import TestUUT

__all__ = ["Delivery", "deliver"]

logger = logging.getLogger("pywats.testing")


@dataclass(frozen=True)
class Delivery:
    """What happened to the report: ``ok``, how (``direct``, ``queue``, ``file``…) and a line for people."""

    ok: bool
    how: str
    message: str
    report_id: str | None = None


def deliver(settings: RecorderSettings, report: TestUUT, rootdir: Path) -> Delivery:
    """Write the report file if asked, then submit as ``settings.submit`` says; never raises."""
    summary = f"report {report.id} ({report.pn} {report.sn}, result {report.result})"
    written = ""
    if settings.report_file is not None:
        try:
            _write(settings.report_file, report)
            written = f"; written to {settings.report_file}"
        except OSError as exc:
            return Delivery(False, "file", f"{summary} could not be written: {exc}", report.id)
    mode = settings.submit
    if mode == "none":
        return Delivery(True, "none", f"{summary} not submitted (--wats-submit none){written}", report.id)
    if mode in ("queue", "auto"):
        from pywats.tools.station_queue import find_station_queue

        queue = find_station_queue()
        if queue is not None:
            return _queued(queue, report, rootdir, summary, written)
        if mode == "queue":
            message = f"{summary}: no station is configured here (pywats-client config init)"
            return Delivery(False, "queue", _keep(rootdir, report, message), report.id)
    return _direct(settings, report, rootdir, summary, written)


def _queued(queue: StationQueue, report: TestUUT, rootdir: Path, summary: str, written: str) -> Delivery:
    from pywats import PyWATSError

    try:
        outcome = queue.enqueue(report)
    except (PyWATSError, OSError) as exc:
        logger.error("Queueing the session report failed: %s", exc)
        return Delivery(False, "queue", _keep(rootdir, report, f"{summary} not queued: {exc}"), report.id)
    return Delivery(True, "queue", f"{summary} {outcome}{written}", report.id)


def _direct(
    settings: RecorderSettings, report: TestUUT, rootdir: Path, summary: str, written: str
) -> Delivery:
    from pywats import PyWATSError, pyWATS

    if not settings.url or not settings.token:
        missing = "--wats-url or WATS_BASE_URL" if not settings.url else "WATS_AUTH_TOKEN"
        return Delivery(False, "direct", _keep(rootdir, report, f"{summary} not submitted: set {missing}"))
    try:
        with pyWATS(base_url=settings.url, token=settings.token) as api:
            report_id = api.report.submit_report(report)
    except PyWATSError as exc:
        logger.error("Submitting the session report failed: %s", exc)
        return Delivery(False, "direct", _keep(rootdir, report, f"{summary} not submitted: {exc}"), report.id)
    return Delivery(True, "direct", f"{summary} submitted to {settings.url}{written}", report_id)


def _keep(rootdir: Path, report: TestUUT, message: str) -> str:
    """Save an undelivered report next to the tests, so it can be submitted later."""
    target = rootdir / f"wats-report-{report.id}.json"
    try:
        _write(target, report)
    except OSError as exc:
        return f"{message}; saving it to {target} failed too: {exc}"
    return f"{message}; saved to {target}"


def _write(path: Path, report: TestUUT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(report.to_wsjf())
