"""Tables of the RootCause domain. Attachment bytes live in the content store, not here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pywats_server.db import Base

GUID_LENGTH = 36
SHA256_LENGTH = 64


class TicketRow(Base):
    """A ticket; ``ticket_number`` (the human-readable number) is assigned by the database."""

    __tablename__ = "rootcause_ticket"

    ticket_number: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(GUID_LENGTH), unique=True)
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(index=True)
    priority: Mapped[int]
    assignee: Mapped[str | None] = mapped_column(String, index=True)
    owner: Mapped[str] = mapped_column(String)
    progress: Mapped[str | None] = mapped_column(Text)
    team: Mapped[str | None] = mapped_column(String)
    origin: Mapped[str | None] = mapped_column(String)
    report_uuid: Mapped[str | None] = mapped_column(String(GUID_LENGTH))
    created_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    tags: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    history: Mapped[list[TicketUpdateRow]] = relationship(
        back_populates="ticket", cascade="all, delete-orphan", order_by="TicketUpdateRow.position"
    )


class TicketUpdateRow(Base):
    """One history entry of a ticket, in the order they were added."""

    __tablename__ = "rootcause_ticket_update"

    position: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[str] = mapped_column(String(GUID_LENGTH), unique=True)
    ticket_number: Mapped[int] = mapped_column(
        ForeignKey("rootcause_ticket.ticket_number", ondelete="CASCADE"), index=True
    )
    update_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    update_user: Mapped[str] = mapped_column(String)
    content: Mapped[str | None] = mapped_column(Text)
    update_type: Mapped[int]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    ticket: Mapped[TicketRow] = relationship(back_populates="history")


class TicketAttachmentRow(Base):
    """An uploaded attachment: its name and type here, its bytes in the content store by hash."""

    __tablename__ = "rootcause_attachment"

    attachment_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    filename: Mapped[str] = mapped_column(String)
    content_type: Mapped[str] = mapped_column(String)
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(SHA256_LENGTH))
    uploaded_by: Mapped[str] = mapped_column(String)
    uploaded_utc: Mapped[datetime] = mapped_column(DateTime(timezone=True))
