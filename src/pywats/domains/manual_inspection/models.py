"""Manual-inspection models (endpoints.md §12, §13): PascalCase on the wire, snake_case in Python."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Annotated
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_pascal

from pywats.core.model import WATSModel
from pywats.domains._enums import known_enum

__all__ = [
    "DefinitionStatus",
    "MiMedia",
    "MiSequence",
    "MiscInfoProblem",
    "MiscInfoValidation",
    "RelationConflict",
    "RepairOnFailed",
    "TestSequenceDefinition",
    "TestSequenceInstance",
    "TestSequenceProcessRelation",
    "TestSequenceRelation",
    "TestSequenceSiteRelation",
]


class DefinitionStatus(IntEnum):
    """Life cycle of a definition: DRAFT ⇄ PENDING → RELEASED → REVOKED."""

    DRAFT = 0
    PENDING = 1
    RELEASED = 2
    REVOKED = 3


class RepairOnFailed(IntEnum):
    """Whether a failed inspection asks for a repair report."""

    DISABLED = 0
    OPTIONAL = 1
    REQUIRED = 2


Status = Annotated[DefinitionStatus | int, known_enum(DefinitionStatus)]
Repair = Annotated[RepairOnFailed | int, known_enum(RepairOnFailed)]


class MiModel(WATSModel):
    """A manual-inspection object: the internal API names members in PascalCase."""

    model_config = ConfigDict(alias_generator=to_pascal)


class TestSequenceProcessRelation(MiModel):
    """A process a relation is limited to."""

    __test__ = False  # not a pytest test class, despite the name

    test_sequence_process_relation_id: UUID | None = None
    test_sequence_relation_id: UUID | None = None
    process_id: UUID | None = None


class TestSequenceSiteRelation(MiModel):
    """A site a relation is limited to."""

    __test__ = False

    test_sequence_site_relation_id: UUID | None = None
    test_sequence_relation_id: UUID | None = None
    site_id: UUID | None = None


class TestSequenceRelation(MiModel):
    """Binds a definition to an entity, e.g. ``EntitySchema="Product"``, ``EntityName=<part number>``."""

    __test__ = False

    test_sequence_relation_id: UUID | None = None
    test_sequence_definition_id: UUID | None = None
    entity_schema: str | None = None
    entity_name: str | None = None
    entity_key: str | None = None
    entity_value: str | None = None
    status: int | None = None
    product_name: str | None = None
    process_relations: list[TestSequenceProcessRelation] | None = Field(
        default=None, alias="TestSequenceProcessRelations"
    )
    site_relations: list[TestSequenceSiteRelation] | None = Field(
        default=None, alias="TestSequenceSiteRelations"
    )


class TestSequenceDefinition(MiModel):
    """A manual-inspection definition (a guided sequence of steps), one version of it."""

    __test__ = False

    test_sequence_definition_id: UUID | None = None
    virtual_folder_id: UUID | None = None
    name: str | None = None
    version: int | None = None
    description: str | None = None
    status: Status | None = None
    created: datetime | None = None
    created_by: str | None = None
    created_by_site: str | None = None
    modified: datetime | None = None
    modified_by: str | None = None
    released: datetime | None = None
    released_by: str | None = None
    revoked: datetime | None = None
    revoked_by: str | None = None
    is_global: bool | None = None
    on_fail_goto_cleanup: bool | None = None
    on_fail_require_submit: bool | None = None
    on_fail_require_repair: Repair | None = None
    log_operator: bool | None = None
    log_description: bool | None = None
    create_unsubmitted_report_on_failed_step: bool | None = None
    repair_process_id: UUID | None = None
    add_child_units: bool | None = None
    include_uur_misc_info_in_uut: bool | None = Field(default=None, alias="IncludeUURMiscInfoInUUT")
    load_previous_misc_info: bool | None = None
    relations: list[TestSequenceRelation] | None = None
    instances_count: int | None = None
    xaml: str | None = Field(default=None, alias="XAML")


class TestSequenceInstance(MiModel):
    """One execution of a definition on a unit."""

    __test__ = False

    test_sequence_instance_id: UUID | None = None
    test_sequence_definition_id: UUID | None = None
    unit_id: UUID | None = None
    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    created: datetime | None = None
    last_event_time: datetime | None = None


class RelationConflict(MiModel):
    """Another definition bound to the same entity as one of this definition's relations."""

    test_sequence_definition_id: UUID | None = None
    test_sequence_relation_id: UUID | None = None
    name: str | None = None
    entity_name: str | None = None
    entity_value: str | None = None
    status: Status | None = None


class MiSequence(MiModel):
    """A definition as the sequence list shows it."""

    test_sequence_definition_id: UUID | None = None
    name: str | None = None
    version: int | None = None
    status: Status | None = None


class MiscInfoProblem(MiModel):
    """Why one misc-info entry is not acceptable."""

    index: int | None = None
    description: str | None = None
    message: str | None = None


class MiscInfoValidation(MiModel):
    """The answer of a misc-info validation."""

    is_valid: bool | None = None
    errors: list[MiscInfoProblem] = Field(default_factory=list)


class MiMedia(MiModel):
    """A file (instructions, pictures, PDFs) attached to a definition."""

    id: UUID | None = None
    file_name: str | None = None
    content_type: str | None = None
    size: int | None = None
    created: datetime | None = None
    created_by: str | None = None
    sha256: str | None = Field(default=None, alias="SHA256")
