"""Checks for the claims of docs/reference.md, the verified reference tables.

Each row of a table states one derivative twice: in numerator layout, as the page writes it
(``\\frac{\\partial y}{\\partial \\mathbf{x}}``), and in denominator layout, the transpose
(for a scalar by a matrix, the gradient, which has the shape of the matrix). A model names the
numerator-layout derivative once; ``identity`` then requires every side of both cells to agree
with it, at every size or shape in the model list. Matrix rows are checked at three shapes,
non-square ones wherever the identity allows them.
"""

from collections.abc import Callable

import sympy as sp

from verified_docs.checks import Derivative, Model, identity, matrix_symbols, sample_entries

VECTOR_SIZES = (2, 3, 4)
SHAPES = ((2, 3), (3, 2), (3, 3))
SQUARE_SIZES = (1, 2, 3)


def partial(y: str, wrt: str) -> str:
    """The page's spelling of the numerator-layout derivative of ``y`` by ``wrt``."""
    return rf"\frac{{\partial {y}}}{{\partial {wrt}}}"


def entrywise(function: Callable[[sp.Expr], sp.Expr], value: sp.MatrixBase) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(value.applyfunc(function))


def applied(function: Callable[[sp.Expr], sp.Expr]) -> Callable[[object], object]:
    """A scalar function the page may apply to a scalar, or to a vector entry by entry."""

    def apply(value: object) -> object:
        if isinstance(value, sp.MatrixBase):
            return entrywise(function, value)
        return function(value)  # type: ignore[arg-type]

    return apply


def sigmoid(z: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-z))


def scalar(value: sp.MatrixBase) -> sp.Expr:
    """The single entry of a 1×1 matrix."""
    return value[0, 0]


# -- scalar rules -----------------------------------------------------------------------------
x, n, t = sp.symbols("x n t", real=True)
POSITIVE = Model(sample={x: (0.3, 3.0), n: (-3.0, 3.0)})
ANY_X = Model(sample={x: (-3.0, 3.0)})
TRIG = Model(sample={x: (-1.2, 1.2)})  # inside (-pi/2, pi/2), where tan is smooth

identity("ref-scalar-power", "ref-scalar-log", "ref-scalar-sqrt", model=POSITIVE)
identity(
    "ref-scalar-exp",
    "ref-scalar-sin",
    "ref-scalar-cos",
    "ref-scalar-tanh",
    "ref-scalar-sigmoid",
    "ref-scalar-softplus",
    model=ANY_X,
)
identity("ref-scalar-tan", model=TRIG)

# The product, quotient and chain rules, for one pair of smooth functions (g > 0 below).
PAIR = Model(
    sample={x: (-2.0, 2.0)},
    functions={
        "f": sp.sin,
        "f'": sp.cos,
        "g": lambda z: sp.exp(z) + z**2,
        "g'": lambda z: sp.exp(z) + 2 * z,
    },
)
identity("ref-scalar-product", "ref-scalar-quotient", "ref-scalar-chain", model=PAIR)


