"""The station's configuration: one JSON file per instance, written atomically with mode 0600.

The keys (every one can be read with ``config get`` and written with ``config set``)::

    service_address      URL of the WATS server                     "https://wats.example.com"
    api_token            Base64 token (never printed unmasked)      ""
    station_name         the report's machineName                   "" (this computer's name)
    location, purpose    copied onto reports that leave them empty  "Default Location", "Production"
    log_level            DEBUG, INFO, WARNING, ERROR, CRITICAL      "INFO"
    folders              watched folders (a JSON list, see below)   []
    converters           converter settings by name (a JSON object) {}
    upload_concurrency   uploads in flight at once                  4
    request_timeout_s    seconds to wait for the server             30
    retry_initial_s      first delay after a failed upload          15
    retry_max_s          cap of the doubling delay                  3600
    file_stable_s        a file is converted once unchanged this long   2
    scan_interval_s      folders are rescanned at least this often  5
    max_file_mb          larger files go to the error folder        100
    incomplete_wait_s    a file that looks cut short gets this long to be finished   60
    shutdown_grace_s     on SIGTERM, uploads in flight get this long (then stay queued)  7
    done_retention_days  uploaded queue entries are kept this long  7
    data_dir             queue, logs and pid file                   (the user data directory)
    api_port             port of the local management API           8765
    watch_polling        poll instead of OS notifications (network shares)   false

A folder is ``{"path": "/data/out", "post_action": "move", "done_folder": null, "error_folder": null,
"converters": null, "priority": null}``: ``post_action`` is ``move`` (to ``done_folder``, default
``<path>/done``), ``delete`` or ``keep``; failures go to ``error_folder`` (default ``<path>/error``);
``converters`` restricts the folder to some converters; ``priority`` (1 highest … 10) overrides the
converters' priority for its files. A converter setting is ``{"class": "package.module:Class",
"enabled": true, "priority": null, "options": {}}`` (``class`` only for converters that are not
built in).

Environment variables ``PYWATS_CLIENT_<KEY>`` (``PYWATS_CLIENT_API_TOKEN``, …) override the file.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pywats.core.exceptions import ValidationError
from pywats_client._fs import write_durably
from pywats_client.paths import InstancePaths

__all__ = [
    "ENV_PREFIX",
    "ClientConfig",
    "ConfigError",
    "ConverterSetting",
    "FolderConfig",
    "LoadedConfig",
    "config_keys",
    "create_secret",
    "format_value",
    "load_config",
    "load_secret",
    "mask_token",
    "save_config",
    "set_key",
]

logger = logging.getLogger("pywats_client.config")

ENV_PREFIX = "PYWATS_CLIENT_"
MAX_PRIORITY = 10
DEFAULT_PRIORITY = 5
DEFAULT_LOCATION = "Default Location"  # WATS requires a location on every report

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
PostAction = Literal["move", "delete", "keep"]


class ConfigError(ValidationError):
    """The configuration is missing, unreadable, or a key or value is not accepted."""


class FolderConfig(BaseModel):
    """One watched folder and what happens to its files."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(min_length=1)
    post_action: PostAction = "move"
    done_folder: str | None = None
    error_folder: str | None = None
    converters: list[str] | None = None
    priority: int | None = Field(default=None, ge=1, le=MAX_PRIORITY)

    @property
    def folder(self) -> Path:
        return Path(self.path).expanduser()

    @property
    def done_dir(self) -> Path:
        """Where ``move`` puts uploaded files (``<path>/done`` unless set)."""
        return Path(self.done_folder).expanduser() if self.done_folder else self.folder / "done"

    @property
    def error_dir(self) -> Path:
        """Where files that failed go, each with a ``.error.txt`` sidecar (``<path>/error`` unless set)."""
        return Path(self.error_folder).expanduser() if self.error_folder else self.folder / "error"


