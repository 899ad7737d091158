"""The table of functions: one row is all a function needs, and every row is read the same way.

The parser, the printer and both evaluators read ``verified_docs.latex.functions.FUNCTIONS``;
these tests parse every spelling of every row, evaluate it both ways, print it back, and add a
function (``\\operatorname{gelu}``) by registering one row and nothing else.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import sympy as sp

from tests.test_evaluate import NumpyScope, SympyScope, random_points, sympy_at
from verified_docs.latex.ast import Call
from verified_docs.latex.errors import EvaluationError, LatexSyntaxError
from verified_docs.latex.evaluate import NumpyAlgebra, SympyAlgebra, evaluate
from verified_docs.latex.functions import FUNCTIONS, Function
from verified_docs.latex.parser import parse_expression
from verified_docs.latex.printer import to_latex

# An argument inside every function's domain (asin and acos need |x| < 1, log needs x > 0,
# sign x ≠ 0) at the sample points of tests.test_evaluate, for each kind of argument a row takes.
SCALAR = r"\frac{1}{1 + a}"
VECTOR = r"\begin{bmatrix} \frac{1}{1 + a} \\ \frac{1}{1 + c} \end{bmatrix}"
ARGUMENTS = {"square": "A", "vector": "v", "any": "C"}


def spellings(function: Function) -> list[str]:
    return [*function.commands, *(rf"\operatorname{{{n}}}" for n in function.operator_names)]


def arguments(function: Function) -> list[str]:
    """The arguments a row is tried at: entry by entry at a scalar and a vector."""
    if function.elementwise:
        return [SCALAR, VECTOR]
    return [ARGUMENTS[function.accepts]]


def assert_both_evaluators_agree(latex: str) -> None:
    tree = parse_expression(latex)
    exact = evaluate(tree, SympyScope(), SympyAlgebra())
    for point in random_points(3, seed=7):
        numeric = evaluate(tree, NumpyScope(point), NumpyAlgebra())
        np.testing.assert_allclose(numeric, sympy_at(exact, point), rtol=1e-9, err_msg=latex)


CASES = [
    pytest.param(spelling, argument, id=f"{spelling}-{argument}")
    for function in FUNCTIONS.values()
    for spelling in spellings(function)
    for argument in arguments(function)
]


@pytest.mark.parametrize(("spelling", "argument"), CASES)
def test_every_spelling_of_every_row_parses_prints_and_evaluates_alike(
    spelling: str, argument: str
) -> None:
    """Assert each row's spellings parse to its call, print back, and agree in SymPy and NumPy."""
    latex = f"{spelling}({argument})"
    tree = parse_expression(latex)
    assert isinstance(tree, Call)
    assert tree.function in FUNCTIONS
    assert parse_expression(to_latex(tree)) == tree
    assert_both_evaluators_agree(latex)


def test_a_function_is_one_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert registering one row is enough to parse, print, evaluate and refuse a new function."""
    with pytest.raises(LatexSyntaxError, match="unknown operator name 'gelu'"):
        parse_expression(r"\operatorname{gelu}(a)")

    def tanh_gelu(z: Any, tanh: Any, pi: Any) -> Any:
        return z / 2 * (1 + tanh((2 / pi) ** 0.5 * (z + 0.044715 * z**3)))

    monkeypatch.setitem(
        FUNCTIONS,
        "gelu",
        Function(
            "gelu",
            commands=(),
            operator_names=("gelu", "GELU"),
            sympy=lambda z: tanh_gelu(z, sp.tanh, sp.pi),
            numpy=lambda z: tanh_gelu(z, np.tanh, np.pi),
            elementwise=True,
            accepts="non-square",
        ),
    )
    tree = parse_expression(r"\operatorname{GELU}(a) + v^\top \operatorname{gelu}(v)")
    assert to_latex(tree).count(r"\operatorname{gelu}") == 2
    assert_both_evaluators_agree(r"\operatorname{GELU}(a) + v^\top \operatorname{gelu}(v)")
    with pytest.raises(EvaluationError, match="gelu of a square matrix"):
        evaluate(parse_expression(r"\operatorname{gelu}(A)"), SympyScope(), SympyAlgebra())
