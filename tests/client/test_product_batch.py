"""get_products_batch / get_revisions_batch: concurrent, ordered, failures kept per key."""

from __future__ import annotations

import time
from typing import Any

import pytest

from pywats import ErrorMode, NotFoundError, ServerError, ValidationError, pyWATS
from pywats.core.parallel import collect_failures, collect_successes
from pywats.testing import ServerControl


def _products(api: Any, count: int) -> list[str]:
    part_numbers = [f"PN-{i:03d}" for i in range(1, count + 1)]
    for pn in part_numbers:
        api.product.create_product(pn, name=f"Product {pn}")
        api.product.create_revision(pn, "A")
    return part_numbers


def test_partial_failures_are_reported_per_key(twin: Any) -> None:
    _products(twin, 3)
    results = twin.product.get_products_batch(["PN-001", "MISSING", "PN-003", ""])
    assert [r.key for r in results] == ["PN-001", "MISSING", "PN-003", ""]
    assert [r.ok for r in results] == [True, False, True, False]
    assert isinstance(results[1].error, NotFoundError)
    assert isinstance(results[3].error, ValidationError)
    assert [p.part_number for p in collect_successes(results)] == ["PN-001", "PN-003"]
    assert [key for key, _ in collect_failures(results)] == ["MISSING", ""]


def test_revisions_batch(twin: Any) -> None:
    _products(twin, 2)
    pairs = [("PN-001", "A"), ("PN-001", "B"), ("PN-002", "A"), ("PN-002",)]
    results = twin.product.get_revisions_batch(pairs)
    assert [r.key for r in results] == pairs
    assert [r.value.revision if r.ok else None for r in results] == ["A", None, "A", None]
    assert isinstance(results[1].error, NotFoundError)
    assert isinstance(results[3].error, ValidationError)


def test_lenient_batch_gives_none_for_missing(make_twin: Any) -> None:
    api = make_twin(error_mode=ErrorMode.LENIENT)
    _products(api, 1)
    results = api.product.get_products_batch(["PN-001", "NOPE"])
    assert [r.ok for r in results] == [True, True]
    assert results[1].value is None


def test_server_errors_stay_with_their_key(make_twin: Any, wats_control: ServerControl) -> None:
    api = make_twin(retry_enabled=False)
    _products(api, 2)
    wats_control.add_fault(path="/api/Product/PN-002", method="GET", status=503, count=1)
    results = api.product.get_products_batch(["PN-001", "PN-002"])
    assert results[0].ok and isinstance(results[1].error, ServerError)


def test_batch_runs_concurrently(make_twin: Any, wats_control: ServerControl) -> None:
    api = make_twin()
    part_numbers = _products(api, 8)
    wats_control.add_fault(path="/api/Product/PN-*", method="GET", delay_s=0.2, count=0)
    started = time.perf_counter()
    results = api.product.get_products_batch(part_numbers, max_concurrent=8)
    elapsed = time.perf_counter() - started
    assert all(r.ok for r in results)
    assert elapsed < 8 * 0.2 / 2, f"8 delayed calls took {elapsed:.2f} s: not concurrent"


def test_batch_argument_must_be_a_list(twin: Any) -> None:
    for bad in ["PN-001", None, 5]:
        with pytest.raises(ValidationError):
            twin.product.get_products_batch(bad)
    with pytest.raises(ValidationError):
        twin.product.get_products_batch(["PN-001"], max_concurrent=0)


def test_guide_batch_methods(wats_api: pyWATS) -> None:
    """The guide's "Domain-specific batch methods" sample."""
    api = wats_api
    for pn in ("PN-001", "PN-002", "PN-003"):
        api.product.create_product(pn)
        api.product.create_revision(pn, "A")
    product_results = api.product.get_products_batch(["PN-001", "PN-002", "PN-003"])
    revision_pairs = [("PN-001", "A"), ("PN-001", "B"), ("PN-002", "A")]
    revision_results = api.product.get_revisions_batch(revision_pairs)
    assert len(collect_successes(product_results)) == 3
    assert [key for key, _ in collect_failures(revision_results)] == [("PN-001", "B")]
