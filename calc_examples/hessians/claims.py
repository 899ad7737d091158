"""Checks for the claims of docs/hessians.md.

Each check says what a claim's left-hand side means. Hessians are ``Hessian`` quantities:
SymPy's second derivatives on one route, second central differences of the function's values
on the other, so no numeric check trusts a derivative SymPy computed.
"""

import sympy as sp

from calc_examples.hessians.functions import (
    GRADIENT_BY_HAND,
    counterexample,
    f,
    vector_field,
    x,
    y,
)
from calc_examples.hessians.quantities import (
    Hessian,
    IteratedPartial,
    SecondPartial,
    TaylorQuadratic,
)
from verified_docs.checks import (
    Derivative,
    Model,
    claim,
    claims_by_name,
    identity,
    matrix_symbols,
    sample_entries,
)

XY = [x, y]
JACOBIAN_OF_GRADIENT = r"\frac{\partial \nabla f}{\partial \mathbf{x}}"


def plane(function: sp.Expr, **names: object) -> Model:
    """A model of a function of (x, y), with its gradient, Hessian and second partials."""
    return Model(
        sample={x: (-2.0, 2.0), y: (-2.0, 2.0)},
        names={
            r"\nabla f": Derivative(function, XY, layout="gradient"),
            "H_f": Hessian(function, XY),
            r"\frac{\partial^2 f}{\partial x^2}": SecondPartial(function, x, x),
            r"\frac{\partial^2 f}{\partial y^2}": SecondPartial(function, y, y),
            r"\frac{\partial^2 f}{\partial x \partial y}": SecondPartial(function, x, y),
            r"\frac{\partial^2 f}{\partial y \partial x}": SecondPartial(function, y, x),
            **names,
        },
    )


def at_point(function: sp.Expr, px: sp.Expr, py: sp.Expr, name: str = "") -> Model:
    """A model with (x, y) fixed at one point: claims about a gradient or Hessian there.

    ``name`` is the page's name for the point, so "at $\\mathbf{p} = (1, 1)$" is checked.
    """
    point = {name: sp.ImmutableMatrix([px, py])} if name else {}
    return Model(
        sample={},
        where={x: px, y: py},
        names={
            r"\nabla f": Derivative(function, XY, layout="gradient"),
            "H_f": Hessian(function, XY),
            **point,
        },
    )


# -- The running example f = x e^{-x^2-y^2} ---------------------------------------------------
# The Jacobian of the gradient written out by hand (itself a verified claim).
RUNNING = plane(f, **{JACOBIAN_OF_GRADIENT: Derivative(GRADIENT_BY_HAND, XY)})
claims_by_name(
    RUNNING,
    {
        "hess-running-gradient": r"\nabla f",
        "hess-running-hessian": "H_f",
        "hess-jacobian-of-gradient": JACOBIAN_OF_GRADIENT,
        "hess-running-mixed": r"\frac{\partial^2 f}{\partial x \partial y}",
    },
)

# -- f = xy --------------------------------------------------------------------------------------
claims_by_name(plane(x * y), {"hess-xy": "H_f"})


# -- The vector field F = (3x^2 y, 2x + y^2): a Jacobian that is no Hessian ---------------------
F1, F2 = vector_field
FIELD = Model(
    sample={x: (-2.0, 2.0), y: (-2.0, 2.0)},
    names={
        r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}": Derivative(vector_field, XY),
        r"\frac{\partial^2 F_1}{\partial x^2}": SecondPartial(F1, x, x),
        r"\frac{\partial^2 F_1}{\partial x \partial y}": SecondPartial(F1, x, y),
        r"\frac{\partial^2 F_2}{\partial y \partial x}": SecondPartial(F2, y, x),
        r"\frac{\partial^2 F_2}{\partial y^2}": SecondPartial(F2, y, y),
    },
)
claims_by_name(
    FIELD,
    {
        "hess-field-jacobian": r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}",
        "hess-field-not-symmetric": r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}",
        "hess-field-second-derivatives": r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}",
    },
)
# The matrix of second derivatives of F, written out: what the refuted option computes.
identity("hess-field-second-derivatives-value", model=FIELD)

# Exercise 3: a field whose Jacobian is symmetric, and the function it is the gradient of.
SYMMETRIC_FIELD = sp.Matrix([2 * x * y, x**2 + 3 * y**2])
POTENTIAL = x**2 * y + y**3
FIELD_2 = Model(
    sample={x: (-2.0, 2.0), y: (-2.0, 2.0)},
    names={
        r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}": Derivative(SYMMETRIC_FIELD, XY),
        "H_g": Hessian(POTENTIAL, XY),
    },
)
claims_by_name(
    FIELD_2,
    {
        "hess-ex3-option-a": r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}",
        "hess-ex3-option-b": r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}",
        "hess-ex3-option-c": r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}",
    },
)
claims_by_name(
    plane(POTENTIAL, **{r"\nabla g": Derivative(POTENTIAL, XY, layout="gradient")}),
    {"hess-ex3-potential": r"\nabla g"},
)


