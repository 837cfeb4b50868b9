"""HTTP endpoints of the Process domain: ``GET /api/App/Processes`` (§2.2), ``/api/internal/Process`` (§8),
and the control plane's ``PUT /_control/processes`` for operators who need their own process list.
"""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from pywats_server.control.paths import CONTROL_PREFIX
from pywats_server.domains.process.backend import ProcessBackend
from pywats_server.domains.process.schemas import InternalProcessInfo, ProcessDefinition, ProcessInfo

INTERNAL = "/api/internal/Process"
TAGS: list[str | Enum] = ["Process"]


def register_process_routes(router: APIRouter, backend: ProcessBackend) -> None:
    """Add the process endpoints to ``router``."""

    @router.get("/api/App/Processes", tags=TAGS, response_model_exclude_none=True)
    def get_processes(
        include_test: Annotated[bool, Query(alias="includeTestOperations")] = True,
        include_repair: Annotated[bool, Query(alias="includeRepairOperations")] = True,
        include_wip: Annotated[bool, Query(alias="includeWipOperations")] = True,
        include_inactive: Annotated[bool, Query(alias="includeInactiveProcesses")] = False,
    ) -> list[ProcessInfo]:
        """The processes (operations) of the kinds asked for; all active ones by default."""
        return backend.list_public(
            test=include_test, repair=include_repair, wip=include_wip, inactive=include_inactive
        )

    @router.get(f"{INTERNAL}/GetProcesses", tags=TAGS, response_model_exclude_none=True)
    def get_processes_internal() -> list[InternalProcessInfo]:
        """Every process with full detail (PascalCase)."""
        return backend.list_internal()

    @router.get(f"{INTERNAL}/GetProcess/{{id}}", tags=TAGS, response_model_exclude_none=True)
    def get_process(process_id: Annotated[uuid.UUID, Path(alias="id")]) -> InternalProcessInfo:
        """One process by GUID."""
        return backend.get_internal(process_id)

    @router.get(f"{INTERNAL}/GetRepairOperations", tags=TAGS)
    def get_repair_operations() -> dict[str, dict[str, Any]]:
        """Every repair operation's configuration keyed by process code."""
        return backend.repair_configs()

    @router.get(f"{INTERNAL}/GetRepairOperation/{{id}}", tags=TAGS)
    def get_repair_operation(
        process_id: Annotated[uuid.UUID, Path(alias="id")],
        process_code: Annotated[int | None, Query(alias="processCode")] = None,
    ) -> dict[str, Any]:
        """The configuration (fail-code categories …) of one repair operation."""
        return backend.repair_config(process_id, process_code)

    @router.put(f"{CONTROL_PREFIX}/processes", tags=["control"], response_model_exclude_none=True)
    def define_processes(definitions: list[ProcessDefinition]) -> list[InternalProcessInfo]:
        """Replace the server's process list (a repair operation without ``repairConfig`` gets defaults)."""
        return backend.define(definitions)
