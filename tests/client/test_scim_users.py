"""SCIM users and token through both clients against the local server (endpoints.md §11)."""

from __future__ import annotations

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import (
    ConflictError,
    ErrorMode,
    NotFoundError,
    ScimListResponse,
    ScimPatchOperation,
    ScimPatchRequest,
    ScimToken,
    ScimUser,
    ScimUserEmail,
    ScimUserName,
    ValidationError,
)


def _user(user_name: str, **extra: object) -> ScimUser:
    return ScimUser(user_name=user_name, display_name=user_name.title(), **extra)


def test_create_get_and_delete(twin: Twin) -> None:
    scim = twin.api.scim
    created = twin.run(
        scim.create_user(
            _user(
                "ada@example.com",
                external_id="aad-1",
                name=ScimUserName(given_name="Ada", family_name="Lovelace"),
                emails=[ScimUserEmail(value="ada@example.com", type="work", primary=True)],
            )
        )
    )
    assert created.id and created.active is True
    assert created.schemas == ["urn:ietf:params:scim:schemas:core:2.0:User"]
    assert created.name == ScimUserName(given_name="Ada", family_name="Lovelace")
    assert created.meta is not None and created.meta["resourceType"] == "User"

    assert twin.run(scim.get_user(created.id)) == created
    assert twin.run(scim.get_user_by_username("ADA@example.com")).id == created.id

    assert twin.run(scim.delete_user(created.id)) is None
    with pytest.raises(NotFoundError) as info:
        twin.run(scim.get_user(created.id))
    assert info.value.resource_type == "ScimUser"
    assert "not found" in info.value.details["server_message"]  # the SCIM error's detail


def test_missing_users_strict_and_lenient(twin: Twin) -> None:
    with pytest.raises(NotFoundError):
        twin.run(twin.api.scim.get_user_by_username("nobody"))
    with pytest.raises(NotFoundError):
        twin.run(twin.api.scim.delete_user("no-such-id"))
    lenient = twin.make(error_mode=ErrorMode.LENIENT)
    assert twin.run(lenient.scim.get_user("no-such-id")) is None
    assert twin.run(lenient.scim.get_user_by_username("nobody")) is None
    assert twin.run(lenient.scim.update_display_name("no-such-id", "x")) is None


def test_patch_helpers(twin: Twin) -> None:
    scim = twin.api.scim
    user = twin.run(scim.create_user(_user("bob")))
    assert twin.run(scim.deactivate_user(user.id)).active is False
    assert twin.run(scim.set_user_active(user.id, True)).active is True
    assert twin.run(scim.update_display_name(user.id, "Robert")).display_name == "Robert"
    request = ScimPatchRequest(
        operations=[
            ScimPatchOperation(op="replace", path="name.givenName", value="Rob"),
            ScimPatchOperation(op="add", value={"externalId": "aad-2"}),
        ]
    )
    patched = twin.run(scim.update_user(user.id, request))
    assert patched.name.given_name == "Rob" and patched.external_id == "aad-2"
    sent = [r for r in twin.control.requests() if r["method"] == "PATCH"]
    assert len(sent) == 4 and str(sent[0]["content_type"]).startswith("application/json")


def test_server_errors_arrive_typed(twin: Twin) -> None:
    scim = twin.api.scim
    twin.run(scim.create_user(_user("carol")))
    with pytest.raises(ConflictError) as conflict:
        twin.run(scim.create_user(_user("CAROL")))
    assert "already in use" in conflict.value.message
    user = twin.run(scim.create_user(_user("dave")))
    bad_path = ScimPatchRequest(operations=[ScimPatchOperation(op="replace", path="nickName", value="x")])
    with pytest.raises(ValidationError) as invalid:
        twin.run(scim.update_user(user.id, bad_path))
    assert "nickName" in invalid.value.message


def test_one_page(twin: Twin) -> None:
    for i in range(5):
        twin.run(twin.api.scim.create_user(_user(f"user{i}")))
    page = twin.run(twin.api.scim.get_users(start_index=2, count=2))
    assert isinstance(page, ScimListResponse)
    assert (page.total_results, page.start_index, page.items_per_page) == (5, 2, 2)
    assert [u.user_name for u in page.resources] == ["user1", "user2"]
    assert len(twin.run(twin.api.scim.get_users()).resources) == 5


def test_token(twin: Twin) -> None:
    token = twin.run(twin.api.scim.get_token(30))
    assert isinstance(token, ScimToken)
    assert token.duration_days == 30 and token.expires_utc is not None
    assert token.token and token.token.count(".") == 2
    assert token.token not in repr(token) and token.token not in str(token)
    assert twin.run(twin.api.scim.get_token()).duration_days == 90
    assert "duration=90" in str(
        [r for r in twin.control.requests() if "Token" in str(r["path"])][-1]["query"]
    )


BAD_ARGUMENTS = [
    (lambda s: s.get_token(0), "duration_days"),
    (lambda s: s.get_token("90"), "duration_days"),
    (lambda s: s.get_users(start_index=0), "start_index"),
    (lambda s: s.get_users(count=-1), "count"),
    (lambda s: s.get_user(""), "user_id"),
    (lambda s: s.get_user_by_username(" "), "username"),
    (lambda s: s.create_user({"userName": "x"}), "user"),
    (lambda s: s.create_user(ScimUser(display_name="no name")), "user.user_name"),
    (lambda s: s.update_user("id", ScimPatchRequest()), "patch_request"),
    (lambda s: s.set_user_active("id", "yes"), "active"),
    (lambda s: s.update_display_name("id", ""), "display_name"),
    (lambda s: s.delete_user(None), "user_id"),
    (lambda s: s.iter_users(page_size=0), "page_size"),
    (lambda s: s.iter_users(max_users=-1), "max_users"),
    (lambda s: s.iter_users(on_page="print"), "on_page"),
]


def test_bad_arguments_fail_before_sending(twin: Twin) -> None:
    """Each call raises ValidationError naming the field, and nothing reaches the server."""
    twin.control.clear_requests()
    for call, field in BAD_ARGUMENTS:
        with pytest.raises(ValidationError) as info:
            twin.run(call(twin.api.scim))
        assert info.value.field == field, (field, info.value)
    assert twin.control.requests() == []
