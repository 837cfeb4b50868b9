"""The product domain over the wire, through both twins."""

from __future__ import annotations

import asyncio

import pytest

from pywats import (
    AsyncWATS,
    ErrorMode,
    NotFoundError,
    Product,
    ProductRevision,
    ProductState,
    ValidationError,
    pyWATS,
)
from pywats.testing import LocalWATSServer, ServerControl


def test_create_read_update(wats_api: pyWATS) -> None:
    created = wats_api.product.create_product(
        "WIDGET-001", name="Widget", description="A widget", tags={"line": "A"}
    )
    assert created.part_number == "WIDGET-001"
    assert created.product_id is not None
    assert created.state == ProductState.ACTIVE

    product = wats_api.product.get_product("WIDGET-001")
    assert product is not None
    assert (product.name, product.description) == ("Widget", "A widget")
    assert [(t.key, t.value) for t in product.tags] == [("line", "A")]

    product.name = "Widget Mk2"
    product.state = ProductState.INACTIVE
    updated = wats_api.product.update_product(product)
    assert updated.product_id == created.product_id
    again = wats_api.product.get_product("WIDGET-001")
    assert again is not None and again.name == "Widget Mk2"
    assert not wats_api.product.is_active(again)
    assert [(t.key, t.value) for t in again.tags] == [("line", "A")]  # tags survive an update


def test_list_rows_do_not_wipe_tags_on_save(wats_api: pyWATS) -> None:
    wats_api.product.create_product("TAGGED", name="Tagged", tags={"k": "v"})
    row = next(p for p in wats_api.product.get_products() if p.part_number == "TAGGED")
    row.name = "Renamed"
    wats_api.product.update_product(row)
    product = wats_api.product.get_product("TAGGED")
    assert product is not None and product.name == "Renamed"
    assert [(t.key, t.value) for t in product.tags] == [("k", "v")]


def test_get_products_lists_everything(wats_api: pyWATS) -> None:
    for i in range(5):
        wats_api.product.create_product(f"PN-{i:03d}", name=f"Product {i}", non_serial=i % 2 == 0)
    products = wats_api.product.get_products()
    assert sorted(p.part_number for p in products) == [f"PN-{i:03d}" for i in range(5)]
    assert all(isinstance(p, Product) for p in products)
    assert {p.part_number: p.non_serial for p in products}["PN-000"] is True


def test_revisions(wats_api: pyWATS) -> None:
    wats_api.product.create_product("BOARD-1", name="Board")
    rev_a = wats_api.product.create_revision("BOARD-1", "A", name="First")
    wats_api.product.create_revision("BOARD-1", "B", name="Second")
    assert rev_a.product_revision_id is not None
    fetched = wats_api.product.get_product_revision("BOARD-1", "A")
    assert fetched is not None and fetched.name == "First"
    assert wats_api.product.get_revision("BOARD-1", "B") is not None
    assert sorted(r.revision for r in wats_api.product.get_revisions("BOARD-1")) == ["A", "B"]
    with pytest.raises(NotFoundError) as info:
        wats_api.product.get_product_revision("BOARD-1", "Z")
    assert info.value.resource_type == "ProductRevision"


def test_revision_of_unknown_product_is_not_found(wats_api: pyWATS) -> None:
    with pytest.raises(NotFoundError):
        wats_api.product.create_revision("NOPE", "A")


def test_bulk_save(wats_api: pyWATS) -> None:
    saved = wats_api.product.bulk_save_products(
        [Product(part_number=f"BULK-{i}", name=f"B{i}") for i in range(3)]
    )
    assert [p.part_number for p in saved] == ["BULK-0", "BULK-1", "BULK-2"]
    revisions = wats_api.product.bulk_save_revisions(
        [ProductRevision(part_number="BULK-0", revision=r) for r in ("1", "2")]
    )
    assert [r.revision for r in revisions] == ["1", "2"]
    assert wats_api.product.bulk_save_products([]) == []


def test_groups(wats_api: pyWATS) -> None:
    group = wats_api.product.create_group("Power supplies")
    assert group.product_group_id is not None
    assert [g.product_group_name for g in wats_api.product.get_groups()] == ["Power supplies"]


@pytest.mark.parametrize(
    "part_number",
    [
        "A/B",
        "PN#1",
        "WHAT?",
        "100%",
        "with space",
        "a&b=c",
        "plus+sign",
        "Ærø-µ-测试",
        "back\\slash",
        "..",
        "dot.",
    ],
)
def test_awkward_part_numbers_arrive_intact(wats_api: pyWATS, part_number: str) -> None:
    wats_api.product.create_product(part_number, name="awkward")
    product = wats_api.product.get_product(part_number)
    assert product is not None and product.part_number == part_number


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
def test_bad_part_number_fails_before_sending(
    wats_api: pyWATS, wats_control: ServerControl, bad: object
) -> None:
    for call in (wats_api.product.get_product, wats_api.product.create_product):
        with pytest.raises(ValidationError) as info:
            call(bad)  # type: ignore[arg-type]
        assert info.value.field == "part_number"
    assert wats_control.requests() == []


def test_wrong_argument_types_are_validation_errors(wats_api: pyWATS) -> None:
    with pytest.raises(ValidationError) as info:
        wats_api.product.create_product("OK", state="sometimes")  # type: ignore[arg-type]
    assert info.value.field == "state"
    with pytest.raises(ValidationError):
        wats_api.product.update_product({"partNumber": "X"})  # type: ignore[arg-type]


def test_server_validation_error_is_typed(wats_api: pyWATS) -> None:
    with pytest.raises(ValidationError) as info:
        wats_api._transport.request(
            "PUT", "/api/Product", operation="save_product", json_body=b'{"name": "no pn"}'
        )
    assert "partNumber" in info.value.message


def test_unknown_server_fields_survive_a_round_trip(wats_api: pyWATS) -> None:
    product = Product.model_validate({"partNumber": "FUTURE", "someNewField": {"x": 1}})
    assert b'"someNewField":{"x":1}' in product.to_wire()


def test_async_domain_concurrently(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    async def main() -> list[Product | None]:
        async with AsyncWATS(base_url=wats_server.url, token=wats_server.token) as api:
            await asyncio.gather(*(api.product.create_product(f"ASYNC-{i}", name=str(i)) for i in range(10)))
            return await asyncio.gather(*(api.product.get_product(f"ASYNC-{i}") for i in range(10)))

    products = asyncio.run(main())
    assert [p.name for p in products if p is not None] == [str(i) for i in range(10)]


def test_guide_lenient_loop(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    """The guide's exploratory loop: missing products are silently skipped."""
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as setup:
        setup.product.create_product("PN-001")
        setup.product.create_product("PN-003")
    api_explore = pyWATS(base_url=wats_server.url, token=wats_server.token, error_mode=ErrorMode.LENIENT)
    found = []
    for part_number in ["PN-001", "PN-002", "PN-003"]:
        product = api_explore.product.get_product(part_number)
        if product:
            found.append(product.part_number)
    assert found == ["PN-001", "PN-003"]
    api_explore.close()
