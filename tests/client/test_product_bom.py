"""BOMs: internal JSON lines, the public WSBF upload, and the deprecated raw repository call."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from pywats import ErrorMode, NotFoundError, ValidationError, pyWATS
from pywats.domains.product import BomItem
from pywats.testing import ServerControl


@pytest.fixture
def board(twin: Any) -> Any:
    twin.product.create_product("BOARD-7", name="Board")
    twin.product.create_revision("BOARD-7", "A")
    return twin


def test_upload_and_read_bom_lines(board: Any, wats_control: ServerControl) -> None:
    stored = board.product.upload_bom(
        "BOARD-7",
        "A",
        [
            BomItem(part_number="R-10K", component_ref="R1;R2", quantity=2, vendor="Digikey"),
            {"PartNumber": "C-100N", "compRef": "C1", "ManufacturerPn": "GRM155"},
        ],
    )
    assert [item.part_number for item in stored] == ["R-10K", "C-100N"]
    items = board.product.get_bom_items("BOARD-7", "A")
    assert [(i.part_number, i.component_ref, i.quantity) for i in items] == [
        ("R-10K", "R1;R2", 2),
        ("C-100N", "C1", 1),
    ]
    assert items[1].manufacturer_pn == "GRM155"
    assert all(i.bom_item_id and i.product_revision_id for i in items)
    put = next(r for r in wats_control.requests() if r["path"].endswith("/BOM"))
    assert put["path"] == "/api/internal/Product/BOM" and "format=json" in put["query"]


def test_public_wsbf_upload_replaces_the_bom(board: Any, wats_control: ServerControl) -> None:
    board.product.upload_bom("BOARD-7", "A", [{"partNumber": "OLD"}])
    board.product.update_bom(
        "BOARD-7",
        "A",
        [BomItem(part_number="U-1", revision="3", quantity=1, component_ref="U1", description="MCU & co")],
        description="Rev A BOM",
    )
    items = board.product.get_bom_items("BOARD-7", "A")
    assert [(i.part_number, i.revision, i.description) for i in items] == [("U-1", "3", "MCU & co")]
    upload = next(r for r in wats_control.requests() if r["path"] == "/api/Product/BOM")
    assert upload["content_type"] == "application/xml"


def test_bom_of_a_missing_revision(make_twin: Any) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    strict.product.create_product("ONLY-PRODUCT")
    with pytest.raises(NotFoundError) as info:
        strict.product.get_bom_items("ONLY-PRODUCT", "Z")
    assert info.value.identifier == "ONLY-PRODUCT/Z"
    assert lenient.product.get_bom_items("ONLY-PRODUCT", "Z") == []
    assert lenient.product.upload_bom("ONLY-PRODUCT", "Z", [{"partNumber": "X"}]) is None
    with pytest.raises(NotFoundError):
        strict.product.update_bom("ONLY-PRODUCT", "Z", [{"partNumber": "X"}])
    assert lenient.product.update_bom("ONLY-PRODUCT", "Z", [{"partNumber": "X"}]) is None


def test_bad_bom_lines_fail_before_sending(board: Any, wats_control: ServerControl) -> None:
    wats_control.clear_requests()
    for items in [[{"quantity": 0, "partNumber": "X"}], [{"description": "no part number"}], ["R1"], "R1"]:
        with pytest.raises(ValidationError):
            board.product.update_bom("BOARD-7", "A", items)
    assert wats_control.requests() == []


def test_guide_deprecation_warning(wats_api: pyWATS) -> None:
    """The guide's "Deprecation Warnings" sample, as written."""
    api = wats_api
    api.product.create_product("WIDGET-001")
    api.product.create_revision("WIDGET-001", "A")
    api.product.upload_bom("WIDGET-001", "A", [{"partNumber": "R1"}])

    expected = r"ProductRepository\.get_bom\(\) uses an internal API endpoint"
    with pytest.warns(DeprecationWarning, match=expected):
        bom_xml = api.product.repository.get_bom("WIDGET-001", "A")
    bom_items = api.product.get_bom_items("WIDGET-001", "A")
    assert bom_xml == bom_items

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        bom = api.product.repository.get_bom("WIDGET-001", "A")
    assert [item.part_number for item in bom] == ["R1"]


def test_deprecation_warning_on_the_async_repository(twin: Any) -> None:
    twin.product.create_product("P")
    twin.product.create_revision("P", "A")
    with pytest.warns(DeprecationWarning, match=r"get_bom_items"):
        assert twin.product.repository.get_bom("P", "A") == []
