"""Product domain models: products, revisions, groups, tags, vendors, BOMs and box-build lines."""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar
from uuid import UUID

from pydantic import AliasChoices, Field

from pywats.core.model import WATSModel
from pywats.domains._tolerant import TolerantModel

__all__ = [
    "BomItem",
    "Product",
    "ProductCategory",
    "ProductGroup",
    "ProductRevision",
    "ProductRevisionRelation",
    "ProductState",
    "Setting",
    "Vendor",
]


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
    """A named group of products (used by analytics filters).

    ``filter`` names the group's part numbers on ``pywats-server``: WATS wildcards, ``;`` between
    alternatives, ``%`` for any text and ``_`` for one character (``"PCBA-%;MOD-1__"``).
    """

    product_group_id: int | None = None
    product_group_name: str | None = None
    filter: str | None = None


class Vendor(TolerantModel):
    """A component vendor. Members the server adds beyond ``vendorId`` and ``name`` are kept."""

    vendor_id: str | None = None
    name: str | None = None


class ProductCategory(TolerantModel):
    """A product category; products refer to it by ``productCategoryId``."""

    category_id: UUID | None = None
    name: str | None = None
    description: str | None = None


class BomItem(TolerantModel):
    """One line of a revision's bill of materials."""

    alternative_names: ClassVar[dict[str, str]] = {"compRef": "component_ref"}

    bom_item_id: UUID | None = None
    product_revision_id: UUID | None = None
    component_ref: str | None = None
    part_number: str | None = None
    revision: str | None = None
    description: str | None = None
    quantity: int = 1
    manufacturer: str | None = None
    manufacturer_pn: str | None = None
    vendor: str | None = None
    vendor_pn: str | None = None


class ProductRevisionRelation(TolerantModel):
    """One line of a box-build template: the parent revision needs ``quantity`` of a child revision.

    On the wire ``ProductRevisionId`` is the *child* revision (the server's naming). The child
    matches other revisions too when ``revision_mask`` lists them: comma-separated, a trailing
    ``%`` matching any suffix (``"1.0,2.%"``).
    """

    alternative_names: ClassVar[dict[str, str]] = {
        "relationId": "relation_id",
        "childProductRevisionId": "child_product_revision_id",
    }

    relation_id: UUID | None = Field(default=None, alias="ProductRevisionRelationId")
    parent_product_revision_id: UUID | None = Field(default=None, alias="ParentProductRevisionId")
    child_product_revision_id: UUID | None = Field(default=None, alias="ProductRevisionId")
    quantity: int = Field(default=1, alias="Quantity")
    item_number: str | None = Field(default=None, alias="ItemNumber")
    revision_mask: str | None = Field(default=None, alias="RevisionMask")
    child_part_number: str | None = Field(default=None, alias="ChildPartNumber")
    child_revision: str | None = Field(default=None, alias="ChildRevision")

    def accepts(self, part_number: str, revision: str) -> bool:
        """Whether a child of this part number and revision satisfies this line."""
        if part_number != self.child_part_number:
            return False
        return revision_matches(revision, self.revision_mask or self.child_revision or "")


def revision_matches(revision: str, mask: str) -> bool:
    """Whether ``revision`` fits a revision mask such as ``"A,B"`` or ``"1.0,2.%"``."""
    for option in (part.strip() for part in mask.split(",")):
        if option.endswith("%") and revision.startswith(option[:-1]):
            return True
        if option == revision:
            return True
    return False
