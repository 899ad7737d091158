"""The tree a claim's LaTeX is parsed into.

One tree, two evaluators (SymPy and NumPy): the symbolic and the numeric check read the same
parse of the equation the reader sees, and neither depends on the other's arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    text: str


@dataclass(frozen=True)
class Name:
    """A symbol or a named quantity such as ``\\frac{\\partial f}{\\partial \\mathbf{x}}``."""

    canonical: str
    source: str


@dataclass(frozen=True)
class Constant:
    name: str  # "e" or "pi"


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class BinaryOp:
    op: str  # "+", "-", "*", "/", "dot", "hadamard", "kron"
    left: Node
    right: Node


@dataclass(frozen=True)
class Power:
    base: Node
    exponent: Node


@dataclass(frozen=True)
class Transpose:
    operand: Node


@dataclass(frozen=True)
class Call:
    function: str
    argument: Node


@dataclass(frozen=True)
class Norm:
    operand: Node
    # "" (bare) and "2": Euclidean for a vector; a matrix's "2" would be its spectral norm and
    # a bare matrix norm is ambiguous, so both are refused for matrices. "F": Frobenius.
    # "abs": |x| of a scalar only.
    kind: str


@dataclass(frozen=True)
class MatrixLiteral:
    rows: tuple[tuple[Node, ...], ...]


@dataclass(frozen=True)
class ShapeAnnotation:
    """``\\underbrace{X}_{1 \\times n}``: the reader is told X has this shape, so it is checked."""

    operand: Node
    rows: str
    cols: str


@dataclass(frozen=True)
class DerivativeOperator:
    """``\\frac{d}{dx}(...)`` applied to an expression on the page."""

    variable: str
    order: int
    operand: Node


@dataclass(frozen=True)
class Differential:
    """``dX`` or ``d(XY)``: the change of the operand along the directions the check binds.

    A name ``X`` varies if the check binds its direction under the name ``dX``; every other name
    is held fixed. The value is the directional derivative d/dt of the operand at t = 0.
    """

    operand: Node


Node = (
    Number
    | Name
    | Constant
    | Negate
    | BinaryOp
    | Power
    | Transpose
    | Call
    | Norm
    | MatrixLiteral
    | ShapeAnnotation
    | DerivativeOperator
    | Differential
)
