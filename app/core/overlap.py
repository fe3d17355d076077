"""How many kernel copies a transposed convolution adds up in each output cell.

Input unit u writes its kernel copy's tap j to output line u·s + j·d − p, so an output line
gathers one term per (u, j) landing on it. Where the kernel size is not a multiple of the
stride, neighbouring lines gather different numbers of terms — the checkerboard artefacts of
Odena, Dumoulin & Olah's "Deconvolution and Checkerboard Artifacts". The count is separable:
a cell's is its row's count times its column's (times its depth slice's, in 3-D).
"""

from __future__ import annotations

import numpy as np

from app.core.arithmetic import Arithmetic, AxisShape, analyse
from app.core.kernels import check_preset
from app.core.matrices import Matrix, matrix_text, resized
from app.core.parameters import MAX_VALUES, PARAMETERS, ConfigError
from app.core.params import Config, all_sides, full_sizes, sizes_query


def _counts(i: int, k: int, s: int, d: int, p: int, o: int) -> np.ndarray:
    lands = np.arange(i)[:, None] * s + np.arange(k)[None, :] * d - p
    inside = lands[(lands >= 0) & (lands < o)]
    return np.bincount(inside, minlength=o)


def _uneven(i: int, k: int, s: int, d: int, p: int, o: int, *, strict: bool = False) -> bool:
    """Near an edge fewer copies arrive in any case; between d(k − 1) − p and (i − 1)s − p
    every tap has an input unit to come from, and a kernel that is a multiple of the stride
    (at dilation 1) covers those lines equally often. Otherwise they alternate: the
    checkerboard — or worse, a line no copy reaches (a hole). ``strict`` counts the lines
    output padding adds past the last copy's reach as holes too: a suggestion avoids them."""
    counts = _counts(i, k, s, d, p, o)
    interior = counts[max(0, d * (k - 1) - p) : min(o - 1, (i - 1) * s - p) + 1]
    # Output padding adds lines past the last copy's reach (PyTorch gives them the bias
    # alone): those are not holes.
    reached = counts if strict else counts[: (i - 1) * s + d * (k - 1) - p + 1]
    holes = bool((reached == 0).any())
    return holes or bool(interior.size and interior.min() != interior.max())


def axis_overlap(ax: AxisShape) -> np.ndarray:
    """Per output line of a transposed convolution's axis, the kernel taps landing on it."""
    return _counts(ax.i, ax.k, ax.s, ax.d, ax.before, ax.o)


def overlap(arith: Arithmetic) -> np.ndarray | None:
    """The output-shaped count of kernel copies per cell (od×oh×ow in 3-D); None for other
    operations."""
    if arith.config.op != "transpose":
        return None
    rows, cols = (axis_overlap(ax) for ax in arith.axes)
    if arith.config.dims == 3:
        volume: np.ndarray = np.einsum("i,j,k->ijk", axis_overlap(arith.depth), rows, cols)
        return volume
    counts: np.ndarray = np.outer(rows, cols)
    return counts


def _axes(arith: Arithmetic) -> list[tuple[int, AxisShape]]:
    """The drawn axes by number, the depth (−1) first in a 3-D layer: 0 rows, 1 columns."""
    plane = list(enumerate(arith.axes))
    return [(-1, arith.depth), *plane] if arith.config.dims == 3 else plane


def uneven_axes(arith: Arithmetic) -> list[int]:
    """The axes whose output lines gather unequal counts of kernel copies where every copy
    can reach, or none at all somewhere: 0 rows, 1 columns, −1 the depth."""
    if arith.config.op != "transpose":
        return []
    return [axis for axis, ax in _axes(arith) if _uneven(ax.i, ax.k, ax.s, ax.d, ax.before, ax.o)]


def even_alternative(arith: Arithmetic, uneven: list[int]) -> Config | None:
    """The nearest configuration without the checkerboard and with the same output size:
    per uneven axis, a kernel size that is a multiple of the stride, with the padding and
    output padding that keep the size (PyTorch's a < max(s, d)); None where none does (a
    dilation sharing a factor with the stride leaves some lines unreached by any kernel).
    ``uneven`` is the configuration's uneven_axes."""
    c = arith.config
    if not uneven:
        return None
    # Depth first, on all three axes (a layer's missing ones keep their units).
    sizes = {
        "k": list(full_sizes(c, "k")),
        "p": [before for before, _ in all_sides(c)],
        "a": list(full_sizes(c, "a")),
    }
    for axis in uneven:
        ax = arith.depth if axis < 0 else arith.axes[axis]
        place = axis + 1  # among the three axes
        candidates = []
        for k in range(ax.s, (ax.k // ax.s + 3) * ax.s, ax.s):
            for a in range(max(ax.s, ax.d)):
                # Relationship 13's output size solved for p: it must stay whole and ≥ 0.
                twice_p = (ax.i - 1) * ax.s + ax.d * (k - 1) + a + 1 - ax.o
                if twice_p < 0 or twice_p % 2:
                    continue
                p = twice_p // 2
                change = abs(k - ax.k) + abs(p - ax.before) + abs(a - ax.a)
                # Ties go to the larger kernel: an upsampling layer keeps its reach.
                candidates.append((change, -k, p, a))
        even = [
            c
            for c in sorted(candidates)
            if not _uneven(ax.i, -c[1], ax.s, ax.d, c[2], ax.o, strict=True)
        ]
        if not even:
            return None
        _, minus_k, sizes["p"][place], sizes["a"][place] = even[0]
        sizes["k"][place] = -minus_k
    query = {parameter.name: c.text(parameter) for parameter in PARAMETERS}
    query.update({name: sizes_query(tuple(v[3 - c.dims :])) for name, v in sizes.items()})
    query["w"] = _refitted_weights(c.w, (sizes["k"][1], sizes["k"][2]))
    try:
        candidate = analyse(Config.from_query(query))
    except ConfigError:
        return None
    kept = candidate.layer_shape("o") == arith.layer_shape("o") and not uneven_axes(candidate)
    return candidate.config if kept else None


def _refitted_weights(w: Matrix | str | None, k: tuple[int, int]) -> str:
    """A learner's weights at the new kernel size, as the page keeps them (cut, or extended
    with 0); a preset that does not come in that size gives way to the default."""
    if w is None:
        return ""
    if isinstance(w, str):
        try:
            check_preset(w, k)
        except ConfigError:
            return ""
        return w
    return matrix_text(resized(w, k)) if k[0] * k[1] <= MAX_VALUES else ""
