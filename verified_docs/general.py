"""Check a general definition — one stated for every function ``f`` — on a probe function.

A template such as ``f'(x) = \\lim_{h \\to 0} \\frac{f(x + h) - f(x)}{h}``, the Hessian's entry
pattern or a Taylor remainder says something about every smooth ``f``: if it is false for one
``f``, it is false. No check of the page binds that ``f`` (it is any function), so the build
evaluates the statement for a fixed smooth function of four variables with unremarkable
coefficients, the *probe*, whose gradient and Hessian SymPy computes exactly, at a few random
points:

* a limit ``L = \\lim_{h \\to a} E`` by ``E`` at ``a ± 10^{-6}``, which must agree with ``L``;
* ``E \\to 0 \\text{ as } \\boldsymbol{\\Delta} \\to \\mathbf{0}`` and ``A = B + o(G)`` by the ratio
  ``E`` (or ``(A - B) / G``) along a random direction, which must shrink with the step;
* an index ``i``, ``j`` by every value it takes, a subscript ``n`` by 4, and ``f(x_1, \\dots,
  x_i + h, \\dots, x_n)`` by ``f`` of the column of entries it stands for;
* a matrix written with ``\\cdots``/``\\vdots`` by each entry written, at its position (rows
  and columns before the dots count from the first, those after from the last);
* a fresh function by what its statement makes it, for the statements after it in the same
  block: ``q(\\boldsymbol{\\Delta}) = …`` defines q, and ``A = B + r(\\boldsymbol{\\Delta})``
  defines r as what makes it hold;
* ``\\nabla f(\\mathbf{p})``, ``H_f(\\mathbf{p})``, ``D_{\\mathbf{u}} f(\\mathbf{x})`` as the
  gradient, Hessian and directional derivative of the probe there.

A statement that uses a name the probe does not bind stays a template (counted, not checked);
one the probe reads and finds false, or cannot evaluate for a shape that does not fit, fails.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy as sp

from verified_docs.latex.ast import Name
from verified_docs.latex.errors import EvaluationError, LatexSyntaxError
from verified_docs.latex.evaluate import NumpyAlgebra, evaluate
from verified_docs.latex.parser import parse_expression
from verified_docs.relations import split_relations

N = 4  # the probe's variables: with four, rows 1, 2 and n leave one row to a \vdots
STEP = 1e-6  # a limit's quotient is taken this far from its point, on both sides
TOLERANCE = 1e-4
SHRINK = (1e-2, 1e-3)  # a remainder's ratio at these steps must shrink by at least …
FACTOR = 0.3  # … this factor (it is about 0.1 when the remainder is one order smaller)
POINTS = 3
PROBE = "the probe function"  # what decided a general definition, for the counts
HINT = "a definition for every f must hold for this smooth one; correct it, or say it in words"

_Y = sp.symbols(f"y1:{N + 1}", real=True)
_T = sp.Symbol("t", real=True)
# Generic coefficients: no two entries of the gradient or the Hessian agree, so a swapped index
# or a wrong power changes the value.
_F_VECTOR = (
    sp.sin(0.9 * _Y[0] - 0.4 * _Y[1] + 0.7 * _Y[2] + 0.2 * _Y[3] + 0.3)
    + (0.5 * _Y[0] + 0.8 * _Y[1] - 0.3 * _Y[2] + 0.6 * _Y[3]) ** 3 / 6
    + sp.exp(0.3 * _Y[0] + 0.2 * _Y[1] - 0.6 * _Y[2] - 0.1 * _Y[3]) / 2
    + 0.4 * _Y[0] * _Y[1] ** 2 * _Y[2] * (1 + _Y[3])
)
_F_SCALAR = sp.sin(0.9 * _T + 0.3) + (0.5 * _T) ** 3 / 6 + sp.exp(0.3 * _T) / 2

# How the page writes a derivative at a point, and the dialect function that stands for it.
_AT_POINT = {r"\nabla f(": "g(", "H_f(": "h(", r"D_{\mathbf{u}} f(": r"\psi("}
_FRESH_FUNCTION = r"\phi"  # a function the block itself defines (q, r)
# A one-letter function applied on the page: f is the probe, o is little-o.
_NOT_A_FUNCTION = r"(?<![\\\w}_])(?<!\\mathbf\{)(?<!\\boldsymbol\{)"
_APPLIED = re.compile(_NOT_A_FUNCTION + r"(?P<name>[a-dg-np-z])\((?P<argument>[^()]*)\)")
_AS = re.compile(r"\\text\{\s*as\s*\}\s*(?P<variable>.+?)\s*\\to\s*(?P<target>.+)$", re.S)
_LIMIT = re.compile(
    r"^\\lim_\{\s*(?P<variable>[a-z])\s*\\to\s*(?P<target>[^{}]+)\}(?P<body>.*)$", re.S
)
# (H_f)_{12}, \operatorname{softmax}(\mathbf{z})_{2}: an entry of a matrix or vector.
_ENTRY_OF = re.compile(r"^(?P<name>.*\))_\{(?P<row>\d)(?P<col>\d)?\}$")
# \sum_{i=1}^{n}, \sum_j: a sum over an index, expanded over 1 … N.
_SUM = re.compile(r"\\sum_(?:\{(?P<braced>[a-z])(?:\s*=\s*1\}\^\{?n\}?|\})|(?P<bare>[a-z]))")
_SET = re.compile(r"\\in\s*\\mathbb\{R\}(?:\^\{[^{}]*\}|\^\w)?\s*$")
_DOTS = frozenset({r"\cdots", r"\vdots", r"\ddots", r"\dots", r"\ldots"})
# \frac{\partial^{2}f}{\partial x_{1}\partial x_{3}}: a partial derivative of f, any order.
_DERIVATIVE = re.compile(
    r"^\\frac\{\\partial(?:\^\{(?P<order>\d)\})?\s*f\}\{(?P<below>[^{}]*(?:\{\d\}[^{}]*)*)\}$"
)
_BELOW = re.compile(r"\\partial x_\{(?P<index>\d)\}(?:\^\{(?P<power>\d)\})?")
_COORDINATE = re.compile(r"^x_\{(\d)\}$")
_ENTRY = re.compile(r"^(?P<vector>[a-wyz])_\{(?P<index>\d)\}$")  # z_2, an entry of \mathbf{z}


class GeneralFalse(Exception):
    """The statement is false for the probe function."""


class _Unreadable(Exception):
    """The statement uses something the probe does not bind: it stays a template."""


class _Probe:
    """The probe function and its exact derivatives, compiled once."""

    def __init__(self) -> None:
        self.value = sp.lambdify(_Y, _F_VECTOR)
        self.gradient = sp.lambdify(_Y, [sp.diff(_F_VECTOR, y) for y in _Y])
        self.hessian = sp.lambdify(_Y, sp.hessian(_F_VECTOR, _Y).tolist())
        self.scalar = sp.lambdify(_T, _F_SCALAR)
        self.slope = sp.lambdify(_T, sp.diff(_F_SCALAR, _T))
        self.partials: dict[tuple[sp.Symbol, ...], Callable[..., Any]] = {}

    def partial(self, order: str | None, below: str, at: np.ndarray) -> float:
        """``\\frac{\\partial^k f}{\\partial x_a \\partial x_b^2 …}`` at ``at``, exactly."""
        variables: list[sp.Symbol] = []
        for match in _BELOW.finditer(below):
            variables += [_Y[_index(match.group("index"))]] * int(match.group("power") or 1)
        if _BELOW.sub("", below).strip():
            raise EvaluationError(f"cannot read the variables of ∂…/{below}")
        if len(variables) != int(order or 1):
            raise EvaluationError(
                f"the derivative ∂^{order or 1} f/{below} has order {order or 1} above and "
                f"{len(variables)} below"
            )
        key = tuple(variables)
        if key not in self.partials:
            self.partials[key] = sp.lambdify(_Y, sp.diff(_F_VECTOR, *variables))
        return float(self.partials[key](*_vector(at)))

    def of(self, argument: Any) -> float:
        entries = np.ravel(np.asarray(argument, dtype=float))
        if entries.size == 1:
            return float(self.scalar(entries[0]))
        return float(self.value(*_vector(entries)))

    def grad(self, argument: Any) -> np.ndarray:
        return np.asarray(self.gradient(*_vector(argument)), dtype=float).reshape(N, 1)

    def hess(self, argument: Any) -> np.ndarray:
        return np.asarray(self.hessian(*_vector(argument)), dtype=float)


def _vector(argument: Any) -> np.ndarray:
    entries = np.ravel(np.asarray(argument, dtype=float))
    if entries.size != N:
        raise EvaluationError(f"f takes a vector of {N} entries here, not {entries.size}")
    return entries


@functools.cache
def _probe() -> _Probe:
    """Compiled on first use: a page without general definitions never pays for it."""
    return _Probe()


def check_block(block: list[str]) -> bool:
    """Whether the probe decided the statements of one block (all true); raises if one is false.

    ``block`` is a definition block's statements in order, or one inline statement. A block
    that uses a name the probe does not bind is undecided as a whole (False).
    """
    rng = np.random.default_rng(0)
    try:
        for _ in range(POINTS):
            _Block(rng).run(block)
    except (_Unreadable, LatexSyntaxError, IndexError):
        return False
    except EvaluationError as error:
        if str(error).startswith(("the page uses", "the page applies")):
            return False
        raise GeneralFalse(f"false for a smooth f: {error}; {HINT}") from None
    return True


class _Scope:
    """The names of one evaluation: the point ``x``, vectors and scalars, the probe's functions."""

    def __init__(self, block: _Block, point: np.ndarray, scalars: dict[str, Any]) -> None:
        self.block, self.point, self.scalars = block, point, scalars

    def value(self, name: Name) -> Any:
        key = name.canonical
        probe = _probe()
        if key in self.scalars:
            return self.scalars[key]
        if key == r"\mathbf{x}":
            return self.point.reshape(N, 1)
        if key == "x":
            return self.block.scalar
        if key.startswith(r"\mathbf{"):
            return self.block.vector(key)
        if coordinate := _COORDINATE.match(key):
            return float(self.point[_index(coordinate.group(1))])
        if (entry := _ENTRY.match(key)) and entry.group("vector") in self.block.bold:
            vector = self.block.vector(rf"\mathbf{{{entry.group('vector')}}}")
            return float(vector[_index(entry.group("index")), 0])
        if key == r"\nabla f":
            return probe.grad(self.point)
        if key == "H_{f}":
            return probe.hess(self.point)
        if derivative := _DERIVATIVE.match(key):
            return probe.partial(derivative.group("order"), derivative.group("below"), self.point)
        raise EvaluationError(f"the page uses {name.source!r}, which the probe does not bind")

    def function(self, name: str) -> Callable[[Any], Any]:
        if name in self.block.functions:
            return self.block.functions[name]
        raise EvaluationError(f"the page applies {name!r}, which the probe does not define")

    def dimension(self, label: str) -> int:
        if label == "n":
            return N
        raise EvaluationError(f"the page uses the dimension {label!r}, which the probe lacks")

    def with_value(self, name: str, value: Any) -> _Scope:
        if name == r"\mathbf{x}":
            return _Scope(self.block, np.ravel(np.asarray(value, dtype=float)).copy(), self.scalars)
        if coordinate := _COORDINATE.match(name):
            point = self.point.copy()
            point[_index(coordinate.group(1))] = float(value)
            return _Scope(self.block, point, self.scalars)
        return _Scope(self.block, self.point, {**self.scalars, name: value})


