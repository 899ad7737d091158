"""Second-derivative quantities for the checks of docs/hessians.md.

The engine's ``Derivative`` takes one derivative. A Hessian claim needs two, and its numeric
check must not lean on SymPy: these quantities differentiate symbolically with SymPy on one
route and, on the other, apply central second differences to the function's values alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from verified_docs.checks import Model

# Second differences lose digits to rounding as the step shrinks; a moderate step with one
# Richardson extrapolation keeps both rounding and truncation error near 1e-9.
RELATIVE_STEP = 1e-2


def _second_difference(
    function: Callable[[np.ndarray], float], base: np.ndarray, i: int, j: int
) -> float:
    """d²f/dx_i dx_j at ``base``: central differences, refined by Richardson extrapolation."""

    def stencil(scale: float) -> float:
        step_i = scale * RELATIVE_STEP * (1 + abs(base[i]))
        step_j = scale * RELATIVE_STEP * (1 + abs(base[j]))
        if i == j:
            forward, backward = base.copy(), base.copy()
            forward[i] += step_i
            backward[i] -= step_i
            second = function(forward) - 2 * function(base) + function(backward)
            return float(second / step_i**2)
        total = 0.0
        for sign_i, sign_j in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
            moved = base.copy()
            moved[i] += sign_i * step_i
            moved[j] += sign_j * step_j
            total += sign_i * sign_j * function(moved)
        return float(total / (4 * step_i * step_j))

    return (4 * stencil(0.5) - stencil(1.0)) / 3


def _compiled(
    expr: Any, variables: list[sp.Symbol], model: Model
) -> tuple[Callable[[Mapping[sp.Symbol, float]], np.ndarray], Callable[[np.ndarray], float]]:
    """The function of ``variables`` alone, with every other model variable held at the point."""
    others = [s for s in [*model.sample, *model.where] if s not in variables]
    function = sp.lambdify([*variables, *others], model.expand_except(expr, variables), "numpy")
    held: dict[str, np.ndarray] = {}

    def start(point: Mapping[sp.Symbol, float]) -> np.ndarray:
        held["others"] = np.array([point[s] for s in others], dtype=float)
        return np.array([point[s] for s in variables], dtype=float)

    def value(at: np.ndarray) -> float:
        return float(function(*at, *held["others"]))

    return start, value


@dataclass(frozen=True)
class Hessian:
    """The n×n matrix of second partial derivatives of a scalar ``expr``."""

    expr: Any
    wrt: Sequence[sp.Symbol] | sp.MatrixBase
    method: str = "second central differences"

    def variables(self) -> list[sp.Symbol]:
        return list(self.wrt)

    def symbolic(self, model: Model) -> Any:
        variables = self.variables()
        function = model.expand_except(sp.sympify(self.expr), variables)
        return model.expand(sp.ImmutableMatrix(sp.hessian(function, variables)))

    def numeric(self, model: Model) -> Callable[[Mapping[sp.Symbol, float]], np.ndarray]:
        variables = self.variables()
        start, value = _compiled(sp.sympify(self.expr), variables, model)
        size = len(variables)

        def at(point: Mapping[sp.Symbol, float]) -> np.ndarray:
            base = start(point)
            return np.array(
                [[_second_difference(value, base, i, j) for j in range(size)] for i in range(size)]
            )

        return at


@dataclass(frozen=True)
class SecondPartial:
    """∂/∂outer (∂f/∂inner): one mixed (or repeated) second partial derivative."""

    expr: Any
    outer: sp.Symbol
    inner: sp.Symbol
    method: str = "second central differences"

    def symbolic(self, model: Model) -> Any:
        variables = [self.outer, self.inner]
        function = model.expand_except(sp.sympify(self.expr), variables)
        return model.expand(sp.diff(sp.diff(function, self.inner), self.outer))

    def numeric(self, model: Model) -> Callable[[Mapping[sp.Symbol, float]], float]:
        variables = list(dict.fromkeys([self.outer, self.inner]))
        start, value = _compiled(sp.sympify(self.expr), variables, model)
        i, j = variables.index(self.outer), variables.index(self.inner)
        return lambda point: _second_difference(value, start(point), i, j)


@dataclass(frozen=True)
class TaylorQuadratic:
    """The second-order Taylor polynomial of ``expr`` at ``at``, as a function of the steps.

    Symbolically it is SymPy's series of f(p + tΔ) to order t², at t = 1. Numerically it is
    f(p) + gᵀΔ + ½ΔᵀHΔ with g and H from central differences of f's values at p.
    """

    expr: Any
    wrt: Sequence[sp.Symbol]
    at: Sequence[Any]
    steps: Sequence[sp.Symbol]
    method: str = "value, first and second central differences at the point"

    def symbolic(self, model: Model) -> Any:
        t = sp.Dummy("t")
        moved = {v: p + t * d for v, p, d in zip(self.wrt, self.at, self.steps, strict=True)}
        series = sp.series(sp.sympify(self.expr).xreplace(moved), t, 0, 3).removeO()
        return model.expand(sp.expand(series.subs(t, 1)))

    def numeric(self, model: Model) -> Callable[[Mapping[sp.Symbol, float]], float]:
        variables = list(self.wrt)
        function = sp.lambdify(variables, sp.sympify(self.expr), "numpy")

        def value(at: np.ndarray) -> float:
            return float(function(*at))

        base = np.array([float(p) for p in self.at])
        size = len(variables)
        gradient = np.zeros(size)
        for i in range(size):
            step = 1e-6 * (1 + abs(base[i]))
            forward, backward = base.copy(), base.copy()
            forward[i] += step
            backward[i] -= step
            gradient[i] = (value(forward) - value(backward)) / (2 * step)
        hessian = np.array(
            [[_second_difference(value, base, i, j) for j in range(size)] for i in range(size)]
        )
        f0 = value(base)

        def quadratic(point: Mapping[sp.Symbol, float]) -> float:
            delta = np.array([point[s] for s in self.steps], dtype=float)
            return float(f0 + gradient @ delta + 0.5 * delta @ hessian @ delta)

        return quadratic


@dataclass(frozen=True)
class IteratedPartial:
    """∂/∂outer (∂f/∂inner) at a fixed point, as an iterated limit: the inner one first.

    Where the mixed partials are not continuous the order of the two limits matters, so the
    numeric route takes the inner difference with a far smaller step than the outer one, and
    the symbolic route simplifies the inner derivative on the line through the point before
    taking the outer one.
    """

    expr: Any
    outer: sp.Symbol
    inner: sp.Symbol
    at: Mapping[sp.Symbol, Any]
    method: str = "nested central differences, inner step 1e-7, outer step 1e-3"

    def symbolic(self, model: Model) -> Any:
        inner = sp.cancel(
            sp.diff(self.expr, self.inner).xreplace({self.inner: self.at[self.inner]})
        )
        outer = sp.diff(inner, self.outer).xreplace({self.outer: self.at[self.outer]})
        return sp.simplify(outer)

    def numeric(self, model: Model) -> Callable[[Mapping[sp.Symbol, float]], float]:
        variables = [self.outer, self.inner]
        function = sp.lambdify(variables, self.expr, "numpy")
        outer0, inner0 = float(self.at[self.outer]), float(self.at[self.inner])
        inner_step, outer_step = 1e-7, 1e-3

        def first(outer: float) -> float:
            forward = function(outer, inner0 + inner_step)
            backward = function(outer, inner0 - inner_step)
            return float((forward - backward) / (2 * inner_step))

        value = (first(outer0 + outer_step) - first(outer0 - outer_step)) / (2 * outer_step)
        return lambda point: value
