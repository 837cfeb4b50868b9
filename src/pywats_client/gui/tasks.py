"""Running blocking work (HTTP calls, file reads) off the UI thread, with the answer back on it.

::

    run_task(self, lambda: client.queue(), on_done=self._show, on_error=self._failed)

The callable runs in Qt's global thread pool; ``on_done(result)`` or ``on_error(exception)``
then runs on the UI thread. The answer travels through a small relay object that is a child of
``owner``: if the owner widget is gone by then, the answer is dropped instead of reaching a
deleted widget.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

__all__ = ["run_task", "wait_for_tasks"]


class _Relay(QObject):
    """Lives on the UI thread; its signals are queued there from the worker."""

    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # every failure goes back to the UI, whatever it is
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.done, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the owner (and so the relay) was deleted meanwhile
            signal.emit(value)


def run_task(
    owner: QObject,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Run ``work()`` on a pool thread; then ``on_done(result)`` or ``on_error(exc)`` on the UI thread."""
    relay = _Relay(owner)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        relay.deleteLater()
        callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Task(work, relay))


def wait_for_tasks(timeout_ms: int = 10_000) -> bool:
    """Wait until no task runs (used when closing); False if some are still running."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
