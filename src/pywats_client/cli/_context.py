"""What every command needs: the instance's paths, its configuration and the running service."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pywats_client.config import LoadedConfig, load_config, load_secret
from pywats_client.paths import InstancePaths, resolve_paths

if TYPE_CHECKING:
    from pywats_client.api.client import ManagementClient

__all__ = ["UsageError", "data_dir", "loaded", "management", "paths"]


class UsageError(Exception):
    """A command was used wrongly; the message says how to use it."""


def paths(args: argparse.Namespace) -> InstancePaths:
    return resolve_paths(getattr(args, "config", None), getattr(args, "instance", None))


def loaded(args: argparse.Namespace, *, required: bool = True) -> LoadedConfig:
    return load_config(paths(args), required=required)


def data_dir(args: argparse.Namespace) -> Path:
    """The instance's data directory (defaults when there is no configuration yet)."""
    return loaded(args, required=False).data_dir


def management(args: argparse.Namespace) -> tuple[int, ManagementClient | None] | None:
    """(pid, ManagementClient or None) of the running service, or None if it is not running."""
    from pywats_client.api.client import ManagementClient
    from pywats_client.service.runtime import RuntimeFiles

    current = loaded(args, required=False)
    info = RuntimeFiles(current.data_dir).read_info()
    if info is None:
        return None
    secret = load_secret(current.paths)
    port = info.get("api_port")
    client = ManagementClient(int(port), secret) if isinstance(port, int) and secret else None
    return int(info["pid"]), client
