"""The claim dialect: what the parser reads, and what it refuses to guess at.

Every guard rail here exists because a parser that guessed would verify an equation other than
the one the reader sees; each refusal must point at a character of the author's LaTeX.
"""

from __future__ import annotations

import pytest

from verified_docs.latex.ast import (
    BinaryOp,
    Call,
    Constant,
    DerivativeOperator,
    MatrixLiteral,
    Name,
    Negate,
    Node,
    Number,
    Power,
    ShapeAnnotation,
    Transpose,
)
from verified_docs.latex.errors import LatexSyntaxError
from verified_docs.latex.parser import (
    canonical_name,
    parse_equation,
    parse_expression,
    split_sides,
)


def name(text: str) -> Name:
    """A plain one-token name, whose canonical spelling is its source."""
    return Name(text, text)


X = name("x")

# (LaTeX, the tree the reader means)
READINGS: list[tuple[str, Node]] = [
    (r"e^{x}", Power(Constant("e"), X)),
    (r"e^x", Power(Constant("e"), X)),
    (r"\mathrm{e}^{x}", Power(Constant("e"), X)),
    (r"x(2+x)", BinaryOp("*", X, BinaryOp("+", Number("2"), X))),
    (r"a(x)", BinaryOp("*", name("a"), X)),
    (r"f(x)", Call("f", X)),
    (r"\sigma(x)", Call(r"\sigma", X)),
    (r"\sin x^2", Call("sin", Power(X, Number("2")))),
    (r"\sin^2 x", Power(Call("sin", X), Number("2"))),
    (r"\sin^{2}(x)", Power(Call("sin", X), Number("2"))),
    (r"\sin x \cos x", BinaryOp("*", Call("sin", X), Call("cos", X))),
    (r"\sin x + 1", BinaryOp("+", Call("sin", X), Number("1"))),
    (r"\ln x", Call("log", X)),
    (r"\operatorname{tr}(A)", Call("trace", name("A"))),
    (r"\operatorname{LSE}(x)", Call("logsumexp", X)),
    (r"-x^2", Negate(Power(X, Number("2")))),
    (r"2x", BinaryOp("*", Number("2"), X)),
    (r"x \times y", BinaryOp("*", X, name("y"))),
    (r"x \cdot y", BinaryOp("dot", X, name("y"))),
    (r"x^\top", Transpose(X)),
    (r"x^{\top}", Transpose(X)),
    (r"A^{-1}", Power(name("A"), Negate(Number("1")))),
    (r"\sqrt{x}", Power(X, Number("0.5"))),
    (r"\frac{1}{2}", BinaryOp("/", Number("1"), Number("2"))),
    (r"\left( x \right)", X),
    (r"x_1 x_2", BinaryOp("*", Name("x_{1}", "x_1"), Name("x_{2}", "x_2"))),
    (r"\frac{d}{dx}(x^2)", DerivativeOperator("x", 1, Power(X, Number("2")))),
    (r"\frac{d^2}{dx^2}(x^3)", DerivativeOperator("x", 2, Power(X, Number("3")))),
]


@pytest.mark.parametrize(("latex", "expected"), READINGS)
def test_dialect_reads_as_the_reader_does(latex: str, expected: Node) -> None:
    """Assert each accepted spelling parses to the tree a reader of the page would mean."""
    assert parse_expression(latex) == expected


