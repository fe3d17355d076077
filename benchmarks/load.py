"""Load over loopback with httpx: sequential latencies and concurrent throughput."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Latency:
    first_ms: float  # the URL's first request, warm-up included
    p50_ms: float
    p95_ms: float
    body_bytes: int  # uncompressed
    wire_bytes: int  # as sent, gzip included


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def measure_latency(client: httpx.Client, url: str, repeats: int) -> Latency:
    """One cold request, then ``repeats`` more one after another."""
    times: list[float] = []
    response: httpx.Response | None = None
    for _ in range(repeats + 1):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    assert response is not None
    wire = int(response.headers.get("content-length", len(response.content)))
    repeated = times[1:]
    return Latency(
        times[0], percentile(repeated, 0.5), percentile(repeated, 0.95), len(response.content), wire
    )


async def _throughput(base_url: str, url: str, total: int, concurrency: int) -> float:
    remaining = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            for _ in remaining:
                (await client.get(url)).raise_for_status()

        await client.get(url)  # warm-up, outside the timing
        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return total / (time.perf_counter() - start)


def requests_per_second(base_url: str, url: str, total: int, concurrency: int) -> float:
    """``total`` GETs of ``url`` over ``concurrency`` keep-alive connections."""
    return asyncio.run(_throughput(base_url, url, total, concurrency))
