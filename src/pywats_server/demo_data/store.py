"""Storing many reports at once, in-process: the bulk path of the demo data and the benchmarks.

Each document goes through the Report domain's own preparation (:func:`normalise`, :func:`index_report`,
the same stored bytes), so the result is what ``POST /api/Report/WSJF`` would have stored; only the HTTP
round trip and the per-report transaction are saved. With ``validate`` the report-format rules are checked
too, exactly as the submit endpoint checks them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import pydantic_core
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pywats.domains.report.formats import parse_wsjf
from pywats.domains.report.models import check_report
from pywats_server.db import Database
from pywats_server.domains.report.indexing import index_report, normalise
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

__all__ = ["BATCH_SIZE", "InvalidDemoReport", "store_reports"]

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
"""Reports per transaction."""
_CHILD_TABLES = (
    ReportDocumentRow,
    ReportMiscInfoRow,
    ReportSubUnitRow,
    ReportAssetRow,
    ReportAttachmentRow,
    ReportFailureRow,
    ReportStepRow,
    ReportMeasurementRow,
)


# Header members the indexer sets only for some reports (one executemany needs the same keys in every row).
_HEADER_DEFAULTS = {"caused_uut_failure": None, "caused_uut_failure_path": None}


class InvalidDemoReport(Exception):
    """A generated report broke a report-format rule (a bug in the generator)."""


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def store_reports(db: Database, documents: Iterable[dict[str, Any]], *, validate: bool = True) -> int:
    """Store WSJF documents (replacing reports with the same id); returns how many were stored."""
    stored = 0
    for batch in _batches(documents, BATCH_SIZE):
        now = datetime.now(UTC)
        tables: dict[Any, list[dict[str, Any]]] = {table: [] for table in (ReportRow, *_CHILD_TABLES)}
        for document in batch:
            content = json.dumps(document).encode()
            if validate:
                errors = [p for p in check_report(parse_wsjf(content), now=now) if p.severity == "error"]
                if errors:
                    raise InvalidDemoReport(f"report {document.get('id')}: {errors[0]}")
            normalised = normalise(document)
            body = pydantic_core.to_json(normalised, inf_nan_mode="strings")
            rows = index_report(
                normalised,
                source_format="WSJF",
                size=len(body),
                now=now.replace(tzinfo=None),
                quarantined=False,
            )
            tables[ReportRow].append(_HEADER_DEFAULTS | rows.header)
            tables[ReportDocumentRow].append({"report_id": rows.header["id"], "document": body})
            tables[ReportMiscInfoRow] += rows.misc
            tables[ReportSubUnitRow] += rows.sub_units
            tables[ReportAssetRow] += rows.assets
            tables[ReportAttachmentRow] += [
                {"step_id": None, "failure_idx": None} | a for a in rows.attachments
            ]
            tables[ReportFailureRow] += rows.failures
            tables[ReportStepRow] += rows.steps
            tables[ReportMeasurementRow] += rows.measurements

        def work(session: Session, tables: dict[Any, list[dict[str, Any]]] = tables) -> None:
            ids = [row["id"] for row in tables[ReportRow]]
            known = dict(
                session.execute(
                    select(ReportRow.id, ReportRow.receive_count).where(ReportRow.id.in_(ids))
                ).all()
            )
            if known:
                for table in _CHILD_TABLES:
                    session.execute(delete(table).where(table.report_id.in_(list(known))))
                session.execute(delete(ReportRow).where(ReportRow.id.in_(list(known))))
            for header in tables[ReportRow]:
                header["receive_count"] = known.get(header["id"], 0) + 1
            for table, rows in tables.items():
                if rows:
                    session.execute(table.__table__.insert(), rows)

        db.write(work)
        stored += len(batch)
        logger.debug("stored %d demo reports", stored)
    return stored
