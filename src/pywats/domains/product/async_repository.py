"""Product data access: the HTTP calls of the product domain (``/api/Product``)."""

from __future__ import annotations

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.domains._answers import required, rows
from pywats.domains.product.async_internal_repository import AsyncProductInternalRepository
from pywats.domains.product.models import Product, ProductGroup, ProductRevision, Vendor

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


class AsyncProductRepository(AsyncProductInternalRepository):
    """The product endpoints, one method per call. Returns models, or None where allowed.

    The internal endpoints (``/api/internal/Product``) are inherited from
    :class:`AsyncProductInternalRepository`.
    """

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get_products(self) -> list[Product]:
        """``GET /api/Product/Query``: every product (summary rows)."""
        data = await self._transport.request("GET", "/api/Product/Query", operation="get_products")
        return [Product.from_wire(row, operation="get_products") for row in rows(data)]

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
        return [Product.from_wire(row, operation="save_products") for row in rows(data)]

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
        return ProductRevision.from_wire(required(data, "save_revision"), operation="save_revision")

    async def save_revisions(self, revisions: list[ProductRevision]) -> list[ProductRevision]:
        """``PUT /api/Product/Revisions``: create or update many revisions in one call."""
        data = await self._transport.request(
            "PUT", "/api/Product/Revisions", operation="save_revisions", json_body=_wire_list(revisions)
        )
        return [ProductRevision.from_wire(row, operation="save_revisions") for row in rows(data)]

    async def get_groups(self) -> list[ProductGroup]:
        """``GET /api/Product/Groups``: every product group."""
        data = await self._transport.request("GET", "/api/Product/Groups", operation="get_groups")
        return [ProductGroup.from_wire(row, operation="get_groups") for row in rows(data)]

    async def save_group(self, group: ProductGroup) -> ProductGroup:
        """``PUT /api/Product/Group``: create or update a product group."""
        data = await self._transport.request(
            "PUT", "/api/Product/Group", operation="save_group", json_body=group.to_wire()
        )
        return ProductGroup.from_wire(required(data, "save_group"), operation="save_group")

    async def get_vendors(self) -> list[Vendor]:
        """``GET /api/Product/Vendors``: every vendor."""
        data = await self._transport.request("GET", "/api/Product/Vendors", operation="get_vendors")
        return [Vendor.from_wire(row, operation="get_vendors") for row in rows(data)]

    async def save_vendor(self, vendor: Vendor) -> Vendor:
        """``PUT /api/Product/Vendors``: create or update a vendor."""
        data = await self._transport.request(
            "PUT", "/api/Product/Vendors", operation="save_vendor", json_body=vendor.to_wire()
        )
        return Vendor.from_wire(required(data, "save_vendor"), operation="save_vendor")

    async def delete_vendor(self, vendor_id: str) -> None:
        """``DELETE /api/Product/Vendors/{vendorId}``: delete a vendor."""
        await self._transport.request(
            "DELETE",
            "/api/Product/Vendors/" + segment(vendor_id),
            operation="delete_vendor",
            resource=("Vendor", vendor_id),
        )

    async def put_bom_xml(self, wsbf: bytes) -> None:
        """``PUT /api/Product/BOM``: replace a revision's BOM with a WSBF XML document."""
        await self._transport.request(
            "PUT", "/api/Product/BOM", operation="update_bom", body=wsbf, content_type="application/xml"
        )
