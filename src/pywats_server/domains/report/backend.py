"""The Report domain's behaviour: accept, validate, store, index and serve reports.

Submitting validates the report with the WATS rules (400 with every problem named), stores the
document as received (plus what WATS adds: step ids, ``startUTC``) and indexes it, all in one
transaction: a report is stored completely or not at all. A report whose ``id`` is already
stored replaces it (``receiveCount`` goes up), so re-submitting is safe. A report starting in
the future is stored but quarantined: it stays out of header queries.
"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from datetime import UTC, datetime
from typing import Any

import pydantic_core
from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats.domains.report.formats import parse_wsjf, parse_wsxf, to_wsxf
from pywats.domains.report.models import FUTURE_START_TOLERANCE, ReportParseError, check_report
from pywats_server.db import Database
from pywats_server.domains.report.batch_writer import GroupCommit, PreparedReport
from pywats_server.domains.report.certificate import certificate_pdf
from pywats_server.domains.report.header_query import RESULT_WORDS, build_query, header_rows
from pywats_server.domains.report.indexing import index_report, normalise
from pywats_server.domains.report.odata import ODataError
from pywats_server.domains.report.tables import (
    ReportAttachmentRow,
    ReportDocumentRow,
    ReportMiscInfoRow,
    ReportRow,
)
from pywats_server.errors import BadRequest, NotFound

logger = logging.getLogger(__name__)

DEFAULT_TOP = 1000
MAX_TOP = 10000
MAX_LISTED_PROBLEMS = 50
_EXPANDABLE = frozenset(
    {
        "subunits",
        "miscinfo",
        "assets",
        "attachments",
        "uursubunits",
        "uurmiscinfo",
        "uurassets",
        "uurattachments",
    }
)


class ReportBackend:
    """Reports of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._writer = GroupCommit(db)

    # -- submit ------------------------------------------------------------------------------------

    def submit(self, content: bytes, source_format: str) -> str:
        """Validate and store one report (WSJF or WSXF); return its id."""
        try:
            report = parse_wsjf(content) if source_format == "WSJF" else parse_wsxf(content)
        except ReportParseError as exc:
            raise BadRequest(f"The report could not be read: {exc.message}") from exc
        now = datetime.now(UTC)
        problems = check_report(report, now=now)
        errors = [str(p) for p in problems if p.severity == "error"]
        if errors:
            listed = "; ".join(errors[:MAX_LISTED_PROBLEMS])
            more = (
                f"; and {len(errors) - MAX_LISTED_PROBLEMS} more" if len(errors) > MAX_LISTED_PROBLEMS else ""
            )
            raise BadRequest(f"The report is invalid ({len(errors)} problems): {listed}{more}")
        document = normalise(report.raw)
        start = report.start
        quarantined = start is not None and start > now + FUTURE_START_TOLERANCE
        stored = pydantic_core.to_json(document, inf_nan_mode="strings")
        naive_now = now.replace(tzinfo=None)
        rows = index_report(
            document, source_format=source_format, size=len(stored), now=naive_now, quarantined=quarantined
        )
        rid = rows.header["id"]
        self._writer.store(PreparedReport(rows, stored))
        logger.info(
            "stored report %s (%s, %d steps%s)",
            rid,
            source_format,
            len(rows.steps),
            ", quarantined: starts in the future" if quarantined else "",
        )
        return str(rid)

    # -- read --------------------------------------------------------------------------------------

    def _document(self, session: Session, report_id: str) -> bytes:
        document = session.scalar(
            select(ReportDocumentRow.document).where(ReportDocumentRow.report_id == report_id.lower())
        )
        if document is None:
            raise NotFound(f"Report '{report_id}' not found")
        return document

    def get_wsjf(
        self, report_id: str, *, include_attachments: bool = True, include_chartdata: bool = True
    ) -> bytes:
        """The stored WSJF document, with ``uut.referencedByUURs`` for a UUT that repairs refer to."""

        def work(session: Session) -> tuple[bytes, list[dict[str, Any]]]:
            document = self._document(session, report_id)
            refs = session.execute(
                select(ReportRow.id, ReportRow.start).where(
                    ReportRow.referenced_uut == report_id.lower(), ReportRow.report_type == "R"
                )
            ).all()
            return document, [{"id": rid, "start": start} for rid, start in refs]

        document, refs = self.db.read(work)
        if not refs and include_attachments and include_chartdata:
            return document
        data = json.loads(document)
        if refs and isinstance(data.get("uut"), dict):
            data["uut"]["referencedByUURs"] = refs
        _strip(data, include_attachments=include_attachments, include_chartdata=include_chartdata)
        return pydantic_core.to_json(data, inf_nan_mode="strings")

    def get_wsxf(
        self,
        report_id: str,
        *,
        include_attachments: bool = True,
        include_chartdata: bool = True,
        include_indexes: bool = False,
    ) -> bytes:
        """The report as WSXF."""
        data = json.loads(self.db.read(lambda session: self._document(session, report_id)))
        _strip(data, include_attachments=include_attachments, include_chartdata=include_chartdata)
        return to_wsxf(data, include_indexes=include_indexes)

    # -- header queries ----------------------------------------------------------------------------

    def query_headers(
        self,
        report_type: str,
        odata_filter: str | None,
        top: int | None,
        skip: int | None,
        orderby: str | None,
        expand: str | None,
    ) -> list[dict[str, Any]]:
        """Report headers matching an OData query (``reportType`` U/T = UUT, R = UUR)."""
        kind = {"U": "T", "T": "T", "R": "R"}.get((report_type or "").strip().upper())
        if kind is None:
            raise BadRequest(f"reportType must be U (UUT) or R (UUR), got {report_type!r}")
        wanted = {part.strip().casefold() for part in (expand or "").split(",") if part.strip()}
        unknown = wanted - _EXPANDABLE
        if unknown:
            raise BadRequest(f"Cannot $expand {', '.join(sorted(unknown))}")
        try:
            query = build_query(kind, odata_filter, orderby)
        except ODataError as exc:
            raise BadRequest(str(exc)) from exc
        query = query.offset(_count(skip, "$skip")).limit(min(_count(top, "$top", DEFAULT_TOP), MAX_TOP))

        def work(session: Session) -> list[dict[str, Any]]:
            return header_rows(session, list(session.scalars(query)), wanted)

        return self.db.read(work)

    def headers_by_misc_info(
        self, description: str, string_value: str, top: int | None
    ) -> list[dict[str, Any]]:
        """Headers of reports (UUT and UUR) with a misc-info pair ``description`` = ``string_value``."""
        limit = min(_count(top, "$top", DEFAULT_TOP), MAX_TOP)

        def work(session: Session) -> list[dict[str, Any]]:
            matching = select(ReportMiscInfoRow.report_id).where(
                ReportMiscInfoRow.description == description, ReportMiscInfoRow.text == string_value
            )
            rows = session.scalars(
                select(ReportRow)
                .where(ReportRow.id.in_(matching), ReportRow.quarantined.is_(False))
                .order_by(ReportRow.start_utc.desc(), ReportRow.id)
                .limit(limit)
            )
            return header_rows(session, list(rows), set())

        return self.db.read(work)

    # -- files -------------------------------------------------------------------------------------

    def get_attachment(self, attachment_id: int | None, step_id: int | None) -> tuple[bytes, str, str]:
        """(content, content type, file name) of one attachment, by ``attachmentId`` (and ``stepId``)."""
        if attachment_id is None:
            raise BadRequest("attachmentId is required (a step id alone does not name a report)")

        def work(session: Session) -> tuple[bytes, str, str]:
            row = session.get(ReportAttachmentRow, attachment_id)
            if row is None or (step_id is not None and row.step_id != step_id):
                raise NotFound(f"Attachment {attachment_id} not found")
            return (
                row.data,
                row.mime_type or "application/octet-stream",
                _download_name(row.file_name, attachment_id),
            )

        return self.db.read(work)

    def get_attachments_zip(self, report_id: str) -> bytes:
        """Every attachment of a report in one zip archive."""

        def work(session: Session) -> list[tuple[int, str | None, bytes]]:
            self._document(session, report_id)  # 404 for an unknown report
            query = select(
                ReportAttachmentRow.attachment_id, ReportAttachmentRow.file_name, ReportAttachmentRow.data
            )
            rows = session.execute(
                query.where(ReportAttachmentRow.report_id == report_id.lower()).order_by(
                    ReportAttachmentRow.attachment_id
                )
            ).all()
            return [(int(a), n, bytes(d)) for a, n, d in rows]

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            used: set[str] = set()
            for attachment_id, name, data in self.db.read(work):
                entry = _download_name(name, attachment_id)
                if entry in used:
                    entry = f"{attachment_id}-{entry}"
                used.add(entry)
                archive.writestr(entry, data)
        return buffer.getvalue()

    def get_certificate(self, report_id: str) -> bytes:
        """A PDF certificate stating the report's unit, process and result."""

        def work(session: Session) -> ReportRow:
            row = session.get(ReportRow, report_id.lower())
            if row is None:
                raise NotFound(f"Report '{report_id}' not found")
            return row

        row = self.db.read(work)
        kind = "Repair" if row.report_type == "R" else "Test"
        lines = [
            ("Report", row.id),
            ("Part number", row.part_number),
            ("Revision", row.revision or ""),
            ("Serial number", row.serial_number),
            ("Process", f"{row.process_code} {row.process_name or ''}"),
            ("Result", RESULT_WORDS.get(row.result, row.result)),
            ("Station", row.station_name or ""),
            ("Operator", row.operator or ""),
            ("Started (UTC)", row.start_utc.isoformat()),
        ]
        return certificate_pdf(f"{kind} certificate", lines)


