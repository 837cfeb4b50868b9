"""``pywats-client config init|show|get|set|path``."""

from __future__ import annotations

import argparse
import getpass
import json
import socket
import sys
from typing import Any

from pywats_client.cli import EXIT_OK, _console, _context
from pywats_client.cli._context import UsageError
from pywats_client.config import (
    ClientConfig,
    config_keys,
    create_secret,
    file_is_private,
    format_value,
    mask_token,
    save_config,
    set_key,
)

__all__ = ["register"]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    config = commands.add_parser("config", parents=[common], help="create, show and change the configuration")
    sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)

    init = sub.add_parser(
        "init", parents=[common], help="create the configuration (interactive unless told not to)"
    )
    init.add_argument("--server-url", help="WATS server URL (service_address)")
    init.add_argument("--api-token", help="Base64 API token (api_token)")
    init.add_argument("--station-name", help="station name put on reports (default: this computer's name)")
    init.add_argument("--location", help="station location")
    init.add_argument(
        "--watch-folder", action="append", default=[], metavar="PATH", help="a folder to watch (repeatable)"
    )
    init.add_argument("--data-dir", help="where the queue, logs and pid file live")
    init.add_argument(
        "--non-interactive", action="store_true", help="ask nothing; fail if something is missing"
    )
    init.add_argument("--force", action="store_true", help="replace an existing configuration")
    init.set_defaults(handler=_init)

    show = sub.add_parser("show", parents=[common], help="print the configuration (token masked)")
    show.add_argument("--json", action="store_true", help="as JSON")
    show.set_defaults(handler=_show)

    get = sub.add_parser("get", parents=[common], help="print one key's value")
    get.add_argument("key", metavar="KEY", help=", ".join(config_keys()))
    get.add_argument("--reveal", action="store_true", help="print api_token unmasked")
    get.set_defaults(handler=_get)

    put = sub.add_parser("set", parents=[common], help="change one key (lists and objects as JSON)")
    put.add_argument("key", metavar="KEY")
    put.add_argument("value", metavar="VALUE")
    put.set_defaults(handler=_set)

    where = sub.add_parser("path", parents=[common], help="print where the configuration file is")
    where.set_defaults(handler=_path)


def _ask(label: str, default: str = "", *, secret: bool = False) -> str:
    prompt = f"{label}{f' [{default}]' if default else ''}: "
    if secret and sys.stdin.isatty():
        answer = getpass.getpass(prompt)
    else:
        print(prompt, end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            raise UsageError(f"no answer for {label!r} (stdin closed); use --non-interactive with options")
        answer = line.rstrip("\r\n")
    return answer.strip() or default


def _init(args: argparse.Namespace) -> int:
    paths = _context.paths(args)
    if paths.config_file.exists() and not args.force:
        raise UsageError(
            f"{paths.config_file} exists; use --force to replace it, or `config set` to change it"
        )
    url, token, station = args.server_url, args.api_token, args.station_name
    folders: list[str] = list(args.watch_folder)
    if args.non_interactive:
        missing = [flag for flag, value in (("--server-url", url), ("--api-token", token)) if not value]
        if missing:
            raise UsageError(f"{' and '.join(missing)} required with --non-interactive")
    else:
        url = url or _ask("WATS server URL (e.g. https://wats.example.com)")
        token = token or _ask("API token (Base64)", secret=True)
        station = station or _ask("Station name", socket.gethostname())
        if not folders:
            folder = _ask("Folder to watch for test results (empty: none for now)")
            folders = [folder] if folder else []
    raw: dict[str, Any] = {
        "service_address": url or "",
        "api_token": token or "",
        "station_name": station or socket.gethostname(),
        "log_level": "INFO",
    }
    if args.location:
        raw["location"] = args.location
    if folders:
        raw["folders"] = [{"path": folder} for folder in folders]
    if args.data_dir:
        raw["data_dir"] = args.data_dir
    save_config(paths, raw)
    create_secret(paths)
    _console.info(f"Wrote {paths.config_file} (mode 0600).")
    _console.info(f"Management API secret: {paths.secret_file} (mode 0600).")
    _console.info("Next: `pywats-client test-connection`, then `pywats-client start`.")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    current = _context.loaded(args)
    masked = current.config.masked()
    if args.json:
        _console.stdout().print_json(json.dumps(masked))
        return EXIT_OK
    if not file_is_private(current.paths.config_file):
        _console.warn(f"{current.paths.config_file} is readable by other users; run chmod 600 on it")
    rows = []
    for key in config_keys():
        value = masked[key]
        text = value if isinstance(value, str) else json.dumps(value)
        source = "environment" if key in current.env_keys else ("file" if key in current.raw else "default")
        rows.append((key, text, source))
    _console.info(f"# {current.paths.config_file}")
    _console.table(("key", "value", "from"), rows)
    return EXIT_OK


def _get(args: argparse.Namespace) -> int:
    current = _context.loaded(args)
    _console.info(format_value(args.key, current.config, reveal=args.reveal))
    return EXIT_OK


def _set(args: argparse.Namespace) -> int:
    current = _context.loaded(args)
    raw = set_key(current.raw, args.key, args.value)
    config: ClientConfig = save_config(current.paths, raw)
    shown = mask_token(config.api_token) if args.key == "api_token" else format_value(args.key, config)
    _console.info(f"{args.key} = {shown}")
    if args.key in current.env_keys:
        _console.warn(f"the environment variable for {args.key} overrides the file")
    _reload_running(args)
    return EXIT_OK


def _reload_running(args: argparse.Namespace) -> None:
    """Tell a running service to pick the change up (if it runs with the management API)."""
    from pywats_client.api.client import ManagementError

    running = _context.management(args)
    if running is None:
        return
    _, client = running
    if client is None:
        _console.info("The running service reads the change at its next start (it runs without --api).")
        return
    try:
        client.reload()
        _console.info("The running service is reloading its configuration.")
    except ManagementError as exc:
        _console.warn(str(exc))


def _path(args: argparse.Namespace) -> int:
    _console.info(str(_context.paths(args).config_file))
    return EXIT_OK
