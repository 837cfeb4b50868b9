"""Process data access: ``GET /api/App/Processes`` and the internal ``/api/internal/Process`` calls."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.core.exceptions import InvalidResponseError
from pywats.domains._answers import mapping, rows
from pywats.domains.process.models import ProcessInfo, RepairOperationConfig

__all__ = ["AsyncProcessRepository"]


class AsyncProcessRepository:
    """The process endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get_processes(self) -> list[ProcessInfo]:
        """``GET /api/App/Processes``: the active processes (every kind)."""
        data = await self._transport.request("GET", "/api/App/Processes", operation="get_processes")
        return [ProcessInfo.from_wire(row, operation="get_processes") for row in rows(data)]

    async def get_processes_internal(self) -> list[ProcessInfo]:
        """⚠️ INTERNAL API: ``GET /api/internal/Process/GetProcesses``: every process, full detail."""
        data = await self._transport.request(
            "GET", "/api/internal/Process/GetProcesses", operation="get_all_processes", internal=True
        )
        return [ProcessInfo.from_wire(row, operation="get_all_processes") for row in rows(data)]

    async def get_process_internal(self, process_id: UUID) -> ProcessInfo | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Process/GetProcess/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Process/GetProcess/" + segment(process_id),
            operation="get_process_detailed",
            internal=True,
            resource=("Process", str(process_id)),
            expect_data=True,
        )
        return None if data is None else ProcessInfo.from_wire(data, operation="get_process_detailed")

    async def get_repair_operations(self) -> dict[int, RepairOperationConfig]:
        """⚠️ INTERNAL API: ``GET /api/internal/Process/GetRepairOperations``, keyed by process code."""
        data = mapping(
            await self._transport.request(
                "GET",
                "/api/internal/Process/GetRepairOperations",
                operation="get_repair_operation_configs",
                internal=True,
            ),
            "get_repair_operation_configs",
        )
        configs = {}
        for code, config in data.items():
            try:
                key = int(code)
            except ValueError as exc:
                raise InvalidResponseError(
                    f"Repair configurations are keyed by process code, got {code!r}",
                    operation="get_repair_operation_configs",
                    cause=exc,
                ) from exc
            configs[key] = RepairOperationConfig.from_wire(config, operation="get_repair_operation_configs")
        return configs

    async def get_repair_operation(
        self, process_id: UUID, process_code: int | None
    ) -> RepairOperationConfig | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Process/GetRepairOperation/{id}``."""
        params: dict[str, Any] = {"processCode": process_code}
        data = await self._transport.request(
            "GET",
            "/api/internal/Process/GetRepairOperation/" + segment(process_id),
            operation="get_repair_operation_config",
            params=params,
            internal=True,
            resource=("RepairOperation", str(process_id)),
            expect_data=True,
        )
        return (
            None
            if data is None
            else RepairOperationConfig.from_wire(data, operation="get_repair_operation_config")
        )