def _index(text: str) -> int:
    index = int(text) - 1
    if not 0 <= index < N:
        raise EvaluationError(f"index {text} is outside 1…{N}")
    return index


class _Block:
    """One block's statements, evaluated in order at one random point."""

    def __init__(self, rng: np.random.Generator) -> None:
        probe = _probe()
        self.rng = rng
        self.point = rng.uniform(-1.0, 1.0, N)
        self.scalar = float(rng.uniform(-1.0, 1.0))
        self.vectors: dict[str, np.ndarray] = {}
        self.bold: set[str] = set()
        self.fresh: str | None = None  # the page's name of the function the block defines
        self.functions: dict[str, Callable[[Any], Any]] = {
            "f": probe.of,
            "f'": lambda at: float(probe.slope(float(np.ravel(at)[0]))),
            "g": probe.grad,
            "h": probe.hess,
            r"\psi": lambda at: float((probe.grad(at).T @ self.vector(r"\mathbf{u}"))[0, 0]),
        }

    def vector(self, canonical: str) -> np.ndarray:
        if canonical not in self.vectors:
            self.vectors[canonical] = self.rng.uniform(-1.0, 1.0, (N, 1))
        return self.vectors[canonical]

    def scope(self, **scalars: Any) -> _Scope:
        return _Scope(self, self.point, scalars)

    def run(self, block: list[str]) -> None:
        # z_2 is an entry of \mathbf{z} only where the block names \mathbf{z}: s_i alone is fresh.
        self.bold = set(re.findall(r"\\mathbf\{([a-z])\}", " ".join(block)))
        statements = [statement for statement in block if not self.constraint(statement)]
        for latex in statements:
            self.statement(latex)

    def constraint(self, latex: str) -> bool:
        """``\\lVert \\mathbf{u} \\rVert = 1`` is a choice the probe's vector must respect."""
        found = re.fullmatch(
            r"\\lVert\s*(?P<name>\\mathbf\{\w+\})\s*\\rVert\s*=\s*1", latex.strip()
        )
        if found is None:
            return False
        vector = self.vector(_canonical(found.group("name")))
        vector /= np.linalg.norm(vector)
        return True

    def statement(self, latex: str) -> None:
        text, introduced = self.rename(latex)
        asymptotic = _AS.search(text)
        if asymptotic:
            self.remainder(text[: asymptotic.start()].strip(), asymptotic)
            return
        text = _SET.sub("", text).strip()  # H_f = […] \in \mathbb{R}^{n \times n}
        sides, relations = split_relations(text)
        if not relations or set(relations) != {"="}:
            raise _Unreadable(latex)
        if introduced and sides[0].startswith(_FRESH_FUNCTION + "("):
            self.define(sides[0], sides[1])
            return
        if introduced:
            self.implicit(sides)
            return
        if re.match(r"^f\s*(\(|$)", sides[0]):
            raise _Unreadable(latex)  # a definition of f itself, not a statement about any f
        sides = [_sums(side) for side in sides]
        indices = sorted(set("".join(re.findall(r"_\{?([ijk]+)\}?", "".join(sides)))))
        for values in itertools.product(range(1, N + 1), repeat=len(indices)):
            chosen = dict(zip(indices, values, strict=True))
            at = ", ".join(f"{index} = {value}" for index, value in chosen.items())
            at = f" at {at}" if at else ""
            expanded = [_expand(side, chosen) for side in sides]
            left = self.side(expanded[0])
            for number, side in enumerate(expanded[1:], start=2):
                if r"\begin{bmatrix}" in side and any(dots in side for dots in _DOTS):
                    _pattern(left, side, self)
                else:
                    _agree(left, self.side(side), f"side {number}{at}", "the left side")

    def rename(self, latex: str) -> tuple[str, bool]:
        """The page's derivatives at a point and its fresh function, as the dialect's names.

        Also says whether the statement introduces the fresh function (its first use).
        """
        text = latex.replace(r"\,", " ").replace(r"\left", "").replace(r"\right", "")
        introduced = False
        for applied in _APPLIED.finditer(text):
            name = applied.group("name")
            if name != self.fresh:
                if self.fresh is not None:
                    raise _Unreadable(latex)  # a second function the probe does not know
                self.fresh, introduced = name, True
        if self.fresh is not None:
            text = re.sub(
                _NOT_A_FUNCTION + self.fresh + r"\(", lambda _: _FRESH_FUNCTION + "(", text
            )
        for spelling, function in _AT_POINT.items():
            text = text.replace(spelling, function)
        return text, introduced

    # -- what a side is worth ----------------------------------------------------------------
    def side(self, latex: str) -> Any:
        limit = _LIMIT.match(latex.strip())
        if limit:
            return self.limit(limit.group("variable"), limit.group("target"), limit.group("body"))
        entry = _ENTRY_OF.match(latex.strip())
        if entry:
            name = entry.group("name")
            name = name[1:-1] if name.startswith("(") else name  # (H_f)_{ij}
            matrix = np.atleast_2d(np.asarray(self.evaluate(name), dtype=float))
            return float(matrix[_index(entry.group("row")), _index(entry.group("col") or "1")])
        return self.evaluate(latex)

    def evaluate(self, latex: str, scope: _Scope | None = None) -> Any:
        return evaluate(parse_expression(latex), scope or self.scope(), NumpyAlgebra())

    def limit(self, variable: str, target: str, body: str) -> Any:
        at = float(self.evaluate(target))
        values = [
            self.evaluate(body, self.scope(**{variable: at + step})) for step in (STEP, -STEP)
        ]
        stated = f"it has no limit: at {variable} = {at - STEP:g} it"
        _agree(values[0], values[1], stated, f"at {variable} = {at + STEP:g} it")
        return (np.asarray(values[0], dtype=float) + np.asarray(values[1], dtype=float)) / 2

    # -- a function the block defines ----------------------------------------------------
    def define(self, left: str, right: str) -> None:
        """``q(\\boldsymbol{\\Delta}) = …``: q is the right side as a function of its argument."""
        argument = _canonical(left[len(_FRESH_FUNCTION) + 1 : -1])

        def function(at: Any) -> Any:
            return self.evaluate(right, self.scope(**{argument: at}))

        self.functions[_FRESH_FUNCTION] = function

    def implicit(self, sides: list[str]) -> None:
        """``A = B ± r(\\boldsymbol{\\Delta})``: r is what makes it hold."""
        last = re.search(
            rf"(?P<sign>[+-])\s*{re.escape(_FRESH_FUNCTION)}\((?P<arg>[^()]*)\)\s*$", sides[-1]
        )
        if len(sides) != 2 or last is None:
            raise _Unreadable(sides[-1])
        argument = _canonical(last.group("arg"))
        rest, sign = sides[1][: last.start()], 1.0 if last.group("sign") == "+" else -1.0

        def function(at: Any) -> Any:
            scope = self.scope(**{argument: at})
            left = np.asarray(self.evaluate(sides[0], scope), dtype=float)
            return sign * (left - np.asarray(self.evaluate(rest, scope), dtype=float))

        self.functions[_FRESH_FUNCTION] = function

    # -- remainders ----------------------------------------------------------------------
    def remainder(self, text: str, asymptotic: re.Match[str]) -> None:
        """``E \\to c`` or ``A = B + o(G)`` as a variable tends to a point: the gap must shrink.

        The gap (``E - c``, or ``(A - B) / G``) is taken at two steps from the point along a
        random direction; it must shrink about as fast as the step does.
        """
        variable = _canonical(asymptotic.group("variable"))
        sides, relations = split_relations(text)
        small = re.search(r"\+\s*o\((?P<order>.*)\)\s*$", sides[-1], re.S)
        if relations == ["→"]:
            gap = rf"{sides[0]} - ({sides[1]})"
        elif relations == ["="] and small is not None:
            rest = sides[1][: small.start()]
            gap = rf"\frac{{{sides[0]} - ({rest})}}{{{small.group('order')}}}"
        else:
            raise _Unreadable(text)
        point = self.point_of(asymptotic.group("target"))
        direction = self.rng.uniform(-1.0, 1.0, (N, 1)) if np.ndim(point) else 1.0
        sizes = []
        for step in SHRINK:
            value = self.evaluate(gap, self.scope(**{variable: point + step * direction}))
            sizes.append(abs(float(np.ravel(np.asarray(value, dtype=float))[0])))
        if not sizes[1] <= FACTOR * sizes[0] + 1e-9:
            raise EvaluationError(
                f"what it says vanishes is {sizes[0]:.3g} at a step of {SHRINK[0]:g} and "
                f"{sizes[1]:.3g} at a step of {SHRINK[1]:g}"
            )

    def point_of(self, latex: str) -> Any:
        """Where a variable tends: ``\\mathbf{0}`` and ``\\mathbf{1}`` are the constant vectors."""
        constant = {r"\mathbf{0}": 0.0, r"\mathbf{1}": 1.0}.get(latex.strip())
        if constant is not None:
            return np.full((N, 1), constant)
        return self.evaluate(latex)


