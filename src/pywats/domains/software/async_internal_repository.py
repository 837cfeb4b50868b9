"""Software data access: the internal HTTP calls of ``/api/internal/Software`` (send ``Referer``)."""

from __future__ import annotations

from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.core.exceptions import InvalidResponseError
from pywats.domains.software._wire import required, rows
from pywats.domains.software.models import (
    FileCheck,
    Package,
    PackageDownload,
    PackageFile,
    PackageFolder,
    SoftwareEntityDetails,
)

__all__ = ["AsyncSoftwareInternalRepository"]


class AsyncSoftwareInternalRepository:
    """The internal software endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def is_connected(self) -> bool:
        """``GET /api/internal/Software/isConnected``: any non-empty 2xx means available."""
        data = await self._transport.request(
            "GET", "/api/internal/Software/isConnected", operation="is_connected", internal=True
        )
        return data is not None and data is not False and data != ""

    async def get_file(self, file_id: str) -> PackageFile | None:
        """``GET /api/internal/Software/File/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/File/" + segment(file_id),
            operation="get_file",
            internal=True,
            resource=("PackageFile", file_id),
            expect_data=True,
        )
        return None if data is None else PackageFile.from_wire(data, operation="get_file")

    async def check_file(self, params: dict[str, Any]) -> FileCheck | None:
        """``GET /api/internal/Software/CheckFile``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/CheckFile",
            operation="check_file",
            params=params,
            internal=True,
            resource=("Package", str(params["packageId"])),
            expect_data=True,
        )
        return None if data is None else FileCheck.from_wire(data, operation="check_file")

    async def create_folder(self, package_id: str, body: bytes) -> PackageFolder | None:
        """``POST /api/internal/Software/PostPackageFolder?packageId=…``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Software/PostPackageFolder",
            operation="create_package_folder",
            params={"packageId": package_id},
            json_body=body,
            internal=True,
            resource=("Package", package_id),
        )
        return None if data is None else _folder(data, "create_package_folder")

    async def update_folder(self, folder_id: str, body: bytes) -> PackageFolder | None:
        """``POST /api/internal/Software/UpdatePackageFolder``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Software/UpdatePackageFolder",
            operation="update_package_folder",
            json_body=body,
            internal=True,
            resource=("PackageFolder", folder_id),
        )
        return None if data is None else _folder(data, "update_package_folder")

    async def delete_folder(self, folder_id: str) -> dict[str, Any] | None:
        """``POST /api/internal/Software/DeletePackageFolder?packageFolderId=…``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Software/DeletePackageFolder",
            operation="delete_package_folder",
            params={"packageFolderId": folder_id},
            internal=True,
            resource=("PackageFolder", folder_id),
        )
        return _summary(data, "delete_package_folder")

    async def delete_folder_files(self, file_ids: str) -> dict[str, Any] | None:
        """``POST /api/internal/Software/DeletePackageFolderFiles?packageFolderFileIds=a,b``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Software/DeletePackageFolderFiles",
            operation="delete_package_folder_files",
            params={"packageFolderFileIds": file_ids},
            internal=True,
            resource=("PackageFile", file_ids),
        )
        return _summary(data, "delete_package_folder_files")

    async def get_history(self, params: dict[str, Any]) -> list[Package]:
        """``GET /api/internal/Software/GetPackageHistory``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/GetPackageHistory",
            operation="get_package_history",
            params=params,
            internal=True,
        )
        return [
            Package.from_wire(row, operation="get_package_history")
            for row in rows(data, "get_package_history")
        ]

    async def get_download_history(self, client_id: int) -> list[PackageDownload]:
        """``GET /api/internal/Software/GetPackageDownloadHistory``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/GetPackageDownloadHistory",
            operation="get_package_download_history",
            params={"clientId": client_id},
            internal=True,
        )
        operation = "get_package_download_history"
        return [PackageDownload.from_wire(row, operation=operation) for row in rows(data, operation)]

    async def get_revoked(self, params: dict[str, Any]) -> list[str]:
        """``GET /api/internal/Software/GetRevokedPackages``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/GetRevokedPackages",
            operation="get_revoked_packages",
            params=params,
            internal=True,
        )
        found = rows(data, "get_revoked_packages")
        if not all(isinstance(item, str) for item in found):
            raise InvalidResponseError(
                "Expected a JSON array of package ids", operation="get_revoked_packages"
            )
        return found

    async def get_available(self, installed: str) -> list[Package]:
        """``GET /api/internal/Software/GetAvailablePackages``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/GetAvailablePackages",
            operation="get_available_packages",
            params={"installedPackages": installed},
            internal=True,
        )
        operation = "get_available_packages"
        return [Package.from_wire(row, operation=operation) for row in rows(data, operation)]

    async def get_details(self, package_id: str) -> SoftwareEntityDetails | None:
        """``GET /api/internal/Software/GetSoftwareEntityDetails``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/GetSoftwareEntityDetails",
            operation="get_software_entity_details",
            params={"packageId": package_id},
            internal=True,
            resource=("Package", package_id),
            expect_data=True,
        )
        return (
            None
            if data is None
            else SoftwareEntityDetails.from_wire(data, operation="get_software_entity_details")
        )

    async def log_download(self, params: dict[str, Any]) -> PackageDownload | None:
        """``GET /api/internal/Software/Log``: record a download (a GET with a side effect)."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Software/Log",
            operation="log_download",
            params=params,
            internal=True,
            resource=("Package", str(params["packageId"])),
        )
        return (
            None
            if data is None
            else PackageDownload.from_wire(required(data, "log_download"), operation="log_download")
        )


def _folder(data: Any, operation: str) -> PackageFolder:
    return PackageFolder.from_wire(required(data, operation), operation=operation)


def _summary(data: Any, operation: str) -> dict[str, Any] | None:
    if data is None or isinstance(data, dict):
        return data
    if isinstance(data, bool | int | str):
        return {"result": data}
    raise InvalidResponseError(f"Unexpected answer of type {type(data).__name__}", operation=operation)
