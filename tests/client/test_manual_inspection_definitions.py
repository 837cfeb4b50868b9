"""Manual-inspection definitions through both clients: versions, life cycle, sequences, XAML (§12)."""

from __future__ import annotations

import uuid

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import ErrorMode, NotFoundError, ValidationError
from pywats.domains.manual_inspection import (
    DefinitionStatus,
    MiSequence,
    RepairOnFailed,
    TestSequenceDefinition,
)


def test_requests_are_internal(twin: Twin) -> None:
    twin.run(twin.api.manual_inspection.list_definitions())
    request = twin.control.requests()[-1]
    assert request["path"] == "/api/internal/ManualInspection/GetTestSequenceDefinitions"
    assert request["query"] == "isGlobalDefinitions=false"
    assert request["referer"] == twin.api.base_url


def test_create_versions_and_read(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    first = twin.run(
        mi.create_definition(
            "Visual check",
            "Solder joints",
            on_fail_require_repair=RepairOnFailed.REQUIRED,
            log_operator=False,
            LoadPreviousMiscInfo=True,
        )
    )
    assert isinstance(first, TestSequenceDefinition)
    assert (first.name, first.version, first.status) == ("Visual check", 1, DefinitionStatus.DRAFT)
    assert first.on_fail_require_repair is RepairOnFailed.REQUIRED
    assert (first.log_operator, first.load_previous_misc_info, first.is_global) == (False, True, False)
    second = twin.run(mi.create_inspection("Visual check"))
    assert second.version == 2
    global_one = twin.run(mi.create_definition("Label", is_global=True))

    assert [d.version for d in twin.run(mi.list_definitions())] == [1, 2]
    assert [d.test_sequence_definition_id for d in twin.run(mi.list_definitions(True))] == [
        global_one.test_sequence_definition_id
    ]
    fetched = twin.run(mi.get_definition(first.test_sequence_definition_id))
    assert fetched.description == "Solder joints" and fetched.relations == []
    assert twin.run(mi.get_inspection(str(first.test_sequence_definition_id))) == fetched
    assert twin.run(mi.get_instances_count(first.test_sequence_definition_id)) == 0


def test_life_cycle(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    v1 = twin.run(mi.create_definition("Box check")).test_sequence_definition_id
    v2 = twin.run(mi.create_definition("Box check")).test_sequence_definition_id
    assert twin.run(mi.move_to_pending(v1)).status is DefinitionStatus.PENDING
    assert twin.run(mi.move_to_draft(v1)).status is DefinitionStatus.DRAFT
    twin.run(mi.move_to_pending(v1))
    released = twin.run(mi.release_inspection(v1))
    assert released.status is DefinitionStatus.RELEASED and released.released_by == "tester"

    with pytest.raises(ValidationError) as info:
        twin.run(mi.release_inspection(v2))  # a Draft must go through Pending
    assert "can become Pending" in info.value.message
    twin.run(mi.move_to_pending(v2))
    twin.run(mi.release_inspection(v2))
    assert twin.run(mi.get_definition(v1)).status is DefinitionStatus.REVOKED
    assert twin.run(mi.revoke_inspection(v2)).status is DefinitionStatus.REVOKED
    with pytest.raises(ValidationError):
        twin.run(mi.move_to_draft(v2))


def test_update_and_copy(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition("Copy me")).test_sequence_definition_id
    updated = twin.run(mi.update_definition(ident, description="new", OnFailGotoCleanup=True))
    assert (updated.description, updated.on_fail_goto_cleanup, updated.modified_by) == ("new", True, "tester")
    twin.run(mi.set_xaml(ident, "<Activity/>"))
    copy = twin.run(mi.copy_definition(ident))
    assert (copy.version, copy.description, copy.xaml) == (2, "new", "<Activity/>")
    assert twin.run(mi.copy_inspection(ident)).version == 3

    twin.run(mi.move_to_pending(ident))
    with pytest.raises(ValidationError) as info:
        twin.run(mi.update_definition(ident, description="late"))
    assert "Only a Draft" in info.value.message


def test_sequences(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    a = twin.run(mi.create_definition("Alpha")).test_sequence_definition_id
    b = twin.run(mi.create_definition("Beta")).test_sequence_definition_id
    rows = twin.run(mi.list_sequences())
    assert [(r.name, r.version, r.status) for r in rows] == [
        ("Alpha", 1, DefinitionStatus.DRAFT),
        ("Beta", 1, DefinitionStatus.DRAFT),
    ]
    renamed = twin.run(mi.update_sequence({"TestSequenceDefinitionId": str(a), "Name": "Alpha 2"}))
    assert isinstance(renamed, MiSequence) and renamed.name == "Alpha 2"
    pending = twin.run(
        mi.update_sequence(MiSequence(test_sequence_definition_id=a, status=DefinitionStatus.PENDING))
    )
    assert pending.status is DefinitionStatus.PENDING
    assert twin.run(mi.delete_sequence(b)) is None
    assert [r.name for r in twin.run(mi.list_sequences())] == ["Alpha 2"]
    with pytest.raises(NotFoundError):
        twin.run(mi.delete_sequence(b))
    with pytest.raises(ValidationError):
        twin.run(mi.delete_sequence(a))  # not a Draft any more


def test_xaml_and_workflow(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition("Visual")).test_sequence_definition_id
    assert twin.run(mi.get_xaml(ident)) is None
    xaml = '<Activity xmlns="http://schemas.microsoft.com/netfx/2009/xaml/activities"><Sequence/></Activity>'
    assert twin.run(mi.put_xaml({"TestSequenceDefinitionId": str(ident), "XAML": xaml})) is None
    assert twin.run(mi.get_xaml(ident)) == xaml
    assert twin.run(mi.get_wwf_content(ident)) == xaml.encode()
    with pytest.raises(ValidationError) as info:
        twin.run(mi.set_xaml(ident, "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>"))
    assert "DOCTYPE" in info.value.message


def test_missing_definitions_strict_and_lenient(twin: Twin) -> None:
    unknown = uuid.uuid4()
    mi = twin.api.manual_inspection
    for call in (
        mi.get_definition,
        mi.copy_definition,
        mi.get_instances_count,
        mi.get_xaml,
        mi.get_wwf_content,
    ):
        with pytest.raises(NotFoundError) as info:
            twin.run(call(unknown))
        assert info.value.resource_type == "TestSequenceDefinition"
    lenient = twin.make(error_mode=ErrorMode.LENIENT).manual_inspection
    for call in (
        lenient.get_definition,
        lenient.copy_definition,
        lenient.get_instances_count,
        lenient.get_xaml,
    ):
        assert twin.run(call(unknown)) is None


BAD_ARGUMENTS = [
    (lambda mi: mi.list_definitions("yes"), "is_global"),
    (lambda mi: mi.get_definition("abc"), "definition_id"),
    (lambda mi: mi.create_definition(""), "name"),
    (lambda mi: mi.create_definition("x", is_global=1), "is_global"),
    (lambda mi: mi.create_definition("x", on_fail_require_repair=7), "on_fail_require_repair"),
    (lambda mi: mi.create_definition("x", Description=object()), "Description"),
    (lambda mi: mi.update_definition(uuid.uuid4()), "fields"),
    (lambda mi: mi.update_sequence({"Name": "x"}), "TestSequenceDefinitionId"),
    (lambda mi: mi.update_sequence(["x"]), "payload"),
    (lambda mi: mi.delete_sequence("1"), "sequence_id"),
    (lambda mi: mi.put_xaml({"XAML": "<a/>"}), "TestSequenceDefinitionId"),
    (lambda mi: mi.set_xaml(uuid.uuid4(), b"<a/>"), "xaml"),
]


def test_bad_arguments_fail_before_sending(twin: Twin) -> None:
    """Each call raises ValidationError naming the field, and nothing reaches the server."""
    twin.control.clear_requests()
    for call, field in BAD_ARGUMENTS:
        with pytest.raises(ValidationError) as info:
            twin.run(call(twin.api.manual_inspection))
        assert info.value.field == field, (field, info.value)
    assert twin.control.requests() == []
