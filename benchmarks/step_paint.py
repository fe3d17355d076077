"""Step-to-paint cost of the figure in headless Chromium, by the size of the drawn grid.

Measured inside the page with performance.now(): the player's Next button clicked (paused,
numbers off), to the DOM holding the new step ("work") and to the end of the next animation
frame, once its style, layout and paint have run ("to paint": a task posted from the frame's
requestAnimationFrame callback), 60 steps per size; and the frame's own share of that,
from its requestAnimationFrame callback to the task ("render": the step's style, layout and
paint; "to paint" also waits for the display's next frame, up to 16.7 ms). Each
configuration is a 3×3 kernel at stride 2 over a G×G input, so the grid the kernel sweeps is
G×G; 16×16 is the baseline the
larger grids are compared with, measured in the same run and the same browser. Goal: a step
at 512×512 paints within one 60 Hz frame (16.7 ms, p95) and within 2× of a step at 16×16.
A size the server refuses to draw is reported as refused.
"""

from __future__ import annotations

from benchmarks.load import percentile
from benchmarks.registry import Table, register
from benchmarks.server import LiveServer
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

SIZES = (16, 64, 128, 512)
# A strip and volumes, against the same 16×16 baseline: the 1-D strip of 512 cells, and rows
# of depth slices (a step lights the kernel's slices: more marks than a plane's step).
OTHER_DIMS = (
    ("1-D 512", "op=conv&dims=1&i=512&k=3&s=2&p=0&step=0"),
    ("3-D 8×32×32", "op=conv&dims=3&i=8,32,32&k=3&s=2&p=0&step=0"),
    ("3-D 16×64×64", "op=conv&dims=3&i=16,64,64&k=3&s=2&p=0&step=0"),
)
STEPS = 60

# Runs in the page: click Next `steps` times; per step, [work, to paint] in ms.
MEASURE = """async (steps) => {
  const next = document.getElementById('next');
  const caption = document.getElementById('caption');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  // A task queued from an animation frame runs once that frame's style, layout and paint
  // are done: the time the step is on screen (as far as the main thread is concerned).
  // Resolves with the frame's start and its end.
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const begun = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve([begun, performance.now()]);
    channel.port2.postMessage(null);
  }));
  await frame();
  await frame();
  const times = [];
  for (let n = 0; n < steps; n++) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 16));
    const start = performance.now();
    next.click();
    const work = performance.now();
    const [begun, done] = await painted();
    times.push([work - start, done - start, done - begun]);
  }
  return times;
}"""


def _query(size: int) -> str:
    return f"op=conv&i={size}&k=3&s=2&p=0&step=0"


@register("step-paint")
def step_paint(server: LiveServer) -> Table:
    from playwright.sync_api import sync_playwright

    table = Table(
        "A step of the figure, by grid size (ms, headless Chromium)",
        [
            "grid",
            "steps",
            "work p95",
            "render p50",
            "render p95",
            "to paint p50",
            "to paint p95",
            "render p95 / 16×16",
        ],
        note=(__doc__ or "").split("\n\n", 1)[1].strip(),
    )
    base: float | None = None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 720}, bypass_csp=True)
        page = context.new_page()
        cases = [(f"{size}×{size}", _query(size)) for size in SIZES] + list(OTHER_DIMS)
        for name, query in cases:
            page.goto(f"{server.base_url}/?{query}")
            page.wait_for_selector("html[data-ready]")
            if not page.locator("#undrawable").is_hidden():
                table.rows.append([name, "refused", *[""] * 6])
                continue
            times: list[list[float]] = page.evaluate(MEASURE, STEPS)
            work, paint, render = ([t[i] for t in times] for i in range(3))
            p95 = percentile(render, 0.95)
            base = base if base is not None else p95
            table.rows.append(
                [
                    name,
                    str(len(times)),
                    f"{percentile(work, 0.95):.1f}",
                    f"{percentile(render, 0.5):.1f}",
                    f"{p95:.1f}",
                    f"{percentile(paint, 0.5):.1f}",
                    f"{percentile(paint, 0.95):.1f}",
                    f"{p95 / base:.1f}",
                ]
            )
        browser.close()
    return table
