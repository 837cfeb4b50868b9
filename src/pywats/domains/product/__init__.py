"""The product domain: products, revisions, tags and groups."""

from pywats.domains.product.async_repository import AsyncProductRepository
from pywats.domains.product.async_service import AsyncProductService
from pywats.domains.product.models import Product, ProductGroup, ProductRevision, ProductState, Setting
from pywats.domains.product.repository import ProductRepository
from pywats.domains.product.service import ProductService

__all__ = [
    "AsyncProductRepository",
    "AsyncProductService",
    "Product",
    "ProductGroup",
    "ProductRepository",
    "ProductRevision",
    "ProductService",
    "ProductState",
    "Setting",
]
