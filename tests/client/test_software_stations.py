"""What stations ask about packages (internal API), both twins: history, updates, revocations, log."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from pywats import ErrorMode, NotFoundError, ValidationError
from pywats.domains.software import Package, PackageDownload, PackageStatus
from pywats.testing import ServerControl


def released(twin: Any, name: str, **tags: str) -> Package:
    package = twin.software.create_package(name, tags=tags)
    twin.software.submit_for_review(package.package_id)
    twin.software.release_package(package.package_id)
    return twin.software.get_package(package.package_id)


def test_is_connected(twin: Any, wats_control: ServerControl) -> None:
    assert twin.software.is_connected() is True
    request = wats_control.requests()[-1]
    assert request["path"] == "/api/internal/Software/isConnected" and request["referer"]
    wats_control.add_fault(path="/api/internal/Software/isConnected", status=404, count=1)
    assert twin.software.is_connected() is False


def test_available_and_revoked_packages(twin: Any) -> None:
    v1 = released(twin, "Drivers", station="ICT")
    v2 = released(twin, "Drivers", station="ICT")
    draft = twin.software.create_package("Drivers")  # version 3, not released: not offered
    other = released(twin, "Tools")
    available = twin.software.get_available_packages([v1.package_id, other.package_id])
    assert [(p.name, p.version) for p in available] == [("Drivers", 2)]
    assert available[0].status is PackageStatus.RELEASED
    assert twin.software.get_available_packages([v2.package_id]) == []

    twin.software.revoke_package(v1.package_id)
    gone = uuid.uuid4()
    assert twin.software.get_revoked_packages([v1.package_id, v2.package_id, gone]) == [
        str(v1.package_id),
        str(gone),
    ]
    assert twin.software.get_revoked_packages([v1.package_id, gone], include_revoked_only=True) == [
        str(v1.package_id)
    ]
    assert draft.version == 3
    with pytest.raises(ValidationError) as info:
        twin.software.get_available_packages([])
    assert info.value.field == "installed_packages"
    with pytest.raises(ValidationError):
        twin.software.get_revoked_packages(["not-a-guid"])


def test_package_history_by_tags(twin: Any) -> None:
    released(twin, "Drivers", station="ICT", line="A")
    released(twin, "Drivers", station="ICT", line="A")
    twin.software.create_package("Drivers", tags={"station": "ICT", "line": "A"})
    released(twin, "Tools", station="ICT", line="B")
    latest = twin.software.get_package_history("station=ICT,line=A")
    assert [(p.name, p.version) for p in latest] == [("Drivers", 3)]
    every = twin.software.get_package_history({"station": "ict", "line": "a"}, all_versions=True)
    assert [p.version for p in every] == [3, 2, 1]
    newest_released = twin.software.get_package_history("station=ICT", status=PackageStatus.RELEASED)
    assert [(p.name, p.version) for p in newest_released] == [("Drivers", 2), ("Tools", 1)]
    assert [p.version for p in twin.software.get_package_history("line", status=0)] == [3]
    with pytest.raises(ValidationError):  # 4 is not a status number
        twin.software.get_package_history("line", status=4)
    with pytest.raises(ValidationError) as info:
        twin.software.get_package_history("")
    assert info.value.field == "tags"


def test_download_log(twin: Any, make_twin: Callable[..., Any]) -> None:
    package = released(twin, "Drivers")
    record = twin.software.log_download(package.package_id, 123_456, client_id=7)
    assert isinstance(record, PackageDownload)
    assert (record.name, record.version, record.download_size, record.client_id) == ("Drivers", 1, 123_456, 7)
    twin.software.log_download(package.package_id, 10)  # no client id: not in any station's history
    history = twin.software.get_package_download_history(7)
    assert [(h.package_id, h.user) for h in history] == [(package.package_id, "tester")]
    assert twin.software.get_package_download_history(8) == []
    with pytest.raises(NotFoundError):
        twin.software.log_download(uuid.uuid4(), 1)
    with pytest.raises(ValidationError) as info:
        twin.software.log_download(package.package_id, -1)
    assert info.value.field == "download_size"
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.software.log_download(uuid.uuid4(), 1) is None
    assert lenient.software.get_software_entity_details(uuid.uuid4()) is None
