"""Tables of the Software domain. File contents live on disk, by SHA-256, not here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pywats_server.db import Base

GUID_LENGTH = 36
SHA256_HEX_LENGTH = 64

# Times are stored as naive UTC (SQLite keeps no offset) and made aware again when read.


class PackageRow(Base):
    """One version of a named package."""

    __tablename__ = "software_package"
    __table_args__ = (UniqueConstraint("name", "version"),)

    package_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String, index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)
    install_on_root: Mapped[bool] = mapped_column(default=False)
    root_directory: Mapped[str | None] = mapped_column(String)
    priority: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    modified_utc: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String)
    modified_by: Mapped[str | None] = mapped_column(String)


class PackageFolderRow(Base):
    """A folder of a package; ``parent_folder_id`` None means the package root."""

    __tablename__ = "software_folder"

    folder_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    package_id: Mapped[str] = mapped_column(
        ForeignKey("software_package.package_id", ondelete="CASCADE"), index=True
    )
    parent_folder_id: Mapped[str | None] = mapped_column(
        ForeignKey("software_folder.folder_id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String)
    virtual_folder_id: Mapped[str | None] = mapped_column(String(GUID_LENGTH))
    description: Mapped[str | None] = mapped_column(Text)


class PackageFileRow(Base):
    """A file of a package: where it goes, and the hash of its content on disk."""

    __tablename__ = "software_file"

    file_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    package_id: Mapped[str] = mapped_column(
        ForeignKey("software_package.package_id", ondelete="CASCADE"), index=True
    )
    folder_id: Mapped[str | None] = mapped_column(
        ForeignKey("software_folder.folder_id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(SHA256_HEX_LENGTH), index=True)
    checksum: Mapped[str] = mapped_column(String)  # SHA-1, hex: what stations compare
    md5: Mapped[str] = mapped_column(String)
    file_date: Mapped[datetime] = mapped_column(DateTime)  # the file's own modification time
    attributes: Mapped[str | None] = mapped_column(String)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    modified_utc: Mapped[datetime] = mapped_column(DateTime)


class DownloadRow(Base):
    """A package download a station reported."""

    __tablename__ = "software_download"

    download_id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[str] = mapped_column(String(GUID_LENGTH), index=True)
    name: Mapped[str] = mapped_column(String)
    version: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(Integer, index=True)
    user: Mapped[str] = mapped_column(String)
    download_size: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[datetime] = mapped_column(DateTime)
