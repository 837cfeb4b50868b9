"""Report services: what ``api.report`` offers on :class:`~pywats.AsyncWATS`.

Submitting is a POST and is never retried by the transport. That is safe to do yourself: a
report's ``id`` is fixed when the report is created, and the server stores a re-submitted id
once (it replaces the earlier copy), so calling ``submit_report`` again with the same object
after a timeout can never create a duplicate.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Report services: what ``api.report`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pywats.core._checks import require_text
from pywats.core.exceptions import InvalidResponseError, ValidationError
from pywats.core.station import Station
from pywats.domains.report.async_repository import AsyncReportRepository
from pywats.domains.report.formats.wsxf import wsxf_to_dict
from pywats.domains.report.models import (
    Report,
    ReportParseError,
    ReportType,
    UURReport,
    UUTReport,
    parse_wsjf,
    report_from_dict,
    validate_report,
)
from pywats.domains.report.models.report import DEFAULT_REPAIR_PROCESS_CODE
from pywats.domains.report.query import (
    ReportHeader,
    build_date_range_filter,
    build_part_number_filter,
    build_serial_filter,
    build_subunit_part_filter,
    build_subunit_serial_filter,
    odata_literal,
    query_type_code,
)

__all__ = ["DEFAULT_RECENT_DAYS", "AsyncReportService"]

logger = logging.getLogger("pywats.domains.report")

DEFAULT_RECENT_DAYS = 7
SubmitInput = Report | dict[str, Any] | bytes | str


class AsyncReportService:
    """Test and repair reports: build, submit, read back and find them."""

    def __init__(
        self, repository: AsyncReportRepository, station: Callable[[], Station | None] | None = None
    ) -> None:
        self.repository = repository
        self._station = station

    # -- building (no I/O) -------------------------------------------------------------------------

    def create_uut_report(
        self,
        operator: str,
        part_number: str,
        revision: str,
        serial_number: str,
        operation_type: int,
        *,
        station_name: str | None = None,
        location: str | None = None,
        purpose: str | None = None,
        start_time: datetime | None = None,
    ) -> UUTReport:
        """A new, empty test report; add steps to ``report.root``. Station fields are filled on submit."""
        return UUTReport(
            part_number,
            serial_number,
            revision,
            operation_type,
            operator=operator,
            station_name=station_name,
            location=location,
            purpose=purpose,
            start=start_time,
        )

    def create_uur_report(
        self,
        uut: UUTReport | uuid.UUID | str | None = None,
        *,
        test_operation_code: int | None = None,
        operator: str | None = None,
        part_number: str | None = None,
        serial_number: str | None = None,
        revision: str | None = None,
        repair_process_code: int = DEFAULT_REPAIR_PROCESS_CODE,
        comment: str | None = None,
        station_name: str | None = None,
        location: str | None = None,
        purpose: str | None = "Repair",
    ) -> UURReport:
        """A new repair report.

        From a :class:`UUTReport` the unit, the test operation and the link (``refUUT``) are
        taken from it; from a UUT report id give ``part_number``, ``serial_number``,
        ``revision`` and ``test_operation_code``.
        """
        ref: str | None = None
        if isinstance(uut, UUTReport):
            ref = uut.id
            part_number = part_number or uut.pn
            serial_number = serial_number or uut.sn
            revision = revision or uut.rev
            test_operation_code = test_operation_code if test_operation_code is not None else uut.process_code
        elif uut is not None:
            ref = str(uut)
        require_text("part_number", part_number, operation="create_uur_report")
        require_text("serial_number", serial_number, operation="create_uur_report")
        if test_operation_code is None:
            raise ValidationError(
                "test_operation_code (the test operation that found the failure) is required",
                field="test_operation_code",
                operation="create_uur_report",
            )
        return UURReport(
            str(part_number),
            str(serial_number),
            revision or "A",
            test_operation_code,
            process_code=repair_process_code,
            operator=operator,
            ref_uut=ref,
            comment=comment,
            station_name=station_name,
            location=location,
            purpose=purpose,
        )

    def create_uur_from_uut(
        self, uut_report: UUTReport, operator: str | None = None, comment: str | None = None
    ) -> UURReport:
        """A repair report for the unit of ``uut_report``, linked to it."""
        if not isinstance(uut_report, UUTReport):
            raise ValidationError("uut_report must be a UUTReport", field="uut_report", value=uut_report)
        return self.create_uur_report(uut_report, operator=operator, comment=comment)

    # -- submitting --------------------------------------------------------------------------------

    async def submit_report(self, report: SubmitInput) -> str:
        """Validate and submit a report as WSJF; return its id.

        ``report`` is a report object (``UUTReport``, ``UURReport``, ``TestUUT``), a WSJF dict
        or WSJF bytes/text. Station name, location and purpose the report leaves empty are
        filled from the client's station first (the report object is updated). Every rule the
        report breaks is listed in one :class:`~pywats.domains.report.models.ReportValidationError`
        before anything is sent; the server's own refusal (400) raises
        :class:`~pywats.ValidationError` with its text. Submitting the same report again is safe.
        """
        parsed = _as_report(report)
        self._fill_station(parsed)
        for warning in validate_report(parsed, operation="submit_report"):
            logger.warning("Report %s: %s", parsed.id, warning)
        report_id = await self.repository.post_wsjf(parsed.to_wsjf(), parsed.id)
        logger.info("Submitted report %s (%s %s, result %s)", report_id, parsed.pn, parsed.sn, parsed.result)
        return report_id

    async def submit(self, report: SubmitInput) -> str:
        """The same as :meth:`submit_report`."""
        return await self.submit_report(report)

    async def submit_report_xml(self, xml_content: str | bytes) -> str:
        """Check and submit a WSXF (XML) report as it is; return its id.

        The XML is read safely (no DTDs or entities) and validated before it is sent.
        """
        if not isinstance(xml_content, str | bytes):
            raise ValidationError("xml_content must be str or bytes", field="xml_content", value=xml_content)
        parsed = report_from_dict(wsxf_to_dict(xml_content))
        validate_report(parsed, operation="submit_report_xml")
        body = xml_content.encode("utf-8") if isinstance(xml_content, str) else xml_content
        report_id = await self.repository.post_wsxf(body, parsed.id)
        logger.info("Submitted WSXF report %s", report_id)
        return report_id

    def _fill_station(self, report: Report) -> None:
        station = self._station() if self._station is not None else None
        if station is None:
            station = Station()  # this computer's name; location stays for the caller to set
        raw = report.raw
        for key, value in (
            ("machineName", station.name),
            ("location", station.location),
            ("purpose", station.purpose),
        ):
            if not raw.get(key) and value:
                raw[key] = value

    # -- reading -----------------------------------------------------------------------------------

    async def get_report(
        self,
        report_id: str | uuid.UUID,
        detail_level: int | None = None,
        *,
        include_attachments: bool | None = None,
        include_chartdata: bool | None = None,
    ) -> UUTReport | UURReport | None:
        """The report with this id, as stored (with what the server adds, such as step ids).

        Raises :class:`~pywats.NotFoundError` if there is none (None in LENIENT mode).
        """
        text = require_text("report_id", str(report_id), operation="get_report")
        data = await self.repository.get_wsjf(text, detail_level, include_chartdata, include_attachments)
        if data is None:
            return None
        try:
            return report_from_dict(data)
        except ReportParseError as exc:
            raise InvalidResponseError(
                f"The server's report is not readable: {exc.message}", operation="get_report", cause=exc
            ) from exc

    async def get_report_xml(
        self,
        report_id: str | uuid.UUID,
        *,
        include_attachments: bool | None = None,
        include_chartdata: bool | None = None,
        include_indexes: bool | None = None,
    ) -> bytes | None:
        """The report as WSXF bytes."""
        text = require_text("report_id", str(report_id), operation="get_report_xml")
        return await self.repository.get_wsxf(text, include_attachments, include_chartdata, include_indexes)

    async def get_attachment(
        self, attachment_id: int | None = None, step_id: int | None = None
    ) -> bytes | None:
        """The content of one attachment (ids from a header query with ``expand=["attachments"]``)."""
        if attachment_id is None and step_id is None:
            raise ValidationError(
                "give attachment_id or step_id", field="attachment_id", operation="get_attachment"
            )
        return await self.repository.get_attachment(attachment_id, step_id)

    async def get_all_attachments(self, report_id: str | uuid.UUID) -> bytes | None:
        """Every attachment of a report as zip-archive bytes."""
        text = require_text("report_id", str(report_id), operation="get_all_attachments")
        return await self.repository.get_attachments(text)

    async def get_certificate(self, report_id: str | uuid.UUID) -> bytes | None:
        """The report's certificate document (PDF bytes)."""
        text = require_text("report_id", str(report_id), operation="get_certificate")
        return await self.repository.get_certificate(text)

    # -- header queries ----------------------------------------------------------------------------

    async def query_headers(
        self,
        report_type: ReportType | str = ReportType.UUT,
        *,
        expand: list[str] | None = None,
        odata_filter: str | None = None,
        top: int | None = None,
        orderby: str | None = None,
        skip: int | None = None,
    ) -> list[ReportHeader]:
        """Report headers by OData query: ``odata_filter`` (``"serialNumber eq 'SN-1'"``), ``orderby``
        (``"start desc"``), ``top``/``skip`` for paging, ``expand`` (``["subUnits", "miscInfo"]``)."""
        for name, value in (("top", top), ("skip", skip)):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValidationError(f"{name} must be a non-negative integer", field=name, value=value)
        params = {
            "reportType": query_type_code(report_type),
            "$filter": odata_filter or None,
            "$top": top,
            "$skip": skip,
            "$orderby": orderby or None,
            "$expand": ",".join(expand) if expand else None,
        }
        headers = await self.repository.query_headers(params)
        logger.debug("Header query returned %d rows", len(headers))
        return headers

    async def query_uut_headers(
        self,
        *,
        expand: list[str] | None = None,
        odata_filter: str | None = None,
        top: int | None = None,
        orderby: str | None = None,
        skip: int | None = None,
    ) -> list[ReportHeader]:
        """Headers of test (UUT) reports; see :meth:`query_headers`."""
        return await self.query_headers(
            ReportType.UUT, expand=expand, odata_filter=odata_filter, top=top, orderby=orderby, skip=skip
        )

    async def query_uur_headers(
        self,
        *,
        expand: list[str] | None = None,
        odata_filter: str | None = None,
        top: int | None = None,
        orderby: str | None = None,
        skip: int | None = None,
    ) -> list[ReportHeader]:
        """Headers of repair (UUR) reports; see :meth:`query_headers`."""
        return await self.query_headers(
            ReportType.UUR, expand=expand, odata_filter=odata_filter, top=top, orderby=orderby, skip=skip
        )

    async def query_headers_with_subunits(
        self,
        report_type: ReportType | str = ReportType.UUT,
        *,
        odata_filter: str | None = None,
        top: int | None = None,
        orderby: str | None = None,
    ) -> list[ReportHeader]:
        """Headers with their sub-units expanded."""
        expand = ["subUnits" if query_type_code(report_type) == "U" else "uurSubUnits"]
        return await self.query_headers(
            report_type, expand=expand, odata_filter=odata_filter, top=top, orderby=orderby
        )

    async def query_headers_by_subunit_part_number(
        self,
        subunit_part_number: str,
        report_type: ReportType | str = ReportType.UUT,
        *,
        top: int | None = None,
    ) -> list[ReportHeader]:
        """Headers of reports with a sub-unit of this part number."""
        require_text(
            "subunit_part_number", subunit_part_number, operation="query_headers_by_subunit_part_number"
        )
        is_uut = query_type_code(report_type) == "U"
        return await self.query_headers(
            report_type, odata_filter=build_subunit_part_filter(subunit_part_number, is_uut), top=top
        )

    async def query_headers_by_subunit_serial(
        self,
        subunit_serial_number: str,
        report_type: ReportType | str = ReportType.UUT,
        *,
        top: int | None = None,
    ) -> list[ReportHeader]:
        """Headers of reports with a sub-unit of this serial number."""
        require_text(
            "subunit_serial_number", subunit_serial_number, operation="query_headers_by_subunit_serial"
        )
        is_uut = query_type_code(report_type) == "U"
        return await self.query_headers(
            report_type, odata_filter=build_subunit_serial_filter(subunit_serial_number, is_uut), top=top
        )

    async def query_headers_by_misc_info(
        self, description: str, string_value: str, *, top: int | None = None
    ) -> list[ReportHeader]:
        """Headers of reports (UUT and UUR) with this misc-info pair."""
        require_text("description", description, operation="query_headers_by_misc_info")
        if not isinstance(string_value, str):
            raise ValidationError("string_value must be a string", field="string_value", value=string_value)
        return await self.repository.query_headers_by_misc_info(description, string_value, top)

    async def get_headers_by_serial(
        self, serial_number: str, report_type: ReportType | str = ReportType.UUT, *, top: int | None = None
    ) -> list[ReportHeader]:
        """The report history of one serial number, newest first."""
        require_text("serial_number", serial_number, operation="get_headers_by_serial")
        return await self.query_headers(
            report_type, odata_filter=build_serial_filter(serial_number), top=top, orderby="start desc"
        )

    async def get_headers_by_part_number(
        self, part_number: str, report_type: ReportType | str = ReportType.UUT, *, top: int | None = None
    ) -> list[ReportHeader]:
        """Reports of one part number, newest first."""
        require_text("part_number", part_number, operation="get_headers_by_part_number")
        return await self.query_headers(
            report_type, odata_filter=build_part_number_filter(part_number), top=top, orderby="start desc"
        )

    async def get_headers_by_date_range(
        self, start_date: datetime, end_date: datetime, report_type: ReportType | str = ReportType.UUT
    ) -> list[ReportHeader]:
        """Reports that started between ``start_date`` and ``end_date`` (naive times are local)."""
        for name, value in (("start_date", start_date), ("end_date", end_date)):
            if not isinstance(value, datetime):
                raise ValidationError(f"{name} must be a datetime", field=name, value=value)
        return await self.query_headers(
            report_type, odata_filter=build_date_range_filter(start_date, end_date), orderby="start desc"
        )

    async def get_recent_headers(
        self,
        days: int = DEFAULT_RECENT_DAYS,
        report_type: ReportType | str = ReportType.UUT,
        *,
        top: int | None = None,
    ) -> list[ReportHeader]:
        """Reports of the last ``days`` days, newest first."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValidationError("days must be a non-negative integer", field="days", value=days)
        since = datetime.now().astimezone() - timedelta(days=days)
        return await self.query_headers(
            report_type, odata_filter=f"start ge {odata_literal(since)}", top=top, orderby="start desc"
        )

    async def get_todays_headers(
        self, report_type: ReportType | str = ReportType.UUT, *, top: int | None = None
    ) -> list[ReportHeader]:
        """Reports that started today (local midnight to midnight), newest first."""
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        odata_filter = build_date_range_filter(midnight, midnight + timedelta(days=1))
        return await self.query_headers(report_type, odata_filter=odata_filter, top=top, orderby="start desc")


def _as_report(report: SubmitInput) -> Report:
    if isinstance(report, Report):
        return report
    if isinstance(report, dict):
        return report_from_dict(report)
    if isinstance(report, bytes | str):
        return parse_wsjf(report)
    raise ValidationError(
        f"report must be a UUTReport, UURReport, WSJF dict or WSJF bytes, got {type(report).__name__}",
        field="report",
        operation="submit_report",
    )
