"""The internal-API half of ``api.software``: package folders, file checks and station queries.

Every method calls ``/api/internal/Software`` (undocumented by WATS; may change).
"""
# sync-docstring: The internal-API half of ``api.software``: package folders, file checks and station queries.

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from pywats.core._checks import require_guid, require_text
from pywats.core.exceptions import PyWATSError, ValidationError
from pywats.domains.software._args import guid_list, package_status, whole_number
from pywats.domains.software.async_internal_repository import AsyncSoftwareInternalRepository
from pywats.domains.software.models import (
    FileCheck,
    Package,
    PackageDownload,
    PackageFile,
    PackageFolder,
    PackageStatus,
    SoftwareEntityDetails,
)

__all__ = ["ROOT_FOLDER_ID", "AsyncSoftwareInternalMixin"]

logger = logging.getLogger("pywats.domains.software")

ROOT_FOLDER_ID = "00000000-0000-0000-0000-000000000000"
"""The ``parent_folder_id`` that names a package's root folder."""


class AsyncSoftwareInternalMixin:
    """Folders, file checks and the questions a station asks about its packages."""

    def __init__(self, internal: AsyncSoftwareInternalRepository) -> None:
        self.internal = internal

    async def is_connected(self) -> bool:
        """⚠️ INTERNAL API: whether the server's Software module answers (never raises)."""
        try:
            return await self.internal.is_connected()
        except PyWATSError as exc:
            logger.warning("Software module check failed: %s", exc.message)
            return False

    async def get_file(self, file_id: str | UUID) -> PackageFile | None:
        """⚠️ INTERNAL API: one package file's metadata."""
        return await self.internal.get_file(require_guid("file_id", file_id, operation="get_file"))

    async def check_file(
        self,
        package_id: str | UUID,
        parent_folder_id: str | UUID,
        file_path: str,
        checksum: str,
        file_date_epoch: int,
    ) -> FileCheck | None:
        """⚠️ INTERNAL API: whether the package already holds this file (to skip uploading it).

        ``parent_folder_id`` is a folder of the package or :data:`ROOT_FOLDER_ID`; ``checksum`` is
        the file's SHA-1 or MD5 in hex; ``file_date_epoch`` its modification time in Unix seconds.
        """
        operation = "check_file"
        params = {
            "packageId": require_guid("package_id", package_id, operation=operation),
            "parentFolderId": require_guid("parent_folder_id", parent_folder_id, operation=operation),
            "filePath": require_text("file_path", file_path, operation=operation),
            "checksum": require_text("checksum", checksum, operation=operation),
            "fileDateEpoch": whole_number("file_date_epoch", file_date_epoch, operation),
        }
        return await self.internal.check_file(params)

    async def create_package_folder(
        self, package_id: str | UUID, folder_data: PackageFolder | Mapping[str, Any]
    ) -> PackageFolder | None:
        """⚠️ INTERNAL API: create a folder (``name``, optional ``parent_folder_id``,
        ``virtual_folder_id``, ``description``) in a Draft package."""
        operation = "create_package_folder"
        package = require_guid("package_id", package_id, operation=operation)
        folder = _folder(folder_data, operation)
        require_text("name", folder.name, operation=operation)
        return await self.internal.create_folder(package, folder.to_wire())

    async def update_package_folder(
        self, folder_data: PackageFolder | Mapping[str, Any]
    ) -> PackageFolder | None:
        """⚠️ INTERNAL API: rename, move or retarget the folder named by ``package_folder_id``."""
        operation = "update_package_folder"
        folder = _folder(folder_data, operation)
        if folder.package_folder_id is None:
            raise ValidationError(
                "package_folder_id is required", field="package_folder_id", operation=operation
            )
        return await self.internal.update_folder(str(folder.package_folder_id), folder.to_wire())

    async def delete_package_folder(self, package_folder_id: str | UUID) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: delete a folder with its contents; the server's summary is returned."""
        operation = "delete_package_folder"
        return await self.internal.delete_folder(
            require_guid("package_folder_id", package_folder_id, operation=operation)
        )

    async def delete_package_folder_files(self, file_ids: list[str | UUID]) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: delete package files by id."""
        operation = "delete_package_folder_files"
        return await self.internal.delete_folder_files(guid_list("file_ids", file_ids, operation))

    async def get_package_history(
        self,
        tags: str | Mapping[str, str],
        status: PackageStatus | int | None = None,
        all_versions: bool | None = None,
    ) -> list[Package]:
        """⚠️ INTERNAL API: packages carrying every tag in ``tags`` (``"key=value,key2=value2"`` or a
        dict), newest version per name unless ``all_versions``; ``status`` narrows them."""
        operation = "get_package_history"
        text = ",".join(f"{k}={v}" for k, v in tags.items()) if isinstance(tags, Mapping) else tags
        params: dict[str, object] = {"tags": require_text("tags", text, operation=operation)}
        if status is not None:
            params["status"] = (
                whole_number("status", status, operation)
                if isinstance(status, int) and not isinstance(status, bool)
                else package_status(status, operation).number
            )
        if all_versions is not None:
            params["allVersions"] = bool(all_versions)
        return await self.internal.get_history(params)

    async def get_package_download_history(self, client_id: int) -> list[PackageDownload]:
        """⚠️ INTERNAL API: the downloads a station (client id) reported."""
        operation = "get_package_download_history"
        return await self.internal.get_download_history(whole_number("client_id", client_id, operation))

    async def get_revoked_packages(
        self, installed_packages: list[str | UUID], include_revoked_only: bool | None = None
    ) -> list[str]:
        """⚠️ INTERNAL API: which installed package ids a station should remove (revoked ones, and
        unless ``include_revoked_only``, ones the server no longer has)."""
        operation = "get_revoked_packages"
        params: dict[str, object] = {
            "installedPackages": guid_list("installed_packages", installed_packages, operation)
        }
        if include_revoked_only is not None:
            params["includeRevokedOnly"] = bool(include_revoked_only)
        return await self.internal.get_revoked(params)

    async def get_available_packages(self, installed_packages: list[str | UUID]) -> list[Package]:
        """⚠️ INTERNAL API: newer Released versions of the installed packages (what to get)."""
        operation = "get_available_packages"
        return await self.internal.get_available(
            guid_list("installed_packages", installed_packages, operation)
        )

    async def get_software_entity_details(self, package_id: str | UUID) -> SoftwareEntityDetails | None:
        """⚠️ INTERNAL API: a package with its folder tree, files and total size."""
        operation = "get_software_entity_details"
        return await self.internal.get_details(require_guid("package_id", package_id, operation=operation))

    async def log_download(
        self, package_id: str | UUID, download_size: int, *, client_id: int | None = None
    ) -> PackageDownload | None:
        """⚠️ INTERNAL API: record that a station downloaded a package (``download_size`` bytes)."""
        operation = "log_download"
        params: dict[str, object] = {
            "packageId": require_guid("package_id", package_id, operation=operation),
            "downloadSize": whole_number("download_size", download_size, operation),
        }
        if client_id is not None:
            params["clientId"] = whole_number("client_id", client_id, operation)
        return await self.internal.log_download(params)


def _folder(data: Any, operation: str) -> PackageFolder:
    if isinstance(data, PackageFolder):
        return data
    if isinstance(data, Mapping):
        try:
            return PackageFolder.model_validate(dict(data))
        except ValueError as exc:
            raise ValidationError(
                f"folder_data is not a valid folder definition: {exc}",
                field="folder_data",
                value=data,
                operation=operation,
                cause=exc,
            ) from exc
    raise ValidationError(
        f"folder_data must be a PackageFolder or a dict, got {type(data).__name__}",
        field="folder_data",
        value=data,
        operation=operation,
    )
