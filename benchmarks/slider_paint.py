"""Slider-to-paint latency of the page in headless Chromium, for the default figure.

Measured inside the page with performance.now(), from a slider's input event (sent at a
random moment within a display frame, as a person's drag is) to the DOM holding the new
figure ("work") and to the next animation frame, which paints it ("to paint"). Two cases:
values the page has fetched already (a drag, after the page prefetched the slider's
neighbours on pointerdown), and values never asked for (each a round trip to the server).
Goal: "to paint" p95 within one displayed frame (about 16.7 ms at 60 Hz) for a drag.
"""

from __future__ import annotations

from benchmarks.load import percentile
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

# Runs in the page: move one slider through `values`; per move, [work, to paint] in ms.
MEASURE = """async ({slider: id, values, prefetch}) => {
  const slider = document.getElementById(id);
  const svg = document.getElementById('figure');
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  if (prefetch) {
    slider.dispatchEvent(new Event('pointerdown'));
    await pause(1000);
  }
  const times = [];
  for (const value of values) {
    await pause(Math.random() * 16);
    const before = svg.dataset.query;
    const drawn = new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        if (svg.dataset.query === before) return;
        seen.disconnect();
        const work = performance.now();
        requestAnimationFrame(() => resolve([work, performance.now()]));
      });
      seen.observe(svg, { attributes: true, attributeFilter: ['data-query'] });
    });
    const start = performance.now();
    slider.value = String(value);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const [work, painted] = await drawn;
    times.push([work - start, painted - start]);
  }
  return times;
}"""

# (case, slider, values, prefetch). Around the default i = 5 the input slider offers 3 and
# up (a 3×3 kernel must fit) and the prefetch covers 5 ± 6: the drag stays within both.
CASES = (
    (
        "drag, prefetched",
        "i-0-range",
        [6, 7, 8, 9, 10, 11, 10, 9, 8, 7, 6, 5, 4, 3, 4, 5] * 4,
        True,
    ),
    ("new values, one round trip each", "p-0-range", list(range(1, 31)), False),
)


def _row(name: str, times: list[list[float]]) -> list[str]:
    work = [t[0] for t in times]
    paint = [t[1] for t in times]
    return [
        name,
        str(len(times)),
        f"{percentile(work, 0.5):.1f}",
        f"{percentile(work, 0.95):.1f}",
        f"{percentile(paint, 0.5):.1f}",
        f"{percentile(paint, 0.95):.1f}",
    ]


@register("slider-paint")
def slider_paint(server: LiveServer) -> Table:
    from playwright.sync_api import sync_playwright

    table = Table(
        "Slider to paint, default figure (ms, headless Chromium)",
        ["case", "moves", "work p50", "work p95", "to paint p50", "to paint p95"],
        note=(__doc__ or "").split("\n\n", 1)[1].strip(),
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 720}, bypass_csp=True)
        page = context.new_page()
        page.goto(server.base_url + "/?step=0")
        page.wait_for_selector("html[data-ready]")
        for name, slider, values, prefetch in CASES:
            args = {"slider": slider, "values": values, "prefetch": prefetch}
            times: list[list[float]] = page.evaluate(MEASURE, args)
            table.rows.append(_row(name, times))
        browser.close()
    return table
