"""(b) Requests per second: /api/frames for a paper figure against the same bytes as a file."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx

from app.core.figures import BY_NUMBER
from benchmarks.load import requests_per_second
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

FIGURE = BY_NUMBER["2.6"]
TOTAL = 2000
CONCURRENCY = 8
GOAL = 0.5


@register("api-vs-static")
def api_vs_static(server: LiveServer) -> Table:
    api_url = f"/api/frames?{urlencode(FIGURE.query)}"
    # The file holds exactly the answer's bytes, so size, gzip work and headers match.
    body = httpx.get(server.base_url + api_url).content
    (server.comparison_dir / "frames.json").write_bytes(body)
    file_url = server.comparison_url("frames.json")

    api = requests_per_second(server.base_url, api_url, TOTAL, CONCURRENCY)
    static = requests_per_second(server.base_url, file_url, TOTAL, CONCURRENCY)
    ratio = api / static
    return Table(
        f"Throughput: /api/frames for figure {FIGURE.number} against a file of the same bytes",
        ["served", "URL", "bytes", "requests/s"],
        [
            ["computed", api_url, f"{len(body):,}", f"{api:,.0f}"],
            ["static file", file_url, f"{len(body):,}", f"{static:,.0f}"],
        ],
        note=(
            f"ratio computed/static = {ratio:.2f} (goal ≥ {GOAL}: "
            f"{'met' if ratio >= GOAL else 'NOT met'}). {TOTAL} GETs each over {CONCURRENCY} "
            "keep-alive connections from one httpx client on the same machine, one uvicorn "
            "worker. The file is the API's own answer written to a temporary folder that the "
            "same server serves with the same static-file class and middleware as /static, "
            "so the two differ only in computing the answer versus reading it from disk. The "
            "client's own cost is in both numbers, which pulls the ratio towards 1."
        ),
    )
