"""Checks for the claims of docs/derivatives.md.

Most claims on the page are operator identities such as ``\\frac{d}{dx}(5x^3) = 15x^2``: the
engine differentiates the page's own left side, with SymPy and by central differences, so the
check only has to say where the variables live. Rules about arbitrary functions f and g are
checked on several concrete pairs (one model each), so a rule that only works for one pair fails.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from calc_examples.derivatives.experiment import f
from verified_docs.checks import (
    Derivative,
    Model,
    NumericFunction,
    claim,
    claims_by_name,
    identity,
)

x = sp.Symbol("x", real=True)
# Declared positive where the page works on x > 0, so SymPy may use e^{n ln x} = x^n.
x_positive = sp.Symbol("x", positive=True)
x_negative = sp.Symbol("x", negative=True)
h, a = sp.symbols("h a", positive=True)
C, m, n = sp.symbols("C m n", real=True)

EVERYWHERE = Model(sample={x: (-2.5, 2.5)})
POSITIVE = Model(sample={x_positive: (0.2, 3.0)})
TRIG = Model(sample={x: (-1.2, 1.2)})  # inside (-pi/2, pi/2), where tan is defined
CONSTANT = Model(sample={x: (-2.5, 2.5), C: (-5.0, 5.0)})
POWER = Model(sample={x_positive: (0.2, 3.0), n: (-3.0, 3.0)})
NEGATIVE_POWER = Model(sample={x_positive: (0.2, 3.0), m: (0.5, 4.0)}, where={n: -m})
EXPONENTIAL_BASE = Model(sample={x: (-2.0, 2.0), a: (0.25, 4.0)})
DIFFERENCE = Model(sample={x: (-2.0, 2.0), h: (0.01, 1.0)})
EXPERIMENT = Model(
    sample={x: (-1.0, 3.0), h: (0.01, 1.0)},
    names={r"\frac{df}{dx}": Derivative(f(x), x)},
    functions={"f": f},
)
QUOTIENT = Model(sample={x: (-0.8, 3.0)})  # x > -1, where 1 + x is not zero
UNIT = Model(sample={x: (-0.9, 0.9)})  # inside (-1, 1), where arcsin is differentiable


@dataclass(frozen=True)
class TangentLine:
    """The tangent line of ``expr`` at ``at``: a value and a slope, both at one point.

    ``Derivative`` differentiates at the sampled point; a tangent line needs the slope at a
    fixed point and the line everywhere, so it gets its own quantity with the same two routes.
    """

    expr: sp.Expr
    at: sp.Rational
    method: str = "central finite differences"

    def symbolic(self, model: Model) -> Any:
        slope = sp.diff(self.expr, x).subs(x, self.at)
        return self.expr.subs(x, self.at) + slope * (x - self.at)

    def numeric(self, model: Model) -> NumericFunction:
        function = sp.lambdify(x, self.expr, "numpy")
        at, step = float(self.at), 1e-6 * (1 + abs(float(self.at)))
        slope = (function(at + step) - function(at - step)) / (2 * step)

        def line(point: Mapping[sp.Symbol, float]) -> float:
            return float(function(at) + slope * (point[x] - at))

        return line


# -- The definition and the numeric experiment ---------------------------------------------
identity("deriv-quotient-at-1", "deriv-central-quadratic", model=EXPERIMENT)
identity("deriv-forward-cubic", "deriv-central-cubic", model=DIFFERENCE)
claims_by_name(EXPERIMENT, {"deriv-experiment-derivative": r"\frac{df}{dx}"})


# f'(1): the derivative with respect to x, where x is not sampled but fixed at 1.
AT_ONE = Model(sample={h: (0.01, 1.0)}, where={x: sp.Integer(1)}, functions={"f": f})


@claim("deriv-experiment-at-1", model=AT_ONE, lhs="f'(1)")
def experiment_at_one(model: Model) -> Derivative:
    return Derivative(f(x), x)


@claim("deriv-tangent-line", model=EXPERIMENT, lhs="y")
def tangent_line(model: Model) -> TangentLine:
    return TangentLine(f(x), sp.Integer(1))


# -- Derivatives of the basic functions ----------------------------------------------------
identity("deriv-constant", model=CONSTANT)
identity("deriv-power", "deriv-power-real", model=POWER)
# The point the numerics section works at: e^x at x = 1, where the derivative is e.
identity("deriv-exp-at-one", model=Model(sample={}, where={x: sp.Integer(1)}))
identity("deriv-power-binomial", "deriv-exp-quotient", model=DIFFERENCE)
identity("deriv-power-negative", model=NEGATIVE_POWER)
identity("deriv-exp", model=EVERYWHERE)
identity("deriv-log", model=POSITIVE)
identity("deriv-exp-base", model=EXPONENTIAL_BASE)
identity("deriv-sin", "deriv-cos", "deriv-tan", model=TRIG)

# -- Rules for combining functions, each on several concrete pairs u, v -------------------
u, v, y = sp.symbols("u v y", real=True)


def rule_model(u_of_x: sp.Expr, v_of_x: sp.Expr) -> Model:
    """Let u and v be functions of x that the page may use, with their derivatives, by name.

    A rule about any u and v is checked for several pairs, so a formula that happens to hold
    for one pair (say, because v' = v for v = e^x) still fails.
    """
    return Model(
        sample={x: (-1.5, 1.5), C: (-5.0, 5.0)},
        where={u: u_of_x, v: v_of_x},
        names={r"\frac{du}{dx}": Derivative(u, x), r"\frac{dv}{dx}": Derivative(v, x)},
    )


# v is never zero here (positive in three pairs, negative in one), so the quotient rule is
# checked on the same pairs, on both sides of v = 0.
RULE_PAIRS = [
    rule_model(sp.sin(x), sp.exp(x)),
    rule_model(x**3 - 2 * x, 1 + x**2),
    rule_model(sp.atan(x), 2 + sp.cos(3 * x)),
    rule_model(sp.exp(x) - x, -(1 + x**2)),  # v < 0: the rules hold on both sides of v = 0
]


@claim("deriv-constant-multiple-rule", model=RULE_PAIRS, lhs=r"\frac{d}{dx}(C u)")
def constant_multiple_rule(model: Model) -> Derivative:
    return Derivative(C * u, x)


@claim("deriv-sum-rule", model=RULE_PAIRS, lhs=r"\frac{d}{dx}(u + v)")
def sum_rule(model: Model) -> Derivative:
    return Derivative(u + v, x)


@claim("deriv-product-rule", model=RULE_PAIRS, lhs=r"\frac{d}{dx}(u v)")
def product_rule(model: Model) -> Derivative:
    return Derivative(u * v, x)


@claim("deriv-quotient-rule", model=RULE_PAIRS, lhs=r"\frac{d}{dx}\left(\frac{u}{v}\right)")
def quotient_rule(model: Model) -> Derivative:
    return Derivative(u / v, x)


def chain_model(outer: Callable[[sp.Expr], sp.Expr], inner: sp.Expr) -> Model:
    """A chain x -> u -> y whose links the page may differentiate by name, in Leibniz form."""
    return Model(
        sample={x: (-1.5, 1.5)},
        where={u: inner, y: outer(u)},
        names={
            r"\frac{dy}{dx}": Derivative(y, x),
            r"\frac{dy}{du}": Derivative(y, u),
            r"\frac{du}{dx}": Derivative(u, x),
        },
    )


CHAIN_PAIRS = [
    chain_model(sp.sin, x**2),
    chain_model(sp.exp, sp.sin(x)),
    chain_model(sp.log, 1 + x**2),
]


claims_by_name(CHAIN_PAIRS, {"deriv-chain-rule": r"\frac{dy}{dx}"})


def inverse_model(
    f_of: Callable[[sp.Expr], sp.Expr], g_of_x: sp.Expr, interval: tuple[float, float]
) -> Model:
    """Let y = g(x) with g the inverse of f, so x = f(y); both derivatives go by name."""
    return Model(
        sample={x: interval},
        where={y: g_of_x},
        names={r"\frac{dy}{dx}": Derivative(y, x), r"\frac{dx}{dy}": Derivative(f_of(y), y)},
    )


def cube(z: sp.Expr) -> sp.Expr:
    return z**3


INVERSE_PAIRS = [
    inverse_model(sp.exp, sp.log(x), (0.2, 3.0)),
    inverse_model(sp.sin, sp.asin(x), (-0.9, 0.9)),
    inverse_model(sp.tan, sp.atan(x), (-3.0, 3.0)),
    inverse_model(cube, sp.cbrt(x), (0.2, 3.0)),
]
identity("deriv-inverse-step", model=INVERSE_PAIRS)
claims_by_name(INVERSE_PAIRS, {"deriv-inverse-rule": r"\frac{dy}{dx}"})


# -- Worked examples -----------------------------------------------------------------------
identity(
    "deriv-example-constant-multiple",
    "deriv-example-sum",
    "deriv-example-product",
    model=EVERYWHERE,
)
identity("deriv-example-quotient", model=QUOTIENT)
X_TO_THE_X = Model(sample={x_positive: (0.2, 3.0)}, where={y: x_positive**x_positive})
identity(
    "deriv-example-x-log-x",
    "deriv-example-x-to-the-x",
    "deriv-log-of-x-to-the-x",
    model=X_TO_THE_X,
)
identity("deriv-power-as-exponential", model=POWER)
identity("deriv-exponential-base-as-e", model=EXPONENTIAL_BASE)
identity("deriv-experiment-expansion", model=AT_ONE)
identity("deriv-example-arcsin", model=UNIT)

CHAIN_EXAMPLE = Model(
    sample={x: (-2.0, 2.0)},
    where={u: x**2},
    names={
        r"\frac{dy}{dx}": Derivative(sp.sin(u), x),
        r"\frac{dy}{du}": Derivative(sp.sin(u), u),
        r"\frac{du}{dx}": Derivative(u, x),
    },
)
claims_by_name(CHAIN_EXAMPLE, {"deriv-example-chain": r"\frac{dy}{dx}"})


# ln as the inverse of exp: y = ln x, so x = e^y.
LOG_AS_INVERSE = Model(
    sample={x_positive: (0.2, 3.0)},
    where={y: sp.log(x_positive)},
    names={r"\frac{dy}{dx}": Derivative(y, x_positive)},
)
identity("deriv-log-implicit", model=LOG_AS_INVERSE)
claims_by_name(LOG_AS_INVERSE, {"deriv-log-as-inverse": r"\frac{dy}{dx}"})


# -- Activation functions ------------------------------------------------------------------
# sigma is a derived variable, sigma(x) = 1 / (1 + e^{-x}), so the page writes it as a name.
sigma = sp.Symbol("sigma", real=True)
ACTIVATION = Model(
    sample={x: (-4.0, 4.0)},
    where={sigma: 1 / (1 + sp.exp(-x))},
    names={r"\frac{d\sigma}{dx}": Derivative(sigma, x)},
)
# ReLU is differentiable on each side of 0, not at 0: each side is checked on its own.
RIGHT_OF_ZERO = Model(sample={x_positive: (0.05, 3.0)})
LEFT_OF_ZERO = Model(sample={x_negative: (-3.0, -0.05)})

claims_by_name(ACTIVATION, {"deriv-sigmoid": r"\frac{d\sigma}{dx}"})
identity("deriv-tanh", "deriv-softplus", model=ACTIVATION)
identity("deriv-relu-positive", model=RIGHT_OF_ZERO)
identity("deriv-relu-negative", model=LEFT_OF_ZERO)

# -- Common mistakes: each must be refuted -------------------------------------------------
identity("deriv-mistake-negative-power", model=NEGATIVE_POWER)
identity("deriv-mistake-product", "deriv-mistake-chain", model=EVERYWHERE)
identity("deriv-mistake-quotient-sign", model=QUOTIENT)
identity("deriv-mistake-exp-base", model=EXPONENTIAL_BASE)
identity("deriv-mistake-x-to-the-x-power", "deriv-mistake-x-to-the-x-exp", model=POSITIVE)

# -- Exercises -----------------------------------------------------------------------------
# Exercise 1: x^3 stays in (0, pi), where sin(x^3) > 0 and the logarithm is defined.
w = sp.Symbol("w", real=True)
LOG_SIN = Model(sample={x: (0.2, 1.4)}, where={u: x**3, v: sp.sin(u), w: v**2})  # 0 < x < pi^(1/3)
identity(
    "deriv-ex1-option-a",
    "deriv-ex1-option-b",
    "deriv-ex1-option-c",
    "deriv-ex1-option-d",
    "deriv-ex1-cot",
    "deriv-ex1-simplify",
    model=LOG_SIN,
)
claims_by_name(
    ACTIVATION,
    {
        "deriv-ex2-option-a": r"\frac{d\sigma}{dx}",
        "deriv-ex2-option-b": r"\frac{d\sigma}{dx}",
        "deriv-ex2-option-c": r"\frac{d\sigma}{dx}",
        "deriv-ex2-option-d": r"\frac{d\sigma}{dx}",
    },
)
identity("deriv-ex3-product-chain", model=EVERYWHERE)
identity("deriv-ex4-sqrt", model=POSITIVE)


@claim("deriv-ex5-tangent", model=EVERYWHERE, lhs="y")
def exercise_tangent(model: Model) -> TangentLine:
    return TangentLine(sp.exp(x), sp.Integer(0))
