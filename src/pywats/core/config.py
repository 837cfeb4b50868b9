"""Client settings: resolved once from arguments and the environment, then passed down."""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pywats.core.exceptions import ErrorMode, ValidationError
from pywats.core.retry import RetryConfig

__all__ = [
    "DEFAULT_PROCESS_REFRESH_INTERVAL_S",
    "DEFAULT_TIMEOUT_S",
    "ENV_BASE_URL",
    "ENV_TOKEN",
    "ClientConfig",
    "mask_token",
    "normalize_base_url",
    "resolve_config",
]

ENV_BASE_URL = "WATS_BASE_URL"
ENV_TOKEN = "WATS_AUTH_TOKEN"
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_PROCESS_REFRESH_INTERVAL_S = 300.0
MAX_CONNECTIONS = 100
MAX_KEEPALIVE_CONNECTIONS = 20


@dataclass(frozen=True)
class ClientConfig:
    """Everything a client needs, validated. Built by :func:`resolve_config`."""

    base_url: str
    token: str = field(repr=False)
    timeout: float = DEFAULT_TIMEOUT_S
    process_refresh_interval: float = DEFAULT_PROCESS_REFRESH_INTERVAL_S
    error_mode: ErrorMode = ErrorMode.STRICT
    retry: RetryConfig = field(default_factory=RetryConfig)
    verify: bool | str = True

    @property
    def origin(self) -> str:
        """Scheme, host and port of the server: what internal endpoints want in ``Referer``."""
        return self.base_url


def mask_token(token: str) -> str:
    """A token shortened for display: never print or log more than this."""
    if len(token) <= 8:
        return "****"
    return f"{token[:4]}…{token[-2:]}"


def normalize_base_url(url: str, *, argument: str = "base_url") -> str:
    """Validate a server URL and strip a trailing ``/`` and ``/api``.

    ``https://wats.example.com/api/`` becomes ``https://wats.example.com``.
    """
    if not isinstance(url, str):
        raise ValidationError(
            f"{argument} must be a string such as 'https://wats.example.com', got {type(url).__name__}",
            field=argument,
            value=url,
        )
    cleaned = url.strip()
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            f"{argument} must be an http:// or https:// URL such as 'https://wats.example.com', "
            f"got {url!r} (set it as an argument or in the {ENV_BASE_URL} environment variable)",
            field=argument,
            value=url,
        )
    if parts.query or parts.fragment:
        raise ValidationError(
            f"{argument} must not contain a query or fragment: {url!r}", field=argument, value=url
        )
    try:
        parts.port  # noqa: B018 - raises ValueError on a port outside 0-65535
    except ValueError as exc:
        raise ValidationError(f"{argument} has an invalid port: {url!r}", field=argument, value=url) from exc
    path = parts.path.rstrip("/")
    if path.lower().endswith("/api"):
        path = path[: -len("/api")]
    return f"{parts.scheme}://{parts.netloc}{path}"


def _check_token(token: str) -> str:
    if not isinstance(token, str):
        raise ValidationError(
            f"token must be a string (Base64 of 'username:password'), got {type(token).__name__}",
            field="token",
        )
    cleaned = token.strip()
    if not cleaned:
        raise ValidationError(
            f"token is empty: pass token=... or set the {ENV_TOKEN} environment variable", field="token"
        )
    if cleaned.lower().startswith("basic "):
        cleaned = cleaned[6:].strip()
    try:
        decoded = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError(
            "token is not valid Base64; it must be the Base64 of 'username:password' "
            f"(from the argument or {ENV_TOKEN}), got {mask_token(cleaned)!r}",
            field="token",
            cause=exc,
        ) from exc
    if not decoded:
        raise ValidationError("token decodes to nothing", field="token")
    return cleaned


def resolve_config(
    base_url: str | None,
    token: str | None,
    *,
    timeout: float | None = None,
    process_refresh_interval: float | None = None,
    error_mode: ErrorMode | str | None = None,
    retry_enabled: bool = True,
    retry_config: RetryConfig | None = None,
    verify: bool | str = True,
) -> ClientConfig:
    """Build a :class:`ClientConfig` from arguments, falling back to ``WATS_BASE_URL``/``WATS_AUTH_TOKEN``."""
    if base_url is None:
        base_url = os.environ.get(ENV_BASE_URL)
        if not base_url:
            raise ValidationError(
                f"No server URL: pass base_url=... or set the {ENV_BASE_URL} environment variable",
                field="base_url",
            )
        url = normalize_base_url(base_url, argument=ENV_BASE_URL)
    else:
        url = normalize_base_url(base_url)
    if token is None:
        token = os.environ.get(ENV_TOKEN)
        if not token:
            raise ValidationError(
                f"No API token: pass token=... or set the {ENV_TOKEN} environment variable", field="token"
            )
    checked_token = _check_token(token)
    return ClientConfig(
        base_url=url,
        token=checked_token,
        timeout=_positive("timeout", DEFAULT_TIMEOUT_S if timeout is None else timeout),
        process_refresh_interval=_positive(
            "process_refresh_interval",
            DEFAULT_PROCESS_REFRESH_INTERVAL_S
            if process_refresh_interval is None
            else process_refresh_interval,
        ),
        error_mode=_error_mode(error_mode),
        retry=_retry(retry_enabled, retry_config),
        verify=verify,
    )


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValidationError(
            f"{name} must be a number of seconds > 0, got {value!r}", field=name, value=value
        )
    return float(value)


def _error_mode(value: ErrorMode | str | None) -> ErrorMode:
    if value is None:
        return ErrorMode.STRICT
    try:
        return ErrorMode(value.lower() if isinstance(value, str) else value)
    except ValueError as exc:
        raise ValidationError(
            f"error_mode must be ErrorMode.STRICT or ErrorMode.LENIENT, got {value!r}",
            field="error_mode",
            value=value,
            cause=exc,
        ) from exc


def _retry(enabled: bool, config: RetryConfig | None) -> RetryConfig:
    if config is not None and not isinstance(config, RetryConfig):
        raise ValidationError(
            f"retry_config must be a RetryConfig, got {type(config).__name__}", field="retry_config"
        )
    if config is None:
        config = RetryConfig()
    if not enabled:
        config.enabled = False
    return config
