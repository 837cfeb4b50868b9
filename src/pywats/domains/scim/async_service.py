"""SCIM user-provisioning services: what ``api.scim`` offers on :class:`~pywats.AsyncWATS`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: SCIM user-provisioning services: what ``api.scim`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from pywats.core._checks import require_text
from pywats.core.exceptions import ValidationError
from pywats.domains.scim._paging import first_page, next_page
from pywats.domains.scim.async_repository import AsyncScimRepository
from pywats.domains.scim.models import (
    USER_SCHEMA,
    ScimListResponse,
    ScimPatchOperation,
    ScimPatchRequest,
    ScimToken,
    ScimUser,
)

__all__ = ["AsyncScimService"]

logger = logging.getLogger("pywats.domains.scim")

DEFAULT_TOKEN_DAYS = 90
DEFAULT_PAGE_SIZE = 100

OnPage = Callable[[int, int, int | None], Any]
"""``on_page(page_num, items_so_far, total)``: called once per page fetched by ``iter_users``."""


class AsyncScimService:
    """SCIM 2.0 users (as an identity provider such as Entra ID provisions them) and the token."""

    def __init__(self, repository: AsyncScimRepository) -> None:
        self.repository = repository

    async def get_token(self, duration_days: int = DEFAULT_TOKEN_DAYS) -> ScimToken | None:
        """A provisioning token valid for ``duration_days`` (an administrator's call).

        Enter ``token.token`` as the secret token of the identity provider's provisioning setup.
        """
        _require_int("duration_days", duration_days, minimum=1, operation="get_token")
        return await self.repository.get_token(duration_days)

    async def get_users(self, start_index: int | None = None, count: int | None = None) -> ScimListResponse:
        """One page of users: ``count`` of them from ``start_index`` (1-based; server defaults)."""
        if start_index is not None:
            _require_int("start_index", start_index, minimum=1, operation="get_users")
        if count is not None:
            _require_int("count", count, minimum=0, operation="get_users")
        return await self.repository.get_users(start_index, count)

    def iter_users(
        self,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_users: int | None = None,
        on_page: OnPage | None = None,
    ) -> AsyncIterator[ScimUser]:
        """Every user, fetching ``page_size`` at a time, and only when the previous page is used up.

        Use it as ``async for user in api.scim.iter_users(page_size=100): ...``. ``max_users``
        stops after that many users. ``on_page(page_num, items_so_far, total)`` is called after
        each page arrives; ``total`` is the server's count (None if unknown). Arguments are
        checked at once, before the first page is requested.
        """
        _require_int("page_size", page_size, minimum=1, operation="iter_users")
        if max_users is not None:
            _require_int("max_users", max_users, minimum=0, operation="iter_users")
        if on_page is not None and not callable(on_page):
            raise ValidationError(
                "on_page must be callable", field="on_page", value=on_page, operation="iter_users"
            )
        return self._iter_pages(page_size, max_users, on_page)

    async def _iter_pages(
        self, page_size: int, max_users: int | None, on_page: OnPage | None
    ) -> AsyncIterator[ScimUser]:
        request = first_page(page_size, max_users)
        delivered = 0
        page_num = 0
        while request is not None:
            page = await self.repository.get_users(request.start_index, request.count)
            users = page.resources
            if max_users is not None:
                users = users[: max_users - delivered]  # a server may send more than asked
            page_num += 1
            so_far = delivered + len(users)
            logger.debug("SCIM page %d: %d users (%d so far)", page_num, len(users), so_far)
            if on_page is not None:
                on_page(page_num, so_far, page.total_results)
            for user in users:
                delivered += 1
                yield user
            request = next_page(
                request, len(page.resources), page.total_results, delivered, page_size, max_users
            )

    async def get_user(self, user_id: str) -> ScimUser | None:
        """One user by id. Raises :class:`~pywats.NotFoundError` if unknown (None in LENIENT mode)."""
        require_text("user_id", user_id, operation="get_user")
        return await self.repository.get_user(user_id)

    async def get_user_by_username(self, username: str) -> ScimUser | None:
        """One user by user name. Raises :class:`~pywats.NotFoundError` if unknown (None in LENIENT mode)."""
        require_text("username", username, operation="get_user_by_username")
        return await self.repository.get_user_by_username(username)

    async def create_user(self, user: ScimUser) -> ScimUser:
        """Create a user (``user_name`` required) and return it with its server-assigned id."""
        if not isinstance(user, ScimUser):
            raise ValidationError(
                f"user must be a ScimUser, got {type(user).__name__}",
                field="user",
                value=user,
                operation="create_user",
            )
        require_text("user.user_name", user.user_name, operation="create_user")
        if user.schemas is None:
            user = user.model_copy(update={"schemas": [USER_SCHEMA]})
        created = await self.repository.create_user(user)
        logger.info("Created SCIM user %s", created.user_name)
        return created

    async def update_user(self, user_id: str, patch_request: ScimPatchRequest) -> ScimUser | None:
        """Apply a :class:`ScimPatchRequest` to a user and return the user as stored."""
        require_text("user_id", user_id, operation="update_user")
        if not isinstance(patch_request, ScimPatchRequest) or not patch_request.operations:
            raise ValidationError(
                "patch_request must be a ScimPatchRequest with at least one operation",
                field="patch_request",
                value=patch_request,
                operation="update_user",
            )
        updated = await self.repository.patch_user(user_id, patch_request)
        if updated is None:  # RFC 7644 lets a server answer 204: read the result back
            return await self.repository.get_user(user_id)
        logger.info("Updated SCIM user %s", user_id)
        return updated

    async def delete_user(self, user_id: str) -> None:
        """Delete a user. Raises :class:`~pywats.NotFoundError` if unknown (nothing in LENIENT mode)."""
        require_text("user_id", user_id, operation="delete_user")
        await self.repository.delete_user(user_id)
        logger.info("Deleted SCIM user %s", user_id)

    async def set_user_active(self, user_id: str, active: bool) -> ScimUser | None:
        """Activate or deactivate a user."""
        if not isinstance(active, bool):
            raise ValidationError(
                "active must be True or False", field="active", value=active, operation="set_user_active"
            )
        return await self.update_user(user_id, _replace("active", active))

    async def deactivate_user(self, user_id: str) -> ScimUser | None:
        """Deactivate a user (``active`` = False); the user stays provisioned."""
        return await self.set_user_active(user_id, False)

    async def update_display_name(self, user_id: str, display_name: str) -> ScimUser | None:
        """Change a user's display name."""
        require_text("display_name", display_name, operation="update_display_name")
        return await self.update_user(user_id, _replace("displayName", display_name))


def _replace(path: str, value: Any) -> ScimPatchRequest:
    return ScimPatchRequest(operations=[ScimPatchOperation(op="replace", path=path, value=value)])


def _require_int(field: str, value: Any, *, minimum: int, operation: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(
            f"{field} must be an integer ≥ {minimum}, got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return value
