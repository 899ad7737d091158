"""Claims about matrix variables, verified at several shapes.

An identity on matrices that is checked at one shape can be an accident of that shape; these
tests make sure the engine checks each instance, names the failing one, and that the usual
slips (a dropped transpose, a square-only identity stated for all shapes, a symmetric-only
simplification) fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from verified_docs.checks import (
    ClaimCheck,
    Derivative,
    Meaning,
    Model,
    Quantity,
    matrix_symbols,
    sample_entries,
)
from verified_docs.verify import ClaimFailure, verify_equation

SHAPES = [(2, 3), (3, 2), (1, 4)]
GRAD = r"\nabla_{X} f"


def rectangular(rows: int, cols: int) -> Model:
    """``A`` is cols×rows and ``X`` rows×cols, so ``AX`` is square and has a trace."""
    a, x = matrix_symbols("A", cols, rows), matrix_symbols("X", rows, cols)
    return Model(sample=sample_entries(a, x), names={"A": a, "X": x})


def square(size: int) -> Model:
    a = matrix_symbols("A", size, size)
    x = matrix_symbols("X", size, size)
    sample = sample_entries(a, x, diagonal=(3.0, 4.0), interval=(-0.5, 0.5))
    return Model(sample=sample, names={"A": a, "X": x})


def vector(size: int) -> Model:
    a = matrix_symbols("A", size, size)
    x = matrix_symbols("x", size, 1)
    return Model(sample=sample_entries(a, x), names={"A": a, r"\mathbf{x}": x})


def gradient_of_trace(model: Model) -> Quantity:
    a, x = model.names["A"], model.names["X"]
    return Derivative((a * x).trace(), x, layout="gradient")


def gradient_of_log_det(model: Model) -> Quantity:
    x = model.names["X"]
    return Derivative(sp.log(x.det()), x, layout="gradient")


def gradient_of_quadratic(model: Model) -> Quantity:
    a, x = model.names["A"], model.names[r"\mathbf{x}"]
    return Derivative((x.T * a * x)[0, 0], x, layout="gradient")


def check(meaning: Meaning | None, models: list[Model], lhs: str | None = GRAD) -> ClaimCheck:
    """A check as claim() registers it (identity() with no meaning), outside the registry."""
    return ClaimCheck("matrix-claim", lhs, tuple(models), meaning, Path(__file__), 1, (1, 1))


TRACE = [rectangular(*shape) for shape in SHAPES]


def test_gradient_of_trace_is_a_transpose_at_every_shape() -> None:
    verdict = verify_equation(check(gradient_of_trace, TRACE), rf"{GRAD} = A^\top")
    assert "3 instances" in verdict.methods[0]
    assert "X 2×3" in verdict.methods[0]
    assert "X 1×4" in verdict.methods[0]


def test_dropped_transpose_fails_and_names_the_shape() -> None:
    with pytest.raises(ClaimFailure, match=r"with A 3×2, X 2×3: .*shape 3×2 .*2×3"):
        verify_equation(check(gradient_of_trace, TRACE), rf"{GRAD} = A")


def test_dropped_transpose_fails_even_where_shapes_agree() -> None:
    """At square shapes only the values can tell A from Aᵀ; both routes must see it."""
    with pytest.raises(ClaimFailure) as caught:
        verify_equation(check(gradient_of_trace, [square(2), square(3)]), rf"{GRAD} = A")
    assert "simplifies to" in str(caught.value)
    assert "is false at" in str(caught.value)


def test_gradient_of_log_det_is_the_inverse_transpose() -> None:
    models = [square(1), square(2), square(3)]
    verify_equation(check(gradient_of_log_det, models), rf"{GRAD} = (X^{{-1}})^\top")
    with pytest.raises(ClaimFailure):
        verify_equation(check(gradient_of_log_det, models), rf"{GRAD} = X^{{-1}}")


def test_quadratic_form_needs_both_a_and_its_transpose() -> None:
    models = [vector(2), vector(3), vector(4)]
    lhs = r"\nabla_{\mathbf{x}} f"
    good = rf"{lhs} = (A + A^\top)\mathbf{{x}}"
    verify_equation(check(gradient_of_quadratic, models, lhs), good)
    with pytest.raises(ClaimFailure):  # true only for symmetric A
        verify_equation(check(gradient_of_quadratic, models, lhs), rf"{lhs} = 2A\mathbf{{x}}")


def test_square_only_identity_stated_for_all_shapes_fails() -> None:
    """tr(AX) = tr(XA) holds for every shape; det(AX) = det(XA) needs square factors."""
    verify_equation(
        check(None, TRACE, lhs=None),
        r"\operatorname{tr}(AX) = \operatorname{tr}(XA)",
    )
    with pytest.raises(ClaimFailure, match=r"with A 3×2, X 2×3: .*det"):
        verify_equation(check(None, TRACE, lhs=None), r"\det(AX) = \det(XA)")


def test_refuted_option_needs_only_one_instance_where_it_is_false() -> None:
    verdict = verify_equation(check(gradient_of_trace, TRACE), rf"{GRAD} = A", refuted=True)
    assert "shape" in verdict.methods[0]
    with pytest.raises(ClaimFailure, match="held at all"):
        verify_equation(check(gradient_of_trace, TRACE), rf"{GRAD} = A^\top", refuted=True)
