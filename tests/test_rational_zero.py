"""Clearing denominators proves true differences zero, and never a false one."""

from __future__ import annotations

import pytest
import sympy as sp

from verified_docs.checks import matrix_symbols
from verified_docs.rational_zero import proves_zero

x, y, z = sp.symbols("x y z", real=True)


def test_a_matrix_inverse_identity_is_proved_zero() -> None:
    """Assert X X^{-1} - I and d(X^{-1}) = -X^{-1} dX X^{-1} are proved zero entry by entry."""
    big_x, step = matrix_symbols("X", 3, 3), matrix_symbols("V", 3, 3)
    t = sp.Symbol("t")
    inverse = big_x.inv()
    assert proves_zero(list(big_x * inverse - sp.eye(3)))
    moved = sp.diff((big_x + t * step).inv(), t).subs(t, 0)
    assert proves_zero(list(moved + inverse * step * inverse))
    assert not proves_zero(list(moved - inverse * step * inverse))
    assert not proves_zero(list(moved + step * inverse * inverse))


@pytest.mark.parametrize(
    "difference",
    [
        sp.Integer(0),
        1 / (x - y) + 1 / (y - x),  # one factor up to sign
        2 / (2 * x + 2) - 1 / (x + 1),  # one factor up to a constant
        (x**2 - 1) / (x - 1) - (x + 1),
        sp.exp(x + y) - sp.exp(x) * sp.exp(y),
        sp.exp(-x) * sp.exp(x) - 1,
        sp.exp(x / 2) ** 2 - sp.exp(x),
        1 / (1 + sp.exp(-x)) - sp.exp(x) / (sp.exp(x) + 1),
        sp.sqrt(x) * sp.sqrt(x) ** 3 - x**2,
        x ** sp.Rational(-1, 2) - 1 / sp.sqrt(x),
        sp.sin(x) ** 2 / sp.sin(x) - sp.sin(x),
        sp.exp(2) * sp.exp(-2) - 1,
        sp.exp(x + 2) - sp.exp(2) * sp.exp(x),
    ],
)
def test_true_differences_are_proved_zero(difference: sp.Expr) -> None:
    """Assert rational identities, with exponentials and roots as atoms, are proved zero."""
    assert proves_zero([difference])


@pytest.mark.parametrize(
    "difference",
    [
        x - y,
        1 / (x - y) - 1 / (y - x),
        (x**2 - 1) / (x - 1) - x,
        sp.exp(x + y) - sp.exp(x) * sp.exp(-y),
        sp.exp(x / 2) - sp.exp(x),
        sp.sqrt(x) - x,
        sp.Rational(1, 3) - sp.Rational(1, 2) + sp.Rational(1, 6) + z * 1e-30,  # a float
        sp.Add(sp.Float(0.5) * x, -x / 2, evaluate=False),  # a float: not treated exactly
        1 / (x - x + 0 * y),  # zoo
    ],
)
def test_false_or_inexact_differences_are_not_proved_zero(difference: sp.Expr) -> None:
    """Assert what is false, or holds a float, is never proved zero (the caller goes on)."""
    assert not proves_zero([difference])


def test_an_identity_between_atoms_is_left_to_the_caller() -> None:
    """Assert sin² + cos² = 1, x^y (x^y + 1) = x^{2y} + x^y (related atoms) are not proved."""
    assert not proves_zero([sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1])
    assert not proves_zero([x**y * (x**y + 1) - x ** (2 * y) - x**y])


def test_a_denominator_that_is_identically_zero_is_not_proved() -> None:
    """Assert 1/(x - x) built unevaluated is refused, not divided by zero."""
    zero_sum = sp.Add(x, -x, evaluate=False)
    assert not proves_zero([sp.Pow(zero_sum, -1, evaluate=False)])
