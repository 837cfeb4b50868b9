"""The durable report queue (one file per report, a directory per state) and its retry policy."""

from pywats_client.queue.entry import EntryMeta
from pywats_client.queue.policy import Outcome, classify_failure, retry_delay
from pywats_client.queue.store import AddResult, QueueEntry, ReportQueue, State

__all__ = [
    "AddResult",
    "EntryMeta",
    "Outcome",
    "QueueEntry",
    "ReportQueue",
    "State",
    "classify_failure",
    "retry_delay",
]
