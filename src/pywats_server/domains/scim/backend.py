"""The SCIM domain's behaviour: users, paging, filtering, patching, and the provisioning token.

Paging follows RFC 7644 §3.4.2.4: ``startIndex`` is 1-based (values below 1 mean 1), ``count``
is a maximum (negative means 0; absent means :data:`DEFAULT_COUNT`; never more than
:data:`MAX_COUNT`). Users are listed in creation order, so pages are stable. ``userName`` is unique
ignoring case.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.scim import patch
from pywats_server.domains.scim.problems import ScimProblem
from pywats_server.domains.scim.schemas import (
    PATCH_OP_SCHEMA,
    Email,
    ListResponse,
    Meta,
    PatchRequest,
    Token,
    User,
    UserIn,
    UserName,
)
from pywats_server.domains.scim.tables import ScimUserRow
from pywats_server.domains.scim.token import MAX_DAYS, MIN_DAYS, TokenIssuer

logger = logging.getLogger(__name__)

DEFAULT_COUNT = 100
MAX_COUNT = 1000


@dataclass(frozen=True)
class Page:
    """A listing request: 1-based ``start_index``, ``count``, optional ``(attribute, value)`` match."""

    start_index: int
    count: int
    match: tuple[str, str] | None = None


class ScimBackend:
    """The SCIM users of one server. ``base_url`` + path gives each user's ``meta.location``."""

    def __init__(self, db: Database, issuer: TokenIssuer | None = None) -> None:
        self.db = db
        self.issuer = issuer or TokenIssuer()

    def issue_token(self, user: str, days: int) -> Token:
        """A provisioning token valid for ``days`` days."""
        if not MIN_DAYS <= days <= MAX_DAYS:
            raise ScimProblem(
                400, f"duration must be {MIN_DAYS} to {MAX_DAYS} days, not {days}.", "invalidValue"
            )
        token, expires = self.issuer.issue(user, days)
        logger.info("SCIM token issued to %s for %d days", user, days)
        return Token(token=token, expires_utc=expires, duration_days=days)

    def list_users(self, page: Page, base_url: str) -> ListResponse:
        """One page of users (all users, or those matching ``page.match``)."""
        start = max(page.start_index, 1)
        count = min(max(page.count, 0), MAX_COUNT)

        def work(session: Session) -> ListResponse:
            query = select(ScimUserRow)
            if page.match is not None:
                query = query.where(_matches(*page.match))
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(query.order_by(ScimUserRow.position).offset(start - 1).limit(count)).all()
            users = [_to_wire(row, base_url) for row in rows]
            return ListResponse(
                total_results=total, start_index=start, items_per_page=len(users), resources=users
            )

        return self.db.read(work)

    def get_user(self, user_id: str, base_url: str) -> User:
        """One user by id."""
        return self.db.read(lambda session: _to_wire(_require(session, user_id), base_url))

    def get_user_by_name(self, user_name: str, base_url: str) -> User:
        """One user by user name (ignoring case)."""

        def work(session: Session) -> User:
            row = session.scalar(select(ScimUserRow).where(ScimUserRow.user_name_key == user_name.casefold()))
            if row is None:
                raise ScimProblem(404, f"User with userName '{user_name}' not found.")
            return _to_wire(row, base_url)

        return self.db.read(work)

    def create_user(self, user: UserIn, base_url: str) -> User:
        """Create a user; 409 ``uniqueness`` if the user name is taken."""
        if not user.user_name or not user.user_name.strip():
            raise ScimProblem(400, "userName is required.", "invalidValue")
        now = datetime.now(UTC)
        fields = _fields(user.model_dump(by_alias=True, exclude_none=True))

        def work(session: Session) -> User:
            _check_unique(session, fields["userName"], None)
            row = ScimUserRow(id=str(uuid.uuid4()), created=now, last_modified=now, version=1)
            _store(row, fields)
            session.add(row)
            session.flush()
            return _to_wire(row, base_url)

        created = self.db.write(work)
        logger.info("SCIM user %s created", created.user_name)
        return created

    def patch_user(self, user_id: str, request: PatchRequest, base_url: str) -> User:
        """Apply a PatchOp request, all operations or none."""
        if request.schemas is not None and PATCH_OP_SCHEMA not in request.schemas:
            raise ScimProblem(400, f"schemas must contain '{PATCH_OP_SCHEMA}'.", "invalidSyntax")
        if not request.operations:
            raise ScimProblem(400, "Operations must contain at least one operation.", "invalidSyntax")
        operations = [(o.op, o.path, o.value) for o in request.operations]

        def work(session: Session) -> User:
            row = _require(session, user_id)
            updated = patch.apply_operations(_fields_of(row), operations)
            _check_unique(session, updated["userName"], row.id)
            _store(row, _fields(updated))
            row.last_modified = datetime.now(UTC)
            row.version += 1
            return _to_wire(row, base_url)

        return self.db.write(work)

    def delete_user(self, user_id: str) -> None:
        """Delete a user."""
        self.db.write(lambda session: session.delete(_require(session, user_id)))
        logger.info("SCIM user %s deleted", user_id)


