"""Wire shapes of the Process domain: public camelCase ``ProcessInfo``, internal PascalCase records."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field

from pywats_server.domains.wire import NonBlankStr, WireModel


class ProcessInfo(WireModel):
    """A row of ``GET /api/App/Processes``."""

    code: int
    name: NonBlankStr
    description: str | None = None
    is_test_operation: bool = False
    is_repair_operation: bool = False
    is_wip_operation: bool = False
    process_index: int | None = None
    state: int = 1


class InternalProcessInfo(WireModel):
    """A row of ``GET /api/internal/Process/GetProcesses`` (note ``IsWIPOperation``)."""

    code: int = Field(alias="Code")
    name: str = Field(alias="Name")
    description: str | None = Field(default=None, alias="Description")
    process_id: UUID = Field(alias="ProcessID")
    process_index: int = Field(default=0, alias="ProcessIndex")
    state: int = Field(default=1, alias="State")
    properties: str | None = Field(default=None, alias="Properties")
    is_test_operation: bool = Field(default=False, alias="IsTestOperation")
    is_repair_operation: bool = Field(default=False, alias="IsRepairOperation")
    is_wip_operation: bool = Field(default=False, alias="IsWIPOperation")


class ProcessDefinition(ProcessInfo):
    """What the control plane's ``PUT /_control/processes`` takes: a process and, for repair, its config."""

    properties: str | None = None
    repair_config: dict[str, Any] | None = None
