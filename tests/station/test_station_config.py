"""``pywats-client config …``: the file (mode 0600, atomic), masking, keys, values, instances, environment."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from pywats_client.cli import main
from pywats_client.config import ClientConfig, config_keys, load_config
from pywats_client.paths import resolve_paths

TOKEN = "dGVzdGVyOnNlY3JldC1wYXNzd29yZC0xMjM0"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def init(config: Path, *extra: str) -> int:
    return main(
        [
            "--config",
            str(config),
            "config",
            "init",
            "--server-url",
            "https://wats.example.com/",
            "--api-token",
            TOKEN,
            "--station-name",
            "RASPBERRY-PI-01",
            "--non-interactive",
            *extra,
        ]
    )


def test_init_writes_a_private_file_and_a_secret(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "client.json"
    assert init(config) == 0
    data = json.loads(config.read_text())
    assert data["service_address"] == "https://wats.example.com"  # trailing slash dropped
    assert data["api_token"] == TOKEN and data["station_name"] == "RASPBERRY-PI-01"
    assert data["log_level"] == "INFO"
    assert mode(config) == 0o600
    secret = tmp_path / "client.api_secret"
    assert mode(secret) == 0o600 and len(secret.read_text().strip()) >= 40
    assert TOKEN not in capsys.readouterr().out
    # A second init does not overwrite silently.
    assert init(config) == 2
    assert "--force" in capsys.readouterr().err
    assert init(config, "--force") == 0


def test_show_masks_the_token(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "client.json"
    init(config)
    capsys.readouterr()
    assert main(["--config", str(config), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert TOKEN not in out and "********" + TOKEN[-4:] in out
    assert "RASPBERRY-PI-01" in out and "service_address" in out
    assert main(["--config", str(config), "config", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["api_token"].startswith("****") and TOKEN not in json.dumps(shown)
    assert main(["--config", str(config), "config", "get", "api_token"]) == 0
    assert TOKEN not in capsys.readouterr().out
    assert main(["--config", str(config), "config", "get", "api_token", "--reveal"]) == 0
    assert capsys.readouterr().out.strip() == TOKEN


def test_non_interactive_init_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--config",
            str(tmp_path / "c.json"),
            "config",
            "init",
            "--server-url",
            "http://x",
            "--non-interactive",
        ]
    )
    assert code == 2 and "--api-token" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def test_interactive_init_reads_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "results"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"http://wats.local:8080\n{TOKEN}\nICT-07\n{folder}\n"))
    assert main(["--config", str(tmp_path / "c.json"), "config", "init"]) == 0
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["service_address"] == "http://wats.local:8080" and data["station_name"] == "ICT-07"
    assert data["folders"] == [{"path": str(folder)}]
    assert TOKEN not in capsys.readouterr().out


# Every key: a value to set and what `config get` prints back.
ROUND_TRIPS = [
    ("service_address", "https://wats2.example.com", "https://wats2.example.com"),
    ("api_token", "bmV3OnRva2VuLXZhbHVlLTk5OTk=", "********OTk="),
    ("station_name", "EOL-3", "EOL-3"),
    ("location", "Line B", "Line B"),
    ("purpose", "Engineering", "Engineering"),
    ("log_level", "debug", "DEBUG"),
    ("folders", '[{"path": "/data/out", "post_action": "keep"}]', None),
    ("converters", '{"wstf": {"enabled": false}}', None),
    ("upload_concurrency", "8", "8"),
    ("request_timeout_s", "12.5", "12.5"),
    ("retry_initial_s", "5", "5.0"),
    ("retry_max_s", "600", "600.0"),
    ("file_stable_s", "0.5", "0.5"),
    ("scan_interval_s", "2", "2.0"),
    ("max_file_mb", "250", "250.0"),
    ("incomplete_wait_s", "30", "30.0"),
    ("shutdown_grace_s", "3", "3.0"),
    ("done_retention_days", "0", "0.0"),
    ("data_dir", "/var/lib/pywats", "/var/lib/pywats"),
    ("api_port", "9876", "9876"),
    ("watch_polling", "true", "true"),
]


def test_every_key_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sorted(k for k, _, _ in ROUND_TRIPS) == sorted(config_keys())
    config = tmp_path / "client.json"
    init(config)
    for key, value, shown in ROUND_TRIPS:
        assert main(["--config", str(config), "config", "set", key, value]) == 0, key
        capsys.readouterr()
        assert main(["--config", str(config), "config", "get", key]) == 0
        out = capsys.readouterr().out.strip()
        if shown is None:  # JSON values come back as the JSON that was validated
            got = json.loads(out)
            wanted = json.loads(value)
            if isinstance(got, list):
                assert got[0]["path"] == wanted[0]["path"] and got[0]["post_action"] == "keep"
            else:
                assert got["wstf"]["enabled"] is False
        else:
            assert out == shown, key
        assert mode(config) == 0o600
    loaded = load_config(resolve_paths(config)).config
    assert (
        loaded.upload_concurrency == 8
        and loaded.watch_polling is True
        and loaded.folders[0].post_action == "keep"
    )


BAD_VALUES = [
    ("log_levl", "INFO", "unknown key 'log_levl'; did you mean 'log_level'?"),
    ("log_level", "LOUD", "log_level"),
    ("service_address", "ftp://x", "must start with http:// or https://"),
    ("upload_concurrency", "0", "upload_concurrency"),
    ("upload_concurrency", "many", "upload_concurrency"),
    ("api_port", "70000", "api_port"),
    ("retry_max_s", "1", "must not be below retry_initial_s"),
    ("folders", "not json", "folders takes JSON"),
    ("folders", '[{"pth": "/x"}]', "unknown key 'folders.0.pth'; did you mean 'path'?"),
    ("folders", '[{"path": "/x", "post_action": "shred"}]', "post_action"),
    ("converters", '{"x": {"priority": 11}}', "priority"),
    ("watch_polling", "perhaps", "watch_polling"),
]


@pytest.mark.parametrize(("key", "value", "message"), BAD_VALUES)
def test_bad_keys_and_values_are_refused_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, message: str
) -> None:
    config = tmp_path / "client.json"
    init(config)
    before = config.read_bytes()
    capsys.readouterr()
    assert main(["--config", str(config), "config", "set", key, value]) == 2
    assert message in capsys.readouterr().err
    assert config.read_bytes() == before


def test_a_bad_token_value_is_never_echoed(tmp_path: Path) -> None:
    from pywats_client.config import ConfigError, validate_config

    with pytest.raises(ConfigError) as caught:
        validate_config({"api_token": ["not", "a", "string"]}, "test")
    assert "not" not in str(caught.value) or "api_token" in str(caught.value)
    assert caught.value.value is None


def test_unknown_keys_in_the_file_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "client.json"
    config.write_text(json.dumps({"service_address": "http://x", "sation_name": "typo"}))
    assert main(["--config", str(config), "config", "show"]) == 2
    assert "unknown key 'sation_name'; did you mean 'station_name'?" in capsys.readouterr().err
    config.write_text("{not json")
    assert main(["--config", str(config), "config", "show"]) == 2
    assert "not valid JSON (line 1" in capsys.readouterr().err


def test_missing_configuration_says_how_to_create_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(tmp_path / "none.json"), "config", "show"]) == 2
    assert "pywats-client config init" in capsys.readouterr().err


def test_environment_overrides_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "client.json"
    init(config)
    monkeypatch.setenv("PYWATS_CLIENT_STATION_NAME", "FROM-ENV")
    monkeypatch.setenv("PYWATS_CLIENT_UPLOAD_CONCURRENCY", "2")
    capsys.readouterr()
    assert main(["--config", str(config), "config", "get", "station_name"]) == 0
    assert capsys.readouterr().out.strip() == "FROM-ENV"
    assert main(["--config", str(config), "config", "show"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "station_name" in line]
    assert "FROM-ENV" in lines[0] and "environment" in lines[0]
    assert json.loads(config.read_text())["station_name"] == "RASPBERRY-PI-01"  # the file is untouched
    monkeypatch.setenv("PYWATS_CLIENT_UPLOAD_CONCURRENCY", "lots")
    assert main(["--config", str(config), "config", "show"]) == 2
    assert "upload_concurrency" in capsys.readouterr().err


def test_default_and_instance_locations(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    default = resolve_paths()
    assert default.config_file == isolated_home / ".config" / "pywats_client" / "config.json"
    assert default.default_data_dir == isolated_home / ".local" / "share" / "pywats_client"
    line2 = resolve_paths(instance="line2")
    assert (
        line2.config_file
        == isolated_home / ".config" / "pywats_client" / "instances" / "line2" / "config.json"
    )
    assert line2.default_data_dir.parts[-2:] == ("instances", "line2")
    assert (
        main(["config", "init", "--server-url", "http://a", "--api-token", TOKEN, "--non-interactive"]) == 0
    )
    assert (
        main(
            [
                "--instance",
                "line2",
                "config",
                "init",
                "--server-url",
                "http://b",
                "--api-token",
                TOKEN,
                "--non-interactive",
            ]
        )
        == 0
    )
    assert mode(default.config_file) == 0o600 and mode(line2.config_file) == 0o600
    capsys.readouterr()
    assert main(["config", "get", "service_address"]) == 0
    assert (
        main(["config", "get", "service_address", "--instance", "line2"]) == 0
    )  # options after the command too
    assert capsys.readouterr().out.split() == ["http://a", "http://b"]
    assert main(["--instance", "../escape", "config", "path"]) == 2
    assert main(["--instance", "a", "--config", "x.json", "config", "path"]) == 2


def test_defaults_make_a_valid_configuration() -> None:
    config = ClientConfig()
    assert config.location and config.purpose and config.upload_concurrency >= 1
    assert config.retry_initial_s == 15 and config.retry_max_s == 3600
