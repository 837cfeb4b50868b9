"""Assembly through both twins: box-build rules on the server, the public and internal calls."""

from __future__ import annotations

from typing import Any

import pytest

from pywats import ConflictError, ErrorMode, NotFoundError, ValidationError


@pytest.fixture
def plant(twin: Any) -> Any:
    """BOX rev A takes 2 × PCBA (revisions 1 or 2.x) and 1 × PSU; units of each are registered."""
    for pn, revisions in {"BOX": ["A"], "PCBA": ["1", "2.1", "3"], "PSU": ["A"], "FAN": ["A"]}.items():
        twin.product.create_product(pn)
        for rev in revisions:
            twin.product.create_revision(pn, rev)
    twin.product.add_subunit("BOX", "A", "PCBA", "1", 2, revision_mask="1,2.%")
    twin.product.add_subunit("BOX", "A", "PSU", "A")
    units = [("B1", "BOX", "A"), ("B2", "BOX", "A"), ("P1", "PCBA", "1"), ("P2", "PCBA", "2.1")]
    units += [("P3", "PCBA", "1"), ("P4", "PCBA", "3"), ("S1", "PSU", "A"), ("F1", "FAN", "A")]
    twin.production.create_units([{"serialNumber": s, "partNumber": p, "revision": r} for s, p, r in units])
    return twin


def test_assemble_to_the_template(plant: Any) -> None:
    check = plant.production.verify_assembly("B1", "BOX", "A")
    assert check.has_template and not check.is_complete
    assert [(line["partNumber"], line["missing"]) for line in check.lines] == [("PCBA", 2), ("PSU", 1)]

    for child, pn in (("P1", "PCBA"), ("P2", "PCBA"), ("S1", "PSU")):
        plant.production.add_child_to_assembly("B1", "BOX", child, pn)
    check = plant.production.verify_assembly("B1", "BOX", "A")
    assert check.is_complete and check.messages == []
    box = plant.production.get_unit("B1", "BOX")
    assert sorted(u.serial_number for u in box.sub_units) == ["P1", "P2", "S1"]
    assert plant.production.get_unit("P1", "PCBA").parent_serial_number == "B1"
    feed = plant.production.get_unit_changes(serial_number="P1")
    assert feed[-1].new_parent_serial_number == "B1"

    plant.production.remove_child_from_assembly("B1", "BOX", "P2", "PCBA")
    assert plant.production.get_unit_changes(serial_number="P2")[-1].new_parent_serial_number == ""
    assert not plant.production.verify_assembly("B1", "BOX", "A").is_complete


def test_children_must_match_the_template(plant: Any) -> None:
    with pytest.raises(ValidationError) as wrong_part:
        plant.production.add_child_to_assembly("B1", "BOX", "F1", "FAN")
    assert "not part of the box build" in wrong_part.value.message
    with pytest.raises(ValidationError) as wrong_revision:
        plant.production.add_child_to_assembly("B1", "BOX", "P4", "PCBA")
    assert "P4" in wrong_revision.value.message
    plant.production.add_child_to_assembly("B1", "BOX", "P1", "PCBA")
    plant.production.add_child_to_assembly("B1", "BOX", "P2", "PCBA")
    with pytest.raises(ValidationError) as too_many:
        plant.production.add_child_to_assembly("B1", "BOX", "P3", "PCBA")
    assert "takes 2" in too_many.value.message


def test_mounted_elsewhere_is_a_conflict(plant: Any) -> None:
    plant.production.add_child_to_assembly("B1", "BOX", "P1", "PCBA")
    plant.production.add_child_to_assembly("B1", "BOX", "P1", "PCBA")  # again: nothing to do
    with pytest.raises(ConflictError) as info:
        plant.production.add_child_to_assembly("B2", "BOX", "P1", "PCBA")
    assert "already mounted in B1" in info.value.message
    with pytest.raises(ValidationError):
        plant.production.remove_child_from_assembly("B2", "BOX", "P1", "PCBA")


