"""Software packages over the wire, both twins: versions, metadata, tags, lifecycle, deletion."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from pywats import ConflictError, ErrorMode, NotFoundError, ValidationError
from pywats.domains.software import Package, PackageStatus, PackageTag
from pywats.testing import ServerControl


def test_create_versions_and_read(twin: Any) -> None:
    first = twin.software.create_package(
        "Drivers", "Station drivers", True, "C:\\Drivers", 5, {"station": "ICT", "line": "A"}
    )
    assert isinstance(first, Package)
    assert (first.version, first.status, first.install_on_root, first.priority) == (
        1,
        PackageStatus.DRAFT,
        True,
        5,
    )
    assert first.get_tag("STATION") == "ICT" and first.created_by == "tester"
    second = twin.software.create_package("drivers", tags=[PackageTag(key="station", value="EOL")])
    assert (second.name, second.version) == ("Drivers", 2)  # same name, next version

    assert twin.software.get_package(first.package_id) == twin.software.get_package(str(first.package_id))
    assert [p.version for p in twin.software.get_packages()] == [1, 2]
    assert twin.software.get_package_by_name("Drivers").version == 2
    assert twin.software.get_package_by_name("Drivers", version=1).package_id == first.package_id
    assert (
        twin.software.get_package_by_name("DRIVERS", PackageStatus.DRAFT, 2).package_id == second.package_id
    )
    tagged = twin.software.get_packages_by_tag("station", "ict")
    assert [p.package_id for p in tagged] == [first.package_id]
    assert twin.software.get_packages_by_tag("station", "ICT", status="Released") == []


def test_update_a_draft(twin: Any) -> None:
    package = twin.software.create_package("Tools", "old")
    package.description = "new"
    package.priority = 2
    package.tags = [PackageTag(key="k", value="v")]
    updated = twin.software.update_package(package)
    assert (updated.description, updated.priority, updated.get_tag("k")) == ("new", 2, "v")
    assert updated.version == 1 and updated.modified_utc >= updated.created_utc

    package.name = "Renamed"
    with pytest.raises(ValidationError, match="name cannot change"):
        twin.software.update_package(package)
    with pytest.raises(ValidationError) as info:
        twin.software.update_package(Package(name="Tools"))
    assert info.value.field == "package_id"
    with pytest.raises(ValidationError) as info:
        twin.software.update_package({"name": "Tools"})
    assert info.value.field == "package"
    with pytest.raises(NotFoundError):
        twin.software.update_package(Package(package_id=uuid.uuid4(), name="Tools"))


def test_lifecycle(twin: Any) -> None:
    package = twin.software.create_package("Firmware")
    pid = package.package_id
    with pytest.raises(ConflictError, match="Draft package cannot become Released"):
        twin.software.release_package(pid)
    assert twin.software.submit_for_review(pid) is True
    assert twin.software.return_to_draft(pid) is True
    assert twin.software.submit_for_review(pid) is True
    package.description = "changed while pending"
    with pytest.raises(ConflictError, match="only a Draft can be changed"):
        twin.software.update_package(twin.software.get_package(pid).model_copy(update={"description": "x"}))
    assert twin.software.release_package(pid) is True
    assert twin.software.get_released_package("firmware").package_id == pid
    assert twin.software.set_package_status(pid, "released") is True  # same status: nothing changes
    with pytest.raises(ConflictError):
        twin.software.return_to_draft(pid)
    with pytest.raises(ConflictError, match="revoke it"):
        twin.software.delete_package(pid)
    assert twin.software.revoke_package(pid) is True
    assert twin.software.get_package(pid).status is PackageStatus.REVOKED
    with pytest.raises(ConflictError, match="final"):
        twin.software.submit_for_review(pid)
    with pytest.raises(ValidationError) as info:
        twin.software.set_package_status(pid, "Archived")
    assert info.value.field == "status"
    with pytest.raises(NotFoundError):
        twin.software.release_package(uuid.uuid4())
    assert twin.software.delete_package(pid) is True  # a revoked package may go


def test_delete_by_name(twin: Any) -> None:
    for _ in range(3):
        twin.software.create_package("Scripts")
    assert twin.software.delete_package_by_name("Scripts", 2) is True
    assert [p.version for p in twin.software.get_packages()] == [1, 3]
    third = twin.software.get_package_by_name("Scripts")
    twin.software.submit_for_review(third.package_id)
    twin.software.release_package(third.package_id)
    with pytest.raises(ConflictError):  # one version is Released: none is deleted
        twin.software.delete_package_by_name("Scripts")
    assert len(twin.software.get_packages()) == 2
    twin.software.revoke_package(third.package_id)
    assert twin.software.delete_package_by_name("scripts") is True
    assert twin.software.get_packages() == []
    with pytest.raises(NotFoundError):
        twin.software.delete_package_by_name("Scripts")


def test_argument_errors_are_caught_before_sending(twin: Any, wats_control: ServerControl) -> None:
    wats_control.clear_requests()
    cases: list[tuple[Callable[[], Any], str]] = [
        (lambda: twin.software.create_package(""), "name"),
        (lambda: twin.software.create_package("X", tags="station=ICT"), "tags"),
        (lambda: twin.software.create_package("X", priority=-1), "priority"),
        (lambda: twin.software.get_package("not-a-guid"), "package_id"),
        (lambda: twin.software.get_package_by_name("X", status="Sold"), "status"),
        (lambda: twin.software.get_package_by_name("X", version=0), "version"),
        (lambda: twin.software.get_packages_by_tag("", "v"), "tag"),
        (lambda: twin.software.delete_package_by_name("X", version="1"), "version"),
        (lambda: twin.software.update_file_attribute(uuid.uuid4(), 5), "attributes"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == field
    assert wats_control.requests() == []


def test_not_found_and_lenient(twin: Any, make_twin: Callable[..., Any]) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as info:
        twin.software.get_package(missing)
    assert info.value.resource_type == "Package"
    with pytest.raises(NotFoundError):
        twin.software.get_package_by_name("Nothing")
    with pytest.raises(NotFoundError):
        twin.software.delete_package(missing)
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.software.get_package(missing) is None
    assert lenient.software.get_released_package("Nothing") is None
    assert lenient.software.delete_package(missing) is False
    assert lenient.software.revoke_package(missing) is False
    assert lenient.software.delete_package_by_name("Nothing") is False
