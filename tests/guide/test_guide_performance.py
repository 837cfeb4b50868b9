"""The guide's "Performance Optimization" and "Batch Operations & Pagination" samples, run as written.

Each test follows one sample of ``shared/spec/getting-started-guide.md``: the placeholder URL
and token become the local server's, module-level ``async with`` blocks run inside a coroutine,
and data the sample assumes (products, units, users) is created first. Samples that call a domain
method that has not landed yet skip with the method's name, and start running when it lands.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pywats.testing import LocalWATSServer, ServerControl

SERIALS = [f"SN-{i:05d}" for i in range(1000)]


@pytest.fixture
def server(wats_server: LocalWATSServer, wats_control: ServerControl) -> LocalWATSServer:
    return wats_server


def require(api: Any, domain: str, *methods: str) -> None:
    """Skip while ``api.<domain>.<method>`` does not exist (another engineer is writing it)."""
    service = getattr(api, domain, None)
    if service is None:
        pytest.skip(f"{domain} domain not landed")
    for method in methods:
        if not hasattr(service, method):
            pytest.skip(f"api.{domain}.{method} not landed")


def require_route(server: LocalWATSServer, path: str) -> None:
    """Skip while the server has no route for ``path`` (its side of a domain not landed yet)."""
    answer = httpx.get(server.url + path, headers={"Authorization": f"Basic {server.token}"}, timeout=10.0)
    if answer.status_code == 404 and "No HTTP resource was found" in answer.text:
        pytest.skip(f"server route {path} not landed")


def seed_products(server: LocalWATSServer, part_numbers: list[str], revisions: tuple[str, ...] = ()) -> None:
    from pywats import pyWATS

    with pyWATS(base_url=server.url, token=server.token) as api:
        for pn in part_numbers:
            api.product.create_product(pn, name=f"Product {pn}")
            for rev in revisions:
                api.product.create_revision(pn, rev)


def seed_units(server: LocalWATSServer, serials: list[str], part_number: str = "WIDGET-001") -> None:
    """Create the product and the units the batching samples look up, unless they are there already.

    Seeding 1,000 units takes seconds, so the two samples that need them share one seeding while
    no other test has reset the server in between.
    """
    from pywats import ErrorMode, pyWATS

    with pyWATS(base_url=server.url, token=server.token, error_mode=ErrorMode.LENIENT) as api:
        require(api, "production", "create_units", "get_unit")
        if api.production.get_unit(serials[-1], part_number) is not None:
            return
        from pywats.domains.production import Unit

        api.product.create_product(part_number, name="Widget")
        api.product.create_revision(part_number, "A")
        api.production.create_units(
            [Unit(serial_number=sn, part_number=part_number, revision="A") for sn in serials]
        )


@pytest.fixture
def kept_server(wats_server: LocalWATSServer) -> Iterator[LocalWATSServer]:
    """The server without a reset first (for :func:`seed_units`); faults are still cleared after."""
    yield wats_server
    wats_server.control.clear_faults()


def product_requests(control: ServerControl, prefix: str) -> list[dict[str, Any]]:
    return [r for r in control.requests() if r["path"].lower().startswith(prefix.lower())]


# -- Performance Optimization → Enhanced TTL Caching --------------------------------------------


def test_enhanced_ttl_caching_process_service(
    server: LocalWATSServer, wats_control: ServerControl, capsys: pytest.CaptureFixture[str]
) -> None:
    from pywats import AsyncWATS

    async def main() -> None:
        async with AsyncWATS(base_url=server.url, token=server.token) as api:
            require(api, "process", "get_processes", "cache_stats", "clear_cache")
            require_route(server, "/api/App/Processes")
            wats_control.clear_requests()
            # Process service has built-in caching
            # First call - fetches from server
            processes = await api.process.get_processes()

            # Second call - returns cached data (100x faster!)
            processes = await api.process.get_processes()

            # Check cache statistics
            stats = api.process.cache_stats
            print(f"Cache hit rate: {stats['hit_rate']:.1%}")  # e.g., 95.0%

            # Clear cache when needed
            await api.process.clear_cache()

            assert processes
            fetched_before_clear = len(wats_control.requests())
            await api.process.get_processes()
            assert len(wats_control.requests()) == fetched_before_clear + 1  # cleared: fetched again

    asyncio.run(main())
    out = capsys.readouterr().out
    assert out == "Cache hit rate: 50.0%\n"
    assert len(wats_control.requests()) == 2  # first call and the call after clear_cache


def test_enhanced_ttl_caching_own_cache(capsys: pytest.CaptureFixture[str]) -> None:
    from pywats.core.cache import AsyncTTLCache

    async def sample() -> None:
        # Create your own caches for any data
        cache = AsyncTTLCache[str](
            max_size=1000,
            default_ttl=300.0,  # 5 minutes
        )

        async with cache:
            # Cache a value
            await cache.set("key", "value", ttl=60.0)  # Custom TTL

            # Get a value
            value = await cache.get("key")

            # Check statistics
            print(f"Hit rate: {cache.stats.hit_rate:.1%}")
            print(f"Hits: {cache.stats.hits}, Misses: {cache.stats.misses}")
            assert value == "value"

    asyncio.run(sample())
    assert capsys.readouterr().out == "Hit rate: 100.0%\nHits: 1, Misses: 0\n"


# -- Performance Optimization → Connection Pooling ----------------------------------------------


def test_connection_pooling_sample(server: LocalWATSServer, wats_control: ServerControl) -> None:
    from pywats import AsyncWATS

    seed_products(server, ["WIDGET-001", "WIDGET-002"])

    async def main() -> tuple[Any, Any, Any]:
        async with AsyncWATS(base_url=server.url, token=server.token) as api:
            require(api, "asset", "get_assets")
            require(api, "production", "get_units")
            require_route(server, "/api/Asset")
            # All requests automatically use connection pooling

            # Concurrent requests are much faster
            import asyncio

            products, assets, units = await asyncio.gather(
                api.product.get_products(), api.asset.get_assets(top=100), api.production.get_units(top=100)
            )
            return products, assets, units

    products, assets, units = asyncio.run(main())
    assert sorted(p.part_number for p in products) == ["WIDGET-001", "WIDGET-002"]
    assert isinstance(assets, list) and isinstance(units, list)


# -- Performance Optimization → Request Batching ------------------------------------------------


def test_request_batching_sample(kept_server: LocalWATSServer, capsys: pytest.CaptureFixture[str]) -> None:
    server = kept_server
    from pywats import AsyncWATS
    from pywats.core.batching import ChunkedBatcher, batch_map

    seen: dict[str, Any] = {}

    async def main() -> None:
        async with AsyncWATS(base_url=server.url, token=server.token) as api:
            require(api, "production", "get_units_batch", "get_unit")
            seed_units(server, SERIALS)
            serial_numbers = [f"SN-{i:05d}" for i in range(1000)]

            # Method 1: ChunkedBatcher for size-based batching
            async with ChunkedBatcher(
                processor=lambda sns: api.production.get_units_batch(sns),
                chunk_size=50,  # Process 50 at a time
                max_concurrent=5,  # Up to 5 concurrent batches
            ) as batcher:
                units = await batcher.process(serial_numbers)
            seen["chunked"] = units

            # Method 2: batch_map for simple concurrent mapping
            async def fetch_unit(sn: str):  # type: ignore[no-untyped-def]
                return await api.production.get_unit(sn, "WIDGET-001")

            units = await batch_map(items=serial_numbers, func=fetch_unit, batch_size=50, max_concurrent=10)

            print(f"Fetched {len(units)} units")
            seen["mapped"] = units

    asyncio.run(main())
    assert capsys.readouterr().out == "Fetched 1000 units\n"
    assert [u.serial_number for u in seen["mapped"]] == SERIALS
    # get_units_batch answers one BatchResult per serial number; the batcher keeps them in order.
    from pywats.core import collect_failures, collect_successes

    assert [u.serial_number for u in collect_successes(seen["chunked"])] == SERIALS
    assert collect_failures(seen["chunked"]) == []


# -- Performance Optimization → MessagePack Serialization ---------------------------------------


def test_messagepack_serialization_sample(capsys: pytest.CaptureFixture[str]) -> None:
    from pywats.core.performance import Serializer

    # Create serializer with MessagePack
    serializer = Serializer(format="msgpack")

    # Serialize data
    data = {"part_number": "WIDGET-001", "values": [1, 2, 3]}
    payload = serializer.serialize(data)

    # Deserialize
    result = serializer.deserialize(payload)

    # Compare formats
    json_serializer = Serializer(format="json")
    msgpack_serializer = Serializer(format="msgpack")

    json_size = len(json_serializer.serialize(data))
    msgpack_size = len(msgpack_serializer.serialize(data))

    print(f"JSON: {json_size} bytes")
    print(f"MessagePack: {msgpack_size} bytes ({msgpack_size / json_size:.1%} size)")

    # Benchmark serialization speed
    from pywats.core.performance import benchmark_serialization

    results = benchmark_serialization(data, iterations=10000)
    for fmt, metrics in results.items():
        print(f"{fmt}: {metrics['ops_per_sec']:.0f} ops/sec")

    assert result == data
    lines = capsys.readouterr().out.splitlines()
    # {"part_number":"WIDGET-001","values":[1,2,3]} is 45 bytes; MessagePack needs 35 for the same.
    assert lines[:2] == ["JSON: 45 bytes", "MessagePack: 35 bytes (77.8% size)"]
    assert [line.split(":")[0] for line in lines[2:]] == ["json", "msgpack"]
    assert all(line.endswith(" ops/sec") for line in lines[2:])


# -- Performance Optimization → Combined Performance Pattern ------------------------------------


def test_combined_performance_pattern(
    kept_server: LocalWATSServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server = kept_server
    from pywats import AsyncWATS
    from pywats.core.batching import batch_map
    from pywats.core.cache import AsyncTTLCache

    async def process_production_data() -> None:
        async with AsyncWATS(base_url=server.url, token=server.token) as api:
            require(api, "process", "get_processes")
            require(api, "production", "get_unit")
            require_route(server, "/api/App/Processes")
            seed_units(server, SERIALS)
            # 1. Use built-in caching for static data
            processes = await api.process.get_processes()  # Cached automatically

            # 2. Create custom cache for frequently accessed data
            product_cache = AsyncTTLCache[dict](max_size=1000, default_ttl=600.0)  # type: ignore[type-arg]

            async with product_cache:
                # 3. Batch process units with connection pooling
                serial_numbers = [f"SN-{i:05d}" for i in range(1000)]

                async def fetch_with_cache(sn: str):  # type: ignore[no-untyped-def]
                    # Check cache first
                    cached = await product_cache.get(sn)
                    if cached:
                        return cached

                    # Fetch from API (uses connection pooling automatically)
                    unit = await api.production.get_unit(sn, "WIDGET-001")

                    # Cache result
                    await product_cache.set(sn, unit)
                    return unit

                # Process in batches with concurrency control
                units = await batch_map(
                    items=serial_numbers, func=fetch_with_cache, batch_size=100, max_concurrent=10
                )

                print(f"Processed {len(units)} units")
                print(f"Cache hit rate: {product_cache.stats.hit_rate:.1%}")
                # Expect 95%+ hit rate on subsequent runs
                assert processes
                # A second run over the same serial numbers is served from the cache.
                await batch_map(
                    items=serial_numbers, func=fetch_with_cache, batch_size=100, max_concurrent=10
                )
                print(f"Second run hit rate: {product_cache.stats.hit_rate:.1%}")

    asyncio.run(process_production_data())
    assert capsys.readouterr().out.splitlines() == [
        "Processed 1000 units",
        "Cache hit rate: 0.0%",
        "Second run hit rate: 50.0%",
    ]


# -- Batch Operations & Pagination ---------------------------------------------------------------


@pytest.fixture
def api(server: LocalWATSServer) -> Iterator[Any]:
    from pywats import pyWATS

    with pyWATS(base_url=server.url, token=server.token) as client:
        yield client


def test_batch_operations_sample(
    api: Any, server: LocalWATSServer, wats_control: ServerControl, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_products(server, ["PN-001", "PN-002", "PN-003", "PN-004"])  # PN-005 is missing on purpose
    wats_control.clear_requests()

    from pywats.core import batch_execute, collect_failures, collect_successes

    # Fetch multiple products in parallel
    part_numbers = ["PN-001", "PN-002", "PN-003", "PN-004", "PN-005"]

    results = batch_execute(
        keys=part_numbers,
        operation=lambda pn: api.product.get_product(pn),
        max_workers=5,  # Concurrent threads (default: 10)
    )

    # Extract successful results
    products = collect_successes(results)
    print(f"Fetched {len(products)} products successfully")

    # Check for failures
    failures = collect_failures(results)
    for key, error in failures:
        print(f"Failed to fetch {key}: {error}")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Fetched 4 products successfully"
    assert len(lines) == 2 and lines[1].startswith("Failed to fetch PN-005: ") and "PN-005" in lines[1][24:]
    assert [p.part_number for p in products] == part_numbers[:4]
    assert len(product_requests(wats_control, "/api/Product/")) == 5


def test_domain_batch_methods_sample(api: Any, server: LocalWATSServer) -> None:
    require(api, "product", "get_products_batch", "get_revisions_batch")
    seed_products(server, ["PN-001", "PN-002", "PN-003"], revisions=("A", "B"))
    from pywats.core import collect_failures, collect_successes

    # Product domain batch methods
    product_results = api.product.get_products_batch(["PN-001", "PN-002", "PN-003"])

    # Fetch multiple revisions
    revision_pairs = [("PN-001", "A"), ("PN-001", "B"), ("PN-002", "A")]
    revision_results = api.product.get_revisions_batch(revision_pairs)

    assert [p.part_number for p in collect_successes(product_results)] == ["PN-001", "PN-002", "PN-003"]
    revisions = collect_successes(revision_results)
    assert [(r.part_number, r.revision) for r in revisions] == revision_pairs
    assert collect_failures(product_results) == [] and collect_failures(revision_results) == []


def seed_users(api: Any, count: int) -> None:
    require(api, "scim", "iter_users", "create_user")
    from pywats.domains.scim import ScimUser

    for i in range(count):
        api.scim.create_user(ScimUser(user_name=f"user{i:03d}", display_name=f"User {i:03d}"))


def test_scim_pagination_sample(
    api: Any, server: LocalWATSServer, capsys: pytest.CaptureFixture[str]
) -> None:
    require(api, "scim", "iter_users")
    require_route(server, "/api/SCIM/v2/Users")
    seed_users(api, 120)
    synced: list[str] = []
    processed: list[str] = []

    def process_user(user: Any) -> None:
        processed.append(user.user_name)

    def sync_to_external_system(user: Any) -> None:
        synced.append(user.user_name)

    # SCIM: Iterate over all users
    for user in api.scim.iter_users(page_size=100):
        print(f"{user.user_name}: {user.display_name}")

    # With a limit
    for user in api.scim.iter_users(page_size=50, max_users=200):
        process_user(user)

    # With progress tracking
    def on_page(page_num, items_so_far, total):  # type: ignore[no-untyped-def]
        print(f"Page {page_num}: {items_so_far}/{total} users")

    for user in api.scim.iter_users(on_page=on_page):
        sync_to_external_system(user)

    out = capsys.readouterr().out.splitlines()
    users = [line for line in out if not line.startswith("Page ")]
    assert len(users) >= 120 and "user000: User 000" in users
    assert len(processed) == min(200, len(users))
    assert len(synced) == len(users)
    assert [line for line in out if line.startswith("Page ")][
        -1
    ] == f"Page 2: {len(users)}/{len(users)} users"


class SomeApi:
    """Stands in for the guide's placeholder ``api.some_api``: each page is a real request.

    The product list is what the server pages here; the start index is 1-based.
    """

    class Page:
        def __init__(self, items: list[Any], total_count: int) -> None:
            self.items = items
            self.total_count = total_count

    def __init__(self, api: Any) -> None:
        self._api = api
        self.requests: list[tuple[int, int]] = []

    def get_items(self, start: int, count: int) -> SomeApi.Page:
        self.requests.append((start, count))
        everything = sorted(p.part_number for p in self._api.product.get_products())
        return self.Page(everything[start - 1 : start - 1 + count], len(everything))


def test_custom_pagination_sample(api: Any, server: LocalWATSServer) -> None:
    part_numbers = [f"PG-{i:03d}" for i in range(120)]
    seed_products(server, part_numbers)
    api.some_api = SomeApi(api)
    seen: list[str] = []

    def process(item: str) -> None:
        seen.append(item)

    from pywats.core import Paginator, paginate

    # Custom pagination with any API
    def fetch_page(start_index, count):  # type: ignore[no-untyped-def]
        return api.some_api.get_items(start=start_index, count=count)

    for item in paginate(
        fetch_page=fetch_page, get_items=lambda r: r.items, get_total=lambda r: r.total_count, page_size=50
    ):
        process(item)

    assert seen == part_numbers
    assert api.some_api.requests == [(1, 50), (51, 50), (101, 50)]
    paginator = Paginator(fetch_page, lambda r: r.items, lambda r: r.total_count)
    assert paginator.count() == 120
