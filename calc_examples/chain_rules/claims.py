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
from verified_docs.checks import Derivative, Model, claim, claims_by_name, matrix_symbols

x_direct = sp.Symbol("x_{direct}", real=True)
# dy/dx with respect to the free variable x: every path from x to y counts.
TOTAL = Derivative(y, x)
DY_DX = r"\frac{dy}{dx}"

# --- Single-variable chain rule -------------------------------------------------------------

SIN_SQUARE = Model(
    sample={x: (-2.0, 2.0)},
    where=sin_square,
    names={
        DY_DX: TOTAL,
        r"\frac{du}{dx}": Derivative(u, x),
        r"\frac{dy}{du}": Derivative(y, u),
    },
)
claims_by_name(
    SIN_SQUARE,
    {
        "chain-sin-du-dx": r"\frac{du}{dx}",
        "chain-sin-dy-du": r"\frac{dy}{du}",
        "chain-sin-dydx": DY_DX,
        "chain-sin-one-by-one": DY_DX,
        "chain-sin-wrong-substitution": DY_DX,
    },
)


def log_sine_model(interval: tuple[float, float]) -> Model:
    """Each link differentiated alone (its own definition by its input), and the whole chain."""
    return Model(
        sample={x: interval},
        where=log_sine,
        names={
            DY_DX: TOTAL,
            r"\frac{du}{dx}": Derivative(u, x),
            r"\frac{dv}{du}": Derivative(v, u),
            r"\frac{dw}{dv}": Derivative(w, v),
            r"\frac{dy}{dw}": Derivative(y, w),
        },
    )


# x^3 stays in (0.064, 2.75), inside (0, pi), then in (3.375, 5.83), inside (pi, 2 pi):
# sin(x^3) is never 0, and the rules are checked where it is positive and where it is negative.
LOG_SINE = [log_sine_model((0.4, 1.4)), log_sine_model((1.5, 1.8))]
claims_by_name(
    LOG_SINE,
    {
        "chain-log-du-dx": r"\frac{du}{dx}",
        "chain-log-dv-du": r"\frac{dv}{du}",
        "chain-log-dw-dv": r"\frac{dw}{dv}",
        "chain-log-dy-dw": r"\frac{dy}{dw}",
        "chain-log-product": DY_DX,
        "chain-log-substituted": DY_DX,
        "chain-log-seed-cos": DY_DX,
        "chain-log-dropped-two": DY_DX,
        "chain-log-outer-only": DY_DX,
    },
)


# --- Total-derivative chain rule --------------------------------------------------------------


def paths_model(links: dict[sp.Symbol, sp.Expr], extra: dict[str, Derivative]) -> Model:
    """A chain whose variables take x directly: that direct entry is renamed x_direct."""
    # u_1 = x^2 is a function of the input x; every later link takes x as x_direct.
    later = {name: d.subs(x, x_direct) for name, d in links.items() if name != u1}
    where = {x_direct: x, u1: links[u1], **later}
    return Model(sample={x: (-2.0, 2.0)}, where=where, names={DY_DX: TOTAL, **extra})


SUM = paths_model(
    sum_paths,
    {
        r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
        r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
    },
)
claims_by_name(
    SUM,
    {
        "chain-sum-partial-x": r"\frac{\partial y}{\partial x}",
        "chain-sum-partial-u": r"\frac{\partial y}{\partial u_1}",
        "chain-sum-du-dx": r"\frac{du_1}{dx}",
        "chain-sum-total": DY_DX,
        "chain-sum-naive-partial": DY_DX,
        "chain-sum-naive-one-path": DY_DX,
    },
)

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
claims_by_name(
    SINE,
    {
        "chain-sine-du2-dx": r"\frac{du_2}{dx}",
        "chain-sine-total": DY_DX,
        "chain-sine-seed-sum": DY_DX,
    },
)

PRODUCT = paths_model(
    product_paths,
    {
        r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
        r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
    },
)
claims_by_name(
    PRODUCT,
    {
        "chain-product-partial-x": r"\frac{\partial y}{\partial x}",
        "chain-product-partial-u": r"\frac{\partial y}{\partial u_1}",
        "chain-product-total": DY_DX,
        "chain-product-multiplied": DY_DX,
    },
)


def two_paths(first: sp.Expr, second: sp.Expr, outer: sp.Expr) -> Model:
    """One instance of the general law: y = outer(x, u_1, u_2), with u_1 and u_2 functions of x.

    ``outer`` is written in ``x_direct``, ``u_1`` and ``u_2``: its partials hold the others
    fixed, while dy/dx follows both paths back to x.
    """
    return Model(
        sample={x: (-1.5, 1.5)},
        where={x_direct: x, u1: first, u2: second, y: outer},
        names={
            DY_DX: TOTAL,
            r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
            r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
            r"\frac{\partial y}{\partial u_2}": Derivative(y, u2),
            r"\frac{du_1}{dx}": Derivative(u1, x),
            r"\frac{du_2}{dx}": Derivative(u2, x),
        },
    )


LAW_INSTANCES = [
    two_paths(x**2, sp.sin(x), x_direct * u1 + u2),
    two_paths(sp.exp(x), 3 * x, sp.sin(x_direct + u1 * u2)),
    two_paths(x**3 - x, sp.cos(x), x_direct**2 * u1 * u2),
]
claims_by_name(LAW_INSTANCES, {"chain-total-law": DY_DX})

