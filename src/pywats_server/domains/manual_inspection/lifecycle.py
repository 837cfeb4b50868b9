"""The life cycle of a definition, as pure rules (endpoints.md §12).

Draft ⇄ Pending → Released → Revoked. Only a Draft can be edited (content, options, XAML);
releasing a version revokes the previously released version of the same name; Revoked is final.
"""

from __future__ import annotations

from pywats_server.errors import BadRequest

DRAFT, PENDING, RELEASED, REVOKED = 0, 1, 2, 3
NAMES = {DRAFT: "Draft", PENDING: "Pending", RELEASED: "Released", REVOKED: "Revoked"}
TRANSITIONS = {(DRAFT, PENDING), (PENDING, DRAFT), (PENDING, RELEASED), (RELEASED, REVOKED)}
REPAIR_MODES = (0, 1, 2)


def check_transition(current: int, wanted: int) -> None:
    """Allow a status change only along the life cycle (staying put is fine)."""
    if wanted not in NAMES:
        raise BadRequest(f"Status must be 0 (Draft), 1 (Pending), 2 (Released) or 3 (Revoked), not {wanted}.")
    if wanted != current and (current, wanted) not in TRANSITIONS:
        allowed = sorted(NAMES[to] for (frm, to) in TRANSITIONS if frm == current)
        raise BadRequest(
            f"A {NAMES[current]} definition cannot become {NAMES[wanted]}"
            + (f"; it can become {' or '.join(allowed)}." if allowed else "; Revoked is final.")
        )


def check_editable(status: int, what: str) -> None:
    """Content changes are for Drafts only."""
    if status != DRAFT:
        raise BadRequest(
            f"Only a Draft definition can be edited ({what}); this one is {NAMES.get(status, status)}."
        )


def check_repair_mode(mode: int) -> int:
    """``OnFailRequireRepair``: 0 disabled, 1 optional, 2 required."""
    if mode not in REPAIR_MODES:
        raise BadRequest(f"OnFailRequireRepair must be 0, 1 or 2, not {mode}.")
    return mode
