"""How far things reach along one axis: a dilated kernel, a stretched input, a scatter.

The spans the engine's sizes are built from, each written once so no module spells one out.
"""

from __future__ import annotations


def kernel_reach(k: int, d: int) -> int:
    """Cells from a dilated kernel's first tap to its last, d(k − 1): what padding 'full' adds
    on each side and 'same' in total, and what the paper's transposed view pads, less p."""
    return d * (k - 1)


def effective_kernel(k: int, d: int) -> int:
    """The dilated kernel's extent, k̂ = k + (k − 1)(d − 1) (relationship 15)."""
    return k + (k - 1) * (d - 1)


def stretched(i: int, s: int) -> int:
    """The input with s − 1 zeros inserted between units, (i − 1)s + 1 (relationships 12 to 14)."""
    return (i - 1) * s + 1


def scatter_reach(i: int, k: int, s: int, d: int) -> int:
    """Cells a transposed convolution writes before cropping p, (i − 1)s + d(k − 1) + 1: the
    stretched input plus one kernel reach (PyTorch's ConvTranspose2d with p = a = 0)."""
    return stretched(i, s) + kernel_reach(k, d)


def windows_span(o: int, ek: int, s: int) -> int:
    """Cells that o windows of extent k̂, s apart, cover from the first's start to the last's
    end: (o − 1)s + k̂."""
    return (o - 1) * s + ek


def tf_same_padding(i: int, ek: int, s: int) -> tuple[int, tuple[int, int]]:
    """TensorFlow's 'same' (SAME): ⌈i/s⌉ outputs and max((⌈i/s⌉ − 1)s + k̂ − i, 0) padding in
    total, the smaller half before (the odd cell at the bottom/right)."""
    o = -(-i // s)
    total = max(windows_span(o, ek, s) - i, 0)
    return o, (total // 2, total - total // 2)
