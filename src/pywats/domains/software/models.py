"""Software distribution models: packages, their files and folders, and what stations are told."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import AliasChoices, BeforeValidator, Field

from pywats.core.model import WATSModel

__all__ = [
    "FileCheck",
    "Package",
    "PackageDownload",
    "PackageFile",
    "PackageFolder",
    "PackageStatus",
    "PackageTag",
    "SoftwareEntityDetails",
    "VirtualFolder",
]


class PackageStatus(StrEnum):
    """Where a package is in its lifecycle: Draft ⇄ Pending → Released → Revoked."""

    DRAFT = "Draft"
    PENDING = "Pending"
    RELEASED = "Released"
    REVOKED = "Revoked"

    @property
    def number(self) -> int:
        """How the internal API numbers the status (0 Draft … 3 Revoked)."""
        return list(PackageStatus).index(self)


def _known_status(value: Any) -> Any:
    # A status this library does not know yet stays a plain string.
    if isinstance(value, str) and not isinstance(value, PackageStatus):
        for status in PackageStatus:
            if value.casefold() == status.value.casefold():
                return status
    return value


Status = Annotated[PackageStatus | str, BeforeValidator(_known_status)]


def _also(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class PackageTag(WATSModel):
    """A tag of a package (stations select packages by tags)."""

    key: str
    value: str | None = None


class PackageFile(WATSModel):
    """A file of a package; ``path`` is relative to the package root."""

    file_id: UUID | None = Field(default=None, validation_alias=_also("fileId", "id", "file_id"))
    filename: str | None = Field(default=None, validation_alias=_also("filename", "fileName", "name"))
    path: str | None = None
    size: int | None = None
    checksum: str | None = None
    created_utc: datetime | None = Field(
        default=None, validation_alias=_also("createdUtc", "created", "created_utc")
    )
    modified_utc: datetime | None = Field(
        default=None, validation_alias=_also("modifiedUtc", "modified", "modified_utc")
    )
    attributes: str | None = None
    package_id: UUID | None = None
    parent_folder_id: UUID | None = None


class Package(WATSModel):
    """One version of a named software package."""

    package_id: UUID | None = Field(default=None, validation_alias=_also("packageId", "id", "package_id"))
    name: str | None = None
    description: str | None = None
    version: int | None = None
    status: Status | None = None
    install_on_root: bool | None = None
    root_directory: str | None = None
    priority: int | None = None
    tags: list[PackageTag] = Field(default_factory=list)
    created_utc: datetime | None = Field(
        default=None, validation_alias=_also("createdUtc", "created", "created_utc")
    )
    modified_utc: datetime | None = Field(
        default=None, validation_alias=_also("modifiedUtc", "modified", "modified_utc")
    )
    created_by: str | None = None
    modified_by: str | None = None
    files: list[PackageFile] = Field(default_factory=list)

    def get_tag(self, key: str) -> str | None:
        """The value of the tag ``key`` (ignoring case), or None."""
        return next((t.value for t in self.tags if t.key.casefold() == key.casefold()), None)


class VirtualFolder(WATSModel):
    """A well-known install location on a station, as registered on the server."""

    folder_id: UUID | None = Field(default=None, validation_alias=_also("folderId", "id", "folder_id"))
    name: str | None = None
    path: str | None = None
    description: str | None = None


class PackageFolder(WATSModel):
    """A folder of a package (the internal API's folder definition)."""

    package_folder_id: UUID | None = Field(
        default=None, validation_alias=_also("packageFolderId", "folderId", "id", "package_folder_id")
    )
    package_id: UUID | None = None
    parent_folder_id: UUID | None = None
    name: str | None = None
    path: str | None = None
    virtual_folder_id: UUID | None = None
    description: str | None = None


class FileCheck(WATSModel):
    """Whether a package already holds a file (``check_file``), so its upload can be skipped."""

    exists: bool = False
    file_id: UUID | None = None
    checksum_matches: bool = False
    date_matches: bool = False


class PackageDownload(WATSModel):
    """A package download a station reported (``log_download``)."""

    download_id: int | None = None
    package_id: UUID | None = None
    name: str | None = None
    version: int | None = None
    client_id: int | None = None
    user: str | None = None
    download_size: int | None = None
    date: datetime | None = None


class SoftwareEntityDetails(WATSModel):
    """A package with its folder tree and files (``get_software_entity_details``)."""

    package: Package | None = None
    folders: list[PackageFolder] = Field(default_factory=list)
    files: list[PackageFile] = Field(default_factory=list)
    total_size: int | None = None
