"""The product domain: products, revisions, groups, vendors, tags, BOMs and box-build templates."""

from pywats.domains.product.async_box_build import AsyncBoxBuildTemplate
from pywats.domains.product.async_repository import AsyncProductRepository
from pywats.domains.product.async_service import AsyncProductService
from pywats.domains.product.box_build import BoxBuildTemplate
from pywats.domains.product.models import (
    BomItem,
    Product,
    ProductCategory,
    ProductGroup,
    ProductRevision,
    ProductRevisionRelation,
    ProductState,
    Setting,
    Vendor,
)
from pywats.domains.product.repository import ProductRepository
from pywats.domains.product.service import ProductService

__all__ = [
    "AsyncBoxBuildTemplate",
    "AsyncProductRepository",
    "AsyncProductService",
    "BomItem",
    "BoxBuildTemplate",
    "Product",
    "ProductCategory",
    "ProductGroup",
    "ProductRepository",
    "ProductRevision",
    "ProductRevisionRelation",
    "ProductService",
    "ProductState",
    "Setting",
    "Vendor",
]