# -- One variable: f = 3x^2 - 4x --------------------------------------------------------------
PARABOLA = 3 * x**2 - 4 * x


@claim(
    "hess-1d-second",
    model=Model(sample={x: (-3.0, 3.0)}),
    lhs=r"\frac{d^2 f}{dx^2}",
)
def parabola_second_derivative(model: Model) -> SecondPartial:
    return SecondPartial(PARABOLA, x, x)


# -- The counterexample to symmetry, f = xy(x^2 - y^2)/(x^2 + y^2) -----------------------------
ON_Y_AXIS = Model(sample={y: (-2.0, 2.0)}, where={x: sp.Integer(0)})
ON_X_AXIS = Model(sample={x: (-2.0, 2.0)}, where={y: sp.Integer(0)})


@claim("hess-counter-fx-axis", model=ON_Y_AXIS, lhs=r"\frac{\partial f}{\partial x}")
def counter_fx_on_y_axis(model: Model) -> Derivative:
    return Derivative(counterexample, x)


@claim("hess-counter-fy-axis", model=ON_X_AXIS, lhs=r"\frac{\partial f}{\partial y}")
def counter_fy_on_x_axis(model: Model) -> Derivative:
    return Derivative(counterexample, y)


@claim(
    "hess-counter-mixed-away",
    model=Model(
        sample={x: (0.5, 2.0), y: (-2.0, 2.0)},
        names={
            r"\frac{\partial^2 f}{\partial y \partial x}": SecondPartial(counterexample, y, x),
        },
    ),
    lhs=r"\frac{\partial^2 f}{\partial x \partial y}",
)
def counter_mixed_away(model: Model) -> SecondPartial:
    return SecondPartial(counterexample, x, y)


# -- Quadratic forms, norms and least squares, at several sizes --------------------------------
def symmetric_entry(i: int, j: int) -> sp.Symbol:
    """Entry (i, j) of a symmetric S: the same symbol above and below the diagonal."""
    return sp.Symbol(f"S_{{{min(i, j) + 1}{max(i, j) + 1}}}", real=True)


def vector_model(size: int) -> Model:
    """Vectors of n entries, a general (not symmetric) A, a symmetric S and the identity I."""
    a = matrix_symbols("A", size, size)
    s = sp.ImmutableMatrix(size, size, symmetric_entry)
    vec = matrix_symbols("x", size, 1)
    return Model(
        sample=sample_entries(a, s, vec),
        names={"A": a, "S": s, "I": sp.eye(size), r"\mathbf{x}": vec},
    )


VECTORS = [vector_model(size) for size in (2, 3, 4)]


def _x(model: Model) -> sp.ImmutableMatrix:
    return model.names[r"\mathbf{x}"]


@claim("hess-quadratic-form", "hess-quadratic-2a", model=VECTORS, lhs="H_f")
def quadratic_form_hessian(model: Model) -> Hessian:
    a, vec = model.names["A"], _x(model)
    return Hessian((vec.T * a * vec)[0, 0], vec)


@claim("hess-quadratic-symmetric", model=VECTORS, lhs="H_f")
def symmetric_form_hessian(model: Model) -> Hessian:
    s, vec = model.names["S"], _x(model)
    return Hessian((vec.T * s * vec)[0, 0], vec)


@claim("hess-norm-squared", model=VECTORS, lhs="H_f")
def norm_squared_hessian(model: Model) -> Hessian:
    vec = _x(model)
    return Hessian(sum(entry**2 for entry in vec), vec)


def least_squares_model(rows: int, cols: int) -> Model:
    """A is rows×cols, deliberately not square: AᵀA and AAᵀ then differ in shape."""
    a, b, vec = (
        matrix_symbols("A", rows, cols),
        matrix_symbols("b", rows, 1),
        matrix_symbols("x", cols, 1),
    )
    direction = matrix_symbols("v", cols, 1)
    return Model(
        sample=sample_entries(a, b, vec, direction),
        names={"A": a, r"\mathbf{b}": b, r"\mathbf{x}": vec, r"\mathbf{v}": direction},
    )


LEAST_SQUARES = [least_squares_model(*shape) for shape in ((3, 2), (2, 3), (4, 2))]


def _residual_norm(model: Model) -> sp.Expr:
    a, b, vec = model.names["A"], model.names[r"\mathbf{b}"], _x(model)
    return sum(entry**2 for entry in a * vec - b)


@claim("hess-least-squares-gradient", model=LEAST_SQUARES, lhs=r"\nabla f")
def least_squares_gradient(model: Model) -> Derivative:
    return Derivative(_residual_norm(model), _x(model), layout="gradient")


