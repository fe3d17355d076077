"""Page weight: what a first visit to / transfers, request by request, in headless Chromium.

Bytes are the DevTools protocol's encodedDataLength at Network.loadingFinished: what came over
the wire, headers and gzip included, as a person's browser would download them with a cold
cache. Every request must stay on the page's origin; the goal is under 100 KB in all.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from benchmarks.registry import Table, register
from benchmarks.server import LiveServer
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

GOAL_BYTES = 100_000
PAGE = "/"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _load(base_url: str) -> list[tuple[str, int]]:
    """(URL, bytes on the wire) of every request the page makes until the network is idle."""
    from playwright.sync_api import sync_playwright

    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # The real CSP stays on: the weight is the page's, as served.
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

        def sent(event: dict[str, Any]) -> None:
            urls[event["requestId"]] = event["request"]["url"]

        def finished(event: dict[str, Any]) -> None:
            sizes[event["requestId"]] = int(event["encodedDataLength"])

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.loadingFinished", finished)
        page.goto(base_url + PAGE, wait_until="networkidle")
        page.wait_for_selector("html[data-ready]", state="attached")
        browser.close()
    return [(urls[rid], sizes.get(rid, 0)) for rid in urls]


@register("page-weight")
def page_weight(server: LiveServer) -> Table:
    table = Table(
        f"Page weight of {PAGE}, first visit (headless Chromium)",
        ["request", "bytes"],
        note=(__doc__ or "").split("\n\n", 1)[1].strip(),
    )
    requests = _load(server.base_url)
    foreign = [url for url, _ in requests if _origin(url) != server.base_url]
    if foreign:
        raise AssertionError(f"requests leave the origin: {foreign}")
    for url, size in sorted(requests, key=lambda r: -r[1]):
        path = url.removeprefix(server.base_url)
        table.rows.append([path if len(path) <= 60 else path[:57] + "...", f"{size:,}"])
    total = sum(size for _, size in requests)
    verdict = "within" if total < GOAL_BYTES else "OVER"
    table.rows.append(
        [f"total, {len(requests)} requests ({verdict} the {GOAL_BYTES:,} goal)", f"{total:,}"]
    )
    return table
