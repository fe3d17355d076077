"""The classroom burst against two app workers, straight and through deploy/nginx.conf.

Each side starts its own ``convarith serve --workers 2`` (so neither inherits the other's
answer cache) and runs the same burst as ``burst``; through nginx, its access log counts the
requests the app itself answered.
"""

from __future__ import annotations

from contextlib import ExitStack

from benchmarks.burst import CLIENTS, MOVES, Burst, run_burst
from benchmarks.cache_proxy import app_answers, caching_proxy, served_app
from benchmarks.load import percentile
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

WORKERS = 2


def _row(name: str, result: Burst, asked: int) -> list[str]:
    lat = result.all_ms()
    return [
        name,
        f"{len(lat):,}",
        str(len(result.errors)),
        f"{len(lat) / result.seconds:,.0f}",
        f"{percentile(lat, 0.5):.1f}",
        f"{percentile(lat, 0.95):.1f}",
        f"{percentile(lat, 0.99):.1f}",
        f"{asked:,}",
    ]


def burst_through(cached: bool, clients: int = CLIENTS) -> tuple[Burst, int]:
    """The burst, and how many of its requests the app answered (all of them uncached)."""
    with ExitStack() as stack:
        app = stack.enter_context(served_app(WORKERS))
        if not cached:
            result = run_burst(app.base_url, app.pid, clients)
            return result, len(result.all_ms())
        proxy = stack.enter_context(caching_proxy(app.address))
        result = run_burst(proxy.base_url, app.pid, clients, listed_at=app.base_url)
        answered = app_answers(proxy.log())
        answered.pop("/healthz", None)  # nginx's start-up check
        asked = sum(answered.values())
        return result, asked


@register("cache-burst")
def cache_burst(server: LiveServer) -> Table:
    table = Table(
        f"Classroom burst, {WORKERS} app workers, without and with nginx's cache: {CLIENTS} "
        f"clients, {MOVES} slider moves each",
        ["path", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "app answered"],
        note=(__doc__ or "").split("\n\n", 1)[1].strip(),
    )
    for name, cached in (("app alone", False), ("through nginx", True)):
        result, asked = burst_through(cached)
        table.rows.append(_row(name, result, asked))
        if result.errors:
            table.note += f" Errors ({name}): " + "; ".join(result.errors[:5])
    return table
