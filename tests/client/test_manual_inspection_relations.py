"""Manual-inspection relations and conflicts through both clients (endpoints.md §12)."""

from __future__ import annotations

import uuid

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import NotFoundError, ValidationError
from pywats.domains.manual_inspection import (
    DefinitionStatus,
    RelationConflict,
    TestSequenceProcessRelation,
    TestSequenceRelation,
)


def _released(twin: Twin, name: str) -> uuid.UUID:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition(name)).test_sequence_definition_id
    twin.run(mi.move_to_pending(ident))
    twin.run(mi.release_inspection(ident))
    return ident


def test_create_list_update_delete(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    ident = twin.run(mi.create_definition("Visual")).test_sequence_definition_id
    process = uuid.uuid4()
    relation = twin.run(
        mi.create_relation(
            ident,
            "Product",
            "PN-1",
            "Revision",
            "A",
            TestSequenceProcessRelations=[{"ProcessId": str(process)}],
        )
    )
    assert isinstance(relation, TestSequenceRelation)
    assert (relation.entity_schema, relation.entity_name, relation.entity_key, relation.entity_value) == (
        "Product",
        "PN-1",
        "Revision",
        "A",
    )
    assert relation.process_relations is not None
    assert relation.process_relations[0].process_id == process
    assert twin.run(mi.list_relations(ident)) == [relation]

    relation.entity_value = "B"
    relation.process_relations = [TestSequenceProcessRelation(process_id=process)]
    updated = twin.run(mi.update_relation(relation))
    assert updated.entity_value == "B"
    renamed = twin.run(
        mi.update_relation(
            {"test_sequence_relation_id": relation.test_sequence_relation_id, "entity_name": "PN-2"}
        )
    )
    assert (renamed.entity_name, renamed.entity_value) == ("PN-2", "B")

    assert (
        twin.run(mi.delete_relation({"TestSequenceRelationId": str(relation.test_sequence_relation_id)}))
        is None
    )
    assert twin.run(mi.list_relations(ident)) == []
    with pytest.raises(NotFoundError):
        twin.run(mi.delete_relation(relation))


def test_conflicts(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    mine = twin.run(mi.create_definition("Mine")).test_sequence_definition_id
    twin.run(mi.create_relation(mine, "Product", "PN-1"))
    draft = twin.run(mi.create_definition("Other draft")).test_sequence_definition_id
    twin.run(mi.create_relation(draft, "Product", "PN-1"))
    released = _released(twin, "Other released")
    twin.run(mi.create_relation(released, "Product", "PN-1"))

    conflicts = twin.run(mi.get_relation_conflicts(mine))
    assert all(isinstance(c, RelationConflict) for c in conflicts)
    assert [(c.name, c.status) for c in conflicts] == [
        ("Other draft", DefinitionStatus.DRAFT),
        ("Other released", DefinitionStatus.RELEASED),
    ]
    legacy = twin.run(mi.get_relation_conflicts(mine, legacy=True))
    assert [c.test_sequence_definition_id for c in legacy] == [released]
    paths = [r["path"] for r in twin.control.requests() if "Conflicts" in str(r["path"])]
    assert paths == [
        f"/api/internal/ManualInspection/GetRelationConflictsNew/{mine}",
        f"/api/internal/ManualInspection/GetRelationConflicts/{mine}",
    ]


def test_server_refusals(twin: Twin) -> None:
    mi = twin.api.manual_inspection
    with pytest.raises(NotFoundError):
        twin.run(mi.create_relation(uuid.uuid4(), "Product", "PN-1"))
    with pytest.raises(NotFoundError):
        twin.run(mi.list_relations(uuid.uuid4()))
    with pytest.raises(NotFoundError):
        twin.run(mi.update_relation({"TestSequenceRelationId": str(uuid.uuid4()), "EntityValue": "x"}))
    revoked = _released(twin, "Old")
    twin.run(mi.revoke_inspection(revoked))
    with pytest.raises(ValidationError) as info:
        twin.run(mi.create_relation(revoked, "Product", "PN-1"))
    assert "Revoked" in info.value.message


BAD_ARGUMENTS = [
    (lambda mi: mi.create_relation("x", "Product", "PN"), "definition_id"),
    (lambda mi: mi.create_relation(uuid.uuid4(), "", "PN"), "entity_schema"),
    (lambda mi: mi.create_relation(uuid.uuid4(), "Product", " "), "entity_name"),
    (lambda mi: mi.update_relation({"EntityName": "x"}), "TestSequenceRelationId"),
    (lambda mi: mi.update_relation(RelationConflict()), "payload"),
    (lambda mi: mi.delete_relation(42), "payload"),
    (lambda mi: mi.delete_relation({1: "x"}), "payload"),
    (lambda mi: mi.list_relations(None), "definition_id"),
    (lambda mi: mi.get_relation_conflicts("nope"), "definition_id"),
]


def test_bad_arguments_fail_before_sending(twin: Twin) -> None:
    """Each call raises ValidationError naming the field, and nothing reaches the server."""
    twin.control.clear_requests()
    for call, field in BAD_ARGUMENTS:
        with pytest.raises(ValidationError) as info:
            twin.run(call(twin.api.manual_inspection))
        assert info.value.field == field, (field, info.value)
    assert twin.control.requests() == []
