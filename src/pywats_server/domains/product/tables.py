"""Tables of the Product domain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pywats_server.db import Base

GUID_LENGTH = 36

StoredTags = list[dict[str, Any]]
"""Tags as stored: ``[{"key": ..., "value": ...}]`` in order (tags are always replaced as a whole)."""


class ProductRow(Base):
    """A product, keyed by the server-assigned ``product_id``; ``part_number`` is unique."""

    __tablename__ = "product"

    product_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    part_number: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str | None] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)
    non_serial: Mapped[bool] = mapped_column(default=False)
    state: Mapped[int] = mapped_column(default=1)
    xml_data: Mapped[str | None] = mapped_column(Text)
    product_category_id: Mapped[str | None] = mapped_column(String(GUID_LENGTH))
    product_category_name: Mapped[str | None] = mapped_column(String)
    tags: Mapped[StoredTags] = mapped_column(JSON, default=list)

    revisions: Mapped[list[ProductRevisionRow]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductRevisionRow.revision"
    )


class ProductRevisionRow(Base):
    """A revision of a product; ``revision`` is unique per product."""

    __tablename__ = "product_revision"
    __table_args__ = (UniqueConstraint("product_id", "revision"),)

    product_revision_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("product.product_id", ondelete="CASCADE"), index=True)
    revision: Mapped[str] = mapped_column(String)
    name: Mapped[str | None] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)
    state: Mapped[int] = mapped_column(default=1)
    xml_data: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[StoredTags] = mapped_column(JSON, default=list)

    product: Mapped[ProductRow] = relationship(back_populates="revisions")


class ProductGroupRow(Base):
    """A product group; the id is assigned by the database."""

    __tablename__ = "product_group"

    product_group_id: Mapped[int] = mapped_column(primary_key=True)
    product_group_name: Mapped[str] = mapped_column(String)


class VendorRow(Base):
    """A vendor; ``extra`` holds the members the API does not define, as the client sent them."""

    __tablename__ = "product_vendor"

    position: Mapped[int] = mapped_column(primary_key=True)  # keeps the listing in creation order
    vendor_id: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
