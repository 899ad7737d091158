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
from verified_docs.checks import Derivative, Model, claim, matrix_symbols, sample_entries

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
RUNNING = plane(f, **{JACOBIAN_OF_GRADIENT: Derivative(GRADIENT_BY_HAND, XY)})


@claim("hess-running-gradient", model=RUNNING, lhs=r"\nabla f")
def running_gradient() -> Derivative:
    return Derivative(f, XY, layout="gradient")


@claim("hess-running-hessian", model=RUNNING, lhs="H_f")
def running_hessian() -> Hessian:
    return Hessian(f, XY)


@claim("hess-jacobian-of-gradient", model=RUNNING, lhs=JACOBIAN_OF_GRADIENT)
def jacobian_of_gradient() -> Derivative:
    """The Jacobian of the gradient written out by hand (itself a verified claim)."""
    return Derivative(GRADIENT_BY_HAND, XY)


@claim("hess-running-mixed", model=RUNNING, lhs=r"\frac{\partial^2 f}{\partial x \partial y}")
def running_mixed() -> SecondPartial:
    return SecondPartial(f, x, y)


# -- f = xy --------------------------------------------------------------------------------------
@claim("hess-xy", model=plane(x * y), lhs="H_f")
def hessian_of_xy() -> Hessian:
    return Hessian(x * y, XY)


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


def field_jacobian() -> Derivative:
    return Derivative(vector_field, XY)


for field_id in (
    "hess-field-jacobian",
    "hess-field-not-symmetric",
    "hess-field-second-derivatives",
):
    claim(field_id, model=FIELD, lhs=r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}")(
        field_jacobian
    )

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


def symmetric_field_jacobian() -> Derivative:
    return Derivative(SYMMETRIC_FIELD, XY)


for field_2_id in ("hess-ex3-option-a", "hess-ex3-option-b", "hess-ex3-option-c"):
    claim(field_2_id, model=FIELD_2, lhs=r"\frac{\partial \mathbf{F}}{\partial \mathbf{x}}")(
        symmetric_field_jacobian
    )


@claim(
    "hess-ex3-potential",
    model=plane(POTENTIAL, **{r"\nabla g": Derivative(POTENTIAL, XY, layout="gradient")}),
    lhs=r"\nabla g",
)
def potential_gradient() -> Derivative:
    return Derivative(POTENTIAL, XY, layout="gradient")


# -- One variable: f = 3x^2 - 4x --------------------------------------------------------------
PARABOLA = 3 * x**2 - 4 * x


@claim(
    "hess-1d-second",
    model=Model(sample={x: (-3.0, 3.0)}),
    lhs=r"\frac{d^2 f}{dx^2}",
)
def parabola_second_derivative() -> SecondPartial:
    return SecondPartial(PARABOLA, x, x)


# -- The counterexample to symmetry, f = xy(x^2 - y^2)/(x^2 + y^2) -----------------------------
ON_Y_AXIS = Model(sample={y: (-2.0, 2.0)}, where={x: sp.Integer(0)})
ON_X_AXIS = Model(sample={x: (-2.0, 2.0)}, where={y: sp.Integer(0)})


@claim("hess-counter-fx-axis", model=ON_Y_AXIS, lhs=r"\frac{\partial f}{\partial x}")
def counter_fx_on_y_axis() -> Derivative:
    return Derivative(counterexample, x)


@claim("hess-counter-fy-axis", model=ON_X_AXIS, lhs=r"\frac{\partial f}{\partial y}")
def counter_fy_on_x_axis() -> Derivative:
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
def counter_mixed_away() -> SecondPartial:
    return SecondPartial(counterexample, x, y)


# -- Quadratic forms, norms and least squares, at several sizes --------------------------------
def vector_model(size: int) -> Model:
    """Vectors of n entries, a general (not symmetric) A, a symmetric S and the identity I."""
    a = matrix_symbols("A", size, size)
    full = matrix_symbols("S", size, size)
    s = sp.ImmutableMatrix(size, size, lambda i, j: full[min(i, j), max(i, j)])
    vec = matrix_symbols("x", size, 1)
    return Model(
        sample=sample_entries(a, s, vec),
        names={"A": a, "S": s, "I": sp.eye(size), r"\mathbf{x}": vec},
    )


VECTORS = [vector_model(size) for size in (2, 3, 4)]


def _x(model: Model) -> sp.ImmutableMatrix:
    return model.names[r"\mathbf{x}"]


def quadratic_form_hessian(model: Model) -> Hessian:
    a, vec = model.names["A"], _x(model)
    return Hessian((vec.T * a * vec)[0, 0], vec)


for quadratic_id in ("hess-quadratic-form", "hess-quadratic-2a"):
    claim(quadratic_id, model=VECTORS, lhs="H_f")(quadratic_form_hessian)


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


def least_squares_hessian(model: Model) -> Hessian:
    return Hessian(_residual_norm(model), _x(model))


