"""The station service (``pywats-client start``) and the files it leaves for the CLI."""

from pywats_client.service.runner import StationService
from pywats_client.service.runtime import RuntimeFiles, ServiceAlreadyRunning

__all__ = ["RuntimeFiles", "ServiceAlreadyRunning", "StationService"]
