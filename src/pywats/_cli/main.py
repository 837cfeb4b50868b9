"""``pywats``: the library's command line. One module per command group; this one only dispatches."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pywats._cli import export

__all__ = ["main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pywats", description="pyWATS command-line tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    export.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit code is 0 on success, 1 on a failed call, 2 on bad usage."""
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
