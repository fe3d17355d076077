"""Receptive fields through a stack of layers, per axis, in the network's input coordinates.

The recurrences of Araujo et al. (Distill, 2019), with the paper's dilated kernel
k̂ = k + (k − 1)(d − 1) (relationship 15) and the padding before the first cell:

    r_out = r_in + (k̂ − 1)·j_in        the field's extent
    j_out = j_in·s                      the jump: input cells between adjacent outputs
    start_out = start_in + ((k̂ − 1)/2 − p)·j_in   the centre of output 0's field

Each axis of the layer (the length in 1-D; height and width in 2-D; depth, height and width
in 3-D) follows its own recurrence. A field is an extent: with dilation it may skip cells,
and near the border part of it lies in the padding. A transposed convolution has none: its
output cells see different numbers of input cells depending on their position modulo s, so
from the first one on a stack's fields are not reported (None).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.core.extents import effective_kernel


@dataclass(frozen=True)
class Field:
    """One position in a stack: the field, jump and start of every cell at that depth, one
    number per axis of the layer."""

    r: tuple[int, ...]
    j: tuple[int, ...]
    start: tuple[float, ...]


def input_field(dims: int) -> Field:
    """The network's input: each cell sees itself."""
    return Field((1,) * dims, (1,) * dims, (0.0,) * dims)


INPUT_FIELD = input_field(2)


def through(
    field: Field, k: Sequence[int], s: Sequence[int], d: Sequence[int], before: Sequence[int]
) -> Field:
    """The field after a convolution or pooling layer with kernel k, stride s, dilation d and
    ``before`` cells of padding before the first cell, each given per axis."""
    r: list[int] = []
    j: list[int] = []
    start: list[float] = []
    for axis in range(len(field.r)):
        ek = effective_kernel(k[axis], d[axis])
        j_in = field.j[axis]
        r.append(field.r[axis] + (ek - 1) * j_in)
        j.append(j_in * s[axis])
        start.append(field.start[axis] + ((ek - 1) / 2 - before[axis]) * j_in)
    return Field(tuple(r), tuple(j), tuple(start))
