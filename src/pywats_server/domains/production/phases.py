"""The unit phases this server knows (endpoints.md §15.3): bit-flag ids, codes and display names.

WATS treats the phase list as server configuration; clients read it from
``GET /api/internal/Mes/GetUnitPhases`` and send phase ids. A phase id not in this list is refused.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitPhase:
    """One phase: ``phase_id`` is a power of two."""

    phase_id: int
    code: str
    name: str
    description: str


UNIT_PHASES: tuple[UnitPhase, ...] = (
    UnitPhase(1, "Unknown", "Unknown", "The phase of the unit is not known"),
    UnitPhase(2, "Under_Production", "Under production", "The unit is being built and tested"),
    UnitPhase(4, "Production_Repair", "Production repair", "The unit is in repair during production"),
    UnitPhase(8, "Service_Repair", "Service repair", "The unit is in repair after delivery"),
    UnitPhase(16, "Finalized", "Finalized", "The unit is finished"),
    UnitPhase(32, "Scrapped", "Scrapped", "The unit was scrapped"),
    UnitPhase(64, "Extended_Test", "Extended test", "The unit is in extended testing"),
    UnitPhase(128, "Customization", "Customization", "The unit is being customized"),
    UnitPhase(256, "Repaired", "Repaired", "The unit was repaired"),
    UnitPhase(512, "Missing", "Missing", "The unit cannot be found"),
    UnitPhase(1024, "In_Storage", "In storage", "The unit is in storage"),
    UnitPhase(2048, "Shipped", "Shipped", "The unit was shipped"),
)

PHASES_BY_ID = {phase.phase_id: phase for phase in UNIT_PHASES}

UNDER_PRODUCTION = 2
FINALIZED = 16
SCRAPPED = 32


def phase_name(phase_id: int | None) -> str | None:
    """The display name of a phase id, or None."""
    phase = PHASES_BY_ID.get(phase_id) if phase_id is not None else None
    return phase.name if phase else None
