"""Internal Software endpoints (endpoints.md §9.2, ``/api/internal/Software``): folders, checks, stations."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from pywats_server.domains.software.content import PackageContent
from pywats_server.domains.software.distribution import Distribution
from pywats_server.domains.software.folders import PackageFolders
from pywats_server.domains.software.schemas import (
    FileCheck,
    Package,
    PackageDownload,
    PackageFile,
    PackageFolder,
    SoftwareEntityDetails,
)
from pywats_server.identity import request_user

Required = Annotated[str, Query()]
PREFIX = "/api/internal/Software"


def register_software_internal_routes(
    router: APIRouter, content: PackageContent, folders: PackageFolders, distribution: Distribution
) -> None:
    """Add the internal Software endpoints to ``router``."""
    tags: list[str | Enum] = ["Software (internal)"]

    @router.get(f"{PREFIX}/isConnected", tags=tags)
    def is_connected() -> bool:
        """The Software module is available."""
        return True

    @router.get(f"{PREFIX}/File/{{id}}", tags=tags, response_model_exclude_none=True)
    def get_file(file_id: Annotated[str, Path(alias="id")]) -> PackageFile:
        """One package file's metadata."""
        return content.get_file(file_id)

    @router.get(f"{PREFIX}/CheckFile", tags=tags)
    def check_file(
        package_id: Annotated[str, Query(alias="packageId")],
        parent_folder_id: Annotated[str, Query(alias="parentFolderId")],
        file_path: Annotated[str, Query(alias="filePath")],
        checksum: Required,
        file_date_epoch: Annotated[int, Query(alias="fileDateEpoch")],
    ) -> FileCheck:
        """Whether the package already holds this file, so an upload can be skipped."""
        return folders.check_file(package_id, parent_folder_id, file_path, checksum, file_date_epoch)

    @router.post(f"{PREFIX}/PostPackageFolder", tags=tags, response_model_exclude_none=True)
    def create_folder(
        package_id: Annotated[str, Query(alias="packageId")], folder: PackageFolder
    ) -> PackageFolder:
        """Create a folder in a Draft package."""
        return folders.create(package_id, folder)

    @router.post(f"{PREFIX}/UpdatePackageFolder", tags=tags, response_model_exclude_none=True)
    def update_folder(folder: PackageFolder) -> PackageFolder:
        """Rename, move or retarget a folder."""
        return folders.update(folder)

    @router.post(f"{PREFIX}/DeletePackageFolder", tags=tags)
    def delete_folder(folder_id: Annotated[str, Query(alias="packageFolderId")]) -> dict[str, int]:
        """Delete a folder with its contents; answers how many folders and files went."""
        return folders.delete(folder_id)

    @router.post(f"{PREFIX}/DeletePackageFolderFiles", tags=tags)
    def delete_files(file_ids: Annotated[str, Query(alias="packageFolderFileIds")]) -> dict[str, int]:
        """Delete files by id (comma-separated)."""
        return folders.delete_files(file_ids)

    @router.get(f"{PREFIX}/GetPackageHistory", tags=tags, response_model_exclude_none=True)
    def history(
        tags_: Annotated[str, Query(alias="tags")],
        status: int | None = None,
        all_versions: Annotated[bool, Query(alias="allVersions")] = False,
    ) -> list[Package]:
        """Packages carrying every listed tag; ``status`` 0 Draft … 3 Revoked."""
        return distribution.history(tags_, status, all_versions)

    @router.get(f"{PREFIX}/GetPackageDownloadHistory", tags=tags)
    def download_history(client_id: Annotated[int, Query(alias="clientId")]) -> list[PackageDownload]:
        """Downloads a station reported."""
        return distribution.download_history(client_id)

    @router.get(f"{PREFIX}/GetRevokedPackages", tags=tags)
    def revoked(
        installed: Annotated[str, Query(alias="installedPackages")],
        revoked_only: Annotated[bool, Query(alias="includeRevokedOnly")] = False,
    ) -> list[str]:
        """The installed package ids a station should remove."""
        return distribution.revoked(installed, revoked_only)

    @router.get(f"{PREFIX}/GetAvailablePackages", tags=tags, response_model_exclude_none=True)
    def available(installed: Annotated[str, Query(alias="installedPackages")]) -> list[Package]:
        """Newer Released versions of the installed packages."""
        return distribution.available(installed)

    @router.get(f"{PREFIX}/GetSoftwareEntityDetails", tags=tags, response_model_exclude_none=True)
    def details(package_id: Annotated[str, Query(alias="packageId")]) -> SoftwareEntityDetails:
        """A package with its folders and files."""
        return distribution.details(package_id)

    @router.get(f"{PREFIX}/Log", tags=tags)
    def log_download(
        request: Request,
        package_id: Annotated[str, Query(alias="packageId")],
        download_size: Annotated[int, Query(alias="downloadSize")],
        client_id: Annotated[int | None, Query(alias="clientId")] = None,
    ) -> PackageDownload:
        """Record a download (a GET with a side effect, as WATS has it)."""
        return distribution.log_download(package_id, download_size, client_id, request_user(request))
