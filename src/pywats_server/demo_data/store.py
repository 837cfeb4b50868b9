"""Storing many reports at once, in-process: the bulk path of the demo data and the benchmarks.

Each document goes through the Report domain's own preparation (:func:`normalise`, :func:`index_report`,
the same stored bytes) and its batch writer, so the result is what ``POST /api/Report/WSJF`` would have
stored; only the HTTP round trip and the per-report transaction are saved. With ``validate`` the
report-format rules are checked too, exactly as the submit endpoint checks them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from typing import Any

import pydantic_core

from pywats.domains.report.formats import parse_wsjf
from pywats.domains.report.models import check_report
from pywats_server.db import Database
from pywats_server.domains.report.batch_writer import PreparedReport, write_reports
from pywats_server.domains.report.indexing import index_report, normalise

__all__ = ["BATCH_SIZE", "InvalidDemoReport", "prepare_report", "store_reports"]

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
"""Reports per transaction."""


class InvalidDemoReport(Exception):
    """A generated report broke a report-format rule (a bug in the generator)."""


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def prepare_report(document: dict[str, Any], now: datetime, *, validate: bool) -> PreparedReport:
    """A WSJF document's rows and stored bytes, as the submit endpoint prepares them."""
    if validate:
        content = json.dumps(document).encode()
        errors = [p for p in check_report(parse_wsjf(content), now=now) if p.severity == "error"]
        if errors:
            raise InvalidDemoReport(f"report {document.get('id')}: {errors[0]}")
    normalised = normalise(document)
    body = pydantic_core.to_json(normalised, inf_nan_mode="strings")
    rows = index_report(
        normalised, source_format="WSJF", size=len(body), now=now.replace(tzinfo=None), quarantined=False
    )
    return PreparedReport(rows, body)


def store_reports(db: Database, documents: Iterable[dict[str, Any]], *, validate: bool = True) -> int:
    """Store WSJF documents (replacing reports with the same id); returns how many were stored."""
    stored = 0
    for batch in _batches(documents, BATCH_SIZE):
        now = datetime.now(UTC)
        prepared = [prepare_report(document, now, validate=validate) for document in batch]
        db.write(partial(write_reports, reports=prepared))
        stored += len(batch)
        logger.debug("stored %d demo reports", stored)
    return stored
