"""Whether the GUI can open here, and opening it (Qt is imported only then)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Mapping

from pywats_client.paths import InstancePaths, resolve_paths

__all__ = ["RESTART_EXIT_CODE", "display_problem", "gui_problem", "restart_command", "run_gui"]

RESTART_EXIT_CODE = 75
"""What the event loop returns when the user chose File ▸ Restart GUI."""


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can be shown (no X11/Wayland display on Linux), or None if one can."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin"):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display is available (DISPLAY and WAYLAND_DISPLAY are not set): the GUI needs a desktop "
        "session. Use the headless commands instead (`pywats-client status`, `pywats-client --help`)."
    )


def gui_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the GUI cannot open (no display, PySide6 missing), or None if it can."""
    try:
        found = importlib.util.find_spec("PySide6") is not None
    except (ImportError, ValueError):  # a broken or deliberately blocked installation
        found = False
    if not found:
        return (
            "the GUI needs PySide6, which is not installed: `pip install pywats-api[client]` "
            "(or use the headless commands, `pywats-client --help`)"
        )
    return display_problem(environ)


def restart_command(paths: InstancePaths) -> list[str]:
    """The command line that opens the GUI again for the same instance."""
    command = [sys.executable, "-m", "pywats_client"]
    if paths == resolve_paths():
        pass  # the default (or the environment's) instance: the new process finds it the same way
    elif paths.instance:
        command += ["--instance", paths.instance]
    else:
        command += ["--config", str(paths.config_file)]
    return [*command, "gui"]


def run_gui(paths: InstancePaths) -> int:
    """Open the main window and run until it closes; the exit status.

    File ▸ Restart GUI ends this process and starts a new one (so changed code and the
    configuration are loaded afresh); the service is not touched.
    """
    from pywats_client.gui.app import run_application

    code = run_application(paths)
    if code != RESTART_EXIT_CODE:
        return code
    command = restart_command(paths)
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.platform == "win32":  # no exec on Windows: start the new GUI and leave
        subprocess.Popen(command, close_fds=True)
        return 0
    os.execv(command[0], command)
