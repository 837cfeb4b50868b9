"""HTTP endpoints of the Asset domain (endpoints.md §5.1–5.4): parse the request, call the backend, answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from pywats_server.domains.asset.activity import AssetActivity
from pywats_server.domains.asset.backend import AssetBackend
from pywats_server.domains.asset.schemas import Asset, AssetLog, AssetMessage, AssetStatus, AssetType
from pywats_server.identity import request_user

AssetId = Annotated[str | None, Query(alias="id")]
SerialNumber = Annotated[str | None, Query(alias="serialNumber")]
Filter = Annotated[str | None, Query(alias="$filter")]
OrderBy = Annotated[str | None, Query(alias="$orderby")]
Top = Annotated[int | None, Query(alias="$top", ge=0)]
Skip = Annotated[int | None, Query(alias="$skip", ge=0)]
Comment = Annotated[str | None, Query()]


def register_asset_routes(router: APIRouter, backend: AssetBackend, activity: AssetActivity) -> None:
    """Add the public ``/api/Asset`` endpoints to ``router``."""

    @router.get("/api/Asset", tags=["Asset"])
    def list_assets(
        filter_: Filter = None, orderby: OrderBy = None, top: Top = None, skip: Skip = None
    ) -> list[Any]:
        """Assets; OData ``$filter``, ``$orderby``, ``$top``, ``$skip``."""
        return backend.list_assets(filter_text=filter_, orderby=orderby, top=top, skip=skip)

    @router.get("/api/Asset/Status", tags=["Asset"], response_model_exclude_none=True)
    def get_status(
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        translate: bool | None = None,
        culture_code: Annotated[str | None, Query(alias="cultureCode")] = None,
    ) -> AssetStatus:
        """Alarm evaluation of one asset: 0 OK, 1 Warning, 2 Alarm, with the reasons."""
        return backend.get_status(asset_id, serial_number)

    @router.get("/api/Asset/Log", tags=["Asset"])
    def list_log(
        filter_: Filter = None, orderby: OrderBy = None, top: Top = None, skip: Skip = None
    ) -> list[Any]:
        """Asset log records; OData ``$filter``, ``$orderby``, ``$top``, ``$skip``."""
        return backend.list_log(filter_text=filter_, orderby=orderby, top=top, skip=skip)

    @router.get("/api/Asset/Types", tags=["Asset"])
    def list_types(filter_: Filter = None, top: Top = None) -> list[Any]:
        """Asset types; OData ``$filter`` and ``$top``."""
        return backend.list_types(filter_text=filter_, top=top)

    @router.put("/api/Asset/Types", tags=["Asset"], response_model_exclude_none=True)
    def put_type(asset_type: AssetType) -> AssetType:
        """Create or update an asset type; answers it as stored."""
        return backend.put_type(asset_type)

    @router.get("/api/Asset/SubAssets", tags=["Asset"], response_model_exclude_none=True)
    def get_sub_assets(
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        level: Annotated[int | None, Query()] = None,
    ) -> list[Asset]:
        """Descendants of an asset, ``level`` generations deep (default 1)."""
        return backend.get_sub_assets(asset_id, serial_number, level)

    @router.get("/api/Asset/{idOrSerialNumber}", tags=["Asset"], response_model_exclude_none=True)
    def get_asset(key: Annotated[str, Path(alias="idOrSerialNumber")]) -> Asset:
        """One asset by id or serial number."""
        return backend.get_asset(key)

    @router.put("/api/Asset", tags=["Asset"], response_model_exclude_none=True)
    def put_asset(asset: Asset, request: Request) -> Asset:
        """Create or update an asset (keyed by ``assetId``, else ``serialNumber``)."""
        return backend.put_asset(asset, request_user(request))

    @router.delete("/api/Asset", tags=["Asset"], status_code=204)
    def delete_asset(
        request: Request, asset_id: AssetId = None, serial_number: SerialNumber = None
    ) -> Response:
        """Delete an asset that has no sub-assets, with its files."""
        backend.delete_asset(asset_id, serial_number, request_user(request))
        return Response(status_code=204)

    @router.put("/api/Asset/State", tags=["Asset"], response_model_exclude_none=True)
    def set_state(
        request: Request,
        state: Annotated[int, Query()],
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
    ) -> Asset:
        """Set the state of an asset."""
        return activity.set_state(asset_id, serial_number, state, request_user(request))

    @router.put("/api/Asset/Count", tags=["Asset"], response_model_exclude_none=True)
    def count(
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        total_count: Annotated[int | None, Query(alias="totalCount")] = None,
        increment_by: Annotated[int | None, Query(alias="incrementBy")] = None,
        increment_children: Annotated[bool, Query(alias="incrementChildren")] = False,
    ) -> Asset:
        """Record uses: ``incrementBy`` (default 1) or an absolute ``totalCount``."""
        return activity.count(
            asset_id,
            serial_number,
            total_count=total_count,
            increment_by=increment_by,
            increment_children=increment_children,
        )

    @router.post("/api/Asset/ResetRunningCount", tags=["Asset"], response_model_exclude_none=True)
    def reset_running_count(
        request: Request,
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        comment: Comment = None,
    ) -> Asset:
        """Reset the running count to 0."""
        return activity.reset_running_count(asset_id, serial_number, comment, request_user(request))

    @router.put("/api/Asset/SetRunningCount", tags=["Asset"], response_model_exclude_none=True)
    def set_running_count(
        request: Request,
        running_count: Annotated[int, Query(alias="runningCount")],
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
    ) -> Asset:
        """Set the running count (needs "Edit Total count")."""
        return activity.set_count("running", asset_id, serial_number, running_count, request_user(request))

    @router.put("/api/Asset/SetTotalCount", tags=["Asset"], response_model_exclude_none=True)
    def set_total_count(
        request: Request,
        total_count: Annotated[int, Query(alias="totalCount")],
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
    ) -> Asset:
        """Set the total count (needs "Edit Total count")."""
        return activity.set_count("total", asset_id, serial_number, total_count, request_user(request))

    @router.post("/api/Asset/Calibration", tags=["Asset"], response_model_exclude_none=True)
    def calibration(
        request: Request,
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        date_time: Annotated[datetime | None, Query(alias="dateTime")] = None,
        comment: Comment = None,
    ) -> Asset:
        """Record a calibration (default: now)."""
        user = request_user(request)
        return activity.record_service("calibration", asset_id, serial_number, date_time, comment, user)

    @router.post("/api/Asset/Calibration/External", tags=["Asset"], response_model_exclude_none=True)
    def external_calibration(
        request: Request,
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        from_date: Annotated[datetime | None, Query(alias="fromDate")] = None,
        to_date: Annotated[datetime | None, Query(alias="toDate")] = None,
        comment: Comment = None,
    ) -> Asset:
        """Record an externally managed calibration valid from ``fromDate`` to ``toDate``."""
        user = request_user(request)
        return activity.record_external(
            "calibration", asset_id, serial_number, from_date, to_date, comment, user
        )

    @router.post("/api/Asset/Maintenance", tags=["Asset"], response_model_exclude_none=True)
    def maintenance(
        request: Request,
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        date_time: Annotated[datetime | None, Query(alias="dateTime")] = None,
        comment: Comment = None,
    ) -> Asset:
        """Record a maintenance (default: now)."""
        user = request_user(request)
        return activity.record_service("maintenance", asset_id, serial_number, date_time, comment, user)

    @router.post("/api/Asset/Maintenance/External", tags=["Asset"], response_model_exclude_none=True)
    def external_maintenance(
        request: Request,
        asset_id: AssetId = None,
        serial_number: SerialNumber = None,
        from_date: Annotated[datetime | None, Query(alias="fromDate")] = None,
        to_date: Annotated[datetime | None, Query(alias="toDate")] = None,
        comment: Comment = None,
    ) -> Asset:
        """Record an externally managed maintenance valid from ``fromDate`` to ``toDate``."""
        user = request_user(request)
        return activity.record_external(
            "maintenance", asset_id, serial_number, from_date, to_date, comment, user
        )

    @router.post("/api/Asset/Message", tags=["Asset"], response_model_exclude_none=True)
    def add_message(message: AssetMessage, request: Request) -> AssetLog:
        """Append a message to an asset's log; answers the new record."""
        return activity.add_message(message, request_user(request))
