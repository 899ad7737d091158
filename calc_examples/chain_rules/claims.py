"""Checks for the claims of docs/chain-rules.md.

Each check says what a claim's left-hand side means; the engine verifies the right-hand side
the page shows, symbolically and by finite differences.

``Derivative`` with respect to the free variable ``x`` follows every ``where`` link back to
``x``: it is the total derivative. With respect to a derived variable it holds the other
arguments fixed: a partial. In the total-derivative examples ``x`` enters ``y`` twice, so its
direct entry gets a derived name of its own, ``x_direct = x``; differentiating with respect to
``x_direct`` is the partial ∂y/∂x with ``u_1`` held fixed, and with respect to ``x`` the total
dy/dx. The two are different checks, as they are different numbers.
"""

from collections.abc import Callable

import sympy as sp

from calc_examples.chain_rules.links import (
    f,
    g,
    g1,
    g2,
    log_sine,
    product_paths,
    sin_square,
    sine_paths,
    sum_paths,
    u,
    u1,
    u2,
    v,
    w,
    x,
    y,
)
from verified_docs.checks import Derivative, Model, claim, matrix_symbols

x_direct = sp.Symbol("x_{direct}", real=True)


def total() -> Derivative:
    """dy/dx: every path from x to y counts."""
    return Derivative(y, x)


# --- Single-variable chain rule -------------------------------------------------------------

SIN_SQUARE = Model(
    sample={x: (-2.0, 2.0)},
    where=sin_square,
    names={
        r"\frac{du}{dx}": Derivative(u, x),
        r"\frac{dy}{du}": Derivative(y, u),
    },
)


@claim("chain-sin-du-dx", model=SIN_SQUARE, lhs=r"\frac{du}{dx}")
def sin_du_dx() -> Derivative:
    return Derivative(u, x)


@claim("chain-sin-dy-du", model=SIN_SQUARE, lhs=r"\frac{dy}{du}")
def sin_dy_du() -> Derivative:
    return Derivative(y, u)


for sin_id in ("chain-sin-dydx", "chain-sin-one-by-one", "chain-sin-wrong-substitution"):
    claim(sin_id, model=SIN_SQUARE, lhs=r"\frac{dy}{dx}")(total)


def log_sine_model(interval: tuple[float, float]) -> Model:
    return Model(
        sample={x: interval},
        where=log_sine,
        names={
            r"\frac{du}{dx}": Derivative(u, x),
            r"\frac{dv}{du}": Derivative(v, u),
            r"\frac{dw}{dv}": Derivative(w, v),
            r"\frac{dy}{dw}": Derivative(y, w),
        },
    )


# x^3 stays in (0.064, 2.75), inside (0, pi), then in (3.375, 5.83), inside (pi, 2 pi):
# sin(x^3) is never 0, and the rules are checked where it is positive and where it is negative.
LOG_SINE = [log_sine_model((0.4, 1.4)), log_sine_model((1.5, 1.8))]


def link(after: sp.Symbol, before: sp.Symbol) -> Callable[[], Derivative]:
    """The derivative of one link alone: its own definition, differentiated by its input."""
    return lambda: Derivative(after, before)


for link_id, (after, before) in {
    "chain-log-du-dx": (u, x),
    "chain-log-dv-du": (v, u),
    "chain-log-dw-dv": (w, v),
    "chain-log-dy-dw": (y, w),
}.items():
    claim(link_id, model=LOG_SINE, lhs=rf"\frac{{d{after}}}{{d{before}}}")(link(after, before))

for log_id in (
    "chain-log-product",
    "chain-log-substituted",
    "chain-log-seed-cos",
    "chain-log-dropped-two",
    "chain-log-outer-only",
):
    claim(log_id, model=LOG_SINE, lhs=r"\frac{dy}{dx}")(total)


# --- Total-derivative chain rule --------------------------------------------------------------


