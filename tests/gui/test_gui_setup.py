"""The Setup tab: fill it, Save (validated, the service's own file), Test Connection off the UI thread."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pywats.testing import LocalWATSServer, ServerControl
from pywats_client.config import load_config
from pywats_client.paths import resolve_paths


def _fill(setup: Any, **values: str) -> None:
    for key, text in values.items():
        setup.fields[key].setText(text)


def test_fill_save_and_test_connection(
    tmp_path: Path, window_for: Any, qtbot: Any, wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    paths = resolve_paths(tmp_path / "fresh" / "config.json")  # no configuration yet
    window = window_for(paths)
    setup = window.setup
    assert setup.url.text() == "" and setup.location.text() == "Default Location"
    assert "[Disconnected]" in window.windowTitle()

    _fill(
        setup,
        service_address=wats_server.url + "/",
        api_token=wats_server.token,
        station_name="LINE3-EOL-07",
        location="Line 3",
        purpose="Production",
    )
    assert setup.token.echoMode() == setup.token.EchoMode.Password
    setup.show_token.click()
    assert setup.token.echoMode() == setup.token.EchoMode.Normal and setup.show_token.text() == "Hide"
    setup.show_token.click()
    assert setup.token.echoMode() == setup.token.EchoMode.Password

    setup.save_button.click()
    assert "Saved to" in setup.message.text()
    written = json.loads(paths.config_file.read_text())
    assert written["service_address"] == wats_server.url  # validated: no trailing slash
    assert written["station_name"] == "LINE3-EOL-07" and written["api_token"] == wats_server.token
    assert paths.config_file.stat().st_mode & 0o077 == 0
    assert load_config(paths).config.location == "Line 3"  # what the service will read
    assert window.windowTitle() == "pyWATS Client - LINE3-EOL-07 [Disconnected]"

    wats_control.clear_requests()
    setup.test_button.click()
    assert not setup.test_button.isEnabled()  # the click returned at once: the call runs elsewhere
    qtbot.waitUntil(lambda: setup.test_button.isEnabled(), timeout=15_000)
    assert setup.message.text().startswith(f"Connected to {wats_server.url}: server version ")
    assert any(r["path"].lower() == "/api/app/version" for r in wats_control.requests())


def test_save_refuses_bad_values_naming_the_field(tmp_path: Path, window_for: Any) -> None:
    paths = resolve_paths(tmp_path / "config.json")
    setup = window_for(paths).setup
    _fill(setup, service_address="wats.example.com", api_token="abc")
    setup.save_button.click()
    assert setup.message.text() == "Server URL: must start with http:// or https:// (got 'wats.example.com')"
    assert not paths.config_file.exists()

    _fill(setup, service_address="https://wats.example.com", api_token="")
    setup.save_button.click()
    assert setup.message.text() == "API Token is required"
    _fill(setup, api_token="abc", location="")
    setup.save_button.click()
    assert setup.message.text().startswith("Location:")
    assert not paths.config_file.exists()


def test_test_connection_explains_a_refused_token(
    tmp_path: Path, window_for: Any, qtbot: Any, wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    setup = window_for(resolve_paths(tmp_path / "config.json")).setup
    _fill(setup, service_address=wats_server.url, api_token="bm9ib2R5Ondyb25n")  # nobody:wrong
    setup.test_connection()
    qtbot.waitUntil(lambda: setup.test_button.isEnabled(), timeout=15_000)
    assert setup.message.text().startswith(f"{wats_server.url} refused the API token (HTTP 401).")

    _fill(setup, service_address="http://127.0.0.1:9")  # nothing listens on the discard port
    setup.test_connection()
    qtbot.waitUntil(lambda: setup.test_button.isEnabled(), timeout=15_000)
    assert setup.message.text().startswith("Could not reach http://127.0.0.1:9.")
