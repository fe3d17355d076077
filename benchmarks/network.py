"""/api/network latency for every preset and for the most layers the limits allow."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx

from app.core.grammar import NETWORK_LIMITS
from app.core.presets import PRESETS
from benchmarks.load import measure_latency
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

REPEATS = 50
# 64 layers (the limit) of every kind, with the largest strings the answer writes.
MOST_LAYERS = ";".join(
    ["conv(k=3x5,p=same,c=64,g=2)", "maxpool(k=3,s=1,p=1,ceil=1)"]
    * (NETWORK_LIMITS.max_layers // 2)
)


@register("network")
def network(server: LiveServer) -> Table:
    table = Table(
        "GET /api/network latency (ms), one request at a time",
        ["case", "layers", "first", "p50", "p95", "JSON bytes", "gzip bytes"],
        note=(
            f"Each case: one first request, then {REPEATS} repeats of the same URL over one "
            "keep-alive connection with Accept-Encoding: gzip. A repeat still plans the stack "
            "(the canonical query is the cache's key) but reuses the serialized answer."
        ),
    )
    cases = [(f"preset={name}", {"preset": name}, name) for name in PRESETS]
    cases.append(("64 layers", {"i": "224", "c_in": "4", "layers": MOST_LAYERS}, ""))
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        client.get("/healthz")
        for name, query, preset in cases:
            lat = measure_latency(client, f"/api/network?{urlencode(query)}", REPEATS)
            count = (PRESETS[preset].layers if preset else query["layers"]).count(";") + 1
            table.rows.append(
                [
                    name,
                    str(count),
                    f"{lat.first_ms:.1f}",
                    f"{lat.p50_ms:.1f}",
                    f"{lat.p95_ms:.1f}",
                    f"{lat.body_bytes:,}",
                    f"{lat.wire_bytes:,}",
                ]
            )
    return table