# -- vectors ----------------------------------------------------------------------------------
def vectors(size: int) -> Model:
    """Vectors a, x of the given size, a scalar z, and each row's numerator-layout derivative."""
    a, xs = matrix_symbols("a", size, 1), matrix_symbols("x", size, 1)
    z = sp.Symbol("z", real=True)
    ones = sp.ImmutableMatrix.ones(size, 1)
    length = sp.sqrt(scalar(xs.T * xs))
    x_, a_ = r"\mathbf{x}", r"\mathbf{a}"
    return Model(
        sample={**sample_entries(a, xs), z: (-2.0, 2.0)},
        names={
            x_: xs,
            a_: a,
            r"\mathbf{1}": ones,
            "I_n": sp.ImmutableMatrix.eye(size),
            partial(x_, x_): Derivative(xs, xs),
            partial(r"(\mathbf{a}^\top \mathbf{x})", x_): Derivative(scalar(a.T * xs), xs),
            partial(r"(\mathbf{x}^\top \mathbf{a})", x_): Derivative(scalar(xs.T * a), xs),
            partial(r"(\mathbf{x}^\top \mathbf{x})", x_): Derivative(scalar(xs.T * xs), xs),
            partial(r"\lVert \mathbf{x} \rVert", x_): Derivative(length, xs),
            partial(r"\lVert \mathbf{x} \rVert^2", x_): Derivative(scalar(xs.T * xs), xs),
            partial(r"\operatorname{softplus}(\mathbf{x})", x_): Derivative(
                entrywise(lambda e: sp.log(1 + sp.exp(e)), xs), xs
            ),
            partial(r"\lVert \mathbf{x} - \mathbf{a} \rVert^2", x_): Derivative(
                scalar((xs - a).T * (xs - a)), xs
            ),
            partial(r"(\mathbf{a} \odot \mathbf{x})", x_): Derivative(
                a.multiply_elementwise(xs), xs
            ),
            partial(r"(z\mathbf{x})", "z"): Derivative(z * xs, z),
            partial(r"\operatorname{sum}(\mathbf{x})", x_): Derivative(sum(xs), xs),
            partial(r"\exp(\mathbf{x})", x_): Derivative(entrywise(sp.exp, xs), xs),
            partial(r"\sin(\mathbf{x})", x_): Derivative(entrywise(sp.sin, xs), xs),
            partial(r"\tanh(\mathbf{x})", x_): Derivative(entrywise(sp.tanh, xs), xs),
            partial(r"\operatorname{sigmoid}(\mathbf{x})", x_): Derivative(
                entrywise(sigmoid, xs), xs
            ),
        },
        dimensions={"n": size},
    )


VECTORS = [vectors(size) for size in VECTOR_SIZES]
identity("ref-vec-identity", "ref-vec-identity-den", model=VECTORS)
identity("ref-vec-linear", "ref-vec-linear-den", model=VECTORS)
identity("ref-vec-linear-right", "ref-vec-linear-right-den", model=VECTORS)
identity("ref-vec-inner", "ref-vec-inner-den", model=VECTORS)
identity("ref-vec-norm", "ref-vec-norm-den", model=VECTORS)
identity("ref-vec-norm-squared", "ref-vec-norm-squared-den", model=VECTORS)
identity("ref-vec-softplus", "ref-vec-softplus-den", model=VECTORS)
identity("ref-vec-distance", "ref-vec-distance-den", model=VECTORS)
identity("ref-vec-hadamard", "ref-vec-hadamard-den", model=VECTORS)
identity("ref-vec-scale", "ref-vec-scale-den", model=VECTORS)
identity("ref-vec-sum", "ref-vec-sum-den", model=VECTORS)
identity("ref-vec-exp", "ref-vec-exp-den", model=VECTORS)
identity("ref-vec-sin", "ref-vec-sin-den", model=VECTORS)
identity("ref-vec-tanh", "ref-vec-tanh-den", model=VECTORS)
identity("ref-vec-sigmoid", "ref-vec-sigmoid-den", model=VECTORS)


def rectangular(rows: int, cols: int) -> Model:
    """A rows×cols, x of cols entries, b of rows entries: every product below is defined."""
    a = matrix_symbols("A", rows, cols)
    xs, b = matrix_symbols("x", cols, 1), matrix_symbols("b", rows, 1)
    x_ = r"\mathbf{x}"
    residual = a * xs - b
    return Model(
        sample=sample_entries(a, xs, b),
        names={
            "A": a,
            x_: xs,
            r"\mathbf{b}": b,
            partial(r"(A\mathbf{x})", x_): Derivative(a * xs, xs),
            partial(r"(\mathbf{b}^\top A\mathbf{x})", x_): Derivative(scalar(b.T * a * xs), xs),
            partial(r"\lVert A\mathbf{x} - \mathbf{b} \rVert^2", x_): Derivative(
                scalar(residual.T * residual), xs
            ),
        },
    )


RECTANGULAR = [rectangular(*shape) for shape in SHAPES]
identity("ref-vec-matrix", "ref-vec-matrix-den", model=RECTANGULAR)
identity("ref-vec-bilinear", "ref-vec-bilinear-den", model=RECTANGULAR)
identity("ref-vec-least-squares", "ref-vec-least-squares-den", model=RECTANGULAR)


