"""Checks for the claims of docs/gradients.md.

Each check says what a claim's left-hand side means: a partial derivative or a gradient of a
function defined here, differentiated by the engine, or a rate of change measured along a line.
Vector and matrix identities are checked at several sizes and shapes, so an identity that holds
only for one size, or only for square or symmetric matrices, fails.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from calc_examples.gradients.functions import f, g, h, x, y
from verified_docs.checks import (
    Derivative,
    Expression,
    Model,
    NumericFunction,
    claim,
    claims_by_name,
    identity,
    matrix_symbols,
    sample_entries,
)

# -- two quantities the engine's Derivative does not express ------------------------------


@dataclass(frozen=True)
class DirectionalDerivative:
    """d/ds f(p + s u) at s = 0: the rate along u, from its definition.

    The engine's Derivative moves one variable at a time; a directional derivative moves all of
    them at once. The numeric route walks a small step both ways along u and never sees the
    gradient the page compares it with.
    """

    expr: sp.Expr
    variables: tuple[sp.Symbol, ...]
    direction: tuple[sp.Expr, ...]
    method: str = "central differences along the direction"

    def moved(self) -> tuple[sp.Symbol, sp.Expr]:
        """Substitute p + s u for p at once, so u itself stays evaluated at the point p."""
        s = sp.Dummy("s", real=True)
        shift = {v: v + s * d for v, d in zip(self.variables, self.direction, strict=True)}
        return s, self.expr.xreplace(shift)

    def symbolic(self, model: Model) -> Any:
        s, moved = self.moved()
        return model.expand(sp.diff(moved, s).subs(s, 0))

    def numeric(self, model: Model) -> NumericFunction:
        s, moved = self.moved()
        arguments = [*model.sample, *model.where]
        function = sp.lambdify([s, *arguments], moved, "numpy")

        def along(point: Mapping[sp.Symbol, float]) -> float:
            values = [point[a] for a in arguments]
            step = 1e-6
            return float((function(step, *values) - function(-step, *values)) / (2 * step))

        return along


@dataclass(frozen=True)
class AtPoint:
    """A quantity evaluated at one fixed point, whatever point the engine samples.

    Lets a page state a gradient at a concrete point (a vector of numbers) and still have it
    computed from the function, by both routes.
    """

    quantity: Derivative | Expression
    point: Mapping[sp.Symbol, float]
    method: str = "central finite differences at the point"

    def symbolic(self, model: Model) -> Any:
        exact = {s: sp.nsimplify(v) for s, v in self.point.items()}
        return self.quantity.symbolic(model).xreplace(exact)

    def numeric(self, model: Model) -> NumericFunction:
        inner = self.quantity.numeric(model)

        def at_the_point(point: Mapping[sp.Symbol, float]) -> Any:
            return inner({**point, **self.point})

        return at_the_point


# -- worked examples: 3x^2 y, 2x + y^2, xy --------------------------------------------------
# Gradients are 2×1 columns (the site's convention); ∂f/∂v is the 1×2 row, numerator layout.
XY = Model(
    sample={x: (-3.0, 3.0), y: (-3.0, 3.0)},
    names={
        r"\frac{\partial f}{\partial x}": Derivative(f, x),
        r"\frac{\partial f}{\partial y}": Derivative(f, y),
        r"\nabla f": Derivative(f, [x, y], layout="gradient"),
        r"\frac{\partial f}{\partial \mathbf{v}}": Derivative(f, [x, y]),
        r"\frac{\partial g}{\partial x}": Derivative(g, x),
        r"\frac{\partial g}{\partial y}": Derivative(g, y),
        r"\nabla g": Derivative(g, [x, y], layout="gradient"),
        r"\frac{\partial h}{\partial x}": Derivative(h, x),
        r"\frac{\partial h}{\partial y}": Derivative(h, y),
        r"\nabla h": Derivative(h, [x, y], layout="gradient"),
    },
)
claims_by_name(
    XY,
    {
        "grad-f-dx": r"\frac{\partial f}{\partial x}",
        "grad-f-dy": r"\frac{\partial f}{\partial y}",
        "grad-f-gradient": r"\nabla f",
        "grad-f-row": r"\frac{\partial f}{\partial \mathbf{v}}",
        "grad-g-dx": r"\frac{\partial g}{\partial x}",
        "grad-g-dy": r"\frac{\partial g}{\partial y}",
        "grad-g-gradient": r"\nabla g",
        "grad-h-gradient": r"\nabla h",
        "grad-mistake-g-dy": r"\frac{\partial g}{\partial y}",
        "grad-mistake-row": r"\nabla f",
    },
)


# -- directional derivative, steepest ascent, linearisation ---------------------------------

U = (sp.Rational(3, 5), sp.Rational(4, 5))
DIRECTION = Model(
    sample={x: (-3.0, 3.0), y: (-3.0, 3.0)},
    names={
        r"\nabla f": Derivative(f, [x, y], layout="gradient"),
        r"\mathbf{u}": sp.ImmutableMatrix(U),
    },
)


@claim("grad-directional", model=DIRECTION, lhs=r"D_{\mathbf{u}} f")
def directional(model: Model) -> DirectionalDerivative:
    return DirectionalDerivative(f, (x, y), U)


GRAD_F = sp.Matrix([f.diff(x), f.diff(y)])
STEEPEST = tuple(GRAD_F / sp.sqrt(GRAD_F.dot(GRAD_F)))
# Away from the x = 0 axis, where the gradient of f vanishes and no direction is steepest.
STEEPEST_MODEL = Model(
    sample={x: (0.5, 3.0), y: (-3.0, 3.0)},
    names={
        r"\nabla f": Derivative(f, [x, y], layout="gradient"),
        r"\mathbf{u}_{\mathrm{up}}": sp.ImmutableMatrix(STEEPEST),
    },
)


@claim("grad-steepest-rate", model=STEEPEST_MODEL, lhs=r"D_{\mathbf{u}_{\mathrm{up}}} f")
def steepest_rate(model: Model) -> DirectionalDerivative:
    return DirectionalDerivative(f, (x, y), STEEPEST)


@claim("grad-steepest-descent", model=STEEPEST_MODEL, lhs=r"D_{-\mathbf{u}_{\mathrm{up}}} f")
def steepest_descent(model: Model) -> DirectionalDerivative:
    return DirectionalDerivative(f, (x, y), tuple(-entry for entry in STEEPEST))


X0 = {x: 1.0, y: 2.0}


@claim("grad-f-value-at-point", model=XY, lhs=r"f(\mathbf{x}_0)")
def value_at_point(model: Model) -> AtPoint:
    return AtPoint(Expression(f), X0)


@claim("grad-f-at-point", model=XY, lhs=r"\nabla f(\mathbf{x}_0)")
def gradient_at_point(model: Model) -> AtPoint:
    return AtPoint(Derivative(f, [x, y], layout="gradient"), X0)


delta_1, delta_2 = sp.symbols(r"\Delta_1 \Delta_2", real=True)
LINEARISATION = Model(
    sample={delta_1: (-1.0, 1.0), delta_2: (-1.0, 1.0)},
    where={x: 1 + delta_1, y: 2 + delta_2},
)


@claim("grad-linearisation", model=LINEARISATION, lhs=r"f(\mathbf{x}_0 + \boldsymbol{\Delta})")
def linearisation(model: Model) -> Expression:
    return Expression(f)


# -- gradients of vector functions, at sizes 2, 3 and 4 -------------------------------------

SIZES = (2, 3, 4)


def vectors(size: int) -> Model:
    """The variable x and a fixed a of one size; 1 is the column of ones of that size."""
    a, xs = matrix_symbols("a", size, 1), matrix_symbols("x", size, 1)
    return Model(
        sample=sample_entries(a, xs),
        names={r"\mathbf{a}": a, r"\mathbf{x}": xs, r"\mathbf{1}": sp.ones(size, 1)},
    )


VECTORS = [vectors(size) for size in SIZES]


def gradient_in_x(function: sp.Expr, model: Model) -> Derivative:
    """The gradient of ``function`` with respect to the model's x: a column of x's size."""
    return Derivative(function, model.names[r"\mathbf{x}"], layout="gradient")


def dot_a(model: Model) -> sp.Expr:
    return (model.names[r"\mathbf{a}"].T * model.names[r"\mathbf{x}"])[0, 0]


def squared_norm(model: Model) -> sp.Expr:
    return sp.Add(*[entry**2 for entry in model.names[r"\mathbf{x}"]])


@claim("grad-linear", model=VECTORS, lhs=r"\nabla f")
def linear(model: Model) -> Derivative:
    return gradient_in_x(dot_a(model), model)


@claim("grad-sum", model=VECTORS, lhs=r"\nabla f")
def total(model: Model) -> Derivative:
    return gradient_in_x(sp.Add(*model.names[r"\mathbf{x}"]), model)


@claim("grad-squared-norm", model=VECTORS, lhs=r"\nabla f")
def squared_norm_gradient(model: Model) -> Derivative:
    return gradient_in_x(squared_norm(model), model)


@claim("grad-norm", model=VECTORS, lhs=r"\nabla f")
def norm_gradient(model: Model) -> Derivative:
    return gradient_in_x(sp.sqrt(squared_norm(model)), model)


@claim("grad-log-sum-exp", model=VECTORS, lhs=r"\nabla f")
def log_sum_exp(model: Model) -> Derivative:
    exponentials = [sp.exp(entry) for entry in model.names[r"\mathbf{x}"]]
    return gradient_in_x(sp.log(sp.Add(*exponentials)), model)


@claim("grad-linear-row", model=VECTORS, lhs=r"\frac{\partial f}{\partial \mathbf{x}}")
def linear_row(model: Model) -> Derivative:
    return Derivative(dot_a(model), model.names[r"\mathbf{x}"])


W3, X3 = matrix_symbols("w", 3, 1), matrix_symbols("x", 3, 1)
WEIGHTED_SUM = (W3.T * X3)[0, 0]
WEIGHTS = Model(
    sample=sample_entries(W3, X3),
    names={
        r"\mathbf{w}": W3,
        r"\mathbf{x}": X3,
        r"\frac{\partial f}{\partial x_2}": Derivative(WEIGHTED_SUM, X3[1]),
        r"\nabla f": Derivative(WEIGHTED_SUM, X3, layout="gradient"),
    },
)
claims_by_name(
    WEIGHTS,
    {"grad-wx-partial": r"\frac{\partial f}{\partial x_2}", "grad-wx-gradient": r"\nabla f"},
)


def symmetric_entry(i: int, j: int) -> sp.Symbol:
    """Entry (i, j) of a symmetric A: the same symbol above and below the diagonal."""
    return sp.Symbol(f"A_{{{min(i, j) + 1}{max(i, j) + 1}}}", real=True)


def quadratic(size: int, *, symmetric: bool) -> Model:
    """The variable x and a square A; ``symmetric`` mirrors the entries above the diagonal."""
    xs = matrix_symbols("x", size, 1)
    if symmetric:
        a = sp.ImmutableMatrix(size, size, symmetric_entry)
    else:
        a = matrix_symbols("A", size, size)
    return Model(sample=sample_entries(a, xs), names={"A": a, r"\mathbf{x}": xs})


@claim("grad-quadratic", model=[quadratic(n, symmetric=False) for n in SIZES], lhs=r"\nabla f")
@claim(
    "grad-quadratic-symmetric",
    model=[quadratic(n, symmetric=True) for n in SIZES],
    lhs=r"\nabla f",
)
@claim(
    "grad-mistake-quadratic",
    model=[quadratic(n, symmetric=False) for n in SIZES],
    lhs=r"\nabla f",
)
def quadratic_form(model: Model) -> Derivative:
    xs, a = model.names[r"\mathbf{x}"], model.names["A"]
    return gradient_in_x((xs.T * a * xs)[0, 0], model)


def least_squares(rows: int, cols: int) -> Model:
    """A rows×cols, x of cols entries, b of rows entries: Ax − b is defined at every shape."""
    a = matrix_symbols("A", rows, cols)
    xs, b = matrix_symbols("x", cols, 1), matrix_symbols("b", rows, 1)
    return Model(
        sample=sample_entries(a, xs, b),
        names={"A": a, r"\mathbf{x}": xs, r"\mathbf{b}": b},
    )


@claim(
    "grad-least-squares",
    "grad-quiz-ls-a",
    "grad-quiz-ls-b",
    "grad-quiz-ls-c",
    "grad-quiz-ls-d",
    model=[least_squares(3, 2), least_squares(2, 3), least_squares(4, 2)],
    lhs=r"\nabla f",
)
def residual_norm(model: Model) -> Derivative:
    a, xs, b = (model.names[k] for k in ("A", r"\mathbf{x}", r"\mathbf{b}"))
    r = a * xs - b
    return gradient_in_x((r.T * r)[0, 0], model)


def jacobian_shapes(rows: int, cols: int) -> Model:
    a, xs = matrix_symbols("A", rows, cols), matrix_symbols("x", cols, 1)
    return Model(sample=sample_entries(a, xs), names={"A": a, r"\mathbf{x}": xs})


@claim(
    "grad-jacobian-ax",
    "grad-mistake-jacobian-ax",
    model=[jacobian_shapes(3, 2), jacobian_shapes(2, 3), jacobian_shapes(2, 2)],
    lhs=r"\frac{\partial (A\mathbf{x})}{\partial \mathbf{x}}",
)
def jacobian_of_ax(model: Model) -> Derivative:
    """∂(Ax)/∂x in numerator layout: one row per entry of Ax."""
    return Derivative(model.names["A"] * model.names[r"\mathbf{x}"], model.names[r"\mathbf{x}"])


# -- functions of a matrix ------------------------------------------------------------------

SHAPES = ((2, 3), (3, 2), (1, 4))
GRAD_X = r"\nabla_{X} f"


def gradient_in_matrix(function: sp.Expr, model: Model) -> Derivative:
    """The gradient with respect to the model's X: a matrix of X's shape."""
    return Derivative(function, model.names["X"], layout="gradient")


def trace_shapes(rows: int, cols: int) -> Model:
    """X rows×cols and A cols×rows, so AX is square and has a trace."""
    a, xs = matrix_symbols("A", cols, rows), matrix_symbols("X", rows, cols)
    gradient = Derivative((a * xs).trace(), xs, layout="gradient")
    return Model(
        sample=sample_entries(a, xs),
        names={
            "A": a,
            "X": xs,
            GRAD_X: gradient,
            r"\frac{\partial f}{\partial X}": Derivative((a * xs).trace(), xs, layout="numerator"),
        },
    )


claims_by_name(
    [trace_shapes(*shape) for shape in SHAPES],
    {
        "grad-trace-ax": GRAD_X,
        "grad-mistake-trace-ax": GRAD_X,
        "grad-trace-ax-numerator": r"\frac{\partial f}{\partial X}",
    },
)


def bilinear_shapes(rows: int, cols: int) -> Model:
    a, b = matrix_symbols("a", rows, 1), matrix_symbols("b", cols, 1)
    xs = matrix_symbols("X", rows, cols)
    return Model(
        sample=sample_entries(a, b, xs),
        names={r"\mathbf{a}": a, r"\mathbf{b}": b, "X": xs},
    )


@claim("grad-bilinear", model=[bilinear_shapes(*shape) for shape in SHAPES], lhs=GRAD_X)
def bilinear(model: Model) -> Derivative:
    a, b, xs = (model.names[k] for k in (r"\mathbf{a}", r"\mathbf{b}", "X"))
    return gradient_in_matrix((a.T * xs * b)[0, 0], model)


def plain_shapes(rows: int, cols: int) -> Model:
    xs = matrix_symbols("X", rows, cols)
    return Model(sample=sample_entries(xs), names={"X": xs})


PLAIN = [plain_shapes(*shape) for shape in SHAPES]
# The page's sides must agree at every shape; the commonly written mistake is refuted by its
# shape.
identity("grad-frobenius-trace", "grad-mistake-frobenius", model=PLAIN)


@claim("grad-frobenius", model=PLAIN, lhs=GRAD_X)
def frobenius(model: Model) -> Derivative:
    return gradient_in_matrix(sp.Add(*[entry**2 for entry in model.names["X"]]), model)


def trace_quadratic_shapes(rows: int, cols: int) -> Model:
    a, xs = matrix_symbols("A", rows, rows), matrix_symbols("X", rows, cols)
    return Model(sample=sample_entries(a, xs), names={"A": a, "X": xs})


@claim(
    "grad-trace-quadratic",
    model=[trace_quadratic_shapes(*shape) for shape in SHAPES],
    lhs=GRAD_X,
)
def trace_quadratic(model: Model) -> Derivative:
    xs, a = model.names["X"], model.names["A"]
    return gradient_in_matrix((xs.T * a * xs).trace(), model)


def square(size: int) -> Model:
    """A square X, strictly diagonally dominant at every draw, so det X > 0 (and asserted)."""
    xs = matrix_symbols("X", size, size)
    return Model(
        sample=sample_entries(xs, diagonal=(3.0, 4.0), interval=(-0.5, 0.5)),
        names={"X": xs},
        conditions=(xs.det() > 0,),
    )


@claim("grad-log-det", model=[square(n) for n in (1, 2, 3)], lhs=GRAD_X)
def log_det(model: Model) -> Derivative:
    return gradient_in_matrix(sp.log(model.names["X"].det()), model)


W2 = matrix_symbols("w", 2, 2)
DET_2_F = W2[0, 0] * W2[1, 1] - W2[0, 1] * W2[1, 0]
DET_2 = Model(
    sample=sample_entries(W2),
    names={
        "W": W2,
        r"\nabla_{W} f": Derivative(DET_2_F, W2, layout="gradient"),
        **{
            rf"\frac{{\partial f}}{{\partial {sp.latex(entry)}}}": Derivative(DET_2_F, entry)
            for entry in W2
        },
    },
)
claims_by_name(DET_2, {"grad-det-2x2": r"\nabla_{W} f"})


# -- exercises ------------------------------------------------------------------------------

x_1, x_2, x_3 = sp.symbols("x_1 x_2 x_3", real=True)
EXERCISE_1 = Model(sample={x_1: (-2.0, 2.0), x_2: (-2.0, 2.0), x_3: (-2.0, 2.0)})


@claim("grad-exercise-1", model=EXERCISE_1, lhs=r"\nabla f")
def exercise_one(model: Model) -> Derivative:
    return Derivative(x_1 * x_2**2 + sp.exp(x_3) * sp.sin(x_1), [x_1, x_2, x_3], layout="gradient")


H_STEEPEST = sp.Matrix([y, x]) / sp.sqrt(x**2 + y**2)
EXERCISE_2 = Model(
    sample={x: (-3.0, 3.0), y: (-3.0, 3.0)},
    names={r"\nabla h": Derivative(h, [x, y], layout="gradient")},
)


@claim("grad-exercise-2", model=EXERCISE_2, lhs=r"D_{\mathbf{u}_{\mathrm{up}}} h")
def exercise_two(model: Model) -> DirectionalDerivative:
    return DirectionalDerivative(h, (x, y), tuple(H_STEEPEST))


def linear_layer(rows: int, cols: int) -> Model:
    """W rows×cols maps x (cols entries) to a prediction compared with a target y (rows)."""
    w = matrix_symbols("W", rows, cols)
    xs, ys = matrix_symbols("x", cols, 1), matrix_symbols("y", rows, 1)
    return Model(
        sample=sample_entries(w, xs, ys),
        names={"W": w, r"\mathbf{x}": xs, r"\mathbf{y}": ys},
    )


@claim(
    "grad-quiz-layer-a",
    "grad-quiz-layer-b",
    "grad-quiz-layer-c",
    model=[linear_layer(*shape) for shape in SHAPES],
    lhs=r"\nabla_{W} L",
)
def layer_loss(model: Model) -> Derivative:
    w, xs, ys = (model.names[k] for k in ("W", r"\mathbf{x}", r"\mathbf{y}"))
    r = w * xs - ys
    return Derivative((r.T * r)[0, 0] / 2, w, layout="gradient")


_a = sp.Symbol("a", real=True)
# The page's d/dx(ax^2) against its 2ax, both sides evaluated.
identity("grad-one-variable-quadratic", model=Model(sample={x: (-2.0, 2.0), _a: (-2.0, 2.0)}))
