"""``pywats-client start|stop|status|test-connection``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from pywats.core.exceptions import PyWATSError
from pywats_client.cli import EXIT_FAILED, EXIT_NOT_RUNNING, EXIT_OK, EXIT_USAGE, _console, _context
from pywats_client.cli._context import UsageError

__all__ = ["register"]

DAEMON_START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 20.0


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    start = commands.add_parser(
        "start", parents=[common], help="run the service (foreground unless --daemon)"
    )
    start.add_argument("--api", action="store_true", help="serve the local management API on 127.0.0.1")
    start.add_argument(
        "--api-port", type=int, metavar="PORT", help="management API port (default: api_port, 8765)"
    )
    start.add_argument("--daemon", action="store_true", help="run in the background (pid file, log file)")
    start.add_argument("--log-file", metavar="PATH", help="log to this file instead of stderr")
    start.set_defaults(handler=_start)

    stop = commands.add_parser("stop", parents=[common], help="stop the running service")
    stop.set_defaults(handler=_stop)

    status = commands.add_parser(
        "status", parents=[common], help="is the service up; queue depth; last upload/error"
    )
    status.add_argument("--json", action="store_true", help="as JSON")
    status.set_defaults(handler=_status)

    test = commands.add_parser("test-connection", parents=[common], help="check the server address and token")
    test.set_defaults(handler=_test_connection)


def _start(args: argparse.Namespace) -> int:
    from pywats_client.service.logs import setup_logging
    from pywats_client.service.runner import ServiceConfigError, StationService
    from pywats_client.service.runtime import ServiceAlreadyRunning

    current = _context.loaded(args)
    if args.api_port is not None and not 0 <= args.api_port <= 65535:
        raise UsageError(f"--api-port must be between 0 and 65535, got {args.api_port}")
    if args.daemon:
        return _daemonize(args, current.paths, current.data_dir)
    verbose = bool(getattr(args, "verbose", False))
    setup_logging(
        current.config.log_level, verbose=verbose, log_file=Path(args.log_file) if args.log_file else None
    )
    try:
        service = StationService(current, api=args.api, api_port=args.api_port)
        return asyncio.run(service.run())
    except ServiceConfigError as exc:
        _console.error(str(exc))
        return EXIT_USAGE
    except ServiceAlreadyRunning as exc:
        _console.error(str(exc))
        return EXIT_FAILED


def _instance_args(paths: Any) -> list[str]:
    return ["--instance", paths.instance] if paths.instance else ["--config", str(paths.config_file)]


def _daemonize(args: argparse.Namespace, paths: Any, data_dir: Path) -> int:
    """Start ``pywats-client start`` detached, logging to a file; return once it is ready."""
    from pywats_client.service.runtime import RuntimeFiles

    runtime = RuntimeFiles(data_dir)
    info = runtime.read_info()
    if info is not None:
        _console.error(f"the service is already running (pid {info['pid']})")
        return EXIT_FAILED
    log_file = Path(args.log_file).absolute() if args.log_file else runtime.log_file
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pywats_client",
        *_instance_args(paths),
        "start",
        "--log-file",
        str(log_file),
    ]
    if args.api:
        command.append("--api")
    if args.api_port is not None:
        command += ["--api-port", str(args.api_port)]
    if getattr(args, "verbose", False):
        command.append("--verbose")
    options: dict[str, Any] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    with open(os.devnull, "rb") as devnull, open(log_file, "ab") as log:
        child = subprocess.Popen(command, stdin=devnull, stdout=log, stderr=log, close_fds=True, **options)
    deadline = time.monotonic() + DAEMON_START_TIMEOUT_S
    while time.monotonic() < deadline:
        code = child.poll()
        if code is not None:
            _console.error(f"the service exited with status {code} while starting; see {log_file}")
            return EXIT_FAILED
        info = runtime.read_info()
        if info is not None and info.get("pid") == child.pid:
            _console.info(f"pywats-client started in the background (pid {child.pid}); log: {log_file}")
            child.returncode = 0  # it outlives us on purpose: no "still running" warning
            return EXIT_OK
        time.sleep(0.1)
    _console.error(f"the service did not become ready within {DAEMON_START_TIMEOUT_S:g} s; see {log_file}")
    return EXIT_FAILED


def _stop(args: argparse.Namespace) -> int:
    from pywats_client.api.client import ManagementError
    from pywats_client.service.runtime import RuntimeFiles

    running = _context.management(args)
    if running is None:
        _console.info("pywats-client is not running.")
        return EXIT_OK
    pid, client = running
    asked = False
    if client is not None:
        try:
            client.stop()
            asked = True
        except ManagementError as exc:
            _console.warn(f"{exc}; sending SIGTERM instead")
    if not asked:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    runtime = RuntimeFiles(_context.data_dir(args))
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if runtime.read_info() is None:
            _console.info(f"pywats-client stopped (pid {pid}).")
            return EXIT_OK
        time.sleep(0.1)
    _console.error(f"pywats-client (pid {pid}) did not stop within {STOP_TIMEOUT_S:g} s")
    return EXIT_FAILED


def _when(stamp: Any) -> str:
    if not isinstance(stamp, int | float):
        return "-"
    return datetime.fromtimestamp(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _event(event: Any) -> str:
    if not isinstance(event, dict):
        return "-"
    parts = [_when(event.get("time"))]
    if event.get("report_id"):
        parts.append(f"report {event['report_id']}")
    if event.get("file"):
        parts.append(str(event["file"]))
    if event.get("attempt"):
        parts.append(f"attempt {event['attempt']}")
    if event.get("message"):
        parts.append(str(event["message"]))
    return ", ".join(parts)


def _status(args: argparse.Namespace) -> int:
    from pywats_client.api.client import ManagementError
    from pywats_client.cli.queue_cmd import disk_counts

    current = _context.loaded(args, required=False)
    counts = disk_counts(current.data_dir)
    running = _context.management(args)
    if running is None:
        if args.json:
            _console.stdout().print_json(json.dumps({"state": "down", "queue": counts}))
        else:
            _console.key_values([("state", "down (not running)"), *counts.items()], title="pywats-client")
        return EXIT_NOT_RUNNING
    pid, client = running
    data: dict[str, Any] = {"state": "running", "pid": pid, "queue": counts}
    note = None
    if client is None:
        note = "the service runs without --api: start it with --api for uploads and errors"
    else:
        try:
            data = client.status()
        except ManagementError as exc:
            note = str(exc)
    if args.json:
        _console.stdout().print_json(json.dumps(data))
        return EXIT_OK
    queue = data.get("queue", counts)
    rows: list[tuple[str, Any]] = [
        ("state", f"up ({data.get('state')})"),
        ("pid", data.get("pid")),
        ("uptime", f"{data['uptime_s']:.0f} s" if "uptime_s" in data else None),
        ("server", data.get("service_address")),
        ("server reachable", data.get("server_reachable")),
        ("queue depth", queue.get("pending", 0) + queue.get("retrying", 0) + queue.get("uploading", 0)),
        *((f"  {state}", count) for state, count in queue.items()),
        ("uploaded", data.get("uploaded")),
        ("conversion errors", data.get("conversion_errors")),
        ("last upload", _event(data.get("last_upload"))),
        ("last error", _event(data.get("last_error"))),
    ]
    _console.key_values(rows, title="pywats-client")
    if note:
        _console.warn(note)
    return EXIT_OK


def _test_connection(args: argparse.Namespace) -> int:
    from pywats import pyWATS

    config = _context.loaded(args).config
    if not config.service_address or not config.api_token:
        raise UsageError("service_address and api_token must be set first (`pywats-client config init`)")
    try:
        with pyWATS(
            base_url=config.service_address, token=config.api_token, timeout=config.request_timeout_s
        ) as api:
            version = api.get_version()
    except PyWATSError as exc:
        _console.error(f"cannot use {config.service_address}: {type(exc).__name__}: {exc.message}")
        return EXIT_FAILED
    _console.info(f"Connected to {config.service_address} (server version {version or 'unknown'}).")
    return EXIT_OK
