"""Every figure of the paper, as a named case: output size, grid, frame count, relationship."""

from __future__ import annotations

import pytest

from app.core.answer import frames_answer
from app.core.arithmetic import analyse
from app.core.figures import FIGURES, Figure
from app.core.params import Config


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


@pytest.mark.parametrize(
    "figure", [f for f in FIGURES if f.direct], ids=lambda f: f"{f.number}-{f.name}"
)
def test_transposed_figure_inverts_its_caption(figure: Figure) -> None:
    """The transposed layer's output is the input size of the caption's convolution."""
    arith = analyse(Config.from_query(figure.query))
    assert arith.output_shape == (figure.direct["i"], figure.direct["i"])
