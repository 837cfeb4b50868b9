"""The public product endpoints through both twins, with their error cases."""

from __future__ import annotations

from typing import Any

import pytest

from pywats import ErrorMode, NotFoundError, Product, ProductRevision, ProductState, ValidationError
from pywats.testing import ServerControl


def test_products_and_revisions(twin: Any) -> None:
    created = twin.product.create_product("PN/1 #x", name="Widget", tags={"line": "A"})
    assert created.product_id is not None
    created.state = ProductState.INACTIVE
    assert twin.product.update_product(created).state == ProductState.INACTIVE
    saved = twin.product.bulk_save_products([Product(part_number="B-1"), Product(part_number="B-2")])
    assert [p.part_number for p in saved] == ["B-1", "B-2"]
    assert sorted(p.part_number for p in twin.product.get_products()) == ["B-1", "B-2", "PN/1 #x"]

    rev = twin.product.create_revision("PN/1 #x", "A", name="first")
    assert rev.product_revision_id is not None
    rev.description = "changed"
    assert twin.product.update_revision(rev).description == "changed"
    more = twin.product.bulk_save_revisions(
        [ProductRevision(part_number="B-1", revision=r) for r in ("1", "2")]
    )
    assert [r.revision for r in more] == ["1", "2"]
    assert twin.product.get_product_revision("PN/1 #x", "A").name == "first"
    assert [r.revision for r in twin.product.get_revisions("B-1")] == ["1", "2"]


def test_missing_products_and_revisions_in_both_modes(make_twin: Any) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    strict.product.create_product("ONLY")
    with pytest.raises(NotFoundError):
        strict.product.get_product("NOPE")
    with pytest.raises(NotFoundError):
        strict.product.get_product_revision("ONLY", "Z")
    with pytest.raises(NotFoundError):
        strict.product.create_revision("NOPE", "A")
    assert lenient.product.get_product("NOPE") is None
    assert lenient.product.get_product_revision("ONLY", "Z") is None
    assert lenient.product.get_revisions("NOPE") == []


def test_server_refusals_carry_the_servers_text(twin: Any) -> None:
    twin.product.create_product("P")
    with pytest.raises(ValidationError) as conflict:
        twin.product.update_revision(
            ProductRevision(
                part_number="Q", revision="A", product_id=twin.product.get_product("P").product_id
            )
        )
    assert "refer to different products" in conflict.value.message
    with pytest.raises(ValidationError) as blank:
        twin.product.bulk_save_revisions([ProductRevision(part_number="P", revision=" ")])
    assert "revision" in blank.value.message


def test_groups(twin: Any, wats_control: ServerControl) -> None:
    group = twin.product.create_group("Boards")
    assert group.product_group_id is not None
    assert [g.product_group_name for g in twin.product.get_groups()] == ["Boards"]
    wats_control.clear_requests()
    with pytest.raises(ValidationError) as blank:
        twin.product.create_group("")
    assert blank.value.field == "name" and wats_control.requests() == []