for least_squares_id in (
    "hess-least-squares",
    "hess-ex2-option-a",
    "hess-ex2-option-b",
    "hess-ex2-option-c",
    "hess-ex2-option-d",
):
    claim(least_squares_id, model=LEAST_SQUARES, lhs="H_f")(least_squares_hessian)


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


@claim("hess-lse", model=SOFTMAX, lhs="H_f")
def lse_hessian(model: Model) -> Hessian:
    return Hessian(_lse(model), _x(model))


@claim("hess-lse-null", model=SOFTMAX)
def lse_null_direction() -> None:
    """An identity: the page's H_f 1, with H_f from second differences, must be the zero vector."""


# -- Second-order Taylor polynomial of the running example at p = (1, 1) -----------------------
P = (sp.Integer(1), sp.Integer(1))
AT_P = at_point(f, *P, name=r"\mathbf{p}")


@claim("hess-taylor-gradient-at-p", model=AT_P, lhs=r"\nabla f")
def taylor_gradient() -> Derivative:
    return Derivative(f, XY, layout="gradient")


@claim("hess-taylor-hessian-at-p", model=AT_P, lhs="H_f")
def taylor_hessian() -> Hessian:
    return Hessian(f, XY)


d1, d2 = sp.symbols("Delta_1 Delta_2", real=True)
STEPS = Model(
    sample={d1: (-1.0, 1.0), d2: (-1.0, 1.0)},
    names={r"\boldsymbol{\Delta}": sp.ImmutableMatrix([d1, d2])},
)


@claim("hess-taylor-at-p", model=STEPS, lhs=r"q(\boldsymbol{\Delta})")
def taylor_at_p() -> TaylorQuadratic:
    return TaylorQuadratic(f, XY, P, (d1, d2))


# -- Critical points --------------------------------------------------------------------------
@claim("hess-saddle", model=plane(x**2 - y**2), lhs="H_f")
def saddle() -> Hessian:
    return Hessian(x**2 - y**2, XY)


@claim("hess-bowl", model=plane(x**2 + y**2), lhs="H_f")
def bowl() -> Hessian:
    return Hessian(x**2 + y**2, XY)


@claim("hess-degenerate-min", model=plane(x**2 + y**4), lhs="H_f")
def degenerate_min() -> Hessian:
    return Hessian(x**2 + y**4, XY)


@claim("hess-degenerate-saddle", model=plane(x**2 - y**4), lhs="H_f")
def degenerate_saddle() -> Hessian:
    return Hessian(x**2 - y**4, XY)


ROOT_HALF = 1 / sp.sqrt(2)
CRITICAL = [at_point(f, ROOT_HALF, sp.Integer(0)), at_point(f, -ROOT_HALF, sp.Integer(0))]


@claim("hess-running-critical", model=CRITICAL, lhs=r"\nabla f")
def running_critical(model: Model) -> Derivative:
    return Derivative(f, XY, layout="gradient")


@claim("hess-running-max", model=CRITICAL[0], lhs="H_f")
def running_max() -> Hessian:
    return Hessian(f, XY)


@claim("hess-running-min", model=CRITICAL[1], lhs="H_f")
def running_min() -> Hessian:
    return Hessian(f, XY)


# -- Exercise 1: f = x^3 - 3x + y^2 -----------------------------------------------------------
CUBIC = x**3 - 3 * x + y**2


@claim("hess-ex1-gradient", model=plane(CUBIC), lhs=r"\nabla f")
def cubic_gradient() -> Derivative:
    return Derivative(CUBIC, XY, layout="gradient")


def cubic_hessian() -> Hessian:
    return Hessian(CUBIC, XY)


for cubic_id in (
    "hess-ex1-option-a",
    "hess-ex1-option-b",
    "hess-ex1-option-c",
    "hess-ex1-option-d",
):
    claim(cubic_id, model=plane(CUBIC), lhs="H_f")(cubic_hessian)


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


@claim("hess-counter-origin-yx", model=AT_ORIGIN, lhs=r"\frac{\partial^2 f}{\partial y \partial x}")
def counter_origin_yx() -> IteratedPartial:
    return IteratedPartial(counterexample, y, x, ORIGIN)


def counter_origin_xy() -> IteratedPartial:
    return IteratedPartial(counterexample, x, y, ORIGIN)


for origin_id in ("hess-counter-origin-xy", "hess-counter-origin-symmetric"):
    claim(origin_id, model=AT_ORIGIN, lhs=r"\frac{\partial^2 f}{\partial x \partial y}")(
        counter_origin_xy
    )


def _identity(*_: Model) -> None:
    """An identity: every side the page shows is evaluated, and all must agree."""


claim("hess-norm-as-inner-product", model=VECTORS)(_identity)
claim("hess-quadratic-transpose-form", model=VECTORS)(_identity)
claim("hess-least-squares-form", model=LEAST_SQUARES)(_identity)
# The matrix of second derivatives of F, written out: what the refuted option computes.
claim("hess-field-second-derivatives-value", model=FIELD)(_identity)
