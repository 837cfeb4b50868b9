"""TLS contexts, built once per setting and shared by every client of the process."""

from __future__ import annotations

import ssl
from functools import lru_cache

__all__ = ["ssl_context"]


def ssl_context(verify: bool | str) -> ssl.SSLContext | bool:
    """The context for a ``verify`` setting (True, False or a CA bundle path).

    Loading the CA bundle takes tens of milliseconds; doing it once instead of per client keeps
    creating an ``AsyncWATS`` inside a running event loop from stalling the loop.
    """
    if verify is False:
        return False
    return _context(verify)


@lru_cache(maxsize=8)
def _context(verify: bool | str) -> ssl.SSLContext:
    import certifi  # a dependency of httpx

    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return ssl.create_default_context(cafile=certifi.where())
