"""The desktop GUI of the station client (``pip install pywats-api[client]``).

``pywats-client`` with no command, ``pywats-client gui`` or ``python -m pywats_client`` open it.
It configures the station (the **Setup** tab writes the same configuration file the service
reads) and watches and controls a running service through its local management API
(``pywats-client start --api``): **Dashboard**, **Queue**, **Converters**, **Log**, and the
**File** menu (Restart GUI, Stop Service, Exit). The window title ends in ``[Connected]`` while
the service answers and ``[Disconnected]`` while it does not.

Nothing here imports PySide6 until the window is opened, so the headless client never needs Qt;
:func:`gui_problem` says why the GUI cannot open (no display, no PySide6) without opening it.
"""

from __future__ import annotations

from pywats_client.gui.launch import gui_problem, run_gui

__all__ = ["gui_problem", "run_gui"]