def _agree(left: Any, right: Any, stated: str, true: str) -> None:
    """``stated`` (the value ``right``) must be ``true`` (the value ``left``)."""
    first, second = np.asarray(left, dtype=float), np.asarray(right, dtype=float)
    if first.shape != second.shape and first.size * second.size != 1:
        raise EvaluationError(f"{stated} has shape {second.shape} where {true} has {first.shape}")
    scale = max(1.0, float(np.max(np.abs(first))))
    if not np.all(np.abs(first.reshape(second.shape) - second) <= TOLERANCE * scale):
        raise EvaluationError(f"{stated} is {_numbers(second)} where {true} is {_numbers(first)}")


def _numbers(value: np.ndarray) -> str:
    if value.size == 1:
        return f"{float(value.reshape(-1)[0]):.6g}"
    return np.array2string(value, precision=4, separator=", ").replace("\n", "")


def _pattern(left: Any, latex: str, block: _Block) -> None:
    """A matrix with dots: each written entry must be the left side's entry at its place."""
    matrix = np.atleast_2d(np.asarray(left, dtype=float))
    body = re.search(r"\\begin\{bmatrix\}(?P<body>.*)\\end\{bmatrix\}", latex, re.S)
    if body is None or latex[: body.start()].strip() or latex[body.end() :].strip():
        raise _Unreadable(latex)
    rows = [[cell.strip() for cell in row.split("&")] for row in body.group("body").split(r"\\")]
    rows = [row for row in rows if any(row)]
    kept = [row for row in rows if not all(cell in _DOTS for cell in row)]
    row_places = _places(rows, len(matrix), lambda row: all(cell in _DOTS for cell in row))
    width = max(len(row) for row in rows)
    columns = [[row[k] if k < len(row) else "" for row in kept] for k in range(width)]
    col_places = _places(columns, matrix.shape[1], lambda col: all(c in _DOTS for c in col))
    for row, row_place in zip(rows, row_places, strict=True):
        if row_place is None:
            continue
        for cell, col_place in zip(row, col_places, strict=False):
            if col_place is None or cell in _DOTS:
                continue
            _agree(
                matrix[row_place, col_place],
                block.side(cell),
                f"entry ({row_place + 1}, {col_place + 1})",
                "the left side's",
            )


