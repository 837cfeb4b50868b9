"""Unit phases: the server's list, resolving names, and the server's refusal of unknown ids."""

from __future__ import annotations

from typing import Any

import pytest

from pywats import ValidationError, pyWATS
from pywats.domains.production import UnitPhaseFlag
from pywats.testing import ServerControl


@pytest.fixture
def unit(twin: Any) -> Any:
    twin.product.create_product("PN")
    twin.production.create_units([{"serialNumber": "SN", "partNumber": "PN"}])
    return twin


def test_the_servers_phase_list(twin: Any, wats_control: ServerControl) -> None:
    phases = twin.production.get_all_unit_phases()
    assert [p.phase_id for p in phases] == [1 << i for i in range(12)]
    assert {p.phase_id for p in phases} == {int(flag) for flag in UnitPhaseFlag}
    finalized = twin.production.get_phase(phase_id=16)
    assert (finalized.code, finalized.name) == ("Finalized", "Finalized")
    assert twin.production.get_phase_by_name("under production").phase_id == 2
    assert twin.production.get_phase(code="In_Storage").name == "In storage"
    assert twin.production.get_phase(name="nothing like it") is None
    twin.production.get_phases()
    calls = [r for r in wats_control.requests() if r["path"].endswith("GetUnitPhases")]
    assert len(calls) == 1 and calls[0]["referer"]  # read once per client, internal endpoint
    twin.production.get_phases(force_refresh=True)
    assert len([r for r in wats_control.requests() if r["path"].endswith("GetUnitPhases")]) == 2


def test_set_phase_by_id_flag_or_name(unit: Any) -> None:
    phases = [(16, 16), (UnitPhaseFlag.SHIPPED, 2048), ("Under production", 2), ("in_storage", 1024)]
    for phase, expected in [*phases, ("FINALIZED", 16)]:
        unit.production.set_unit_phase("SN", "PN", phase, comment=f"to {phase!r}")
        assert unit.production.get_unit("SN", "PN").unit_phase_id == expected, phase
    assert unit.production.get_unit_state_history("SN", "PN")[-1].comment == "to 'FINALIZED'"


def test_unknown_phase_name_fails_before_setting(unit: Any, wats_control: ServerControl) -> None:
    wats_control.clear_requests()
    with pytest.raises(ValidationError) as info:
        unit.production.set_unit_phase("SN", "PN", "Teleported")
    assert info.value.field == "phase" and "Under production" in info.value.message
    assert not [r for r in wats_control.requests() if "SetUnitPhase" in r["path"]]
    with pytest.raises(ValidationError):
        unit.production.set_unit_phase("SN", "PN", 2.5)


def test_unknown_phase_id_is_refused_by_the_server(unit: Any) -> None:
    with pytest.raises(ValidationError) as info:
        unit.production.set_unit_phase("SN", "PN", 3)
    assert "Unknown unit phase 3" in info.value.message


def test_guide_internal_api_table(wats_api: pyWATS) -> None:
    """The guide's "When to Use Internal APIs" table names ``api.production.get_all_unit_phases()``."""
    phases = wats_api.production.get_all_unit_phases()
    assert phases
    doc = type(wats_api.production).get_all_unit_phases.__doc__ or ""
    assert doc.startswith("⚠️ INTERNAL API")
