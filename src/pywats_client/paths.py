"""Where one client instance keeps its files.

The default instance keeps its configuration where the guide says:

* Linux and macOS: ``~/.config/pywats_client/config.json`` (``$XDG_CONFIG_HOME`` is honoured);
* Windows: ``%APPDATA%\\pyWATS_Client\\config.json``.

Its data (the report queue, pid file, logs) lives in the user data directory
(``~/.local/share/pywats_client`` on Linux, ``%LOCALAPPDATA%\\pyWATS_Client`` on Windows).
``--instance NAME`` gives a named instance its own ``instances/NAME`` directory under both, so
several clients can run on one machine; ``--config PATH`` puts the configuration anywhere, with
its data next to it in ``<name>.data`` unless the configuration's ``data_dir`` says otherwise.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pywats.core.exceptions import ValidationError

__all__ = [
    "CONFIG_FILE_NAME",
    "ENV_CONFIG",
    "ENV_INSTANCE",
    "InstancePaths",
    "default_config_root",
    "default_data_root",
    "resolve_paths",
]

CONFIG_FILE_NAME = "config.json"
ENV_CONFIG = "PYWATS_CLIENT_CONFIG"
ENV_INSTANCE = "PYWATS_CLIENT_INSTANCE"
_APP_POSIX = "pywats_client"
_APP_WINDOWS = "pyWATS_Client"
_INSTANCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def default_config_root() -> Path:
    """The directory holding the default instance's ``config.json``."""
    if sys.platform == "win32":
        import platformdirs

        return Path(platformdirs.user_config_dir(_APP_WINDOWS, appauthor=False, roaming=True))
    # Linux and macOS alike: the guide names ~/.config/pywats_client for both.
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / _APP_POSIX


def default_data_root() -> Path:
    """The directory holding the default instance's queue, pid file and logs."""
    import platformdirs

    app = _APP_WINDOWS if sys.platform == "win32" else _APP_POSIX
    return Path(platformdirs.user_data_dir(app, appauthor=False))


@dataclass(frozen=True)
class InstancePaths:
    """The files of one client instance. ``data_dir`` may be overridden by the configuration."""

    config_file: Path
    default_data_dir: Path
    instance: str | None = None

    @property
    def secret_file(self) -> Path:
        """The management API secret, next to the configuration (mode 0600)."""
        return self.config_file.with_name(self.config_file.stem + ".api_secret")


def resolve_paths(config: str | os.PathLike[str] | None = None, instance: str | None = None) -> InstancePaths:
    """The paths for ``--config``/``--instance`` (or ``PYWATS_CLIENT_CONFIG``/``PYWATS_CLIENT_INSTANCE``)."""
    if config is None:
        config = os.environ.get(ENV_CONFIG) or None
    if instance is None:
        instance = os.environ.get(ENV_INSTANCE) or None
    if config is not None and instance is not None:
        raise ValidationError(
            "--config and --instance cannot be combined: an instance has its own configuration file",
            field="instance",
            value=instance,
        )
    if instance is not None:
        if not _INSTANCE_RE.match(instance):
            raise ValidationError(
                f"instance name {instance!r} must be 1-64 letters, digits, '.', '_' or '-'",
                field="instance",
                value=instance,
            )
        return InstancePaths(
            config_file=default_config_root() / "instances" / instance / CONFIG_FILE_NAME,
            default_data_dir=default_data_root() / "instances" / instance,
            instance=instance,
        )
    if config is not None:
        path = Path(config).expanduser().absolute()
        return InstancePaths(config_file=path, default_data_dir=path.with_name(path.stem + ".data"))
    return InstancePaths(
        config_file=default_config_root() / CONFIG_FILE_NAME, default_data_dir=default_data_root()
    )
