"""The package lifecycle (endpoints.md §9), as pure rules.

::

    Draft ⇄ Pending → Released → Revoked

A package is created as Draft. Only a Draft can be changed (metadata, files, folders); submit
it for review (Pending), then release it or send it back to Draft. A Released package is
final until it is revoked. Setting the status a package already has changes nothing. A
Released package cannot be deleted (revoke it first). The internal API numbers the statuses
0–3 in this order.
"""

from __future__ import annotations

from pywats_server.errors import BadRequest, Conflict

__all__ = [
    "DRAFT",
    "PENDING",
    "RELEASED",
    "REVOKED",
    "STATUSES",
    "check_deletable",
    "check_editable",
    "check_transition",
    "parse_status",
    "status_from_number",
]

DRAFT, PENDING, RELEASED, REVOKED = "Draft", "Pending", "Released", "Revoked"
STATUSES = (DRAFT, PENDING, RELEASED, REVOKED)
_NEXT = {DRAFT: {PENDING}, PENDING: {DRAFT, RELEASED}, RELEASED: {REVOKED}, REVOKED: set[str]()}


def parse_status(text: str | None, *, member: str = "status") -> str:
    """The canonical spelling of a status name (any letter case), or 400."""
    for status in STATUSES:
        if text is not None and text.strip().casefold() == status.casefold():
            return status
    raise BadRequest(f"{member} must be one of {', '.join(STATUSES)}, got {text!r}.")


def status_from_number(number: int) -> str:
    """The status the internal API numbers ``number`` (0 Draft … 3 Revoked), or 400."""
    if 0 <= number < len(STATUSES):
        return STATUSES[number]
    raise BadRequest(f"status must be 0 (Draft), 1 (Pending), 2 (Released) or 3 (Revoked), got {number}.")


def check_transition(current: str, wanted: str) -> None:
    """409 unless a package may go from ``current`` to ``wanted``."""
    if wanted != current and wanted not in _NEXT[current]:
        allowed = " or ".join(sorted(_NEXT[current])) or "nothing (it is final)"
        raise Conflict(f"A {current} package cannot become {wanted}; from {current} it can become {allowed}.")


def check_editable(status: str, name: str, version: int) -> None:
    """409 unless the package is a Draft."""
    if status != DRAFT:
        raise Conflict(
            f"Package '{name}' version {version} is {status}; only a Draft can be changed "
            "(create a new version, or return a Pending one to Draft)."
        )


def check_deletable(status: str, name: str, version: int) -> None:
    """409 for a Released package."""
    if status == RELEASED:
        raise Conflict(f"Package '{name}' version {version} is Released; revoke it before deleting it.")
