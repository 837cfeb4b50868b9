"""Client configuration: URLs, tokens, environment variables and option checks."""

from __future__ import annotations

import base64

import pytest

from pywats import AsyncWATS, ErrorMode, RetryConfig, ValidationError, pyWATS
from pywats.core.config import mask_token, normalize_base_url, resolve_config

TOKEN = base64.b64encode(b"user:secret").decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://wats.example.com", "https://wats.example.com"),
        ("https://wats.example.com/", "https://wats.example.com"),
        ("https://wats.example.com/api", "https://wats.example.com"),
        ("https://wats.example.com/api/", "https://wats.example.com"),
        ("https://wats.example.com/API", "https://wats.example.com"),
        ("  http://127.0.0.1:8080/ ", "http://127.0.0.1:8080"),
        ("https://example.com/wats/api", "https://example.com/wats"),
    ],
)
def test_base_url_is_normalised(url: str, expected: str) -> None:
    assert normalize_base_url(url) == expected


@pytest.mark.parametrize(
    "url",
    ["", "wats.example.com", "ftp://wats.example.com", "https://", "https://h?x=1", "http://h:99999", "::"],
)
def test_malformed_base_url_names_the_argument_and_variable(url: str) -> None:
    with pytest.raises(ValidationError) as info:
        pyWATS(base_url=url, token=TOKEN)
    assert info.value.field == "base_url"
    assert "base_url" in info.value.message


@pytest.mark.parametrize("token", ["", "   ", "not base64!", "abc"])
def test_malformed_token_names_the_argument_and_variable(token: str) -> None:
    with pytest.raises(ValidationError) as info:
        pyWATS(base_url="https://wats.example.com", token=token)
    assert info.value.field == "token"
    assert "WATS_AUTH_TOKEN" in info.value.message or "Base64" in info.value.message


def test_a_bad_token_is_never_echoed_in_full() -> None:
    secret = "c2VjcmV0LXRva2VuLXZhbHVl!!"  # invalid Base64 on purpose
    with pytest.raises(ValidationError) as info:
        pyWATS(base_url="https://wats.example.com", token=secret)
    assert secret not in str(info.value)
    assert secret not in repr(info.value.details)


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATS_BASE_URL", "https://env.example.com/api/")
    monkeypatch.setenv("WATS_AUTH_TOKEN", TOKEN)
    api = pyWATS()
    assert api.base_url == "https://env.example.com"
    api.close()


@pytest.mark.parametrize(("missing", "field"), [("WATS_BASE_URL", "base_url"), ("WATS_AUTH_TOKEN", "token")])
def test_missing_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, missing: str, field: str
) -> None:
    monkeypatch.setenv("WATS_BASE_URL", "https://env.example.com")
    monkeypatch.setenv("WATS_AUTH_TOKEN", TOKEN)
    monkeypatch.delenv(missing)
    for client in (pyWATS, AsyncWATS):
        with pytest.raises(ValidationError) as info:
            client()
        assert info.value.field == field
        assert missing in info.value.message


def test_malformed_environment_url_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATS_BASE_URL", "not a url")
    monkeypatch.setenv("WATS_AUTH_TOKEN", TOKEN)
    with pytest.raises(ValidationError, match="WATS_BASE_URL"):
        pyWATS()


def test_arguments_win_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATS_BASE_URL", "https://env.example.com")
    monkeypatch.setenv("WATS_AUTH_TOKEN", "!!bad!!")
    api = pyWATS(base_url="https://arg.example.com", token=TOKEN)
    assert api.base_url == "https://arg.example.com"
    api.close()


def test_defaults_match_the_guide() -> None:
    config = resolve_config("https://wats.example.com", TOKEN)
    assert config.timeout == 30.0
    assert config.process_refresh_interval == 300.0
    assert config.error_mode is ErrorMode.STRICT
    assert config.retry.enabled and config.retry.max_attempts == 3


def test_every_configuration_option_of_the_guide() -> None:
    api = pyWATS(
        base_url="https://your-wats-server.com",
        token=TOKEN,
        timeout=60,
        process_refresh_interval=600,
        error_mode=ErrorMode.LENIENT,
        retry_enabled=True,
        retry_config=RetryConfig(max_attempts=5, base_delay=2.0),
    )
    assert api.timeout == 60.0
    assert api.process_refresh_interval == 600.0
    assert api.error_mode is ErrorMode.LENIENT
    assert api.retry_config.max_attempts == 5
    assert api.retry_config.base_delay == 2.0
    api.close()


def test_retry_can_be_disabled() -> None:
    api = pyWATS(base_url="https://wats.example.com", token=TOKEN, retry_enabled=False)
    assert api.retry_config.enabled is False
    api.close()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": -5}, "timeout"),
        ({"timeout": "60"}, "timeout"),
        ({"process_refresh_interval": 0}, "process_refresh_interval"),
        ({"error_mode": "sometimes"}, "error_mode"),
        ({"retry_config": {"max_attempts": 5}}, "retry_config"),
        ({"station": "ICT-01"}, "station"),
    ],
)
def test_bad_options_are_validation_errors(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        pyWATS(base_url="https://wats.example.com", token=TOKEN, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_error_mode_accepts_its_string_value() -> None:
    api = pyWATS(base_url="https://wats.example.com", token=TOKEN, error_mode="lenient")  # type: ignore[arg-type]
    assert api.error_mode is ErrorMode.LENIENT
    api.close()


def test_mask_token_keeps_secrets_short() -> None:
    assert mask_token(TOKEN) != TOKEN
    assert len(mask_token(TOKEN)) < 10
    assert mask_token("abc") == "****"


def test_repr_does_not_show_the_token() -> None:
    api = pyWATS(base_url="https://wats.example.com", token=TOKEN)
    assert TOKEN not in repr(api)
    assert TOKEN not in repr(api._config)
    api.close()
