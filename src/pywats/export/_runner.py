"""The export loop: header pages in start order → rows → Parquet files → resume point.

Memory stays bounded by one page: headers are fetched ``page_size`` at a time with a keyset
cursor (``start`` then ``uuid``, both ascending), each page's rows are written and dropped
before the next page is read. For measurements each page's full reports are fetched with a few
threads sharing the client's connection pool.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pywats.core.exceptions import ValidationError
from pywats.export._parquet import write_partitioned
from pywats.export._rows import HEADER_COLUMNS, MEASUREMENT_COLUMNS, header_row, measurement_rows
from pywats.export._state import STATE_FILE, ExportState

if TYPE_CHECKING:
    from pywats import pyWATS
    from pywats.domains.report.query import ReportHeader

__all__ = ["DEFAULT_PAGE_SIZE", "ExportProgress", "ExportResult", "export_measurements", "export_reports"]

logger = logging.getLogger("pywats.export")

DEFAULT_PAGE_SIZE = 500
DEFAULT_MEASUREMENT_PAGE_SIZE = 100
DEFAULT_WORKERS = 4
MAX_PAGE_SIZE = 10_000


@dataclass
class ExportProgress:
    """Running totals, passed to the ``progress`` callback after each page."""

    kind: str
    reports: int
    rows: int
    files: int
    last_start: datetime | None


@dataclass
class ExportResult:
    """What one export run did (``reports``/``rows``/``files`` count this run only)."""

    kind: str
    directory: Path
    reports: int = 0
    rows: int = 0
    files: list[Path] = field(default_factory=list)
    resumed_after: datetime | None = None


def export_reports(
    api: pyWATS,
    out_dir: str | Path,
    *,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    part_number: str | list[str] | None = None,
    process_code: int | None = None,
    station_name: str | None = None,
    report_type: str = "uut",
    page_size: int = DEFAULT_PAGE_SIZE,
    restart: bool = False,
    progress: Callable[[ExportProgress], None] | None = None,
) -> ExportResult:
    """Export report headers to ``<out_dir>/reports`` as Parquet, one row per report.

    ``date_from`` (inclusive) and ``date_to`` (exclusive) bound the reports' start times;
    times without a zone are UTC. Running it again with the same filters continues after the
    last exported report; ``restart=True`` deletes the earlier export first.
    """
    runner = _Export(api, Path(out_dir), "reports", page_size, progress)
    query = _query(date_from, part_number, process_code, station_name, report_type)
    return runner.run(
        query, date_to, restart, lambda headers: [header_row(h) for h in headers], HEADER_COLUMNS
    )


def export_measurements(
    api: pyWATS,
    out_dir: str | Path,
    *,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    part_number: str | list[str] | None = None,
    process_code: int | None = None,
    station_name: str | None = None,
    page_size: int = DEFAULT_MEASUREMENT_PAGE_SIZE,
    workers: int = DEFAULT_WORKERS,
    restart: bool = False,
    progress: Callable[[ExportProgress], None] | None = None,
) -> ExportResult:
    """Export every measurement of the matching test reports to ``<out_dir>/measurements``.

    One row per numeric, string or pass/fail measurement with its limits, unit, status, step
    path and the report's keys. Filters, resuming and ``restart`` work as in :func:`export_reports`.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValidationError("workers must be a positive integer", field="workers", value=workers)
    runner = _Export(api, Path(out_dir), "measurements", page_size, progress)
    query = _query(date_from, part_number, process_code, station_name, "uut")

    def rows(headers: list[ReportHeader]) -> list[dict[str, Any]]:
        ids = [h.uuid for h in headers if h.uuid]
        with ThreadPoolExecutor(max_workers=min(workers, max(len(ids), 1))) as pool:
            reports = list(pool.map(api.report.get_report, ids))
        return [row for report in reports if report is not None for row in measurement_rows(report)]

    return runner.run(query, date_to, restart, rows, MEASUREMENT_COLUMNS)


