"""Practice sets against PyTorch: for 300 seeds at every level, every question's configuration
is one torch builds, and its answer (every accepted answer, and no other) is what torch gives
for shapes, parameter counts and MACs; receptive fields against the windows traced back by
hand. The worked solutions end at the answer, and a seed always gives the same set."""

from __future__ import annotations

import re
from typing import Any

import pytest
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.flop_counter import FlopCounterMode

from app.core.catalogue import available
from app.core.exercises import KINDS, LEVELS, Question, exercise_set
from app.core.params import Config

pytestmark = pytest.mark.torch
# Thousands of tiny layers: one thread spends no time handing them out.
torch.set_num_threads(1)

SEEDS = range(300)
PER_SET = len(KINDS)  # the kinds cycle, so a set this long holds one of each


def sets() -> list[tuple[int, int, tuple[Question, ...]]]:
    return [(seed, level, exercise_set(seed, level, PER_SET)) for seed in SEEDS for level in LEVELS]


ALL = sets()


def zeros(c: Config, size: int | None = None) -> Any:
    return torch.zeros(1, c.c_in, size or c.i[0], size or c.i[1])


def torch_output(c: Config, **changed: int) -> int:
    """The output's width as torch computes it for ``c`` with some values changed."""
    v = {"s": c.s[0], "p": c.p[0], "d": c.d[0], "a": c.a[0]} | changed
    k, x = c.k[0], zeros(c)
    if c.op == "conv":
        w = torch.zeros(c.c_out, c.c_in // c.g, k, k)
        y = F.conv2d(x, w, stride=v["s"], padding=v["p"], dilation=v["d"], groups=c.g)
    elif c.op == "transpose":
        w = torch.zeros(c.c_in, c.c_out // c.g, k, k)
        y = F.conv_transpose2d(
            x, w, stride=v["s"], padding=v["p"], output_padding=v["a"], groups=c.g, dilation=v["d"]
        )
    elif c.op == "maxpool":
        y = F.max_pool2d(x, k, v["s"], v["p"], v["d"], ceil_mode=c.ceil)
    else:
        y = F.avg_pool2d(x, k, v["s"], v["p"], ceil_mode=c.ceil)
    assert y.shape[-2] == y.shape[-1]
    return int(y.shape[-1])


def torch_accepts(c: Config, **changed: int) -> int | None:
    """torch's output width, or None where torch refuses the layer."""
    try:
        return torch_output(c, **changed)
    except RuntimeError:
        return None


def module(c: Config) -> Any:
    k, s, p, d = c.k, c.s, c.p, c.d
    if c.op == "conv":
        return nn.Conv2d(c.c_in, c.c_out, k, s, p, d, groups=c.g, bias=c.bias)
    return nn.ConvTranspose2d(c.c_in, c.c_out, k, s, p, c.a, groups=c.g, bias=c.bias, dilation=d)


def traced_field(layers: list[dict[str, Any]]) -> int:
    """One output cell's window traced back through the stack, layer by layer: output cells
    lo..hi read input cells lo·s − p .. hi·s − p + d(k − 1) (padding cells included)."""
    lo = hi = 0
    for layer in reversed(layers):
        args = layer["args"]
        k, s, p, d = args["k"][0], args["s"][0], args["padding"]["top"], args["d"][0]
        lo, hi = lo * s - p, hi * s - p + d * (k - 1)
    return hi - lo + 1


def check(q: Question) -> None:
    if q.kind == "receptive_field":
        assert q.network is not None
        assert q.answer == traced_field(list(q.network.layers))
        assert q.accepted == {q.answer}
        return
    c = q.config
    assert c is not None
    # The figure's configuration is one the engine parses back to itself.
    assert Config.from_query(c.query()) == c
    if q.kind == "output_size":
        assert q.accepted == {q.answer} == {torch_output(c)}
    elif q.kind == "same_padding":
        assert c.s == (1, 1) and torch_output(c) == c.i[0]
        right = {p for p in range(0, 3 * c.k[0] * c.d[0]) if torch_accepts(c, p=p) == c.i[0]}
        assert q.accepted == right and q.answer in right and c.p[0] == q.answer
    elif q.kind == "halving_stride":
        half = c.i[0] // 2
        right = {s for s in range(1, c.i[0] + 1) if torch_accepts(c, s=s) == half}
        assert q.accepted == right and c.s[0] == q.answer
    elif q.kind == "output_padding":
        assert c.op == "transpose"
        # The direct convolution the question starts from takes i to the transposed input.
        wanted = q.prompt.values["i"]
        limit = max(c.s[0], c.d[0])
        right = {a for a in range(0, limit + 2) if torch_accepts(c, a=a) == wanted}
        assert q.accepted == right and c.a[0] == q.answer
    elif q.kind == "params":
        assert q.answer == sum(p.numel() for p in module(c).parameters())
    elif q.kind == "macs":
        with FlopCounterMode(display=False) as counter, torch.no_grad():
            module(c)(zeros(c))
        assert 2 * q.answer == counter.get_total_flops()


@pytest.mark.parametrize("level", LEVELS)
def test_every_question_is_valid_and_torch_agrees(level: int) -> None:
    kinds = set()
    for _, lvl, questions in ALL:
        if lvl != level:
            continue
        for q in questions:
            check(q)
            kinds.add(q.kind)
    assert kinds == set(KINDS)


def test_the_direct_convolution_of_an_output_padding_question_is_torchs() -> None:
    """The prompt's o is torch's output of the direct convolution on the i it names."""
    for _, _, questions in ALL[:60]:
        for q in questions:
            if q.kind != "output_padding":
                continue
            layer = q.prompt.values["layer"]
            values = layer.values  # type: ignore[attr-defined]
            i, o, k = q.prompt.values["i"], q.prompt.values["o"], values["k"]
            assert q.config is not None
            c = q.config
            y = F.conv2d(
                torch.zeros(1, 1, i, i),  # type: ignore[arg-type]
                torch.zeros(1, 1, k, k),  # type: ignore[arg-type]
                stride=c.s[0],
                padding=c.p[0],
                dilation=c.d[0],
            )
            assert y.shape[-1] == o == c.i[0]


PRODUCT = re.compile(r"^(params|MACs) = ([\d ·/()+]+) = (\d+)$")


def test_every_worked_solution_ends_at_the_answer() -> None:
    """The last formula line with numbers gives the answer (or the size the answer gives); a
    cost's product, evaluated here, is the answer too."""
    for _, _, questions in ALL:
        for q in questions:
            lines = [line for line in q.solution if isinstance(line, str)]
            numbered = [line for line in lines if re.search(r"= \d+$", line)]
            last = numbered[-1]
            if q.kind == "receptive_field":
                assert last.split(", j = ")[0].endswith(f"= {q.answer}"), last
                continue
            assert q.config is not None
            # A size question ends at its answer; a question about the value that gives a
            # size ends at that size, worked with the answer's value.
            reached = {
                "same_padding": q.config.i[0],
                "halving_stride": q.config.i[0] // 2,
                "output_padding": q.prompt.values.get("i"),
            }.get(q.kind, q.answer)
            assert last.endswith(f"= {reached}"), (q.kind, last)
            match = PRODUCT.match(last)
            if match:
                expression = match.group(2).replace("·", "*").replace("/", "//")
                assert eval(expression) == q.answer  # digits and operators only


def test_the_same_seed_gives_the_same_set() -> None:
    for seed in (0, 1, 42, 999_999):
        for level in LEVELS:
            first = exercise_set(seed, level, 20)
            again = exercise_set(seed, level, 20)
            assert first == again
            # A shorter set is the longer one's beginning: n does not reshuffle.
            assert exercise_set(seed, level, 5) == first[:5]


def test_different_seeds_give_different_sets() -> None:
    for level in LEVELS:
        said = {
            tuple(q.prompt.say() for q in questions) for _, lvl, questions in ALL if lvl == level
        }
        assert len(said) == len(SEEDS)


def test_the_levels_differ() -> None:
    for seed in (3, 4, 5):
        said = {tuple(q.prompt.say() for q in exercise_set(seed, level, 7)) for level in LEVELS}
        assert len(said) == len(LEVELS)


def test_a_level_outside_one_to_three_is_refused() -> None:
    for level in (0, 4):
        with pytest.raises(ValueError):
            exercise_set(1, level, 5)


@pytest.mark.parametrize("lang", available())
def test_every_question_and_solution_is_said_in_every_language(lang: str) -> None:
    for _, _, questions in ALL[:90]:
        for q in questions:
            assert "{" not in q.prompt.say(lang)
            for line in q.solution:
                assert "{" not in (line if isinstance(line, str) else line.say(lang))
