"""``pywats-client gui`` (and ``pywats-client`` with no command): the desktop GUI."""

from __future__ import annotations

import argparse

from pywats_client.cli import EXIT_FAILED, EXIT_USAGE, _console, _context

__all__ = ["register", "without_command"]


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    gui = commands.add_parser(
        "gui", parents=[common], help="open the desktop GUI (needs pywats-api[client] and a display)"
    )
    gui.set_defaults(handler=_gui)


def _gui(args: argparse.Namespace) -> int:
    from pywats_client.gui import gui_problem, run_gui

    problem = gui_problem()
    if problem is not None:
        _console.error(f"cannot open the GUI: {problem}")
        return EXIT_FAILED
    return run_gui(_context.paths(args))


def without_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """No command given: the GUI where it can open, else the help and why there is no GUI."""
    from pywats_client.gui import gui_problem

    problem = gui_problem()
    if problem is None:
        return _gui(args)
    parser.print_help()
    _console.info(f"\n(The GUI was not opened: {problem})")
    return EXIT_USAGE