# (LaTeX, offset of the character the error must point at, a fragment of the message)
REFUSALS: list[tuple[str, int, str]] = [
    (r"\sin 2x", 6, "ambiguous argument"),
    (r"\sin x y", 7, "ambiguous argument"),
    (r"x^T", 2, r"^\top"),
    (r"x^{T}", 2, r"^\top"),
    (r"x^23", 2, "multi-digit exponents"),
    (r"[a \quad b]", 3, "bracketed list"),
    (r"[a, b]", 2, "bracketed list"),
    (r"\sin(x)^2", 7, "ambiguous"),
    (r"\sin^{-1} x", 10, r"\arcsin"),
    (r"\sin^{-1}(x)", 9, r"\arcsin"),
    (r"\text{for all } x", 0, r"unsupported LaTeX '\\text'"),
    (r"x2", 1, "write it first"),
    (r"x^-1", 2, "unsupported superscript"),
    (r"\frac{d}{dx} x", 13, "parentheses"),
    (r"\operatorname{foo}(x)", 0, "unknown operator name"),
    (r"(x + 1", 6, "expected ')'"),
    (r"x ? y", 2, "unexpected character"),
    (r"\underbrace{x}_{n}", 0, "shape"),
    (r"\begin{matrix} 1 \end{matrix}", 0, "unsupported environment"),
    (r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}", 0, "different lengths"),
    (r"\begin{bmatrix} 1 \end{pmatrix}", 0, "closes bmatrix"),
    # An error inside a fraction's group points into the whole equation, not the group.
    (r"\frac{1}{x^T}", 11, r"^\top"),
]


@pytest.mark.parametrize(("latex", "offset", "fragment"), REFUSALS)
def test_ambiguous_or_foreign_latex_is_refused_with_its_position(
    latex: str, offset: int, fragment: str
) -> None:
    """Assert LaTeX outside the dialect raises LatexSyntaxError naming the offending character."""
    with pytest.raises(LatexSyntaxError) as caught:
        parse_expression(latex)
    assert caught.value.offset == offset
    assert fragment in str(caught.value)
    assert str(caught.value).endswith(f"(at character {offset})")


# (LaTeX, rows, columns)
MATRICES: list[tuple[str, int, int]] = [
    (r"\begin{bmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{bmatrix}", 2, 3),
    (r"\begin{pmatrix} a \\ b \end{pmatrix}", 2, 1),
    (r"\begin{bmatrix} x_2 & x_1 \end{bmatrix}", 1, 2),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \\ \end{bmatrix}", 2, 2),
    (r"\begin{bmatrix} \frac{\partial x_1}{\partial u_1} \end{bmatrix}", 1, 1),
]


@pytest.mark.parametrize(("latex", "rows", "cols"), MATRICES)
def test_matrix_environments_parse_to_literals_of_their_shape(
    latex: str, rows: int, cols: int
) -> None:
    """Assert bmatrix and pmatrix parse to a MatrixLiteral of the written rows and columns."""
    node = parse_expression(latex)
    assert isinstance(node, MatrixLiteral)
    assert len(node.rows) == rows
    assert {len(row) for row in node.rows} == {cols}


def test_matrix_entries_are_parsed_expressions() -> None:
    """Assert matrix cells are full expressions, in row-major order."""
    node = parse_expression(r"\begin{bmatrix} 2t & -1 \\ t^2 & 3 \end{bmatrix}")
    t = name("t")
    assert node == MatrixLiteral(
        (
            (BinaryOp("*", Number("2"), t), Negate(Number("1"))),
            (Power(t, Number("2")), Number("3")),
        )
    )


# Spellings a reader cannot tell apart must name the same quantity.
SAME_NAME: list[tuple[str, ...]] = [
    (r"\frac{df}{dt}", r"\frac{d f}{d t}", r"\frac{d f}{d\,t}"),
    (
        r"\frac{\partial f}{\partial \mathbf{x}}",
        r"\frac{\partial f}{\partial \mathbf x}",
        r"\frac{\partial f}{\partial \boldsymbol{x}}",
        r"\frac{\partial f}{\partial \bm x}",
        r"\frac{\partial f}{\partial \bm{x}}",
        r"\frac{\partial f}{\partial\mathbf{x}}",
    ),
    (
        r"\frac{d\mathbf{u}}{dt}",
        r"\frac{d \mathbf u}{d t}",
        r"\frac{d\boldsymbol{u}}{dt}",
        r"\frac{d\bm{u}}{dt}",
    ),
    (
        r"\frac{\partial \mathbf{x}}{\partial \mathbf{u}}",
        r"\frac{\partial\bm x}{\partial\boldsymbol{u}}",
    ),
    (r"\frac{\partial x_1}{\partial u_2}", r"\frac{\partial x_{1}}{\partial u_{2}}"),
    (r"\frac{\partial^2 f}{\partial x^2}", r"\frac{\partial^{2} f}{\partial x^{2}}"),
    (r"\mathbf{x}_1", r"\bm x_{1}", r"\boldsymbol{x}_{1}"),
    (r"\nabla_{\mathbf{x}} f", r"\nabla_{\bm x} f"),
    (r"\alpha_1", r"\alpha_{1}"),
]


