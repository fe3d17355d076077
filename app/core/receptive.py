"""Receptive fields through a stack of layers, per axis, in the network's input coordinates.

The recurrences of Araujo et al. (Distill, 2019), with the paper's dilated kernel
k̂ = k + (k − 1)(d − 1) (relationship 15) and the padding before the first cell:

    r_out = r_in + (k̂ − 1)·j_in        the field's extent
    j_out = j_in·s                      the jump: input cells between adjacent outputs
    start_out = start_in + ((k̂ − 1)/2 − p)·j_in   the centre of output 0's field

A field is an extent: with dilation it may skip cells, and near the border part of it lies in
the padding. A transposed convolution has none: its output cells see different numbers of
input cells depending on their position modulo s, so from the first one on a stack's fields
are not reported (None).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.extents import effective_kernel

Pair = tuple[int, int]


@dataclass(frozen=True)
class Field:
    """One position in a stack: the field, jump and start of every cell at that depth."""

    r: Pair
    j: Pair
    start: tuple[float, float]


INPUT_FIELD = Field((1, 1), (1, 1), (0.0, 0.0))  # each input cell sees itself


def through(field: Field, k: Pair, s: Pair, d: Pair, before: Pair) -> Field:
    """The field after a convolution or pooling layer with kernel k, stride s, dilation d and
    ``before`` cells of padding above and to the left."""
    axes = []
    for axis in (0, 1):
        ek = effective_kernel(k[axis], d[axis])
        j_in = field.j[axis]
        axes.append(
            (
                field.r[axis] + (ek - 1) * j_in,
                j_in * s[axis],
                field.start[axis] + ((ek - 1) / 2 - before[axis]) * j_in,
            )
        )
    (rh, jh, sh), (rw, jw, sw) = axes
    return Field((rh, rw), (jh, jw), (sh, sw))
