"""Wire shapes of the Product domain (endpoints.md §3.0)."""

from __future__ import annotations

from uuid import UUID

from pydantic import ConfigDict

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
    """A product group; the server assigns ``productGroupId``."""

    product_group_id: int | None = None
    product_group_name: NonBlankStr


class Vendor(WireModel):
    """A vendor. Only ``vendorId`` and ``name`` are known; any other member is stored and echoed as sent."""

    model_config = ConfigDict(extra="allow")

    vendor_id: str | None = None
    name: NonBlankStr
