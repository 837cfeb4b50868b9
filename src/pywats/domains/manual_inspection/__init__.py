"""The manual-inspection domain (⚠️ internal WATS API): definitions, relations, sequences, media."""

from pywats.domains.manual_inspection.async_repository import AsyncManualInspectionRepository
from pywats.domains.manual_inspection.async_service import AsyncManualInspectionService
from pywats.domains.manual_inspection.models import (
    DefinitionStatus,
    MiMedia,
    MiscInfoProblem,
    MiscInfoValidation,
    MiSequence,
    RelationConflict,
    RepairOnFailed,
    TestSequenceDefinition,
    TestSequenceInstance,
    TestSequenceProcessRelation,
    TestSequenceRelation,
    TestSequenceSiteRelation,
)
from pywats.domains.manual_inspection.repository import ManualInspectionRepository
from pywats.domains.manual_inspection.service import ManualInspectionService

__all__ = [
    "AsyncManualInspectionRepository",
    "AsyncManualInspectionService",
    "DefinitionStatus",
    "ManualInspectionRepository",
    "ManualInspectionService",
    "MiMedia",
    "MiSequence",
    "MiscInfoProblem",
    "MiscInfoValidation",
    "RelationConflict",
    "RepairOnFailed",
    "TestSequenceDefinition",
    "TestSequenceInstance",
    "TestSequenceProcessRelation",
    "TestSequenceRelation",
    "TestSequenceSiteRelation",
]