def test_a_unit_cannot_contain_itself(plant: Any) -> None:
    with pytest.raises(ValidationError):
        plant.production.add_child_to_assembly("F1", "FAN", "F1", "FAN")
    plant.production.add_child_to_assembly("B1", "BOX", "S1", "PSU")
    with pytest.raises(ValidationError) as info:
        plant.production.add_child_to_assembly("S1", "PSU", "B1", "BOX")  # PSU has no template
    assert "contains" in info.value.message


def test_unknown_units(plant: Any, make_twin: Any) -> None:
    with pytest.raises(NotFoundError) as info:
        plant.production.add_child_to_assembly("B1", "BOX", "NOPE", "PCBA")
    assert "NOPE" in info.value.message
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.production.add_child_to_assembly("B1", "BOX", "NOPE", "PCBA") is None
    assert lenient.production.verify_assembly("NOPE", "BOX", "A") is None
    assert lenient.production.add_child_unit_validated("B1", "BOX", "NOPE", "PCBA") is None
    with pytest.raises(NotFoundError):
        plant.production.verify_assembly("B1", "BOX", "Z")  # no such revision


def test_internal_assembly_reports_instead_of_raising(plant: Any) -> None:
    refused = plant.production.add_child_unit_validated("B1", "BOX", "P1", "PCBA", check_part_number="PSU")
    assert refused.success is False and "PSU" in refused.message
    refused = plant.production.add_child_unit_validated("B1", "BOX", "P1", "PCBA", check_revision="2.%")
    assert refused.success is False
    refused = plant.production.add_child_unit_validated("B1", "BOX", "P1", "PCBA", check_phase=True)
    assert refused.success is False and "Finalized" in refused.message
    refused = plant.production.add_child_unit_validated("B1", "BOX", "F1", "FAN")
    assert refused.success is False and "not part of the box build" in refused.message

    plant.production.set_unit_phase("P1", "PCBA", "Finalized")
    done = plant.production.add_child_unit_validated(
        "B1", "BOX", "P1", "PCBA", check_part_number="PCBA", check_revision="1", check_phase=True
    )
    assert done.success is True
    plant.production.add_child_to_assembly("B1", "BOX", "S1", "PSU")
    check = plant.production.validate_child_units("B1", "BOX")
    assert [line["mounted"] for line in check.lines] == [1, 1]

    assert plant.production.remove_child_unit_localized("B1", "BOX", "P2", "PCBA").success is False
    assert plant.production.remove_child_unit_localized("B1", "BOX", "P1", "PCBA").success is True
    removed = plant.production.remove_all_child_units("B1", "BOX")
    assert removed.success and removed.details == {"removed": 1}
    assert plant.production.remove_all_children_from_assembly("B1", "BOX").details == {"removed": 0}
    assert plant.production.get_unit("B1", "BOX").sub_units == []


def test_unit_contents_and_hierarchy(plant: Any) -> None:
    plant.product.upload_bom("BOX", "A", [{"partNumber": "SCREW-M3", "quantity": 4}])
    plant.production.add_child_to_assembly("B1", "BOX", "P1", "PCBA")
    contents = plant.production.get_unit_contents("B1", "BOX", "A")
    assert [item["partNumber"] for item in contents["bom"]] == ["SCREW-M3"]
    assert [unit["serialNumber"] for unit in contents["subUnits"]] == ["P1"]
    assert contents["boxBuild"]["lines"][0]["mounted"] == 1
    tree = plant.production.get_unit_hierarchy("P1", "PCBA")
    assert tree["serialNumber"] == "B1" and tree["subUnits"][0]["serialNumber"] == "P1"


def test_a_box_build_line_in_use_cannot_be_deleted(plant: Any) -> None:
    plant.production.add_child_to_assembly("B1", "BOX", "S1", "PSU")
    line = next(x for x in plant.product.get_box_build_subunits("BOX", "A") if x.child_part_number == "PSU")
    with pytest.raises(ConflictError) as info:
        plant.product.remove_subunit(line.relation_id)
    assert "S1" in info.value.message
    plant.production.remove_child_from_assembly("B1", "BOX", "S1", "PSU")
    plant.product.remove_subunit(line.relation_id)


def test_bad_arguments_fail_before_sending(plant: Any) -> None:
    with pytest.raises(ValidationError) as info:
        plant.production.add_child_to_assembly("B1", "BOX", "", "PCBA")
    assert info.value.field == "child_serial"