def paths_model(links: dict[sp.Symbol, sp.Expr], extra: dict[str, Derivative]) -> Model:
    """A chain whose variables take x directly: that direct entry is renamed x_direct."""
    # u_1 = x^2 is a function of the input x; every later link takes x as x_direct.
    later = {name: d.subs(x, x_direct) for name, d in links.items() if name != u1}
    where = {x_direct: x, u1: links[u1], **later}
    return Model(sample={x: (-2.0, 2.0)}, where=where, names=extra)


SUM = paths_model(
    sum_paths,
    {
        r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
        r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
    },
)


@claim("chain-sum-partial-x", model=SUM, lhs=r"\frac{\partial y}{\partial x}")
def sum_partial_x() -> Derivative:
    return Derivative(y, x_direct)


@claim("chain-sum-partial-u", model=SUM, lhs=r"\frac{\partial y}{\partial u_1}")
def sum_partial_u() -> Derivative:
    return Derivative(y, u1)


@claim("chain-sum-du-dx", model=SUM, lhs=r"\frac{du_1}{dx}")
def sum_du_dx() -> Derivative:
    return Derivative(u1, x)


for sum_id in (
    "chain-sum-total",
    "chain-sum-naive-partial",
    "chain-sum-naive-one-path",
):
    claim(sum_id, model=SUM, lhs=r"\frac{dy}{dx}")(total)

