"""The guide's "Async Usage" samples, whole: they read a unit as well as products (and assets)."""

from __future__ import annotations

import asyncio

import pytest

from pywats import pyWATS
from pywats.testing import LocalWATSServer, ServerControl


@pytest.fixture
def plant(wats_server: LocalWATSServer, wats_control: ServerControl) -> LocalWATSServer:
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as setup:
        setup.product.create_product("WIDGET-001")
        setup.product.create_revision("WIDGET-001", "A")
        unit = {"serialNumber": "SN-12345", "partNumber": "WIDGET-001", "revision": "A"}
        setup.production.create_units([unit])
    return wats_server


def test_synchronous_usage(plant: LocalWATSServer) -> None:
    from pywats import pyWATS

    api = pyWATS(base_url=plant.url, token=plant.token)

    # Synchronous calls - simple and blocking
    products = api.product.get_products()
    unit = api.production.get_unit("SN-12345", "WIDGET-001")

    assert [p.part_number for p in products] == ["WIDGET-001"]
    assert unit is not None and unit.revision == "A"
    api.close()


def test_asynchronous_usage(plant: LocalWATSServer) -> None:
    from pywats import AsyncWATS

    seen: list[object] = []

    async def main() -> None:
        # Create async client
        async with AsyncWATS(base_url=plant.url, token=plant.token) as api:
            # Async calls - non-blocking
            products = await api.product.get_products()
            unit = await api.production.get_unit("SN-12345", "WIDGET-001")

            # Concurrent requests
            product, unit, assets = await asyncio.gather(
                api.product.get_product("WIDGET-001"),
                api.production.get_unit("SN-12345", "WIDGET-001"),
                api.asset.get_assets(top=10),
            )
            seen.extend([products, product, unit, assets])

    asyncio.run(main())
    products, product, unit, assets = seen
    assert [p.part_number for p in products] == ["WIDGET-001"]  # type: ignore[attr-defined]
    assert product.part_number == "WIDGET-001"  # type: ignore[attr-defined]
    assert unit.serial_number == "SN-12345"  # type: ignore[attr-defined]
    assert assets == []
