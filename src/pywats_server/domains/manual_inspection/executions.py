"""Executions of definitions on units (string-test values, MI details) and misc-info validation.

An execution ("instance") is created by the first string-test value recorded for a unit under a
Released definition. A unit is identified by ``UnitId`` when sent, else by a stable id derived from
its part and serial number, so repeated entries for one unit land in one instance.

``ValidateMiscInfo`` is not documented beyond "data to validate → validation result"; this
server checks each entry of ``MiscInfo``: ``Description`` is required and at most 100 characters,
``Text`` at most 100, not blank if ``Required``, and one of ``AllowedValues`` (``;``-separated)
when given. The answer is ``{"IsValid": bool, "Errors": [{"Index", "Description", "Message"}]}``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.manual_inspection import lifecycle
from pywats_server.domains.manual_inspection._common import require_definition, utc
from pywats_server.domains.manual_inspection.schemas import (
    Instance,
    MiscInfoEntry,
    MiscInfoIn,
    MiscInfoProblem,
    MiscInfoValidation,
    StringTest,
    StringTestIn,
)
from pywats_server.domains.manual_inspection.tables import MiInstanceRow
from pywats_server.errors import BadRequest, NotFound

MISC_INFO_MAX_CHARS = 100
_UNIT_NAMESPACE = uuid.UUID("6f1d3c2a-8a47-4f5e-9a51-2c1f0e7b9d10")


def unit_id_for(part_number: str, serial_number: str) -> UUID:
    """The stable id of a unit known only by part and serial number."""
    return uuid.uuid5(_UNIT_NAMESPACE, f"{part_number}\x1f{serial_number}")


class ExecutionBackend:
    """Executions of one server's definitions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def put_string_test(self, body: StringTestIn, user: str) -> Instance:
        """Record a string-test value for a unit; returns the unit's instance of the definition."""
        serial, part, step = (
            (body.serial_number or "").strip(),
            (body.part_number or "").strip(),
            body.step_name,
        )
        for name, value in (("SerialNumber", serial), ("PartNumber", part), ("StepName", step)):
            if not value or not value.strip():
                raise BadRequest(f"{name} is required.")
        assert step is not None
        unit_id = str(body.unit_id or unit_id_for(part, serial))
        now = datetime.now(UTC)

        def work(session: Session) -> Instance:
            definition = require_definition(session, body.test_sequence_definition_id)
            if definition.status != lifecycle.RELEASED:
                state = lifecycle.NAMES[definition.status]
                raise BadRequest(f"Only a Released definition can be executed; this one is {state}.")
            row = session.scalar(
                select(MiInstanceRow).where(
                    MiInstanceRow.definition_id == definition.id, MiInstanceRow.unit_id == unit_id
                )
            )
            if row is None:
                row = MiInstanceRow(
                    id=str(uuid.uuid4()),
                    definition_id=definition.id,
                    unit_id=unit_id,
                    serial_number=serial,
                    part_number=part,
                    revision=body.revision,
                    created=now,
                    string_tests=[],
                )
                session.add(row)
            entry = {
                "StepName": step.strip(),
                "Value": body.value,
                "Created": now.isoformat(),
                "CreatedBy": user,
            }
            row.string_tests = [*row.string_tests, entry]
            row.last_event_time = now
            if body.revision:
                row.revision = body.revision
            session.flush()
            return _to_wire(row)

        return self.db.write(work)

    def get_details(self, instance_or_unit_id: UUID) -> Instance:
        """An instance by its id, or the most recent instance of a unit."""

        def work(session: Session) -> Instance:
            key = str(instance_or_unit_id)
            row = session.scalar(
                select(MiInstanceRow)
                .where(or_(MiInstanceRow.id == key, MiInstanceRow.unit_id == key))
                .order_by(MiInstanceRow.last_event_time.desc())
                .limit(1)
            )
            if row is None:
                raise NotFound(f"No manual inspection found for '{instance_or_unit_id}'")
            return _to_wire(row)

        return self.db.read(work)

    def validate_misc_info(self, body: MiscInfoIn) -> MiscInfoValidation:
        """Check misc-info entries (see the module docstring)."""
        if body.test_sequence_definition_id is not None:
            definition_id = body.test_sequence_definition_id
            self.db.read(lambda session: require_definition(session, definition_id))
        problems = [p for index, entry in enumerate(body.misc_info) for p in _problems(index, entry)]
        return MiscInfoValidation(is_valid=not problems, errors=problems)


def _problems(index: int, entry: MiscInfoEntry) -> list[MiscInfoProblem]:
    found = []

    def problem(message: str) -> None:
        found.append(MiscInfoProblem(index=index, description=entry.description, message=message))

    description = (entry.description or "").strip()
    text = entry.text or ""
    if not description:
        problem("Description is required.")
    elif len(description) > MISC_INFO_MAX_CHARS:
        problem(f"Description is longer than {MISC_INFO_MAX_CHARS} characters.")
    if len(text) > MISC_INFO_MAX_CHARS:
        problem(f"Text is longer than {MISC_INFO_MAX_CHARS} characters.")
    if entry.required and not text.strip():
        problem("A value is required.")
    allowed = [v.strip() for v in (entry.allowed_values or "").split(";") if v.strip()]
    if allowed and text.strip() and text.strip() not in allowed:
        problem(f"'{text}' is not one of: {', '.join(allowed)}.")
    return found


def _to_wire(row: MiInstanceRow) -> Instance:
    return Instance(
        test_sequence_instance_id=UUID(row.id),
        test_sequence_definition_id=UUID(row.definition_id),
        unit_id=UUID(row.unit_id),
        serial_number=row.serial_number,
        part_number=row.part_number,
        revision=row.revision,
        created=utc(row.created),
        last_event_time=utc(row.last_event_time),
        string_tests=[StringTest.model_validate(entry) for entry in row.string_tests],
    )
