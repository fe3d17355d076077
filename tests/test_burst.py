"""A classroom burst against the live server: no errors, and memory that does not run away.

A smaller run of ``python -m benchmarks --only burst``; it asserts no timing, only that every
request is answered and that the server's memory after the burst stays near its baseline.
"""

from __future__ import annotations

from benchmarks.burst import rss_kib, run_burst
from tests.conftest import LiveServer

CLIENTS = 60
# 300 clients grew the server by ~8 MB on the development machine; a leak of 25 KB or more
# per request (60 clients make ~2,000) fails this.
GROWTH_BOUND_KIB = 48 * 1024


def test_a_classroom_burst_is_answered_without_errors(live_server: LiveServer) -> None:
    # One classmate first, so that lazily built state (imports, caches) is in the baseline.
    assert run_burst(live_server.base_url, live_server.pid, clients=1).errors == []
    baseline = rss_kib(live_server.pid)
    result = run_burst(live_server.base_url, live_server.pid, clients=CLIENTS)
    assert result.errors == []
    assert len(result.all_ms()) >= CLIENTS * 22  # page, ranges and 10 moves of two each
    assert rss_kib(live_server.pid) - baseline < GROWTH_BOUND_KIB
