"""Formulas as MathML, which Chromium and Firefox render without a library."""

from __future__ import annotations

from html import escape

from app.core.arithmetic import Arithmetic
from app.core.formula import (
    Ceil,
    Equation,
    Expr,
    Floor,
    Frac,
    Mod,
    Num,
    Prod,
    Sum,
    Var,
    bound_is_value,
)
from app.core.substitution import dropped_windows, layer_terms


def _var(name: str) -> str:
    if name.endswith("'"):
        return f"<msup><mi>{escape(name[:-1])}</mi><mo>′</mo></msup>"
    if name[-1] in "₁₂":
        return f"<msub><mi>{escape(name[:-1])}</mi><mn>{'₁₂'.index(name[-1]) + 1}</mn></msub>"
    return f"<mi>{escape(name)}</mi>"


def _paren(body: str) -> str:
    return f"<mrow><mo>(</mo>{body}<mo>)</mo></mrow>"


def _wrapped(expr: Expr, precedence: int) -> str:
    body = expr_mathml(expr)
    return _paren(body) if expr.precedence < precedence else body


def expr_mathml(expr: Expr) -> str:
    """One expression tree as a MathML fragment (no <math> element)."""
    if isinstance(expr, Num):
        return f"<mn>{expr.value}</mn>" if expr.value >= 0 else _paren(f"<mn>−{-expr.value}</mn>")
    if isinstance(expr, Var):
        return _var(expr.name)
    if isinstance(expr, Sum):
        parts = []
        for index, (sign, term) in enumerate(expr.terms):
            if index > 0 or sign < 0:
                parts.append("<mo>+</mo>" if sign > 0 else "<mo>−</mo>")
            parts.append(_wrapped(term, expr.precedence + (1 if sign < 0 else 0)))
        return f"<mrow>{''.join(parts)}</mrow>"
    if isinstance(expr, Prod):
        parts = []
        for index, factor in enumerate(expr.factors):
            if index > 0 and isinstance(factor, Num):
                parts.append("<mo>·</mo>")
            parts.append(_wrapped(factor, expr.precedence + 1))
        return f"<mrow>{''.join(parts)}</mrow>"
    if isinstance(expr, Frac):
        return f"<mfrac>{expr_mathml(expr.num)}{expr_mathml(expr.den)}</mfrac>"
    if isinstance(expr, Floor):
        return f"<mrow><mo>⌊</mo>{expr_mathml(expr.arg)}<mo>⌋</mo></mrow>"
    if isinstance(expr, Ceil):
        return f"<mrow><mo>⌈</mo>{expr_mathml(expr.arg)}<mo>⌉</mo></mrow>"
    if isinstance(expr, Mod):
        return (
            f"<mrow>{_paren(expr_mathml(expr.arg))}<mo lspace='0.3em'>mod</mo>"
            f"{_wrapped(expr.modulus, 21)}</mrow>"
        )
    raise TypeError(f"no MathML for {type(expr).__name__}")


def equation_mathml(eq: Equation, env: dict[str, int] | None = None, dropped: int = 0) -> str:
    """``lhs = rhs`` as a <math> element; with env, the numbers substituted and the value,
    less the ``dropped`` windows PyTorch does not count (ceil_mode)."""
    lhs = _var(eq.lhs)
    if env is None:
        return f'<math display="block"><mrow>{lhs}<mo>=</mo>{expr_mathml(eq.rhs)}</mrow></math>'
    bound = eq.rhs.bind(env)
    value = eq.evaluate(env)
    result = f"<mn>{value}</mn>"
    if dropped:
        result += f"<mo>−</mo><mn>{dropped}</mn><mo>=</mo><mn>{value - dropped}</mn>"
    shown = "" if bound_is_value(bound) else f"{expr_mathml(bound)}<mo>=</mo>"
    return f'<math display="block"><mrow>{lhs}<mo>=</mo>{shown}{result}</mrow></math>'


def relationship_mathml(arith: Arithmetic) -> tuple[str, list[str]]:
    """The relationship's formula, and its substitution as MathML: one where every axis of
    the layer agrees, else one per axis (depth, height, width; a 1-D layer has one)."""
    rel = arith.relationship
    axes = [
        (rel.variables(t), drop)
        for t, drop in zip(layer_terms(arith), dropped_windows(arith), strict=True)
    ]
    every_same = all(axis == axes[0] for axis in axes)
    substituted = [
        equation_mathml(rel.equation, env, drop) for env, drop in (axes[:1] if every_same else axes)
    ]
    return equation_mathml(rel.equation), substituted
