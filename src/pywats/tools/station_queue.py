"""Hand a report to this computer's station queue, when a station package provides one.

The library does not depend on the station client. A station package registers a factory
under the ``pywats.station_queue`` entry-point group; the factory returns a queue when a
station is configured on this computer (and None otherwise). ``pywats-api[client-headless]``
registers the durable on-disk queue of ``pywats-client``: a report put there is on disk before
anything is sent, and the station service uploads it, retrying until the server has it.

Used by the pytest recorder (``pytest --wats-report``) and the OpenHTF output callback.
"""

from __future__ import annotations

import logging
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pywats.domains.report.models import Report

__all__ = ["ENTRY_POINT_GROUP", "StationQueue", "find_station_queue"]

ENTRY_POINT_GROUP = "pywats.station_queue"

logger = logging.getLogger("pywats.tools")


class StationQueue(Protocol):
    """A durable queue of reports that a station service uploads."""

    @property
    def location(self) -> str:
        """Where the queue keeps its reports (for messages)."""
        ...

    def enqueue(self, report: Report) -> str:
        """Store ``report`` durably for upload; returns a line saying what happened.

        Raises :class:`~pywats.PyWATSError` if the report cannot be queued.
        """
        ...


def find_station_queue() -> StationQueue | None:
    """The first configured station queue any installed package provides, or None."""
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            factory = entry_point.load()
            queue = factory()
        except Exception as exc:  # a broken plugin must not stop a test run
            logger.warning("Station queue %s could not be loaded: %s", entry_point.name, exc)
            continue
        if queue is not None:
            return queue  # type: ignore[no-any-return]
    return None
