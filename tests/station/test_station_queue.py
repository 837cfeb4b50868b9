"""The durable queue on real directories: states, claims, rewrites, crash recovery, retention."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pywats_client.queue import EntryMeta, ReportQueue, State
from pywats_client.queue.entry import decode_entry, encode_entry

BODY = b'{"id": "x"}'


def meta(entry_id: str, digest: str = "d1", **fields: object) -> EntryMeta:
    return EntryMeta(id=entry_id, created=time.time(), source_digest=digest, **fields)  # type: ignore[arg-type]


@pytest.fixture
def queue(tmp_path: Path) -> ReportQueue:
    return ReportQueue(tmp_path / "queue")


def test_entries_are_written_durably_into_pending(queue: ReportQueue) -> None:
    results = queue.add([(meta("a", priority=3), BODY), (meta("b"), b"{}")])
    assert [(r.id, r.status, r.state) for r in results] == [
        ("a", "added", State.PENDING),
        ("b", "added", State.PENDING),
    ]
    assert queue.counts() == {"pending": 2, "uploading": 0, "retrying": 0, "parked": 0, "done": 0}
    stored, body = decode_entry(queue.path(State.PENDING, "a").read_bytes())
    assert stored.priority == 3 and body == BODY
    assert oct(queue.path(State.PENDING, "a").stat().st_mode & 0o777) == "0o600"
    assert list(queue.tmp.iterdir()) == []


def test_the_same_report_from_the_same_file_is_not_queued_twice(queue: ReportQueue) -> None:
    queue.add([(meta("a"), BODY)])
    entry = queue.claim("a")
    assert entry is not None
    queue.complete(entry)
    again = queue.add([(meta("a"), BODY)])
    assert (again[0].status, again[0].state) == ("exists", State.DONE)
    assert queue.counts()["pending"] == 0


def test_a_changed_version_replaces_the_old_one_unless_it_is_in_flight(queue: ReportQueue) -> None:
    queue.add([(meta("a", "v1"), b"1")])
    entry = queue.claim("a")
    assert entry is not None
    assert queue.add([(meta("a", "v2"), b"2")])[0].status == "busy"
    queue.park(entry, "HTTP 400")
    replaced = queue.add([(meta("a", "v2"), b"2")])
    assert replaced[0].status == "added"
    assert queue.locate("a") is State.PENDING and queue.counts()["parked"] == 0
    assert queue.read("a").body == b"2"  # type: ignore[union-attr]


def test_one_batch_never_writes_an_id_twice(queue: ReportQueue) -> None:
    results = queue.add([(meta("a", "v1"), b"1"), (meta("a", "v2"), b"2")])
    assert [r.status for r in results] == ["added", "busy"]


def test_claims_are_exclusive_and_states_move_by_rename(queue: ReportQueue) -> None:
    queue.add([(meta("a"), BODY)])
    first = queue.claim("a")
    assert first is not None and first.state is State.UPLOADING and first.body == BODY
    assert queue.claim("a") is None  # the rename is the lock
    deferred = queue.defer(first, "ServerError: 503", time.time() + 60)
    assert deferred.attempts == 1 and deferred.last_error == "ServerError: 503"
    assert queue.locate("a") is State.RETRYING
    second = queue.claim("a")  # from retrying
    assert second is not None and second.meta.attempts == 1
    parked = queue.park(second, "ValidationError: 400")
    assert parked.attempts == 2 and queue.locate("a") is State.PARKED
    assert queue.claim("a") is None  # parked entries wait for the operator
    assert queue.retry("a") and queue.locate("a") is State.PENDING
    assert not queue.retry("a")


def test_recovery_returns_in_flight_entries_and_settles_duplicates(queue: ReportQueue) -> None:
    queue.add([(meta("a"), BODY), (meta("b"), BODY), (meta("c"), BODY)])
    a, b = queue.claim("a"), queue.claim("b")
    assert a is not None and b is not None
    # b crashed in the middle of a rewrite: the new copy is in retrying, the old still in uploading.
    retrying = queue.path(State.RETRYING, "b")
    retrying.write_bytes(encode_entry(EntryMeta(id="b", created=b.meta.created, attempts=1), BODY))
    (queue.tmp / "b.123.tmp").write_bytes(b"half")
    assert queue.recover() == 1  # only a goes back
    assert queue.locate("a") is State.PENDING
    assert queue.locate("b") is State.RETRYING and not queue.path(State.UPLOADING, "b").exists()
    assert queue.locate("c") is State.PENDING
    assert list(queue.tmp.iterdir()) == []


def test_a_newer_version_wins_over_an_older_done_copy(queue: ReportQueue) -> None:
    queue.add([(meta("a", "v1"), b"1")])
    entry = queue.claim("a")
    assert entry is not None
    queue.complete(entry)
    newer = EntryMeta(id="a", created=time.time() + 1, source_digest="v2")
    queue.path(State.PENDING, "a").write_bytes(encode_entry(newer, b"2"))
    queue.recover()
    assert queue.locate("a") is State.PENDING and not queue.path(State.DONE, "a").exists()


def test_retention_deletes_only_old_done_entries(queue: ReportQueue) -> None:
    queue.add([(meta(i), BODY) for i in ("old", "new", "parked", "pending")])
    for entry_id in ("old", "new"):
        entry = queue.claim(entry_id)
        assert entry is not None
        queue.complete(entry)
    parked = queue.claim("parked")
    assert parked is not None
    queue.park(parked, "400")
    long_ago = time.time() - 30 * 86_400
    for state, entry_id in ((State.DONE, "old"), (State.PARKED, "parked"), (State.PENDING, "pending")):
        os.utime(queue.path(state, entry_id), (long_ago, long_ago))
    assert queue.purge_done(7 * 86_400) == 1
    assert queue.locate("old") is None
    assert [queue.locate(i) for i in ("new", "parked", "pending")] == [
        State.DONE,
        State.PARKED,
        State.PENDING,
    ]


def test_retention_counts_from_the_upload_not_from_queueing(queue: ReportQueue) -> None:
    """A report queued during a long outage is kept for the full retention after it is uploaded."""
    queue.add([(meta("late"), BODY)])
    queued_long_ago = time.time() - 30 * 86_400
    os.utime(queue.path(State.PENDING, "late"), (queued_long_ago, queued_long_ago))
    entry = queue.claim("late")
    assert entry is not None
    queue.complete(entry)
    assert queue.purge_done(7 * 86_400) == 0
    assert queue.locate("late") is State.DONE


def test_remove_and_listing(queue: ReportQueue) -> None:
    queue.add([(meta("a", pn="PN-1"), BODY), (meta("b"), BODY)])
    assert sorted(m.id for m in queue.iter_meta(State.PENDING)) == ["a", "b"]
    assert queue.read_meta(State.PENDING, "a").pn == "PN-1"
    assert queue.remove("a") is State.PENDING and queue.remove("a") is None
    claimed = queue.claim("b")
    assert claimed is not None
    assert queue.remove("b") is None  # not while it is being uploaded
    assert queue.read("missing") is None


def test_entry_files_from_a_newer_version_still_load(queue: ReportQueue) -> None:
    line = b'{"id": "z", "priority": 2, "created": 1.0, "added_by_a_future_version": true}'
    queue.path(State.PENDING, "z").write_bytes(line + b"\n" + BODY)
    loaded = queue.read("z")
    assert loaded is not None and loaded.meta.priority == 2 and loaded.body == BODY
