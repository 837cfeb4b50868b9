"""Tables of the Production domain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pywats_server.db import Base
from pywats_server.domains.product.tables import ProductRevisionRow, ProductRow

GUID_LENGTH = 36


class UnitRow(Base):
    """A unit: one serial number of one product; ``parent`` is the unit it is mounted in."""

    __tablename__ = "production_unit"
    __table_args__ = (UniqueConstraint("serial_number", "part_number"),)

    unit_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    serial_number: Mapped[str] = mapped_column(String, index=True)
    part_number: Mapped[str] = mapped_column(String)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.product_id"), index=True)
    product_revision_id: Mapped[str | None] = mapped_column(
        ForeignKey("product_revision.product_revision_id"), index=True
    )
    parent_unit_id: Mapped[str | None] = mapped_column(ForeignKey("production_unit.unit_id"), index=True)
    batch_number: Mapped[str | None] = mapped_column(String, index=True)
    serial_date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    current_location: Mapped[str | None] = mapped_column(String)
    xml_data: Mapped[str | None] = mapped_column(Text)
    unit_phase_id: Mapped[int] = mapped_column(Integer)
    process_code: Mapped[int | None] = mapped_column(Integer, index=True)
    tags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    product: Mapped[ProductRow] = relationship()
    revision: Mapped[ProductRevisionRow | None] = relationship()
    parent: Mapped[UnitRow | None] = relationship(remote_side=[unit_id], back_populates="children")
    children: Mapped[list[UnitRow]] = relationship(back_populates="parent", order_by="UnitRow.serial_number")


class UnitChangeRow(Base):
    """An entry of the unit change feed (``GET /api/Production/Units/Changes``) until acknowledged."""

    __tablename__ = "production_unit_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_serial_number: Mapped[str] = mapped_column(String, index=True)
    unit_part_number: Mapped[str] = mapped_column(String)
    new_parent_serial_number: Mapped[str | None] = mapped_column(String)
    new_part_number: Mapped[str | None] = mapped_column(String)
    new_revision: Mapped[str | None] = mapped_column(String)
    new_unit_phase_id: Mapped[int | None] = mapped_column(Integer)
    changed_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class UnitHistoryRow(Base):
    """One step of a unit's state history: its phase and process after a change, and why."""

    __tablename__ = "production_unit_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[str] = mapped_column(
        ForeignKey("production_unit.unit_id", ondelete="CASCADE"), index=True
    )
    changed_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    unit_phase_id: Mapped[int] = mapped_column(Integer)
    process_code: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class BatchRow(Base):
    """A production batch, keyed by its number."""

    __tablename__ = "production_batch"

    batch_number: Mapped[str] = mapped_column(String, primary_key=True)
    batch_size: Mapped[int | None] = mapped_column(Integer)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SerialNumberTypeRow(Base):
    """A serial-number pool type (serial number, MAC address, IMEI …)."""

    __tablename__ = "production_serial_number_type"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    description: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String)
    reg_ex: Mapped[str | None] = mapped_column(String)
    identifier: Mapped[int] = mapped_column(Integer, default=0)


class SerialNumberRow(Base):
    """A number in a pool; ``address`` is its numeric value (for ranges), ``state`` Free or Taken."""

    __tablename__ = "production_serial_number"
    __table_args__ = (UniqueConstraint("type_name", "serial_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    type_name: Mapped[str] = mapped_column(ForeignKey("production_serial_number_type.name"), index=True)
    address: Mapped[int] = mapped_column(BigInteger, index=True)
    serial_number: Mapped[str] = mapped_column(String)
    state: Mapped[str] = mapped_column(String, default="Free", index=True)
    reference_serial_number: Mapped[str | None] = mapped_column(String)
    reference_part_number: Mapped[str | None] = mapped_column(String)
    station_name: Mapped[str | None] = mapped_column(String)
    taken_utc: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
