"""The production (MES) domain: units, phases, assembly, verification, serial numbers and batches."""

from pywats.domains.production.async_repository import AsyncProductionRepository
from pywats.domains.production.async_service import AsyncProductionService
from pywats.domains.production.models import (
    AssemblyResult,
    ChildUnitCheck,
    ProductionBatch,
    SerialNumberIdentifier,
    SerialNumberRange,
    SerialNumberRecord,
    SerialNumberType,
    Unit,
    UnitChange,
    UnitPhase,
    UnitPhaseFlag,
    UnitStateChange,
    UnitVerification,
    UnitVerificationGrade,
)
from pywats.domains.production.repository import ProductionRepository
from pywats.domains.production.service import ProductionService

__all__ = [
    "AssemblyResult",
    "AsyncProductionRepository",
    "AsyncProductionService",
    "ChildUnitCheck",
    "ProductionBatch",
    "ProductionRepository",
    "ProductionService",
    "SerialNumberIdentifier",
    "SerialNumberRange",
    "SerialNumberRecord",
    "SerialNumberType",
    "Unit",
    "UnitChange",
    "UnitPhase",
    "UnitPhaseFlag",
    "UnitStateChange",
    "UnitVerification",
    "UnitVerificationGrade",
]
