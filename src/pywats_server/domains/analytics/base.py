"""What every analytics backend shares: the database, a clock, and reading a filter into a selection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.analytics.catalog import Catalog, load_catalog
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.selection import Selection, select_reports
from pywats_server.domains.analytics.tables import ensure_indexes

__all__ = ["AnalyticsBase", "Clock", "clean"]

T = TypeVar("T")
Clock = Callable[[], datetime]


def clean(row: dict[str, Any]) -> dict[str, Any]:
    """A response object without its null members (as the server leaves them out)."""
    return {key: value for key, value in row.items() if value is not None}


class AnalyticsBase:
    """Base of the analytics backends."""

    def __init__(self, db: Database, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or (lambda: datetime.now(UTC))
        self._indexed = False

    def read(
        self,
        query: AnalyticsFilter,
        work: Callable[[Session, Catalog, Selection], T],
        *,
        use_window: bool = True,
    ) -> T:
        """Run ``work`` with the catalog and the selection of ``query`` in one read transaction."""
        if not self._indexed:
            ensure_indexes(self.db.engine)
            self._indexed = True
        now = self.clock()

        def unit(session: Session) -> T:
            catalog = load_catalog(session)
            return work(
                session, catalog, select_reports(session, catalog, query, now=now, use_window=use_window)
            )

        return self.db.read(unit)
