"""Product domain models: products, revisions, groups and tags."""

from __future__ import annotations

from enum import IntEnum
from uuid import UUID

from pydantic import AliasChoices, Field

from pywats.core.model import WATSModel

__all__ = ["Product", "ProductGroup", "ProductRevision", "ProductState", "Setting"]


class ProductState(IntEnum):
    """Whether a product or revision may be used."""

    INACTIVE = 0
    ACTIVE = 1


class Setting(WATSModel):
    """A tag: a key with an optional value. ``change`` is the server's change code on writes."""

    key: str
    value: str | None = None
    change: int | None = None


class ProductRevision(WATSModel):
    """One revision of a product."""

    revision: str
    name: str | None = None
    description: str | None = None
    state: ProductState | int = ProductState.ACTIVE
    product_revision_id: UUID | None = None
    product_id: UUID | None = None
    xml_data: str | None = None
    part_number: str | None = None
    tags: list[Setting] = Field(default_factory=list)


class Product(WATSModel):
    """A product, identified by its part number."""

    part_number: str
    name: str | None = None
    description: str | None = None
    non_serial: bool = False
    state: ProductState | int = ProductState.ACTIVE
    product_id: UUID | None = None
    xml_data: str | None = None
    product_category_id: UUID | None = None
    product_category_name: str | None = Field(
        default=None,
        validation_alias=AliasChoices("productCategoryName", "category", "product_category_name"),
    )
    revisions: list[ProductRevision] = Field(default_factory=list)
    tags: list[Setting] = Field(default_factory=list)

    def get_revision(self, revision: str) -> ProductRevision | None:
        """The revision named ``revision`` among the ones loaded with this product, or None."""
        return next((r for r in self.revisions if r.revision == revision), None)


class ProductGroup(WATSModel):
    """A named group of products (used by analytics filters)."""

    product_group_id: int | None = None
    product_group_name: str | None = None
