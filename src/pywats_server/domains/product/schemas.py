"""Wire shapes of the Product domain (endpoints.md §3.0)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field, model_validator

from pywats_server.domains.wire import NonBlankStr, WireModel

TAG_CHANGE_DELETE = 3
"""``Setting.change`` value that deletes a tag on write."""


class Setting(WireModel):
    """A tag: ``key``/``value``; ``change`` is only meaningful on writes (3 = delete)."""

    key: str
    value: str | None = None
    change: int | None = None


class ProductRevision(WireModel):
    """A revision of a product; the parent is named by ``partNumber`` and/or ``productId`` on writes."""

    revision: NonBlankStr
    name: str | None = None
    description: str | None = None
    state: int | None = None
    product_revision_id: UUID | None = None
    product_id: UUID | None = None
    xml_data: str | None = None
    part_number: str | None = None
    tags: list[Setting] | None = None


class Product(WireModel):
    """A product with its revisions and tags, as ``GET /api/Product/{partNumber}`` returns it."""

    part_number: NonBlankStr
    name: str | None = None
    description: str | None = None
    non_serial: bool | None = None
    state: int | None = None
    product_id: UUID | None = None
    xml_data: str | None = None
    product_category_id: UUID | None = None
    product_category_name: str | None = None
    revisions: list[ProductRevision] | None = None
    tags: list[Setting] | None = None


class ProductView(WireModel):
    """A row of ``GET /api/Product/Query``."""

    part_number: str
    name: str | None = None
    category: str | None = None
    non_serial: bool | None = None
    state: int | None = None


class ProductGroup(WireModel):
    """A product group; the server assigns ``productGroupId``.

    ``filter`` (this server's way of saying which products a group holds) is a WATS wildcard pattern of part
    numbers: ``;`` separates alternatives, ``%`` matches any text, ``_`` one character.
    """

    product_group_id: int | None = None
    product_group_name: NonBlankStr
    filter: str | None = None


class Vendor(WireModel):
    """A vendor. Only ``vendorId`` and ``name`` are known; any other member is stored and echoed as sent."""

    model_config = ConfigDict(extra="allow")

    vendor_id: str | None = None
    name: NonBlankStr


class ProductCategory(WireModel):
    """A product category; products refer to it by ``productCategoryId``."""

    category_id: UUID | None = None
    name: NonBlankStr
    description: str | None = None


class BomItem(WireModel):
    """A line of a revision's bill of materials (``compRef`` is read as ``componentRef``)."""

    bom_item_id: UUID | None = None
    product_revision_id: UUID | None = None
    component_ref: str | None = None
    part_number: NonBlankStr
    revision: str | None = None
    description: str | None = None
    quantity: int = Field(default=1, ge=1)
    manufacturer: str | None = None
    manufacturer_pn: str | None = None
    vendor: str | None = None
    vendor_pn: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _comp_ref(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in list(data):
                if isinstance(key, str) and key.casefold() == "compref" and "componentRef" not in data:
                    data = {**data, "componentRef": data[key]}
        return data


class ProductRevisionRelation(WireModel):
    """A box-build line (PascalCase on the wire). ``ProductRevisionId`` is the *child* revision."""

    relation_id: UUID | None = Field(default=None, alias="ProductRevisionRelationId")
    parent_product_revision_id: UUID | None = Field(default=None, alias="ParentProductRevisionId")
    product_revision_id: UUID | None = Field(default=None, alias="ProductRevisionId")
    quantity: int = Field(default=1, ge=1, alias="Quantity")
    item_number: str | None = Field(default=None, alias="ItemNumber")
    revision_mask: str | None = Field(default=None, alias="RevisionMask")
    child_part_number: str | None = Field(default=None, alias="ChildPartNumber")
    child_revision: str | None = Field(default=None, alias="ChildRevision")