def symmetric_entry(name: str) -> Callable[[int, int], sp.Symbol]:
    """Entry (i, j) of a symmetric matrix: the same symbol above and below the diagonal."""

    def entry(i: int, j: int) -> sp.Symbol:
        low, high = sorted((i + 1, j + 1))
        return sp.Symbol(f"{name}_{{{low}{high}}}", real=True)

    return entry


def quadratic(size: int) -> Model:
    """A square A, a symmetric S, and x."""
    a, xs = matrix_symbols("A", size, size), matrix_symbols("x", size, 1)
    s = sp.ImmutableMatrix(size, size, symmetric_entry("S"))
    x_ = r"\mathbf{x}"
    return Model(
        sample={
            **sample_entries(a, xs),
            **{entry: (-2.0, 2.0) for entry in sorted(s.free_symbols, key=sp.default_sort_key)},
        },
        names={
            "A": a,
            "S": s,
            x_: xs,
            partial(r"(\mathbf{x}^\top A\mathbf{x})", x_): Derivative(scalar(xs.T * a * xs), xs),
            partial(r"(\mathbf{x}^\top S\mathbf{x})", x_): Derivative(scalar(xs.T * s * xs), xs),
        },
    )


QUADRATIC = [quadratic(size) for size in VECTOR_SIZES]
identity("ref-vec-quadratic", "ref-vec-quadratic-den", model=QUADRATIC)
identity("ref-vec-quadratic-symmetric", "ref-vec-quadratic-symmetric-den", model=QUADRATIC)


# -- scalar functions of a matrix: traces, norms, bilinear forms ------------------------------
def traces(rows: int, cols: int) -> Model:
    """X rows×cols with A, B, C, P, Q, R, a, b shaped so every product below is defined."""
    xs = matrix_symbols("X", rows, cols)
    a, b = matrix_symbols("A", cols, rows), matrix_symbols("B", rows, cols)
    c = matrix_symbols("C", rows, rows)
    p, q, r = (
        matrix_symbols("P", 2, rows),
        matrix_symbols("Q", cols, 2),
        matrix_symbols("R", 2, cols),
    )
    u, v = matrix_symbols("a", rows, 1), matrix_symbols("b", cols, 1)
    frobenius = sp.sqrt(sum(entry**2 for entry in xs))
    misfit = p * xs - r
    quantities = {
        r"\operatorname{tr}(AX)": (a * xs).trace(),
        r"\operatorname{tr}(XA)": (xs * a).trace(),
        r"\operatorname{tr}(X^\top B)": (xs.T * b).trace(),
        r"\operatorname{tr}(PXQ)": (p * xs * q).trace(),
        r"\operatorname{tr}(X^\top CX)": (xs.T * c * xs).trace(),
        r"\lVert X \rVert_F^2": frobenius**2,
        r"\lVert X \rVert_F": frobenius,
        r"\lVert PX - R \rVert_F^2": sum(entry**2 for entry in misfit),
        r"(\mathbf{a}^\top X\mathbf{b})": scalar(u.T * xs * v),
    }
    return Model(
        sample=sample_entries(xs, a, b, c, p, q, r, u, v),
        names={
            "X": xs,
            "A": a,
            "B": b,
            "C": c,
            "P": p,
            "Q": q,
            "R": r,
            r"\mathbf{a}": u,
            r"\mathbf{b}": v,
            **{partial(y, "X"): Derivative(value, xs) for y, value in quantities.items()},
        },
    )


TRACES = [traces(*shape) for shape in SHAPES]
identity("ref-trace-ax", "ref-trace-ax-den", model=TRACES)
identity("ref-trace-xa", "ref-trace-xa-den", model=TRACES)
identity("ref-trace-xtb", "ref-trace-xtb-den", model=TRACES)
identity("ref-trace-pxq", "ref-trace-pxq-den", model=TRACES)
identity("ref-trace-xtcx", "ref-trace-xtcx-den", model=TRACES)
identity("ref-frobenius-squared", "ref-frobenius-squared-den", model=TRACES)
identity("ref-frobenius", "ref-frobenius-den", model=TRACES)
identity("ref-frobenius-misfit", "ref-frobenius-misfit-den", model=TRACES)
identity("ref-bilinear-matrix", "ref-bilinear-matrix-den", model=TRACES)


