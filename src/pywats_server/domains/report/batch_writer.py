"""Storing reports in batches: many reports in one transaction, one ``executemany`` per table.

:func:`write_reports` stores prepared reports inside an open transaction (a report whose id is already
stored replaces it, and ``receive_count`` goes up). :class:`GroupCommit` lets concurrent submissions share a
transaction: the first waiting request writes everything queued meanwhile and every request returns only
after its report is committed, so answering 200 still means "stored". A batch that fails is retried report
by report, so one bad report cannot take others down with it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.process.defaults import DEFAULT_PROCESSES
from pywats_server.domains.process.tables import ProcessRow
from pywats_server.domains.report.indexing import IndexedReport
from pywats_server.domains.report.tables import (
    ReportAssetRow,
    ReportAttachmentRow,
    ReportDocumentRow,
    ReportFailureRow,
    ReportMeasurementRow,
    ReportMiscInfoRow,
    ReportRow,
    ReportStepRow,
    ReportSubUnitRow,
)

__all__ = ["CHILD_TABLES", "GroupCommit", "PreparedReport", "write_reports"]

logger = logging.getLogger(__name__)

CHILD_TABLES = (
    ReportDocumentRow,
    ReportMiscInfoRow,
    ReportSubUnitRow,
    ReportAssetRow,
    ReportAttachmentRow,
    ReportFailureRow,
    ReportStepRow,
    ReportMeasurementRow,
)
MAX_BATCH = 200
"""Reports per shared transaction, at most."""
_ID_CHUNK = 500


@dataclass
class PreparedReport:
    """A validated report's rows and its stored document bytes."""

    rows: IndexedReport
    document: bytes

    @property
    def id(self) -> str:
        return str(self.rows.header["id"])


def write_reports(session: Session, reports: Sequence[PreparedReport]) -> None:
    """Store ``reports`` in the session's transaction; a later report with the same id replaces an earlier."""
    ids = list(dict.fromkeys(report.id for report in reports))
    counts: dict[str, int] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        counts.update(
            session.execute(
                select(ReportRow.id, ReportRow.receive_count).where(ReportRow.id.in_(chunk))
            ).all()
        )
    stored = list(counts)
    for start in range(0, len(stored), _ID_CHUNK):
        chunk = stored[start : start + _ID_CHUNK]
        for table in CHILD_TABLES:
            session.execute(delete(table).where(table.report_id.in_(chunk)))
        session.execute(delete(ReportRow).where(ReportRow.id.in_(chunk)))
    final: dict[str, PreparedReport] = {}
    for report in reports:
        counts[report.id] = counts.get(report.id, 0) + 1
        final[report.id] = report
    names = _process_names(session, final.values())
    tables: dict[Any, list[dict[str, Any]]] = {table: [] for table in (ReportRow, *CHILD_TABLES)}
    for rid, report in final.items():
        rows = report.rows
        header = {**rows.header, "receive_count": counts[rid]}
        if header.get("process_name") is None:
            header["process_name"] = names.get(header.get("process_code"))
        tables[ReportRow].append(header)
        tables[ReportDocumentRow].append({"report_id": rid, "document": report.document})
        tables[ReportMiscInfoRow] += rows.misc
        tables[ReportSubUnitRow] += rows.sub_units
        tables[ReportAssetRow] += rows.assets
        tables[ReportAttachmentRow] += rows.attachments
        tables[ReportFailureRow] += rows.failures
        tables[ReportStepRow] += rows.steps
        tables[ReportMeasurementRow] += rows.measurements
    for table, items in tables.items():
        if items:
            _insert(session, table, items)


def _process_names(session: Session, reports: Iterable[PreparedReport]) -> dict[Any, str]:
    """Process names by code, read only when a report names its process by code alone.

    WATS answers header queries with the process name (``processName``/``testOperation``) whether or not
    the report carried it; the name of the process at the time the report arrived is what it keeps.
    """
    if all(r.rows.header.get("process_name") is not None for r in reports):
        return {}
    listed = session.execute(select(ProcessRow.code, ProcessRow.name))
    names: dict[Any, str] = {code: name for code, name in listed}
    # An empty table is seeded with the defaults by the first reader (ProcessBackend.ensure_defaults).
    return names or {code: name for code, name, *_ in DEFAULT_PROCESSES}


def _insert(session: Session, table: Any, items: list[dict[str, Any]]) -> None:
    """One ``executemany`` for ``items``.

    executemany needs the same members in every row: ones a row lacks (an attachment's ``step_id``, a
    passed report's ``caused_uut_failure``) are null. Rows of tables without date-time columns (steps and
    measurements are most rows) go to the driver as plain tuples: SQLAlchemy's per-row parameter processing
    would cost more than the database's own work.
    """
    keys = list(items[0])
    if any(len(item) != len(keys) for item in items):
        keys = list(dict.fromkeys(key for item in items for key in item))
        items = [dict.fromkeys(keys) | item for item in items]
    if table not in _PLAIN_TABLES:
        session.execute(table.__table__.insert(), items)
        return
    connection = session.connection()
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.__tablename__} ({', '.join(keys)}) VALUES ({', '.join(marker for _ in keys)})"
    values = itemgetter(*keys) if len(keys) > 1 else (lambda item: (item[keys[0]],))
    connection.exec_driver_sql(sql, [values(item) for item in items])


# Tables whose values need no conversion for the driver (no date-time columns).
_PLAIN_TABLES = frozenset(
    {
        ReportDocumentRow,
        ReportMiscInfoRow,
        ReportSubUnitRow,
        ReportAssetRow,
        ReportAttachmentRow,
        ReportFailureRow,
        ReportStepRow,
        ReportMeasurementRow,
    }
)


class _Ticket:
    def __init__(self, report: PreparedReport) -> None:
        self.report = report
        self.done = False
        self.error: BaseException | None = None


class GroupCommit:
    """Concurrent report writes of one database, grouped into shared transactions."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._changed = threading.Condition()
        self._queue: list[_Ticket] = []
        self._writing = False

    def store(self, report: PreparedReport) -> None:
        """Store ``report``; returns once it is committed (raises what storing it raised)."""
        ticket = _Ticket(report)
        with self._changed:
            self._queue.append(ticket)
        while True:
            with self._changed:
                while not ticket.done and self._writing:
                    self._changed.wait()
                if ticket.done:
                    break
                # Nobody is writing: this request writes everything queued so far (its own report too,
                # unless the queue is longer than a batch; then it loops and writes the next batch).
                self._writing = True
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            try:
                self._write(batch)
            finally:
                with self._changed:
                    self._writing = False
                    self._changed.notify_all()
        if ticket.error is not None:
            raise ticket.error

    def _write(self, batch: list[_Ticket]) -> None:
        try:
            self.db.write(lambda session: write_reports(session, [t.report for t in batch]))
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
            else:
                logger.info("a batch of %d reports failed (%s); storing them one by one", len(batch), exc)
                for ticket in batch:
                    try:
                        self.db.write(partial(write_reports, reports=[ticket.report]))
                    except Exception as single:
                        ticket.error = single
        finally:
            for ticket in batch:
                ticket.done = True
        if len(batch) > 1:
            logger.debug("stored %d reports in one transaction", len(batch))
