"""The software distribution domain: packages, versions, lifecycle, content and station queries."""

from pywats.domains.software.async_internal_service import ROOT_FOLDER_ID
from pywats.domains.software.async_repository import AsyncSoftwareRepository
from pywats.domains.software.async_service import DEFAULT_MAX_ZIP_BYTES, AsyncSoftwareService
from pywats.domains.software.models import (
    FileCheck,
    Package,
    PackageDownload,
    PackageFile,
    PackageFolder,
    PackageStatus,
    PackageTag,
    SoftwareEntityDetails,
    VirtualFolder,
)
from pywats.domains.software.repository import SoftwareRepository
from pywats.domains.software.service import SoftwareService

__all__ = [
    "DEFAULT_MAX_ZIP_BYTES",
    "ROOT_FOLDER_ID",
    "AsyncSoftwareRepository",
    "AsyncSoftwareService",
    "FileCheck",
    "Package",
    "PackageDownload",
    "PackageFile",
    "PackageFolder",
    "PackageStatus",
    "PackageTag",
    "SoftwareEntityDetails",
    "SoftwareRepository",
    "SoftwareService",
    "VirtualFolder",
]
