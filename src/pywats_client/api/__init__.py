"""The local management HTTP API of a running service, and the CLI's client for it."""

from pywats_client.api.client import ManagementClient, ManagementError
from pywats_client.api.server import LOOPBACK, ManagementServer

__all__ = ["LOOPBACK", "ManagementClient", "ManagementError", "ManagementServer"]
