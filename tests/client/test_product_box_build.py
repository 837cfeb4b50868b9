"""Box-build templates: the staged template object and the direct relation calls, both twins."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from pywats import ConflictError, ErrorMode, NotFoundError, ValidationError, pyWATS
from pywats.domains.product import BoxBuildTemplate
from pywats.testing import ServerControl


@pytest.fixture
def parts(twin: Any) -> Any:
    for pn, revisions in {"BOX-1": ["A"], "PCBA-1": ["1", "2", "3"], "PSU": ["A"], "CABLE": ["X"]}.items():
        twin.product.create_product(pn)
        for rev in revisions:
            twin.product.create_revision(pn, rev)
    return twin


def test_template_stages_and_saves(parts: Any, wats_control: ServerControl) -> None:
    template = parts.product.get_box_build_template("BOX-1", "A")
    assert template.subunits == [] and not template.has_pending_changes
    assert template.parent_part_number == "BOX-1" and template.parent_revision == "A"
    assert template.parent_revision_id == parts.product.get_revision("BOX-1", "A").product_revision_id

    template.add_subunit("PCBA-1", "1", quantity=2, revision_mask="1,2")
    template.add_subunit("PSU", "A", item_number="10")
    assert template.has_pending_changes
    wats_control.clear_requests()
    assert [line.child_part_number for line in template.subunits] == ["PCBA-1", "PSU"]
    assert not [r for r in wats_control.requests() if r["method"] != "GET"]  # staged only

    template.save()
    assert not template.has_pending_changes
    lines = parts.product.get_box_build_subunits("BOX-1", "A")
    assert [(line.child_part_number, line.quantity, line.revision_mask) for line in lines] == [
        ("PCBA-1", 2, "1,2"),
        ("PSU", 1, None),
    ]
    assert all(line.relation_id for line in template.subunits)
    assert template.validate_subunit("PCBA-1", "2") and not template.validate_subunit("PCBA-1", "3")
    assert template.get_required_parts()[1] == {
        "part_number": "PSU",
        "revision": "A",
        "revision_mask": None,
        "quantity": 1,
        "item_number": "10",
    }

    template.set_quantity("PCBA-1", "1", 4).remove_subunit("PSU", "A")
    template.save()
    lines = parts.product.get_box_build_subunits("BOX-1", "A")
    assert [(line.child_part_number, line.quantity) for line in lines] == [("PCBA-1", 4)]


def test_template_context_manager_saves_on_clean_exit_only(parts: Any) -> None:
    with parts.product.get_box_build_template("BOX-1", "A") as template:
        template.add_subunit("CABLE", "X", quantity=3)
    assert [line.quantity for line in parts.product.get_box_build_subunits("BOX-1", "A")] == [3]

    with pytest.raises(RuntimeError), parts.product.get_box_build_template("BOX-1", "A") as template:
        template.clear_all()
        raise RuntimeError("changed my mind")
    assert len(parts.product.get_box_build_subunits("BOX-1", "A")) == 1


def test_chained_sync_usage(wats_api: pyWATS) -> None:
    """library-surface §3.2: ``get_box_build_template("PN", "A").add_subunit(...).save()``."""
    for pn in ("PN", "CHILD"):
        wats_api.product.create_product(pn)
        wats_api.product.create_revision(pn, "A")
    template = wats_api.product.get_box_build_template("PN", "A")
    assert isinstance(template, BoxBuildTemplate)
    template.add_subunit("CHILD", "A", quantity=2).save()
    assert [line.quantity for line in wats_api.product.get_box_build_subunits("PN", "A")] == [2]


def test_discard_and_readd(parts: Any) -> None:
    template = parts.product.get_box_build_template("BOX-1", "A")
    template.add_subunit("PSU", "A").save()
    relation_id = template.subunits[0].relation_id
    template.remove_subunit("PSU", "A")
    assert template.subunits == [] and template.has_pending_changes
    template.discard()
    assert not template.has_pending_changes
    template.remove_subunit("PSU", "A").add_subunit("PSU", "A", quantity=5)
    template.save()
    assert [(line.relation_id, line.quantity) for line in template.subunits] == [(relation_id, 5)]


def test_template_errors(parts: Any, make_twin: Any) -> None:
    template = parts.product.get_box_build_template("BOX-1", "A")
    with pytest.raises(NotFoundError):
        template.add_subunit("PCBA-1", "99")
    template.add_subunit("PSU", "A")
    with pytest.raises(ValidationError) as duplicate:
        template.add_subunit("PSU", "A")
    assert duplicate.value.field == "part_number"
    with pytest.raises(ValidationError):
        template.update_subunit("CABLE", "X", quantity=2)
    with pytest.raises(ValidationError) as quantity:
        template.set_quantity("PSU", "A", 0)
    assert quantity.value.field == "quantity"
    with pytest.raises(NotFoundError):
        parts.product.get_box_build_template("BOX-1", "Z")
    assert make_twin(error_mode=ErrorMode.LENIENT).product.get_box_build_template("BOX-1", "Z") is None


def test_direct_relation_calls(parts: Any, make_twin: Any) -> None:
    relation = parts.product.add_subunit("BOX-1", "A", "PCBA-1", "2", 2, item_number="P1")
    assert relation.relation_id and (relation.child_part_number, relation.child_revision) == ("PCBA-1", "2")
    with pytest.raises(ConflictError):
        parts.product.add_subunit("BOX-1", "A", "PCBA-1", "2")
    relation.quantity = 7
    assert parts.product.update_subunit(relation).quantity == 7
    parts.product.remove_subunit(relation.relation_id)
    assert parts.product.get_box_build_subunits("BOX-1", "A") == []

    with pytest.raises(NotFoundError):
        parts.product.remove_subunit(relation.relation_id)
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.product.remove_subunit(str(uuid.uuid4())) is None
    with pytest.raises(ValidationError) as bad_id:
        parts.product.remove_subunit("not-a-guid")
    assert bad_id.value.field == "relation_id"


def test_a_box_build_cannot_contain_itself(parts: Any) -> None:
    parts.product.add_subunit("BOX-1", "A", "PCBA-1", "1")
    parts.product.add_subunit("PCBA-1", "1", "PSU", "A")
    with pytest.raises(ValidationError) as info:
        parts.product.add_subunit("PSU", "A", "BOX-1", "A")
    assert "contain itself" in info.value.message  # the server's own words
    rows = parts.product.get_product_hierarchy("BOX-1", "A")
    assert [(row["hlevel"], row["PartNumber"]) for row in rows] == [(0, "BOX-1"), (1, "PCBA-1"), (2, "PSU")]


def test_guide_internal_api_example(wats_api: pyWATS) -> None:
    """The guide's "Using Internal APIs Safely" sample."""
    api = wats_api
    api.product.create_product("WIDGET-001")
    api.product.create_revision("WIDGET-001", "A")
    products = api.product.get_products()
    box_build = api.product.get_box_build_template("WIDGET-001", "A")
    assert [p.part_number for p in products] == ["WIDGET-001"]
    assert box_build is not None and box_build.subunits == []
    doc = type(api.product).get_box_build_template.__doc__ or ""
    assert doc.startswith("⚠️ INTERNAL API")
