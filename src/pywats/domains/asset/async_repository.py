"""Asset data access: the HTTP calls of ``/api/Asset`` (public).

Commands that address one asset send ``id`` and/or ``serialNumber`` in the query string; they
return True, or False when the asset is missing in LENIENT mode. File blobs live in
``async_blob_repository.py``.
"""

from __future__ import annotations

from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.domains._answers import required as _required
from pywats.domains._answers import rows as _rows
from pywats.domains.asset.async_blob_repository import AsyncAssetBlobRepository
from pywats.domains.asset.models import Asset, AssetLog, AssetStatus, AssetType

__all__ = ["AsyncAssetRepository"]

Query = dict[str, Any]
_MISSING = object()  # what a command returns for a 404 in LENIENT mode


class AsyncAssetRepository:
    """The public asset endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
        self.blobs = AsyncAssetBlobRepository(transport)

    # -- assets -------------------------------------------------------------------------------

    async def get_assets(self, odata: Query) -> list[Asset]:
        """``GET /api/Asset``: assets matching the OData options (``$filter``, ``$top``…)."""
        data = await self._transport.request("GET", "/api/Asset", operation="get_assets", params=odata)
        return [Asset.from_wire(row, operation="get_assets") for row in _rows(data, "get_assets")]

    async def get_asset(self, id_or_serial_number: str) -> Asset | None:
        """``GET /api/Asset/{idOrSerialNumber}``: one asset (the server tells id from serial number)."""
        data = await self._transport.request(
            "GET",
            "/api/Asset/" + segment(id_or_serial_number),
            operation="get_asset",
            resource=("Asset", id_or_serial_number),
            expect_data=True,
        )
        return None if data is None else Asset.from_wire(data, operation="get_asset")

    async def save_asset(self, body: bytes) -> Asset:
        """``PUT /api/Asset``: create or update one asset; the stored asset is returned."""
        data = await self._transport.request("PUT", "/api/Asset", operation="save_asset", json_body=body)
        return Asset.from_wire(_required(data, "save_asset"), operation="save_asset")

    async def delete_asset(self, ident: Query) -> bool:
        """``DELETE /api/Asset``: delete one asset."""
        data = await self._transport.request("DELETE", "/api/Asset", **_command("delete_asset", ident))
        return data is not _MISSING

    # -- status, state, counters --------------------------------------------------------------

    async def get_status(self, query: Query) -> AssetStatus | None:
        """``GET /api/Asset/Status``: the server's alarm evaluation of one asset."""
        data = await self._transport.request(
            "GET",
            "/api/Asset/Status",
            operation="get_status",
            params=query,
            resource=("Asset", _name(query)),
            expect_data=True,
        )
        return None if data is None else AssetStatus.from_wire(data, operation="get_status")

    async def set_state(self, query: Query) -> bool:
        """``PUT /api/Asset/State``."""
        data = await self._transport.request("PUT", "/api/Asset/State", **_command("set_asset_state", query))
        return data is not _MISSING

    async def increment_count(self, query: Query) -> bool:
        """``PUT /api/Asset/Count``."""
        data = await self._transport.request("PUT", "/api/Asset/Count", **_command("increment_count", query))
        return data is not _MISSING

    async def reset_running_count(self, query: Query) -> bool:
        """``POST /api/Asset/ResetRunningCount``."""
        data = await self._transport.request(
            "POST", "/api/Asset/ResetRunningCount", **_command("reset_running_count", query)
        )
        return data is not _MISSING

    async def set_running_count(self, query: Query) -> bool:
        """``PUT /api/Asset/SetRunningCount`` (needs the "Edit Total count" permission)."""
        data = await self._transport.request(
            "PUT", "/api/Asset/SetRunningCount", **_command("set_running_count", query)
        )
        return data is not _MISSING

    async def set_total_count(self, query: Query) -> bool:
        """``PUT /api/Asset/SetTotalCount`` (needs the "Edit Total count" permission)."""
        data = await self._transport.request(
            "PUT", "/api/Asset/SetTotalCount", **_command("set_total_count", query)
        )
        return data is not _MISSING

    # -- calibration and maintenance ----------------------------------------------------------

    async def record_calibration(self, query: Query) -> bool:
        """``POST /api/Asset/Calibration``."""
        data = await self._transport.request(
            "POST", "/api/Asset/Calibration", **_command("record_calibration", query)
        )
        return data is not _MISSING

    async def record_calibration_external(self, query: Query) -> bool:
        """``POST /api/Asset/Calibration/External``."""
        data = await self._transport.request(
            "POST", "/api/Asset/Calibration/External", **_command("record_calibration_external", query)
        )
        return data is not _MISSING

    async def record_maintenance(self, query: Query) -> bool:
        """``POST /api/Asset/Maintenance``."""
        data = await self._transport.request(
            "POST", "/api/Asset/Maintenance", **_command("record_maintenance", query)
        )
        return data is not _MISSING

    async def record_maintenance_external(self, query: Query) -> bool:
        """``POST /api/Asset/Maintenance/External``."""
        data = await self._transport.request(
            "POST", "/api/Asset/Maintenance/External", **_command("record_maintenance_external", query)
        )
        return data is not _MISSING

    # -- log, types, hierarchy ----------------------------------------------------------------

    async def get_log(self, odata: Query) -> list[AssetLog]:
        """``GET /api/Asset/Log``: log records matching the OData options."""
        data = await self._transport.request("GET", "/api/Asset/Log", operation="get_asset_log", params=odata)
        return [AssetLog.from_wire(row, operation="get_asset_log") for row in _rows(data, "get_asset_log")]

    async def add_message(self, body: bytes) -> bool:
        """``POST /api/Asset/Message``: append a message to an asset's log."""
        data = await self._transport.request(
            "POST", "/api/Asset/Message", operation="add_log_message", json_body=body, not_found=_MISSING
        )
        return data is not _MISSING

    async def get_types(self, odata: Query) -> list[AssetType]:
        """``GET /api/Asset/Types``."""
        data = await self._transport.request(
            "GET", "/api/Asset/Types", operation="get_asset_types", params=odata
        )
        return [
            AssetType.from_wire(row, operation="get_asset_types") for row in _rows(data, "get_asset_types")
        ]

    async def save_type(self, body: bytes) -> AssetType:
        """``PUT /api/Asset/Types``: create or update an asset type."""
        data = await self._transport.request(
            "PUT", "/api/Asset/Types", operation="save_asset_type", json_body=body
        )
        return AssetType.from_wire(_required(data, "save_asset_type"), operation="save_asset_type")

    async def get_sub_assets(self, query: Query) -> list[Asset]:
        """``GET /api/Asset/SubAssets``: the children of an asset."""
        data = await self._transport.request(
            "GET",
            "/api/Asset/SubAssets",
            operation="get_child_assets",
            params=query,
            resource=("Asset", _name(query)),
        )
        return [Asset.from_wire(row, operation="get_child_assets") for row in _rows(data, "get_child_assets")]


def _command(operation: str, query: Query) -> dict[str, Any]:
    """Request options of a command addressing one asset: a 404 names it, LENIENT mode gives False."""
    return {
        "operation": operation,
        "params": query,
        "resource": ("Asset", _name(query)),
        "not_found": _MISSING,
    }


def _name(query: Query) -> str:
    """How an error message names the addressed asset."""
    return str(query.get("serialNumber") or query.get("id") or "")


