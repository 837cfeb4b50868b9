"""Vendors, tags, categories and group membership, through both twins."""

from __future__ import annotations

from typing import Any

import pytest

from pywats import ConflictError, ErrorMode, NotFoundError, ValidationError
from pywats.domains.product import ProductCategory, Setting, Vendor
from pywats.testing import ServerControl


def test_vendors_round_trip(twin: Any) -> None:
    acme = twin.product.save_vendor("Acme", country="NO")
    assert isinstance(acme, Vendor) and acme.vendor_id
    assert acme.model_extra == {"country": "NO"}
    renamed = twin.product.save_vendor("Acme AS", acme.vendor_id, city="Oslo")
    assert renamed.vendor_id == acme.vendor_id
    vendors = twin.product.get_vendors()
    assert [(v.name, v.model_extra) for v in vendors] == [("Acme AS", {"country": "NO", "city": "Oslo"})]
    twin.product.delete_vendor(acme.vendor_id)
    assert twin.product.get_vendors() == []


def test_vendor_errors(make_twin: Any, wats_control: ServerControl) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    with pytest.raises(NotFoundError) as info:
        strict.product.delete_vendor("no-such-vendor")
    assert info.value.resource_type == "Vendor"
    assert lenient.product.delete_vendor("no-such-vendor") is None
    with pytest.raises(ValidationError) as bad:
        strict.product.save_vendor("  ")
    assert bad.value.field == "name"
    assert [r["method"] for r in wats_control.requests()] == ["DELETE", "DELETE"]


def test_vendor_named_by_a_bom_line_cannot_be_deleted(twin: Any) -> None:
    vendor = twin.product.save_vendor("Mouser")
    twin.product.create_product("BOARD")
    twin.product.create_revision("BOARD", "A")
    twin.product.upload_bom("BOARD", "A", [{"partNumber": "R-10K", "vendor": "Mouser"}])
    with pytest.raises(ConflictError) as info:
        twin.product.delete_vendor(vendor.vendor_id)
    assert "Mouser" in info.value.message
    twin.product.upload_bom("BOARD", "A", [])
    twin.product.delete_vendor(vendor.vendor_id)


def test_product_and_revision_tags(twin: Any, wats_control: ServerControl) -> None:
    twin.product.create_product("TAGS-1", tags={"line": "A"})
    twin.product.create_revision("TAGS-1", "1")
    assert [(t.key, t.value) for t in twin.product.get_product_tags("TAGS-1")] == [("line", "A")]

    stored = twin.product.set_product_tags("TAGS-1", {"line": "B", "owner": "QA"})
    assert [(t.key, t.value) for t in stored] == [("line", "B"), ("owner", "QA")]
    twin.product.add_product_tag("TAGS-1", "line", "C")
    twin.product.add_product_tag("TAGS-1", "new", None)
    assert [(t.key, t.value) for t in twin.product.get_product_tags("TAGS-1")] == [
        ("line", "C"),
        ("owner", "QA"),
        ("new", None),
    ]
    # The public read sees what the internal write stored.
    assert [t.key for t in twin.product.get_product("TAGS-1").tags] == ["line", "owner", "new"]

    twin.product.set_revision_tags("TAGS-1", "1", [Setting(key="fw", value="2.1")])
    twin.product.add_revision_tag("TAGS-1", "1", "hw", "B")
    assert [(t.key, t.value) for t in twin.product.get_revision_tags("TAGS-1", "1")] == [
        ("fw", "2.1"),
        ("hw", "B"),
    ]
    internal = [r for r in wats_control.requests() if "/api/internal/" in r["path"]]
    assert internal and all(r["referer"] for r in internal)


def test_tags_of_missing_things(make_twin: Any) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    with pytest.raises(NotFoundError):
        strict.product.get_product_tags("NOPE")
    with pytest.raises(NotFoundError):
        strict.product.set_revision_tags("NOPE", "A", {"k": "v"})
    assert lenient.product.get_product_tags("NOPE") == []
    assert lenient.product.get_revision_tags("NOPE", "A") == []
    assert lenient.product.set_product_tags("NOPE", {"k": "v"}) is None


def test_bad_tags_fail_before_sending(twin: Any, wats_control: ServerControl) -> None:
    for tags in [{"": "x"}, [42], "key=value", [{"value": "no key"}]]:
        with pytest.raises(ValidationError):
            twin.product.set_product_tags("ANY", tags)
    assert wats_control.requests() == []


def test_categories(twin: Any) -> None:
    saved = twin.product.save_product_categories(
        [ProductCategory(name="PCBA", description="Boards"), {"name": "Module"}]
    )
    assert [c.name for c in saved] == ["PCBA", "Module"]
    assert all(c.category_id for c in saved)
    assert twin.product.get_product_categories() == saved

    twin.product.create_product("CAT-1", product_category_id=saved[0].category_id)
    with pytest.raises(ConflictError) as info:
        twin.product.save_product_categories(saved[1:])
    assert "PCBA" in info.value.message and "CAT-1" in info.value.message
    renamed = saved[0].model_copy(update={"name": "Boards"})
    assert [c.name for c in twin.product.save_product_categories([renamed])] == ["Boards"]


def test_category_without_a_name_is_refused_before_sending(twin: Any, wats_control: ServerControl) -> None:
    with pytest.raises(ValidationError):
        twin.product.save_product_categories([{"description": "nameless"}])
    assert wats_control.requests() == []


def test_groups_for_product_follow_the_group_filter(make_twin: Any) -> None:
    api = make_twin()
    boards = api.product.create_group("Boards", filter="PCBA-%;BRD-__")
    api.product.create_group("Modules", filter="MOD-%")
    api.product.create_group("Unfiltered")
    for pn in ("PCBA-1", "BRD-12", "BRD-123"):
        api.product.create_product(pn)
    assert [g.product_group_id for g in api.product.get_groups_for_product("PCBA-1")] == [
        boards.product_group_id
    ]
    assert [g.product_group_name for g in api.product.get_groups_for_product("BRD-12")] == ["Boards"]
    assert api.product.get_groups_for_product("BRD-123") == []
    with pytest.raises(NotFoundError):
        api.product.get_groups_for_product("MISSING")
    assert make_twin(error_mode=ErrorMode.LENIENT).product.get_groups_for_product("MISSING") == []


def test_product_by_pn(make_twin: Any) -> None:
    api = make_twin()
    api.product.create_product("A/B #1", name="awkward")
    api.product.create_revision("A/B #1", "Ä")
    product = api.product.get_product_by_pn("A/B #1")
    assert product.name == "awkward" and [r.revision for r in product.revisions] == ["Ä"]
    with pytest.raises(NotFoundError):
        api.product.get_product_by_pn("NOPE")
    assert make_twin(error_mode=ErrorMode.LENIENT).product.get_product_by_pn("NOPE") is None


def test_active_products(twin: Any) -> None:
    twin.product.create_product("ON")
    twin.product.create_product("OFF", state=0)
    assert [p.part_number for p in twin.product.get_active_products()] == ["ON"]
