"""The two-route verifier, on small models built here rather than a chapter's checks.

A claim passes only if SymPy simplifies every side's difference from the truth to zero *and*
NumPy agrees at random points. Each route is also disabled in turn, to prove that either one on
its own would still catch a false claim.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from verified_docs import verify
from verified_docs.checks import ClaimCheck, Derivative, Expression, Model, Quantity
from verified_docs.verify import SAMPLES, ClaimFailure, verify_equation

t = sp.Symbol("t", real=True)
u1, u2 = sp.symbols("u_1 u_2", real=True)
x1 = sp.Symbol("x_1", real=True)

POLY = Model(sample={t: (-2.0, 2.0)})
POLY_F = t**4 + 3 * t**3 - 18 * t**2  # df/dt = 4t^3 + 9t^2 - 36t
NEAR_ONE = Model(sample={t: (0.99, 1.01)})  # t^2 and t agree at t = 1 (and 0), nowhere else
G = u1**2 * u2
JACOBIAN_X = sp.Matrix([u1 + 2 * u2, u1 * u2])
VECTOR = Model(
    sample={u1: (-2.0, 2.0), u2: (-2.0, 2.0)},
    names={r"\nabla g": Derivative(G, [u1, u2], layout="gradient")},
)
CHAIN = Model(sample={t: (-2.0, 2.0)}, where={x1: t**2})

DFDT = r"\frac{df}{dt}"
DG_DU = r"\frac{\partial g}{\partial \mathbf{u}}"
DX_DU = r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}}"


def check(
    build: Callable[[], Quantity | None],
    *,
    model: Model = POLY,
    lhs: str | None = DFDT,
    claim_id: str = "test-claim",
) -> ClaimCheck:
    """A check as claim() registers it (identity() when ``build`` gives None), unregistered."""
    quantity = build()

    def meaning(_: Model) -> Quantity:
        assert quantity is not None
        return quantity

    return ClaimCheck(
        claim_id, lhs, (model,), None if quantity is None else meaning, Path(__file__), 1, (1, 1)
    )


def poly_derivative() -> Derivative:
    return Derivative(POLY_F, t)


def cube_over_three() -> Derivative:
    return Derivative(t**3 / 3, t)


def gradient_row() -> Derivative:
    return Derivative(G, [u1, u2])


def jacobian() -> Derivative:
    return Derivative(JACOBIAN_X, [u1, u2])


def no_quantity() -> None:
    return None


def no_quantity_of(model: Model) -> None:
    """A check function that forgets to return what its left side means."""
    return None


# (id, check, page LaTeX, the NumPy method the verdict reports)
TRUE_CLAIMS: list[tuple[str, ClaimCheck, str, str]] = [
    (
        "derivative",
        check(poly_derivative),
        r"\frac{df}{dt} = 4t^3 + 9t^2 - 36t",
        "central finite differences",
    ),
    (
        "derivative-three-sides",
        check(poly_derivative),
        r"\frac{df}{dt} = t(4t^2 + 9t - 36) = 4t^3 + 9t^2 - 36t",
        "central finite differences",
    ),
    (
        "lhs-spelled-differently",
        check(poly_derivative),
        r"\frac{d f}{d t} = 4t^3 + 9t^2 - 36t",
        "central finite differences",
    ),
    (
        "value",
        check(lambda: Expression(POLY_F), lhs="f(t)"),
        r"f(t) = (t^2 + 6t)(t^2 - 3t)",
        "direct evaluation",
    ),
    (
        "identity",
        check(no_quantity, lhs=None),
        r"(t + 1)^2 = t^2 + 2t + 1",
        "direct evaluation",
    ),
    (
        "gradient-row",
        check(gradient_row, model=VECTOR, lhs=DG_DU),
        r"\frac{\partial g}{\partial \mathbf{u}} = (\nabla g)^\top "
        r"= \begin{bmatrix} 2u_1 u_2 & u_1^2 \end{bmatrix}",
        "central finite differences",
    ),
    (
        "jacobian",
        check(jacobian, model=VECTOR, lhs=DX_DU),
        r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}} "
        r"= \begin{bmatrix} 1 & 2 \\ u_2 & u_1 \end{bmatrix}",
        "central finite differences",
    ),
    (
        "total-derivative-along-chain",
        check(lambda: Derivative(x1**3, t), model=CHAIN),
        r"\frac{df}{dt} = 3x_1^2 \cdot 2t = 6t^5",
        "central finite differences",
    ),
]


@pytest.mark.parametrize(
    ("claim_check", "latex", "method"),
    [pytest.param(c, latex, m, id=i) for i, c, latex, m in TRUE_CLAIMS],
)
def test_true_claim_passes_with_both_methods(
    claim_check: ClaimCheck, latex: str, method: str
) -> None:
    """Assert a true claim is verified and its verdict reports the SymPy and the NumPy route."""
    verdict = verify_equation(claim_check, latex)
    assert verdict.methods == (
        "SymPy: stated − true simplifies to 0",
        f"NumPy: {method} at {SAMPLES} random points",
    )
    assert verdict.samples == SAMPLES
    assert verdict.witness is None
    assert len(verdict.sides) == latex.count("=") + 1


# (id, check, page LaTeX, what the message must say: the side, and the kind of failure)
FALSE_CLAIMS: list[tuple[str, ClaimCheck, str, str]] = [
    (
        "wrong-coefficient",
        check(poly_derivative),
        r"\frac{df}{dt} = 4t^3 + 9t^2 - 35t",
        "side 2",
    ),
    (
        "flipped-sign",
        check(poly_derivative),
        r"\frac{df}{dt} = 4t^3 + 9t^2 + 36t",
        "side 2",
    ),
    (
        "wrong-last-side",
        check(poly_derivative),
        r"\frac{df}{dt} = t(4t^2 + 9t - 36) = 4t^3 + 9t^2 - 36",
        "side 3",
    ),
    (
        "dropped-transpose",
        check(gradient_row, model=VECTOR, lhs=DG_DU),
        r"\frac{\partial g}{\partial \mathbf{u}} = \nabla g",
        "side 2 has shape 2×1 but the true value is 1×2",
    ),
    (
        "wrong-jacobian-entry",
        check(jacobian, model=VECTOR, lhs=DX_DU),
        r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}} "
        r"= \begin{bmatrix} 1 & 2 \\ u_1 & u_1 \end{bmatrix}",
        "side 2",
    ),
    (
        "true-only-at-t-equals-one",
        check(cube_over_three, model=NEAR_ONE),
        r"\frac{df}{dt} = t",
        "side 2",
    ),
    (
        "false-identity",
        check(no_quantity, lhs=None),
        r"(t + 1)^2 = t^2 + t + 1",
        "side 2",
    ),
]
FALSE_PARAMS = [pytest.param(c, latex, s, id=i) for i, c, latex, s in FALSE_CLAIMS]


@pytest.mark.parametrize(("claim_check", "latex", "side"), FALSE_PARAMS)
def test_false_claim_fails_naming_the_side(claim_check: ClaimCheck, latex: str, side: str) -> None:
    """Assert a false claim raises ClaimFailure whose message names the false side."""
    with pytest.raises(ClaimFailure) as caught:
        verify_equation(claim_check, latex)
    assert side in str(caught.value)


def test_false_claim_reports_symbolic_residual_and_numeric_point() -> None:
    """Assert a false claim's message gives both the SymPy residual and a NumPy sample point."""
    with pytest.raises(ClaimFailure) as caught:
        verify_equation(check(poly_derivative), r"\frac{df}{dt} = 4t^3 + 9t^2 - 35t")
    message = str(caught.value)
    assert "side 2 is false: stated − true simplifies to t" in message
    assert "side 2 (4t^3 + 9t^2 - 35t) is false at t = " in message