class _Export:
    def __init__(
        self,
        api: pyWATS,
        out_dir: Path,
        kind: str,
        page_size: int,
        progress: Callable[[ExportProgress], None] | None,
    ) -> None:
        if (
            isinstance(page_size, bool)
            or not isinstance(page_size, int)
            or not 0 < page_size <= MAX_PAGE_SIZE
        ):
            raise ValidationError(
                f"page_size must be an integer from 1 to {MAX_PAGE_SIZE}", field="page_size", value=page_size
            )
        self.api = api
        self.directory = out_dir / kind
        self.kind = kind
        self.page_size = page_size
        self.progress = progress

    def run(
        self,
        query: dict[str, Any],
        date_to: datetime | None,
        restart: bool,
        to_rows: Callable[[list[ReportHeader]], list[dict[str, Any]]],
        columns: dict[str, str],
    ) -> ExportResult:
        if restart:
            _clear(self.directory)
        state = ExportState.load(self.directory, query)
        result = ExportResult(self.kind, self.directory)
        cursor = state.cursor
        result.resumed_after = cursor[0] if cursor else None
        end = _utc("date_to", date_to)
        state.runs.append(datetime.now(UTC).isoformat())
        for headers in self._pages(query, end, cursor):
            rows = to_rows(headers)
            last = headers[-1]
            files = write_partitioned(rows, columns, self.directory, _file_key(headers[0]))
            result.reports += len(headers)
            result.rows += len(rows)
            result.files.extend(files)
            state.reports += len(headers)
            state.rows += len(rows)
            state.files += len(files)
            last_start = _utc("start_utc", last.start_utc)
            state.last_start = last_start.isoformat() if last_start else None
            state.last_id = last.uuid
            state.save(self.directory)
            logger.info(
                "Exported %d %s (%d rows) up to %s", result.reports, self.kind, result.rows, last.start_utc
            )
            if self.progress is not None:
                self.progress(
                    ExportProgress(self.kind, result.reports, result.rows, len(result.files), last.start_utc)
                )
        if not (self.directory / STATE_FILE).exists():
            state.save(self.directory)  # an empty first run still records its query
        return result

    def _pages(
        self, query: dict[str, Any], end: datetime | None, cursor: tuple[datetime, str] | None
    ) -> Iterator[list[ReportHeader]]:
        while True:
            odata = _filter(query, end, cursor)
            headers = self.api.report.query_headers(
                query["report_type"], odata_filter=odata, orderby="start asc, uuid asc", top=self.page_size
            )
            if not headers:
                return
            yield headers
            last = headers[-1]
            if last.start_utc is None or last.uuid is None:
                raise ValidationError(
                    "the server's report headers lack startUtc or uuid; cannot page through them",
                    field="startUtc",
                    operation="export",
                )
            cursor = (
                last.start_utc if last.start_utc.tzinfo else last.start_utc.replace(tzinfo=UTC),
                last.uuid,
            )
            if len(headers) < self.page_size:
                return


def _query(
    date_from: datetime | None,
    part_number: str | list[str] | None,
    process_code: int | None,
    station_name: str | None,
    report_type: str,
) -> dict[str, Any]:
    """The export's identity (the end date is not part of it: a later run may extend it)."""
    start = _utc("date_from", date_from)
    parts = [part_number] if isinstance(part_number, str) else list(part_number or [])
    for value in parts:
        if not isinstance(value, str) or not value:
            raise ValidationError("part_number must be a non-empty string", field="part_number", value=value)
    if process_code is not None and (isinstance(process_code, bool) or not isinstance(process_code, int)):
        raise ValidationError("process_code must be an integer", field="process_code", value=process_code)
    if station_name is not None and (not isinstance(station_name, str) or not station_name):
        raise ValidationError(
            "station_name must be a non-empty string", field="station_name", value=station_name
        )
    kind = str(report_type).lower()
    if kind not in ("uut", "uur"):
        raise ValidationError("report_type must be 'uut' or 'uur'", field="report_type", value=report_type)
    return {
        "report_type": kind,
        "date_from": start.isoformat() if start else None,
        "part_numbers": sorted(parts),
        "process_code": process_code,
        "station_name": station_name,
    }


def _filter(query: dict[str, Any], end: datetime | None, cursor: tuple[datetime, str] | None) -> str | None:
    clauses: list[str] = []
    if query["date_from"]:
        clauses.append(f"start ge {_moment(datetime.fromisoformat(query['date_from']))}")
    if end is not None:
        clauses.append(f"start lt {_moment(end)}")
    if query["part_numbers"]:
        clauses.append(" or ".join(f"partNumber eq {_text(pn)}" for pn in query["part_numbers"]))
    if query["process_code"] is not None:
        clauses.append(f"processCode eq {int(query['process_code'])}")
    if query["station_name"]:
        clauses.append(f"stationName eq {_text(query['station_name'])}")
    if cursor is not None:
        moment, last_id = cursor
        clauses.append(
            f"start gt {_moment(moment)} or (start eq {_moment(moment)} and uuid gt {_text(last_id)})"
        )
    if not clauses:
        return None
    return " and ".join(f"({clause})" for clause in clauses) if len(clauses) > 1 else clauses[0]


def _moment(value: datetime) -> str:
    # Microseconds included: the cursor must point exactly at the last report's start.
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _utc(field_name: str, value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValidationError(f"{field_name} must be a datetime", field=field_name, value=value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _file_key(first: ReportHeader) -> str:
    return str(first.uuid or "page")


def _clear(directory: Path) -> None:
    """Remove what an earlier export wrote here: its partitions and its state."""
    if not directory.exists():
        return
    for child in directory.iterdir():
        if child.is_dir() and child.name.startswith("day="):
            shutil.rmtree(child)
    (directory / STATE_FILE).unlink(missing_ok=True)
