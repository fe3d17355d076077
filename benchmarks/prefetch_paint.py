"""A value the page never fetched against one it prefetched: time to paint, in headless Chromium.

For grids of 8, 32 and 64 per side (the input size i, a 3×3 kernel), four cases:
"prefetched" drags the input slider over values within 5 of the shown one after the pointer
rested on it (the page's slider prefetch has finished), the reference; "typing" focuses the
input's number box, types a new value's digits and presses Enter; "track click" rests the
pointer on the slider's track where a new value lies, then clicks there (the first trial
at the track's low end; a value under the thumb is moved up until clear of it, so at 8 the
low end is not clicked); "preset" rests the pointer on a paper figure's link, then
clicks it. Each trial of those three opens the page afresh in a new browser context (empty
caches) with a seed of its own, so its value was never fetched, by the page or by the
server, before the person's action began (the presets' figures are fixed: the server may
hold them from an earlier trial); the page is left to settle after loading, as it would
while read. A person's pace: 200 ms between keys, and the pointer rests 200 ms.
Timed inside the page with performance.now(), from the Enter keydown or the pointerdown to
the animation frame after the figure holds the new query. "ratio" is a case's p95 over
"prefetched" p95 at the same size; the goal is at most 2.
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from benchmarks.load import percentile
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer
from benchmarks.slider_paint import MEASURE
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

SIZES = (8, 32, 64)
TRIALS = 6
PACE_MS = 200
# No request in flight for this long: the page has done what it does unasked.
QUIET_S = 0.4
SETTLE_LIMIT_S = 15.0
LOWEST_INPUT = 3  # a 3×3 kernel must fit
MOST_INPUT = 64
THUMB_PX = 16
CLEAR_PX = 24

# Runs in the page: from the next `kind` event (capture phase, window) to the animation frame
# after the figure shows a new query; window.__timing holds [work, to paint] in ms.
ARM = """(kind) => {
  const svg = document.getElementById('figure');
  const before = svg.dataset.query;
  let start = null;
  window.addEventListener(kind, () => { start = performance.now(); },
    { capture: true, once: true });
  window.__timing = new Promise((resolve) => {
    // An action that changed nothing (a click on the shown value) is counted as missed.
    setTimeout(() => resolve(null), 10000);
    const seen = new MutationObserver(() => {
      if (svg.dataset.query === before) return;
      seen.disconnect();
      const work = performance.now();
      requestAnimationFrame(() => resolve([work - start, performance.now() - start]));
    });
    seen.observe(svg, { attributes: true, attributeFilter: ['data-query'] });
  });
}"""


class Watched:
    """A page whose requests in flight are counted, to wait until it is quiet."""

    def __init__(self, context: Any) -> None:
        self.page = context.new_page()
        self.in_flight = 0
        self.page.on("request", lambda _: self._count(1))
        self.page.on("requestfinished", lambda _: self._count(-1))
        self.page.on("requestfailed", lambda _: self._count(-1))

    def _count(self, change: int) -> None:
        self.in_flight += change

    def settle(self) -> None:
        deadline = time.monotonic() + SETTLE_LIMIT_S
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
            if self.in_flight > 0:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= QUIET_S:
                return


def _open(browser: Any, server: LiveServer, size: int, seed: int) -> tuple[Any, Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, bypass_csp=True)
    watched = Watched(context)
    watched.page.goto(f"{server.base_url}/?i={size}&seed={seed}&step=0")
    watched.page.wait_for_selector("html[data-ready]")
    watched.settle()
    return context, watched


def _timing(page: Any) -> list[float] | None:
    times: list[float] | None = page.evaluate("window.__timing")
    return times


def _drag(browser: Any, server: LiveServer, size: int, seed: int) -> list[list[float]]:
    context, watched = _open(browser, server, size, seed)
    page = watched.page
    page.hover("#i-0-range")
    watched.settle()
    offsets = [-1, -2, -3, -4, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0]
    values = [max(LOWEST_INPUT, size + o) for o in offsets[1:] + offsets * 2]
    moves = [v for n, v in enumerate(values) if n == 0 or v != values[n - 1]]
    times: list[list[float]] = page.evaluate(
        MEASURE, {"slider": "i-0-range", "values": moves, "prefetch": False}
    )
    context.close()
    return times


def _typing(page: Any, value: int) -> list[float] | None:
    page.click("#i-0-number")
    page.keyboard.press("ControlOrMeta+a")
    for digit in str(value):
        page.wait_for_timeout(PACE_MS)
        page.keyboard.type(digit)
    page.wait_for_timeout(PACE_MS)
    page.evaluate(ARM, "keydown")
    page.keyboard.press("Enter")
    return _timing(page)


def _track_click(page: Any, value: int) -> list[float] | None:
    track = page.locator("#i-0-range")
    box = track.bounding_box()
    low, high = (float(track.get_attribute(a) or 0) for a in ("min", "max"))
    here = float(track.input_value())

    def x_of(v: float) -> float:
        # Chromium's thumb (about 16 px) travels the track's width less its own.
        return float(box["x"] + THUMB_PX / 2 + (v - low) / (high - low) * (box["width"] - THUMB_PX))

    # A click on the thumb moves nothing: the value must lie clear of it.
    while abs(x_of(value) - x_of(here)) < CLEAR_PX and value < MOST_INPUT:
        value += 1
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] - 40)
    page.mouse.move(x_of(value), y, steps=4)
    page.wait_for_timeout(PACE_MS)
    page.evaluate(ARM, "pointerdown")
    page.mouse.down()
    page.mouse.up()
    return _timing(page)


def _preset(page: Any, index: int) -> list[float] | None:
    links = page.locator("a.preset:not([aria-current])")
    link = links.nth(index % links.count())
    link.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    link.hover()
    page.wait_for_timeout(PACE_MS)
    page.evaluate(ARM, "pointerdown")
    link.click()
    return _timing(page)


def _values(size: int, rng: random.Random) -> list[int]:
    """Input sizes up to `size`, each at least 3 from it (so never a neighbour a slider
    prefetch already holds), the first the track's low end."""
    pool = [v for v in range(LOWEST_INPUT + 1, size + 1) if abs(v - size) >= 3]
    return [LOWEST_INPUT] + [rng.choice(pool) for _ in range(TRIALS - 1)]


