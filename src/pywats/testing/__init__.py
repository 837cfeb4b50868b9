"""Run your tests against a real local WATS-compatible server, no WATS account needed.

With ``pywats-api[server]`` installed, pytest gets these fixtures automatically (like moto
for boto3):

* ``wats_server`` — a :class:`LocalWATSServer` started once per test session on 127.0.0.1;
* ``wats_control`` — its control plane (:class:`ServerControl`), reset before each test;
* ``wats_api`` / ``async_wats_api`` — a ``pyWATS`` / ``AsyncWATS`` client connected to it;
* ``record_measurement`` — record a measurement with limits; with ``pytest --wats-report``
  the whole session becomes one UUT report (see :mod:`pywats.testing.plugin`).

Outside pytest, use :class:`LocalWATSServer` as a context manager::

    with LocalWATSServer() as server:
        api = pyWATS(base_url=server.url, token=server.token)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pywats.testing._control import Fault, ServerControl
    from pywats.testing._server import LocalWATSServer, ServerStartError

# Loaded on first use: the pytest plugin imports this package in every pytest run of the
# environment, which must not pay for httpx.
_LAZY = {
    "Fault": "pywats.testing._control",
    "ServerControl": "pywats.testing._control",
    "LocalWATSServer": "pywats.testing._server",
    "ServerStartError": "pywats.testing._server",
}

__all__ = ["Fault", "LocalWATSServer", "ServerControl", "ServerStartError"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pywats.testing' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