def skip_numeric(*args: Any, **kwargs: Any) -> tuple[None, int]:
    return None, 0


def skip_symbolic(*args: Any, **kwargs: Any) -> str:
    return "SymPy: skipped"


@pytest.mark.parametrize("route", ["symbolic", "numeric"])
@pytest.mark.parametrize(
    ("claim_check", "latex", "method"),
    [pytest.param(c, latex, m, id=i) for i, c, latex, m in TRUE_CLAIMS],
)
def test_each_route_alone_passes_true_claims(
    claim_check: ClaimCheck, latex: str, method: str, route: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert disabling one route does not by itself make a true claim fail (control)."""
    if route == "symbolic":
        monkeypatch.setattr(verify, "_numeric", skip_numeric)
    else:
        monkeypatch.setattr(verify, "_symbolic", skip_symbolic)
    verdict = verify_equation(claim_check, latex)
    assert verdict.methods[0 if route == "symbolic" else 1].startswith(
        "SymPy" if route == "symbolic" else "NumPy"
    )


@pytest.mark.parametrize(("claim_check", "latex", "side"), FALSE_PARAMS)
def test_symbolic_route_alone_catches_false_claim(
    claim_check: ClaimCheck, latex: str, side: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert with the numeric route disabled, the symbolic route alone rejects the claim."""
    monkeypatch.setattr(verify, "_numeric", skip_numeric)
    with pytest.raises(ClaimFailure) as caught:
        verify_equation(claim_check, latex)
    assert side in str(caught.value)
    assert " is false at " not in str(caught.value)  # the message came from SymPy


@pytest.mark.parametrize(("claim_check", "latex", "side"), FALSE_PARAMS)
def test_numeric_route_alone_catches_false_claim(
    claim_check: ClaimCheck, latex: str, side: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert with the symbolic route disabled, the numeric route alone rejects the claim."""
    monkeypatch.setattr(verify, "_symbolic", skip_symbolic)
    with pytest.raises(ClaimFailure) as caught:
        verify_equation(claim_check, latex)
    assert side in str(caught.value)
    assert "simplifies to" not in str(caught.value)  # the message came from NumPy


def test_wrong_statement_marked_refuted_passes_with_witness() -> None:
    """Assert a false equation marked refuted is verified, with a point where it fails."""
    verdict = verify_equation(
        check(poly_derivative), r"\frac{df}{dt} = 4t^3 + 9t^2 + 36t", refuted=True
    )
    assert verdict.witness is not None
    assert verdict.witness.startswith("at t = ")
    assert "but the true value is" in verdict.witness
    assert verdict.methods[0].startswith("SymPy: stated − true ≠ 0 exactly at t = ")
    assert verdict.methods[1] == "NumPy: central finite differences differ at a sample point"


@pytest.mark.parametrize("route", ["both", "symbolic", "numeric"])
def test_true_statement_marked_refuted_fails(route: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Assert a true equation marked refuted fails, by either route on its own too."""
    if route == "symbolic":
        monkeypatch.setattr(verify, "_numeric", skip_numeric)
    elif route == "numeric":
        monkeypatch.setattr(verify, "_symbolic", skip_symbolic)
    with pytest.raises(ClaimFailure, match="marked refuted"):
        verify_equation(check(poly_derivative), r"\frac{df}{dt} = 4t^3 + 9t^2 - 36t", refuted=True)


def test_page_lhs_that_differs_from_the_check_fails() -> None:
    """Assert a page whose left side is not the check's lhs= fails with 'left side reads'."""
    with pytest.raises(ClaimFailure, match="left side reads") as caught:
        verify_equation(check(poly_derivative), r"\frac{dg}{dt} = 4t^3 + 9t^2 - 36t")
    assert r"\frac{dg}{dt}" in str(caught.value)


def test_lhs_without_quantity_fails() -> None:
    """Assert a check that declares lhs= but returns nothing is reported, not verified."""
    returns_nothing = ClaimCheck(
        "test-claim",
        DFDT,
        (POLY,),
        no_quantity_of,
        Path(__file__),
        1,
        (1, 1),  # type: ignore[arg-type]
    )
    with pytest.raises(ClaimFailure, match="gives no quantity"):
        verify_equation(returns_nothing, r"\frac{df}{dt} = 4t^3 + 9t^2 - 36t")


@pytest.mark.parametrize(
    ("latex", "fragment"),
    [
        (r"\frac{df}{dt} = 4t^3 + 9t^2 - 36s", "'s', which the check does not define"),
        (r"\frac{df}{dt} = 4t^3 + 9t^2 - 36t + 0 \cdot h(t)", "which the check does not define"),
        (r"\frac{df}{dt} = \frac{\partial f}{\partial x}", "which the check does not define"),
    ],
)
def test_page_using_an_undefined_name_fails(latex: str, fragment: str) -> None:
    """Assert a page that uses a name or function its check does not define fails, saying so."""
    with pytest.raises(ClaimFailure, match="does not define") as caught:
        verify_equation(check(poly_derivative), latex)
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("latex", "fragment"),
    [
        (r"4t^3 + 9t^2 - 36t", "must be an equation"),
        (r"\frac{df}{dt} = 4t^T", "cannot read the equation"),
        (r"\frac{df}{dt} = \sin 2t", "cannot read the equation"),
    ],
)
def test_unreadable_claim_fails(latex: str, fragment: str) -> None:
    """Assert a claim that is not an equation of the dialect fails with a reason."""
    with pytest.raises(ClaimFailure, match=fragment):
        verify_equation(check(poly_derivative), latex)


def test_sampling_mostly_outside_the_domain_fails() -> None:
    """Assert a check whose samples mostly fall outside the domain is refused, not passed."""
    claim_check = check(
        lambda: Expression(sp.sqrt(t)), lhs="f(t)", model=Model(sample={t: (-3.0, 1.0)})
    )
    with pytest.raises(ClaimFailure, match=f"of {SAMPLES} sample points were in the domain"):
        verify_equation(claim_check, r"f(t) = \sqrt{t}")


def test_side_that_is_complex_at_a_sample_point_fails_cleanly() -> None:
    """Assert a side that is not real at a sample point fails as a ClaimFailure naming it."""
    # Right for t > 0, not even real for t < 0: the numeric route must say so at a negative t.
    claim_check = check(lambda: Expression(sp.sqrt(sp.Abs(t))), lhs="f(t)")
    with pytest.raises(ClaimFailure, match="side 2"):
        verify_equation(claim_check, r"f(t) = \sqrt{t}")


def test_derivative_operator_differentiates_through_derived_variables() -> None:
    """Assert \\frac{d}{dt}(x_1) with x_1 = t^2 is 2t, so the claim that it is 0 fails."""
    with pytest.raises(ClaimFailure, match="side 2"):
        verify_equation(check(no_quantity, model=CHAIN, lhs=None), r"\frac{d}{dt}(x_1) = 0")


def test_derivative_operator_sees_derived_variables_move_symbolically() -> None:
    """Assert d/dt of a derived x_1 = t^2 is 2t by both routes, and a wrong answer fails both."""
    identity = check(no_quantity, model=CHAIN, lhs=None)
    verdict = verify_equation(identity, r"\frac{d}{dt}(x_1) = 2t")
    assert verdict.methods[0] == "SymPy: stated − true simplifies to 0"
    with pytest.raises(ClaimFailure, match="simplifies to"):
        verify_equation(identity, r"\frac{d}{dt}(x_1) = 0")


def test_derivative_operator_moves_a_named_quantity_alone() -> None:
    """Assert d/dz of z^2, with z a named expression of t (no variable), is 2z, not 0."""
    named = Model(sample={t: (-2.0, 2.0)}, names={"z": Expression(t**2)})
    identity = check(no_quantity, model=named, lhs=None)
    assert verify_equation(identity, r"\frac{d}{dz}(z^2) = 2z").methods[0].endswith("to 0")


def test_per_model_work_is_done_once_per_model_and_the_store_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Assert a model's names are worked out once, per model (not per equal model), and bounded."""
    t = sp.Symbol("t", real=True)
    first, second = Model(sample={t: (0.0, 1.0)}), Model(sample={t: (0.0, 1.0)})
    calls: list[Model] = []

    def names_of(model: Model) -> list[Model]:
        calls.append(model)
        return [model]

    store: dict[int, tuple[Model, Any]] = {}
    assert verify._per_model(store, first, names_of) == [first]
    assert verify._per_model(store, first, names_of) == [first]
    assert verify._per_model(store, second, names_of)[0] is second
    assert len(calls) == 2
    assert calls[1] is second
    monkeypatch.setattr(verify, "_MODEL_CACHE_LIMIT", 2)
    third = Model(sample={t: (0.0, 2.0)})
    assert verify._per_model(store, third, names_of) == [third]
    assert list(store) == [id(third)]
