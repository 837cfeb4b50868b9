"""Tables of Manual Inspection. Media bytes live in the content store, not here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pywats_server.db import Base

GUID_LENGTH = 36


class MiDefinitionRow(Base):
    """One version of a definition; ``(name_key, version)`` is unique (``name_key`` = case-folded name)."""

    __tablename__ = "mi_definition"
    __table_args__ = (UniqueConstraint("name_key", "version"),)

    id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String)
    name_key: Mapped[str] = mapped_column(String, index=True)
    version: Mapped[int]
    status: Mapped[int] = mapped_column(default=0)
    description: Mapped[str | None] = mapped_column(Text)
    virtual_folder_id: Mapped[str | None] = mapped_column(String(GUID_LENGTH))
    is_global: Mapped[bool] = mapped_column(default=False)
    flags: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the boolean/int options, by wire name
    repair_process_id: Mapped[str | None] = mapped_column(String(GUID_LENGTH))
    xaml: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String)
    modified: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    modified_by: Mapped[str | None] = mapped_column(String)
    released: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    released_by: Mapped[str | None] = mapped_column(String)
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String)

    relations: Mapped[list[MiRelationRow]] = relationship(
        back_populates="definition", cascade="all, delete-orphan", order_by="MiRelationRow.position"
    )


class MiRelationRow(Base):
    """A relation of a definition to an entity; process and site limits are kept as JSON lists."""

    __tablename__ = "mi_relation"

    position: Mapped[int] = mapped_column(primary_key=True)
    id: Mapped[str] = mapped_column(String(GUID_LENGTH), unique=True)
    definition_id: Mapped[str] = mapped_column(ForeignKey("mi_definition.id", ondelete="CASCADE"), index=True)
    entity_schema: Mapped[str] = mapped_column(String)
    entity_name: Mapped[str] = mapped_column(String)
    entity_key: Mapped[str | None] = mapped_column(String)
    entity_value: Mapped[str | None] = mapped_column(String)
    status: Mapped[int] = mapped_column(default=0)
    product_name: Mapped[str | None] = mapped_column(String)
    processes: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    sites: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)

    definition: Mapped[MiDefinitionRow] = relationship(back_populates="relations")


class MiInstanceRow(Base):
    """An execution of a definition on one unit, with the string-test values recorded so far."""

    __tablename__ = "mi_instance"

    id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    definition_id: Mapped[str] = mapped_column(ForeignKey("mi_definition.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(String(GUID_LENGTH), index=True)
    serial_number: Mapped[str] = mapped_column(String)
    part_number: Mapped[str] = mapped_column(String)
    revision: Mapped[str | None] = mapped_column(String)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    string_tests: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class MiMediaRow(Base):
    """A file of a definition: name and type here, bytes in the content store by hash."""

    __tablename__ = "mi_media"

    id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    definition_id: Mapped[str] = mapped_column(ForeignKey("mi_definition.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String)
    content_type: Mapped[str] = mapped_column(String)
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String)
