"""Small expression trees for the paper's formulas.

One tree per formula gives the symbolic text, the text with a configuration's numbers
substituted, the value (so tests check every formula shown against the computed shape), and
a structure that app/render turns into MathML.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor

Value = Fraction


class Expr:
    """Base of the tree. ``precedence`` decides where parentheses go in text."""

    precedence = 100

    def evaluate(self, env: dict[str, int]) -> Value:
        raise NotImplementedError

    def bind(self, env: dict[str, int]) -> Expr:
        """The same tree with every variable replaced by its number."""
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def wrapped(self, precedence: int) -> str:
        inner = self.text()
        return f"({inner})" if self.precedence < precedence else inner


@dataclass(frozen=True)
class Num(Expr):
    value: int

    def evaluate(self, env: dict[str, int]) -> Value:
        return Fraction(self.value)

    def bind(self, env: dict[str, int]) -> Expr:
        return self

    def text(self) -> str:
        return str(self.value) if self.value >= 0 else f"({self.value})"


@dataclass(frozen=True)
class Var(Expr):
    name: str

    def evaluate(self, env: dict[str, int]) -> Value:
        return Fraction(env[self.name])

    def bind(self, env: dict[str, int]) -> Expr:
        return Num(env[self.name]) if self.name in env else self

    def text(self) -> str:
        return self.name


@dataclass(frozen=True)
class Sum(Expr):
    """terms: (sign, expr) with sign +1 or -1."""

    terms: tuple[tuple[int, Expr], ...]
    precedence = 10

    def evaluate(self, env: dict[str, int]) -> Value:
        return sum((sign * t.evaluate(env) for sign, t in self.terms), Fraction(0))

    def bind(self, env: dict[str, int]) -> Expr:
        return Sum(tuple((sign, t.bind(env)) for sign, t in self.terms))

    def text(self) -> str:
        parts: list[str] = []
        for n, (sign, term) in enumerate(self.terms):
            body = term.wrapped(self.precedence + (1 if sign < 0 else 0))
            if n == 0:
                parts.append(body if sign > 0 else f"−{body}")
            else:
                parts.append(f" {'+' if sign > 0 else '−'} {body}")
        return "".join(parts)


@dataclass(frozen=True)
class Prod(Expr):
    factors: tuple[Expr, ...]
    precedence = 20

    def evaluate(self, env: dict[str, int]) -> Value:
        out = Fraction(1)
        for f in self.factors:
            out *= f.evaluate(env)
        return out

    def bind(self, env: dict[str, int]) -> Expr:
        return Prod(tuple(f.bind(env) for f in self.factors))

    def text(self) -> str:
        # Juxtaposition reads like the paper (2p, s(i − 1)); a number after anything gets a dot.
        out = ""
        for index, f in enumerate(self.factors):
            if index > 0 and isinstance(f, Num):
                out += "·"
            out += f.wrapped(self.precedence + 1)
        return out


@dataclass(frozen=True)
class Frac(Expr):
    num: Expr
    den: Expr
    precedence = 20

    def evaluate(self, env: dict[str, int]) -> Value:
        return self.num.evaluate(env) / self.den.evaluate(env)

    def bind(self, env: dict[str, int]) -> Expr:
        return Frac(self.num.bind(env), self.den.bind(env))

    def text(self) -> str:
        return f"{self.num.wrapped(21)}/{self.den.wrapped(21)}"


@dataclass(frozen=True)
class Floor(Expr):
    arg: Expr

    def evaluate(self, env: dict[str, int]) -> Value:
        return Fraction(floor(self.arg.evaluate(env)))

    def bind(self, env: dict[str, int]) -> Expr:
        return Floor(self.arg.bind(env))

    def text(self) -> str:
        return f"⌊{self.arg.text()}⌋"


@dataclass(frozen=True)
class Ceil(Expr):
    arg: Expr

    def evaluate(self, env: dict[str, int]) -> Value:
        return Fraction(ceil(self.arg.evaluate(env)))

    def bind(self, env: dict[str, int]) -> Expr:
        return Ceil(self.arg.bind(env))

    def text(self) -> str:
        return f"⌈{self.arg.text()}⌉"


@dataclass(frozen=True)
class Mod(Expr):
    arg: Expr
    modulus: Expr
    precedence = 20

    def evaluate(self, env: dict[str, int]) -> Value:
        return Fraction(int(self.arg.evaluate(env)) % int(self.modulus.evaluate(env)))

    def bind(self, env: dict[str, int]) -> Expr:
        return Mod(self.arg.bind(env), self.modulus.bind(env))

    def text(self) -> str:
        return f"({self.arg.text()}) mod {self.modulus.wrapped(21)}"


def bound_is_value(bound: Expr) -> bool:
    """Whether a bound right-hand side is already its value (o = i gives o = 5, not o = 5 = 5)."""
    return isinstance(bound, Num)


def plus(*terms: Expr) -> Sum:
    return Sum(tuple((1, t) for t in terms))


def minus(first: Expr, *rest: Expr) -> Sum:
    return Sum(((1, first), *((-1, t) for t in rest)))


def v(name: str) -> Var:
    return Var(name)


def n(value: int) -> Num:
    return Num(value)


@dataclass(frozen=True)
class Equation:
    """lhs = rhs, e.g. o = ⌊(i + 2p − k)/s⌋ + 1."""

    lhs: str
    rhs: Expr

    def text(self) -> str:
        return f"{self.lhs} = {self.rhs.text()}"

    def substituted(self, env: dict[str, int]) -> str:
        bound = self.rhs.bind(env)
        value = bound.evaluate({})
        result = str(value.numerator) if value.denominator == 1 else str(value)
        if bound_is_value(bound):
            return f"{self.lhs} = {result}"
        return f"{self.lhs} = {bound.text()} = {result}"

    def evaluate(self, env: dict[str, int]) -> int:
        value = self.rhs.evaluate(env)
        assert value.denominator == 1
        return value.numerator
