"""Product services: what ``api.product`` offers on :class:`~pywats.AsyncWATS`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Product services: what ``api.product`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from typing import TypeVar
from uuid import UUID

from pydantic import ValidationError as PydanticValidationError

from pywats.core._checks import require_text
from pywats.core.exceptions import ValidationError
from pywats.domains.product.async_repository import AsyncProductRepository
from pywats.domains.product.models import Product, ProductGroup, ProductRevision, ProductState, Setting

__all__ = ["AsyncProductService"]

logger = logging.getLogger("pywats.domains.product")

_M = TypeVar("_M", Product, ProductRevision)


class AsyncProductService:
    """Products, their revisions, tags and groups."""

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
        product = _build(
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
        _check_type(product, Product, "product", "update_product")
        saved = await self.repository.save_product(product)
        logger.info("Saved product: %s", saved.part_number)
        return saved

    async def bulk_save_products(self, products: list[Product]) -> list[Product]:
        """Create or update many products in one request."""
        for item in products:
            _check_type(item, Product, "products", "bulk_save_products")
        if not products:
            return []
        saved = await self.repository.save_products(list(products))
        logger.info("Saved %d products", len(saved))
        return saved

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
        item = _build(
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
        _check_type(revision, ProductRevision, "revision", "update_revision")
        return await self.repository.save_revision(revision)

    async def bulk_save_revisions(self, revisions: list[ProductRevision]) -> list[ProductRevision]:
        """Create or update many revisions in one request."""
        for item in revisions:
            _check_type(item, ProductRevision, "revisions", "bulk_save_revisions")
        if not revisions:
            return []
        return await self.repository.save_revisions(list(revisions))

    async def get_groups(self) -> list[ProductGroup]:
        """Every product group."""
        return await self.repository.get_groups()

    async def create_group(self, name: str) -> ProductGroup:
        """Create a product group and return it with its server-assigned id."""
        require_text("name", name, operation="create_group")
        return await self.repository.save_group(ProductGroup(product_group_name=name))

    def is_active(self, product: Product | ProductRevision) -> bool:
        """Whether a product or revision is in the ACTIVE state."""
        return int(product.state) == ProductState.ACTIVE


def _check_type(value: object, expected: type, field: str, operation: str) -> None:
    if not isinstance(value, expected):
        raise ValidationError(
            f"{field} must be a {expected.__name__}, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )


def _build(model: type[_M], operation: str, **fields: object) -> _M:
    """Construct a model from arguments, turning pydantic's complaint into our ValidationError."""
    try:
        return model.model_validate({k: v for k, v in fields.items() if v is not None})
    except PydanticValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = str(first["loc"][0]) if first.get("loc") else None
        raise ValidationError(
            f"Invalid {field or 'value'}: {first.get('msg', 'invalid')}",
            field=field,
            value=first.get("input"),
            operation=operation,
            cause=exc,
        ) from exc