# -- square matrices: powers, determinants, inverses ------------------------------------------
def square(size: int) -> Model:
    """X square and diagonally dominant (so det X > 0), A, V square, a and b; t is fixed at 0.

    The page's d/dt(...) rows are directional derivatives along V, evaluated at t = 0.
    """
    xs = matrix_symbols("X", size, size)
    a, v = matrix_symbols("A", size, size), matrix_symbols("V", size, size)
    u, w = matrix_symbols("a", size, 1), matrix_symbols("b", size, 1)
    inverse = xs.inv()
    quantities = {
        r"\operatorname{tr}(X)": xs.trace(),
        r"\operatorname{tr}(X^2)": (xs * xs).trace(),
        r"\operatorname{tr}(X^3)": (xs * xs * xs).trace(),
        r"\det X": xs.det(),
        r"\log \det X": sp.log(xs.det()),
        r"\operatorname{tr}(AX^{-1})": (a * inverse).trace(),
        r"(\mathbf{a}^\top X^{-1}\mathbf{b})": scalar(u.T * inverse * w),
    }
    return Model(
        sample={
            **sample_entries(xs, diagonal=(3.0, 4.0), interval=(-0.5, 0.5)),
            **sample_entries(a, v, u, w),
        },
        names={
            "X": xs,
            "A": a,
            "V": v,
            "I": sp.ImmutableMatrix.eye(size),
            r"\mathbf{a}": u,
            r"\mathbf{b}": w,
            "t": sp.Integer(0),
            **{partial(y, "X"): Derivative(value, xs) for y, value in quantities.items()},
        },
        conditions=(xs.det() > 0,),
    )


SQUARES = [square(size) for size in SQUARE_SIZES]
identity("ref-trace-x", "ref-trace-x-den", model=SQUARES)
identity("ref-trace-square", "ref-trace-square-den", model=SQUARES)
identity("ref-trace-cube", "ref-trace-cube-den", model=SQUARES)
identity("ref-det", "ref-det-den", model=SQUARES)
identity("ref-log-det", "ref-log-det-den", model=SQUARES)
identity("ref-det-direction", "ref-log-det-direction", model=SQUARES)
identity("ref-inverse-direction", "ref-trace-inverse", "ref-trace-inverse-den", model=SQUARES)
identity("ref-inverse-bilinear", "ref-inverse-bilinear-den", model=SQUARES)
identity("ref-power-square-direction", "ref-power-cube-direction", model=SQUARES)


def products(rows: int, inner: int, cols: int) -> Model:
    """X, V rows×inner and Y, W inner×cols: the product rule at non-square shapes."""
    xs, v = matrix_symbols("X", rows, inner), matrix_symbols("V", rows, inner)
    y, w = matrix_symbols("Y", inner, cols), matrix_symbols("W", inner, cols)
    return Model(
        sample=sample_entries(xs, v, y, w),
        names={"X": xs, "V": v, "Y": y, "W": w, "t": sp.Integer(0)},
    )


identity("ref-product-direction", model=[products(2, 3, 2), products(3, 2, 4), products(1, 3, 2)])


def symmetric(size: int) -> Model:
    """X symmetric and diagonally dominant, V symmetric: directions that keep X symmetric."""
    xs = sp.ImmutableMatrix(size, size, symmetric_entry("X"))
    v = sp.ImmutableMatrix(size, size, symmetric_entry("V"))
    diagonal = {xs[i, i] for i in range(size)}
    # Sorted: a set's order follows the process's string hashing, and the order of the sample
    # is the order of the draws, so the points (and a counterexample) would change per build.
    return Model(
        sample={
            **{
                entry: (3.0, 4.0) if entry in diagonal else (-0.5, 0.5)
                for entry in sorted(xs.free_symbols, key=sp.default_sort_key)
            },
            **{entry: (-2.0, 2.0) for entry in sorted(v.free_symbols, key=sp.default_sort_key)},
        },
        names={"X": xs, "V": v, "I": sp.ImmutableMatrix.eye(size), "t": sp.Integer(0)},
        conditions=(xs.det() > 0,),
    )


