"""Every figure of the paper, as a named case: output size, grid, frame count, relationship.

The figures' numbers are the paper's, written out in app/core/figures.py; here the engine is
held against them, and each transposed figure's layer against its caption's convolution,
counted by brute force.
"""

from __future__ import annotations

import pytest
from reference import window_starts

from app.core.answer import frames_answer
from app.core.arithmetic import analyse
from app.core.figures import BY_NUMBER, FIGURES, Figure
from app.core.params import Config

TRANSPOSED = [f for f in FIGURES if f.direct]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f.number}-{f.name}")
def test_figure_matches_paper(figure: Figure) -> None:
    arith = analyse(Config.from_query(figure.query))
    answer = frames_answer(arith)
    assert answer["output_shape"] == [figure.output, figure.output]
    assert answer["grid"]["shape"] == [figure.grid, figure.grid]
    assert len(answer["frames"]) == figure.steps
    assert answer["relationship"]["number"] == figure.relationship
    # The first frame is the top-left output cell and sits in the grid's top-left corner.
    first = answer["frames"][0]
    assert first["output"] == [0, 0]
    assert first["cells"][0] == [0, 0]


@pytest.mark.parametrize("figure", TRANSPOSED, ids=lambda f: f"{f.number}-{f.name}")
def test_transposed_figure_inverts_its_caption(figure: Figure) -> None:
    """The transposed layer's output is the input size of the caption's convolution."""
    arith = analyse(Config.from_query(figure.query))
    assert arith.output_shape == (figure.direct["i"], figure.direct["i"])


@pytest.mark.parametrize("figure", TRANSPOSED, ids=lambda f: f"{f.number}-{f.name}")
def test_transposed_layer_is_its_captions_convolution_counted(figure: Figure) -> None:
    """i' is the number of windows of the caption's convolution, and a the padded lines its
    last window leaves over (the paper's a = (i + 2p − k) mod s), counted one by one."""
    i, k, s, p = (figure.direct[name] for name in ("i", "k", "s", "p"))
    padded = i + 2 * p
    starts = window_starts(padded, k, s)
    assert figure.query["i"] == str(len(starts))
    assert figure.query.get("a", "0") == str(padded - (starts[-1] + k))
    assert (figure.query["k"], figure.query["s"], figure.query["p"]) == (str(k), str(s), str(p))


# The paper's figure numbers and the order its chapters show them in.
PAPER_FIGURES = (
    ["1.1", "1.2", "1.5", "1.6"]
    + [f"2.{n}" for n in range(1, 8)]
    + [f"4.{n}" for n in range(1, 8)]
    + ["5.1"]
)


def test_every_paper_figure_is_a_preset_once_in_order() -> None:
    assert [f.number for f in FIGURES] == PAPER_FIGURES
    assert sorted(BY_NUMBER) == sorted(PAPER_FIGURES)
    assert len({f.name for f in FIGURES}) == len(FIGURES)
