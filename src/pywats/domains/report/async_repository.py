"""Report data access: the HTTP calls of the report domain (``/api/Report``)."""

from __future__ import annotations

from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.core.exceptions import InvalidResponseError
from pywats.domains._answers import rows
from pywats.domains.report.query import ReportHeader

__all__ = ["AsyncReportRepository"]


def _report_id(data: Any, fallback: str | None, operation: str) -> str:
    """The stored report's id from a submit answer: ``{"ID": …}``, ``{"id": …}``, a list or a string."""
    if isinstance(data, list) and data:
        data = data[0]
    if isinstance(data, dict):
        for key in ("ID", "id", "Id", "uuid"):
            if data.get(key):
                return str(data[key])
    if isinstance(data, str) and data.strip():
        return data.strip().strip('"')
    if fallback is not None:
        return fallback
    raise InvalidResponseError("The server accepted the report but did not say its id", operation=operation)


class AsyncReportRepository:
    """The report endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def post_wsjf(self, body: bytes, report_id: str | None = None) -> str:
        """``POST /api/Report/WSJF``: submit a WSJF document; returns the stored id (never retried)."""
        data = await self._transport.request(
            "POST", "/api/Report/WSJF", operation="submit_report", json_body=body
        )
        return _report_id(data, report_id, "submit_report")

    async def post_wsxf(self, body: bytes, report_id: str | None = None) -> str:
        """``POST /api/Report/WSXF``: submit a WSXF document; returns the stored id (never retried)."""
        data = await self._transport.request(
            "POST",
            "/api/Report/WSXF",
            operation="submit_report_xml",
            body=body,
            content_type="application/xml",
        )
        return _report_id(data, report_id, "submit_report_xml")

    async def get_wsjf(
        self,
        report_id: str,
        detail_level: int | None = None,
        include_chartdata: bool | None = None,
        include_attachments: bool | None = None,
    ) -> dict[str, Any] | None:
        """``GET /api/Report/Wsjf/{id}``: one report as a WSJF object."""
        data = await self._transport.request(
            "GET",
            "/api/Report/Wsjf/" + segment(report_id),
            operation="get_report",
            params={
                "detailLevel": detail_level,
                "includeChartdata": include_chartdata,
                "includeAttachments": include_attachments,
            },
            resource=("Report", report_id),
            expect_data=True,
        )
        if data is not None and not isinstance(data, dict):
            raise InvalidResponseError(
                f"Expected a report object from the server, got {type(data).__name__}", operation="get_report"
            )
        return data

    async def get_wsxf(
        self,
        report_id: str,
        include_attachments: bool | None = None,
        include_chartdata: bool | None = None,
        include_indexes: bool | None = None,
    ) -> bytes | None:
        """``GET /api/Report/Wsxf/{id}``: one report as WSXF bytes."""
        data = await self._transport.request(
            "GET",
            "/api/Report/Wsxf/" + segment(report_id),
            operation="get_report_xml",
            params={
                "includeAttachments": include_attachments,
                "includeChartdata": include_chartdata,
                "includeIndexes": include_indexes,
            },
            resource=("Report", report_id),
            expect_data=True,
            raw=True,
        )
        return None if data is None else bytes(data)

    async def query_headers(self, params: dict[str, Any]) -> list[ReportHeader]:
        """``GET /api/Report/Query/Header``: report headers by OData query."""
        data = await self._transport.request(
            "GET", "/api/Report/Query/Header", operation="query_headers", params=params
        )
        return [ReportHeader.from_wire(row, operation="query_headers") for row in rows(data)]

    async def query_headers_by_misc_info(
        self, description: str, string_value: str, top: int | None = None
    ) -> list[ReportHeader]:
        """``GET /api/Report/Query/HeaderByMiscInfo``: headers of reports with a misc-info pair."""
        data = await self._transport.request(
            "GET",
            "/api/Report/Query/HeaderByMiscInfo",
            operation="query_headers_by_misc_info",
            params={"description": description, "stringValue": string_value, "$top": top},
        )
        return [ReportHeader.from_wire(row, operation="query_headers_by_misc_info") for row in rows(data)]

    async def get_attachment(
        self, attachment_id: int | str | None, step_id: int | str | None
    ) -> bytes | None:
        """``GET /api/Report/Attachment``: the content of one attachment."""
        data = await self._transport.request(
            "GET",
            "/api/Report/Attachment",
            operation="get_attachment",
            params={"attachmentId": attachment_id, "stepId": step_id},
            resource=("Attachment", str(attachment_id if attachment_id is not None else step_id)),
            raw=True,
        )
        return None if data is None else bytes(data)

    async def get_attachments(self, report_id: str) -> bytes | None:
        """``GET /api/Report/Attachments/{id}``: every attachment of a report as zip bytes."""
        data = await self._transport.request(
            "GET",
            "/api/Report/Attachments/" + segment(report_id),
            operation="get_all_attachments",
            resource=("Report", report_id),
            raw=True,
        )
        return None if data is None else bytes(data)

    async def get_certificate(self, report_id: str) -> bytes | None:
        """``GET /api/Report/Certificate/{id}``: the report's certificate document."""
        data = await self._transport.request(
            "GET",
            "/api/Report/Certificate/" + segment(report_id),
            operation="get_certificate",
            resource=("Report", report_id),
            raw=True,
        )
        return None if data is None else bytes(data)