def _row(size: int, case: str, times: list[list[float]], reference: float | None) -> list[str]:
    paint = [t[1] for t in times]
    p95 = percentile(paint, 0.95)
    return [
        str(size),
        case,
        str(len(times)),
        f"{percentile(paint, 0.5):.1f}",
        f"{p95:.1f}",
        "1.0" if reference is None else f"{p95 / reference:.1f}",
    ]


@register("prefetch-paint")
def prefetch_paint(server: LiveServer) -> Table:
    from playwright.sync_api import sync_playwright

    table = Table(
        "Never fetched against prefetched, to paint (ms, headless Chromium)",
        ["grid", "case", "trials", "to paint p50", "to paint p95", "ratio"],
        note=(__doc__ or "").split("\n\n", 1)[1].strip(),
    )
    rng = random.Random(12)
    seeds = iter(rng.sample(range(1, 10**6), 1000))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in SIZES:
            drag = _drag(browser, server, size, next(seeds))
            reference = percentile([t[1] for t in drag], 0.95)
            table.rows.append(_row(size, "prefetched", drag, None))
            values = _values(size, rng)
            cases = (
                ("typing", _typing, values),
                ("track click", _track_click, values),
                ("preset", _preset, list(range(TRIALS))),
            )
            for case, act, args in cases:
                times: list[list[float]] = []
                for arg in args:
                    context, watched = _open(browser, server, size, next(seeds))
                    timing = act(watched.page, arg)
                    if timing is None:
                        missed = f"prefetch-paint: {size} {case} {arg}: no new figure"
                        print(missed, file=sys.stderr)
                    else:
                        times.append(timing)
                    context.close()
                table.rows.append(_row(size, case, times, reference))
        browser.close()
    return table
