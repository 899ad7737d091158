"""Property tests of the claim dialect: one meaning per expression, whichever route reads it.

Hypothesis generates expressions in the dialect (scalars, and 2×2 / 2×3 matrices), prints them
as page LaTeX, and checks that (1) the SymPy and the NumPy evaluators give the same value at
random points, and (2) the page-LaTeX → tree → LaTeX round trip keeps the value and is stable.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verified_docs.checks import Model, matrix_symbols, sample_entries
from verified_docs.latex.ast import (
    BinaryOp,
    Call,
    Name,
    Negate,
    Node,
    Norm,
    Number,
    Power,
    Transpose,
)
from verified_docs.latex.errors import EvaluationError
from verified_docs.latex.evaluate import NumpyAlgebra, SympyAlgebra, evaluate
from verified_docs.latex.parser import parse_expression
from verified_docs.latex.printer import to_latex
from verified_docs.verify import _Scope, numeric_scope_factory

x, y = sp.symbols("x y", real=True)
A, B = matrix_symbols("A", 2, 2), matrix_symbols("B", 2, 2)
C = matrix_symbols("C", 2, 3)
MODEL = Model(
    sample={x: (0.3, 1.5), y: (-1.5, -0.3), **sample_entries(A, B, C)},
    names={"A": A, "B": B, "C": C},
)
RELATIVE = 1e-7

SCALAR_LEAVES = st.one_of(
    st.sampled_from([Name("x", "x"), Name("y", "y")]),
    st.integers(1, 4).map(lambda n: Number(str(n))),
)


def _scalar(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*"]), children, children).map(
            lambda t: BinaryOp(t[0], t[1], t[2])
        ),
        children.map(Negate),
        st.tuples(children, st.integers(2, 3)).map(lambda t: Power(t[0], Number(str(t[1])))),
        st.tuples(st.sampled_from(["sin", "cos", "tanh", "sigmoid", "atan"]), children).map(
            lambda t: Call(t[0], t[1])
        ),
        # Division and exp only of something that stays away from 0 and overflow.
        children.map(lambda c: BinaryOp("/", c, BinaryOp("+", Number("2"), Call("cos", c)))),
        children.map(lambda c: Call("exp", Call("sin", c))),
    )


SCALARS = st.recursive(SCALAR_LEAVES, _scalar, max_leaves=6)

MATRIX_LEAVES = st.sampled_from([Name("A", "A"), Name("B", "B")])


def _matrix(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*"]), children, children).map(
            lambda t: BinaryOp(t[0], t[1], t[2])
        ),
        children.map(Transpose),
        st.tuples(SCALAR_LEAVES, children).map(lambda t: BinaryOp("*", t[0], t[1])),
        children.map(lambda c: BinaryOp("hadamard", c, Name("B", "B"))),
    )


SQUARES = st.recursive(MATRIX_LEAVES, _matrix, max_leaves=5)
# Matrix expressions reduced to numbers: trace, determinant, Frobenius norm, and C (2×3) through
# products whose shapes fit.
MATRIX_SCALARS = st.one_of(
    SQUARES.map(lambda m: Call("trace", m)),
    SQUARES.map(lambda m: Call("det", m)),
    SQUARES.map(lambda m: Norm(m, "F")),
    SQUARES.map(
        lambda m: Call(
            "trace", BinaryOp("*", Transpose(Name("C", "C")), BinaryOp("*", m, Name("C", "C")))
        )
    ),
)

POINTS = st.tuples(st.floats(0.3, 1.5), st.floats(-1.5, -0.3), st.integers(0, 2**31 - 1))


def _point(values: tuple[float, float, int]) -> dict[sp.Symbol, float]:
    rng = np.random.default_rng(values[2])
    point = MODEL.numeric_point(rng)
    point[x], point[y] = values[0], values[1]
    return point


def _symbolic_at(node: Node, point: dict[sp.Symbol, float]) -> Any:
    value = evaluate(node, _Scope(MODEL, symbolic=True), SympyAlgebra())
    exact = {symbol: sp.Float(number, 30) for symbol, number in point.items()}
    substituted = value.xreplace(exact) if hasattr(value, "xreplace") else value
    return np.asarray(
        sp.N(substituted, 20).tolist()
        if isinstance(substituted, sp.MatrixBase)
        else sp.N(substituted, 20),
        dtype=float,
    )


def _numeric_at(node: Node, point: dict[sp.Symbol, float]) -> Any:
    return np.asarray(
        evaluate(node, numeric_scope_factory(MODEL)(point), NumpyAlgebra()), dtype=float
    )


def _agree(first: Any, second: Any) -> bool:
    scale = max(1.0, float(np.max(np.abs(first))))
    return bool(np.all(np.abs(first - second) <= RELATIVE * scale))


FAMILIES = {
    "scalars": SCALARS,
    "matrices": st.one_of(SQUARES, MATRIX_SCALARS),
}
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("family", FAMILIES)
def test_sympy_and_numpy_evaluators_agree(family: str) -> None:
    """Assert a generated dialect expression has one value, read by SymPy or by NumPy."""

    @PROPERTY
    @given(FAMILIES[family], POINTS)
    def agree(node: Node, values: tuple[float, float, int]) -> None:
        page = parse_expression(to_latex(node))
        point = _point(values)
        assert _agree(_symbolic_at(page, point), _numeric_at(page, point)), to_latex(node)

    agree()


@pytest.mark.parametrize("family", FAMILIES)
def test_latex_round_trip_keeps_the_meaning(family: str) -> None:
    """Assert page LaTeX → tree → LaTeX keeps the value and prints the same text again."""

    @PROPERTY
    @given(FAMILIES[family], POINTS)
    def round_trip(node: Node, values: tuple[float, float, int]) -> None:
        latex = to_latex(node)
        tree = parse_expression(latex)
        again = to_latex(tree)
        assert to_latex(parse_expression(again)) == again
        point = _point(values)
        assert _agree(_numeric_at(node, point), _numeric_at(tree, point)), latex
        assert _agree(_symbolic_at(node, point), _symbolic_at(tree, point)), latex

    round_trip()


@pytest.mark.parametrize(
    ("latex", "fragment"),
    [
        (r"\lVert A \rVert_2", "spectral norm"),
        (r"\lVert A \rVert", "ambiguous"),
        (r"|A|", "ambiguous"),
        (r"\exp(A)", "matrix function"),
        (r"\operatorname{diag}(A)", "ambiguous"),
        (r"\operatorname{softmax}(C)", "ambiguous"),
    ],
)
def test_constructs_with_two_readings_are_refused(latex: str, fragment: str) -> None:
    """Assert each construct that could mean two things is an error, never a guess."""
    with pytest.raises(EvaluationError, match=fragment):
        evaluate(parse_expression(latex), _Scope(MODEL, symbolic=True), SympyAlgebra())


def test_frobenius_and_vector_norms_keep_their_one_meaning() -> None:
    """Assert _F of a matrix is Frobenius and a vector's bare norm is its length."""
    column = Model(sample=sample_entries(v := matrix_symbols("v", 3, 1)), names={r"\mathbf{v}": v})
    length = evaluate(
        parse_expression(r"\lVert \mathbf{v} \rVert"), _Scope(column, symbolic=True), SympyAlgebra()
    )
    assert sp.simplify(length - sp.sqrt(sum(e**2 for e in v))) == 0
    frobenius = evaluate(
        parse_expression(r"\lVert C \rVert_F^2"), _Scope(MODEL, symbolic=True), SympyAlgebra()
    )
    assert sp.simplify(frobenius - (C.T * C).trace()) == 0
