"""Tables of the Product domain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
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


class ProductGroupFilterRow(Base):
    """The part-number pattern of a product group (its own table, so older databases need no migration)."""

    __tablename__ = "product_group_filter"

    product_group_id: Mapped[int] = mapped_column(
        ForeignKey("product_group.product_group_id", ondelete="CASCADE"), primary_key=True
    )
    filter: Mapped[str] = mapped_column(String)


class ProductCategoryRow(Base):
    """A product category; ``position`` keeps the order in which the list was saved."""

    __tablename__ = "product_category"

    category_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)


class BomItemRow(Base):
    """A BOM line of a revision; ``position`` keeps the order of the uploaded list."""

    __tablename__ = "product_bom_item"

    bom_item_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    product_revision_id: Mapped[str] = mapped_column(
        ForeignKey("product_revision.product_revision_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    component_ref: Mapped[str | None] = mapped_column(String)
    part_number: Mapped[str] = mapped_column(String)
    revision: Mapped[str | None] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    manufacturer: Mapped[str | None] = mapped_column(String)
    manufacturer_pn: Mapped[str | None] = mapped_column(String)
    vendor: Mapped[str | None] = mapped_column(String, index=True)
    vendor_pn: Mapped[str | None] = mapped_column(String)


class RevisionRelationRow(Base):
    """A box-build line: the parent revision contains ``quantity`` of the child revision."""

    __tablename__ = "product_revision_relation"
    __table_args__ = (UniqueConstraint("parent_revision_id", "child_revision_id"),)

    relation_id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    parent_revision_id: Mapped[str] = mapped_column(
        ForeignKey("product_revision.product_revision_id", ondelete="CASCADE"), index=True
    )
    child_revision_id: Mapped[str] = mapped_column(
        ForeignKey("product_revision.product_revision_id", ondelete="CASCADE"), index=True
    )
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    item_number: Mapped[str | None] = mapped_column(String)
    revision_mask: Mapped[str | None] = mapped_column(String)

    parent: Mapped[ProductRevisionRow] = relationship(foreign_keys=[parent_revision_id])
    child: Mapped[ProductRevisionRow] = relationship(foreign_keys=[child_revision_id])
