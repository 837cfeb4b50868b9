"""Keeping a content store tidy: contents are deleted when no row names them any more.

A domain that keeps file contents in its own :class:`~pywats_server.content_store.ContentStore`
records each file as a row holding the content's SHA-256. These helpers run inside the
domain's write transaction (serialised by the database), so deciding "nobody names this
content" and deleting it cannot interleave with another write that starts naming it.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pywats_server.content_store import ContentStore

__all__ = ["release_unreferenced", "sweep_when_unreferenced"]

logger = logging.getLogger(__name__)

_INCOMING_PREFIX = ".incoming-"  # uploads still being received (see content_store.py)


def release_unreferenced(
    session: Session, store: ContentStore, hashes: Iterable[str], column: InstrumentedAttribute[Any]
) -> None:
    """Delete from disk each of ``hashes`` that no row has in ``column`` any more."""
    for sha in set(hashes):
        if session.scalar(select(column).where(column == sha).limit(1)) is None:
            store.path(sha).unlink(missing_ok=True)


def sweep_when_unreferenced(
    session: Session, store: ContentStore, column: InstrumentedAttribute[Any], keep: Collection[str]
) -> int:
    """If no row names any content, delete every stored content except those in ``keep``.

    This removes what a control-plane reset (which empties the tables, not the disk) left
    behind; uploads still being received are spared.
    """
    if session.scalar(select(column).limit(1)) is not None or not store.root.is_dir():
        return 0
    removed = 0
    for path in store.root.rglob("*"):
        if path.is_file() and path.name not in keep and not path.name.startswith(_INCOMING_PREFIX):
            path.unlink(missing_ok=True)
            removed += 1
    if removed:
        logger.info("removed %d stored content(s) that nothing names any more", removed)
    return removed
