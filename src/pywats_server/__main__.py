"""``pywats-server``: run a local WATS-compatible server.

    pywats-server [--host HOST] [--port PORT] [--data-dir DIR] [--database URL]
                  [--user NAME:PASSWORD ...] [--restricted-user NAME ...]
                  [--max-upload-bytes N] [--log-level LEVEL] [--demo]

Without ``--user`` the server generates an ``admin`` account on first start and prints its token once (it is
kept in ``<data-dir>/token``). When the server accepts requests it prints exactly one line to stdout,
``pywats-server ready at http://<host>:<port>``, which scripts can wait for. SIGINT or SIGTERM stop it
gracefully with exit status 0.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType

from sqlalchemy.exc import SQLAlchemyError

from pywats_server.accounts import AccountError, load_or_create_account, token_path
from pywats_server.app import DATA_DIR_MODE, create_app
from pywats_server.demo_data import seed_if_empty
from pywats_server.serving import bind_socket, http_url, make_server, socket_port
from pywats_server.settings import (
    DEFAULT_HOST,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_PORT,
    ServerSettings,
    default_data_dir,
)

logger = logging.getLogger("pywats_server")

PROG = "pywats-server"
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
MAX_PORT = 65535


def _user(value: str) -> tuple[str, str]:
    name, sep, password = value.partition(":")
    if not sep or not name or not password:
        raise argparse.ArgumentTypeError(f"expected NAME:PASSWORD with both parts non-empty, got {value!r}")
    return name, password


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"port must be between 0 and {MAX_PORT}, got {port}")
    return port


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(prog=PROG, description="Run a local WATS-compatible server.")
    parser.add_argument("--host", default=DEFAULT_HOST, help="interface to listen on (default: %(default)s)")
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help="TCP port; 0 picks a free one (default: %(default)s)"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="directory for the database and the token file "
        "(default: $XDG_DATA_HOME/pywats-server or ~/.local/share/pywats-server)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        default=None,
        help="SQLAlchemy database URL (default: SQLite in the data dir)",
    )
    parser.add_argument(
        "--user",
        dest="users",
        metavar="NAME:PASSWORD",
        type=_user,
        action="append",
        default=[],
        help="an account clients may use (repeatable); without it an 'admin' account is generated",
    )
    parser.add_argument(
        "--restricted-user",
        dest="restricted_users",
        metavar="NAME",
        action="append",
        default=[],
        help="a user (of --user) without administrative permissions: 403 where WATS needs one (repeatable)",
    )
    parser.add_argument(
        "--max-upload-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_UPLOAD_BYTES,
        help="largest file upload accepted, e.g. asset files and package zips (default: %(default)s)",
    )
    parser.add_argument("--log-level", choices=LOG_LEVELS, default="warning", help="(default: %(default)s)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="if the database holds no reports yet, fill it with demo data: products, processes and "
        "three months of test and repair reports",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the server until SIGINT/SIGTERM; return the process exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    data_dir: Path = args.data_dir or default_data_dir()
    try:
        _prepare_data_dir(data_dir)
        users = dict(args.users) if args.users else _generated_users(data_dir)
    except (OSError, AccountError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1

    settings = ServerSettings(
        host=args.host,
        port=args.port,
        data_dir=data_dir,
        database_url=args.database,
        users=users,
        restricted_users=frozenset(args.restricted_users),
        max_upload_bytes=args.max_upload_bytes,
    )
    try:
        app = create_app(settings)
    except (SQLAlchemyError, ImportError) as exc:  # bad URL, unknown dialect, driver not installed
        print(f"{PROG}: cannot use the database {args.database!r}: {exc}", file=sys.stderr)
        return 1
    if args.demo:
        try:
            summary = seed_if_empty(settings.resolved_database_url)
        except SQLAlchemyError as exc:
            print(f"{PROG}: cannot seed demo data into {args.database!r}: {exc}", file=sys.stderr)
            return 1
        if summary is not None:
            done = f"{summary.reports} reports of {summary.units} units"
            print(f"{PROG}: seeded demo data: {done}", file=sys.stderr)
    try:
        sock = bind_socket(settings.host, settings.port)
    except OSError as exc:
        print(f"{PROG}: cannot listen on {settings.host}:{settings.port}: {exc}", file=sys.stderr)
        return 1
    url = http_url(settings.host, socket_port(sock))

    def announce() -> None:
        print(f"{PROG} ready at {url}", flush=True)

    server = make_server(app, log_level=args.log_level, on_ready=announce)
    with sock, _signals_end_gracefully():
        try:
            server.run(sockets=[sock])
        except SystemExit as exc:  # uvicorn exits this way when the application fails to start
            logger.error("server failed to start (exit status %s)", exc.code)
    if not server.started:
        print(f"{PROG}: the server failed to start; see the messages above", file=sys.stderr)
        return 1
    logger.info("server stopped")
    return 0


def _prepare_data_dir(data_dir: Path) -> None:
    existed = data_dir.exists()
    data_dir.mkdir(mode=DATA_DIR_MODE, parents=True, exist_ok=True)
    if not existed:
        os.chmod(data_dir, DATA_DIR_MODE)  # mkdir's mode is filtered by the umask


def _generated_users(data_dir: Path) -> dict[str, str]:
    account, created = load_or_create_account(data_dir)
    path = token_path(data_dir)
    if created:
        print(
            f"{PROG}: generated account '{account.user}'; token {account.token} (saved to {path})", flush=True
        )
    else:
        print(f"{PROG}: using the account '{account.user}' whose token is in {path}", flush=True)
    return {account.user: account.password}


@contextlib.contextmanager
def _signals_end_gracefully() -> Iterator[None]:
    """Make SIGINT/SIGTERM end the process with status 0 after uvicorn's graceful shutdown.

    uvicorn handles both signals while it serves, then restores the previous handlers and raises the signal
    again so the default action can run. The default action would kill us with SIGTERM's status, or raise
    KeyboardInterrupt; these handlers absorb that second delivery instead.
    """

    def absorb(signum: int, frame: FrameType | None) -> None:
        logger.debug("signal %d received after shutdown", signum)

    previous = {sig: signal.signal(sig, absorb) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":
    sys.exit(main())