SINE = paths_model(
    sine_paths,
    {
        r"\frac{\partial u_2}{\partial x}": Derivative(u2, x_direct),
        r"\frac{\partial u_2}{\partial u_1}": Derivative(u2, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
        r"\frac{du_2}{dx}": Derivative(u2, x),
        r"\frac{dy}{du_2}": Derivative(y, u2),
    },
)


@claim("chain-sine-du2-dx", model=SINE, lhs=r"\frac{du_2}{dx}")
def sine_du2_dx() -> Derivative:
    return Derivative(u2, x)


for sine_id in ("chain-sine-total", "chain-sine-seed-sum"):
    claim(sine_id, model=SINE, lhs=r"\frac{dy}{dx}")(total)

PRODUCT = paths_model(
    product_paths,
    {
        r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
        r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
    },
)


@claim("chain-product-partial-x", model=PRODUCT, lhs=r"\frac{\partial y}{\partial x}")
def product_partial_x() -> Derivative:
    return Derivative(y, x_direct)


@claim("chain-product-partial-u", model=PRODUCT, lhs=r"\frac{\partial y}{\partial u_1}")
def product_partial_u() -> Derivative:
    return Derivative(y, u1)


for product_id in ("chain-product-total", "chain-product-multiplied"):
    claim(product_id, model=PRODUCT, lhs=r"\frac{dy}{dx}")(total)


def two_paths(
    first: sp.Expr, second: sp.Expr, outer: Callable[[sp.Symbol, sp.Symbol, sp.Symbol], sp.Expr]
) -> Model:
    """One instance of the general law: y = outer(x, u_1, u_2), with u_1 and u_2 functions of x."""
    return Model(
        sample={x: (-1.5, 1.5)},
        where={x_direct: x, u1: first, u2: second, y: outer(x_direct, u1, u2)},
        names={
            r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
            r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
            r"\frac{\partial y}{\partial u_2}": Derivative(y, u2),
            r"\frac{du_1}{dx}": Derivative(u1, x),
            r"\frac{du_2}{dx}": Derivative(u2, x),
        },
    )


LAW_INSTANCES = [
    two_paths(x**2, sp.sin(x), lambda a, b, c: a * b + c),
    two_paths(sp.exp(x), 3 * x, lambda a, b, c: sp.sin(a + b * c)),
    two_paths(x**3 - x, sp.cos(x), lambda a, b, c: a**2 * b * c),
]


@claim("chain-total-law", model=LAW_INSTANCES, lhs=r"\frac{dy}{dx}")
def total_law(model: Model) -> Derivative:
    return Derivative(y, x)


# The stacked form of y = x * x^2: g_1 = x carries the direct path, g_2 = x^2 the other.
STACKED = Model(
    sample={x: (-2.0, 2.0)},
    where={g1: x, g2: x**2, y: g1 * g2},
    names={
        r"\frac{\partial y}{\partial \mathbf{g}}": Derivative(y, [g1, g2]),
        r"\frac{d\mathbf{g}}{dx}": Derivative(sp.Matrix([g1, g2]), x),
    },
)
claim("chain-stacked-paths", model=STACKED, lhs=r"\frac{dy}{dx}")(total)


# --- Vector chain rule --------------------------------------------------------------------

Y = f  # y = f(g(x)), written with g_1, g_2 for g(x)
G = sp.Matrix([g1, g2])
VECTOR = Model(
    sample={x: (0.3, 2.0)},
    where={g1: g[0], g2: g[1]},
    names={
        r"\frac{\partial \mathbf{f}}{\partial \mathbf{g}}": Derivative(f, [g1, g2]),
        r"\frac{d\mathbf{g}}{dx}": Derivative(G, x),
    },
)


@claim("chain-vec-df-dg", model=VECTOR, lhs=r"\frac{\partial \mathbf{f}}{\partial \mathbf{g}}")
def vec_df_dg() -> Derivative:
    return Derivative(f, [g1, g2])


@claim("chain-vec-dg-dx", model=VECTOR, lhs=r"\frac{d\mathbf{g}}{dx}")
def vec_dg_dx() -> Derivative:
    return Derivative(G, x)


def vec_total() -> Derivative:
    """dy/dx of the composite: every component through every path."""
    return Derivative(Y, x)


for vector_id in ("chain-vec-product", "chain-vec-elementwise", "chain-vec-doubled"):
    claim(vector_id, model=VECTOR, lhs=r"\frac{d\mathbf{y}}{dx}")(vec_total)


def composite(m: int, k: int, n: int) -> Model:
    """The chain R^n -> R^k -> R^m, with nonlinear links so that no Jacobian is constant."""
    xs = list(matrix_symbols("x", n, 1))
    gs = list(matrix_symbols("g", k, 1))
    inner = [
        sp.sin(sum((i + 2 * j) % 3 * xj for j, xj in enumerate(xs, start=1))) + xs[i % n] ** 2
        for i in range(1, k + 1)
    ]
    outer = [
        gs[(i - 1) % k] * gs[i % k] + sum((i * j) % 4 * gj for j, gj in enumerate(gs, start=1))
        for i in range(1, m + 1)
    ]
    big_f, big_g = sp.Matrix(outer), sp.Matrix(gs)
    return Model(
        sample={s: (-1.5, 1.5) for s in xs},
        where=dict(zip(gs, inner, strict=True)),
        names={
            r"\mathbf{x}": sp.Matrix(xs),
            r"\mathbf{g}": big_g,
            r"\mathbf{f}": big_f,
            r"\frac{\partial \mathbf{f}}{\partial \mathbf{g}}": Derivative(big_f, gs),
            r"\frac{\partial \mathbf{g}}{\partial \mathbf{x}}": Derivative(big_g, xs),
        },
        dimensions={"m": m, "k": k, "n": n},
    )


# The square instance comes first: there a reversed product has the right shape and is
# refuted by its entries, not merely by its shape.
COMPOSITES = [composite(2, 2, 2), composite(2, 3, 2), composite(3, 2, 1), composite(1, 2, 3)]


def composite_jacobian(model: Model) -> Derivative:
    """∂y/∂x of y = f(g(x)): the Jacobian of the composite, differentiated as a whole."""
    xs = list(model.names[r"\mathbf{x}"])
    return Derivative(model.names[r"\mathbf{f}"], xs)


for general_id in ("chain-vec-general", "chain-vec-wrong-order"):
    claim(general_id, model=COMPOSITES, lhs=r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}}")(
        composite_jacobian
    )


# --- Exercises ------------------------------------------------------------------------------