def _places(items: list[Any], size: int, is_dots: Callable[[Any], bool]) -> list[int | None]:
    """Where each written row (or column) stands.

    Those before the dots count from the first, those after them from the last.
    """
    dots = [k for k, item in enumerate(items) if is_dots(item)]
    if not dots:
        if len(items) != size:
            raise EvaluationError(
                f"it has {len(items)} rows or columns where the left side has {size}"
            )
        return list(range(size))
    after = len(items) - dots[-1] - 1
    places: list[int | None] = []
    for k, item in enumerate(items):
        if is_dots(item):
            places.append(None)
        else:
            places.append(k if k < dots[0] else size - (len(items) - k))
    if dots[0] + after > size:
        raise EvaluationError(f"it writes {dots[0] + after} entries along a side of {size}")
    return places


def _expand(latex: str, indices: dict[str, int]) -> str:
    """Indices by their values, a subscript n by N, and ``x_1, \\dots, x_n`` by its entries."""
    values = {"n": N, **indices}

    def subscript(match: re.Match[str]) -> str:
        body = match.group(1) or match.group(2)
        if not all(character in values or character.isdigit() for character in body):
            return match.group(0)
        return "_{" + "".join(str(values.get(c, c)) for c in body) + "}"

    text = re.sub(r"_(?:\{([a-z0-9]+)\}|([a-z0-9]))", subscript, latex)
    return re.sub(r"f\((?P<items>[^()]*\\dots[^()]*)\)", _column, text)


