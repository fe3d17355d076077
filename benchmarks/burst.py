"""A classroom opening the same link at once, then dragging sliders.

Each client does what a browser with a cold cache does for ``/?op=conv&i=5&k=3&s=2&p=1``: the
page, every /static file it names and every module those import, and /api/ranges; then a
number of slider moves to neighbouring values, each /api/frames then /api/ranges, as the page
asks. Clients arrive spread over a few seconds; requests in flight are bounded, loopback
only. The server's memory (VmRSS) is read before, sampled throughout for the peak, and read
again once the burst has settled.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import httpx

from benchmarks.load import percentile
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

PAGE = "/?op=conv&i=5&k=3&s=2&p=1"
CLIENTS = 300
MOVES = 10
RAMP_SECONDS = 3.0
IN_FLIGHT = 64
SETTLE_SECONDS = 5.0
DEADLINE_SECONDS = 300.0
RSS_SAMPLE_SECONDS = 0.02

# Slider values around the link's figure, every combination of which the engine accepts
# (i + 2p >= 5 >= k), so any answer but a 200 is an error.
BOUNDS = {"i": (5, 12), "k": (1, 5), "s": (1, 3), "p": (0, 2)}
START = {"i": 5, "k": 3, "s": 2, "p": 1}

# url_for writes absolute URLs: keep the path.
_STATIC = re.compile(r'(?:href|src)="(?:https?://[^/"]+)?(/static/[^"]+)"')
_IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*["'](\.{1,2}/[^"']+)["']""")


def rss_kib(pid: int) -> int:
    """The process's resident memory, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def page_assets(client: httpx.Client, page: str) -> list[str]:
    """The /static files ``page`` names and, transitively, every module they import."""
    found = _STATIC.findall(client.get(page).raise_for_status().text)
    assets: list[str] = []
    while found:
        url = found.pop()
        if url in assets:
            continue
        assets.append(url)
        if url.endswith(".js"):
            source = client.get(url).raise_for_status().text
            found += [urljoin(url, spec) for spec in _IMPORT.findall(source)]
    return sorted(assets)


def slider_queries(rng: random.Random, moves: int) -> list[str]:
    """``moves`` queries, each one slider step from the last, as a drag makes them."""
    state = dict(START)
    queries = []
    for _ in range(moves):
        name = rng.choice(sorted(BOUNDS))
        low, high = BOUNDS[name]
        state[name] = min(high, max(low, state[name] + rng.choice((-1, 1))))
        queries.append("op=conv&" + "&".join(f"{n}={v}" for n, v in state.items()))
    return queries


def kind(url: str) -> str:
    """What a request is for, to report latencies apart: page, static, frames or ranges."""
    path = url.split("?", 1)[0]
    return "static" if path.startswith("/static/") else path.rsplit("/", 1)[-1] or "page"


@dataclass
class Burst:
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_kib: int = 0

    def all_ms(self) -> list[float]:
        return [ms for kind_ms in self.latencies_ms.values() for ms in kind_ms]


async def _get(client: httpx.AsyncClient, gate: asyncio.Semaphore, url: str, out: Burst) -> None:
    async with gate:
        start = time.perf_counter()
        try:
            response = await client.get(url)
            if response.status_code != 200:
                out.errors.append(f"{response.status_code} {url}")
        except httpx.HTTPError as error:
            out.errors.append(f"{type(error).__name__} {url}")
        elapsed = (time.perf_counter() - start) * 1000
        out.latencies_ms.setdefault(kind(url), []).append(elapsed)


async def _classmate(
    n: int, client: httpx.AsyncClient, gate: asyncio.Semaphore, assets: list[str], out: Burst
) -> None:
    await _get(client, gate, PAGE, out)
    # A browser fetches a page's files side by side.
    await asyncio.gather(*(_get(client, gate, url, out) for url in assets))
    await _get(client, gate, "/api/ranges?" + PAGE.split("?", 1)[1], out)
    for query in slider_queries(random.Random(n), MOVES):
        await _get(client, gate, f"/api/frames?{query}", out)
        await _get(client, gate, f"/api/ranges?{query}", out)


async def _watch_rss(pid: int, out: Burst, done: asyncio.Event) -> None:
    while not done.is_set():
        out.peak_rss_kib = max(out.peak_rss_kib, rss_kib(pid))
        await asyncio.sleep(RSS_SAMPLE_SECONDS)


async def _burst(base_url: str, pid: int, clients: int, assets: list[str]) -> Burst:
    out = Burst()
    gate = asyncio.Semaphore(IN_FLIGHT)
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    done = asyncio.Event()
    watcher = asyncio.create_task(_watch_rss(pid, out, done))
    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def arrive(n: int) -> None:
            await asyncio.sleep(n * RAMP_SECONDS / clients)  # arrivals spread over the ramp
            await _classmate(n, client, gate, assets, out)

        work = asyncio.gather(*(arrive(n) for n in range(clients)))
        await asyncio.wait_for(work, DEADLINE_SECONDS)
    out.seconds = time.perf_counter() - start
    done.set()
    await watcher
    return out


def run_burst(
    base_url: str, pid: int, clients: int = CLIENTS, listed_at: str | None = None
) -> Burst:
    """``clients`` classmates against the server at ``base_url`` whose process is ``pid``; the
    page's files are listed from ``listed_at`` (default ``base_url``: a cache in front stays
    cold if it is the app's own address)."""
    with httpx.Client(base_url=listed_at or base_url, timeout=30) as client:
        assets = page_assets(client, PAGE)
    # A thread of its own, hence an event loop of its own: Playwright's sync API keeps one
    # running in the calling thread when the browser tests share the session.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(_burst(base_url, pid, clients, assets))).result()


def _row(name: str, lat: list[float], seconds: float, errors: int, memory: str) -> list[str]:
    return [
        name,
        f"{len(lat):,}",
        str(errors),
        f"{len(lat) / seconds:,.0f}",
        f"{percentile(lat, 0.5):.1f}",
        f"{percentile(lat, 0.95):.1f}",
        f"{percentile(lat, 0.99):.1f}",
        memory,
    ]


@register("burst")
def burst(server: LiveServer) -> Table:
    table = Table(
        f"Classroom burst: {CLIENTS} clients open one link, then {MOVES} slider moves each",
        ["requests", "count", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "server RSS MB"],
        note=(__doc__ or "").split("\n\n", 1)[1].strip()
        + f" At most {IN_FLIGHT} requests in flight; arrivals over {RAMP_SECONDS:g} s. RSS: "
        f"before / peak / {SETTLE_SECONDS:g} s after the last answer.",
    )
    before = rss_kib(server.pid)
    result = run_burst(server.base_url, server.pid)
    time.sleep(SETTLE_SECONDS)  # memory settling is what is measured here
    after = rss_kib(server.pid)
    memory = f"{before / 1024:.0f} / {result.peak_rss_kib / 1024:.0f} / {after / 1024:.0f}"
    table.rows.append(_row("all", result.all_ms(), result.seconds, len(result.errors), memory))
    for name, lat in sorted(result.latencies_ms.items()):
        errors = sum(kind(e.split()[1]) == name for e in result.errors)
        table.rows.append(_row(name, lat, result.seconds, errors, ""))
    if result.errors:
        table.note += " Errors: " + "; ".join(result.errors[:5])
    return table
