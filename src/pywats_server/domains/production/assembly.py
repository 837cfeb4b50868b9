"""Assembly: mounting child units in parent units, checked against the parent revision's box-build template.

When the parent's revision has a template, a child must fit one of its lines (part number, and revision or
revision mask) and a line takes no more children than its quantity. A revision without a template accepts
any child; ``CheckChildUnits`` then says there is no template to be complete against.

The public endpoints answer a broken rule with 400 (409 for a child mounted elsewhere); the internal ones
answer 200 with ``{"success": false, "message": ...}``, as WATS's web client expects.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.product.backend import require_revision
from pywats_server.domains.product.box_build import line_for, revision_matches, template_lines
from pywats_server.domains.product.tables import RevisionRelationRow
from pywats_server.domains.production.phases import FINALIZED, phase_name
from pywats_server.domains.production.schemas import CommandResult
from pywats_server.domains.production.tables import UnitRow
from pywats_server.domains.production.units import record_change, require_unit
from pywats_server.errors import BadRequest, Conflict, WatsHTTPError

logger = logging.getLogger(__name__)

# What the change feed records as the new parent of a unit that was taken out of its parent.
DETACHED = ""


def _label(unit: UnitRow) -> str:
    revision = f" rev {unit.revision.revision}" if unit.revision else ""
    return f"{unit.serial_number} ({unit.part_number}{revision})"


def _revision_of(unit: UnitRow) -> str | None:
    return unit.revision.revision if unit.revision else None


def mount(session: Session, parent: UnitRow, child: UnitRow) -> None:
    """Mount ``child`` in ``parent`` or raise why not (400, or 409 if it is mounted elsewhere)."""
    if child.unit_id == parent.unit_id:
        raise BadRequest(f"Unit {_label(child)} cannot be mounted in itself.")
    if child.parent_unit_id == parent.unit_id:
        return  # already there: nothing to do
    ancestor = parent.parent
    while ancestor is not None:
        if ancestor.unit_id == child.unit_id:
            raise BadRequest(f"Unit {_label(child)} contains {_label(parent)} and cannot be mounted in it.")
        ancestor = ancestor.parent
    if child.parent is not None:
        raise Conflict(f"Unit {_label(child)} is already mounted in {_label(child.parent)}.")
    if parent.product_revision_id is not None:
        lines = template_lines(session, parent.product_revision_id)
        if lines:
            line = line_for(lines, child.part_number, _revision_of(child))
            if line is None:
                raise BadRequest(
                    f"Unit {_label(child)} is not part of the box build of {parent.part_number} "
                    f"rev {_revision_of(parent)}."
                )
            mounted = sum(
                1 for other in parent.children if line_for([line], other.part_number, _revision_of(other))
            )
            if mounted >= line.quantity:
                raise BadRequest(
                    f"The box build of {parent.part_number} rev {_revision_of(parent)} takes {line.quantity} "
                    f"of {line.child.product.part_number}; {parent.serial_number} has {mounted} mounted."
                )
    child.parent = parent
    record_change(session, child, parent=parent.serial_number)
    logger.info("mounted %s in %s", child.serial_number, parent.serial_number)


def unmount(session: Session, parent: UnitRow, child: UnitRow) -> None:
    """Take ``child`` out of ``parent`` (400 if it is not mounted there)."""
    if child.parent_unit_id != parent.unit_id:
        raise BadRequest(f"Unit {_label(child)} is not mounted in {_label(parent)}.")
    child.parent = None
    record_change(session, child, parent=DETACHED)


def compliance(
    session: Session, unit: UnitRow, template_revision_id: str | None, revision: str | None
) -> dict[str, Any]:
    """How a unit's children compare with a revision's template (the CheckChildUnits answer)."""
    lines = template_lines(session, template_revision_id) if template_revision_id else []
    children = list(unit.children)
    used: set[str] = set()
    rows, messages = [], []
    for line in lines:
        fitting = [
            child
            for child in children
            if child.unit_id not in used and line_for([line], child.part_number, _revision_of(child))
        ][: line.quantity]
        used.update(child.unit_id for child in fitting)
        missing = line.quantity - len(fitting)
        if missing:
            messages.append(f"{missing} of {line.child.product.part_number} missing.")
        rows.append(
            {
                "partNumber": line.child.product.part_number,
                "revision": line.child.revision,
                "revisionMask": line.revision_mask,
                "quantity": line.quantity,
                "mounted": len(fitting),
                "missing": missing,
                "serialNumbers": [child.serial_number for child in fitting],
            }
        )
    unexpected = [child for child in children if child.unit_id not in used] if lines else []
    messages.extend(f"{_label(child)} is not part of the box build." for child in unexpected)
    if not lines:
        messages.append(f"{unit.part_number} rev {revision} has no box-build template.")
    return {
        "serialNumber": unit.serial_number,
        "partNumber": unit.part_number,
        "revision": revision,
        "hasTemplate": bool(lines),
        "isComplete": bool(lines) and not messages,
        "lines": rows,
        "unexpected": [
            {"serialNumber": c.serial_number, "partNumber": c.part_number, "revision": _revision_of(c)}
            for c in unexpected
        ],
        "messages": messages,
    }


def relation_in_use(session: Session, relation: RevisionRelationRow) -> str | None:
    """Why a box-build line may not be deleted: a mounted child that only this line allows."""
    others = [line for line in template_lines(session, relation.parent_revision_id) if line is not relation]
    parents = session.scalars(
        select(UnitRow).where(UnitRow.product_revision_id == relation.parent_revision_id)
    )
    for parent in parents:
        for child in parent.children:
            revision = _revision_of(child)
            if line_for([relation], child.part_number, revision) and not line_for(
                others, child.part_number, revision
            ):
                return (
                    f"Unit {_label(child)} is mounted in {parent.serial_number} under this box-build line; "
                    "remove it from the unit first."
                )
    return None


class AssemblyBackend:
    """Mounting and unmounting units, and checking assemblies."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add_child(self, parent_sn: str, parent_pn: str, child_sn: str, child_pn: str) -> None:
        """Mount a child unit in a parent unit (public ``AddChildUnit``)."""
        self.db.write(
            lambda session: mount(
                session,
                require_unit(session, parent_sn, parent_pn),
                require_unit(session, child_sn, child_pn),
            )
        )

    def remove_child(self, parent_sn: str, parent_pn: str, child_sn: str, child_pn: str) -> None:
        """Take a child unit out of its parent (public ``RemoveChildUnit``)."""
        self.db.write(
            lambda session: unmount(
                session,
                require_unit(session, parent_sn, parent_pn),
                require_unit(session, child_sn, child_pn),
            )
        )

    def check(self, serial_number: str, part_number: str, revision: str) -> dict[str, Any]:
        """A unit's children against the template of ``revision`` (public ``CheckChildUnits``)."""

        def work(session: Session) -> dict[str, Any]:
            unit = require_unit(session, serial_number, part_number)
            template = require_revision(session, part_number, revision)
            return compliance(session, unit, template.product_revision_id, revision)

        return self.db.read(work)

    def check_own_template(self, serial_number: str, part_number: str) -> dict[str, Any]:
        """A unit's children against its own revision's template (internal ``CheckChildUnits``)."""

        def work(session: Session) -> dict[str, Any]:
            unit = require_unit(session, serial_number, part_number)
            return compliance(session, unit, unit.product_revision_id, _revision_of(unit))

        return self.db.read(work)

    def add_child_checked(
        self,
        serial_number: str,
        part_number: str,
        child_sn: str,
        child_pn: str,
        check_part_number: str | None,
        check_revision: str | None,
        check_phase: bool,
    ) -> CommandResult:
        """Internal ``AddChildUnit``: the expected part number, revision and phase are checked as well."""

        def work(session: Session) -> CommandResult:
            parent = require_unit(session, serial_number, part_number)
            child = require_unit(session, child_sn, child_pn)
            if check_part_number and child.part_number != check_part_number:
                return _refused(f"Expected a unit of {check_part_number}, but {_label(child)} is not one.")
            if check_revision and not revision_matches(_revision_of(child) or "", check_revision):
                return _refused(f"Expected revision {check_revision}, but {_label(child)} is not.")
            if check_phase and child.unit_phase_id != FINALIZED:
                return _refused(
                    f"Unit {_label(child)} must be Finalized to be mounted; "
                    f"it is {phase_name(child.unit_phase_id)}."
                )
            try:
                mount(session, parent, child)
            except (BadRequest, Conflict) as exc:
                return _refused(exc.message)
            return CommandResult(success=True, message=f"{_label(child)} was mounted in {_label(parent)}.")

        return self.db.write(work)

    def remove_child_checked(
        self, serial_number: str, part_number: str, child_sn: str, child_pn: str
    ) -> CommandResult:
        """Internal ``RemoveChildUnit``."""

        def work(session: Session) -> CommandResult:
            parent = require_unit(session, serial_number, part_number)
            child = require_unit(session, child_sn, child_pn)
            try:
                unmount(session, parent, child)
            except WatsHTTPError as exc:
                return _refused(exc.message)
            return CommandResult(success=True, message=f"{_label(child)} was removed from {_label(parent)}.")

        return self.db.write(work)

    def remove_all(self, serial_number: str, part_number: str) -> CommandResult:
        """Internal ``RemoveAllChildUnits``."""

        def work(session: Session) -> CommandResult:
            parent = require_unit(session, serial_number, part_number)
            children = list(parent.children)
            for child in children:
                unmount(session, parent, child)
            return CommandResult(
                success=True,
                message=f"{len(children)} unit(s) removed from {_label(parent)}.",
                details={"removed": len(children)},
            )

        return self.db.write(work)


def _refused(message: str) -> CommandResult:
    return CommandResult(success=False, message=message)
