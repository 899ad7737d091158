"""Prove a difference exactly zero by clearing its denominators, without ``sympy.simplify``.

A claim's symbolic route subtracts the true value from the stated one; the difference must be
zero. Most differences on this site are rational functions of the model's variables (matrix
inverses, determinants, quotients) or of a few transcendental atoms (``e^{x_1}``,
``\\sqrt{d}``). SymPy's ``expand``/``together``/``cancel`` work on expression trees and take
seconds for a 3×3 inverse; here the difference is rewritten, node by node, as a sparse
polynomial numerator over a product of polynomial denominators (``N / D_1^{k_1} ⋯ D_m^{k_m}``),
with every atom that is not a rational operation (``e^{…}``, ``\\sqrt{…}``, ``\\sin(…)``) as one
more indeterminate. The rewriting is exact: every step is an identity of rational functions, so
if ``N`` is the zero polynomial the difference is zero wherever it is defined, whatever values
the atoms take. Nothing is cancelled and no gcd is taken, so the work is polynomial
multiplication only.

The test is one-sided: ``True`` is a proof; ``False`` only means "not shown this way" (atoms
related by an identity such as ``\\sin^2 + \\cos^2 = 1``, a float, a denominator that is
identically zero), and the caller goes on to SymPy's own simplification, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.rings import PolyElement, PolyRing

# Denominator factor (a primitive polynomial, as a hashable key) -> its power.
_Denominators = dict[Any, int]


class _NotRational(Exception):
    """The expression holds something the rewriting does not treat exactly (a float)."""


def proves_zero(expressions: Iterable[Any]) -> bool:
    """True when every expression is exactly zero as a rational function of its atoms."""
    entries = [sp.sympify(e) for e in expressions]
    try:
        atoms: set[sp.Expr] = set()
        for entry in entries:
            _collect_atoms(entry, atoms)
        ring = PolyRing(sorted(atoms, key=sp.default_sort_key) or [sp.Dummy("one")], QQ)
        converter = _Converter(ring)
        return all(converter.numerator(entry) == ring.zero for entry in entries)
    except (_NotRational, ZeroDivisionError):
        return False


def _exp_factors(argument: sp.Expr) -> list[tuple[sp.Expr, int]]:
    """``e^{a + b}`` as ``e^{a} e^{b}``, and ``e^{p m / q}`` as ``(e^{m / q})^p``: exact."""
    factors = []
    for term in sp.Add.make_args(sp.expand(argument)):
        coefficient, rest = term.as_coeff_Mul()
        if isinstance(coefficient, sp.Rational) and rest != 1:
            factors.append((sp.exp(rest / coefficient.q), int(coefficient.p)))
        else:
            factors.append((sp.exp(term), 1))
    return factors


def _rational_power(expr: sp.Expr) -> tuple[sp.Expr, int] | None:
    """``b^{p/q}`` (q > 1) as ``(b^{1/q})^p``: true for the principal branch, as p is whole."""
    base, exponent = expr.as_base_exp()
    if isinstance(exponent, sp.Rational) and not exponent.is_Integer:
        return sp.Pow(base, sp.Rational(1, exponent.q)), int(exponent.p)
    return None


def _collect_atoms(expr: Any, atoms: set[sp.Expr]) -> None:
    if expr.is_Number:
        if not expr.is_Rational:
            raise _NotRational(str(expr))
    elif expr.is_Add or expr.is_Mul:
        for arg in expr.args:
            _collect_atoms(arg, atoms)
    elif expr.is_Pow and expr.exp.is_Integer:
        _collect_atoms(expr.base, atoms)
    elif isinstance(expr, sp.exp):
        atoms.update(factor for factor, _ in _exp_factors(expr.args[0]))
    elif expr.is_Pow and (power := _rational_power(expr)) is not None:
        atoms.add(power[0])
    else:
        atoms.add(expr)


class _Converter:
    """Rewrites expressions as (numerator, denominators) over one ring, each node once."""

    def __init__(self, ring: PolyRing) -> None:
        self.ring = ring
        self.generators = dict(zip(ring.symbols, ring.gens, strict=True))
        self.factors: dict[Any, PolyElement] = {}
        self.memo: dict[Any, tuple[PolyElement, _Denominators]] = {}

    def numerator(self, expr: Any) -> PolyElement:
        return self.convert(expr)[0]

    def convert(self, expr: Any) -> tuple[PolyElement, _Denominators]:
        if expr not in self.memo:
            self.memo[expr] = self._convert(expr)
        return self.memo[expr]

    def _convert(self, expr: Any) -> tuple[PolyElement, _Denominators]:
        ring = self.ring
        if expr.is_Number:
            return ring(QQ.from_sympy(expr)), {}
        if expr.is_Add:
            return self._sum([self.convert(arg) for arg in expr.args])
        if expr.is_Mul:
            return self._product(self.convert(arg) for arg in expr.args)
        if expr.is_Pow and expr.exp.is_Integer:
            return self._power(self.convert(expr.base), int(expr.exp))
        if isinstance(expr, sp.exp):
            return self._product(
                self._power((self.generators[atom], {}), power)
                for atom, power in _exp_factors(expr.args[0])
            )
        if expr.is_Pow and (power := _rational_power(expr)) is not None:
            return self._power((self.generators[power[0]], {}), power[1])
        return self.generators[expr], {}

    def _sum(
        self, terms: list[tuple[PolyElement, _Denominators]]
    ) -> tuple[PolyElement, _Denominators]:
        common: _Denominators = {}
        for _, denominators in terms:
            for key, power in denominators.items():
                common[key] = max(common.get(key, 0), power)
        total = self.ring.zero
        for numerator, denominators in terms:
            for key, power in common.items():
                missing = power - denominators.get(key, 0)
                if missing:
                    numerator = numerator * self.factors[key] ** missing
            total += numerator
        return total, common

    def _product(
        self, factors: Iterable[tuple[PolyElement, _Denominators]]
    ) -> tuple[PolyElement, _Denominators]:
        numerator: PolyElement = self.ring.one
        denominators: _Denominators = {}
        for factor, factor_denominators in factors:
            numerator *= factor
            denominators = _merged(denominators, factor_denominators)
        return numerator, denominators

    def _power(
        self, base: tuple[PolyElement, _Denominators], exponent: int
    ) -> tuple[PolyElement, _Denominators]:
        numerator, denominators = base
        if exponent >= 0:
            return numerator**exponent, {k: p * exponent for k, p in denominators.items()}
        # (N / D) ** -n = D**n / N**n: N becomes a denominator factor, made primitive so
        # that N and -N (or 2N) are one factor.
        if not numerator:
            raise ZeroDivisionError("a denominator is identically zero")
        count = -exponent
        leading = numerator.LC
        factor = numerator.quo_ground(leading)
        key = tuple(sorted(factor.items()))
        self.factors.setdefault(key, factor)
        flipped = self.ring(QQ.one / leading**count)
        for other, power in denominators.items():
            flipped *= self.factors[other] ** (power * count)
        return flipped, {key: count}


def _merged(first: _Denominators, second: _Denominators) -> _Denominators:
    merged = dict(first)
    for key, power in second.items():
        merged[key] = merged.get(key, 0) + power
    return merged
