"""Wire shapes of the SCIM domain (RFC 7643 User, RFC 7644 ListResponse, PatchOp and Error)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ConfigDict, Field

from pywats_server.domains.wire import WireModel

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
SCIM_MEDIA_TYPE = "application/scim+json"


class UserName(WireModel):
    """``name``: the parts of a user's name."""

    formatted: str | None = None
    given_name: str | None = None
    family_name: str | None = None


class Email(WireModel):
    """One entry of ``emails``."""

    value: str | None = None
    type: str | None = None
    primary: bool | None = None


class Meta(WireModel):
    """``meta``: resource type, times, location and version."""

    resource_type: str = "User"
    created: datetime
    last_modified: datetime
    location: str
    version: str


class UserIn(WireModel):
    """A user as a client creates it (``id`` and ``meta`` are the server's and ignored)."""

    schemas: list[str] | None = None
    user_name: str | None = None
    external_id: str | None = None
    display_name: str | None = None
    active: bool | None = None
    name: UserName | None = None
    emails: list[Email] | None = None


class User(WireModel):
    """A user as the server answers it."""

    schemas: list[str] = Field(default_factory=lambda: [USER_SCHEMA])
    id: str
    external_id: str | None = None
    user_name: str
    display_name: str | None = None
    active: bool
    name: UserName | None = None
    emails: list[Email] | None = None
    meta: Meta


class ListResponse(WireModel):
    """One page of users. ``Resources`` is capitalised, as RFC 7644 §3.4.2 writes it."""

    model_config = ConfigDict(serialize_by_alias=True)

    schemas: list[str] = Field(default_factory=lambda: [LIST_RESPONSE_SCHEMA])
    total_results: int
    start_index: int
    items_per_page: int
    resources: list[User] = Field(alias="Resources")


class PatchOperation(WireModel):
    """One operation of a PatchOp request."""

    op: str
    path: str | None = None
    value: Any = None


class PatchRequest(WireModel):
    """A PatchOp request body (``Operations`` capitalised, as RFC 7644 §3.5.2 writes it)."""

    schemas: list[str] | None = None
    operations: list[PatchOperation] = Field(alias="Operations")


class Token(WireModel):
    """A provisioning token for the identity provider."""

    token: str
    expires_utc: datetime
    duration_days: int
