"""Product services: what ``api.product`` offers on :class:`~pywats.AsyncWATS`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Product services: what ``api.product`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from pywats.core._async_concurrency import run_each
from pywats.core._checks import require_text
from pywats.core.exceptions import ValidationError
from pywats.core.parallel import BatchResult
from pywats.domains._args import build_model, check_type, models_from, require_int
from pywats.domains.product._wsbf import bom_to_wsbf
from pywats.domains.product.async_internal_service import AsyncProductInternalService
from pywats.domains.product.async_repository import AsyncProductRepository
from pywats.domains.product.models import (
    BomItem,
    Product,
    ProductGroup,
    ProductRevision,
    ProductState,
    Setting,
    Vendor,
)

__all__ = ["DEFAULT_MAX_CONCURRENT", "AsyncProductService"]

logger = logging.getLogger("pywats.domains.product")

DEFAULT_MAX_CONCURRENT = 10
"""How many requests the batch methods keep in flight at once."""


class AsyncProductService(AsyncProductInternalService):
    """Products, revisions, groups, vendors, tags, BOMs and box-build templates.

    Methods whose docstring starts with ``⚠️ INTERNAL API`` use WATS's undocumented internal
    endpoints (inherited from :class:`AsyncProductInternalService`).
    """

    def __init__(self, repository: AsyncProductRepository) -> None:
        self.repository = repository

    async def get_products(self) -> list[Product]:
        """Every product on the server, as summary records (no revisions or tags)."""
        products = await self.repository.get_products()
        logger.debug("Retrieved %d products", len(products))
        return products

    async def get_product(self, part_number: str) -> Product | None:
        """The product with this part number, with its revisions and tags.

        Raises :class:`~pywats.NotFoundError` if there is none (returns None in LENIENT mode).
        """
        require_text("part_number", part_number, operation="get_product")
        product = await self.repository.get_product(part_number)
        if product is not None:
            logger.debug("Retrieved product: %s", product.part_number)
        return product

    async def create_product(
        self,
        part_number: str,
        name: str | None = None,
        description: str | None = None,
        non_serial: bool = False,
        state: ProductState | int = ProductState.ACTIVE,
        *,
        xml_data: str | None = None,
        product_category_id: UUID | str | None = None,
        tags: dict[str, str] | None = None,
    ) -> Product:
        """Create a product (or update the one with this part number) and return what was stored."""
        require_text("part_number", part_number, operation="create_product")
        product = build_model(
            Product,
            "create_product",
            part_number=part_number,
            name=name,
            description=description,
            non_serial=non_serial,
            state=state,
            xml_data=xml_data,
            product_category_id=product_category_id,
            tags=[Setting(key=k, value=v) for k, v in (tags or {}).items()],
        )
        saved = await self.repository.save_product(product)
        logger.info("Saved product: %s", saved.part_number)
        return saved

    async def update_product(self, product: Product) -> Product:
        """Save changes made to a :class:`Product` and return what was stored."""
        check_type(product, Product, "product", "update_product")
        saved = await self.repository.save_product(product)
        logger.info("Saved product: %s", saved.part_number)
        return saved

    async def bulk_save_products(self, products: list[Product]) -> list[Product]:
        """Create or update many products in one request."""
        for item in products:
            check_type(item, Product, "products", "bulk_save_products")
        if not products:
            return []
        saved = await self.repository.save_products(list(products))
        logger.info("Saved %d products", len(saved))
        return saved

    async def get_active_products(self) -> list[Product]:
        """The products in the ACTIVE state (summary records)."""
        return [product for product in await self.get_products() if self.is_active(product)]

    async def get_revisions(self, part_number: str) -> list[ProductRevision]:
        """The revisions of a product (empty if it has none, or none exists in LENIENT mode)."""
        product = await self.get_product(part_number)
        return [] if product is None else list(product.revisions)

    async def get_product_revision(self, part_number: str, revision: str) -> ProductRevision | None:
        """One revision of a product.

        Raises :class:`~pywats.NotFoundError` if it does not exist (returns None in LENIENT mode).
        """
        require_text("part_number", part_number, operation="get_product_revision")
        require_text("revision", revision, operation="get_product_revision")
        return await self.repository.get_revision(part_number, revision)

    async def get_revision(self, part_number: str, revision: str) -> ProductRevision | None:
        """The same as :meth:`get_product_revision`."""
        return await self.get_product_revision(part_number, revision)

    async def create_revision(
        self,
        part_number: str,
        revision: str,
        name: str | None = None,
        description: str | None = None,
        state: ProductState | int = ProductState.ACTIVE,
        *,
        tags: dict[str, str] | None = None,
    ) -> ProductRevision:
        """Create a revision of an existing product (or update it) and return what was stored."""
        require_text("part_number", part_number, operation="create_revision")
        require_text("revision", revision, operation="create_revision")
        item = build_model(
            ProductRevision,
            "create_revision",
            part_number=part_number,
            revision=revision,
            name=name,
            description=description,
            state=state,
            tags=[Setting(key=k, value=v) for k, v in (tags or {}).items()],
        )
        saved = await self.repository.save_revision(item)
        logger.info("Saved revision: %s %s", part_number, saved.revision)
        return saved

    async def update_revision(self, revision: ProductRevision) -> ProductRevision:
        """Save changes made to a :class:`ProductRevision` and return what was stored."""
        check_type(revision, ProductRevision, "revision", "update_revision")
        return await self.repository.save_revision(revision)

    async def bulk_save_revisions(self, revisions: list[ProductRevision]) -> list[ProductRevision]:
        """Create or update many revisions in one request."""
        for item in revisions:
            check_type(item, ProductRevision, "revisions", "bulk_save_revisions")
        if not revisions:
            return []
        return await self.repository.save_revisions(list(revisions))

    async def get_groups(self) -> list[ProductGroup]:
        """Every product group."""
        return await self.repository.get_groups()

    async def create_group(self, name: str, *, filter: str | None = None) -> ProductGroup:
        """Create a product group and return it with its server-assigned id.

        ``filter`` selects the group's part numbers (see :class:`ProductGroup`).
        """
        require_text("name", name, operation="create_group")
        group = build_model(ProductGroup, "create_group", product_group_name=name, filter=filter)
        return await self.repository.save_group(group)

    # -- vendors -----------------------------------------------------------------------------------

    async def get_vendors(self) -> list[Vendor]:
        """Every component vendor."""
        return await self.repository.get_vendors()

    async def save_vendor(self, name: str, vendor_id: str | None = None, **fields: Any) -> Vendor:
        """Create a vendor (or update the one with ``vendor_id``); extra keyword members are stored too."""
        require_text("name", name, operation="save_vendor")
        if vendor_id is not None:
            require_text("vendor_id", vendor_id, operation="save_vendor")
        vendor = build_model(Vendor, "save_vendor", **fields, name=name, vendor_id=vendor_id)
        saved = await self.repository.save_vendor(vendor)
        logger.info("Saved vendor: %s", saved.name)
        return saved

    async def delete_vendor(self, vendor_id: str) -> None:
        """Delete a vendor.

        Raises :class:`~pywats.NotFoundError` if there is none (nothing in LENIENT mode) and
        :class:`~pywats.ConflictError` while a BOM line still names it.
        """
        require_text("vendor_id", vendor_id, operation="delete_vendor")
        await self.repository.delete_vendor(vendor_id)
        logger.info("Deleted vendor: %s", vendor_id)

    # -- BOM (public WSBF upload) ------------------------------------------------------------------

    async def update_bom(
        self,
        part_number: str,
        revision: str,
        bom_items: Iterable[BomItem | dict[str, Any]],
        description: str | None = None,
    ) -> None:
        """Replace the BOM of a revision through the public WSBF (XML) endpoint.

        Each item needs a ``part_number``; ``revision`` is the component's revision.
        """
        require_text("part_number", part_number, operation="update_bom")
        require_text("revision", revision, operation="update_bom")
        items = models_from(BomItem, bom_items, "bom_items", "update_bom")
        for item in items:
            require_text("bom_items.part_number", item.part_number, operation="update_bom")
            require_int("bom_items.quantity", item.quantity, operation="update_bom", minimum=1)
        await self.repository.put_bom_xml(bom_to_wsbf(part_number, revision, items, description))
        logger.info("Replaced the BOM of %s %s (%d lines)", part_number, revision, len(items))

    # -- batches -----------------------------------------------------------------------------------

    async def get_products_batch(
        self, part_numbers: Iterable[str], *, max_concurrent: int = DEFAULT_MAX_CONCURRENT
    ) -> list[BatchResult[str, Product | None]]:
        """Fetch many products concurrently; one :class:`~pywats.core.parallel.BatchResult` per part number.

        A failure (a missing product in STRICT mode, a bad part number) is stored in its own
        result and never stops the others; use ``collect_successes``/``collect_failures`` from
        :mod:`pywats.core` to split them.
        """
        keys = _batch_keys(part_numbers, "part_numbers", "get_products_batch")
        require_int("max_concurrent", max_concurrent, operation="get_products_batch", minimum=1)
        results = await run_each(self.get_product, keys, max_concurrent)
        _log_batch("products", results)
        return results

    async def get_revisions_batch(
        self,
        revisions: Iterable[tuple[str, str]],
        *,
        max_concurrent: int = DEFAULT_MAX_CONCURRENT,
    ) -> list[BatchResult[tuple[str, str], ProductRevision | None]]:
        """Fetch many revisions, given as ``(part_number, revision)`` pairs, concurrently.

        One :class:`~pywats.core.parallel.BatchResult` per pair, in order; failures are
        reported per pair, as in :meth:`get_products_batch`.
        """
        keys = _batch_keys(revisions, "revisions", "get_revisions_batch")
        require_int("max_concurrent", max_concurrent, operation="get_revisions_batch", minimum=1)

        async def one(pair: tuple[str, str]) -> ProductRevision | None:
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise ValidationError(
                    f"each revision must be a (part_number, revision) pair, got {pair!r}",
                    field="revisions",
                    value=pair,
                    operation="get_revisions_batch",
                )
            return await self.get_product_revision(pair[0], pair[1])

        results = await run_each(one, keys, max_concurrent)
        _log_batch("revisions", results)
        return results

    def is_active(self, product: Product | ProductRevision) -> bool:
        """Whether a product or revision is in the ACTIVE state."""
        return int(product.state) == ProductState.ACTIVE


def _batch_keys(keys: Iterable[Any], field: str, operation: str) -> Sequence[Any]:
    if isinstance(keys, str | bytes) or not isinstance(keys, Iterable):
        raise ValidationError(
            f"{field} must be a list, got {type(keys).__name__}", field=field, value=keys, operation=operation
        )
    return list(keys)


def _log_batch(what: str, results: Sequence[BatchResult[Any, Any]]) -> None:
    failed = sum(1 for result in results if not result.ok)
    logger.debug("Fetched %d %s (%d failed)", len(results) - failed, what, failed)
