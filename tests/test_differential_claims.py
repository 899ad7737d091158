"""Claims with a differential d(…), verified end to end on small models built here.

A name the check derives from a moving name must move with it: held fixed, it gives a wrong
differential under which a false claim passes. A failure names the directions as the page
writes them (``dX``), not as the check happens to build them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from verified_docs.checks import ClaimCheck, Model, matrix_symbols, sample_entries
from verified_docs.latex.errors import EvaluationError
from verified_docs.latex.evaluate import NumpyAlgebra, SympyAlgebra, evaluate
from verified_docs.latex.parser import parse_expression
from verified_docs.verify import ClaimFailure, _Scope, numeric_scope_factory, verify_equation

X, V = matrix_symbols("X", 2, 2), matrix_symbols("V", 2, 2)
s = sp.Symbol("s", real=True)
# s is derived from X; X moves along dX, whose entries the check names V_{ij}.
TRACE_SCALED = Model(sample=sample_entries(X, V), where={s: X.trace()}, names={"X": X, "dX": V})

t, w = sp.symbols("t w", real=True)
u, v = sp.symbols("u v", real=True)
# u is derived, and moves along du; v is derived from u.
DERIVED_DIRECTION = Model(
    sample={t: (0.5, 1.5), w: (-1.0, 1.0)}, where={u: t**2, v: u + 1}, names={"du": w}
)


def identity_check(model: Model) -> ClaimCheck:
    """An identity's check, as identity() registers it, outside the registry."""
    return ClaimCheck("differential-claim", None, (model,), None, Path(__file__), 1, (1, 1))


def test_a_derived_name_moves_with_what_it_is_derived_from() -> None:
    """Assert d(sX) with s = tr X is tr(dX) X + s dX: s moves, by both routes."""
    verdict = verify_equation(
        identity_check(TRACE_SCALED), r"d(s X) = \operatorname{tr}(dX) X + s\, dX"
    )
    assert verdict.methods[0] == "SymPy: stated − true simplifies to 0"
    point = TRACE_SCALED.numeric_point(np.random.default_rng(0))
    moved = evaluate(
        parse_expression("d(s X)"), numeric_scope_factory(TRACE_SCALED)(point), NumpyAlgebra()
    )
    x, dx = (np.array(m.xreplace(point).tolist(), dtype=float) for m in (X, V))
    assert np.allclose(moved, np.trace(dx) * x + np.trace(x) * dx, rtol=1e-6)


def test_holding_a_derived_name_fixed_would_pass_a_false_claim() -> None:
    """Assert d(sX) = s dX, true only if s were held fixed (as it was), now fails."""
    with pytest.raises(ClaimFailure, match="is false"):
        verify_equation(identity_check(TRACE_SCALED), r"d(s X) = s\, dX")


@pytest.mark.parametrize("symbolic", [True, False], ids=["sympy", "numpy"])
def test_a_name_derived_from_a_moving_derived_variable_is_refused(symbolic: bool) -> None:
    """Assert d(uv) with u derived and moving refuses v, derived from u, by name."""
    model = DERIVED_DIRECTION
    if symbolic:
        scope, algebra = _Scope(model, symbolic=True), SympyAlgebra()
    else:
        point = model.numeric_point(np.random.default_rng(0))
        scope, algebra = numeric_scope_factory(model)(point), NumpyAlgebra()
    with pytest.raises(EvaluationError, match="'v' is derived from 'u'"):
        evaluate(parse_expression("d(u v)"), scope, algebra)
    # Alone, the derived variable moves along its direction: d(u^2) = 2u du.
    assert (
        sp.simplify(
            evaluate(parse_expression("d(u^2)"), _Scope(model, symbolic=True), SympyAlgebra())
            - 2 * t**2 * w
        )
        == 0
    )


def test_a_derivative_with_respect_to_a_matrix_is_refused() -> None:
    """Assert d/dX of a matrix X is an author error pointing to the differential."""
    with pytest.raises(ClaimFailure, match=r"X is a matrix; write its differential"):
        verify_equation(identity_check(TRACE_SCALED), r"\frac{d}{dX}(X) = X")


def test_a_false_differential_names_the_direction_as_the_page_does() -> None:
    """Assert a failure's residual and point say dX_{ij}, never the check's V_{ij}."""
    with pytest.raises(ClaimFailure) as caught:
        verify_equation(identity_check(TRACE_SCALED), r"d(X^2) = 2X\, dX")
    message = str(caught.value)
    assert "dX_{12}" in message.split("simplifies to", 1)[1].split(";", 1)[0], message
    assert ", dX_{11} = " in message.split("is false at", 1)[1], message
    assert "V_{" not in message
