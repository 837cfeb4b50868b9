"""The plugin's fixtures, as users' own test suites see them (inner sessions run with pytester)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_fixtures_in_a_users_suite(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_users_code="""
        import asyncio

        from pywats import AsyncWATS, pyWATS
        from pywats.testing import LocalWATSServer, ServerControl


        def test_sync_client_writes(wats_api, wats_server):
            assert isinstance(wats_api, pyWATS) and wats_api.base_url == wats_server.url
            wats_api.product.create_product("P-1", name="first")
            assert wats_api.product.get_product("P-1").name == "first"


        def test_data_is_reset_between_tests(wats_api):
            from pywats import NotFoundError
            try:
                wats_api.product.get_product("P-1")
            except NotFoundError:
                return
            raise AssertionError("P-1 survived the reset")


        def test_async_client(async_wats_api, wats_server):
            assert isinstance(async_wats_api, AsyncWATS)

            async def work():
                await async_wats_api.product.create_product("P-2", name="async")
                return await async_wats_api.product.get_product("P-2")

            assert asyncio.run(work()).name == "async"


        def test_async_client_closed_by_the_test(async_wats_api):
            async def work():
                async with async_wats_api as api:
                    return await api.get_version()

            assert asyncio.run(work())


        def test_faults(wats_api, wats_control):
            assert isinstance(wats_control, ServerControl)
            wats_control.add_fault(path="/api/App/Version", status=503, count=1)
            assert wats_api.get_version()  # retried past the injected 503
            assert [r["status"] for r in wats_control.requests()][:2] == [503, 200]
        """
    )
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "-W", "error::pytest.PytestUnraisableExceptionWarning"
    )
    result.assert_outcomes(passed=5)


def test_plugin_start_up_imports_nothing_heavy() -> None:
    code = (
        "import sys, pywats.testing.plugin as p;"
        "heavy = {'httpx', 'pydantic', 'httpcore', 'pandas'} & {m.split('.')[0] for m in sys.modules};"
        "print(','.join(sorted(heavy)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_record_measurement_without_a_report(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_limits="""
        import math
        import pytest
        from pywats import ValidationError


        def test_inside(record_measurement):
            assert record_measurement("Vout", 3.3, low=3.2, high=3.4, unit="V") is True
            assert record_measurement("Firmware", "1.2", expected="1.2") is True
            assert record_measurement("Self test", True) is True
            assert record_measurement("Noise", math.nan) is True  # LOG: recorded, no limits


        def test_outside(record_measurement):
            assert record_measurement("Ripple", 0.09, high=0.05, unit="V") is False
            record_measurement("Vout", 3.3, low=3.2, high=3.4, unit="V")


        @pytest.mark.parametrize("kwargs, field", [
            (dict(name="", value=1.0), "name"),
            (dict(name="x", value=None), "value"),
            (dict(name="x", value=[1]), "value"),
            (dict(name="x", value=1.0, low=2.0, high=1.0), "highLimit"),
            (dict(name="x", value=1.0, comp_op="BETWEEN", low=1.0), "compOp"),
            (dict(name="x", value="a", low=1.0), "expected"),
            (dict(name="x", value=True, high=1.0), "low"),
        ])
        def test_bad_input(record_measurement, kwargs, field):
            with pytest.raises(ValidationError) as info:
                record_measurement(**kwargs)
            assert info.value.field == field
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=8, failed=1)
    result.stdout.fnmatch_lines(["*Measurement outside its limits: 'Ripple' = 0.09 V (LE 0.05)*"])
