"""The getting-started guide's samples, Installation → Exception Handling, run as written.

Each test follows one sample of ``shared/spec/getting-started-guide.md`` with the placeholder
URL and token replaced by the local server's, and asserts the behaviour the guide documents.
Samples that need later domains (production, asset, reports) are covered where those land.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import time
from pathlib import Path

import pytest

from pywats.testing import LocalWATSServer, ServerControl


@pytest.fixture
def env(
    monkeypatch: pytest.MonkeyPatch, wats_server: LocalWATSServer, wats_control: ServerControl
) -> LocalWATSServer:
    monkeypatch.delenv("WATS_BASE_URL", raising=False)
    monkeypatch.delenv("WATS_AUTH_TOKEN", raising=False)
    return wats_server


def test_api_initialization_basic(env: LocalWATSServer, capsys: pytest.CaptureFixture[str]) -> None:
    from pywats import pyWATS

    api = pyWATS(base_url=env.url, token=env.token)
    if api.test_connection():
        print(f"Connected! Server version: {api.get_version()}")
    assert capsys.readouterr().out.startswith("Connected! Server version: ")


def test_using_environment_variables(env: LocalWATSServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from pywats import pyWATS

    monkeypatch.setitem(os.environ, "WATS_BASE_URL", env.url)
    monkeypatch.setitem(os.environ, "WATS_AUTH_TOKEN", env.token)
    api = pyWATS()
    assert api.test_connection()


def test_dotenv_file(env: LocalWATSServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dotenv import load_dotenv

    from pywats import pyWATS

    (tmp_path / ".env").write_text(f"WATS_BASE_URL={env.url}\nWATS_AUTH_TOKEN={env.token}\n")
    monkeypatch.chdir(tmp_path)
    load_dotenv(tmp_path / ".env")
    try:
        api = pyWATS()
        assert api.test_connection()
    finally:
        os.environ.pop("WATS_BASE_URL", None)
        os.environ.pop("WATS_AUTH_TOKEN", None)


def test_configuration_options(env: LocalWATSServer) -> None:
    from pywats import RetryConfig, pyWATS
    from pywats.core.exceptions import ErrorMode

    api = pyWATS(
        base_url=env.url,
        token=env.token,
        timeout=60,
        process_refresh_interval=600,
        error_mode=ErrorMode.STRICT,
        retry_enabled=True,
    )
    assert api.test_connection()
    api2 = pyWATS(base_url=env.url, token=env.token, retry_config=RetryConfig(max_attempts=5, base_delay=2.0))
    assert api2.retry_config.max_attempts == 5


def test_automatic_retry_statistics(env: LocalWATSServer, wats_control: ServerControl) -> None:
    from pywats import RetryConfig, pyWATS

    config = RetryConfig(max_attempts=5, base_delay=0.01, max_delay=60.0, jitter=True)
    api = pyWATS(base_url=env.url, token=env.token, retry_config=config)
    wats_control.add_fault(path="/api/App/Version", status=503, count=3)
    api.get_version()
    stats = api.retry_config.stats
    assert set(stats) == {"total_retries", "total_retry_time"}
    assert stats["total_retries"] == 3


def test_strict_mode_example(env: LocalWATSServer, capsys: pytest.CaptureFixture[str]) -> None:
    from pywats import NotFoundError, pyWATS
    from pywats.core.exceptions import ErrorMode

    api = pyWATS(base_url=env.url, token=env.token, error_mode=ErrorMode.STRICT)
    try:
        product = api.product.get_product("WIDGET-001")
        print(f"Found: {product.part_number}")  # type: ignore[union-attr]
    except NotFoundError:
        print("Product doesn't exist - handle explicitly")
    api.product.create_product("WIDGET-001")
    product = api.product.get_product("WIDGET-001")
    print(f"Found: {product.part_number}")  # type: ignore[union-attr]
    assert capsys.readouterr().out.splitlines() == [
        "Product doesn't exist - handle explicitly",
        "Found: WIDGET-001",
    ]


def test_lenient_mode_example(env: LocalWATSServer, capsys: pytest.CaptureFixture[str]) -> None:
    from pywats import pyWATS
    from pywats.core.exceptions import ErrorMode

    api = pyWATS(base_url=env.url, token=env.token, error_mode=ErrorMode.LENIENT)
    product = api.product.get_product("WIDGET-001")
    if product is None:
        print("Product doesn't exist")
    else:
        print(f"Found: {product.part_number}")
    assert capsys.readouterr().out == "Product doesn't exist\n"


def test_error_mode_impact(env: LocalWATSServer, wats_control: ServerControl) -> None:
    from pywats import EmptyResponseError, NotFoundError, pyWATS
    from pywats.core.exceptions import ErrorMode

    api_strict = pyWATS(base_url=env.url, token=env.token, error_mode=ErrorMode.STRICT)
    with pytest.raises(NotFoundError):
        api_strict.product.get_product("UNKNOWN")
    # A lookup the server answers 200 with nothing: the guide's "EMPTY-RESULT".
    wats_control.add_fault(path="/api/Product/EMPTY-RESULT", status=200, body="", count=0)
    with pytest.raises(EmptyResponseError):
        api_strict.product.get_product("EMPTY-RESULT")
    api_lenient = pyWATS(base_url=env.url, token=env.token, error_mode=ErrorMode.LENIENT)
    assert api_lenient.product.get_product("UNKNOWN") is None
    assert api_lenient.product.get_product("EMPTY-RESULT") is None


def test_station_configuration(env: LocalWATSServer) -> None:
    from pywats import Purpose, Station, StationConfig, pyWATS

    station = Station(config=StationConfig(station_name="ICT-01", location="Production Line A"))
    api = pyWATS(base_url=env.url, token=env.token, station=station)
    assert api.station is station
    assert (api.station.name, api.station.location) == ("ICT-01", "Production Line A")
    assert Purpose.TEST == 10


def test_sync_usage(env: LocalWATSServer) -> None:
    from pywats import pyWATS

    api = pyWATS(base_url=env.url, token=env.token)
    api.product.create_product("WIDGET-001")
    products = api.product.get_products()
    assert [p.part_number for p in products] == ["WIDGET-001"]


def test_async_usage(env: LocalWATSServer) -> None:
    from pywats import AsyncWATS

    results: list[object] = []

    async def main() -> None:
        async with AsyncWATS(base_url=env.url, token=env.token) as api:
            await api.product.create_product("WIDGET-001")
            products = await api.product.get_products()
            product, version = await asyncio.gather(api.product.get_product("WIDGET-001"), api.get_version())
            results.extend([products, product, version])

    asyncio.run(main())
    products, product, version = results
    assert [p.part_number for p in products] == ["WIDGET-001"]  # type: ignore[attr-defined]
    assert product.part_number == "WIDGET-001"  # type: ignore[attr-defined]
    assert isinstance(version, str) and version


def test_run_sync_for_mixed_code(env: LocalWATSServer) -> None:
    from pywats import AsyncWATS
    from pywats.core.sync_runner import run_sync

    async def fetch_data() -> list[object]:
        async with AsyncWATS(base_url=env.url, token=env.token) as api:
            return list(await api.product.get_products())

    assert run_sync(fetch_data()) == []


def test_service_architecture_imports() -> None:
    from pywats.domains.product.async_service import AsyncProductService
    from pywats.domains.product.service import ProductService

    assert AsyncProductService.__name__ == "AsyncProductService"
    assert ProductService.__name__ == "ProductService"


def test_token_generation(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    from pywats import pyWATS

    username = wats_server.user
    password = wats_server.password
    credentials = f"{username}:{password}"
    token = base64.b64encode(credentials.encode()).decode()
    api = pyWATS(base_url=wats_server.url, token=token)
    assert api.test_connection()


def test_custom_logging_configuration(
    env: LocalWATSServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pywats import pyWATS

    logging.getLogger("pywats").setLevel(logging.DEBUG)
    logging.getLogger("pywats.http_client").setLevel(logging.DEBUG)
    logging.getLogger("pywats.domains.product").setLevel(logging.INFO)
    try:
        with caplog.at_level(logging.DEBUG, logger="pywats"):
            api = pyWATS(base_url=env.url, token=env.token)
            api.product.create_product("WIDGET-001")
            api.product.get_product("WIDGET-001")
        names = {r.name for r in caplog.records}
        assert "pywats.http_client" in names
        # the product logger is at INFO: its DEBUG line is filtered, its INFO line is not
        product_lines = [r.getMessage() for r in caplog.records if r.name == "pywats.domains.product"]
        assert product_lines == ["Saved product: WIDGET-001"]
    finally:
        for name in ("pywats", "pywats.http_client", "pywats.domains.product"):
            logging.getLogger(name).setLevel(logging.NOTSET)


def test_basic_error_handling(env: LocalWATSServer, capsys: pytest.CaptureFixture[str]) -> None:
    from _support import bad_token
    from pywats import AuthenticationError, PyWATSError, pyWATS

    for token in (bad_token(), env.token):
        try:
            api = pyWATS(base_url=env.url, token=token)
            api.product.get_product("WIDGET-001")
        except AuthenticationError:
            print("Invalid credentials - check your token")
        except PyWATSError as e:
            print(f"WATS API error: {e}")
            print(f"Operation: {e.operation}")
            print(f"Details: {e.details}")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Invalid credentials - check your token"
    assert out[1].startswith("WATS API error: Product 'WIDGET-001' not found")
    assert out[2] == "Operation: get_product"
    assert out[3].startswith("Details: {")


def test_comprehensive_exception_handling(env: LocalWATSServer, wats_control: ServerControl) -> None:
    from pywats import (
        AuthenticationError,
        AuthorizationError,
        ConflictError,
        ConnectionError,
        EmptyResponseError,
        NotFoundError,
        PyWATSError,
        ServerError,
        TimeoutError,
        ValidationError,
        pyWATS,
    )

    def attempt() -> str:
        try:
            api = pyWATS(base_url=env.url, token=env.token, retry_enabled=False, timeout=0.3)
            api.product.get_product("WIDGET-001")
        except AuthenticationError as e:
            return f"auth:{e.message}"
        except AuthorizationError as e:
            return f"authz:{e.message}"
        except NotFoundError as e:
            return f"notfound:{e.resource_type}:{e.identifier}"
        except ValidationError as e:
            return f"validation:{e.field}"
        except ConflictError:
            return "conflict"
        except EmptyResponseError:
            return "empty"
        except ServerError as e:
            return f"server:{e.status_code}"
        except ConnectionError:
            return "connection"
        except TimeoutError:
            return "timeout"
        except PyWATSError as e:
            return f"other:{e.operation}"
        return "ok"

    outcomes = {}
    for name, fault in [
        ("401", {"status": 401}),
        ("403", {"status": 403}),
        ("404", {}),
        ("400", {"status": 400, "body": '{"Message": "bad", "ModelState": {"partNumber": ["bad"]}}'}),
        ("409", {"status": 409}),
        ("empty", {"status": 200, "body": ""}),
        ("503", {"status": 503}),
        ("drop", {"drop": True}),
        ("slow", {"delay_s": 1.0}),
        ("418", {"status": 418}),
    ]:
        wats_control.clear_faults()
        if fault:
            wats_control.add_fault(path="/api/Product/*", count=0, **fault)
        outcomes[name] = attempt()
    assert outcomes.pop("401").startswith("auth:Authentication failed")
    assert outcomes.pop("403").startswith("authz:Permission denied")
    assert outcomes == {
        "404": "notfound:Product:WIDGET-001",
        "400": "validation:partNumber",
        "409": "conflict",
        "empty": "empty",
        "503": "server:503",
        "drop": "connection",
        "slow": "timeout",
        "418": "other:get_product",
    }


def test_retry_logic_recipe(
    env: LocalWATSServer, wats_control: ServerControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pywats import ConnectionError, PyWATSError, ServerError, pyWATS

    monkeypatch.setattr(time, "sleep", lambda s: None)  # the recipe sleeps 1 s, 2 s: not in a test

    def get_product_with_retry(api: pyWATS, part_number: str, max_retries: int = 3) -> object:
        for attempt in range(max_retries):
            try:
                return api.product.get_product(part_number)
            except (ConnectionError, ServerError):
                if attempt < max_retries - 1:
                    time.sleep(2**attempt)
                else:
                    raise
        return None

    api = pyWATS(base_url=env.url, token=env.token, retry_enabled=False)
    api.product.create_product("WIDGET-001")
    wats_control.add_fault(path="/api/Product/WIDGET-001", status=503, count=2)
    product = get_product_with_retry(api, "WIDGET-001")
    assert product.part_number == "WIDGET-001"  # type: ignore[attr-defined]
    wats_control.add_fault(path="/api/Product/WIDGET-001", status=503, count=3)
    with pytest.raises(PyWATSError):
        get_product_with_retry(api, "WIDGET-001")


def test_complete_example(env: LocalWATSServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from pywats import AuthenticationError, PyWATSError, Station, StationConfig, pyWATS

    monkeypatch.setenv("WATS_BASE_URL", env.url)
    monkeypatch.setenv("WATS_AUTH_TOKEN", env.token)
    monkeypatch.setenv("WATS_STATION_NAME", "RASPBERRY-PI-01")

    def initialize_api() -> pyWATS:
        base_url = os.getenv("WATS_BASE_URL")
        token = os.getenv("WATS_AUTH_TOKEN")
        if not base_url or not token:
            raise ValueError("WATS_BASE_URL and WATS_AUTH_TOKEN must be set")
        station = Station(
            config=StationConfig(
                station_name=os.getenv("WATS_STATION_NAME", "DEFAULT-STATION"),
                location=os.getenv("WATS_LOCATION", "Default Location"),
            )
        )
        try:
            api = pyWATS(
                base_url=base_url, token=token, station=station, timeout=int(os.getenv("WATS_TIMEOUT", "30"))
            )
            if api.test_connection():
                logging.info(f"Connected to WATS server version: {api.get_version()}")
                return api
            raise ConnectionError("Connection test failed")
        except AuthenticationError:
            raise
        except PyWATSError:
            raise

    api = initialize_api()
    assert api.station is not None and api.station.name == "RASPBERRY-PI-01"
    products = api.product.get_products()
    assert len(products) == 0
