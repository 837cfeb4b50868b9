"""SCIM 2.0 user-provisioning models (endpoints.md §11, RFC 7643/7644)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AliasChoices, Field

from pywats.core.model import WATSModel

__all__ = [
    "LIST_RESPONSE_SCHEMA",
    "PATCH_OP_SCHEMA",
    "USER_SCHEMA",
    "ScimListResponse",
    "ScimPatchOperation",
    "ScimPatchRequest",
    "ScimToken",
    "ScimUser",
    "ScimUserEmail",
    "ScimUserName",
]

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


class ScimUserName(WATSModel):
    """The parts of a user's name."""

    formatted: str | None = None
    given_name: str | None = None
    family_name: str | None = None


class ScimUserEmail(WATSModel):
    """One e-mail address of a user; ``type`` is e.g. ``"work"``."""

    value: str | None = None
    type: str | None = None
    primary: bool | None = None


class ScimUser(WATSModel):
    """A provisioned user. ``id`` is assigned by the server; ``user_name`` is unique."""

    id: str | None = None
    user_name: str | None = None
    display_name: str | None = None
    active: bool | None = None
    external_id: str | None = None
    name: ScimUserName | None = None
    emails: list[ScimUserEmail] | None = None
    schemas: list[str] | None = None
    meta: dict[str, Any] | None = None


class ScimListResponse(WATSModel):
    """One page of users: ``resources`` (wire name ``Resources``) from ``start_index`` (1-based)."""

    total_results: int | None = None
    items_per_page: int | None = None
    start_index: int | None = None
    resources: list[ScimUser] = Field(
        default_factory=list, alias="Resources", validation_alias=AliasChoices("Resources", "resources")
    )
    schemas: list[str] | None = None


class ScimPatchOperation(WATSModel):
    """One change: ``op`` is ``add``, ``replace`` or ``remove``; ``path`` names the attribute."""

    op: str
    path: str | None = None
    value: Any = None


class ScimPatchRequest(WATSModel):
    """A SCIM PATCH body: the PatchOp schema and its ``operations`` (wire name ``Operations``)."""

    schemas: list[str] = Field(default_factory=lambda: [PATCH_OP_SCHEMA])
    operations: list[ScimPatchOperation] = Field(
        default_factory=list, alias="Operations", validation_alias=AliasChoices("Operations", "operations")
    )


class ScimToken(WATSModel):
    """A provisioning token for the identity provider (enter it as the "secret token")."""

    token: str | None = Field(default=None, repr=False)  # a credential: kept out of logs and tracebacks
    expires_utc: datetime | None = Field(
        default=None, validation_alias=AliasChoices("expiresUtc", "expires", "expires_utc")
    )
    duration_days: int | None = Field(
        default=None, validation_alias=AliasChoices("durationDays", "duration", "duration_days")
    )
