"""HTTP endpoints of the Product domain (endpoints.md §3.1): parse the request, call the backend, answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.product.backend import ProductBackend
from pywats_server.domains.product.bom import BomBackend
from pywats_server.domains.product.box_build import BoxBuildBackend
from pywats_server.domains.product.internal_routes import register_product_internal_routes
from pywats_server.domains.product.schemas import (
    BomItem,
    Product,
    ProductGroup,
    ProductRevision,
    ProductView,
    Vendor,
)


def register_product_routes(router: APIRouter, backend: ProductBackend) -> BoxBuildBackend:
    """Add the ``/api/Product`` endpoints, public (§3.1) and internal (§3.2), to ``router``.

    Returns the box-build backend, which the production domain checks assemblies against.
    """
    bom = BomBackend(backend.db)

    @router.get("/api/Product/Query", tags=["Product"], response_model_exclude_none=True)
    def query_products() -> list[ProductView]:
        """All products (part number, name, category, nonSerial, state)."""
        return backend.query_products()

    @router.get("/api/Product/{partNumber}", tags=["Product"], response_model_exclude_none=True)
    async def get_product(part_number: Annotated[str, Path(alias="partNumber")]) -> Product:
        """One product with its revisions and tags."""
        # A short read by key runs on the event loop: cheaper than the thread-pool hop (~0.3 ms) a sync
        # endpoint takes, and stations call it in loops (see bench/bench_batching.py).
        return backend.get_product(part_number)

    @router.put("/api/Product", tags=["Product"], response_model_exclude_none=True)
    def put_product(product: Product) -> Product:
        """Create or update a product (keyed by ``partNumber``); answers the stored product."""
        return backend.put_product(product)

    @router.put("/api/Product/Products", tags=["Product"], response_model_exclude_none=True)
    def put_products(products: list[Product]) -> list[Product]:
        """Create or update several products; all or nothing."""
        return backend.put_products(products)

    @router.get("/api/Product", tags=["Product"], response_model_exclude_none=True)
    def get_revision(
        part_number: Annotated[str, Query(alias="partNumber")],
        revision: Annotated[str, Query()],
    ) -> ProductRevision:
        """One revision of a product."""
        return backend.get_revision(part_number, revision)

    @router.put("/api/Product/Revision", tags=["Product"], response_model_exclude_none=True)
    def put_revision(revision: ProductRevision) -> ProductRevision:
        """Create or update a revision; the product is named by ``productId`` and/or ``partNumber``."""
        return backend.put_revision(revision)

    @router.put("/api/Product/Revisions", tags=["Product"], response_model_exclude_none=True)
    def put_revisions(revisions: list[ProductRevision]) -> list[ProductRevision]:
        """Create or update several revisions; all or nothing."""
        return backend.put_revisions(revisions)

    @router.get("/api/Product/Groups", tags=["Product"], response_model_exclude_none=True)
    def get_groups() -> list[ProductGroup]:
        """All product groups."""
        return backend.get_groups()

    @router.put("/api/Product/Group", tags=["Product"], response_model_exclude_none=True)
    def put_group(group: ProductGroup) -> ProductGroup:
        """Create or rename a product group; the server assigns ``productGroupId``."""
        return backend.put_group(group)

    @router.get("/api/Product/Vendors", tags=["Product"], response_model_exclude_none=True)
    def get_vendors() -> list[Vendor]:
        """All vendors."""
        return backend.get_vendors()

    @router.put("/api/Product/Vendors", tags=["Product"], response_model_exclude_none=True)
    def put_vendor(vendor: Vendor) -> Vendor:
        """Create or update a vendor; ``vendorId`` is generated when absent."""
        return backend.put_vendor(vendor)

    @router.delete("/api/Product/Vendors/{vendorId}", tags=["Product"], status_code=204)
    def delete_vendor(vendor_id: Annotated[str, Path(alias="vendorId")]) -> Response:
        """Delete a vendor; 409 while a BOM line names it."""
        backend.delete_vendor(vendor_id)
        return Response(status_code=204)

    @router.put(
        "/api/Product/BOM",
        tags=["Product"],
        response_model_exclude_none=True,
        openapi_extra={"requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}}},
    )
    async def put_bom(request: Request) -> list[BomItem]:
        """Replace a revision's BOM with a WSBF XML document (``Content-Type: application/xml``)."""
        document = await request.body()
        return await run_in_threadpool(bom.put_wsbf, document)

    return register_product_internal_routes(router, backend.db, bom)
