"""The station service (``pywats-client start``) and the files it leaves for the CLI."""

from pywats_client.service.runner import SHUTDOWN_GRACE_S, StationService
from pywats_client.service.runtime import RuntimeFiles, ServiceAlreadyRunning

__all__ = ["SHUTDOWN_GRACE_S", "RuntimeFiles", "ServiceAlreadyRunning", "StationService"]
