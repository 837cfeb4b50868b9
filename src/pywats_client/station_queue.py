"""The station's durable queue as seen by other tools (pytest recorder, OpenHTF callback).

Registered under the ``pywats.station_queue`` entry point, so ``pywats`` finds it without
importing the station client. :func:`configured_queue` returns the queue of the configured
instance (``PYWATS_CLIENT_CONFIG``/``PYWATS_CLIENT_INSTANCE`` or the default), or None when
this computer has no station configuration.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

from pywats.core.exceptions import PyWATSError, ValidationError
from pywats.domains.report.models import Report, validate_report
from pywats_client.config import ClientConfig, load_config
from pywats_client.paths import resolve_paths
from pywats_client.queue import EntryMeta, ReportQueue

__all__ = ["StationReportQueue", "configured_queue"]

QUEUE_DIR = "queue"
PRIORITY = 5


class StationReportQueue:
    """Puts reports into a station's queue; the station service uploads them."""

    def __init__(self, root: Path, config: ClientConfig) -> None:
        self.queue = ReportQueue(root)
        self.config = config

    @property
    def location(self) -> str:
        return str(self.queue.root)

    def enqueue(self, report: Report) -> str:
        """Fill empty station fields, validate, and write the report durably into ``pending``."""
        self._fill_station(report)
        validate_report(report, operation="enqueue")
        meta = EntryMeta(
            id=report.id,
            priority=PRIORITY,
            created=time.time(),
            report_type=report.raw.get("type"),
            pn=report.pn,
            sn=report.sn,
            rev=report.rev,
            result=report.result,
        )
        (added,) = self.queue.add([(meta, report.to_wsjf())])
        if added.status == "busy":
            raise PyWATSError(
                f"report {report.id} is being uploaded by the station right now; queue it again later",
                operation="enqueue",
            )
        return f"queued in the station queue {self.location} ({added.status})"

    def _fill_station(self, report: Report) -> None:
        # The same rule as the station's converters: only fields the report leaves empty.
        raw = report.raw
        station_name = self.config.station_name or socket.gethostname()
        for key, value in (
            ("machineName", station_name),
            ("location", self.config.location),
            ("purpose", self.config.purpose),
        ):
            if not raw.get(key) and value:
                raw[key] = value


def configured_queue() -> StationReportQueue | None:
    """The configured station's queue, or None if there is no station configuration here."""
    try:
        loaded = load_config(resolve_paths(), required=True)
    except ValidationError:
        return None
    return StationReportQueue(loaded.data_dir / QUEUE_DIR, loaded.config)
