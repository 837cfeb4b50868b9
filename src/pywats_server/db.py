"""Database access: one SQLAlchemy 2 engine per application, short sessions per unit of work.

Every table of the server inherits from :class:`Base`. That is the whole registration: tables are created
at startup and :meth:`Database.wipe` (the control plane's reset) empties every one of them, so a new domain
only has to define its tables on :class:`Base` and import them before the application starts.

SQLite (the default, ``<data_dir>/wats.db``) runs in WAL mode so readers never wait for the writer, and write
transactions start with ``BEGIN IMMEDIATE``: concurrent upserts then queue on SQLite's busy timeout instead of
failing with "database is locked" when a read lock cannot be upgraded. Any other SQLAlchemy URL (PostgreSQL)
works unchanged; there, a unique-key race between two upserts is retried.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.pool import StaticPool

from pywats_server.errors import Conflict

logger = logging.getLogger(__name__)

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_S = 30.0
WAL_CHECKPOINT_PAGES = 10_000
WRITE_ATTEMPTS = 3
# Execution option that marks connections of write sessions (see _begin_sqlite_transaction).
_WRITE_OPTION = "pywats_server_write"


class Base(DeclarativeBase):
    """Base class of every table; subclasses are created at startup and emptied by reset."""


class Database:
    """Engine plus the two ways the backends use it: :meth:`read` and :meth:`write`."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.engine = _create_engine(url)
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})

    def create_tables(self) -> None:
        """Create the tables of every imported domain that do not exist yet."""
        Base.metadata.create_all(self.engine)

    def read(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a read-only unit of work; its result must be built before the session closes."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            return work(session)

    def write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction: everything it does is committed together or not at all.

        A unique-key collision with a concurrent writer is retried in a fresh transaction (the second
        attempt sees the other writer's row and updates it); if it persists, it is reported as 409 Conflict.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                    return work(session)
            except IntegrityError as exc:
                logger.info("write attempt %d hit a constraint: %s", attempt, exc.orig)
                if attempt == WRITE_ATTEMPTS:
                    raise Conflict("The request conflicts with data stored on the server.") from exc
        raise AssertionError("unreachable")

    def wipe(self) -> None:
        """Delete every row of every table (children before parents), in one transaction."""

        def delete_all(session: Session) -> None:
            for table in reversed(Base.metadata.sorted_tables):
                session.execute(table.delete())

        self.write(delete_all)

    def dispose(self) -> None:
        """Close pooled connections (at shutdown, so the SQLite file is released)."""
        self.engine.dispose()


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict[str, Any] = {
        # FastAPI runs sync endpoints on a thread pool, so a pooled connection moves between threads.
        "connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
    }
    if parsed.database in (None, "", ":memory:"):
        # An in-memory database exists per connection: share one.
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself; pysqlite's implicit transactions cannot do IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Checkpoint the WAL every ~40 MB instead of every 4 MB: each checkpoint syncs the database file,
        # which dominated the time of storing reports one after another.
        cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    if connection.get_execution_options().get(_WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")
