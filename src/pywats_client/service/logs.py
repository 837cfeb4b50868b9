"""Logging for the service: one line per event to stderr (foreground) or a rotating file (daemon)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

__all__ = ["LOG_FORMAT", "setup_logging"]

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
LOG_FILE_BYTES = 10 * 1024 * 1024
LOG_FILE_BACKUPS = 5


def setup_logging(level: str, *, verbose: bool = False, log_file: Path | None = None) -> None:
    """Send ``pywats_client`` (and, with ``verbose``, ``pywats`` and ``httpx``) records to one handler.

    The library's own per-request INFO lines are left out unless ``verbose``: the service logs
    every upload itself, with report id, file and attempt number.
    """
    handler: logging.Handler
    if log_file is not None:
        log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
        )
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("pywats_client").setLevel(logging.DEBUG if verbose else level)
    for name in ("pywats", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose and name == "pywats" else logging.WARNING)
