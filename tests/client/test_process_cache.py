"""The process service: cached list (proved with the server's request log), lookups, fail codes."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import pytest

from pywats import AsyncWATS, ErrorMode, NotFoundError, ValidationError
from pywats.domains.process import AsyncProcessService, FailCode, ProcessInfo, ProcessService
from pywats.testing import LocalWATSServer, ServerControl


def _process_requests(control: ServerControl) -> list[dict[str, Any]]:
    return [r for r in control.requests() if r["path"].casefold() == "/api/app/processes"]


def test_second_call_within_the_interval_sends_nothing(twin: Any, wats_control: ServerControl) -> None:
    first = twin.process.get_processes()
    again = twin.process.get_processes()
    assert first == again and {p.code for p in first} >= {10, 50, 90, 100, 500, 510}
    assert len(_process_requests(wats_control)) == 1
    stats = twin.process.cache_stats
    assert (stats.hits, stats.misses, stats["hit_rate"]) == (1, 1, 0.5)
    assert twin.process.last_refresh is not None

    twin.process.get_process_by_code(50)
    twin.process.get_test_operations()
    assert len(_process_requests(wats_control)) == 1  # lookups read the cache too
    assert twin.process.cache_stats.hit_rate == pytest.approx(0.75)

    twin.process.clear_cache()
    twin.process.get_processes()
    assert len(_process_requests(wats_control)) == 2


def test_the_list_is_read_again_after_the_refresh_interval(
    make_twin: Any, wats_control: ServerControl
) -> None:
    api = make_twin(process_refresh_interval=0.3)
    assert api.process.refresh_interval == pytest.approx(0.3)
    api.process.get_processes()
    api.process.get_processes()
    assert len(_process_requests(wats_control)) == 1
    time.sleep(0.4)
    api.process.get_processes()
    assert len(_process_requests(wats_control)) == 2
    api.process.refresh()
    assert len(_process_requests(wats_control)) == 3


def test_mutating_the_returned_list_leaves_the_cache_alone(twin: Any) -> None:
    processes = twin.process.get_processes()
    processes.clear()
    assert twin.process.get_processes()


def test_lookups(twin: Any) -> None:
    assert twin.process.get_process_by_code(90).name == "Burn In test"
    assert twin.process.get_process_by_name("burn in TEST").code == 90
    assert twin.process.get_process("Repair").code == 500
    assert twin.process.get_process(10).name == "SW Debug"
    assert twin.process.get_test_operation("PCBA test").code == 50
    assert twin.process.get_repair_operation(510).name == "RMA repair"
    assert twin.process.get_wip_operation("Assembly").code == 200
    assert [p.code for p in twin.process.get_repair_operations()] == [500, 510]
    assert [p.code for p in twin.process.get_wip_operations()] == [200]
    assert twin.process.is_valid_test_operation(100) and not twin.process.is_valid_test_operation(500)
    assert twin.process.is_valid_repair_operation(500) and twin.process.is_valid_wip_operation(200)
    assert twin.process.process_exists(10) and not twin.process.process_exists(11)
    assert (twin.process.get_default_test_code(), twin.process.get_default_repair_code()) == (100, 500)
    assert twin.process.get_default_test_operation().name == "End of line test"
    assert twin.process.get_default_repair_operation().code == 500
    assert twin.process.list_process_codes() == [10, 50, 90, 100, 200, 500, 510]
    assert "Repair" in twin.process.list_process_names()


def test_missing_processes_follow_the_error_mode(make_twin: Any) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    with pytest.raises(NotFoundError) as info:
        strict.process.get_process_by_code(4242)
    assert (info.value.resource_type, info.value.identifier) == ("Process", "4242")
    with pytest.raises(NotFoundError):
        strict.process.get_repair_operation(50)  # exists, but is a test operation
    assert lenient.process.get_process_by_name("nope") is None
    assert lenient.process.get_test_operation(500) is None
    with pytest.raises(ValidationError):
        strict.process.get_process_by_code("50")
    with pytest.raises(ValidationError):
        strict.process.get_test_operation(5.0)


def test_internal_full_info_and_repair_configuration(make_twin: Any, wats_control: ServerControl) -> None:
    api = make_twin()
    full = api.process.get_all_processes()
    assert all(isinstance(p, ProcessInfo) and p.process_id for p in full)
    assert api.process.get_processes_detailed() == full
    repair = next(p for p in full if p.code == 500)
    assert api.process.get_process_detailed(repair.process_id) == repair
    assert api.process.get_process_detailed(str(repair.process_id)).code == 500

    configs = api.process.get_repair_operation_configs()
    assert sorted(configs) == [500, 510]
    assert [c.description for c in configs[500].categories][:2] == ["Component", "Solder"]
    config = api.process.get_repair_operation_config(repair.process_id, process_code=500)
    assert config.uut_required == 1 and config.categories[0].fail_codes[0].description == "Burned Component"

    codes = api.process.get_fail_codes(500, category="component")
    assert codes[0] == FailCode(
        category="Component",
        code="Burned Component",
        guid=codes[0].guid,
        category_guid=codes[0].category_guid,
    )
    assert {c.category for c in api.process.get_fail_codes()} == {"Component", "Solder", "Process", "Other"}
    assert next(c.description for c in api.process.get_repair_categories(510)) == "Component"
    internal = [r for r in wats_control.requests() if "/api/internal/" in r["path"]]
    assert internal and all(r["referer"] for r in internal)


def test_internal_errors(make_twin: Any) -> None:
    strict, lenient = make_twin(), make_twin(error_mode=ErrorMode.LENIENT)
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError):
        strict.process.get_process_detailed(missing)
    assert lenient.process.get_process_detailed(missing) is None
    test_op = next(p for p in strict.process.get_all_processes() if p.code == 50)
    with pytest.raises(NotFoundError) as not_repair:
        strict.process.get_repair_operation_config(test_op.process_id)
    assert "not a repair operation" in not_repair.value.details["server_message"]
    with pytest.raises(ValidationError) as mismatch:
        strict.process.get_repair_operation_config(test_op.process_id, process_code=500)
    assert "has code 50" in mismatch.value.message
    with pytest.raises(ValidationError):
        strict.process.get_process_detailed("not-a-guid")
    with pytest.raises(NotFoundError):
        strict.process.get_fail_codes(50)
    assert lenient.process.get_fail_codes(50) == []


def test_guide_caching_example(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    """The guide's "Enhanced TTL Caching" sample, as written (with the local server)."""
    printed: list[str] = []

    async def main() -> None:
        async with AsyncWATS(base_url=wats_server.url, token=wats_server.token) as api:
            processes = await api.process.get_processes()
            processes = await api.process.get_processes()
            stats = api.process.cache_stats
            printed.append(f"Cache hit rate: {stats['hit_rate']:.1%}")
            await api.process.clear_cache()
            assert processes

    asyncio.run(main())
    assert printed == ["Cache hit rate: 50.0%"]
    assert len(_process_requests(wats_control)) == 1


def test_guide_internal_api_table_process(twin: Any) -> None:
    """The guide's internal-API table: ``api.process.get_all_processes()``, marked in its docstring."""
    assert twin.process.get_all_processes()
    for service in (AsyncProcessService, ProcessService):
        assert (service.get_all_processes.__doc__ or "").startswith("⚠️ INTERNAL API")
