"""What a learner is told: each sentence appears exactly when its fact holds, with its numbers.

The facts are counted by brute force (tests/reference.py); the named sentences are written out
in full, since the page's answers must not change a byte.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from reference import analysed, extent

from app.core.arithmetic import Arithmetic, analyse
from app.core.notes import notes
from app.core.params import Config

SETTINGS = settings(max_examples=120, deadline=None)


def _analyse(**query: str) -> Arithmetic:
    return analyse(Config.from_query(query))


@SETTINGS
@given(analysed(("conv", "maxpool", "avgpool")).filter(lambda a: not a.config.ceil))
def test_coverage_notes_appear_exactly_when_lines_are_left_over(arith: Arithmetic) -> None:
    said = " ".join(notes(arith))
    rests = []
    for ax in arith.axes:
        rest = (ax.i + ax.before + ax.after - extent(ax.k, ax.d)) % ax.s
        rests.append(rest)
        if rest:
            assert f"mod {ax.s} = {rest}" in said
    assert ("never covered" in said) == any(rests), said


def test_stride_beyond_kernel_is_noted() -> None:
    said = " ".join(notes(_analyse(i="7", k="1", s="3")))
    assert "skipped entirely" in said


@SETTINGS
@given(analysed(("transpose",)))
def test_transpose_note_describes_both_sides_of_the_grid(arith: Arithmetic) -> None:
    said = " ".join(notes(arith))
    for ax in arith.axes:
        # The paper's p' = k − p − 1, with the kernel's reach d(k − 1) counted tap by tap.
        before = extent(ax.k, ax.d) - 1 - ax.before
        after = before + ax.a
        if before >= 0:
            assert f"p' = d(k − 1) − p = {before} zeros" in said
            if ax.a:
                assert f"p' + a = {after} on the" in said
            continue
        assert f"cropped by p − d(k − 1) = {-before} on" in said
        if not ax.a:
            assert "on each side" in said
        elif after < 0:
            assert f"p − d(k − 1) − a = {-after} on the" in said
        elif after == 0:
            assert "not at all on the" in said
        else:
            assert f"a − (p − d(k − 1)) = {after} on the" in said


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        pytest.param(
            {"i": "9", "k": "3", "d": "1,2"},
            "Dilation 2 spreads the 3 kernel cells over an effective extent "
            "k̂ = k + (k − 1)(d − 1) = 5 (in width); only the d-spaced cells are used.",
            id="dilation-in-width",
        ),
        pytest.param(
            {"i": "9,7", "k": "3", "d": "2"},
            "Dilation 2 spreads the 3 kernel cells over an effective extent "
            "k̂ = k + (k − 1)(d − 1) = 5; only the d-spaced cells are used.",
            id="dilation-both",
        ),
        pytest.param(
            # Width: (5 − 3) mod 3 = 2 columns left over; height: (5 − 3) mod 2 = 0.
            {"i": "5", "k": "3", "s": "2,3"},
            "The last 2 columns of the padded input (right edge) are never covered, since "
            "(i + 2p − k) mod s = (5 + 0 − 3) mod 3 = 2 (in width).",
            id="coverage-stride-in-width",
        ),
        pytest.param(
            {"op": "transpose", "i": "3", "d": "2", "a": "1"},
            "It is the transpose of a Conv2d(k=3, s=1, p=0, d=2), which maps 8×8 to 4×4.",
            id="transpose-of",
        ),
        pytest.param(
            # Output (3 − 1) + 3 = 5 by (4 − 1) + 3 = 6; Conv2d maps 5×6 back to 3×4.
            {"op": "transpose", "i": "3,4"},
            "It is the transpose of a Conv2d(k=3, s=1, p=0), which maps 5×6 to 3×4.",
            id="transpose-of-non-square",
        ),
        pytest.param(
            {"op": "transpose", "i": "3", "k": "3", "s": "2", "p": "1", "a": "1"},
            "That convolution maps 5×5 to 3×3 as well; output padding a = 1 picks 6×6, as "
            "a = (i + 2p − k) mod s of that convolution.",
            id="fig4.7-output-padding",
        ),
        pytest.param(
            {"op": "transpose", "i": "3", "k": "2", "s": "2", "p": "2"},
            "Drawn as the paper draws it: a stride-1 convolution over the input stretched by "
            "s − 1 = 1 zero between units (5 cells), cropped by p − d(k − 1) = 1 on each side "
            "(p exceeds d(k − 1), so the equivalent convolution trims the stretched input "
            "instead of padding it).",
            id="transpose-crop",
        ),
    ],
)
def test_named_notes(query: dict[str, str], sentence: str) -> None:
    said = notes(_analyse(**query))
    assert sentence in said
    assert len([n for n in said if n.startswith(sentence[:12])]) == 1


@pytest.mark.parametrize(
    ("query", "sentences"),
    [
        pytest.param(
            {"i": "6", "k": "2", "s": "4", "p": "1"},
            [
                "The windows starting at row 8 and at column 8 would start in the bottom and "
                "right padding, so PyTorch drops them."
            ],
            id="drop-both",
        ),
        pytest.param(
            {"i": "6,5", "k": "2", "s": "4", "p": "1"},
            [
                "A window starting at row 8 would start in the bottom padding, so PyTorch "
                "drops it (in height).",
                "A window starting at column 8 would start in the right padding, so PyTorch "
                "drops it (in width).",
            ],
            id="drop-per-axis",
        ),
        pytest.param(
            {"i": "6,4", "k": "2", "s": "4", "p": "1"},
            [
                "A window starting at row 8 would start in the bottom padding, so PyTorch "
                "drops it (in height)."
            ],
            id="drop-in-height",
        ),
        pytest.param(
            {"i": "5", "k": "2"},
            ["ceil_mode adds 1 row and column of output that floor division would drop."],
            id="adds-both",
        ),
        pytest.param(
            {"i": "5,4", "k": "2"},
            ["ceil_mode adds 1 row of output that floor division would drop (in height)."],
            id="adds-in-height",
        ),
    ],
)
def test_ceil_notes_named(query: dict[str, str], sentences: list[str]) -> None:
    """Rows end in the bottom padding, columns in the right; axes that agree share a sentence."""
    said = notes(_analyse(op="maxpool", ceil="1", **query))
    general = "ceil_mode counts a last, partial window"
    assert [n for n in said if n.startswith(general)] == [said[-1 - len(sentences)]]
    assert said[-len(sentences) :] == sentences
