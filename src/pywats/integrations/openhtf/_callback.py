"""``WATSOutputCallback``: an OpenHTF output callback that files each test run as a WATS report."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pywats.core.exceptions import PyWATSError, ValidationError
from pywats.integrations.openhtf._convert import record_to_report

if TYPE_CHECKING:
    from pywats import pyWATS
    from pywats.tools.test_uut import TestUUT

__all__ = ["UploadFailedError", "WATSOutputCallback"]

logger = logging.getLogger("pywats.integrations.openhtf")

DELIVERY_MODES = ("auto", "queue", "direct")


class UploadFailedError(PyWATSError):
    """The report could be neither queued nor submitted; ``saved_to`` is where it was written instead."""

    def __init__(
        self, message: str, *, saved_to: Path | None = None, cause: BaseException | None = None
    ) -> None:
        super().__init__(message, operation="openhtf_output", cause=cause)
        self.saved_to = saved_to


class WATSOutputCallback:
    """Add with ``test.add_output_callbacks(WATSOutputCallback(...))``.

    Every finished test record becomes a UUT report (see :func:`record_to_report` for the
    mapping) and is delivered:

    * ``delivery="auto"`` (default): into this computer's station queue when a station is
      configured (``pywats-client config init``) — the report is on disk before anything is
      sent and the station service uploads it, retrying until the server has it; otherwise
      submitted directly with ``api`` (or a client built from ``WATS_BASE_URL`` and
      ``WATS_AUTH_TOKEN``);
    * ``"queue"``: only the station queue; ``"direct"``: only a direct submission.

    When delivery fails the report is written as WSJF into ``fallback_dir`` and
    :class:`UploadFailedError` is raised, so a lost upload is loud even after a passing test.
    ``last_report_id`` and ``last_delivery`` tell what happened to the latest record.
    """

    def __init__(
        self,
        api: pyWATS | None = None,
        *,
        part_number: str | None = None,
        revision: str | None = None,
        process_code: int = 10,
        operator: str | None = None,
        location: str | None = None,
        purpose: str | None = None,
        delivery: str = "auto",
        fallback_dir: str | Path = "wats-unsent",
    ) -> None:
        if delivery not in DELIVERY_MODES:
            raise ValidationError(
                f"delivery must be one of {', '.join(DELIVERY_MODES)}", field="delivery", value=delivery
            )
        self.api = api
        self.options: dict[str, Any] = {
            "part_number": part_number,
            "revision": revision,
            "process_code": process_code,
            "operator": operator,
            "location": location,
            "purpose": purpose,
        }
        self.delivery = delivery
        self.fallback_dir = Path(fallback_dir)
        self.last_report_id: str | None = None
        self.last_delivery: str | None = None

    def __call__(self, record: Any) -> None:
        report = record_to_report(record, **self.options)
        self.last_report_id = report.id
        try:
            self.last_delivery = self._deliver(report)
        except (PyWATSError, OSError) as exc:
            saved = self._save(report)
            self.last_delivery = f"failed: {exc}"
            logger.error("WATS report %s was not delivered (%s); saved to %s", report.id, exc, saved)
            raise UploadFailedError(
                f"WATS report {report.id} was not delivered: {exc}; saved to {saved}",
                saved_to=saved,
                cause=exc,
            ) from exc
        logger.info("WATS report %s (%s %s, result %s): %s", report.id, report.pn, report.sn, report.result,
                    self.last_delivery)  # fmt: skip

    def _deliver(self, report: TestUUT) -> str:
        if self.delivery in ("auto", "queue"):
            from pywats.tools.station_queue import find_station_queue

            queue = find_station_queue()
            if queue is not None:
                return queue.enqueue(report)
            if self.delivery == "queue":
                raise PyWATSError("no station is configured here (pywats-client config init)")
        if self.api is not None:
            return f"submitted as {self.api.report.submit_report(report)}"
        from pywats import pyWATS

        with pyWATS() as api:
            return f"submitted as {api.report.submit_report(report)}"

    def _save(self, report: TestUUT) -> Path | None:
        try:
            self.fallback_dir.mkdir(parents=True, exist_ok=True)
            target = self.fallback_dir / f"{report.id}.json"
            target.write_bytes(report.to_wsjf())
        except OSError:
            return None
        return target
