"""Wire shapes of Manual Inspection (endpoints.md §12): PascalCase members, as the internal API uses."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.alias_generators import to_pascal

from pywats_server.domains.wire import WireModel


class PascalModel(WireModel):
    """A JSON object of the internal API: PascalCase members, read in any letter case."""

    model_config = ConfigDict(alias_generator=to_pascal)


class DefinitionFields(PascalModel):
    """The members of a definition a client may set (all optional: only those sent change)."""

    virtual_folder_id: UUID | None = None
    name: str | None = None
    description: str | None = None
    status: int | None = None
    is_global: bool | None = None
    on_fail_goto_cleanup: bool | None = None
    on_fail_require_submit: bool | None = None
    on_fail_require_repair: int | None = None
    log_operator: bool | None = None
    log_description: bool | None = None
    create_unsubmitted_report_on_failed_step: bool | None = None
    repair_process_id: UUID | None = None
    add_child_units: bool | None = None
    include_uur_misc_info_in_uut: bool | None = Field(default=None, alias="IncludeUURMiscInfoInUUT")
    load_previous_misc_info: bool | None = None


class DefinitionIn(DefinitionFields):
    """``PostDefinition`` / ``PutDefinitionNew`` body (the latter names the definition by id)."""

    test_sequence_definition_id: UUID | None = None


class ProcessRelation(PascalModel):
    """A process a relation is limited to."""

    test_sequence_process_relation_id: UUID | None = None
    test_sequence_relation_id: UUID | None = None
    process_id: UUID


class SiteRelation(PascalModel):
    """A site a relation is limited to."""

    test_sequence_site_relation_id: UUID | None = None
    test_sequence_relation_id: UUID | None = None
    site_id: UUID


class Relation(PascalModel):
    """Binds a definition to an entity, e.g. ``EntitySchema`` "Product" and ``EntityName`` a part number."""

    test_sequence_relation_id: UUID | None = None
    test_sequence_definition_id: UUID | None = None
    entity_schema: str | None = None
    entity_name: str | None = None
    entity_key: str | None = None
    entity_value: str | None = None
    status: int | None = None
    product_name: str | None = None
    test_sequence_process_relations: list[ProcessRelation] | None = None
    test_sequence_site_relations: list[SiteRelation] | None = None


class Definition(DefinitionFields):
    """A definition as the server answers it."""

    test_sequence_definition_id: UUID
    version: int
    created: datetime
    created_by: str
    created_by_site: str | None = None
    modified: datetime | None = None
    modified_by: str | None = None
    released: datetime | None = None
    released_by: str | None = None
    revoked: datetime | None = None
    revoked_by: str | None = None
    relations: list[Relation] | None = None
    instances_count: int
    xaml: str | None = Field(default=None, alias="XAML")


class RelationConflict(PascalModel):
    """Another definition bound to the same entity."""

    test_sequence_definition_id: UUID
    test_sequence_relation_id: UUID
    name: str
    entity_name: str | None = None
    entity_value: str | None = None
    status: int


class Sequence(PascalModel):
    """``GetSequences`` row, and ``PutSequence`` body (``Name``/``Status`` to change)."""

    test_sequence_definition_id: UUID | None = None
    name: str | None = None
    version: int | None = None
    status: int | None = None


class XamlIn(PascalModel):
    """``PutTestSequenceDefinitionXaml`` body."""

    test_sequence_definition_id: UUID
    xaml: str | None = Field(default=None, alias="XAML")


class StringTestIn(PascalModel):
    """``PutStringTest`` body: a string value entered for a step while inspecting a unit."""

    test_sequence_definition_id: UUID
    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    unit_id: UUID | None = None
    step_name: str | None = None
    value: str | None = None


class StringTest(PascalModel):
    """One recorded string-test value."""

    step_name: str
    value: str | None = None
    created: datetime
    created_by: str


class Instance(PascalModel):
    """One execution of a definition on a unit."""

    test_sequence_instance_id: UUID
    test_sequence_definition_id: UUID
    unit_id: UUID
    serial_number: str
    part_number: str
    revision: str | None = None
    created: datetime
    last_event_time: datetime
    string_tests: list[StringTest]


class MiscInfoEntry(PascalModel):
    """A misc-info entry to validate; ``AllowedValues`` is ``;``-separated, ``Required`` forbids blanks."""

    description: str | None = None
    text: str | None = None
    allowed_values: str | None = None
    required: bool | None = None


class MiscInfoIn(PascalModel):
    """``ValidateMiscInfo`` body."""

    test_sequence_definition_id: UUID | None = None
    misc_info: list[MiscInfoEntry] = Field(default_factory=list)


class MiscInfoProblem(PascalModel):
    """Why entry ``Index`` is not acceptable."""

    index: int
    description: str | None = None
    message: str


class MiscInfoValidation(PascalModel):
    """``ValidateMiscInfo`` answer."""

    is_valid: bool
    errors: list[MiscInfoProblem]


class Media(PascalModel):
    """A file attached to a definition (bytes in the content store)."""

    id: UUID
    file_name: str
    content_type: str
    size: int
    created: datetime
    created_by: str
    sha256: str = Field(alias="SHA256")
