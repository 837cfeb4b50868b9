"""SCIM data access: the HTTP calls of ``/api/SCIM/v2`` (endpoints.md §11)."""

from __future__ import annotations

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.domains._answers import required as _required
from pywats.domains.scim.models import ScimListResponse, ScimPatchRequest, ScimToken, ScimUser

__all__ = ["AsyncScimRepository"]


class AsyncScimRepository:
    """The SCIM endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get_token(self, duration_days: int) -> ScimToken | None:
        """``GET /api/SCIM/v2/Token?duration=…``: a provisioning token for the identity provider."""
        data = await self._transport.request(
            "GET",
            "/api/SCIM/v2/Token",
            operation="get_token",
            params={"duration": duration_days},
            expect_data=True,
        )
        return None if data is None else ScimToken.from_wire(data, operation="get_token")

    async def get_users(self, start_index: int | None, count: int | None) -> ScimListResponse:
        """``GET /api/SCIM/v2/Users``: one page of users."""
        data = await self._transport.request(
            "GET",
            "/api/SCIM/v2/Users",
            operation="get_users",
            params={"startIndex": start_index, "count": count},
        )
        return ScimListResponse.from_wire(data if data is not None else {}, operation="get_users")

    async def get_user(self, user_id: str) -> ScimUser | None:
        """``GET /api/SCIM/v2/Users/{id}``: one user."""
        data = await self._transport.request(
            "GET",
            "/api/SCIM/v2/Users/" + segment(user_id),
            operation="get_user",
            resource=("ScimUser", user_id),
            expect_data=True,
        )
        return None if data is None else ScimUser.from_wire(data, operation="get_user")

    async def get_user_by_username(self, user_name: str) -> ScimUser | None:
        """``GET /api/SCIM/v2/Users/userName={userName}``: one user by user name."""
        data = await self._transport.request(
            "GET",
            "/api/SCIM/v2/Users/userName=" + segment(user_name),
            operation="get_user_by_username",
            resource=("ScimUser", user_name),
            expect_data=True,
        )
        return None if data is None else ScimUser.from_wire(data, operation="get_user_by_username")

    async def create_user(self, user: ScimUser) -> ScimUser:
        """``POST /api/SCIM/v2/Users``: create a user."""
        data = await self._transport.request(
            "POST", "/api/SCIM/v2/Users", operation="create_user", json_body=user.to_wire()
        )
        return ScimUser.from_wire(_required(data, "create_user"), operation="create_user")

    async def patch_user(self, user_id: str, patch: ScimPatchRequest) -> ScimUser | None:
        """``PATCH /api/SCIM/v2/Users/{id}``: apply patch operations; None if the server answers 204."""
        data = await self._transport.request(
            "PATCH",
            "/api/SCIM/v2/Users/" + segment(user_id),
            operation="update_user",
            json_body=patch.to_wire(),
            resource=("ScimUser", user_id),
        )
        return None if data is None else ScimUser.from_wire(data, operation="update_user")

    async def delete_user(self, user_id: str) -> None:
        """``DELETE /api/SCIM/v2/Users/{id}``: delete a user."""
        await self._transport.request(
            "DELETE",
            "/api/SCIM/v2/Users/" + segment(user_id),
            operation="delete_user",
            resource=("ScimUser", user_id),
        )

