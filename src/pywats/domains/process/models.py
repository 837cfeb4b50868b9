"""Process domain models: operations (test, repair, WIP) and repair fail-code configuration."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field

from pywats.domains._tolerant import TolerantModel

__all__ = ["FailCode", "ProcessInfo", "RepairCategory", "RepairOperationConfig"]


class ProcessInfo(TolerantModel):
    """A process (operation): ``code`` is what reports and units refer to.

    The public list fills the flags, index and state; the internal one adds ``process_id`` and
    ``properties``.
    """

    code: int | None = None
    name: str | None = None
    description: str | None = None
    is_test_operation: bool = False
    is_repair_operation: bool = False
    is_wip_operation: bool = False
    process_id: UUID | None = None
    process_index: int | None = None
    state: int | None = None
    properties: str | None = None

    @property
    def is_active(self) -> bool:
        """Whether the process is active (``state`` 1, or not given)."""
        return self.state is None or self.state == 1


class RepairCategory(TolerantModel):
    """A fail-code category of a repair operation; ``fail_codes`` holds its codes (same shape)."""

    guid: UUID | None = None
    description: str | None = None
    selectable: bool = True
    sort_order: int | None = None
    failure_type: int | None = None
    image_constraint: str | None = None
    status: int | None = None
    fail_codes: list[RepairCategory] = Field(default_factory=list)


class RepairOperationConfig(TolerantModel):
    """What a repair operation asks for: UUT/BOM/vendor requirements and its fail-code categories."""

    description: str | None = None
    uut_required: int | None = None
    comp_ref_mask: str | None = None
    comp_ref_mask_description: str | None = None
    bom_constraint: str | None = None
    bom_required: int | None = None
    vendor_required: int | None = None
    categories: list[RepairCategory] = Field(default_factory=list)
    misc_infos: list[Any] = Field(default_factory=list)


class FailCode(TolerantModel):
    """A fail code with its category: the ``category``/``code`` pair a UUR failure names."""

    category: str
    code: str
    guid: UUID | None = None
    category_guid: UUID | None = None
    selectable: bool = True
