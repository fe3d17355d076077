"""The JSON-ready answers of the API, built from the core's results; their shapes are
declared in app/core/schema.py."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

from app.core import schema
from app.core.arithmetic import AXIS_NAMES, Arithmetic, direct_of_transpose
from app.core.catalogue import DEFAULT_LANG, Sentence
from app.core.costs import NO_COST, Cost, conv_cost, transpose_cost
from app.core.frames import (
    FramePattern,
    check_frame_budget,
    check_verbose_frames,
    frame_listing,
    frame_listing_json,
    frame_pattern,
    grid_kinds,
    volume_kinds,
)
from app.core.kinds import layer_kind, separable_approximation, separable_cost
from app.core.limits import LIMITS
from app.core.mathml import relationship_mathml
from app.core.notes import notes
from app.core.overlap import even_alternative, overlap, uneven_axes
from app.core.parameters import BY_NAME, PARAMETERS, Parameter
from app.core.samepadding import padding_comparison
from app.core.scatter import (
    canvas_kinds,
    canvas_offset,
    canvas_volume_kinds,
    check_scatter,
    check_verbose_scatter,
    scatter_listing,
    scatter_listing_json,
    scatter_pattern,
)
from app.core.snippets import code_answer
from app.core.substitution import substituted
from app.core.unrolled import im2col_cells, product, unrolled
from app.core.values import Written, as_rows, plain, summed_channels
from app.core.volume import drawn_numbers, scattered_numbers


@dataclass(frozen=True)
class Listed:
    """An answer some of whose values are given as JSON text, written directly (many times
    faster than encoding the lists): each text's key, a mark no answer otherwise holds,
    stands in the answer where the text belongs."""

    answer: Any
    texts: dict[str, str]


def mark() -> str:
    """A string no answer holds (none has a NUL), unique to this call."""
    return f"\x00{uuid4().hex}"


def layer_cost(arith: Arithmetic) -> Cost:
    """The layer's weight shape, parameters and MACs (app/core/costs.py)."""
    c = arith.config
    k = c.axes("k")
    if c.op == "conv":
        return conv_cost(c.c_in, c.c_out, c.g, k, tuple(arith.layer_shape("o")), c.bias)
    if c.op == "transpose":
        return transpose_cost(c.c_in, c.c_out, c.g, k, tuple(arith.layer_shape("i")), c.bias)
    return NO_COST


def layer_cost_answer(cost: Cost) -> schema.LayerCost:
    return {"weight_shape": list(cost.weight_shape), "params": cost.params, "macs": cost.macs}


def separable_answer(arith: Arithmetic) -> schema.Separable | None:
    """A standard convolution's depthwise-separable replacement, exact and approximated."""
    c = arith.config
    pair = separable_cost(c, tuple(arith.layer_shape("o")))
    if pair is None:
        return None
    return {
        "depthwise": layer_cost_answer(pair.depthwise),
        "pointwise": layer_cost_answer(pair.pointwise),
        "total": {"params": pair.params, "macs": pair.macs},
        "ratio": {"params": pair.params_ratio, "macs": pair.macs_ratio},
        "approximation": separable_approximation(c.c_out, c.axes("k")),
    }


