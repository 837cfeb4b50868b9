"""The Product domain: products, revisions, product groups and vendors (``/api/Product``)."""
