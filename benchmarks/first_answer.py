"""The first request of a frames or scatter answer, computed in-process, in both forms.

In-process (Starlette's TestClient, the app built once, its answer cache emptied before every
request) so that the number is the answer's own cost — building, encoding, the router — without
a socket or another engineer's load on the shared machine. Also the two forms' sizes.
"""

from __future__ import annotations

import time
from statistics import median
from urllib.parse import urlencode

from fastapi.testclient import TestClient

import app.web.api as api
from app.main import create_app
from app.web.answer_cache import MB, AnswerCache
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer

# i at the sizes a learner types, then the largest configurations each form allows.
CASES: list[tuple[str, str, dict[str, str]]] = [
    ("i=32", "frames", {"op": "conv", "i": "32", "k": "3", "p": "1"}),
    ("i=64", "frames", {"op": "conv", "i": "64", "k": "3", "p": "1"}),
    ("i=100", "frames", {"op": "conv", "i": "100", "k": "3", "p": "1"}),
    ("largest verbose: most cells", "frames", {"op": "conv", "i": "128", "k": "4", "p": "1"}),
    ("largest verbose: most steps", "frames", {"op": "conv", "i": "128", "k": "1"}),
    ("scatter i=64", "scatter", {"op": "transpose", "i": "64", "k": "4", "s": "2", "p": "1"}),
]
COMPACT_CASES: list[tuple[str, str, dict[str, str]]] = [
    ("largest compact: 512 grid, 3×3", "frames", {"op": "conv", "i": "510", "k": "3"}),
    ("largest compact: most steps", "frames", {"op": "conv", "i": "512", "k": "1"}),
    ("largest compact: 8×8 kernel", "frames", {"op": "conv", "i": "512", "k": "8", "seed": "1"}),
    ("largest compact: ninths", "frames", {"op": "conv", "i": "510", "k": "3", "w": "box_blur"}),
    ("largest compact: pooling", "frames", {"op": "avgpool", "i": "512", "k": "8", "s": "1"}),
    ("largest compact: scatter", "scatter", {"op": "transpose", "i": "255", "k": "4", "s": "2"}),
]
TRIALS = 5


def _first_ms(client: TestClient, url: str) -> tuple[float, float, int]:
    """The medians over TRIALS of a first request's wall and CPU time (the process's, so
    another program's load on the shared cores counts less), the answer cache emptied
    before each."""
    wall, cpu = [], []
    size = 0
    for _ in range(TRIALS):
        api.ANSWERS = AnswerCache(max_entries=4096, max_bytes=64 * MB, max_entry_bytes=8 * MB)
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        response.raise_for_status()
        size = len(response.content)
    return median(wall), median(cpu), size


@register("first-answer")
def first_answer(server: LiveServer) -> Table:
    table = Table(
        "First request of /api/frames and /api/scatter (ms, in-process), by form",
        ["case", "query", "form", "first ms", "CPU ms", "JSON bytes", "compact/verbose"],
        note=(
            f"Median of {TRIALS} first requests, each after emptying the answer cache; "
            "in-process through the app (TestClient, no gzip: Accept-Encoding identity)."
        ),
    )
    kept = api.ANSWERS
    with TestClient(create_app(), headers={"Accept-Encoding": "identity"}) as client:
        client.get("/api/frames?i=5&k=3")  # imports and first-call costs out of the way
        for name, view, query in CASES + COMPACT_CASES:
            sizes: dict[str, int] = {}
            for form in ("verbose", "compact"):
                q = urlencode({**query, **({"form": form} if form == "compact" else {})})
                response = client.get(f"/api/{view}?{q}")
                if response.status_code != 200:
                    table.rows.append([name, q, form, "refused", "", str(response.status_code), ""])
                    continue
                ms, cpu, sizes[form] = _first_ms(client, f"/api/{view}?{q}")
                ratio = (
                    f"{sizes['compact'] / sizes['verbose']:.1%}"
                    if form == "compact" and "verbose" in sizes
                    else ""
                )
                row = [name, urlencode(query), form, f"{ms:.1f}", f"{cpu:.1f}", f"{sizes[form]:,}"]
                table.rows.append([*row, ratio])
    api.ANSWERS = kept
    return table
