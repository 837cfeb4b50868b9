"""Report lists of the App controller (SerialNumberHistory, UutReport, UurReport) and OEE.

SerialNumberHistory looks at all time unless the filter names dates; the other lists use the filter's window
(the last 30 days by default). UUT headers of a serial-number history carry ``run``: the report's run number
in its process.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.base import AnalyticsBase, clean
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.runs import ID, START, fetch_reports, unit_runs
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.scope import CHUNK_SIZE, report_scope
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.report.header_query import header_rows
from pywats_server.domains.report.tables import ReportRow
from pywats_server.errors import BadRequest

__all__ = ["DEFAULT_LIST_SIZE", "HistoryBackend"]

DEFAULT_LIST_SIZE = 1000
SECONDS_PER_MINUTE = 60.0
PERCENT = 100.0


class HistoryBackend(AnalyticsBase):
    """Report lists and OEE."""

    def serial_number_history(self, query: AnalyticsFilter) -> list[dict[str, Any]]:
        """Every report (UUT and UUR) of the serial number(s), oldest first."""
        if not query.serial_number:
            raise BadRequest("serialNumber is required for a serial-number history")
        dated = any(v is not None for v in (query.date_from, query.date_to, query.period_count))

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            window = selection.window
            found: list[ReportRow] = []
            runs: dict[str, int] = {}
            for kind in ("T", "R"):
                fetched = fetch_reports(session, selection, selection.columns, report_type=kind)
                matches = selection.predicate(fetched.index)
                if kind == "T":
                    for unit in unit_runs(fetched.rows):
                        runs.update((run[ID], number) for number, run in enumerate(unit, 1))
                wanted = [row[ID] for row in fetched.rows if row[START] in window and matches(row)]
                found += _rows(session, wanted)
            found.sort(key=lambda row: (row.start_utc, row.id))
            headers = header_rows(session, found[: query.top_count or query.max_count or None], set())
            for header in headers:
                if header["uuid"] in runs:
                    header["run"] = runs[header["uuid"]]
            return headers

        return self.read(query, work, use_window=dated)

    def reports(self, query: AnalyticsFilter, *, report_type: str) -> list[dict[str, Any]]:
        """UUT (``T``) or UUR (``R``) report headers of the filter's window, newest first."""
        limit = query.top_count or query.max_count or DEFAULT_LIST_SIZE

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            window = selection.window
            if report_type == "T":
                scope = report_scope(session, selection, max_count=limit)
                if scope.ids is not None:
                    return header_rows(session, _newest_first(_rows(session, scope.ids)), set())
                statement = (
                    select(ReportRow)
                    .where(*scope.conditions)
                    .order_by(ReportRow.start_utc.desc(), ReportRow.id)
                )
                return header_rows(session, list(session.scalars(statement.limit(limit))), set())
            fetched = fetch_reports(
                session, selection, selection.columns, since=window.start, until=window.end, report_type="R"
            )
            matches = selection.predicate(fetched.index)
            chosen = sorted(
                (row for row in fetched.rows if matches(row)), key=itemgetter(START, ID), reverse=True
            )
            return header_rows(
                session, _newest_first(_rows(session, [row[ID] for row in chosen[:limit]])), set()
            )

        return self.read(query, work)

    def oee(self, query: AnalyticsFilter) -> dict[str, Any]:
        """Overall equipment effectiveness of the stations' testing in the window.

        Planned production time is, per station and day, the span from the first test's start to the last
        test's end; run time is the sum of execution times; the ideal cycle time is the shortest execution
        of a passing test. Times are in minutes, the rates in percent.
        """

        def work(session: Session, catalog: Catalog, selection: Selection) -> dict[str, Any]:
            window = selection.window
            base = {
                "period": f"{window.start.isoformat()}Z/{window.end.isoformat()}Z",
                "partNumber": query.part_number,
                "stationName": query.station_name,
            }
            if selection.nothing:
                return clean({**base, "totalCount": 0, "goodCount": 0, "rejectCount": 0})
            scope = report_scope(session, selection)
            statement = select(
                ReportRow.id,
                ReportRow.station_name,
                ReportRow.start_utc,
                ReportRow.execution_time,
                ReportRow.result,
            ).where(*scope.conditions)
            allowed = None if scope.ids is None else set(scope.ids)
            rows = [
                tuple(row[1:]) for row in session.execute(statement) if allowed is None or row[0] in allowed
            ]
            return clean({**base, **_oee(rows)})

        return self.read(query, work)


def _newest_first(rows: list[ReportRow]) -> list[ReportRow]:
    return sorted(rows, key=lambda row: (row.start_utc, row.id), reverse=True)


def _rows(session: Session, ids: list[str]) -> list[ReportRow]:
    found: list[ReportRow] = []
    for start in range(0, len(ids), CHUNK_SIZE):
        found += session.scalars(select(ReportRow).where(ReportRow.id.in_(ids[start : start + CHUNK_SIZE])))
    return found


def _oee(rows: list[Any]) -> dict[str, Any]:
    total = len(rows)
    good = sum(1 for row in rows if row[3] == "P")
    spans: dict[tuple[str | None, Any], list[datetime]] = defaultdict(list)
    run_s = 0.0
    fastest: float | None = None
    for station, start, exec_time, outcome in rows:
        seconds = float(exec_time or 0.0)
        run_s += seconds
        if outcome == "P" and seconds > 0 and (fastest is None or seconds < fastest):
            fastest = seconds
        day = spans[(station, start.date())]
        day.append(start)
        day.append(start + timedelta(seconds=seconds))
    planned_s = sum((max(times) - min(times)).total_seconds() for times in spans.values())
    result: dict[str, Any] = {
        "totalCount": total,
        "goodCount": good,
        "rejectCount": total - good,
        "runTime": run_s / SECONDS_PER_MINUTE,
        "plannedProductionTime": planned_s / SECONDS_PER_MINUTE,
        "totalTime": planned_s / SECONDS_PER_MINUTE,
        "downTime": max(0.0, planned_s - run_s) / SECONDS_PER_MINUTE,
        "idealCycleTime": None if fastest is None else fastest / SECONDS_PER_MINUTE,
        "actualCycleTime": run_s / total / SECONDS_PER_MINUTE if total else None,
    }
    if total and planned_s > 0 and run_s > 0 and fastest is not None:
        availability = min(1.0, run_s / planned_s)
        performance = min(1.0, fastest * total / run_s)
        quality = good / total
        result |= {
            "availability": PERCENT * availability,
            "performance": PERCENT * performance,
            "quality": PERCENT * quality,
            "oee": PERCENT * availability * performance * quality,
        }
    return result