# The stacked form of y = x * x^2: g_1 = x carries the direct path, g_2 = x^2 the other.
STACKED = Model(
    sample={x: (-2.0, 2.0)},
    where={g1: x, g2: x**2, y: g1 * g2},
    names={
        DY_DX: TOTAL,
        r"\frac{\partial y}{\partial \mathbf{g}}": Derivative(y, [g1, g2]),
        r"\frac{d\mathbf{g}}{dx}": Derivative(sp.Matrix([g1, g2]), x),
    },
)
claims_by_name(STACKED, {"chain-stacked-paths": DY_DX})


# --- Vector chain rule --------------------------------------------------------------------

G = sp.Matrix([g1, g2])
DYVEC_DX = r"\frac{d\mathbf{y}}{dx}"
VECTOR = Model(
    sample={x: (0.3, 2.0)},
    where={g1: g[0], g2: g[1]},
    names={
        # y = f(g(x)), written with g_1, g_2 for g(x): every component through every path.
        DYVEC_DX: Derivative(f, x),
        r"\frac{\partial \mathbf{f}}{\partial \mathbf{g}}": Derivative(f, [g1, g2]),
        r"\frac{d\mathbf{g}}{dx}": Derivative(G, x),
    },
)
claims_by_name(
    VECTOR,
    {
        "chain-vec-df-dg": r"\frac{\partial \mathbf{f}}{\partial \mathbf{g}}",
        "chain-vec-dg-dx": r"\frac{d\mathbf{g}}{dx}",
        "chain-vec-product": DYVEC_DX,
        "chain-vec-elementwise": DYVEC_DX,
        "chain-vec-doubled": DYVEC_DX,
    },
)
DY_DXVEC = r"\frac{\partial \mathbf{y}}{\partial \mathbf{x}}"


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
            # ∂y/∂x of y = f(g(x)): the Jacobian of the composite, differentiated as a whole.
            DY_DXVEC: Derivative(big_f, xs),
            r"\frac{\partial \mathbf{f}}{\partial \mathbf{g}}": Derivative(big_f, gs),
            r"\frac{\partial \mathbf{g}}{\partial \mathbf{x}}": Derivative(big_g, xs),
        },
        dimensions={"m": m, "k": k, "n": n},
    )


# The square instance comes first: there a reversed product has the right shape and is
# refuted by its entries, not merely by its shape.
COMPOSITES = [composite(2, 2, 2), composite(2, 3, 2), composite(3, 2, 1), composite(1, 2, 3)]
claims_by_name(COMPOSITES, {"chain-vec-general": DY_DXVEC, "chain-vec-wrong-order": DY_DXVEC})


# --- Exercises ------------------------------------------------------------------------------

EXERCISE_1 = Model(
    sample={x: (-1.2, 1.2)},
    where={u: x**2, v: sp.exp(u), y: sp.cos(v)},
    names={DY_DX: TOTAL},
)
claims_by_name(
    EXERCISE_1,
    {"chain-ex1-a": DY_DX, "chain-ex1-b": DY_DX, "chain-ex1-c": DY_DX, "chain-ex1-d": DY_DX},
)

EXERCISE_2 = Model(
    sample={x: (-1.5, 1.5)},
    where={x_direct: x, u1: x**2, y: x_direct * sp.exp(u1)},
    names={
        DY_DX: TOTAL,
        r"\frac{\partial y}{\partial x}": Derivative(y, x_direct),
        r"\frac{\partial y}{\partial u_1}": Derivative(y, u1),
        r"\frac{du_1}{dx}": Derivative(u1, x),
    },
)
claims_by_name(
    EXERCISE_2,
    {"chain-ex2-partial": r"\frac{\partial y}{\partial x}", "chain-ex2-total": DY_DX},
)

# Exercises 3 and 4: x in R^2 -> g = (x_1 x_2, x_1 + x_2) -> y = g_1 + g_2^2.
x1, x2 = sp.symbols("x_1 x_2", real=True)
GRADIENT_X = r"\nabla_{\mathbf{x}} y"
EXERCISE_3 = Model(
    sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0)},
    where={g1: x1 * x2, g2: x1 + x2, y: g1 + g2**2},
    names={
        r"\frac{\partial y}{\partial \mathbf{x}}": Derivative(y, [x1, x2]),
        # The gradient is a column: the transpose of the numerator-layout row.
        GRADIENT_X: Derivative(y, [x1, x2], layout="gradient"),
        r"\frac{\partial y}{\partial \mathbf{g}}": Derivative(y, [g1, g2]),
        r"\nabla_{\mathbf{g}} y": Derivative(y, [g1, g2], layout="gradient"),
        r"\frac{\partial \mathbf{g}}{\partial \mathbf{x}}": Derivative(G, [x1, x2]),
    },
)
claims_by_name(
    EXERCISE_3,
    {
        "chain-ex3-jacobian": r"\frac{\partial y}{\partial \mathbf{x}}",
        "chain-ex4-a": GRADIENT_X,
        "chain-ex4-b": GRADIENT_X,
        "chain-ex4-c": GRADIENT_X,
    },
)


# The worked example that makes the untransposed formula of option 4B look right.
@claim(
    "chain-ex4-symmetric-jacobian",
    model=Model(sample={x1: (-2.0, 2.0), x2: (-2.0, 2.0)}),
    lhs=r"\frac{\partial \mathbf{u}}{\partial \mathbf{x}}",
)
def symmetric_example_jacobian(model: Model) -> Derivative:
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
            DY_DXVEC: Derivative(v * hidden_values, xs),
        },
    )


claims_by_name([layer(2, 3, 2), layer(3, 2, 1), layer(1, 2, 3)], {"chain-vec-layer": DY_DXVEC})
