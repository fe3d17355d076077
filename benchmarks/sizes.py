"""Real sizes cost what small ones do: /api/arithmetic and /api/ranges, computed, for layers
of 5 and of 4,096 per side, with the ratio of the two measured within one run."""

from __future__ import annotations

import time
from itertools import product

import httpx

from benchmarks.load import percentile
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

# Distinct configurations, so every request is computed (the answer cache keys on the
# canonical query and would serve a repeat from memory): kernels, strides and paddings of one
# shape around an input of 5, and the same around an input of 4,096.
SMALL = [
    f"op=conv&i=5&k={k}&s={s}&p={p}" for k, s, p in product((1, 2, 3, 4, 5), (1, 2, 3), (0, 1))
]
LARGE = [
    f"op=conv&i=4096&k={k}&s={s}&p={p}"
    for k, s, p in product((1, 11, 227, 2048, 4096), (1, 4, 4096), (0, 4096))
]
ENDPOINTS = ("/api/arithmetic", "/api/ranges")


def _computed_ms(client: httpx.Client, endpoint: str, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        response = client.get(f"{endpoint}?{query}")
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return times


@register("sizes")
def sizes(server: LiveServer) -> Table:
    table = Table(
        "Computed /api/arithmetic and /api/ranges (ms): 5 against 4,096 per side",
        [
            "endpoint",
            "layers",
            "5 per side p50",
            "4,096 per side p50",
            "p95 5",
            "p95 4,096",
            "ratio p50",
        ],
        note=(
            f"{len(SMALL)} distinct layers of each size (conv, every kernel, stride and padding "
            "named in benchmarks/sizes.py), each requested once, one at a time over one "
            "keep-alive connection, so each answer is computed rather than served from the "
            "answer cache; 5 then 4,096 for each endpoint, in one run. The ratio is "
            "4,096's p50 over 5's: about 1 when the work does not grow with the sizes."
        ),
    )
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        client.get("/healthz")  # open the connection
        client.get("/api/arithmetic?op=conv&i=6&k=3")  # import and warm every module once
        for endpoint in ENDPOINTS:
            small = _computed_ms(client, endpoint, SMALL)
            large = _computed_ms(client, endpoint, LARGE)
            s50, l50 = percentile(small, 0.5), percentile(large, 0.5)
            table.rows.append(
                [
                    endpoint,
                    str(len(SMALL)),
                    f"{s50:.2f}",
                    f"{l50:.2f}",
                    f"{percentile(small, 0.95):.2f}",
                    f"{percentile(large, 0.95):.2f}",
                    f"{l50 / s50:.2f}",
                ]
            )
    return table