@pytest.mark.parametrize("spellings", SAME_NAME)
def test_canonical_name_ignores_braces_and_bold_command(spellings: tuple[str, ...]) -> None:
    """Assert every spelling of a quantity parses to one Name with one canonical spelling."""
    nodes = [parse_expression(spelling) for spelling in spellings]
    assert all(isinstance(node, Name) for node in nodes)
    assert len({node.canonical for node in nodes if isinstance(node, Name)}) == 1
    assert {canonical_name(spelling) for spelling in spellings} == {nodes[0].canonical}  # type: ignore[union-attr]


def test_name_keeps_the_source_the_author_wrote() -> None:
    """Assert a Name's source is the author's spelling, for messages quoting the page."""
    node = parse_expression(r"\frac{\partial f}{\partial \bm x}")
    assert node == Name(
        r"\frac{\partial f}{\partial\mathbf{x}}", r"\frac{\partial f}{\partial \bm x}"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (r"\frac{\partial f}{\partial x}", r"\frac{\partial f}{\partial \mathbf{x}}"),
        (r"\frac{df}{dt}", r"\frac{dg}{dt}"),
        (r"\frac{df}{dt}", r"\frac{\partial f}{\partial t}"),
        (r"x_1", r"x_2"),
        (r"\frac{\partial x_1}{\partial u_2}", r"\frac{\partial x_2}{\partial u_1}"),
    ],
)
def test_different_quantities_keep_different_names(first: str, second: str) -> None:
    """Assert spellings a reader does tell apart are different canonical names."""
    assert canonical_name(first) != canonical_name(second)


def test_canonical_name_refuses_an_expression() -> None:
    """Assert canonical_name raises for LaTeX that is not a single name."""
    with pytest.raises(LatexSyntaxError, match="not a single name"):
        canonical_name("x + 1")


ASSEMBLED = r"""\begin{aligned}
\frac{df}{dt}
&= \begin{bmatrix} x_2 & x_1 \end{bmatrix}
   \begin{bmatrix} 1 & 2 \\ 1 & -1 \end{bmatrix}
   \begin{bmatrix} 2t \\ 3 \end{bmatrix} \\
&= (t^2 - 3t)(2t + 6) + (t^2 + 6t)(2t - 3) \\
&= 4t^3 + 9t^2 - 36t
\end{aligned}"""


def test_split_sides_of_aligned_block_keeps_matrix_rows_intact() -> None:
    """Assert an aligned block splits at its top-level '=' and keeps the '\\\\' of its matrices."""
    sides = split_sides(ASSEMBLED)
    assert len(sides) == 4
    assert sides[0] == r"\frac{df}{dt}"
    assert r"\begin{bmatrix} 1 & 2 \\ 1 & -1 \end{bmatrix}" in sides[1]
    assert r"\begin{bmatrix} 2t \\ 3 \end{bmatrix}" in sides[1]
    assert sides[2] == r"(t^2 - 3t)(2t + 6) + (t^2 + 6t)(2t - 3)"
    assert sides[3] == r"4t^3 + 9t^2 - 36t"
    nodes = parse_equation(ASSEMBLED)
    product = nodes[1]
    assert isinstance(product, BinaryOp)
    assert isinstance(product.right, MatrixLiteral)
    assert len(product.right.rows) == 2


