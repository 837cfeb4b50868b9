"""Run your tests against a real local WATS-compatible server, no WATS account needed.

With ``pywats-api[server]`` installed, pytest gets these fixtures automatically (like moto
for boto3):

* ``wats_server`` — a :class:`LocalWATSServer` started once per test session on 127.0.0.1;
* ``wats_control`` — its control plane (:class:`ServerControl`), reset before each test;
* ``wats_api`` — a ``pyWATS`` client connected to it.

Outside pytest, use :class:`LocalWATSServer` as a context manager::

    with LocalWATSServer() as server:
        api = pyWATS(base_url=server.url, token=server.token)
"""

from pywats.testing._control import Fault, ServerControl
from pywats.testing._server import LocalWATSServer, ServerStartError

__all__ = ["Fault", "LocalWATSServer", "ServerControl", "ServerStartError"]
