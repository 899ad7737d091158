import sympy as sp

from verified_docs.checks import Derivative, Model, claim, identity, matrix_symbols, sample_entries

t = sp.Symbol("t", real=True)
MODEL = Model(sample={t: (-2.0, 2.0)})

# Identities: the page's sides must agree. It states the first true and gets the others wrong
# (a coefficient, a sign, 3t for the derivative of t³, true at t = 0 and 1 only, an inline one).
identity(
    "true-claim",
    "false-coefficient",
    "flipped-sign",
    "true-at-two-points",
    "inline-false",
    model=MODEL,
)
identity("unused-check", model=MODEL)  # no page states this claim


def shapes(rows: int, cols: int) -> Model:
    a, x = matrix_symbols("A", cols, rows), matrix_symbols("X", rows, cols)
    return Model(sample=sample_entries(a, x), names={"A": a, "X": x})


SHAPES = [shapes(2, 2), shapes(2, 3), shapes(3, 1)]


@claim("dropped-transpose", model=SHAPES, lhs=r"\nabla_{X} f")
def gradient_of_trace(model: Model) -> Derivative:
    a, x = model.names["A"], model.names["X"]
    return Derivative((a * x).trace(), x, layout="gradient")


# det(AX) = det(XA) needs square factors; the page states it for every shape.
identity("square-only", model=SHAPES)

u = sp.Symbol("u", real=True)
# The model binds u to t²; a definition of u on the page must agree.
identity("u-squared", model=Model(sample={t: (-2.0, 2.0)}, where={u: t**2}))

WIDE = matrix_symbols("X", 2, 3)
# True for the Frobenius norm, false for the spectral one that the subscript 2 names.
identity("spectral-norm", model=Model(sample=sample_entries(WIDE), names={"X": WIDE}))

# The model states t > 0 but samples t in (-2, 2).
identity("positive-only", model=Model(sample={t: (-2.0, 2.0)}, conditions=(t > 0,)))
