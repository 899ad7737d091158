"""The two evaluators of a parsed equation: SymPy (exact) and NumPy (floating point).

They share the tree walk but not the arithmetic, so the two routes of a claim disagree only if
the mathematics does. These tests hold them to the same answers at random points, and to the
same refusals when the shapes of an expression do not fit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pytest
import sympy as sp

from verified_docs.latex.ast import Name
from verified_docs.latex.errors import EvaluationError
from verified_docs.latex.evaluate import NumpyAlgebra, SympyAlgebra, evaluate
from verified_docs.latex.parser import parse_expression

a, b, c = sp.symbols("a b c", real=True)
SYMBOLS = {"a": a, "b": b, "c": c}
# Everything an expression below may name, as SymPy values of the free symbols a, b, c.
VALUES: dict[str, Any] = {
    **SYMBOLS,
    "A": sp.ImmutableMatrix([[a, b], [c, a + 2]]),  # 2×2, invertible at the sample points
    "C": sp.ImmutableMatrix([[a, b, c], [1, 2, 3]]),  # 2×3
    "v": sp.ImmutableMatrix([a, b]),  # 2×1
    "w": sp.ImmutableMatrix([c, 1]),  # 2×1
    "r": sp.ImmutableMatrix([[b, c]]),  # 1×2
}
FUNCTIONS: dict[str, Callable[[Any], Any]] = {"g": lambda z: z**2 + 1}
DIMENSIONS = {"n": 2, "m": 1}
COMPILED = {
    key: sp.lambdify(list(SYMBOLS.values()), value, "numpy") for key, value in VALUES.items()
}


class SympyScope:
    """Names as SymPy values; differentiation substitutes a symbol everywhere it occurs."""

    def __init__(self, substitutions: Mapping[sp.Symbol, Any] | None = None) -> None:
        self.substitutions = dict(substitutions or {})

    def value(self, name: Name) -> Any:
        return VALUES[name.canonical].xreplace(self.substitutions)

    def function(self, name: str) -> Callable[[Any], Any]:
        return FUNCTIONS[name]

    def dimension(self, label: str) -> int:
        return int(label) if label.isdigit() else DIMENSIONS[label]

    def with_value(self, name: str, value: Any) -> SympyScope:
        return SympyScope({**self.substitutions, SYMBOLS[name]: value})


class NumpyScope:
    """Names evaluated at one point; a changed variable changes every name built from it."""

    def __init__(self, point: Mapping[str, float]) -> None:
        self.point = dict(point)

    def value(self, name: Name) -> Any:
        result = COMPILED[name.canonical](*(self.point[s] for s in SYMBOLS))
        return np.asarray(result, dtype=float) if isinstance(result, np.ndarray) else float(result)

    def function(self, name: str) -> Callable[[Any], Any]:
        return FUNCTIONS[name]

    def dimension(self, label: str) -> int:
        return int(label) if label.isdigit() else DIMENSIONS[label]

    def with_value(self, name: str, value: Any) -> NumpyScope:
        return NumpyScope({**self.point, name: value})


def random_points(count: int, seed: int) -> list[dict[str, float]]:
    """Points where A is invertible (b < 0 < c makes det A = a(a+2) - bc positive)."""
    rng = np.random.default_rng(seed)
    return [
        {
            "a": float(rng.uniform(0.5, 2.0)),
            "b": float(rng.uniform(-2.0, -0.5)),
            "c": float(rng.uniform(0.5, 2.0)),
        }
        for _ in range(count)
    ]


def sympy_at(value: Any, point: Mapping[str, float]) -> Any:
    """The exact result evaluated at a point, as a float or a 2-D float array."""
    exact = value.xreplace({SYMBOLS[k]: sp.Float(v, 30) for k, v in point.items()})
    if isinstance(exact, sp.MatrixBase):
        return np.array(exact.evalf(30).tolist(), dtype=float)
    return float(sp.N(exact, 30))


AGREEMENT = [
    # scalar arithmetic
    r"a b + 2c",
    r"a(2 + b)",
    r"\frac{a}{b} - c^{2}",
    r"e^{a} \sin b",
    r"\sqrt{a^2 + b^2}",
    r"\ln(1 + a^2)",
    r"\cos^2 a + \sin^2 a",
    r"\tanh(a) \cdot \arctan(b)",
    r"|b| + 2^{a} + \pi",
    r"g(a + b)",
    # matrix products, transposes, inverse, powers
    r"A v",
    r"A^\top A",
    r"v^\top w",
    r"v \cdot w",
    r"r v",
    r"v r",
    r"A^{-1}",
    r"A^{-1} v",
    r"A^{2}",
    r"A + A^\top",
    r"a A - A",
    r"\begin{bmatrix} a & b \\ c & 1 \end{bmatrix} w",
    r"\underbrace{A v}_{n \times 1}",
    r"\underbrace{r}_{m \times 2}",
    # norms, determinant, trace
    r"\lVert v \rVert",
    r"\|v\|_2",
    r"\|A\|_F",
    r"\det A",
    r"\operatorname{tr}(A)",
    r"\operatorname{tr}(A^\top A)",
    # machine-learning functions
    r"\operatorname{softmax}(v)",
    r"\operatorname{LSE}(v)",
    r"\operatorname{logsumexp}(w)",
    r"\operatorname{sigmoid}(a)",
    r"\operatorname{sigmoid}(v)",
    r"\operatorname{softplus}(b)",
    r"\operatorname{ReLU}(a) + \operatorname{ReLU}(b)",
    r"\operatorname{diag}(v)",
    r"\operatorname{sum}(v)",
    r"\exp(v)",
    # the derivative operator
    r"\frac{d}{da}(a^3 \sin a)",
    r"\frac{d^2}{da^2}(e^{a} a^2)",
    r"\frac{d}{da}(A v)",
    r"\frac{d}{db}(\det A)",
    r"\frac{d}{da}(\operatorname{LSE}(v))",
    r"\frac{d}{dc}(g(c) w)",
]


@pytest.mark.parametrize("latex", AGREEMENT)
def test_sympy_and_numpy_agree_at_random_points(latex: str) -> None:
    """Assert both algebras give the same value and shape for the expression at random points."""
    node = parse_expression(latex)
    exact = evaluate(node, SympyScope(), SympyAlgebra())
    for point in random_points(5, seed=len(latex)):
        numeric = evaluate(node, NumpyScope(point), NumpyAlgebra())
        expected = sympy_at(exact, point)
        assert np.shape(numeric) == np.shape(expected), (latex, point)
        np.testing.assert_allclose(numeric, expected, rtol=1e-5, atol=1e-8, err_msg=latex)


@pytest.mark.parametrize(
    ("latex", "value"),
    [
        (r"e^{a}", sp.exp(a)),
        (r"a(2 + b)", a * (2 + b)),
        (r"\sin a^2", sp.sin(a**2)),
        (r"\frac{d}{da}(a^3)", 3 * a**2),
        (r"v^\top w", a * c + b),
        (r"\|v\|", sp.sqrt(a**2 + b**2)),
        (r"\operatorname{tr}(A)", 2 * a + 2),
    ],
)
def test_sympy_algebra_gives_the_exact_value(latex: str, value: Any) -> None:
    """Assert the symbolic evaluation is the exact expression a reader means."""
    result = evaluate(parse_expression(latex), SympyScope(), SympyAlgebra())
    assert sp.simplify(result - value) == 0


@pytest.mark.parametrize("algebra", [SympyAlgebra(), NumpyAlgebra()], ids=["sympy", "numpy"])
def test_one_by_one_results_come_back_as_scalars(algebra: Any) -> None:
    """Assert a 1×1 matrix result (row times column) is returned as a scalar, not a matrix."""
    scope = (
        SympyScope() if isinstance(algebra, SympyAlgebra) else NumpyScope(random_points(1, 0)[0])
    )
    result = evaluate(parse_expression(r"r v"), scope, algebra)
    assert not algebra.is_matrix(result)


SHAPE_ERRORS = [
    (r"v w", "cannot multiply 2×1 by 2×1"),
    (r"A C^\top", "cannot multiply 2×2 by 3×2"),
    (r"v + r", ""),
    (r"r - v", ""),
    (r"a + v", ""),
    (r"\underbrace{v}_{1 \times 2}", "labelled 1×2 but it is 2×1"),
    (r"\underbrace{A}_{n \times m}", "labelled n×m but it is 2×2"),
    (r"a / v", "division by a matrix"),
    (r"C^{2}", "has no powers"),
    (r"A^{0}", "positive integers or -1"),
    (r"a^{v}", "matrix exponent"),
    (r"\begin{bmatrix} v & 1 \end{bmatrix}", "entry must be a scalar"),
]


@pytest.mark.parametrize("algebra", [SympyAlgebra(), NumpyAlgebra()], ids=["sympy", "numpy"])
@pytest.mark.parametrize(("latex", "fragment"), SHAPE_ERRORS)
def test_shapes_that_do_not_fit_raise_evaluation_error(
    latex: str, fragment: str, algebra: Any
) -> None:
    """Assert an expression whose shapes do not fit raises EvaluationError in both algebras."""
    scope = (
        SympyScope() if isinstance(algebra, SympyAlgebra) else NumpyScope(random_points(1, 0)[0])
    )
    with pytest.raises(EvaluationError) as caught:
        evaluate(parse_expression(latex), scope, algebra)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("algebra", [SympyAlgebra(), NumpyAlgebra()], ids=["sympy", "numpy"])
@pytest.mark.parametrize(
    "latex",
    [
        r"\operatorname{tr}(C)",
        r"\det C",
    ],
)
def test_square_only_functions_refuse_non_square_matrices(latex: str, algebra: Any) -> None:
    """Assert trace and determinant of a 2×3 matrix raise EvaluationError in both algebras."""
    scope = (
        SympyScope() if isinstance(algebra, SympyAlgebra) else NumpyScope(random_points(1, 0)[0])
    )
    with pytest.raises(EvaluationError):
        evaluate(parse_expression(latex), scope, algebra)


@pytest.mark.parametrize(
    "algebra",
    [
        pytest.param(SympyAlgebra(), id="sympy"),
        pytest.param(NumpyAlgebra(), id="numpy"),
    ],
)
def test_matrix_to_a_variable_power_is_an_evaluation_error(algebra: Any) -> None:
    """Assert A^{b} with a non-integer variable b raises EvaluationError in both algebras."""
    scope = (
        SympyScope() if isinstance(algebra, SympyAlgebra) else NumpyScope(random_points(1, 0)[0])
    )
    with pytest.raises(EvaluationError):
        evaluate(parse_expression(r"A^{b}"), scope, algebra)