# The Matrix Cookbook's "symmetric" derivative of log det X, used as a gradient, is refuted.
identity(
    "ref-symmetric-log-det",
    "ref-cookbook-symmetric-log-det",
    model=[symmetric(size) for size in SQUARE_SIZES],
)


# -- softmax, log-sum-exp and losses ----------------------------------------------------------
def softmax(z: sp.MatrixBase) -> sp.ImmutableMatrix:
    exponentials = [sp.exp(entry) for entry in z]
    total = sp.Add(*exponentials)
    return sp.ImmutableMatrix([e / total for e in exponentials])


def losses(size: int) -> Model:
    """Scores z, a prediction p, and a target y whose entries are positive and sum to one."""
    z, p = matrix_symbols("z", size, 1), matrix_symbols("p", size, 1)
    free = sp.symbols(f"y_1:{size}", real=True)
    y = sp.ImmutableMatrix([*free, 1 - sp.Add(*free)])
    s = softmax(z)
    z_, p_ = r"\mathbf{z}", r"\mathbf{p}"
    return Model(
        sample={**sample_entries(z, p), **{entry: (0.05, 0.3) for entry in free}},
        names={
            z_: z,
            p_: p,
            r"\mathbf{y}": y,
            r"\mathbf{s}": s,
            r"\mathbf{1}": sp.ImmutableMatrix.ones(size, 1),
            "I_n": sp.ImmutableMatrix.eye(size),
            "n": sp.Integer(size),
            partial(r"\operatorname{LSE}(\mathbf{z})", z_): Derivative(
                sp.log(sum(sp.exp(entry) for entry in z)), z
            ),
            partial(r"\operatorname{softmax}(\mathbf{z})", z_): Derivative(s, z),
            partial(r"\log \operatorname{softmax}(\mathbf{z})", z_): Derivative(
                entrywise(sp.log, s), z
            ),
            partial(r"(-\mathbf{y}^\top \log \operatorname{softmax}(\mathbf{z}))", z_): Derivative(
                -scalar(y.T * entrywise(sp.log, s)), z
            ),
            partial(r"(\lVert \mathbf{p} - \mathbf{y} \rVert^2 / n)", p_): Derivative(
                scalar((p - y).T * (p - y)) / size, p
            ),
        },
        dimensions={"n": size},
    )


LOSSES = [losses(size) for size in VECTOR_SIZES]
identity("ref-lse", "ref-lse-den", model=LOSSES)
identity("ref-softmax", "ref-softmax-den", model=LOSSES)
identity("ref-log-softmax", "ref-log-softmax-den", model=LOSSES)
identity("ref-cross-entropy", "ref-cross-entropy-den", model=LOSSES)
identity("ref-mse", "ref-mse-den", model=LOSSES)

p_s, y_s, z_s = sp.symbols("p y z", real=True)
# Binary cross-entropy: p strictly inside (0, 1), a target y in [0, 1].
identity(
    "ref-bce",
    "ref-bce-logits",
    model=Model(sample={p_s: (0.05, 0.95), y_s: (0.0, 1.0), z_s: (-3.0, 3.0)}),
)


# -- layers -----------------------------------------------------------------------------------
def layers(rows: int, cols: int) -> Model:
    """W rows×cols, x (cols), b and v (rows); z = Wx + b; phi is sin, entry by entry."""
    w = matrix_symbols("W", rows, cols)
    xs, b, v = (
        matrix_symbols("x", cols, 1),
        matrix_symbols("b", rows, 1),
        matrix_symbols("v", rows, 1),
    )
    z = w * xs + b
    x_ = r"\mathbf{x}"
    return Model(
        sample=sample_entries(w, xs, b, v),
        names={
            "W": w,
            x_: xs,
            r"\mathbf{b}": b,
            r"\mathbf{v}": v,
            r"\mathbf{z}": z,
            r"\mathbf{1}": sp.ImmutableMatrix.ones(rows, 1),
            "I_m": sp.ImmutableMatrix.eye(rows),
            partial(r"(W\mathbf{x} + \mathbf{b})", x_): Derivative(z, xs),
            partial(r"(W\mathbf{x} + \mathbf{b})", r"\mathbf{b}"): Derivative(z, b),
            partial(r"(\mathbf{v}^\top (W\mathbf{x} + \mathbf{b}))", "W"): Derivative(
                scalar(v.T * z), w
            ),
            partial(r"\tanh(W\mathbf{x} + \mathbf{b})", x_): Derivative(entrywise(sp.tanh, z), xs),
            partial(r"\phi(W\mathbf{x} + \mathbf{b})", x_): Derivative(entrywise(sp.sin, z), xs),
        },
        functions={r"\phi": applied(sp.sin), r"\phi'": applied(sp.cos)},
    )


