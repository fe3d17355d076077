"""The benchmarks to run and the table each one prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.server import LiveServer


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    # What was measured and how, so a number is never read without its method.
    note: str = ""

    def render(self) -> str:
        cells = [self.columns, *self.rows]
        widths = [max(len(row[c]) for row in cells) for c in range(len(self.columns))]
        lines = [f"## {self.title}", ""]
        for n, row in enumerate(cells):
            lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
            if n == 0:
                lines.append("  ".join("-" * w for w in widths))
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)


Benchmark = Callable[["LiveServer"], Table]
BENCHMARKS: dict[str, Benchmark] = {}


def register(name: str) -> Callable[[Benchmark], Benchmark]:
    """Add a benchmark under ``name`` (the runner's ``--only`` picks by it)."""

    def add(bench: Benchmark) -> Benchmark:
        BENCHMARKS[name] = bench
        return bench

    return add
