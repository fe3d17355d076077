"""The paper's 15 relationships, and which one (the most specific) fits a configuration.

Each relationship carries its equation as a tree (app/core/formula.py), so the text shown, the
numbers substituted into it and the value it gives all come from one place; the tests check
that the value equals the computed output size for every configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.formula import Ceil, Equation, Floor, Frac, Prod, minus, n, plus, v

Env = dict[str, int]


@dataclass(frozen=True)
class AxisTerms:
    """One axis of a configuration in the paper's terms."""

    op: str
    i: int
    k: int
    s: int
    before: int
    after: int
    d: int
    a: int
    ceil: bool

    @property
    def symmetric(self) -> bool:
        return self.before == self.after

    @property
    def p(self) -> int:
        return self.before


@dataclass(frozen=True)
class Relationship:
    number: int | None
    title: str  # in English; the catalogue's ``key`` says it in every language
    equation: Equation
    applies: Callable[[AxisTerms], bool]
    variables: Callable[[AxisTerms], Env]
    name: str = ""  # for the relationships beyond the paper, which have no number

    @property
    def key(self) -> str:
        return f"relationship.{self.number or self.name}"


def _conv_env(t: AxisTerms) -> Env:
    return {"i": t.i, "k": t.k, "s": t.s, "p": t.p, "d": t.d}


def _asym_env(t: AxisTerms) -> Env:
    return {"i": t.i, "k": t.k, "s": t.s, "p₁": t.before, "p₂": t.after, "d": t.d}


def _transpose_env(t: AxisTerms) -> Env:
    return {"i'": t.i, "k": t.k, "s": t.s, "p": t.p, "d": t.d, "a": t.a}


i, k, s, p, d, a = v("i"), v("k"), v("s"), v("p"), v("d"), v("a")
ip = v("i'")
one = n(1)
k_minus_1 = minus(k, one)


def _plain(t: AxisTerms) -> bool:
    return t.symmetric and t.d == 1


R1 = Relationship(
    1,
    "No zero padding, unit strides",
    Equation("o", plus(minus(i, k), one)),
    lambda t: _plain(t) and t.s == 1 and t.p == 0,
    _conv_env,
)
R2 = Relationship(
    2,
    "Zero padding, unit strides",
    Equation("o", plus(minus(i, k), Prod((n(2), p)), one)),
    lambda t: _plain(t) and t.s == 1,
    _conv_env,
)
R3 = Relationship(
    3,
    "Half (same) padding",
    Equation("o", i),
    lambda t: _plain(t) and t.s == 1 and t.k % 2 == 1 and t.p == t.k // 2,
    _conv_env,
)
R4 = Relationship(
    4,
    "Full padding",
    Equation("o", plus(i, k_minus_1)),
    lambda t: _plain(t) and t.s == 1 and t.p == t.k - 1,
    _conv_env,
)
R5 = Relationship(
    5,
    "No zero padding, non-unit strides",
    Equation("o", plus(Floor(Frac(minus(i, k), s)), one)),
    lambda t: _plain(t) and t.p == 0,
    _conv_env,
)
R6 = Relationship(
    6,
    "Zero padding, non-unit strides",
    Equation("o", plus(Floor(Frac(minus(plus(i, Prod((n(2), p))), k), s)), one)),
    _plain,
    _conv_env,
)
R7 = Relationship(
    7,
    "Pooling",
    Equation("o", plus(Floor(Frac(minus(i, k), s)), one)),
    lambda t: _plain(t) and t.p == 0 and not t.ceil,
    _conv_env,
)
R15 = Relationship(
    15,
    "Dilated convolution",
    Equation(
        "o",
        plus(
            Floor(Frac(minus(plus(i, Prod((n(2), p))), k, Prod((k_minus_1, minus(d, one)))), s)),
            one,
        ),
    ),
    lambda t: t.symmetric,
    _conv_env,
)
ASYMMETRIC = Relationship(
    None,
    "Asymmetric padding (padding=same with an odd total, or TensorFlow's SAME), beyond the paper",
    Equation(
        "o",
        plus(
            Floor(
                Frac(
                    minus(plus(i, v("p₁"), v("p₂")), k, Prod((k_minus_1, minus(d, one)))),
                    s,
                )
            ),
            one,
        ),
    ),
    lambda t: True,
    _asym_env,
    "asymmetric",
)
CAUSAL = Relationship(
    None,
    "Causal padding: d(k − 1) zeros on the left only, beyond the paper",
    # i + d(k − 1) − k̂ = i − 1: the left padding is exactly the kernel's reach.
    Equation("o", plus(Floor(Frac(minus(i, one), s)), one)),
    lambda t: t.before == t.d * (t.k - 1) > 0 and t.after == 0,
    _conv_env,
    "causal",
)
CEIL = Relationship(
    None,
    "Pooling with ceil_mode (PyTorch), beyond the paper",
    Equation(
        "o",
        plus(Ceil(Frac(minus(plus(i, Prod((n(2), p))), Prod((d, k_minus_1)), one), s)), one),
    ),
    lambda t: t.symmetric,
    _conv_env,
    "ceil",
)