def arithmetic_answer(arith: Arithmetic, lang: str = DEFAULT_LANG) -> schema.ArithmeticAnswer:
    """The configuration's arithmetic, its sentences said in ``lang``."""
    c = arith.config
    cost = layer_cost(arith)
    rel = arith.relationship
    formula_mathml, substituted_mathml = relationship_mathml(arith)
    # Every size is per axis of the layer: (W,) in 1-D, (H, W) in 2-D, (D, H, W) in 3-D.
    axes = arith.layer_axes
    output = arith.layer_shape("o")
    answer: schema.ArithmeticAnswer = {
        "op": c.op,
        "query": c.query(),
        "dims": c.dims,
        "params": {
            "dims": c.dims,
            "i": list(c.axes("i")),
            "k": list(c.axes("k")),
            "s": list(c.axes("s")),
            "p": c.padding_keyword if c.padding_keyword else list(c.axes("p")),
            "d": list(c.axes("d")),
            "a": list(c.axes("a")),
            "ceil": c.ceil,
            "c_in": c.c_in,
            "c_out": c.c_out,
            "g": c.g,
            "bias": c.bias,
            "padding_mode": c.padding_mode,
            "count_include_pad": c.count_include_pad,
            "divisor_override": c.divisor_override,
            "x": c.text(BY_NAME["x"]) or None,
            "w": c.text(BY_NAME["w"]) or None,
            "seed": c.seed,
        },
        "input_shape": arith.layer_shape("i"),
        "padded_shape": [ax.i + ax.before + ax.after for ax in axes]
        if c.op != "transpose"
        else arith.layer_shape("grid"),
        "kernel_shape": list(c.axes("k")),
        "effective_kernel_shape": arith.layer_shape("ek"),
        "output_shape": output,
        "output_volume": [c.out_channels, *output],
        "weight_shape": list(cost.weight_shape),
        "param_count": {
            "total": cost.params,
            "weights": cost.params_without_bias,
            "biases": cost.params - cost.params_without_bias,
        },
        "macs": cost.macs,
        "flops": cost.flops,
        "padding": c.padding.as_dict(),
        "sides": [list(pair) for pair in c.sides()],
        "relationship": {
            "number": rel.number,
            "title": Sentence(rel.key).say(lang),
            "formula": rel.equation.text(),
            "substituted": substituted(arith, lang),
            "formula_mathml": formula_mathml,
            "substituted_mathml": substituted_mathml,
        },
        "notes": notes(arith, lang),
        "code": code_answer(arith, lang),
        "transpose": None,
        "kind": layer_kind(c),
        "separable": separable_answer(arith),
        "padding_comparison": padding_comparison(arith, lang),
    }
    if c.op == "transpose":
        h, w = arith.axes
        answer["transpose"] = {
            "stretched_shape": arith.layer_shape("stretched"),
            # Per side of the equivalent stride-1 convolution; negative means a crop.
            "equivalent_padding": {
                "top": h.grid_before,
                "bottom": h.grid_after,
                "left": w.grid_before,
                "right": w.grid_after,
            },
            "equivalent_sides": [[ax.grid_before, ax.grid_after] for ax in axes],
            "equivalent_stride": [1] * c.dims,
            "kernel_flipped": True,
            "direct": direct_of_transpose(arith),
        }
    return answer


def overlap_answer(arith: Arithmetic) -> schema.Overlap | None:
    """A transposed convolution's kernel copies per output cell, and the checkerboard."""
    counts = overlap(arith)
    if counts is None:
        return None
    uneven, alternative = checkerboard(arith)
    return {"counts": counts.tolist(), "uneven": uneven, "alternative": alternative}


def checkerboard(arith: Arithmetic) -> tuple[list[str], str | None]:
    """The overlap's uneven axes, and the nearest even configuration's query."""
    uneven = uneven_axes(arith)
    alternative = even_alternative(arith, uneven)
    names = ["depth" if axis < 0 else AXIS_NAMES[axis] for axis in uneven]
    if arith.config.dims == 1:
        names = ["length" for _ in uneven]  # a strip's one axis, not the plane's width
    return names, None if alternative is None else alternative.query()


def frames_answer(arith: Arithmetic, lang: str = DEFAULT_LANG) -> schema.FramesAnswer:
    """The arithmetic answer plus the grid and one frame per output cell."""
    answer, pattern = _frames_unlisted(arith, lang)
    answer["frames"] = frame_listing(pattern)
    return answer


def frames_answer_text(arith: Arithmetic, lang: str = DEFAULT_LANG) -> Listed:
    """``frames_answer`` with its frames as JSON text, for the web layer to write in (the
    frames are most of the answer, and writing them directly is many times faster)."""
    answer, pattern = _frames_unlisted(arith, lang)
    frames = mark()
    return Listed({**answer, "frames": frames}, {frames: frame_listing_json(pattern)})


def _frames_unlisted(arith: Arithmetic, lang: str) -> tuple[schema.FramesAnswer, FramePattern]:
    check_frame_budget(arith)
    check_verbose_frames(arith)
    pattern = frame_pattern(arith)
    three = arith.config.dims == 3
    answer: schema.FramesAnswer = {
        **arithmetic_answer(arith, lang),
        "grid": {
            "shape": arith.layer_shape("grid") if three else list(arith.grid_shape),
            "kinds": volume_kinds(arith) if three else grid_kinds(arith),
        },
        "frames": [],  # listed by the caller
        "values": as_rows(drawn_numbers(arith, pattern)),
        "overlap": overlap_answer(arith),
    }
    return answer, pattern


