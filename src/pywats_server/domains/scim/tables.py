"""Tables of the SCIM domain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from pywats_server.db import Base

GUID_LENGTH = 36


class ScimUserRow(Base):
    """A provisioned user; ``user_name_key`` (the case-folded user name) is unique, as SCIM requires."""

    __tablename__ = "scim_user"

    position: Mapped[int] = mapped_column(primary_key=True)  # stable listing order for paging
    id: Mapped[str] = mapped_column(String(GUID_LENGTH), unique=True)
    user_name: Mapped[str] = mapped_column(String)
    user_name_key: Mapped[str] = mapped_column(String, unique=True)
    external_id: Mapped[str | None] = mapped_column(String, index=True)
    display_name: Mapped[str | None] = mapped_column(String)
    active: Mapped[bool] = mapped_column(default=True)
    name: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    emails: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_modified: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=1)