# -- helpers ---------------------------------------------------------------------------------------


def _require(session: Session, user_id: str) -> ScimUserRow:
    row = session.scalar(select(ScimUserRow).where(ScimUserRow.id == user_id))
    if row is None:
        raise ScimProblem(404, f"User '{user_id}' not found.")
    return row


def _matches(attribute: str, value: str) -> Any:
    if attribute == "userName":
        return ScimUserRow.user_name_key == value.casefold()
    column = {
        "externalId": ScimUserRow.external_id,
        "id": ScimUserRow.id,
        "displayName": ScimUserRow.display_name,
    }
    return column[attribute] == value


def _check_unique(session: Session, user_name: str, own_id: str | None) -> None:
    other = session.scalar(select(ScimUserRow).where(ScimUserRow.user_name_key == user_name.casefold()))
    if other is not None and other.id != own_id:
        raise ScimProblem(409, f"userName '{user_name}' is already in use.", "uniqueness")


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """The stored attributes, validated the same way whether they came from a POST or a PATCH."""
    try:
        user = UserIn.model_validate(data)
    except ValueError as exc:
        raise ScimProblem(400, f"Invalid user: {exc}", "invalidValue") from exc
    return {
        "userName": (user.user_name or "").strip(),
        "externalId": user.external_id,
        "displayName": user.display_name,
        "active": True if user.active is None else user.active,
        "name": user.name.model_dump(by_alias=True, exclude_none=True) if user.name else None,
        "emails": [e.model_dump(by_alias=True, exclude_none=True) for e in user.emails]
        if user.emails
        else None,
    }


def _store(row: ScimUserRow, fields: dict[str, Any]) -> None:
    row.user_name = fields["userName"]
    row.user_name_key = fields["userName"].casefold()
    row.external_id = fields["externalId"]
    row.display_name = fields["displayName"]
    row.active = fields["active"]
    row.name = fields["name"] or None
    row.emails = fields["emails"] or None


def _fields_of(row: ScimUserRow) -> dict[str, Any]:
    return {
        "userName": row.user_name,
        "externalId": row.external_id,
        "displayName": row.display_name,
        "active": row.active,
        "name": row.name,
        "emails": row.emails,
    }


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _to_wire(row: ScimUserRow, base_url: str) -> User:
    return User(
        id=row.id,
        external_id=row.external_id,
        user_name=row.user_name,
        display_name=row.display_name,
        active=row.active,
        name=UserName.model_validate(row.name) if row.name else None,
        emails=[Email.model_validate(e) for e in row.emails] if row.emails else None,
        meta=Meta(
            created=_utc(row.created),
            last_modified=_utc(row.last_modified),
            location=f"{base_url}/api/SCIM/v2/Users/{row.id}",
            version=f'W/"{row.version}"',
        ),
    )
