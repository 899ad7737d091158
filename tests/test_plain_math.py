"""Plain-text math for headings, search and marks: readable Unicode, never TeX source."""

from __future__ import annotations

import pytest

from verified_docs.plain_math import plain_math
from verified_docs.render import method_text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"3x^2y", "3x²y"),
        (r"y = \sin(x^2)", "y = sin(x²)"),
        (r"y = \ln(\sin(x^3)^2)", "y = ln(sin(x³)²)"),
        (r"y = x \cdot x^2", "y = x · x²"),
        (r"x^x", "xˣ"),
        (r"\frac{\partial (A\mathbf{x})}{\partial \mathbf{x}} = A", "(∂(Ax))/∂x = A"),
        (r"W \in \mathbb{R}^{m \times n}", "W ∈ ℝᵐˣⁿ"),
        (r"\mathbf{x}^\top A", "xᵀ A"),
        (r"x_{1} = -3/4", "x₁ = -3/4"),
        (r"\nabla_{W} L", "∇_W L"),
        (r"\sqrt{x + 1}", "√(x + 1)"),
        (r"\operatorname{tr}(AX)", "tr(AX)"),
    ],
)
def test_plain_math_reads_as_unicode(latex: str, text: str) -> None:
    """Assert common notation becomes Unicode text without backslashes or braces."""
    assert plain_math(latex) == text


def test_method_text_names_instances_as_spaces() -> None:
    """Assert a method's instance list reads as spaces: 'u, v ∈ ℝ²' instead of TeX and shapes."""
    method = (
        r"SymPy: stated − true simplifies to 0 for each of 2 instances "
        r"(\mathbf{u} 2×1, \mathbf{v} 2×1, W 2×3; \mathbf{u} 3×1, \mathbf{v} 3×1, W 3×2)"
    )
    shapes = "u, v ∈ ℝ², W ∈ ℝ²ˣ³; u, v ∈ ℝ³, W ∈ ℝ³ˣ²"
    assert method_text(method) == f"SymPy: stated − true simplifies to 0 for 2 shapes: {shapes}"


def test_method_text_counts_unlabelled_instances() -> None:
    """Assert instances without a label are counted, never shown as '?' placeholders."""
    method = "SymPy: stated − true simplifies to 0 for each of 3 instances (?; ?; ?)"
    assert method_text(method) == "SymPy: stated − true simplifies to 0 for each of 3 instances"
