"""The autodiff of docs/backprop.md is right, not only its claims.

The chapter's reverse-mode ``Value`` is compared with SymPy and central differences on random
inputs, a wrong local derivative must not go unnoticed, and its dual numbers give the derivative
the page states. (The chapter's claims and their mutations are in ``tests/test_chapters.py``.)
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from calc_examples.backprop.autodiff import Value, backward
from calc_examples.backprop.autodiff_check import (
    EXAMPLES,
    VALUE_OPS,
    autodiff_gradient,
    finite_difference_gradient,
    sympy_gradient,
)
from calc_examples.backprop.dual import Dual, exp, sin


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_autodiff_agrees_with_sympy_and_differences_at_random_points(name: str) -> None:
    """Assert reverse mode matches sympy.diff and central differences at random inputs."""
    f, point = EXAMPLES[name]
    rng = np.random.default_rng(len(name))
    for _ in range(5):
        # Perturb the chapter's point; keep b of a tanh(b) + e^a / b away from 0.
        at = [p + float(rng.uniform(-0.3, 0.3)) for p in point]
        ours = autodiff_gradient(f, at)
        assert np.allclose(ours, sympy_gradient(f, at), rtol=1e-10, atol=1e-12)
        assert np.allclose(ours, finite_difference_gradient(f, at), rtol=1e-6, atol=1e-7)


def test_autodiff_sums_over_every_path() -> None:
    """Assert a value used several times collects every contribution, constants on either side."""
    x = Value(1.7)
    y = x * x * x - x / 2 + 2 * x**2 + (3 - x) + 1 / x - (-x)
    backward(y)
    assert y.data == pytest.approx(1.7**3 - 0.85 + 2 * 1.7**2 + 1.3 + 1 / 1.7 + 1.7)
    assert x.grad == pytest.approx(3 * 1.7**2 - 0.5 + 4 * 1.7 - 1 - 1 / 1.7**2 + 1)
    assert repr(x) == f"Value(data=1.7000, grad={x.grad:.4f})"


def test_a_wrong_local_derivative_is_detected() -> None:
    """Assert the finite-difference comparison exposes a deliberately wrong rule for tanh."""

    def wrong_tanh(a: Value) -> Value:
        t = math.tanh(a.data)
        return Value(t, (a,), (1.0 - t,))

    broken = SimpleNamespace(**{**vars(VALUE_OPS), "tanh": wrong_tanh})
    f, point = EXAMPLES["worked network"]
    right = autodiff_gradient(f, point)
    wrong = autodiff_gradient(f, point, broken)
    reference = finite_difference_gradient(f, point)
    assert np.allclose(right, reference, atol=1e-7)
    assert np.max(np.abs(wrong - reference)) > 1e-2


def test_dual_numbers_give_the_claimed_derivative() -> None:
    """Assert the dual-number derivative of x sin x + e^{x²} matches the page's formula."""
    for x in np.linspace(-1.5, 1.5, 7):
        result = Dual(float(x), 1.0) * sin(Dual(float(x), 1.0)) + exp(
            Dual(float(x), 1.0) * Dual(float(x), 1.0)
        )
        formula = math.sin(x) + x * math.cos(x) + 2 * x * math.exp(x**2)
        assert result.derivative == pytest.approx(formula, rel=1e-12)
