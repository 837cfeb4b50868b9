"""Product data access: the HTTP calls of the product domain (``/api/Product``)."""

from __future__ import annotations

from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.core.exceptions import EmptyResponseError, InvalidResponseError
from pywats.domains.product.models import Product, ProductGroup, ProductRevision

__all__ = ["AsyncProductRepository"]


def _wire_list(items: list[Product] | list[ProductRevision]) -> bytes:
    return b"[" + b",".join(_product_body(item) for item in items) + b"]"


def _product_body(item: Product | ProductRevision) -> bytes:
    # Revisions are saved through their own endpoint, and an untouched empty tag list must not
    # wipe tags that were never loaded (list rows come without them).
    exclude = {"revisions"} if isinstance(item, Product) else set()
    if not item.tags and "tags" not in item.model_fields_set:
        exclude.add("tags")
    return item.to_wire(exclude=exclude)


class AsyncProductRepository:
    """The product endpoints, one method per call. Returns models, or None where allowed."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get_products(self) -> list[Product]:
        """``GET /api/Product/Query``: every product (summary rows)."""
        data = await self._transport.request("GET", "/api/Product/Query", operation="get_products")
        return [Product.from_wire(row, operation="get_products") for row in _rows(data)]

    async def get_product(self, part_number: str) -> Product | None:
        """``GET /api/Product/{partNumber}``: one product with its revisions and tags."""
        data = await self._transport.request(
            "GET",
            "/api/Product/" + segment(part_number),
            operation="get_product",
            resource=("Product", part_number),
            expect_data=True,
        )
        return None if data is None else Product.from_wire(data, operation="get_product")

    async def save_product(self, product: Product) -> Product:
        """``PUT /api/Product``: create or update one product."""
        data = await self._transport.request(
            "PUT",
            "/api/Product",
            operation="save_product",
            json_body=_product_body(product),
        )
        return Product.from_wire(data, operation="save_product")

    async def save_products(self, products: list[Product]) -> list[Product]:
        """``PUT /api/Product/Products``: create or update many products in one call."""
        data = await self._transport.request(
            "PUT", "/api/Product/Products", operation="save_products", json_body=_wire_list(products)
        )
        return [Product.from_wire(row, operation="save_products") for row in _rows(data)]

    async def get_revision(self, part_number: str, revision: str) -> ProductRevision | None:
        """``GET /api/Product?partNumber=…&revision=…``: one revision."""
        data = await self._transport.request(
            "GET",
            "/api/Product",
            operation="get_product_revision",
            params={"partNumber": part_number, "revision": revision},
            resource=("ProductRevision", f"{part_number}/{revision}"),
            expect_data=True,
        )
        return None if data is None else ProductRevision.from_wire(data, operation="get_product_revision")

    async def save_revision(self, revision: ProductRevision) -> ProductRevision:
        """``PUT /api/Product/Revision``: create or update one revision."""
        data = await self._transport.request(
            "PUT",
            "/api/Product/Revision",
            operation="save_revision",
            json_body=_product_body(revision),
        )
        return ProductRevision.from_wire(_required(data, "save_revision"), operation="save_revision")

    async def save_revisions(self, revisions: list[ProductRevision]) -> list[ProductRevision]:
        """``PUT /api/Product/Revisions``: create or update many revisions in one call."""
        data = await self._transport.request(
            "PUT", "/api/Product/Revisions", operation="save_revisions", json_body=_wire_list(revisions)
        )
        return [ProductRevision.from_wire(row, operation="save_revisions") for row in _rows(data)]

    async def get_groups(self) -> list[ProductGroup]:
        """``GET /api/Product/Groups``: every product group."""
        data = await self._transport.request("GET", "/api/Product/Groups", operation="get_groups")
        return [ProductGroup.from_wire(row, operation="get_groups") for row in _rows(data)]

    async def save_group(self, group: ProductGroup) -> ProductGroup:
        """``PUT /api/Product/Group``: create or update a product group."""
        data = await self._transport.request(
            "PUT", "/api/Product/Group", operation="save_group", json_body=group.to_wire()
        )
        return ProductGroup.from_wire(_required(data, "save_group"), operation="save_group")


def _rows(data: Any) -> list[Any]:
    """A list answer; an empty body or ``null`` means no rows."""
    if data is None:
        return []
    if isinstance(data, list):
        return data
    raise InvalidResponseError(f"Expected a JSON array from the server, got {type(data).__name__}")


def _required(data: Any, operation: str) -> Any:
    """The answer to a write; an empty one leaves the outcome unknown, so it is an error in any mode."""
    if data is None or data == {}:
        raise EmptyResponseError(
            "The server accepted the request but returned nothing, so what it stored is unknown",
            operation=operation,
        )
    return data
