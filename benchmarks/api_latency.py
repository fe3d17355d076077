"""(a) /api/frames latency for every paper figure and for the largest answers the limits allow."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx

from app.core.figures import FIGURES
from benchmarks.load import measure_latency
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

# The largest answers the documented limits admit: a 4×4 kernel over a 128×128 input names
# 258,064 cells (the frame-cell limit is 262,144) in 16,129 frames; a 1×1 kernel over it
# makes the most steps (16,384, the limit); the widest grid is 160×160 (the grid limit).
LARGEST = {
    "most cells, conv": {"op": "conv", "i": "128", "k": "4", "p": "1"},
    "most steps": {"op": "conv", "i": "128", "k": "1"},
    "widest grid": {"op": "conv", "i": "128", "k": "16", "s": "16", "p": "16"},
}
FIGURE_REPEATS = 50
LARGEST_REPEATS = 5


@register("api-latency")
def api_latency(server: LiveServer) -> Table:
    table = Table(
        "GET /api/frames latency (ms), one request at a time",
        ["case", "query", "first", "p50", "p95", "JSON bytes", "gzip bytes"],
        note=(
            f"Each case: one first request, then {FIGURE_REPEATS} repeats ({LARGEST_REPEATS} "
            "for the largest) of the same URL, one after another, over one keep-alive "
            "connection with Accept-Encoding: gzip, as a browser sends. 'first' is the URL's "
            "first request, computed; a repeat is served from the server's answer cache "
            "(app/web/answer_cache.py). p50/p95 are of the repeats."
        ),
    )
    cases = [(f"figure {f.number}", f.query, FIGURE_REPEATS) for f in FIGURES]
    cases += [(name, query, LARGEST_REPEATS) for name, query in LARGEST.items()]
    with httpx.Client(base_url=server.base_url, timeout=120) as client:
        client.get("/healthz")  # open the connection, so 'first' times the answer alone
        for name, query, repeats in cases:
            q = urlencode(query)
            lat = measure_latency(client, f"/api/frames?{q}", repeats)
            table.rows.append(
                [
                    name,
                    q,
                    f"{lat.first_ms:.1f}",
                    f"{lat.p50_ms:.1f}",
                    f"{lat.p95_ms:.1f}",
                    f"{lat.body_bytes:,}",
                    f"{lat.wire_bytes:,}",
                ]
            )
    return table
