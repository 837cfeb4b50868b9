"""The process list a fresh server starts with, so that reports and repairs work out of the box.

Codes follow WATS conventions and real exports: 10 "SW Debug", 50 "PCBA test", 90 "Burn In test",
100 the default test operation, 500 "Repair" and 510 "RMA repair". Fail codes are grouped into categories
as WATS's repair configuration does (UUR failures name a category and a code below it). GUIDs are derived
from the codes (uuid5), so they are the same on every server and after every reset.
"""

from __future__ import annotations

import uuid
from typing import Any

_NAMESPACE = uuid.UUID("6f1c1f0e-6b8e-4d45-9a3e-3f5f1c0d9a10")

# (code, name, description, test, repair, wip)
DEFAULT_PROCESSES: tuple[tuple[int, str, str, bool, bool, bool], ...] = (
    (10, "SW Debug", "Software debugging and bring-up", True, False, False),
    (50, "PCBA test", "In-circuit and functional test of boards", True, False, False),
    (90, "Burn In test", "Extended test under temperature", True, False, False),
    (100, "End of line test", "Final functional test before packing", True, False, False),
    (200, "Assembly", "Work in progress: mechanical assembly", False, False, True),
    (500, "Repair", "Production repair", False, True, False),
    (510, "RMA repair", "Repair of returned units", False, True, False),
)

# category → fail codes
DEFAULT_FAIL_CODES: dict[str, tuple[str, ...]] = {
    "Component": ("Burned Component", "Missing Component", "Wrong Component", "Damaged Component"),
    "Solder": ("Solder bridge", "Cold solder joint", "Insufficient solder"),
    "Process": ("Misplaced component", "Wrong polarity", "Contamination"),
    "Other": ("No fault found", "Other"),
}


def process_guid(code: int) -> uuid.UUID:
    """The stable GUID of a default process."""
    return uuid.uuid5(_NAMESPACE, f"process:{code}")


def default_repair_config(code: int, name: str) -> dict[str, Any]:
    """The repair configuration of a default repair operation (RepairOperationConfig wire shape)."""
    categories = []
    for order, (category, codes) in enumerate(DEFAULT_FAIL_CODES.items(), start=1):
        categories.append(
            {
                **_category(f"{code}:{category}", category, order),
                "Failcodes": [
                    _category(f"{code}:{category}:{fail}", fail, position)
                    for position, fail in enumerate(codes, start=1)
                ],
            }
        )
    return {
        "Description": name,
        "UUTRequired": 1,
        "CompRefMask": None,
        "CompRefMaskDescription": None,
        "BomConstraint": None,
        "BOMRequired": 1,
        "VendorRequired": 2,
        "Categories": categories,
        "MiscInfos": [],
    }


def _category(key: str, description: str, order: int) -> dict[str, Any]:
    return {
        "GUID": str(uuid.uuid5(_NAMESPACE, key)),
        "Description": description,
        "Selectable": True,
        "SortOrder": order,
        "FailureType": 0,
        "ImageConstraint": None,
        "Status": 1,
        "Failcodes": [],
    }
