"""What pictures say: keys of the page's catalogue, filled by words given from outside."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path
from typing import get_args

import pytest

from app.core.arithmetic import analyse
from app.core.parameters import OPS, PADDING_MODES, Op
from app.core.params import Config
from app.render.geometry import geometry
from app.render.wording import GRID_KEYS, SIZED_GRID_KEYS, LegendKind, legend_key
from app.web.messages import catalogue

KINDS: tuple[LegendKind, ...] = get_args(LegendKind)


@pytest.mark.parametrize("done", list(product([False, True], repeat=3)))
def test_grid_keys_follow_the_rule_the_page_uses(done: tuple[bool, bool, bool]) -> None:
    """static/js/captions.js builds the key as figure. + the changes joined by "_"."""
    changes = zip(("stretched", "padded", "cropped"), done, strict=True)
    names = [name for name, did in changes if did]
    assert GRID_KEYS[done] == ("figure." + "_".join(names) if names else "figure.input")


@pytest.mark.parametrize("done", list(product([False, True], repeat=3)))
def test_a_strips_and_a_volumes_grid_keys_follow_the_same_rule(
    done: tuple[bool, bool, bool],
) -> None:
    changes = zip(("stretched", "padded", "cropped"), done, strict=True)
    names = [name for name, did in changes if did]
    assert SIZED_GRID_KEYS[done] == ("picture." + "_".join(names) if names else "picture.input")


def test_every_key_a_picture_uses_is_in_the_catalogue() -> None:
    keys = {*GRID_KEYS.values(), "figure.output"}
    keys |= {*SIZED_GRID_KEYS.values(), "picture.output", "picture.depth_slice"}
    keys |= {legend_key(op, kind) for op in OPS for kind in KINDS}
    keys |= {legend_key("conv", "padding", mode) for mode in PADDING_MODES}
    assert sorted(keys - catalogue("en").keys()) == []


@pytest.mark.parametrize(
    ("op", "kind", "key"),
    [
        ("conv", "padding", "legend.padding"),
        ("maxpool", "padding", "legend.padding_maxpool"),
        ("avgpool", "padding", "legend.padding"),
        ("conv", "kernel", "legend.kernel"),
        ("transpose", "kernel", "legend.kernel"),
        ("maxpool", "kernel", "legend.window"),
        ("avgpool", "kernel", "legend.window"),
        ("transpose", "inserted", "legend.inserted"),
        ("conv", "slice", "legend.slice"),
        ("transpose", "slice", "legend.slice"),
        ("maxpool", "slice", "legend.slice_window"),
        ("avgpool", "slice", "legend.slice_window"),
    ],
)
def test_legend_keys(op: Op, kind: str, key: str) -> None:
    assert legend_key(op, kind) == key


def test_a_picture_says_only_what_its_words_say() -> None:
    """Figure 4.7's texts as the catalogue's keys, when the words are the keys themselves."""

    def keys(key: str, /, **values: object) -> str:
        return key

    arith = analyse(Config.from_query(dict(op="transpose", i="3", k="3", s="2", p="1", a="1")))
    geom = geometry(arith, 20, keys)
    assert geom.input_label.text == "figure.stretched_padded"
    assert geom.output_label.text == "figure.output"
    assert [item.text for item in geom.legend] == [
        "legend.input",
        "legend.padding",
        "legend.inserted",
        "legend.kernel",
        "legend.output",
        "legend.current",
    ]


LEGEND_CASES = json.loads((Path(__file__).parent / "cases" / "wording.json").read_text("utf-8"))


@pytest.mark.parametrize("case", LEGEND_CASES["legend_key"])
def test_legend_key_cases_shared_with_the_page(case: list[str]) -> None:
    """tests/js/captions.test.mjs holds static/js/captions.js's legendKey to the same."""
    op, kind, key, *mode = case
    assert legend_key(op, kind, *mode) == key
