"""The station's token and management secret stay private: 0600 files, refused when others can read them."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from pywats_client.config import ConfigError, create_secret, load_config, load_secret, save_config
from pywats_client.paths import resolve_paths

TOKEN = "cmVsaWFiaWxpdHk6bmV2ZXItc2hvdy1tZQ=="


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_config_and_secret_are_written_0600(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "station" / "config.json")
    save_config(paths, {"service_address": "http://127.0.0.1:9", "api_token": TOKEN})
    create_secret(paths)
    assert _mode(paths.config_file) == 0o600 and _mode(paths.secret_file) == 0o600
    assert _mode(paths.config_file.parent) == 0o700


def test_a_config_holding_the_token_is_refused_when_others_may_read_it(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "config.json")
    save_config(paths, {"service_address": "http://127.0.0.1:9", "api_token": TOKEN})
    paths.config_file.chmod(0o644)
    with pytest.raises(ConfigError) as refused:
        load_config(paths)
    assert "chmod 600" in refused.value.message and TOKEN not in str(refused.value)
    paths.config_file.chmod(0o600)
    assert load_config(paths).config.api_token == TOKEN


def test_a_readable_config_without_a_token_is_accepted(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"station_name": "LAB-1"}))
    config.chmod(0o644)
    assert load_config(resolve_paths(config)).config.station_name == "LAB-1"


def test_the_service_refuses_to_start_on_a_readable_config(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "config.json")
    save_config(paths, {"service_address": "http://127.0.0.1:9", "api_token": TOKEN})
    paths.config_file.chmod(0o640)
    done = subprocess.run(
        [sys.executable, "-m", "pywats_client", "--config", str(paths.config_file), "start"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "chmod 600" in done.stdout + done.stderr
    assert TOKEN not in done.stdout + done.stderr


def test_a_readable_secret_is_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    paths = resolve_paths(tmp_path / "config.json")
    secret = create_secret(paths)
    assert load_secret(paths) == secret
    paths.secret_file.chmod(0o604)
    with caplog.at_level(logging.WARNING, logger="pywats_client.config"):
        assert load_secret(paths) is None
    assert "readable by other users" in caplog.text and secret not in caplog.text


def test_the_token_is_not_in_the_configuration_repr() -> None:
    from pywats_client.config import ClientConfig

    config = ClientConfig(service_address="http://127.0.0.1:9", api_token=TOKEN)
    assert TOKEN not in repr(config) and TOKEN not in str(config)
