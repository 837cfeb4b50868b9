"""HTTP endpoints of the Report domain (endpoints.md §6): parse the request, call the backend, answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.report.backend import ReportBackend

_JSON_BODY = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
}
_XML_BODY = {
    "requestBody": {"required": True, "content": {"application/xml": {"schema": {"type": "string"}}}}
}


def register_report_routes(router: APIRouter, backend: ReportBackend) -> None:
    """Add the public ``/api/Report`` endpoints to ``router``."""

    @router.post("/api/Report/WSJF", tags=["Report"], openapi_extra=_JSON_BODY)
    async def submit_wsjf(request: Request) -> JSONResponse:
        """Submit one report as WSJF; answers ``{"ID": "<report id>"}``. Re-submitting an id replaces it."""
        body = await request.body()
        report_id = await run_in_threadpool(backend.submit, body, "WSJF")
        return JSONResponse({"ID": report_id})

    @router.post("/api/Report/WSXF", tags=["Report"], openapi_extra=_XML_BODY)
    async def submit_wsxf(request: Request) -> JSONResponse:
        """Submit one report as WSXF (XML); answers ``{"ID": "<report id>"}``."""
        body = await request.body()
        report_id = await run_in_threadpool(backend.submit, body, "WSXF")
        return JSONResponse({"ID": report_id})

    @router.get("/api/Report/Wsjf/{id}", tags=["Report"])
    def get_wsjf(
        report_id: Annotated[str, Path(alias="id")],
        detail_level: Annotated[int | None, Query(alias="detailLevel")] = None,
        include_chartdata: Annotated[bool, Query(alias="includeChartdata")] = True,
        include_attachments: Annotated[bool, Query(alias="includeAttachments")] = True,
    ) -> Response:
        """One report as WSJF (``detailLevel`` is accepted; the whole report is always returned)."""
        content = backend.get_wsjf(
            report_id, include_attachments=include_attachments, include_chartdata=include_chartdata
        )
        return Response(content, media_type="application/json")

    @router.get("/api/Report/Wsxf/{id}", tags=["Report"])
    def get_wsxf(
        report_id: Annotated[str, Path(alias="id")],
        include_attachments: Annotated[bool, Query(alias="includeAttachments")] = True,
        include_chartdata: Annotated[bool, Query(alias="includeChartdata")] = True,
        include_indexes: Annotated[bool, Query(alias="includeIndexes")] = False,
    ) -> Response:
        """One report as WSXF (XML)."""
        content = backend.get_wsxf(
            report_id,
            include_attachments=include_attachments,
            include_chartdata=include_chartdata,
            include_indexes=include_indexes,
        )
        return Response(content, media_type="application/xml")

    @router.get("/api/Report/Query/Header", tags=["Report"])
    def query_header(
        report_type: Annotated[str, Query(alias="reportType")],
        odata_filter: Annotated[str | None, Query(alias="$filter")] = None,
        top: Annotated[int | None, Query(alias="$top")] = None,
        skip: Annotated[int | None, Query(alias="$skip")] = None,
        orderby: Annotated[str | None, Query(alias="$orderby")] = None,
        expand: Annotated[str | None, Query(alias="$expand")] = None,
    ) -> list[dict[str, Any]]:
        """Report headers by OData query; ``reportType`` U (UUT) or R (UUR)."""
        return backend.query_headers(report_type, odata_filter, top, skip, orderby, expand)

    @router.get("/api/Report/Query/HeaderByMiscInfo", tags=["Report"])
    def query_header_by_misc_info(
        description: Annotated[str, Query()],
        string_value: Annotated[str, Query(alias="stringValue")],
        top: Annotated[int | None, Query(alias="$top")] = None,
    ) -> list[dict[str, Any]]:
        """Headers of reports with a misc-info pair."""
        return backend.headers_by_misc_info(description, string_value, top)

    @router.get("/api/Report/Attachment", tags=["Report"])
    def get_attachment(
        attachment_id: Annotated[int | None, Query(alias="attachmentId")] = None,
        step_id: Annotated[int | None, Query(alias="stepId")] = None,
    ) -> Response:
        """The content of one attachment."""
        content, content_type, name = backend.get_attachment(attachment_id, step_id)
        disposition = f"attachment; filename*=UTF-8''{_quote(name)}"
        return Response(content, media_type=content_type, headers={"Content-Disposition": disposition})

    @router.get("/api/Report/Attachments/{id}", tags=["Report"])
    def get_attachments(report_id: Annotated[str, Path(alias="id")]) -> Response:
        """Every attachment of a report as a zip archive."""
        return Response(backend.get_attachments_zip(report_id), media_type="application/zip")

    @router.get("/api/Report/Certificate/{id}", tags=["Report"])
    def get_certificate(report_id: Annotated[str, Path(alias="id")]) -> Response:
        """A PDF certificate of the report."""
        return Response(backend.get_certificate(report_id), media_type="application/pdf")


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