EXERCISE_1 = Model(sample={x: (-1.2, 1.2)}, where={u: x**2, v: sp.exp(u), y: sp.cos(v)})
for exercise_1_id in ("chain-ex1-a", "chain-ex1-b", "chain-ex1-c", "chain-ex1-d"):
    claim(exercise_1_id, model=EXERCISE_1, lhs=r"\frac{dy}{dx}")(total)

EXERCISE_2 = Model(
    sample={x: (-1.5, 1.5)},
    where={x_direct: x, u1: x**2, y: x_direct * sp.exp(u1)},
    names={
        r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
        r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
    },
)


@claim("chain-ex2-partial", model=EXERCISE_2, lhs=r"\frac{\partial y}{\partial x}")
def exercise_2_partial() -> Derivative:
    return Derivative(y, x_direct)


claim("chain-ex2-total", model=EXERCISE_2, lhs=r"\frac{dy}{dx}")(total)

# Exercises 3 and 4: x in R^2 -> g = (x_1 x_2, x_1 + x_2) -> y = g_1 + g_2^2.
x1, x2 = sp.symbols("x_1 x_2", real=True)
EXERCISE_3 = Model(
    sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0)},
    where={g1: x1 * x2, g2: x1 + x2, y: g1 + g2**2},
    names={
        r"\frac{\partial y}{\partial \mathbf{g}}": Derivative(y, [g1, g2]),
        r"\nabla_{\mathbf{g}} y": Derivative(y, [g1, g2], layout="gradient"),
        r"\frac{\partial \mathbf{g}}{\partial \mathbf{x}}": Derivative(G, [x1, x2]),
    },
)


@claim("chain-ex3-jacobian", model=EXERCISE_3, lhs=r"\frac{\partial y}{\partial \mathbf{x}}")
def exercise_3_jacobian() -> Derivative:
    return Derivative(y, [x1, x2])


def exercise_4_gradient() -> Derivative:
    """The gradient is a column: the transpose of the numerator-layout row."""
    return Derivative(y, [x1, x2], layout="gradient")


for exercise_4_id in ("chain-ex4-a", "chain-ex4-b", "chain-ex4-c"):
    claim(exercise_4_id, model=EXERCISE_3, lhs=r"\nabla_{\mathbf{x}} y")(exercise_4_gradient)


# The worked example that makes the untransposed formula of option 4B look right.
SYMMETRIC_EXAMPLE = Model(sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0)})


@claim(
    "chain-ex4-symmetric-jacobian",
    model=SYMMETRIC_EXAMPLE,
    lhs=r"\frac{\partial \mathbf{u}}{\partial \mathbf{x}}",
)
def symmetric_example_jacobian() -> Derivative:
    return Derivative(sp.Matrix([x1 + x2, x1 - x2]), [x1, x2])


def layer(inputs: int, hidden: int, outputs: int) -> Model:
    """A layer y = V tanh(W x): x has `inputs` entries, W is hidden×inputs, V outputs×hidden."""
    w = matrix_symbols("W", hidden, inputs)
    v = matrix_symbols("V", outputs, hidden)
    xs = matrix_symbols("x", inputs, 1)
    hidden_values = (w * xs).applyfunc(sp.tanh)
    return Model(
        sample={entry: (-1.0, 1.0) for entry in [*w, *v, *xs]},
        names={
            "W": w,
            "V": v,
            r"\mathbf{x}": xs,
            r"\mathbf{1}": sp.ones(hidden, 1),
            r"\mathbf{g}": hidden_values,
            r"\mathbf{y}": v * hidden_values,
        },
    )


@claim(
    "chain-vec-layer",
    model=[layer(2, 3, 2), layer(3, 2, 1), layer(1, 2, 3)],
    lhs=r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}}",
)
def layer_jacobian(model: Model) -> Derivative:
    return Derivative(model.names[r"\mathbf{y}"], model.names[r"\mathbf{x}"])