def _sums(latex: str) -> str:
    """Each ``\\sum_i B`` as ``(B_1 + … + B_N)``.

    B runs to a top-level + or - (``\\sum_j W_{ij} x_j + b_i``) or to the end of its group.
    """
    found = _SUM.search(latex)
    if found is None:
        return latex
    letter = found.group("braced") or found.group("bare")
    start = end = found.end()
    depth = 0
    while end < len(latex):
        character = latex[end]
        depth += {"{": 1, "(": 1, "}": -1, ")": -1}.get(character, 0)
        if depth < 0 or (depth == 0 and character in "+-" and latex[start:end].strip()):
            break
        end += 1
    body = _sums(latex[start:end])
    terms = " + ".join(f"({_expand(body, {letter: k})})" for k in range(1, N + 1))
    return latex[: found.start()] + f"({terms})" + _sums(latex[end:])


def _column(match: re.Match[str]) -> str:
    """``f(x_{1}, \\dots, x_{2} + h, \\dots, x_{4})``: f of the column its entries stand for."""
    entries: list[str | None] = [None] * N
    for item in (item.strip() for item in match.group("items").split(",")):
        if item in _DOTS:
            continue
        found = re.match(r"^x_\{(?P<index>\d)\}(?P<rest>.*)$", item, re.S)
        if found is None:
            raise _Unreadable(item)
        place = _index(found.group("index"))
        if found.group("rest").strip() or entries[place] is None:
            entries[place] = item  # x_i + h says more than the bare x_i its neighbour implies
    column = [entry or f"x_{{{k + 1}}}" for k, entry in enumerate(entries)]
    return r"f(\begin{bmatrix} " + r" \\ ".join(column) + r" \end{bmatrix})"


def _canonical(latex: str) -> str:
    node = parse_expression(latex.strip())
    if not isinstance(node, Name):
        raise _Unreadable(latex)
    return node.canonical
