"""Tables of the Process domain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pywats_server.db import Base

GUID_LENGTH = 36


class ProcessRow(Base):
    """An operation (process), identified by its ``code`` everywhere else in the API."""

    __tablename__ = "process"

    process_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    code: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)
    process_index: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[int] = mapped_column(Integer, default=1)
    properties: Mapped[str | None] = mapped_column(Text)
    is_test_operation: Mapped[bool] = mapped_column(default=False)
    is_repair_operation: Mapped[bool] = mapped_column(default=False)
    is_wip_operation: Mapped[bool] = mapped_column(default=False)


class RepairConfigRow(Base):
    """The repair configuration (fail-code categories …) of a repair operation, stored as its wire JSON."""

    __tablename__ = "process_repair_config"

    process_id: Mapped[str] = mapped_column(
        ForeignKey("process.process_id", ondelete="CASCADE"), primary_key=True
    )
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
