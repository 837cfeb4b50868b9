"""Fetching UUT report rows for analytics, and numbering each unit's runs.

A unit's runs are its UUT reports of one process ordered by start time (report id breaks ties), so "first
run" means the same thing in every query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.analytics.wildcards import compile_pattern
from pywats_server.domains.report.tables import ReportMiscInfoRow, ReportRow

__all__ = ["UNIT_COLUMNS", "Fetched", "fetch_reports", "misc_pairs", "unit_runs"]

UNIT_COLUMNS = ("id", "serial_number", "part_number", "process_code", "start_utc", "result")
"""Columns every run fetch starts with, in this order (positions 0–5)."""
ID, SN, PN, PROCESS, START, RESULT = range(len(UNIT_COLUMNS))


class Fetched:
    """Fetched report rows and the position of each column in them."""

    def __init__(self, rows: Sequence[Sequence[Any]], columns: Sequence[str]) -> None:
        self.rows = rows
        self.columns = list(columns)
        self.index = {name: position for position, name in enumerate(columns)}


def fetch_reports(
    session: Session,
    selection: Selection,
    columns: Iterable[str],
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    report_type: str = "T",
) -> Fetched:
    """Rows (``UNIT_COLUMNS`` first, then ``columns``) of the reports ``selection`` puts to the database,
    started in ``[since, until]``, sorted by unit and start time."""
    names = list(UNIT_COLUMNS) + [c for c in dict.fromkeys(columns) if c not in UNIT_COLUMNS]
    statement = select(*(getattr(ReportRow, name) for name in names)).where(
        *selection.sql(report_type=report_type)
    )
    if since is not None:
        statement = statement.where(ReportRow.start_utc >= since)
    if until is not None:
        statement = statement.where(ReportRow.start_utc <= until)
    rows = _plain_rows(session, statement)
    rows.sort(key=itemgetter(SN, PN, PROCESS, START, ID))
    return Fetched(rows, names)


def _plain_rows(session: Session, statement: Select[Any]) -> list[Any]:
    """The statement's rows as the database driver returns them: a yield query reads every report, and
    SQLAlchemy's per-row result processing would cost more than the query. Only ``start_utc`` needs a
    conversion: SQLite returns date-times as ISO text (other databases as datetimes)."""
    result = session.connection().execute(statement)
    try:
        rows: list[Any] = result.cursor.fetchall()  # type: ignore[assignment]
    finally:
        result.close()
    if rows and isinstance(rows[0][START], str):
        parse = datetime.fromisoformat
        rows = [(*row[:START], parse(row[START]), *row[START + 1 :]) for row in rows]
    return rows


def unit_runs(rows: Sequence[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    """The runs of each unit (serial number, part number, process) of rows sorted by :func:`fetch_reports`."""
    for _, runs in groupby(rows, key=itemgetter(SN, PN, PROCESS)):
        yield list(runs)


def misc_pairs(
    session: Session, query: AnalyticsFilter | None = None
) -> dict[str, list[tuple[str | None, str | None]]]:
    """Misc-info (description, text) pairs by report id (only those the filter's misc members match)."""
    description = query and (query.misc_description or query.misc_info_description)
    text_pattern = query and (query.misc_value or query.misc_info_string)
    test_description = compile_pattern(description) if description else None
    test_text = compile_pattern(text_pattern) if text_pattern else None
    found: dict[str, list[tuple[str | None, str | None]]] = {}
    statement = select(ReportMiscInfoRow.report_id, ReportMiscInfoRow.description, ReportMiscInfoRow.text)
    for report_id, desc, text in session.execute(statement.order_by(ReportMiscInfoRow.idx)):
        if (test_description is None or test_description(desc)) and (test_text is None or test_text(text)):
            found.setdefault(report_id, []).append((desc, text))
    return found
