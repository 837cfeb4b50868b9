"""Logging set-up: pyWATS logs through the standard library and never configures it on import.

Loggers: ``pywats`` (root of all), ``pywats.http_client`` (one INFO line per request, DEBUG for
responses and retries), ``pywats.domains.<name>`` (service operations). Tokens and the
``Authorization`` header are never logged.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

__all__ = ["DEFAULT_FORMAT", "enable_debug_logging"]

DEFAULT_FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
DEFAULT_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"

_HANDLER_NAME = "pywats-debug"


def enable_debug_logging(
    level: int = logging.DEBUG,
    *,
    format_string: str | None = None,
    stream: TextIO | None = None,
) -> logging.Handler:
    """Send pyWATS log records at ``level`` and above to ``stream`` (stderr by default).

    Calling it again replaces the handler it added before rather than adding a second one.
    Returns the handler so that callers can remove it.
    """
    logger = logging.getLogger("pywats")
    for existing in list(logger.handlers):
        if existing.get_name() == _HANDLER_NAME:
            logger.removeHandler(existing)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(format_string or DEFAULT_FORMAT, DEFAULT_DATE_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