stretched = Prod((s, minus(ip, one)))
R8 = Relationship(
    8,
    "Transposed, no zero padding, unit strides",
    Equation("o'", plus(ip, k_minus_1)),
    lambda t: t.d == 1 and t.s == 1 and t.p == 0,
    _transpose_env,
)
R9 = Relationship(
    9,
    "Transposed, zero padding, unit strides",
    Equation("o'", minus(plus(ip, k_minus_1), Prod((n(2), p)))),
    lambda t: t.d == 1 and t.s == 1,
    _transpose_env,
)
R10 = Relationship(
    10,
    "Transposed, half (same) padding",
    Equation("o'", ip),
    lambda t: t.d == 1 and t.s == 1 and t.k % 2 == 1 and t.p == t.k // 2,
    _transpose_env,
)
R11 = Relationship(
    11,
    "Transposed, full padding",
    Equation("o'", minus(ip, k_minus_1)),
    lambda t: t.d == 1 and t.s == 1 and t.p == t.k - 1,
    _transpose_env,
)
R12 = Relationship(
    12,
    "Transposed, no zero padding, non-unit strides",
    Equation("o'", plus(stretched, k)),
    lambda t: t.d == 1 and t.p == 0 and t.a == 0,
    _transpose_env,
)
R13 = Relationship(
    13,
    "Transposed, zero padding, non-unit strides",
    Equation("o'", minus(plus(stretched, k), Prod((n(2), p)))),
    lambda t: t.d == 1 and t.a == 0,
    _transpose_env,
)
R14 = Relationship(
    14,
    "Transposed, zero padding, non-unit strides, odd",
    Equation("o'", minus(plus(stretched, a, k), Prod((n(2), p)))),
    lambda t: t.d == 1,
    _transpose_env,
)
TRANSPOSED_DILATED = Relationship(
    None,
    "Transposed dilated convolution (PyTorch's formula), beyond the paper",
    Equation(
        "o'",
        plus(minus(Prod((minus(ip, one), s)), Prod((n(2), p))), Prod((d, k_minus_1)), a, one),
    ),
    lambda t: True,
    _transpose_env,
    "transposed_dilated",
)

# Most specific first: the first relationship that holds on both axes is the one shown.
CANDIDATES: dict[str, tuple[Relationship, ...]] = {
    "conv": (R1, R3, R4, R2, R5, R6, R15, CAUSAL, ASYMMETRIC),
    "pool": (R7, R3, R4, R2, R6, R15),
    "pool_ceil": (CEIL,),
    "transpose": (R8, R10, R11, R9, R12, R13, R14, TRANSPOSED_DILATED),
}

ALL: tuple[Relationship, ...] = (R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13, R14, R15)


def candidates_for(op: str, ceil: bool) -> tuple[Relationship, ...]:
    if op in ("maxpool", "avgpool"):
        return CANDIDATES["pool_ceil" if ceil else "pool"]
    return CANDIDATES[op]


def classify(axes: tuple[AxisTerms, ...]) -> Relationship:
    """The most specific relationship that holds on every axis."""
    for rel in candidates_for(axes[0].op, axes[0].ceil):
        if all(rel.applies(t) for t in axes):
            return rel
    raise AssertionError("every candidate list ends with a relationship that always applies")