LAYERS = [layers(*shape) for shape in SHAPES]
identity("ref-affine-x", "ref-affine-x-den", model=LAYERS)
identity("ref-affine-b", "ref-affine-b-den", model=LAYERS)
identity("ref-affine-w", "ref-affine-w-den", model=LAYERS)
identity("ref-tanh-layer", "ref-tanh-layer-den", model=LAYERS)
identity("ref-activation-layer", "ref-activation-layer-den", model=LAYERS)


def layer_norm(size: int) -> Model:
    """Layer normalisation h = c/s of x, with c = Cx centred and s its spread (epsilon > 0)."""
    xs = matrix_symbols("x", size, 1)
    epsilon = sp.Symbol("epsilon", positive=True)
    ones = sp.ImmutableMatrix.ones(size, 1)
    centring = sp.ImmutableMatrix.eye(size) - ones * ones.T / size
    c = centring * xs
    s = sp.sqrt(scalar(c.T * c) / size + epsilon)
    h = c / s
    return Model(
        sample={**sample_entries(xs), epsilon: (0.1, 1.0)},
        names={
            r"\mathbf{x}": xs,
            r"\mathbf{1}": ones,
            "I_n": sp.ImmutableMatrix.eye(size),
            "C": centring,
            r"\mathbf{c}": c,
            "s": s,
            r"\mathbf{h}": h,
            r"\epsilon": epsilon,
            "n": sp.Integer(size),
            partial(r"\mathbf{h}", r"\mathbf{x}"): Derivative(h, xs),
        },
        dimensions={"n": size},
    )


identity("ref-layer-norm", "ref-layer-norm-den", model=[layer_norm(size) for size in VECTOR_SIZES])


# -- scaled dot-product attention -------------------------------------------------------------
def attention(queries: int, keys: int, width: int, values: int) -> Model:
    """O = PV with P the row-by-row softmax of S = QK^T / sqrt(d), and G a gradient from above.

    The scalar tr(G^T O) is what any loss looks like to first order around O, so its gradients
    are the ones backpropagation passes on.
    """
    q, k = matrix_symbols("Q", queries, width), matrix_symbols("K", keys, width)
    v, g = matrix_symbols("V", keys, values), matrix_symbols("G", queries, values)
    scores = q * k.T / sp.sqrt(width)
    p = sp.ImmutableMatrix.vstack(*[softmax(scores[i, :]).T for i in range(queries)])
    ones = sp.ImmutableMatrix.ones(keys, 1)
    upstream = p.multiply_elementwise(g * v.T)
    delta = upstream - p.multiply_elementwise(upstream * ones * ones.T)
    f = (g.T * p * v).trace()
    y = r"\operatorname{tr}(G^\top PV)"
    return Model(
        sample=sample_entries(q, k, v, g, interval=(-1.0, 1.0)),
        names={
            "Q": q,
            "K": k,
            "V": v,
            "G": g,
            "P": p,
            "d": sp.Integer(width),
            r"\mathbf{1}": ones,
            r"\Delta": delta,
            **{
                partial(y, name): Derivative(f, value)
                for name, value in (("Q", q), ("K", k), ("V", v))
            },
        },
    )


ATTENTION = [attention(*shape) for shape in ((2, 3, 2, 1), (3, 2, 1, 2), (1, 3, 2, 2))]
identity("ref-attention-v", "ref-attention-v-den", model=ATTENTION)
identity("ref-attention-q", "ref-attention-q-den", model=ATTENTION)
identity("ref-attention-k", "ref-attention-k-den", model=ATTENTION)
