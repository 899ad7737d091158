"""Tests of docs/backprop.md: the chapter verifies, its slips are caught, its autodiff is right.

The mutation tests copy the chapter with one claim altered the way an author might get it wrong
and require exactly that claim to fail, at its line. The autodiff tests compare the chapter's
reverse-mode ``Value`` with SymPy and central differences on random inputs, and make sure a
wrong local derivative would not go unnoticed.
"""

from __future__ import annotations

import math
from pathlib import Path
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
from tests.chapter_mutations import (
    REPO_ROOT,
    Mutation,
    assert_chapter_verifies,
    assert_mutation_caught,
    mutation_params,
)
from verified_docs.examples.runner import ExampleRunner

CHAPTER = REPO_ROOT / "docs" / "backprop.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as committed verifies: every claim, refutation and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim id, old text in the claim block, new text, role, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    # A false claim in a model of tanh layers once stalled SymPy's simplify; now it is refuted
    # exactly at a rational point first.
    ("worked-network-sign", "bp-worked-dl-dp", "p - y", "y - p", "claim", "side 2 is false"),
    ("wrong-coefficient", "bp-mse-linear", r"\frac{2}{N}", r"\frac{1}{N}", "claim", "is false"),
    (
        "flipped-sign",
        "bp-bce",
        r"\operatorname{sigmoid}(z) - y",
        r"y - \operatorname{sigmoid}(z)",
        "claim",
        "side 2 is false",
    ),
    (
        "dropped-transpose",
        "bp-layer-grad-x",
        r"W^\top",
        "W",
        "claim",
        "cannot multiply 2×3 by 2×1",
    ),
    (
        "added-transpose",
        "bp-layer-grad-w",
        r"\mathbf{x}^\top}",
        r"\mathbf{x}}",
        "claim",
        "labelled 1×n but it is 3×1",
    ),
    (
        "wrong-factor-order",
        "bp-layer-jacobian-x",
        r"\operatorname{diag}(\phi'(\mathbf{z}))\, W",
        r"W\, \operatorname{diag}(\phi'(\mathbf{z}))",
        "claim",
        "cannot multiply 2×3 by 2×2",
    ),
    (
        "swapped-factors-in-chain",
        "bp-modes-same-numbers",
        "(A_2 A_1)",
        "(A_1 A_2)",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "seed-indicator-pulled-out",
        "bp-neuron-mse-sum",
        r"\psi(u_2)(\operatorname{relu}(u_2) - y_2)",
        "(u_2 - y_2)",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "seed-indicator-dropped-in-matrix-form",
        "bp-neuron-mse-matrix",
        r" \odot \psi(X\mathbf{w} + b\mathbf{1})",
        "",
        "claim",
        "is false",
    ),
    (
        "softmax-general-target",
        "bp-softmax-ce-general",
        r"\operatorname{sum}(\mathbf{y}) ",
        "",
        "claim",
        "is false",
    ),
    ("matrix-square-as-scalar", "bp-matrix-square", "XV + VX", "2XV", "claim", "is false"),
    (
        "inverse-factor-order",
        "bp-matrix-inverse",
        "-X^{-1}VX^{-1}",
        "-X^{-1}X^{-1}V",
        "claim",
        "is false",
    ),
    (
        "tanh-derivative-sign",
        "bp-tanh-derivative",
        r"1 - \tanh^2(z)",
        r"1 + \tanh^2(z)",
        "claim",
        "side 2 is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "bp-mistake-indicator-outside",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "bp-quiz-softmax-option-a",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)


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
