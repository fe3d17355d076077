"""Practice questions drawn from a seed: the same seed and level give the same set.

Each question is a configuration the engine accepts (so PyTorch does too) and a question
about it; its answer, and every number of its worked solution, come from the engine
(app/core/arithmetic.py, answer.py's costs, network.py's receptive fields), never from a
formula written here. The formulas shown beside the numbers are the relationships' own
(app/core/relationships.py), or, for costs and fields, the lines the engine's docstrings give.

The random draws use one ``random.Random(seed)`` per set and nothing global, so a lecturer's
link gives every learner the same questions.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, get_args

from app.core.answer import layer_cost
from app.core.arithmetic import Arithmetic, analyse
from app.core.catalogue import Sentence
from app.core.extents import effective_kernel
from app.core.network import Network, plan
from app.core.parameters import ConfigError, Op
from app.core.params import Config, Padding
from app.core.schema import NetworkLayer
from app.core.substitution import substituted_line

Kind = Literal[
    "output_size",
    "same_padding",
    "halving_stride",
    "output_padding",
    "params",
    "macs",
    "receptive_field",
]
KINDS: tuple[Kind, ...] = get_args(Kind)
LEVELS = (1, 2, 3)
MIN_QUESTIONS, MAX_QUESTIONS = 1, 20
MAX_SEED = 999_999
# A draw the engine refuses is drawn again; every generator below succeeds within a few.
MAX_DRAWS = 200
# The network a receptive-field question plans on: large enough for every drawn stack.
FIELD_INPUT = 64

Line = Sentence | str  # a sentence, or a formula (read the same in every language)


@dataclass(frozen=True)
class Question:
    """One question: what is asked, about which figure, its answer and its worked solution.

    ``accepted`` holds every right answer (more than one where several are right, as two
    strides may both halve a size); ``answer`` is the one the solution works through."""

    kind: Kind
    prompt: Sentence
    config: Config | None  # the single layer's figure, or None for a stack
    network: Network | None  # the stack of a receptive-field question
    answer: int
    accepted: frozenset[int]
    formula: str  # the formula the solution works through, in symbols
    solution: tuple[Line, ...]


def _config(op: Op, i: int, k: int, s: int = 1, p: int = 0, d: int = 1, a: int = 0) -> Config:
    """A square configuration through the engine's own checks (ConfigError where refused)."""
    query = f"op={op}&i={i}&k={k}&s={s}&p={p}"
    if d != 1:
        query += f"&d={d}"
    if a:
        query += f"&a={a}"
    return Config.from_query(query)


def _layer(c: Config, *, padding: bool = True, stride: bool = True, cost: bool = False) -> Sentence:
    """The layer in words: its operation and sizes, then the details the question needs
    (channels, groups and the bias only where it asks for a cost)."""
    details: list[tuple[str, dict[str, object]]] = []
    if stride:
        details.append(("practice.detail.stride", {"s": c.s[0]}))
    if padding:
        details.append(("practice.detail.padding", {"p": c.p[0]}))
    if c.d != (1, 1):
        details.append(("practice.detail.dilation", {"d": c.d[0]}))
    if c.a != (0, 0):
        details.append(("practice.detail.output_padding", {"a": c.a[0]}))
    if c.op in ("maxpool", "avgpool"):
        # Pooling may round up (ceil_mode); the question says it rounds down.
        details.append(("practice.detail.floor", {}))
    if cost:
        channels = "practice.detail.channels" if c.c_in > 1 else "practice.detail.one_channel"
        details.append((channels, {"c_in": c.c_in, "c_out": c.c_out}))
    if cost and c.g != 1:
        details.append(("practice.detail.groups", {"g": c.g}))
    if cost:
        details.append(("practice.detail.bias" if c.bias else "practice.detail.no_bias", {}))
    rest: Sentence | str = ""
    for key, values in reversed(details):
        rest = Sentence(key, {**values, "rest": rest})
    return Sentence(
        "practice.layer",
        {"op": Sentence(f"op.{c.op}"), "i": c.i[0], "k": c.k[0], "details": rest},
    )


