"""Write a parsed claim back as LaTeX in the dialect, so a round trip can be tested.

Every compound is parenthesised: the printed text reads back as the same tree, whatever the
precedence rules, which is what a round trip must show (meaning kept, not layout).
"""

from __future__ import annotations

from verified_docs.latex.ast import (
    BinaryOp,
    Call,
    Constant,
    DerivativeOperator,
    Differential,
    MatrixLiteral,
    Name,
    Negate,
    Node,
    Norm,
    Number,
    Power,
    ShapeAnnotation,
    Transpose,
)
from verified_docs.latex.functions import FUNCTIONS

_OPERATORS = {
    "+": "+",
    "-": "-",
    "*": r"\times",
    "dot": r"\cdot",
    "/": "/",
    "hadamard": r"\odot",
    "kron": r"\otimes",
}


def to_latex(node: Node) -> str:
    """The dialect's LaTeX for ``node``; parsing it gives a tree with the same value."""
    match node:
        case Number(text):
            return text if not text.startswith("-") else f"({text})"
        case Name(_, source):
            return source
        case Constant(name):
            return "e" if name == "e" else r"\pi"
        case Negate(operand):
            return f"(-{to_latex(operand)})"
        case BinaryOp("/", left, right):
            return rf"\frac{{{to_latex(left)}}}{{{to_latex(right)}}}"
        case BinaryOp(op, left, right):
            return f"({to_latex(left)} {_OPERATORS[op]} {to_latex(right)})"
        case Power(base, exponent):
            return f"({to_latex(base)})^{{{to_latex(exponent)}}}"
        case Transpose(operand):
            return f"({to_latex(operand)})^\\top"
        case Call(function, argument):
            return f"{_function_latex(function)}({to_latex(argument)})"
        case Norm(operand, kind):
            if kind == "abs":
                return f"|{to_latex(operand)}|"
            subscript = f"_{kind}" if kind else ""
            return rf"\lVert {to_latex(operand)} \rVert{subscript}"
        case MatrixLiteral(rows):
            body = r" \\ ".join(" & ".join(to_latex(cell) for cell in row) for row in rows)
            return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"
        case ShapeAnnotation(operand, rows, cols):
            return rf"\underbrace{{{to_latex(operand)}}}_{{{rows} \times {cols}}}"
        case DerivativeOperator(variable, order, operand):
            if order == 1:
                return rf"\frac{{d}}{{d{variable}}}({to_latex(operand)})"
            return rf"\frac{{d^{order}}}{{d{variable}^{order}}}({to_latex(operand)})"
        case Differential(operand):
            return f"d({to_latex(operand)})"
    raise ValueError(f"cannot print {node!r}")  # pragma: no cover - exhaustive


def _function_latex(name: str) -> str:
    """How the dialect writes a function: its first command or operator name, else its name."""
    builtin = FUNCTIONS.get(name)
    if builtin is None:
        return name
    if builtin.commands:
        return builtin.commands[0]
    return rf"\operatorname{{{builtin.operator_names[0]}}}"
