"""Evaluate a parsed equation, symbolically (SymPy) or numerically (NumPy).

The tree walk is shared; the arithmetic is not. ``SympyAlgebra`` and ``NumpyAlgebra`` implement
the same small algebra of scalars and matrices, so the two checks of a claim disagree only if
the mathematics does — never because one check reused the other's result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

import numpy as np
import sympy as sp

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
from verified_docs.latex.errors import EvaluationError
from verified_docs.latex.functions import FUNCTIONS, Function

Value = Any


class Scope(Protocol):
    """What an equation's names mean: supplied by a claim's check."""

    def value(self, name: Name) -> Value: ...

    def function(self, name: str) -> Callable[[Value], Value]: ...

    def dimension(self, label: str) -> int: ...

    def with_value(self, name: str, value: Value) -> Scope: ...


class Algebra(Protocol):
    def number(self, text: str) -> Value: ...
    def constant(self, name: str) -> Value: ...
    def is_matrix(self, value: Value) -> bool: ...
    def shape(self, value: Value) -> tuple[int, int]: ...
    def matrix(self, rows: list[list[Value]]) -> Value: ...
    def transpose(self, value: Value) -> Value: ...
    def matmul(self, left: Value, right: Value) -> Value: ...
    def inverse(self, value: Value) -> Value: ...
    def hadamard(self, left: Value, right: Value) -> Value: ...
    def kron(self, left: Value, right: Value) -> Value: ...
    def call(self, function: Function, argument: Value) -> Value: ...
    def norm(self, value: Value) -> Value: ...
    def scalar(self, value: Value) -> Value: ...
    def derivative(self, function: Callable[[Value], Value], at: Value, order: int) -> Value: ...


def evaluate(node: Node, scope: Scope, algebra: Algebra) -> Value:
    """Return the value of ``node``; 1×1 matrices come back as scalars."""
    result = _Evaluator(scope, algebra).visit(node)
    if algebra.is_matrix(result) and algebra.shape(result) == (1, 1):
        return algebra.scalar(result)
    return result


class _Evaluator:
    def __init__(self, scope: Scope, algebra: Algebra) -> None:
        self.scope = scope
        self.algebra = algebra

    def visit(self, node: Node) -> Value:
        algebra = self.algebra
        match node:
            case Number(text):
                return algebra.number(text)
            case Constant(name):
                return algebra.constant(name)
            case Name():
                return self.scope.value(node)
            case Negate(operand):
                return -self.visit(operand)
            case BinaryOp(op, left, right):
                return self.binary(op, self.visit(left), self.visit(right))
            case Power(base, exponent):
                return self.power(self.visit(base), self.visit(exponent))
            case Transpose(operand):
                value = self.visit(operand)
                return algebra.transpose(value) if algebra.is_matrix(value) else value
            case Call(function, argument):
                return self.call(function, self.visit(argument))
            case Norm(operand, kind):
                return self.norm(self.visit(operand), kind)
            case MatrixLiteral(rows):
                return algebra.matrix([[self.as_scalar(self.visit(c)) for c in r] for r in rows])
            case ShapeAnnotation(operand, rows, cols):
                return self.check_shape(self.visit(operand), rows, cols)
            case DerivativeOperator(variable, order, operand):
                return self.differentiate(variable, order, operand)
            case Differential(operand):
                return self.differential(operand)
        raise EvaluationError(f"cannot evaluate {node!r}")  # pragma: no cover - exhaustive

    def as_scalar(self, value: Value) -> Value:
        if self.algebra.is_matrix(value):
            if self.algebra.shape(value) != (1, 1):
                raise EvaluationError("a matrix entry must be a scalar")
            return self.algebra.scalar(value)
        return value

    def binary(self, op: str, left: Value, right: Value) -> Value:
        algebra = self.algebra
        left_matrix, right_matrix = algebra.is_matrix(left), algebra.is_matrix(right)
        if op in ("+", "-"):
            if left_matrix != right_matrix or (
                left_matrix and algebra.shape(left) != algebra.shape(right)
            ):
                left, right = self.as_scalar(left), self.as_scalar(right)
            return left + right if op == "+" else left - right
        if op == "/":
            if right_matrix:
                raise EvaluationError("division by a matrix; write the inverse explicitly")
            return left / right
        if op == "hadamard":
            if not (left_matrix and right_matrix) or algebra.shape(left) != algebra.shape(right):
                raise EvaluationError(
                    "\\odot multiplies two matrices of the same shape entry by entry"
                )
            return algebra.hadamard(left, right)
        if op == "kron":
            if not (left_matrix and right_matrix):
                raise EvaluationError("\\otimes is the Kronecker product of two matrices")
            return algebra.kron(left, right)
        if (
            op == "dot"
            and left_matrix
            and right_matrix
            and algebra.shape(left) == algebra.shape(right)
            and algebra.shape(left)[1] == 1
        ):
            return algebra.scalar(algebra.matmul(algebra.transpose(left), right))
        if left_matrix and right_matrix:
            if algebra.shape(left)[1] == algebra.shape(right)[0]:
                return algebra.matmul(left, right)
            if (1, 1) in (algebra.shape(left), algebra.shape(right)):
                return (
                    self.as_scalar(left) * right
                    if algebra.shape(left) == (1, 1)
                    else (left * self.as_scalar(right))
                )
            raise EvaluationError(
                f"cannot multiply {shape_text(algebra.shape(left))} by "
                f"{shape_text(algebra.shape(right))}"
            )
        return left * right

    def power(self, base: Value, exponent: Value) -> Value:
        algebra = self.algebra
        if algebra.is_matrix(exponent):
            raise EvaluationError("a matrix exponent is not supported")
        if not algebra.is_matrix(base):
            return base**exponent
        rows, cols = algebra.shape(base)
        if (rows, cols) == (1, 1):
            return algebra.scalar(base) ** exponent
        if rows != cols:
            raise EvaluationError(f"a {shape_text((rows, cols))} matrix has no powers")
        if exponent == -1:
            return algebra.inverse(base)
        if not _is_positive_integer(exponent):
            raise EvaluationError("matrix powers must be positive integers or -1")
        result = base
        for _ in range(int(exponent) - 1):
            result = algebra.matmul(result, base)
        return result

    def norm(self, value: Value, kind: str) -> Value:
        """One meaning per norm: each reading that could be another norm is refused."""
        algebra = self.algebra
        shape = algebra.shape(value) if algebra.is_matrix(value) else (1, 1)
        if kind == "abs":
            if shape != (1, 1):
                raise EvaluationError(
                    f"|…| of a {shape_text(shape)} value is ambiguous; write \\lVert … \\rVert "
                    "for a vector's length, \\det for a determinant"
                )
            return algebra.norm(self.as_scalar(value))
        if min(shape) > 1:
            if kind == "2":
                raise EvaluationError(
                    "\\lVert X \\rVert_2 of a matrix is its spectral norm, which the claim "
                    "dialect does not evaluate; write \\lVert X \\rVert_F for the Frobenius norm"
                )
            if kind == "":
                raise EvaluationError(
                    f"the norm of a {shape_text(shape)} matrix is ambiguous (spectral or "
                    "Frobenius?); write \\lVert X \\rVert_F for the Frobenius norm"
                )
        return algebra.norm(value)

    def call(self, function: str, argument: Value) -> Value:
        builtin = FUNCTIONS.get(function)
        if builtin is None:
            return self.scope.function(function)(argument)
        shape = self.algebra.shape(argument) if self.algebra.is_matrix(argument) else (1, 1)
        if builtin.accepts == "vector" and min(shape) > 1:
            raise EvaluationError(
                f"{function} of a {shape_text(shape)} matrix is ambiguous; apply it to a vector"
            )
        if builtin.accepts == "non-square" and shape[0] == shape[1] and shape[0] > 1:
            raise EvaluationError(
                f"{function} of a square matrix could be the matrix function or entry by entry; "
                "the dialect refuses it (write the entries, or use \\odot)"
            )
        if builtin.accepts == "square" and shape[0] != shape[1]:
            raise EvaluationError(f"{function} of a {shape_text(shape)} matrix is undefined")
        return self.algebra.call(builtin, argument)

    def check_shape(self, value: Value, rows: str, cols: str) -> Value:
        expected = (self.scope.dimension(rows), self.scope.dimension(cols))
        actual = self.algebra.shape(value) if self.algebra.is_matrix(value) else (1, 1)
        if actual != expected:
            raise EvaluationError(f"labelled {rows}×{cols} but it is {shape_text(actual)}")
        return value

    def differentiate(self, variable: str, order: int, operand: Node) -> Value:
        at = self.scope.value(Name(variable, variable))
        if self.algebra.is_matrix(at):
            raise EvaluationError(
                f"\\frac{{d}}{{d{variable}}} differentiates with respect to a scalar, and "
                f"{variable} is a matrix; write its differential d(…) instead"
            )

        def operand_at(point: Value) -> Value:
            return evaluate(operand, self.scope.with_value(variable, point), self.algebra)

        return self.algebra.derivative(operand_at, at, order)

    def differential(self, operand: Node) -> Value:
        """d/dt of the operand at t = 0, each name X with a bound direction dX moved to X + t dX.

        A name whose direction the check does not bind is held fixed, unless the check derives
        it from a moving name: the scope moves it along (or refuses to read it), since holding
        it fixed would give a wrong differential. An operand in which no name moves is refused,
        since its differential would be a silent zero.
        """
        if isinstance(operand, Name):
            return self.scope.value(direction_name(operand))
        moving: dict[str, tuple[Value, Value]] = {}
        for name in _names(operand):
            try:
                direction = self.scope.value(direction_name(name))
            except EvaluationError:
                continue  # no direction bound: the name is a constant here
            moving[name.canonical] = (self.scope.value(name), direction)
        if not moving:
            raise EvaluationError(
                "d(…) of an expression in which nothing varies: the check binds no direction "
                "dX for any of its names"
            )

        def operand_at(step: Value) -> Value:
            scope = self.scope
            for canonical, (at, direction) in moving.items():
                scope = scope.with_value(canonical, at + step * direction)
            return evaluate(operand, scope, self.algebra)

        return self.algebra.derivative(operand_at, self.algebra.number("0"), 1)


def direction_name(name: Name) -> Name:
    """The name under which a check binds the direction ``dX`` that ``X`` moves along."""
    return Name("d" + name.canonical, "d" + name.source)


def _names(node: Node) -> list[Name]:
    """The names an expression reads, each once, in order."""
    if isinstance(node, Name):
        return [node]
    children: list[Node] = []
    match node:
        case (
            Negate(operand)
            | Transpose(operand)
            | Call(_, operand)
            | Norm(operand, _)
            | ShapeAnnotation(operand, _, _)
            | DerivativeOperator(_, _, operand)
            | Differential(operand)
        ):
            children = [operand]
        case BinaryOp(_, left, right) | Power(left, right):
            children = [left, right]
        case MatrixLiteral(rows):
            children = [cell for row in rows for cell in row]
    found: list[Name] = []
    for child in children:
        found += [name for name in _names(child) if name not in found]
    return found


def _is_positive_integer(value: Value) -> bool:
    try:
        return bool(value == int(value) and value >= 1)
    except TypeError:  # a symbolic exponent has no integer value
        return False


def shape_text(shape: tuple[int, int]) -> str:
    return f"{shape[0]}×{shape[1]}"


# The functions a page may call without a check supplying them.
BUILTIN_FUNCTIONS: Mapping[str, Function] = FUNCTIONS


class SympyAlgebra:
    """Exact arithmetic: numbers are rationals, matrices are immutable SymPy matrices."""

    def number(self, text: str) -> Value:
        return sp.Rational(text)

    def constant(self, name: str) -> Value:
        return sp.E if name == "e" else sp.pi

    def is_matrix(self, value: Value) -> bool:
        return isinstance(value, sp.MatrixBase)

    def shape(self, value: Value) -> tuple[int, int]:
        return (int(value.shape[0]), int(value.shape[1]))

    def matrix(self, rows: list[list[Value]]) -> Value:
        return sp.ImmutableMatrix(rows)

    def transpose(self, value: Value) -> Value:
        return value.T

    def matmul(self, left: Value, right: Value) -> Value:
        return sp.ImmutableMatrix(left * right)

    def inverse(self, value: Value) -> Value:
        return sp.ImmutableMatrix(value.inv())

    def hadamard(self, left: Value, right: Value) -> Value:
        return sp.ImmutableMatrix(left.multiply_elementwise(right))

    def kron(self, left: Value, right: Value) -> Value:
        return sp.ImmutableMatrix(sp.kronecker_product(left, right))

    def scalar(self, value: Value) -> Value:
        return value[0, 0]

    def call(self, function: Function, argument: Value) -> Value:
        if function.elementwise and self.is_matrix(argument):
            return argument.applyfunc(function.sympy)
        return function.sympy(argument)

    def norm(self, value: Value) -> Value:
        """|x| of a scalar; the Euclidean (Frobenius) norm of the entries of a matrix."""
        if not self.is_matrix(value):
            return sp.Abs(value)
        return sp.sqrt(sp.Add(*[entry**2 for entry in value]))

    def derivative(self, function: Callable[[Value], Value], at: Value, order: int) -> Value:
        variable = sp.Dummy("d", real=True)
        result = sp.diff(function(variable), variable, order)
        return result.subs(variable, at)


class NumpyAlgebra:
    """Floating-point arithmetic, with central differences for ``\\frac{d}{dx}``."""

    def number(self, text: str) -> Value:
        return float(text)

    def constant(self, name: str) -> Value:
        return float(np.e if name == "e" else np.pi)

    def is_matrix(self, value: Value) -> bool:
        return isinstance(value, np.ndarray) and value.ndim == 2

    def shape(self, value: Value) -> tuple[int, int]:
        return (int(value.shape[0]), int(value.shape[1]))

    def matrix(self, rows: list[list[Value]]) -> Value:
        return np.array(rows, dtype=float)

    def transpose(self, value: Value) -> Value:
        return value.T

    def matmul(self, left: Value, right: Value) -> Value:
        return left @ right

    def inverse(self, value: Value) -> Value:
        return np.linalg.inv(value)

    def hadamard(self, left: Value, right: Value) -> Value:
        return left * right

    def kron(self, left: Value, right: Value) -> Value:
        return np.kron(left, right)

    def scalar(self, value: Value) -> Value:
        return float(value[0, 0])

    def call(self, function: Function, argument: Value) -> Value:
        return function.numpy(argument)

    def norm(self, value: Value) -> Value:
        return float(np.sqrt(np.sum(np.square(value))))

    def derivative(self, function: Callable[[Value], Value], at: Value, order: int) -> Value:
        step = 1e-4 * (1 + abs(at)) if order > 1 else 1e-6 * (1 + abs(at))
        if order == 1:
            return (function(at + step) - function(at - step)) / (2 * step)
        if order == 2:
            return (function(at + step) - 2 * function(at) + function(at - step)) / step**2
        raise EvaluationError("numeric derivatives above second order are not supported")
