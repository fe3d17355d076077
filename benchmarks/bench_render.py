"""GIF export time and size for every paper figure, in process (no server, no cache).

Run with ``python -m benchmarks.bench_render`` or ``python benchmarks/bench_render.py``. Not a
test: times depend on the machine. The goal is well under a second per figure, and files no
larger than the paper's own GIFs (about 15 to 60 KB).
"""

from __future__ import annotations

import sys
import time
from functools import partial
from pathlib import Path

if not __package__:  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.arithmetic import analyse
from app.core.figures import FIGURES
from app.core.frames import frames
from app.core.params import Config
from app.render.geometry import geometry
from app.render.raster import animation_gif
from app.render.theme import THEMES
from app.web.messages import DEFAULT_LANG, translate
from app.web.renders import DEFAULT_SCALE

REPEATS = 5


def measure(query: dict[str, str], scale: int) -> tuple[float, int, int, tuple[int, int]]:
    """Best-of-REPEATS seconds, bytes, frames and size of one figure's GIF."""
    best = float("inf")
    size = 0
    arith = analyse(Config.from_query(query))
    for _ in range(REPEATS):
        start = time.perf_counter()
        geom = geometry(arith, scale, partial(translate, DEFAULT_LANG))
        steps = frames(arith)
        data = animation_gif(arith, geom, THEMES["light"], steps, 1000)
        best = min(best, time.perf_counter() - start)
        size = len(data)
    return best, size, len(steps), (geom.width, geom.height)


def main() -> None:
    print(f"GIF export per paper figure, scale {DEFAULT_SCALE}, best of {REPEATS}")
    print(f"{'figure':<7}{'name':<42}{'frames':>7}{'w×h':>10}{'ms':>8}{'KB':>7}")
    total = 0.0
    for figure in FIGURES:
        seconds, size, steps, (w, h) = measure(figure.query, DEFAULT_SCALE)
        total += seconds
        print(
            f"{figure.number:<7}{figure.name:<42}{steps:>7}{f'{w}×{h}':>10}"
            f"{seconds * 1000:>8.1f}{size / 1000:>7.1f}"
        )
    print(f"{'all':<7}{'':<42}{'':>7}{'':>10}{total * 1000:>8.1f}")


if __name__ == "__main__":
    main()
