"""Checks for the claims of docs/long-chains.md.

Each check says what a claim's left-hand side means; the engine verifies the right-hand side
the page shows, symbolically and by finite differences.
"""

import sympy as sp

from calc_examples.long_chains.chain import f, t, u1, u2, u_of_t, x1, x2, x_of_u
from verified_docs.checks import Derivative, Model, Value, claim

X = sp.Matrix([x1, x2])
U = sp.Matrix([u1, u2])

CHAIN = Model(
    sample={t: (-3.0, 3.0)},
    where={**u_of_t, **x_of_u},
    names={
        r"\frac{\partial f}{\partial \mathbf{x}}": Derivative(f, [x1, x2]),
        r"\nabla f": Derivative(f, [x1, x2], layout="gradient"),
        r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}}": Derivative(X, [u1, u2]),
        r"\frac{d\mathbf{u}}{dt}": Derivative(U, t),
        **{
            rf"\frac{{\partial x_{i}}}{{\partial u_{j}}}": Derivative(x, u)
            for i, x in enumerate([x1, x2], start=1)
            for j, u in enumerate([u1, u2], start=1)
        },
    },
)


@claim("long-chain-f-of-t", model=CHAIN, lhs="f(t)")
def f_of_t() -> Value:
    return Value(f)


@claim("long-chain-dfdt-direct", model=CHAIN, lhs=r"\frac{df}{dt}")
def dfdt_direct() -> Derivative:
    return Derivative(f, t)


@claim("long-chain-rule", model=CHAIN, lhs=r"\frac{df}{dt}")
def chain_rule() -> Derivative:
    return Derivative(f, t)


@claim("long-chain-du-dt", model=CHAIN, lhs=r"\frac{d\mathbf{u}}{dt}")
def du_dt() -> Derivative:
    return Derivative(U, t)


@claim("long-chain-dx-du", model=CHAIN, lhs=r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}}")
def dx_du() -> Derivative:
    return Derivative(X, [u1, u2])


@claim("long-chain-df-dx", model=CHAIN, lhs=r"\frac{\partial f}{\partial \mathbf{x}}")
def df_dx() -> Derivative:
    return Derivative(f, [x1, x2])


@claim("long-chain-step-a", model=CHAIN)
def step_a() -> None:
    """An identity: the page's left side (a product) must equal its right side."""


@claim("long-chain-step-b", model=CHAIN)
def step_b() -> None:
    """An identity between the page's two sides."""


@claim("long-chain-assembled", model=CHAIN, lhs=r"\frac{df}{dt}")
def assembled() -> Derivative:
    return Derivative(f, t)


# Exercise 1: f = x1^3 cos(x2) e^{x3} along x(t) = (2t, 1 - t^2, e^t).
y1, y2, y3 = sp.symbols("x_1 x_2 x_3", real=True)
QUIZ_1 = Model(
    sample={t: (-1.5, 1.5)},
    where={y1: 2 * t, y2: 1 - t**2, y3: sp.exp(t)},
)
quiz_1_f = y1**3 * sp.cos(y2) * sp.exp(y3)


def quiz_1_dfdt() -> Derivative:
    return Derivative(quiz_1_f, t)


for quiz_1_id in (
    "quiz-1-option-a",
    "quiz-1-closed-form",
    "quiz-1-option-b",
    "quiz-1-option-c",
    "quiz-1-option-d",
):
    claim(quiz_1_id, model=QUIZ_1, lhs=r"\frac{df}{dt}")(quiz_1_dfdt)

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
)
quiz_2_f = sp.sin(y1) * sp.cos(y2) * sp.exp(y3)


def quiz_2_dfdt() -> Derivative:
    return Derivative(quiz_2_f, t)


for quiz_2_id in ("quiz-2-option-a", "quiz-2-option-b", "quiz-2-option-c", "quiz-2-option-d"):
    claim(quiz_2_id, model=QUIZ_2, lhs=r"\frac{df}{dt}")(quiz_2_dfdt)