class ConverterSetting(BaseModel):
    """Settings of one converter: on/off, priority, options, and its class if it is not built in."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    class_path: str | None = Field(default=None, alias="class")
    enabled: bool = True
    priority: int | None = Field(default=None, ge=1, le=MAX_PRIORITY)
    options: dict[str, Any] = Field(default_factory=dict)


class ClientConfig(BaseModel):
    """The validated configuration of one station client instance."""

    model_config = ConfigDict(extra="forbid")

    service_address: str = ""
    api_token: str = Field(default="", repr=False)  # never in a repr or a log line
    station_name: str = Field(default="", max_length=100)
    location: str = Field(default=DEFAULT_LOCATION, min_length=1, max_length=100)
    purpose: str = Field(default="Production", max_length=100)
    log_level: LogLevel = "INFO"
    folders: list[FolderConfig] = Field(default_factory=list)
    converters: dict[str, ConverterSetting] = Field(default_factory=dict)
    upload_concurrency: int = Field(default=4, ge=1, le=32)
    request_timeout_s: float = Field(default=30.0, gt=0, le=600)
    retry_initial_s: float = Field(default=15.0, gt=0, le=86_400)
    retry_max_s: float = Field(default=3600.0, gt=0, le=86_400)
    file_stable_s: float = Field(default=2.0, ge=0, le=3600)
    scan_interval_s: float = Field(default=5.0, gt=0, le=3600)
    max_file_mb: float = Field(default=100.0, gt=0, le=100_000)
    incomplete_wait_s: float = Field(default=60.0, ge=0, le=86_400)
    shutdown_grace_s: float = Field(default=7.0, ge=0, le=9)
    done_retention_days: float = Field(default=7.0, ge=0, le=36_500)
    data_dir: str | None = None
    api_port: int = Field(default=8765, ge=0, le=65535)
    watch_polling: bool = False

    @field_validator("service_address")
    @classmethod
    def _url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _delays(self) -> ClientConfig:
        if self.retry_max_s < self.retry_initial_s:
            raise ValueError(
                f"retry_max_s ({self.retry_max_s:g}) must not be below "
                f"retry_initial_s ({self.retry_initial_s:g})"
            )
        return self

    def data_path(self, paths: InstancePaths) -> Path:
        """The instance's data directory: ``data_dir`` if set, else the default for ``paths``."""
        return Path(self.data_dir).expanduser().absolute() if self.data_dir else paths.default_data_dir

    def masked(self) -> dict[str, Any]:
        """The configuration as JSON values with the token masked (what ``config show`` prints)."""
        data = self.model_dump(mode="json", by_alias=True)
        data["api_token"] = mask_token(self.api_token)
        return data


def config_keys() -> list[str]:
    """Every key the configuration accepts, in file order."""
    return list(ClientConfig.model_fields)


def mask_token(token: str) -> str:
    """``********abcd`` for a long token, ``********`` for a short one, ``(not set)`` for none."""
    if not token:
        return "(not set)"
    return "********" + (token[-4:] if len(token) >= 16 else "")


class LoadedConfig:
    """A configuration file as written (``raw``), its validated form, and what the environment overrode."""

    def __init__(self, paths: InstancePaths, raw: dict[str, Any], config: ClientConfig, env_keys: list[str]):
        self.paths = paths
        self.raw = raw
        self.config = config
        self.env_keys = env_keys

    @property
    def data_dir(self) -> Path:
        return self.config.data_path(self.paths)


_NESTED_KEYS = {
    "folders": list(FolderConfig.model_fields),
    "converters": ["class", "enabled", "priority", "options"],
}


def _error(exc: pydantic.ValidationError, where: str) -> ConfigError:
    errors = exc.errors()
    # An unknown key explains a "missing" one (a typo), so it is reported first.
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [str(p) for p in first["loc"]]
    key = ".".join(loc)
    message = first["msg"].removeprefix("Value error, ")
    if not key:  # a rule across keys (retry_max_s below retry_initial_s)
        return ConfigError(f"{where}: {message}")
    if first["type"] == "extra_forbidden":
        known = _NESTED_KEYS.get(loc[0], []) if len(loc) > 1 else config_keys()
        close = difflib.get_close_matches(loc[-1], known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
        return ConfigError(f"{where}: unknown key {key!r}{hint}", field=key)
    secret = loc[:1] == ["api_token"]
    shown = "" if secret or "input" not in first else f" (got {first['input']!r})"
    return ConfigError(
        f"{where}: {key}: {message}{shown}", field=key, value=None if secret else first.get("input")
    )


def validate_config(raw: dict[str, Any], where: str) -> ClientConfig:
    """Validate a configuration dict; a :class:`ConfigError` names the first bad key."""
    try:
        return ClientConfig.model_validate(raw)
    except pydantic.ValidationError as exc:
        raise _error(exc, where) from None


def _env_overrides(environ: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key in config_keys():
        text = environ.get(ENV_PREFIX + key.upper())
        if text is not None:
            found[key] = parse_value(key, text)
    return found


def load_config(
    paths: InstancePaths, *, required: bool = True, environ: dict[str, str] | None = None
) -> LoadedConfig:
    """Read and validate an instance's configuration, environment overrides applied.

    A missing file raises :class:`ConfigError` when ``required`` (the message says to run
    ``pywats-client config init``), otherwise yields the defaults.
    """
    path = paths.config_file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError(
                f"No configuration at {path}; create one with `pywats-client config init`",
                field="config",
                value=str(path),
            ) from None
        text = "{}"
    except OSError as exc:
        raise ConfigError(
            f"Cannot read {path}: {exc.strerror or exc}", field="config", value=str(path)
        ) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
            field="config",
            value=str(path),
        ) from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path} must hold a JSON object", field="config", value=str(path))
    validate_config(raw, str(path))
    if raw.get("api_token") and not file_is_private(path):
        # The token gives write access to the WATS server: a file others can read is refused,
        # not just warned about, so a leaked copy cannot go unnoticed.
        raise ConfigError(
            f"{path} holds the API token but other users may read it; refusing to use it. "
            f"Run `chmod 600 {path}` (the station writes it with mode 0600 itself)",
            field="config",
            value=str(path),
        )
    overrides = _env_overrides(os.environ if environ is None else environ)
    config = validate_config({**raw, **overrides}, "environment overrides") if overrides else None
    return LoadedConfig(paths, raw, config or ClientConfig.model_validate(raw), sorted(overrides))