def scatter_answer(arith: Arithmetic, lang: str = DEFAULT_LANG) -> schema.ScatterAnswer:
    """The arithmetic answer plus the scatter view of a transposed convolution: the canvas
    every kernel copy lands on, and one frame per input unit."""
    answer, pattern = _scatter_unlisted(arith, lang)
    answer["frames"] = scatter_listing(pattern)
    return answer


def scatter_answer_text(arith: Arithmetic, lang: str = DEFAULT_LANG) -> Listed:
    """``scatter_answer`` with its frames as JSON text (see frames_answer_text)."""
    answer, pattern = _scatter_unlisted(arith, lang)
    frames = mark()
    return Listed({**answer, "frames": frames}, {frames: scatter_listing_json(pattern)})


def _scatter_unlisted(arith: Arithmetic, lang: str) -> tuple[schema.ScatterAnswer, FramePattern]:
    check_scatter(arith)
    check_verbose_scatter(arith)
    pattern = scatter_pattern(arith)
    three = arith.config.dims == 3
    answer: schema.ScatterAnswer = {
        **arithmetic_answer(arith, lang),
        "canvas": {
            "shape": [axis.bound for axis in pattern.axes],
            "kinds": canvas_volume_kinds(arith) if three else canvas_kinds(arith),
            # Output cell (r, c) sits at canvas cell (r + top, c + left).
            "offset": canvas_offset(arith),
        },
        "frames": [],  # listed by the caller
        "values": as_rows(scattered_numbers(arith, pattern)),
        "overlap": overlap_answer(arith),
    }
    return answer, pattern


def matrix_answer(arith: Arithmetic, lang: str = DEFAULT_LANG) -> schema.MatrixAnswer:
    """The arithmetic answer plus the layer as a matrix (section 4.1) and as im2col; a 3-D
    layer's vectors unrolled depth-major."""
    matrix = unrolled(arith)
    rows, cols = matrix.shape
    three = arith.config.dims == 3
    outs = arith.layer_shape("o") if three else list(arith.output_shape)
    ins = arith.layer_shape("i") if three else list(arith.input_shape)
    ks = arith.layer_shape("k") if three else list(arith.config.k)
    cells = im2col_cells(arith)
    values: schema.MatrixValues | None = None
    # The numbers only where the listing is: vectors as long as the matrix's sides.
    if matrix.entries is not None and max(rows, cols) <= LIMITS.max_matrix_entries:
        x, weight, y = product(arith, matrix)
        values = {
            "input": plain(x[None])[0],
            "kernel": Written(weight).rows() if three else plain(weight),
            "output": plain(y[None], 4)[0],
            "channels": summed_channels(arith),
        }
    return {
        **arithmetic_answer(arith, lang),
        "matrix": {
            "shape": [rows, cols],
            "count": matrix.count,
            "nonzeros": matrix.nonzeros,
            "density": None if matrix.nonzeros is None else matrix.nonzeros / (rows * cols),
            "entries": None if matrix.entries is None else matrix.entries.tolist(),
        },
        "im2col": None
        if arith.config.op != "conv"
        else {
            "shape": [math.prod(ks), math.prod(outs)],
            "values": math.prod(ks) * math.prod(outs),
            "input": math.prod(ins),
            "cells": None
            if cells is None
            else [[None if cell[0] < 0 else cell for cell in column] for column in cells.tolist()],
        },
        "values": values,
    }


def parameter_answer(parameter: Parameter) -> schema.ParameterAnswer:
    """One declared parameter as the page reads it (static/js/state.js)."""
    default = parameter.default
    out: schema.ParameterAnswer = {
        "name": parameter.name,
        "kind": parameter.kind,
        "default": list(default) if isinstance(default, tuple) else default,
        "ops": list(parameter.ops),
        "always": parameter.always,
    }
    if parameter.low is not None and parameter.high is not None:
        out["low"], out["high"] = parameter.low, parameter.high
    if parameter.reach is not None:
        out["reach"] = parameter.reach
    if parameter.kind in ("choice", "matrix") and parameter.choices:
        out["choices"] = list(parameter.choices)
    if parameter.kind == "padding":
        out["keywords"] = list(parameter.choices)
        out["keyword_ops"] = {k: list(ops) for k, ops in parameter.keyword_ops}
    return out


def parameters_answer() -> list[schema.ParameterAnswer]:
    return [parameter_answer(p) for p in PARAMETERS]
