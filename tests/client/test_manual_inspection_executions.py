"""Manual-inspection executions, misc-info validation and media through both clients (§12, §13)."""

from __future__ import annotations

import uuid

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import ErrorMode, NotFoundError, PyWATSError, ValidationError
from pywats.domains.manual_inspection import MiMedia, MiscInfoValidation, TestSequenceInstance

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 50 + b"\n%%EOF"


def _released(twin: Twin) -> uuid.UUID:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition("Visual")).test_sequence_definition_id
    twin.run(mi.move_to_pending(ident))
    twin.run(mi.release_inspection(ident))
    return ident


def test_string_tests_and_details(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    ident = _released(twin)
    entry = {"TestSequenceDefinitionId": str(ident), "SerialNumber": "SN-1", "PartNumber": "PN-1"}
    first = twin.run(mi.put_string_test({**entry, "StepName": "Label", "Value": "OK"}))
    assert isinstance(first, TestSequenceInstance)
    assert (first.serial_number, first.part_number) == ("SN-1", "PN-1")
    second = twin.run(mi.put_string_test({**entry, "step_name": "Colour", "value": "Blue", "revision": "A"}))
    assert second.test_sequence_instance_id == first.test_sequence_instance_id
    assert second.revision == "A"
    assert [t["StepName"] for t in second.model_extra["StringTests"]] == ["Label", "Colour"]  # kept as extra
    assert twin.run(mi.get_instances_count(ident)) == 1

    assert twin.run(mi.get_mi_details(first.unit_id)) == second
    legacy = twin.run(mi.get_mi_details(str(first.test_sequence_instance_id), legacy=True))
    assert legacy.test_sequence_instance_id == first.test_sequence_instance_id
    with pytest.raises(NotFoundError) as info:
        twin.run(mi.get_mi_details(uuid.uuid4()))
    assert info.value.resource_type == "TestSequenceInstance"
    assert (
        twin.run(twin.make(error_mode=ErrorMode.LENIENT).manual_inspection.get_mi_details(uuid.uuid4()))
        is None
    )


def test_string_test_needs_a_released_definition(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    draft = twin.run(mi.create_definition("Draft")).test_sequence_definition_id
    body = {"TestSequenceDefinitionId": str(draft), "SerialNumber": "1", "PartNumber": "P", "StepName": "S"}
    with pytest.raises(ValidationError) as info:
        twin.run(mi.put_string_test(body))
    assert "Released" in info.value.message


def test_misc_info_validation(twin: Twin) -> None:
    payload = {
        "MiscInfo": [
            {"Description": "Shift", "Text": "B", "AllowedValues": "A;B"},
            {"Description": "Batch", "Text": "", "Required": True},
        ]
    }
    result = twin.run(twin.api.manual_inspection.validate_misc_info(payload))
    assert isinstance(result, MiscInfoValidation)
    assert result.is_valid is False
    assert [(e.index, e.message) for e in result.errors] == [(1, "A value is required.")]
    ok = twin.run(twin.api.manual_inspection.validate_misc_info({"MiscInfo": [{"Description": "x"}]}))
    assert ok.is_valid is True and ok.errors == []


def test_media_round_trip(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition("Instructions")).test_sequence_definition_id
    media = twin.run(mi.upload_media(ident, PDF, "steps.pdf", content_type="application/pdf"))
    assert isinstance(media, MiMedia)
    assert (media.file_name, media.size, media.content_type) == ("steps.pdf", len(PDF), "application/pdf")
    upload = [r for r in twin.control.requests() if r["method"] == "POST"][-1]
    assert str(upload["content_type"]).startswith("multipart/form-data")
    assert upload["referer"] == twin.api.base_url

    assert twin.run(mi.list_media(ident)) == [media]
    assert twin.run(mi.download_media(ident, media.id)) == PDF
    assert twin.run(mi.delete_media(ident, str(media.id))) is None
    assert twin.run(mi.list_media(ident)) == []
    with pytest.raises(NotFoundError) as info:
        twin.run(mi.download_media(ident, media.id))
    assert info.value.resource_type == "MiMedia"
    with pytest.raises(NotFoundError):
        twin.run(mi.delete_media(ident, media.id))
    lenient = twin.make(error_mode=ErrorMode.LENIENT).manual_inspection
    assert twin.run(lenient.download_media(ident, media.id)) is None


def test_media_upload_to_unknown_definition(twin: Twin) -> None:
    with pytest.raises(NotFoundError):
        twin.run(twin.api.manual_inspection.upload_media(uuid.uuid4(), b"x", "a.txt"))


def test_a_dropped_upload_is_a_connection_error_and_not_retried(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition("Instructions")).test_sequence_definition_id
    twin.control.add_fault(path="/api/internal/Blob/mi", method="POST", drop=True, count=1)
    with pytest.raises(PyWATSError):
        twin.run(mi.upload_media(ident, b"abc", "a.txt"))
    assert twin.run(mi.list_media(ident)) == []


BAD_ARGUMENTS = [
    (lambda mi: mi.put_string_test({"SerialNumber": "x"}), "TestSequenceDefinitionId"),
    (lambda mi: mi.put_string_test("x"), "payload"),
    (lambda mi: mi.validate_misc_info(["x"]), "payload"),
    (lambda mi: mi.get_mi_details("unit"), "unit_id"),
    (lambda mi: mi.upload_media(uuid.uuid4(), "text", "a.txt"), "content"),
    (lambda mi: mi.upload_media(uuid.uuid4(), b"x", ""), "filename"),
    (lambda mi: mi.download_media(uuid.uuid4(), "m"), "media_id"),
    (lambda mi: mi.delete_media("d", uuid.uuid4()), "definition_id"),
    (lambda mi: mi.list_media(""), "definition_id"),
]


def test_bad_arguments_fail_before_sending(twin: Twin) -> None:
    """Each call raises ValidationError naming the field, and nothing reaches the server."""
    twin.control.clear_requests()
    for call, field in BAD_ARGUMENTS:
        with pytest.raises(ValidationError) as info:
            twin.run(call(twin.api.manual_inspection))
        assert info.value.field == field, (field, info.value)
    assert twin.control.requests() == []


def test_payload_keys_become_pascal_case() -> None:
    from pywats.domains.manual_inspection._payloads import wire_fields
    from pywats.domains.manual_inspection.models import TestSequenceDefinition

    body = wire_fields(
        TestSequenceDefinition,
        {"include_uur_misc_info_in_uut": True, "xaml": "<a/>", "step_name": "x", "XAML2": 1, "Name": "n"},
        operation="test",
    )
    assert body == {"IncludeUURMiscInfoInUUT": True, "XAML": "<a/>", "StepName": "x", "XAML2": 1, "Name": "n"}