def save_config(paths: InstancePaths, raw: dict[str, Any]) -> ClientConfig:
    """Validate ``raw`` and write it atomically (mode 0600, directory 0700 when created)."""
    config = validate_config(raw, str(paths.config_file))
    dumped = config.model_dump(mode="json", by_alias=True)
    # Scalars are written as validated ("debug" → "DEBUG"); folders and converters as given.
    raw = {key: value if key in ("folders", "converters") else dumped[key] for key, value in raw.items()}
    paths.config_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    text = json.dumps(raw, indent=2, ensure_ascii=False) + "\n"
    write_durably(paths.config_file, text.encode("utf-8"), mode=0o600)
    return config


def parse_value(key: str, text: str) -> Any:
    """The value ``text`` stands for, as ``config set KEY TEXT`` or ``PYWATS_CLIENT_KEY=TEXT`` gives it.

    Lists and objects are JSON; ``null`` (or nothing) clears an optional key; everything else is
    handed to validation as text (``"4"`` becomes 4, ``"true"`` True).
    """
    field = ClientConfig.model_fields.get(key)
    if field is None:
        close = difflib.get_close_matches(key, config_keys(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(config_keys())}"
        raise ConfigError(f"unknown key {key!r}{hint}", field=key)
    if key in ("folders", "converters"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{key} takes JSON ({'a list of folders' if key == 'folders' else 'an object'}): {exc.msg}",
                field=key,
                value=text,
            ) from None
    if key == "data_dir" and text.strip() in ("", "null"):
        return None
    return text


def set_key(raw: dict[str, Any], key: str, text: str) -> dict[str, Any]:
    """A copy of ``raw`` with ``key`` set from ``text``, validated (the file keeps the validated value)."""
    value = parse_value(key, text)
    updated = {**raw, key: value}
    config = validate_config(updated, f"config set {key}")
    if key not in ("folders", "converters"):  # JSON values are kept as written; scalars as validated
        updated[key] = config.model_dump(mode="json", by_alias=True)[key]
    return updated


def format_value(key: str, config: ClientConfig, *, reveal: bool = False) -> str:
    """A key's value as ``config get`` prints it: text as is, anything else as JSON."""
    if key not in ClientConfig.model_fields:
        parse_value(key, "")  # raises the unknown-key error with its hint
    value = config.model_dump(mode="json", by_alias=True)[key]
    if key == "api_token" and not reveal:
        return mask_token(config.api_token)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def create_secret(paths: InstancePaths) -> str:
    """Generate the management API secret and store it (mode 0600) next to the configuration."""
    secret = secrets.token_urlsafe(32)
    paths.secret_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_durably(paths.secret_file, (secret + "\n").encode("ascii"), mode=0o600)
    return secret


def load_secret(paths: InstancePaths) -> str | None:
    """The management API secret, or None if ``config init`` has not made one.

    A secret file that other users may read is refused (None, with a warning): the service then
    makes a new one with mode 0600, so the exposed secret stops working.
    """
    try:
        text = paths.secret_file.read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    if not file_is_private(paths.secret_file):
        logger.warning(
            "%s is readable by other users; it is not used (the service makes a new one)",
            paths.secret_file,
        )
        return None
    return text or None


def file_is_private(path: Path) -> bool:
    """False if others than the owner may read ``path`` (POSIX); always True on Windows."""
    if sys.platform == "win32":
        return True
    try:
        return path.stat().st_mode & 0o077 == 0
    except OSError:
        return True
