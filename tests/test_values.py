"""The numbers shown: the paper's chapter-1 figures exactly, and PyTorch for any layer."""

from __future__ import annotations

import pytest

from app.core.answer import frames_answer
from app.core.arithmetic import analyse
from app.core.figures import BY_NUMBER
from app.core.params import Config
from app.core.values import tiled

# The outputs printed in the paper's figures 1.1, 1.2, 1.5 (to one decimal) and 1.6.
PAPER = {
    "1.1": [[12, 12, 17], [10, 17, 19], [9, 6, 14]],
    "1.2": [[6, 17, 3], [8, 17, 13], [6, 4, 4]],
    "1.5": [[1.7, 1.7, 1.7], [1.0, 1.2, 1.8], [1.1, 0.8, 1.3]],
    "1.6": [[3, 3, 3], [3, 3, 3], [3, 2, 3]],
}


def values_of(query: dict[str, str]) -> dict[str, object]:
    answer = frames_answer(analyse(Config.from_query(query)))
    values: dict[str, object] = answer["values"]
    return values


@pytest.mark.parametrize("number", sorted(PAPER))
def test_chapter_one_figures_print_the_papers_numbers(number: str) -> None:
    values = values_of(BY_NUMBER[number].query)
    output = values["output"]
    assert isinstance(output, list)
    assert [[round(v, 1) for v in row] for row in output] == PAPER[number]


def test_tiling_repeats_the_pattern_from_the_top_left() -> None:
    assert tiled(((1, 2), (3, 4)), (3, 5)).tolist() == [
        [1, 2, 1, 2, 1],
        [3, 4, 3, 4, 3],
        [1, 2, 1, 2, 1],
    ]


def test_grid_holds_input_units_zeros_and_minus_infinity_for_max_pooling() -> None:
    values = values_of({"op": "maxpool", "i": "5", "k": "3", "s": "1", "p": "1"})
    grid = values["grid"]
    assert isinstance(grid, list)
    assert grid[0] == [None] * 7
    assert grid[1][1:6] == [3, 3, 2, 1, 0]
    assert values["kernel"] is None


def test_transposed_view_uses_the_flipped_kernel() -> None:
    values = values_of({"op": "transpose", "i": "2", "k": "3", "s": "2"})
    assert values["kernel"] == [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
    assert values["taps"] == [[2, 1, 0], [0, 2, 2], [2, 1, 0]]
