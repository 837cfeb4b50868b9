"""systemd's readiness protocol (``Type=notify``) without a dependency: one datagram to ``$NOTIFY_SOCKET``."""

from __future__ import annotations

import logging
import os
import socket

__all__ = ["sd_notify"]

logger = logging.getLogger("pywats_client.service")


def sd_notify(message: str) -> bool:
    """Send ``READY=1``, ``STOPPING=1``, ``STATUS=…`` to systemd; False when not run by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address or not hasattr(socket, "AF_UNIX"):
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode("utf-8"))
    except OSError as exc:
        logger.warning("Could not notify systemd (%s): %s", message, exc)
        return False
    return True
