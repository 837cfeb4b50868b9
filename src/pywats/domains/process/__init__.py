"""The process domain: test, repair and WIP operations (cached) and repair fail codes."""

from pywats.domains.process.async_repository import AsyncProcessRepository
from pywats.domains.process.async_service import AsyncProcessService
from pywats.domains.process.models import FailCode, ProcessInfo, RepairCategory, RepairOperationConfig
from pywats.domains.process.repository import ProcessRepository
from pywats.domains.process.service import ProcessService

__all__ = [
    "AsyncProcessRepository",
    "AsyncProcessService",
    "FailCode",
    "ProcessInfo",
    "ProcessRepository",
    "ProcessService",
    "RepairCategory",
    "RepairOperationConfig",
]
