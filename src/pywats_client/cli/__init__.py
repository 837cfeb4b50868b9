"""``pywats-client``: configure, run and inspect the station client.

One module per command group (``config``, service control, ``queue``, ``converters``,
``convert``); each command parses its arguments, calls one function and prints with
:mod:`pywats_client.cli._console`. Exit status: 0 done, 1 the operation failed, 2 bad usage or
configuration, 3 (``status``) the service is not running.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pywats.core.exceptions import PyWATSError

__all__ = ["EXIT_FAILED", "EXIT_NOT_RUNNING", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_RUNNING = 3

PROG = "pywats-client"


def _common() -> argparse.ArgumentParser:
    """Options accepted before or after the command (``pywats-client --instance a status``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", metavar="PATH", default=argparse.SUPPRESS, help="configuration file (default: per user)"
    )
    common.add_argument(
        "--instance", metavar="NAME", default=argparse.SUPPRESS, help="a named instance with its own files"
    )
    common.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log debug messages"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    from pywats_client.cli import config_cmd, convert_cmd, converters_cmd, gui_cmd, queue_cmd, service_cmd

    common = _common()
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="The pyWATS station client: watch folders, convert test results, queue and upload them.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (config_cmd, service_cmd, converters_cmd, queue_cmd, convert_cmd, gui_cmd):
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    from pywats_client.cli import _console
    from pywats_client.cli._context import UsageError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "handler", None) is None:  # no command: the GUI where a display allows it
            from pywats_client.cli.gui_cmd import without_command

            return without_command(args, parser)
        return int(args.handler(args))
    except UsageError as exc:
        _console.error(str(exc))
        return EXIT_USAGE
    except PyWATSError as exc:  # config errors are ValidationErrors: a usage problem
        _console.error(exc.message)
        from pywats.core.exceptions import ValidationError

        return EXIT_USAGE if isinstance(exc, ValidationError) else EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
