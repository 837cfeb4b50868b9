"""The pyWATS station client: watch folders, convert test-equipment files, queue and upload reports.

Run it with the ``pywats-client`` command (``pip install pywats-api[client-headless]``); see
``src/pywats_client/control/HEADLESS_GUIDE.md``. The parts, for use from Python:

* :class:`~pywats_client.config.ClientConfig` — the configuration (one JSON file per instance);
* :class:`~pywats_client.converters.Converter` — the base class of converters (file → reports);
* :class:`~pywats_client.queue.ReportQueue` — the durable on-disk queue;
* :class:`~pywats_client.service.StationService` — the service itself.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "ClientConfig": "pywats_client.config",
    "ConversionError": "pywats_client.converters.base",
    "Converter": "pywats_client.converters.base",
    "ReportQueue": "pywats_client.queue.store",
    "StationService": "pywats_client.service.runner",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pywats_client' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
