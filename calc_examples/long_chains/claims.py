"""Checks for the claims of docs/long-chains.md.

Each check says what a claim's left-hand side means; the engine verifies the right-hand side
the page shows, symbolically and by finite differences.
"""

import sympy as sp

from calc_examples.long_chains.chain import f, t, u1, u2, u_of_t, x1, x2, x_of_u
from verified_docs.checks import Derivative, Expression, Model, claim, claims_by_name, identity

X = sp.Matrix([x1, x2])
U = sp.Matrix([u1, u2])

CHAIN = Model(
    sample={t: (-3.0, 3.0)},
    where={**u_of_t, **x_of_u},
    names={
        # Along the chain t -> u -> x -> f: with respect to t the total derivative.
        r"\frac{df}{dt}": Derivative(f, t),
        r"\frac{\partial f}{\partial \mathbf{x}}": Derivative(f, [x1, x2]),
        r"\nabla f": Derivative(f, [x1, x2], layout="gradient"),
        r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}}": Derivative(X, [u1, u2]),
        r"\frac{d\mathbf{u}}{dt}": Derivative(U, t),
        r"\frac{\partial x_1}{\partial u_1}": Derivative(x1, u1),
        r"\frac{\partial x_1}{\partial u_2}": Derivative(x1, u2),
        r"\frac{\partial x_2}{\partial u_1}": Derivative(x2, u1),
        r"\frac{\partial x_2}{\partial u_2}": Derivative(x2, u2),
    },
)


@claim("long-chain-f-of-t", model=CHAIN, lhs="f(t)")
def f_of_t(model: Model) -> Expression:
    """The function along the chain: the engine expands x and u into t."""
    return Expression(f)


claims_by_name(
    CHAIN,
    {
        "long-chain-dfdt-direct": r"\frac{df}{dt}",
        "long-chain-rule": r"\frac{df}{dt}",
        "long-chain-assembled": r"\frac{df}{dt}",
        "long-chain-du-dt": r"\frac{d\mathbf{u}}{dt}",
        "long-chain-dx-du": r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}}",
        "long-chain-df-dx": r"\frac{\partial f}{\partial \mathbf{x}}",
    },
)

# A product of Jacobians on the left, its value on the right.
identity("long-chain-step-a", "long-chain-step-b", model=CHAIN)


# Exercise 1: f = x1^3 cos(x2) e^{x3} along x(t) = (2t, 1 - t^2, e^t).
y1, y2, y3 = sp.symbols("x_1 x_2 x_3", real=True)
QUIZ_1 = Model(
    sample={t: (-1.5, 1.5)},
    where={y1: 2 * t, y2: 1 - t**2, y3: sp.exp(t)},
    names={r"\frac{df}{dt}": Derivative(y1**3 * sp.cos(y2) * sp.exp(y3), t)},
)
claims_by_name(
    QUIZ_1,
    {
        "long-chain-quiz-1-option-a": r"\frac{df}{dt}",
        "long-chain-quiz-1-closed-form": r"\frac{df}{dt}",
        "long-chain-quiz-1-option-b": r"\frac{df}{dt}",
        "long-chain-quiz-1-option-c": r"\frac{df}{dt}",
        "long-chain-quiz-1-option-d": r"\frac{df}{dt}",
    },
)

# Exercise 2: f = sin(x1) cos(x2) e^{x3} through x(u) and u(t).
v1, v2 = sp.symbols("u_1 u_2", real=True)
QUIZ_2 = Model(
    sample={t: (-2.0, 2.0)},
    where={
        v1: 1 + t / 2,
        v2: 1 - t / 2,
        y1: sp.sin(v1) + sp.cos(v2),
        y2: sp.cos(v1) - sp.sin(v2),
        y3: sp.exp(v1 + v2),
    },
    names={r"\frac{df}{dt}": Derivative(sp.sin(y1) * sp.cos(y2) * sp.exp(y3), t)},
)
claims_by_name(
    QUIZ_2,
    {
        "long-chain-quiz-2-option-a": r"\frac{df}{dt}",
        "long-chain-quiz-2-option-b": r"\frac{df}{dt}",
        "long-chain-quiz-2-option-c": r"\frac{df}{dt}",
        "long-chain-quiz-2-option-d": r"\frac{df}{dt}",
    },
)
