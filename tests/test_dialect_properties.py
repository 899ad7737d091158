"""Property tests of the claim dialect: one meaning per expression, whichever route reads it.

Hypothesis generates expressions in the dialect (scalars, 2×2 / 2×3 matrices, Kronecker
products, vec, and differentials along the direction bound as ``dA``), prints them as page
LaTeX, and checks that (1) the SymPy and the NumPy evaluators give the same value at random
points, (2) the page-LaTeX → tree → LaTeX round trip keeps the value and is stable, and (3) a
differential is the derivative of its operand's value along ``dA``, a name derived from ``A``
moving with it.
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
    Differential,
    Name,
    Negate,
    Node,
    Norm,
    Number,
    Power,
    Transpose,
)
from verified_docs.latex.errors import EvaluationError, LatexSyntaxError
from verified_docs.latex.evaluate import NumpyAlgebra, SympyAlgebra, evaluate
from verified_docs.latex.parser import parse_expression
from verified_docs.latex.printer import to_latex
from verified_docs.verify import _Scope, numeric_scope_factory

x, y = sp.symbols("x y", real=True)
A, B = matrix_symbols("A", 2, 2), matrix_symbols("B", 2, 2)
C = matrix_symbols("C", 2, 3)
D = matrix_symbols("D", 2, 2)  # the direction dA: A varies along it, B and C are constants
s = sp.Symbol("s", real=True)  # derived from A, so a differential must move it along dA
MODEL = Model(
    sample={x: (0.3, 1.5), y: (-1.5, -0.3), **sample_entries(A, B, C, D)},
    where={s: A.trace()},
    names={"A": A, "B": B, "C": C, "dA": D},
)
RELATIVE = 1e-7
# NumPy reads a differential by central differences (step 1e-6): its rounding error is larger.
DIFFERENTIAL_RELATIVE = 1e-5

SCALAR_LEAVES = st.one_of(
    st.sampled_from([Name("x", "x"), Name("y", "y"), Name("s", "s")]),
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

# Products with Kronecker factors and stacked columns, at square and non-square shapes.
KRONECKER = st.one_of(
    st.tuples(SQUARES, SQUARES).map(lambda t: BinaryOp("kron", t[0], t[1])),
    SQUARES.map(lambda m: BinaryOp("kron", Name("C", "C"), m)),
    SQUARES.map(lambda m: Call("vec", BinaryOp("*", m, Name("C", "C")))),
    SQUARES.map(
        lambda m: BinaryOp("*", BinaryOp("kron", Transpose(Name("C", "C")), m), Call("vec", m))
    ),
)
# Differentials of expressions in which A occurs, so something varies.
DIFFERENTIALS = st.one_of(
    SQUARES.map(lambda m: Differential(BinaryOp("*", m, Name("A", "A")))),
    MATRIX_SCALARS.map(lambda s: Differential(BinaryOp("*", s, Call("trace", Name("A", "A"))))),
    SQUARES.map(lambda m: Differential(Call("vec", BinaryOp("kron", Name("A", "A"), m)))),
)

POINTS = st.tuples(st.floats(0.3, 1.5), st.floats(-1.5, -0.3), st.integers(0, 2**31 - 1))


def _point(values: tuple[float, float, int]) -> dict[sp.Symbol, float]:
    rng = np.random.default_rng(values[2])
    point = MODEL.numeric_point(rng)
    point[x], point[y] = values[0], values[1]
    return point


def _symbolic_at(node: Node, point: dict[sp.Symbol, float]) -> Any:
    return _value_at(evaluate(node, _Scope(MODEL, symbolic=True), SympyAlgebra()), point)


def _value_at(value: Any, point: dict[sp.Symbol, float]) -> Any:
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


def _agree(first: Any, second: Any, relative: float = RELATIVE) -> bool:
    scale = max(1.0, float(np.max(np.abs(first))))
    return bool(np.all(np.abs(first - second) <= relative * scale))


FAMILIES = {
    "scalars": SCALARS,
    "matrices": st.one_of(SQUARES, MATRIX_SCALARS),
    "kronecker": KRONECKER,
    "differentials": DIFFERENTIALS,
}
TOLERANCES = {"differentials": DIFFERENTIAL_RELATIVE}
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("family", FAMILIES)
def test_sympy_and_numpy_evaluators_agree(family: str) -> None:
    """Assert a generated dialect expression has one value, read by SymPy or by NumPy."""

    @PROPERTY
    @given(FAMILIES[family], POINTS)
    def agree(node: Node, values: tuple[float, float, int]) -> None:
        page = parse_expression(to_latex(node))
        point = _point(values)
        relative = TOLERANCES.get(family, RELATIVE)
        assert _agree(_symbolic_at(page, point), _numeric_at(page, point), relative), to_latex(node)

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
        relative = TOLERANCES.get(family, RELATIVE)
        assert _agree(_numeric_at(node, point), _numeric_at(tree, point), relative), latex
        assert _agree(_symbolic_at(node, point), _symbolic_at(tree, point), relative), latex

    round_trip()


@PROPERTY
@given(DIFFERENTIALS, POINTS)
def test_a_differential_is_the_derivative_of_the_value_along_da(
    node: Differential, values: tuple[float, float, int]
) -> None:
    """Assert d(E) is d/dt at t = 0 of E's value with A's entries moved to A + tD."""
    step = sp.Dummy("t", real=True)
    operand = evaluate(node.operand, _Scope(MODEL, symbolic=True), SympyAlgebra())
    along = {entry: entry + step * direction for entry, direction in zip(A, D, strict=True)}
    expected = sp.diff(sp.sympify(operand).xreplace(along), step).xreplace({step: 0})
    point = _point(values)
    assert _agree(_symbolic_at(node, point), _value_at(expected, point)), to_latex(node)


@pytest.mark.parametrize(
    ("latex", "fragment"),
    [
        (r"\lVert A \rVert_2", "spectral norm"),
        (r"\lVert A \rVert", "ambiguous"),
        (r"|A|", "ambiguous"),
        (r"\exp(A)", "matrix function"),
        (r"\operatorname{diag}(A)", "ambiguous"),
        (r"\operatorname{softmax}(C)", "ambiguous"),
        (r"dB", "uses 'dB', which the check does not define"),
        (r"d(B^2 + C C^\top)", "nothing varies"),
        (r"x \otimes A", "Kronecker product of two matrices"),
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


@pytest.mark.parametrize(
    "latex", [r"dA^{-1}", r"dA^2", r"d(A)^{-1}"], ids=["inverse", "square", "parenthesised"]
)
def test_a_power_of_a_differential_is_refused(latex: str) -> None:
    """Assert dX^{-1}, d of the inverse or the inverse of dX, is a syntax error."""
    with pytest.raises(LatexSyntaxError, match="d of a power is ambiguous"):
        parse_expression(latex)


def test_d_alone_or_subscripted_stays_a_variable() -> None:
    """Assert d, d_k and d^2 are names (a dimension), and dA is the differential of A."""
    assert parse_expression(r"\sqrt{d}") == Power(Name("d", "d"), Number("0.5"))
    assert parse_expression("d_k") == Name("d_{k}", "d_k")
    assert parse_expression("d^2") == Power(Name("d", "d"), Number("2"))
    assert parse_expression("dA") == Differential(Name("A", "A"))


def test_a_differential_is_the_directional_derivative() -> None:
    """Assert d(A^{-1}) is d/dt (A + tD)^{-1} at t = 0, and a transpose commutes with d."""
    scope = _Scope(MODEL, symbolic=True)
    change = evaluate(parse_expression("d(A^{-1})"), scope, SympyAlgebra())
    assert sp.simplify(change + A.inv() * D * A.inv()) == sp.zeros(2, 2)
    transposed = evaluate(parse_expression(r"dA^\top"), scope, SympyAlgebra())
    assert transposed == D.T
    vec = evaluate(parse_expression(r"\operatorname{vec} C"), scope, SympyAlgebra())
    assert list(vec) == [C[0, 0], C[1, 0], C[0, 1], C[1, 1], C[0, 2], C[1, 2]]