def _download_name(name: str | None, attachment_id: int) -> str:
    """A plain file name for an attachment downloaded alone or in the zip.

    Attachment names come from reports and may be full paths (``C:\\logs\\run.txt``) or hostile
    (``../../etc/cron.d/x``): only the last path part is kept, so saving the file or unpacking
    the zip cannot write outside the target folder.
    """
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].split(":")[-1].strip()
    return base if base.strip(".") else f"attachment-{attachment_id}"


def _count(value: int | None, name: str, default: int = 0) -> int:
    if value is None:
        return default
    if value < 0:
        raise BadRequest(f"{name} must not be negative")
    return value


def _strip(data: dict[str, Any], *, include_attachments: bool, include_chartdata: bool) -> None:
    """Drop file contents and/or chart data from a document (for the include… query options)."""
    if include_attachments and include_chartdata:
        return
    if not include_attachments:
        for blob in data.get("binaryData") or ():
            blob.pop("data", None)
    root = data.get("root")
    stack: list[dict[str, Any]] = [root] if isinstance(root, dict) else []
    while stack:
        step = stack.pop()
        if not include_attachments and isinstance(step.get("attachment"), dict):
            step["attachment"].pop("data", None)
        if not include_chartdata and isinstance(step.get("chart"), dict):
            for series in step["chart"].get("series") or ():
                series.pop("xdata", None)
                series.pop("ydata", None)
        stack.extend(child for child in step.get("steps") or () if isinstance(child, dict))
