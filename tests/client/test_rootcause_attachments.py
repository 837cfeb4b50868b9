"""Root-cause attachments through both clients: multipart upload, exact download, use in comments."""

from __future__ import annotations

import uuid

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import ErrorMode, NotFoundError, PyWATSError, TicketAttachment, ValidationError

PAYLOAD = bytes(range(256)) * 64 + b"\r\n--not-a-boundary--\r\n"


def test_upload_and_download_round_trip(twin: Twin) -> None:
    rc = twin.api.rootcause
    attachment_id = twin.run(rc.upload_attachment(PAYLOAD, "scope shot.png", content_type="image/png"))
    assert isinstance(attachment_id, uuid.UUID)
    upload = [r for r in twin.control.requests() if r["method"] == "POST"][-1]
    assert str(upload["content_type"]).startswith("multipart/form-data; boundary=")

    assert twin.run(rc.get_attachment(attachment_id)) == PAYLOAD
    assert twin.run(rc.get_attachment(str(attachment_id), "renamed.png")) == PAYLOAD
    assert twin.run(rc.upload_attachment(b"", "empty.txt")) is not None


def test_attachments_in_ticket_history(twin: Twin) -> None:
    rc = twin.api.rootcause
    ticket = twin.run(rc.create_ticket("Noise on rail", assignee="tester"))
    attachment_id = twin.run(rc.upload_attachment(b"t,v\n0,1\n", "trace.csv"))
    commented = twin.run(
        rc.add_comment(
            ticket.ticket_id,
            "see trace",
            attachments=[TicketAttachment(attachment_id=attachment_id, filename="trace.csv")],
        )
    )
    assert commented.history[-1].attachments == [
        TicketAttachment(attachment_id=attachment_id, filename="trace.csv")
    ]

    with_file = twin.run(rc.attach_file(ticket.ticket_id, PAYLOAD, "photo.jpg", comment="photo"))
    entry = with_file.history[-1]
    assert entry.content == "photo"
    assert entry.attachments is not None and entry.attachments[0].filename == "photo.jpg"
    assert twin.run(rc.get_attachment(entry.attachments[0].attachment_id)) == PAYLOAD


def test_missing_attachment(twin: Twin) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as info:
        twin.run(twin.api.rootcause.get_attachment(missing))
    assert info.value.resource_type == "TicketAttachment"
    lenient = twin.make(error_mode=ErrorMode.LENIENT)
    assert twin.run(lenient.rootcause.get_attachment(missing)) is None


def test_unknown_attachment_in_a_comment_is_refused_by_the_server(twin: Twin) -> None:
    rc = twin.api.rootcause
    ticket = twin.run(rc.create_ticket("x"))
    with pytest.raises(ValidationError) as info:
        twin.run(
            rc.add_comment(ticket.ticket_id, "x", attachments=[TicketAttachment(attachment_id=uuid.uuid4())])
        )
    assert "upload it first" in info.value.message


def test_upload_is_not_retried_after_a_server_error(twin: Twin) -> None:
    twin.control.add_fault(path="/api/RootCause/Attachment", method="POST", status=503, count=1)
    with pytest.raises(PyWATSError) as info:
        twin.run(twin.api.rootcause.upload_attachment(b"abc", "a.txt"))
    assert info.value.details["status_code"] == 503
    assert len([r for r in twin.control.requests() if r["method"] == "POST"]) == 1


BAD_ARGUMENTS = [
    (lambda rc: rc.upload_attachment("text", "a.txt"), "file_content"),
    (lambda rc: rc.upload_attachment(b"x", " "), "filename"),
    (lambda rc: rc.get_attachment("nope"), "attachment_id"),
    (lambda rc: rc.add_comment(uuid.uuid4(), "x", attachments=["id"]), "attachments"),
]


def test_bad_arguments(twin: Twin) -> None:
    """Each call raises ValidationError naming the field, and nothing reaches the server."""
    twin.control.clear_requests()
    for call, field in BAD_ARGUMENTS:
        with pytest.raises(ValidationError) as info:
            twin.run(call(twin.api.rootcause))
        assert info.value.field == field, (field, info.value)
    assert twin.control.requests() == []