@pytest.mark.parametrize(
    ("latex", "sides"),
    [
        (r"a = b = c", ["a", "b", "c"]),
        (r"f(t) = t^2 .", ["f(t)", "t^2"]),
        (r"a = b,", ["a", "b"]),
        (
            r"a = \begin{bmatrix} x = 1 & 2 \end{bmatrix}",
            ["a", r"\begin{bmatrix} x = 1 & 2 \end{bmatrix}"],
        ),
        (r"\begin{align*} a &= b \\ &= c \end{align*}", ["a", "b", "c"]),
        (r"\begin{split} a &= b \end{split}", ["a", "b"]),
        (r"g(x = 1) = 2", ["g(x = 1)", "2"]),
        (r"x", ["x"]),
    ],
)
def test_split_sides_splits_only_at_top_level_equals(latex: str, sides: list[str]) -> None:
    """Assert '=' inside brackets or matrices does not split, and end punctuation is dropped."""
    assert split_sides(latex) == sides


@pytest.mark.parametrize(
    ("latex", "operand", "rows", "cols"),
    [
        (r"\underbrace{x}_{1 \times n}", X, "1", "n"),
        (
            r"\underbrace{\frac{\partial f}{\partial \mathbf{x}}}_{1 \times 2}",
            Name(
                r"\frac{\partial f}{\partial\mathbf{x}}", r"\frac{\partial f}{\partial \mathbf{x}}"
            ),
            "1",
            "2",
        ),
        (
            r"\underbrace{\begin{bmatrix} a & b \end{bmatrix}}_{m \times 2}",
            MatrixLiteral(((name("a"), name("b")),)),
            "m",
            "2",
        ),
    ],
)
def test_underbrace_carries_its_shape_label(
    latex: str, operand: Node, rows: str, cols: str
) -> None:
    """Assert \\underbrace{X}_{r \\times c} parses to a ShapeAnnotation of X with labels r and c."""
    assert parse_expression(latex) == ShapeAnnotation(operand, rows, cols)


def test_underbraced_factors_chain_as_a_product() -> None:
    """Assert a product of underbraced factors keeps every factor's label."""
    node = parse_expression(
        r"\underbrace{\frac{\partial f}{\partial \mathbf{x}}}_{1 \times 2}\,"
        r"\underbrace{\frac{d\mathbf{u}}{dt}}_{2 \times 1}"
    )
    assert isinstance(node, BinaryOp)
    assert node.op == "*"
    assert isinstance(node.left, ShapeAnnotation)
    assert (node.left.rows, node.left.cols) == ("1", "2")
    assert isinstance(node.right, ShapeAnnotation)
    assert (node.right.rows, node.right.cols) == ("2", "1")


def test_braced_derivative_order_is_the_same_operator() -> None:
    """Assert \\frac{d^{2}}{dx^{2}}(x^3) parses like \\frac{d^2}{dx^2}(x^3)."""
    assert parse_expression(r"\frac{d^{2}}{dx^{2}}(x^3)") == parse_expression(
        r"\frac{d^2}{dx^2}(x^3)"
    )


@pytest.mark.parametrize("operator", [r"\cdot", r"\times"])
def test_explicit_product_after_function_argument_is_not_ambiguous(operator: str) -> None:
    """Assert \\sin x \\cdot y reads as (\\sin x) times y: the operator is explicit."""
    node = parse_expression(rf"\sin x {operator} y")
    assert isinstance(node, BinaryOp)
    assert node.left == Call("sin", X)
    assert node.right == name("y")


@pytest.mark.parametrize(
    "latex", [r"\frac{1}{e^{y}}", r"\frac{e^{x}}{1 + e^{x}}", r"\frac{e^{x + h} - e^{x}}{h}"]
)
def test_braced_exponent_at_the_end_of_a_fraction_part(latex: str) -> None:
    """Assert a quotient whose part ends in a braced exponent parses like the unbraced one."""
    assert parse_expression(latex) == parse_expression(
        latex.replace("{y}", "y").replace("{x}", "x")
    )
