"""Tables of the Asset domain. File contents live on disk (see :mod:`.files`), not here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pywats_server.db import Base

GUID_LENGTH = 36
SHA256_HEX_LENGTH = 64

# Times are stored as naive UTC (SQLite keeps no offset) and made aware again when read.


class AssetTypeRow(Base):
    """An asset type; ``type_name`` is unique ignoring case (checked by the backend)."""

    __tablename__ = "asset_type"

    type_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    type_name: Mapped[str] = mapped_column(String)
    running_count_limit: Mapped[int | None] = mapped_column(Integer)
    total_count_limit: Mapped[int | None] = mapped_column(Integer)
    maintenance_interval: Mapped[float | None] = mapped_column(Float)
    calibration_interval: Mapped[float | None] = mapped_column(Float)
    warning_threshold: Mapped[float | None] = mapped_column(Float)
    alarm_threshold: Mapped[float | None] = mapped_column(Float)
    is_readonly: Mapped[bool] = mapped_column(default=False)
    icon: Mapped[str | None] = mapped_column(String)


class AssetRow(Base):
    """An asset, keyed by the server-assigned ``asset_id``; ``serial_number`` is unique."""

    __tablename__ = "asset"

    asset_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    serial_number: Mapped[str] = mapped_column(String, unique=True)
    type_id: Mapped[str] = mapped_column(ForeignKey("asset_type.type_id"), index=True)
    parent_asset_id: Mapped[str | None] = mapped_column(ForeignKey("asset.asset_id"), index=True)
    asset_name: Mapped[str | None] = mapped_column(String)
    part_number: Mapped[str | None] = mapped_column(String)
    revision: Mapped[str | None] = mapped_column(String)
    client_id: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[int] = mapped_column(default=1)
    description: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String)
    first_seen_date: Mapped[datetime | None] = mapped_column(DateTime)
    last_seen_date: Mapped[datetime | None] = mapped_column(DateTime)
    last_maintenance_date: Mapped[datetime | None] = mapped_column(DateTime)
    next_maintenance_date: Mapped[datetime | None] = mapped_column(DateTime)
    last_calibration_date: Mapped[datetime | None] = mapped_column(DateTime)
    next_calibration_date: Mapped[datetime | None] = mapped_column(DateTime)
    total_count: Mapped[int] = mapped_column(default=0)
    running_count: Mapped[int] = mapped_column(default=0)
    tags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class AssetLogRow(Base):
    """A log record; kept after its asset is deleted, so it has no foreign key."""

    __tablename__ = "asset_log"

    log_id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[str] = mapped_column(String(GUID_LENGTH), index=True)
    serial_number: Mapped[str] = mapped_column(String)
    date: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str | None] = mapped_column(String)
    type: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class AssetFileRow(Base):
    """A file attached to an asset: its name and the SHA-256 of its content on disk."""

    __tablename__ = "asset_file"
    __table_args__ = (UniqueConstraint("asset_id", "filename"),)

    file_id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[str] = mapped_column(ForeignKey("asset.asset_id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String)
    sha256: Mapped[str] = mapped_column(String(SHA256_HEX_LENGTH), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded: Mapped[datetime] = mapped_column(DateTime)
