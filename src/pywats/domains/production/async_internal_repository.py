"""Production data access over the internal API (``/api/internal/Production``, ``/api/internal/Mes``).

⚠️ Undocumented by Virinco and subject to change; the client sends ``Referer`` as WATS requires.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core.exceptions import InvalidResponseError
from pywats.domains._answers import mapping, rows
from pywats.domains.production.models import (
    AssemblyResult,
    ChildUnitCheck,
    SerialNumberRange,
    SerialNumberRecord,
    Unit,
    UnitPhase,
    UnitStateChange,
)

__all__ = ["AsyncProductionInternalRepository"]


def _ranges(ranges: list[SerialNumberRange]) -> bytes:
    return b"[" + b",".join(item.to_wire(exclude={"count", "free_count"}) for item in ranges) + b"]"


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


class AsyncProductionInternalRepository:
    """The internal production endpoints, one method per call."""

    _transport: AsyncTransport

    async def get_unit_phases(self) -> list[UnitPhase]:
        """⚠️ INTERNAL API: ``GET /api/internal/Mes/GetUnitPhases``."""
        data = await self._transport.request(
            "GET", "/api/internal/Mes/GetUnitPhases", operation="get_all_unit_phases", internal=True
        )
        return [UnitPhase.from_wire(row, operation="get_all_unit_phases") for row in rows(data)]

    async def is_connected(self) -> bool:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/isConnected``."""
        data = await self._transport.request(
            "GET", "/api/internal/Production/isConnected", operation="is_connected", internal=True
        )
        return bool(data)

    async def get_sites(self) -> list[dict[str, Any]]:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetSites``."""
        data = await self._transport.request(
            "GET", "/api/internal/Production/GetSites", operation="get_sites", internal=True
        )
        return [row for row in rows(data) if isinstance(row, dict)]

    async def get_unit_by_serial(self, serial_number: str, part_number: str | None) -> Unit | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnit``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnit",
            operation="get_unit_by_serial_number",
            params={"serialNumber": serial_number, "partNumber": part_number},
            internal=True,
            resource=("Unit", serial_number if part_number is None else f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else Unit.from_wire(data, operation="get_unit_by_serial_number")

    async def get_unit_info(self, serial_number: str, part_number: str) -> Unit | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnitInfo``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnitInfo",
            operation="get_unit_info",
            params={"serialNumber": serial_number, "partNumber": part_number},
            internal=True,
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else Unit.from_wire(data, operation="get_unit_info")

    async def get_unit_hierarchy(self, serial_number: str, part_number: str) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnitHierarchy``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnitHierarchy",
            operation="get_unit_hierarchy",
            params={"serialNumber": serial_number, "partNumber": part_number},
            internal=True,
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else mapping(data, "get_unit_hierarchy")

    async def get_unit_state_history(self, serial_number: str, part_number: str) -> list[UnitStateChange]:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnitStateHistory``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnitStateHistory",
            operation="get_unit_state_history",
            params={"serialNumber": serial_number, "partNumber": part_number},
            internal=True,
            resource=("Unit", f"{serial_number}/{part_number}"),
        )
        return [UnitStateChange.from_wire(row, operation="get_unit_state_history") for row in rows(data)]

    async def get_unit_phase(self, serial_number: str, part_number: str) -> UnitPhase | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnitPhase``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnitPhase",
            operation="get_unit_phase",
            params={"serialNumber": serial_number, "partNumber": part_number},
            internal=True,
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else UnitPhase.from_wire(data, operation="get_unit_phase")

    async def get_unit_process(self, serial_number: str, part_number: str) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnitProcess``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnitProcess",
            operation="get_unit_process",
            params={"serialNumber": serial_number, "partNumber": part_number},
            internal=True,
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else mapping(data, "get_unit_process")

    async def get_unit_contents(
        self, serial_number: str, part_number: str, revision: str
    ) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/GetUnitContents``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/GetUnitContents",
            operation="get_unit_contents",
            params={"serialNumber": serial_number, "partNumber": part_number, "revision": revision},
            internal=True,
            expect_data=True,
        )
        return None if data is None else mapping(data, "get_unit_contents")

    async def create_unit(self, params: dict[str, Any]) -> Unit | None:
        """⚠️ INTERNAL API: ``POST /api/internal/Production/CreateUnit``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Production/CreateUnit",
            operation="create_unit",
            params=params,
            internal=True,
            expect_data=True,
        )
        return None if data is None else Unit.from_wire(data, operation="create_unit")

    # -- assembly ----------------------------------------------------------------------------------

    async def add_child_unit_checked(self, params: dict[str, Any]) -> AssemblyResult | None:
        """⚠️ INTERNAL API: ``POST /api/internal/Production/AddChildUnit``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Production/AddChildUnit",
            operation="add_child_unit_validated",
            params=params,
            internal=True,
            expect_data=True,
        )
        return None if data is None else AssemblyResult.from_wire(data, operation="add_child_unit_validated")

    async def remove_child_unit_checked(self, params: dict[str, Any]) -> AssemblyResult | None:
        """⚠️ INTERNAL API: ``POST /api/internal/Production/RemoveChildUnit``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Production/RemoveChildUnit",
            operation="remove_child_unit_localized",
            params=params,
            internal=True,
            expect_data=True,
        )
        return (
            None if data is None else AssemblyResult.from_wire(data, operation="remove_child_unit_localized")
        )

    async def remove_all_child_units(self, params: dict[str, Any]) -> AssemblyResult | None:
        """⚠️ INTERNAL API: ``POST /api/internal/Production/RemoveAllChildUnits``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Production/RemoveAllChildUnits",
            operation="remove_all_child_units",
            params=params,
            internal=True,
            expect_data=True,
        )
        return None if data is None else AssemblyResult.from_wire(data, operation="remove_all_child_units")

    async def check_child_units_internal(self, params: dict[str, Any]) -> ChildUnitCheck | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/CheckChildUnits`` (PascalCase query names)."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/CheckChildUnits",
            operation="validate_child_units",
            params=params,
            internal=True,
            expect_data=True,
        )
        return None if data is None else ChildUnitCheck.from_wire(data, operation="validate_child_units")

    # -- serial numbers ----------------------------------------------------------------------------

    async def find_serial_numbers(
        self, type_name: str, start: str, end: str, start_date: datetime | None, end_date: datetime | None
    ) -> list[SerialNumberRecord]:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/SerialNumbers``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/SerialNumbers",
            operation="find_serial_numbers",
            params={
                "serialNumberType": type_name,
                "startAddress": start,
                "endAddress": end,
                "startDate": _iso(start_date),
                "endDate": _iso(end_date),
            },
            internal=True,
        )
        return [SerialNumberRecord.from_wire(row, operation="find_serial_numbers") for row in rows(data)]

    async def count_serial_numbers(self, params: dict[str, Any]) -> int:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/SerialNumbers/Count``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/SerialNumbers/Count",
            operation="get_serial_number_count",
            params=params,
            internal=True,
        )
        if data is None:
            return 0
        if isinstance(data, bool) or not isinstance(data, int):
            raise InvalidResponseError(
                f"Expected a count from the server, got {type(data).__name__}",
                operation="get_serial_number_count",
            )
        return data

    async def free_serial_numbers(self, ranges: list[SerialNumberRange]) -> dict[str, Any]:
        """⚠️ INTERNAL API: ``PUT /api/internal/Production/SerialNumbers/Free``."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/Production/SerialNumbers/Free",
            operation="free_serial_numbers",
            json_body=_ranges(ranges),
            internal=True,
        )
        return mapping(data, "free_serial_numbers")

    async def delete_free_serial_numbers(self, ranges: list[SerialNumberRange]) -> dict[str, Any]:
        """⚠️ INTERNAL API: ``DELETE /api/internal/Production/SerialNumbers/Free`` (ranges as the body)."""
        data = await self._transport.request(
            "DELETE",
            "/api/internal/Production/SerialNumbers/Free",
            operation="delete_free_serial_numbers",
            json_body=_ranges(ranges),
            internal=True,
        )
        return mapping(data, "delete_free_serial_numbers")

    async def get_serial_number_ranges(self, type_name: str | None) -> list[SerialNumberRange]:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/SerialNumbers/Ranges``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/SerialNumbers/Ranges",
            operation="get_serial_number_ranges",
            params={"serialNumberType": type_name},
            internal=True,
        )
        return [SerialNumberRange.from_wire(row, operation="get_serial_number_ranges") for row in rows(data)]

    async def get_serial_number_statistics(self, type_name: str | None) -> dict[str, Any]:
        """⚠️ INTERNAL API: ``GET /api/internal/Production/SerialNumbers/Statistics``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Production/SerialNumbers/Statistics",
            operation="get_serial_number_statistics",
            params={"serialNumberType": type_name},
            internal=True,
        )
        return mapping(data, "get_serial_number_statistics")