def _relationship(arith: Arithmetic) -> tuple[Line, ...]:
    """The relationship that fits, its formula, and the formula with the numbers in."""
    rel = arith.relationship
    name = Sentence(rel.key)
    if rel.number is None:
        heading = Sentence("practice.solution.beyond", {"title": name})
    else:
        heading = Sentence("practice.solution.relationship", {"number": rel.number, "title": name})
    return (heading, rel.equation.text(), substituted_line(arith))


def _effective_kernel_line(c: Config) -> tuple[Line, ...]:
    """k̂ with its numbers, where a dilation makes it differ from k (relationship 15)."""
    k, d = c.k[0], c.d[0]
    if d == 1:
        return ()
    return (f"k̂ = k + (k − 1)(d − 1) = {k} + ({k} − 1)({d} − 1) = {effective_kernel(k, d)}",)


def _output(c: Config) -> int:
    return analyse(c).output_shape[0]


def _pick(rng: random.Random, options: Sequence[int]) -> int:
    return options[rng.randrange(len(options))]


# Output size ------------------------------------------------------------------------------


def _output_size(rng: random.Random, level: int) -> Question:
    ops: list[Op] = ["conv", "conv", "maxpool"]
    if level >= 2:
        ops += ["avgpool", "transpose"]
    op = ops[rng.randrange(len(ops))]
    d = 1
    a = 0
    if op == "transpose":
        i = rng.randint(2, 6)
        k = rng.randint(2, 4)
        s = rng.randint(1, 3)
        p = rng.randint(0, 1)
        if level >= 3:
            d = _pick(rng, (1, 2))
            a = rng.randint(0, max(s, d) - 1)
    elif op == "conv":
        i = rng.randint(4, 10) if level == 1 else rng.randint(5, 16)
        k = rng.randint(2, 5)
        s = 1 if level == 1 else rng.randint(1, 3)
        p = rng.randint(0, 1) if level == 1 else rng.randint(0, 2)
        if level >= 3:
            d = _pick(rng, (1, 2, 3))
    else:
        k = rng.randint(2, 3)
        i = 2 * rng.randint(2, 6) if level == 1 else rng.randint(4, 14)
        s = k if level == 1 else rng.randint(1, 3)
        p = 0 if level == 1 else rng.randint(0, k // 2)
        if level >= 3 and op == "maxpool":
            d = _pick(rng, (1, 2))
    c = _config(op, i, k, s, p, d, a)
    arith = analyse(c)
    o = arith.output_shape[0]
    return Question(
        "output_size",
        Sentence("practice.question.output_size", {"layer": _layer(c)}),
        c,
        None,
        o,
        frozenset({o}),
        arith.relationship.equation.text(),
        (*_effective_kernel_line(c), *_relationship(arith)),
    )


# The padding that keeps the size ---------------------------------------------------------


def _accepted(
    c: Config, name: Literal["p", "s", "a"], candidates: range, wanted: int
) -> frozenset[int]:
    """Every value of ``name`` in ``candidates`` for which the engine gives ``wanted``
    (the ones the engine refuses are not answers)."""
    found = set()
    for value in candidates:
        pair = (value, value)
        if name == "p":
            changed = replace(c, padding=Padding(value, value, value, value))
        elif name == "s":
            changed = replace(c, s=pair)
        else:
            changed = replace(c, a=pair)
        try:
            checked = Config.from_query(changed.query())
            if _output(checked) == wanted:
                found.add(value)
        except ConfigError:
            continue
    return frozenset(found)


def _same_padding(rng: random.Random, level: int) -> Question:
    k = _pick(rng, (3, 5) if level == 1 else (3, 5, 7))
    d = 1
    if level >= 3:
        # An odd effective kernel, (k − 1)d + 1, at stride 1: one padding keeps the size.
        k, d = _pick(rng, (3, 5, 2, 3)), _pick(rng, (2, 3))
        if (k - 1) * d % 2:
            d = 2
    ek = effective_kernel(k, d)
    i = rng.randint(ek, ek + 10)
    c = _config("conv", i, k, 1, 0, d)
    accepted = _accepted(c, "p", range(0, ek + 1), i)
    p = min(accepted)
    kept = analyse(replace(c, padding=Padding(p, p, p, p)))
    return Question(
        "same_padding",
        Sentence(
            "practice.question.same_padding", {"layer": _layer(c, padding=False, stride=False)}
        ),
        kept.config,
        None,
        p,
        accepted,
        kept.relationship.equation.text(),
        (
            *_effective_kernel_line(c),
            # Without a dilation the kernel is k itself: the sentence says k, not k̂.
            Sentence(
                "practice.solution.same_padding" if d != 1 else "practice.solution.same_padding_k",
                {"ek": ek, "p": p},
            ),
            *_relationship(kept),
        ),
    )


# The stride that halves the size ---------------------------------------------------------


def _halving_stride(rng: random.Random, level: int) -> Question:
    for _ in range(MAX_DRAWS):
        i = 2 * rng.randint(3, 8)
        k = _pick(rng, (3, 5)) if level == 1 else rng.randint(2, 5)
        d = 1 if level < 3 else _pick(rng, (1, 2))
        ek = effective_kernel(k, d)
        if ek > i:
            continue
        p = (ek - 1) // 2 if level == 1 else rng.randint(0, (ek - 1) // 2)
        c = _config("conv", i, k, 1, p, d)
        accepted = _accepted(c, "s", range(1, i + 1), i // 2)
        if accepted:
            break
    else:  # pragma: no cover - the draws above always find one
        raise AssertionError("no halving stride drawn")
    s = min(accepted)
    halved = analyse(replace(c, s=(s, s)))
    others = sorted(accepted - {s})
    also: tuple[Line, ...] = ()
    if others:
        also = (Sentence("practice.solution.also", {"name": "s", "values": _list(others)}),)
    return Question(
        "halving_stride",
        Sentence(
            "practice.question.halving_stride",
            {"layer": _layer(c, stride=False), "half": i // 2},
        ),
        halved.config,
        None,
        s,
        accepted,
        halved.relationship.equation.text(),
        (
            *_effective_kernel_line(c),
            Sentence("practice.solution.halving", {"s": s, "half": i // 2}),
            *_relationship(halved),
            *also,
        ),
    )


def _list(values: Sequence[int]) -> str:
    return ", ".join(str(v) for v in values)


# The output padding that restores a size -------------------------------------------------


def _output_padding(rng: random.Random, level: int) -> Question:
    for _ in range(MAX_DRAWS):
        i = rng.randint(5, 12)
        k = 3 if level == 1 else rng.randint(2, 5)
        s = 2 if level == 1 else rng.randint(2, 3)
        p = 1 if level == 1 else rng.randint(0, (k - 1) // 2)
        d = 1 if level < 3 else _pick(rng, (1, 2))
        try:
            direct = analyse(_config("conv", i, k, s, p, d))
        except ConfigError:
            continue
        back = _config("transpose", direct.output_shape[0], k, s, p, d)
        accepted = _accepted(back, "a", range(0, max(s, d)), i)
        if accepted:
            break
    else:  # pragma: no cover - a = (i + 2p − k̂) mod s always restores i
        raise AssertionError("no output padding drawn")
    a = min(accepted)
    restored = analyse(replace(back, a=(a, a)))
    return Question(
        "output_padding",
        Sentence(
            "practice.question.output_padding",
            {"layer": _layer(direct.config), "o": direct.output_shape[0], "i": i},
        ),
        restored.config,
        None,
        a,
        accepted,
        restored.relationship.equation.text(),
        (
            *_effective_kernel_line(direct.config),
            Sentence("practice.solution.direct", {"i": i, "o": direct.output_shape[0]}),
            substituted_line(direct),
            Sentence("practice.solution.transposed", {"a": a, "i": i}),
            *_relationship(restored),
        ),
    )


# Parameters and MACs ---------------------------------------------------------------------


def _channels(rng: random.Random, level: int) -> tuple[int, int, int]:
    """(c_in, c_out, g): standard layers first, then groups and depthwise ones."""
    c_in = _pick(rng, (1, 3, 4, 8) if level == 1 else (3, 4, 8, 16, 32))
    c_out = _pick(rng, (4, 8, 16, 32) if level == 1 else (8, 16, 32, 64))
    g = 1
    if level >= 3 and c_in > 3:
        g = _pick(rng, (2, 4, c_in))
        if g == c_in:  # depthwise: c_out a multiple of c_in, PyTorch's rule
            c_out = c_in * _pick(rng, (1, 2))
    return c_in, c_out, g


def _weighted(rng: random.Random, level: int, op: Op) -> Config:
    c_in, c_out, g = _channels(rng, level)
    i = rng.randint(5, 16)
    k = _pick(rng, (1, 3, 5)) if level == 1 else rng.randint(1, 5)
    s = 1 if level == 1 else rng.randint(1, 2)
    p = rng.randint(0, k // 2)
    bias = True if level == 1 else rng.random() < 0.5
    base = _config(op, i, k, s, p)
    return Config.from_query(f"{base.query()}&c_in={c_in}&c_out={c_out}&g={g}&bias={int(bias)}")


def _params(rng: random.Random, level: int) -> Question:
    op: Op = "conv" if level == 1 or rng.random() < 0.7 else "transpose"
    c = _weighted(rng, level, op)
    cost = layer_cost(analyse(c))
    kh, kw = c.k
    if op == "conv":
        names = ["c_out", "(c_in / g)", "k_h", "k_w"]
        numbers = [str(c.c_out), f"({c.c_in} / {c.g})", str(kh), str(kw)]
    else:
        names = ["c_in", "(c_out / g)", "k_h", "k_w"]
        numbers = [str(c.c_in), f"({c.c_out} / {c.g})", str(kh), str(kw)]
    symbolic, with_numbers = " · ".join(names), " · ".join(numbers)
    if c.bias:
        symbolic += " + c_out"
        with_numbers += f" + {c.c_out}"
    shape = "(" + ", ".join(str(v) for v in cost.weight_shape) + ")"
    stored = (
        "practice.solution.weight_shape" if c.bias else "practice.solution.weight_shape_no_bias"
    )
    return Question(
        "params",
        Sentence("practice.question.params", {"layer": _layer(c, cost=True)}),
        c,
        None,
        cost.params,
        frozenset({cost.params}),
        f"params = {symbolic}",
        (
            Sentence(stored, {"shape": shape, "c_out": c.c_out}),
            f"params = {symbolic}",
            f"params = {with_numbers} = {cost.params}",
        ),
    )


def _macs(rng: random.Random, level: int) -> Question:
    c = _weighted(rng, level, "conv")
    arith = analyse(c)
    cost = layer_cost(arith)
    (kh, kw), (oh, ow) = c.k, arith.output_shape
    symbolic = "c_out · (c_in / g) · k_h · k_w · o_h · o_w"
    numbers = f"{c.c_out} · ({c.c_in} / {c.g}) · {kh} · {kw} · {oh} · {ow}"
    return Question(
        "macs",
        Sentence("practice.question.macs", {"layer": _layer(c, cost=True)}),
        c,
        None,
        cost.macs,
        frozenset({cost.macs}),
        f"MACs = {symbolic}",
        (
            Sentence("practice.solution.output_first", {"o": oh}),
            *_relationship(arith),
            Sentence("practice.solution.macs"),
            f"MACs = {symbolic}",
            f"MACs = {numbers} = {cost.macs}",
        ),
    )


# Receptive fields ------------------------------------------------------------------------


def _stack_layer(rng: random.Random, level: int) -> str:
    if level >= 2 and rng.random() < 0.3:
        return "maxpool(k=2)"
    k = _pick(rng, (3, 3, 5)) if level == 1 else rng.randint(2, 5)
    args = [f"k={k}"]
    if level >= 2 and rng.random() < 0.4:
        args.append("s=2")
    if level >= 3 and rng.random() < 0.5:
        args.append(f"d={_pick(rng, (2, 3))}")
    return f"conv({','.join(args)})"


def _stack_text(layer: NetworkLayer) -> str:
    """A layer of the stack as the question writes it: its kernel, and its stride and
    dilation where they are not 1, a pooling's stride always (it defaults to the kernel)."""
    kernel, stride, dilation = layer["args"]["k"], layer["args"]["s"], layer["args"]["d"]
    assert kernel is not None and stride is not None and dilation is not None
    k, s, d = kernel[0], stride[0], dilation[0]
    shown = [f"k={k}"]
    if s != 1 or layer["op"] != "conv":
        shown.append(f"s={s}")
    if d != 1:
        shown.append(f"d={d}")
    return f"{layer['op']}({', '.join(shown)})"


def _receptive_field(rng: random.Random, level: int) -> Question:
    count = rng.randint(2, 3) if level == 1 else rng.randint(3, 4)
    layers = [_stack_layer(rng, level) for _ in range(count)]
    stack = plan((FIELD_INPUT, FIELD_INPUT), 1, ";".join(layers))
    formula = "r = r_in + (k̂ − 1) · j_in,  j = j_in · s"
    lines: list[Line] = [Sentence("practice.solution.field"), formula]
    r_in, j_in = 1, 1
    for layer in stack.layers:
        field, jump = layer["receptive_field"], layer["jump"]
        kernel, dilation = layer["args"]["k"], layer["args"]["d"]
        assert field is not None and jump is not None and kernel is not None
        assert dilation is not None
        ek = effective_kernel(kernel[0], dilation[0])
        lines.append(
            f"{layer['index']}. {_stack_text(layer)}: "
            f"r = {r_in} + ({ek} − 1) · {j_in} = {field[0]}, "
            f"j = {j_in} · {jump[0] // j_in} = {jump[0]}"
        )
        r_in, j_in = field[0], jump[0]
    return Question(
        "receptive_field",
        Sentence(
            "practice.question.receptive_field",
            {"layers": "; ".join(_stack_text(layer) for layer in stack.layers)},
        ),
        None,
        stack,
        r_in,
        frozenset({r_in}),
        formula,
        tuple(lines),
    )


GENERATORS: dict[Kind, Callable[[random.Random, int], Question]] = {
    "output_size": _output_size,
    "same_padding": _same_padding,
    "halving_stride": _halving_stride,
    "output_padding": _output_padding,
    "params": _params,
    "macs": _macs,
    "receptive_field": _receptive_field,
}


def question(rng: random.Random, kind: Kind, level: int) -> Question:
    """One question of ``kind``; a draw the engine refuses is drawn again."""
    for _ in range(MAX_DRAWS):
        try:
            return GENERATORS[kind](rng, level)
        except ConfigError:
            continue
    raise AssertionError(f"no valid {kind} question drawn")  # pragma: no cover


def exercise_set(seed: int, level: int, n: int) -> tuple[Question, ...]:
    """``n`` questions for ``seed`` at ``level``: the kinds in a shuffled order, cycling, so
    a short set still mixes them. The same arguments give the same questions, and a longer
    set starts with a shorter one's."""
    if level not in LEVELS:
        raise ValueError(f"level {level} is not one of {LEVELS}")
    # Two streams, so a longer set begins with the shorter one's questions.
    order = random.Random(f"practice:{seed}:{level}:order")
    rng = random.Random(f"practice:{seed}:{level}")
    kinds: list[Kind] = []
    while len(kinds) < n:
        round_ = list(KINDS)
        order.shuffle(round_)
        kinds.extend(round_)
    return tuple(question(rng, kind, level) for kind in kinds[:n])