@claim(
    "hess-least-squares",
    "hess-ex2-option-a",
    "hess-ex2-option-b",
    "hess-ex2-option-c",
    "hess-ex2-option-d",
    model=LEAST_SQUARES,
    lhs="H_f",
)
def least_squares_hessian(model: Model) -> Hessian:
    return Hessian(_residual_norm(model), _x(model))


# -- log-sum-exp ---------------------------------------------------------------------------------
def softmax_model(size: int) -> Model:
    vec = matrix_symbols("x", size, 1)
    exps = [sp.exp(entry) for entry in vec]
    total = sum(exps)
    return Model(
        sample=sample_entries(vec),
        names={
            r"\mathbf{x}": vec,
            r"\mathbf{s}": sp.ImmutableMatrix([e / total for e in exps]),
            r"\mathbf{1}": sp.ones(size, 1),
            r"\mathbf{0}": sp.zeros(size, 1),
            "H_f": Hessian(sp.log(total), vec),
        },
    )


SOFTMAX = [softmax_model(size) for size in (2, 3, 4)]


def _lse(model: Model) -> sp.Expr:
    return sp.log(sum(sp.exp(entry) for entry in _x(model)))


@claim("hess-lse-gradient", model=SOFTMAX, lhs=r"\nabla f")
def lse_gradient(model: Model) -> Derivative:
    return Derivative(_lse(model), _x(model), layout="gradient")


claims_by_name(SOFTMAX, {"hess-lse": "H_f"})


# An identity: the page's H_f 1, with H_f from second differences, must be the zero vector.
identity("hess-lse-null", model=SOFTMAX)


# -- Second-order Taylor polynomial of the running example at p = (1, 1) -----------------------
P = (sp.Integer(1), sp.Integer(1))
AT_P = at_point(f, *P, name=r"\mathbf{p}")

claims_by_name(AT_P, {"hess-taylor-gradient-at-p": r"\nabla f", "hess-taylor-hessian-at-p": "H_f"})


d1, d2 = sp.symbols("Delta_1 Delta_2", real=True)
STEPS = Model(
    sample={d1: (-1.0, 1.0), d2: (-1.0, 1.0)},
    names={r"\boldsymbol{\Delta}": sp.ImmutableMatrix([d1, d2])},
)


@claim("hess-taylor-at-p", model=STEPS, lhs=r"q(\boldsymbol{\Delta})")
def taylor_at_p(model: Model) -> TaylorQuadratic:
    return TaylorQuadratic(f, XY, P, (d1, d2))


# -- Critical points --------------------------------------------------------------------------
claims_by_name(plane(x**2 - y**2), {"hess-saddle": "H_f"})
claims_by_name(plane(x**2 + y**2), {"hess-bowl": "H_f"})
claims_by_name(plane(x**2 + y**4), {"hess-degenerate-min": "H_f"})
claims_by_name(plane(x**2 - y**4), {"hess-degenerate-saddle": "H_f"})

ROOT_HALF = 1 / sp.sqrt(2)
CRITICAL = [at_point(f, ROOT_HALF, sp.Integer(0)), at_point(f, -ROOT_HALF, sp.Integer(0))]
claims_by_name(CRITICAL, {"hess-running-critical": r"\nabla f"})
claims_by_name(CRITICAL[0], {"hess-running-max": "H_f"})
claims_by_name(CRITICAL[1], {"hess-running-min": "H_f"})


# -- Exercise 1: f = x^3 - 3x + y^2 -----------------------------------------------------------
claims_by_name(
    plane(x**3 - 3 * x + y**2),
    {
        "hess-ex1-gradient": r"\nabla f",
        "hess-ex1-option-a": "H_f",
        "hess-ex1-option-b": "H_f",
        "hess-ex1-option-c": "H_f",
        "hess-ex1-option-d": "H_f",
    },
)


# -- The counterexample at the origin: the two iterated second partials differ ----------------
ORIGIN = {x: sp.Integer(0), y: sp.Integer(0)}
AT_ORIGIN = Model(
    sample={},
    where=ORIGIN,
    names={
        r"\frac{\partial^2 f}{\partial x \partial y}": IteratedPartial(
            counterexample, x, y, ORIGIN
        ),
        r"\frac{\partial^2 f}{\partial y \partial x}": IteratedPartial(
            counterexample, y, x, ORIGIN
        ),
    },
)
claims_by_name(
    AT_ORIGIN,
    {
        "hess-counter-origin-yx": r"\frac{\partial^2 f}{\partial y \partial x}",
        "hess-counter-origin-xy": r"\frac{\partial^2 f}{\partial x \partial y}",
        "hess-counter-origin-symmetric": r"\frac{\partial^2 f}{\partial x \partial y}",
    },
)

# Rewritings: every side the page shows is evaluated, and all must agree.
identity("hess-norm-as-inner-product", "hess-quadratic-transpose-form", model=VECTORS)
identity("hess-least-squares-form", model=LEAST_SQUARES)
