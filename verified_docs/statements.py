"""Check the relations a page states outside its claims against the checks of that page.

A definition (``u = x^2``) is true or false relative to what the page's checks mean by ``u``:
its right side is evaluated in every model of the page's checks that binds the name, and must
agree with it in at least one (and a model that binds it differently is named when none
agrees). A condition (``x > 0``) must hold at every point the checks sample its variables at,
and a ``\\neq`` must be sampled on both sides (for a vector, a check must be undefined at the
point it excludes). Arithmetic between numbers is evaluated; a binding or a declaration must be
the value or shape a check of the section gives that name; a general definition (a template,
for every ``f``) is evaluated on the probe function of :mod:`verified_docs.general`. So a
changed definition, a condition the checks do not respect, or a wrong number fails the build.
"""

from __future__ import annotations

import dataclasses
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import sympy as sp

from verified_docs.checks import Expression, Model
from verified_docs.general import PROBE, GeneralFalse, check_block
from verified_docs.latex.ast import Call, Name, Node
from verified_docs.latex.errors import EvaluationError, LatexSyntaxError
from verified_docs.latex.evaluate import BUILTIN_FUNCTIONS, NumpyAlgebra, SympyAlgebra, evaluate
from verified_docs.latex.parser import canonical_name, parse_expression
from verified_docs.page_scan import Statement
from verified_docs.problems import Problem
from verified_docs.relations import _APPLICATION, _arguments, _is_name, _top_level_split
from verified_docs.verify import numeric_scope_factory

POINTS = 40
# compare()'s answer when the check holds the name constant: neither agreement nor refutation.
_CONSTANT = "constant in this model"
TOLERANCE = 1e-6
_DECIMAL = re.compile(r"-?\d+\.(\d+)")


@dataclass
class StatementRecord:
    statement: Statement
    checked_against: str | None = None  # the claim whose model decided it, or PROBE
    error: str | None = None
    skipped: bool = False


@dataclass(frozen=True)
class PageModel:
    """A model of one of the page's checks, with the claim it belongs to (for messages)."""

    claim_id: str
    model: Model
    lhs: str | None = None
    quantity: Any = None  # what the check says the claim's left side means in this model
    section: int = 0  # the section of the page its claim is stated in


# The function a derivative's name differentiates: f in \frac{\partial f}{\partial x},
# \frac{d^2 y}{dx^2}, \nabla_{W} L, H_f.
_DIFFERENTIATED = re.compile(
    r"^\\frac\{(?:d|\\partial)(?:\^\{?\d\}?)?\s*(?P<frac>[^{}]*(?:\{[^{}]*\}[^{}]*)?)\}"
    r"|^\\nabla(?:_\{[^{}]*(?:\{[^{}]*\}[^{}]*)?\}|_\S)?\s*(?P<nabla>.+)$"
    r"|^H_(?P<hessian>\{?[^{}]+\}?)$"
)


def differentiated_name(latex: str) -> str | None:
    """The name of the function a derivative's name is of, if it is a plain name."""
    match = _DIFFERENTIATED.match(latex.strip())
    if match is None:
        return None
    name = (match.group("frac") or match.group("nabla") or match.group("hessian") or "").strip()
    name = name.strip("{}") if match.group("hessian") else name
    return name if name and _is_name(name) else None


def with_inferred_names(entry: PageModel) -> PageModel:
    """Add to a model the functions its derivatives are of: ∂f/∂x bound means f is bound."""
    inferred: dict[str, Any] = {}
    meanings = [(latex, meaning) for latex, meaning in entry.model.names.items()]
    if entry.lhs is not None and entry.quantity is not None:
        meanings.append((entry.lhs, entry.quantity))
    known = _model_names(entry.model)
    if entry.lhs is not None and entry.quantity is not None and _is_name(entry.lhs):
        # The check says what its claim's left side means: the page may use that name too.
        lhs = parse_expression(entry.lhs)
        if isinstance(lhs, Name) and lhs.canonical not in known:
            inferred[entry.lhs] = entry.quantity
    for latex, meaning in meanings:
        name = differentiated_name(latex)
        expr = getattr(meaning, "expr", None)
        if name is None or expr is None:
            continue
        canonical = parse_expression(name)
        if isinstance(canonical, Name) and canonical.canonical not in known:
            inferred.setdefault(name, Expression(expr))
    if not inferred:
        return entry
    model = dataclasses.replace(entry.model, names={**entry.model.names, **inferred})
    return PageModel(entry.claim_id, model, entry.lhs, entry.quantity, entry.section)


def check_statements(
    statements: Sequence[Statement], models: Sequence[PageModel], *, execute: bool = True
) -> list[StatementRecord]:
    """Decide every checkable statement of one page; what nothing can decide passes, counted."""
    context = _Context(models)
    records = []
    general = _general_definitions(statements) if execute else {}
    for index, statement in enumerate(statements):
        record = StatementRecord(statement)
        kind = statement.relation.kind
        if not execute and kind in ("definition", "condition", "arithmetic"):
            record.skipped = True
        elif kind == "template":
            record.checked_against, record.error = general.get(index, (None, None))
        else:
            try:
                record.checked_against = context.decide(statement)
            except _Refuted as refusal:
                record.error = str(refusal)
        records.append(record)
    return records


def _general_definitions(
    statements: Sequence[Statement],
) -> dict[int, tuple[str | None, str | None]]:
    """Templates decided on the probe function: (PROBE, None), or (None, why it is false).

    The statements of one definition block are checked together, in order, since one may
    define a function the next uses (``q`` in a Taylor expansion and its remainder).
    """
    blocks: dict[tuple[Any, ...], list[int]] = {}
    for index, statement in enumerate(statements):
        if statement.relation.kind != "template":
            continue
        key = (statement.page, statement.line) if statement.context == "definition" else (index,)
        blocks.setdefault(key, []).append(index)
    verdicts: dict[int, tuple[str | None, str | None]] = {}
    for indices in blocks.values():
        try:
            decided = check_block([statements[index].latex for index in indices])
        except GeneralFalse as error:
            verdicts[indices[0]] = (None, str(error))
            continue
        if decided:
            verdicts.update((index, (PROBE, None)) for index in indices)
    return verdicts


def statement_problem(record: StatementRecord) -> Problem:
    statement = record.statement
    latex = statement.latex if len(statement.latex) <= 70 else statement.latex[:69] + "…"
    message = f"{statement.relation.kind} ${latex}$: {record.error}"
    return Problem(statement.page, statement.line, "statement", statement.latex, message)


class _Refuted(Exception):
    """The statement is false where the checks sample, or nothing on the page can decide it."""


class _Unbound(_Refuted):
    """No check in the scope looked at binds the statement's names: a wider scope may."""


class _Context:
    def __init__(self, models: Sequence[PageModel]) -> None:
        unique: dict[tuple[int, str], PageModel] = {}
        for entry in models:
            unique.setdefault((id(entry.model), entry.claim_id), entry)
        self.models = [with_inferred_names(entry) for entry in unique.values()]
        self.active = self.models
        self._points: dict[int, list[dict[sp.Symbol, float]]] = {}
        self._scopes: dict[int, Callable[[Mapping[sp.Symbol, float]], Any]] = {}

    def points(self, entry: PageModel) -> list[dict[sp.Symbol, float]]:
        key = id(entry.model)
        if key not in self._points:
            rng = np.random.default_rng(zlib.crc32(entry.claim_id.encode()))
            self._points[key] = [entry.model.numeric_point(rng) for _ in range(POINTS)]
        return self._points[key]

    def scope(self, entry: PageModel) -> Callable[[Mapping[sp.Symbol, float]], Any]:
        key = id(entry.model)
        if key not in self._scopes:
            self._scopes[key] = numeric_scope_factory(entry.model)
        return self._scopes[key]

    def decide(self, statement: Statement) -> str | None:
        """Decide against the claims of the statement's own section, else of the whole page.

        A name usually means one thing per section (``u`` in one exercise, another in the
        next), and the claims near a definition are the ones it governs; only when none of them
        binds its names do the page's other claims decide.
        """
        nearby = [entry for entry in self.models if entry.section == statement.section]
        scopes = [nearby, self.models] if nearby else [self.models]
        if statement.relation.kind in ("binding", "dimension"):
            # "At x = 0" picks the point of its own section; other sections fix other points.
            scopes = [nearby]
        for scope in scopes:
            self.active = scope
            try:
                return self.decide_in(statement)
            except _Unbound:
                if scope is not scopes[-1]:
                    continue
                if statement.relation.kind in ("definition", "condition"):
                    raise
        # A binding or declaration of a name no check uses: it picks a case, and is counted.
        return None

    def decide_in(self, statement: Statement) -> str | None:
        kind = statement.relation.kind
        if kind == "definition":
            return self.definition(statement)
        if kind == "condition":
            return self.condition(statement)
        if kind == "arithmetic":
            _arithmetic(statement)
            return None
        if kind == "declaration":
            return self.declaration(statement)
        if kind in ("binding", "dimension"):
            return self.binding(statement)
        return None  # arrow, template: stated, cannot be false by themselves

    # -- bindings -------------------------------------------------------------------------
    def binding(self, statement: Statement) -> str | None:
        """A constant given to a name the checks fix (a dimension, ``t = 0``) must be theirs.

        ``n = 2, 3, 4`` lists the cases checked and must be exactly the checks' dimensions;
        one value (``t = 0``, ``N = 3``) picks a case, which must be one a check fixes.
        """
        sides = statement.relation.sides
        if len(sides) != 2:
            return None
        name = sides[0].strip()
        try:
            stated = {float(part) for part in _top_level_split(sides[1], ",")}
        except ValueError:
            return self.vector_binding(name, sides[1])
        fixed: dict[float, str] = {}
        for entry in self.active:
            value = _fixed_value(name, entry.model)
            if value is not None:
                fixed.setdefault(value, entry.claim_id)
        if not fixed:
            raise _Unbound("no check fixes it")
        if (len(stated) == 1 and not stated <= set(fixed)) or (
            len(stated) > 1 and stated != set(fixed)
        ):
            shown = ", ".join(f"{value:g}" for value in sorted(fixed))
            raise _Refuted(f"false: the checks of this page fix {name} = {shown}")
        return fixed[min(stated)]

    def vector_binding(self, name: str, latex: str) -> str | None:
        """``\\mathbf{u} = (3/5, 4/5)``, a matrix of numbers: the value a check fixes it to."""
        node = _parse_side(latex)
        try:
            stated = _array(evaluate(node, _NO_NAMES, NumpyAlgebra())) if node else None
        except (EvaluationError, LatexSyntaxError):
            stated = None
        if stated is None or stated.ndim != 2:
            return None  # n = m, \phi = \tanh: the case chosen, in words
        fixed: list[tuple[str, np.ndarray]] = []
        for entry in self.active:
            value = _fixed_matrix(name, entry.model)
            if value is not None:
                fixed.append((entry.claim_id, value))
        for claim_id, value in fixed:
            if value.shape == stated.shape and np.allclose(value, stated):
                return claim_id
        if not fixed:
            raise _Unbound("no check fixes it")
        value = fixed[0][1]
        rows = [", ".join(f"{entry:g}" for entry in row) for row in value.tolist()]
        shown = f"({', '.join(rows)})" if value.shape[1] == 1 else f"[{'; '.join(rows)}]"
        raise _Refuted(f"false: the checks of this page fix {name} = {shown}")

    # -- definitions ----------------------------------------------------------------------
    def definition(self, statement: Statement) -> str | None:
        sides = statement.relation.sides
        left = sides[0]
        right = [_parse_side(side) for side in sides[1:]]
        readable = [node for node in right if node is not None]
        if not readable:
            raise _Refuted(
                "its right side is outside the claim dialect; rewrite it or say it in words"
            )
        bound_somewhere, abstract = False, True
        disagreements: list[str] = []
        # Per claim: did each of its instances (shapes) agree? A claim confirms a definition
        # only if every instance that binds the name agrees, as the claim itself must hold in
        # every instance.
        verdicts: dict[str, list[bool]] = {}
        shaped: set[str] = set()
        for entry in self.active:
            scope_at = self.scope(entry)
            lhs = _left_value(left, entry.model)
            if lhs is None:
                continue
            bound_somewhere = True
            try:
                problem = self.compare(entry, scope_at, lhs, readable)
            except EvaluationError as error:
                if _unknown_name(error):
                    abstract = abstract and _applies_unknown(readable, entry.model)
                    continue
                problem = f"{error} there"  # a shape that does not fit this instance
            except (LatexSyntaxError, ValueError, TypeError, ZeroDivisionError):
                abstract = False
                continue
            if problem == _CONSTANT:
                continue
            verdicts.setdefault(entry.claim_id, []).append(problem is None)
            if entry.model.label:
                shaped.add(entry.claim_id)
            if problem is not None:
                where = f" with {entry.model.label}" if entry.model.label else ""
                disagreements.append(f"{problem} (the model of claim {entry.claim_id!r}{where})")
        # In its own section a definition must hold in every shape instance of a claim (as the
        # claim does); instances that are different examples, or claims elsewhere on the page,
        # need only one agreeing instance.
        strict = self.active is not self.models
        agreeing = [
            claim_id
            for claim_id, agreed in verdicts.items()
            if (all(agreed) if strict and claim_id in shaped else any(agreed))
        ]
        if agreeing:
            return agreeing[0]
        if disagreements:
            raise _Refuted(f"false: {disagreements[0]}")
        if bound_somewhere and abstract:
            # y = f(u) with f a function no check defines: the shape of a rule, stated in
            # general; nothing about it can be false.
            return None
        if bound_somewhere:
            raise _Unbound(
                "its right side uses names that no check of this page binds with its left side"
            )
        raise _Unbound(
            f"no check on this page binds {left!r}; give a claim's Model that name "
            "(names= or where=), or say it in words"
        )

    def compare(
        self,
        entry: PageModel,
        scope_at: Callable[[Mapping[sp.Symbol, float]], Any],
        lhs: Node,
        right: list[Node],
    ) -> str | None:
        algebra = NumpyAlgebra()
        compared = 0
        values: list[np.ndarray] = []
        with np.errstate(all="ignore"):
            for point in self.points(entry):
                scope = scope_at(point)
                bound = _array(evaluate(lhs, scope, algebra))
                if not np.all(np.isfinite(bound)):
                    continue
                compared += 1
                values.append(bound)
                for node in right:
                    stated = _array(evaluate(node, scope, algebra))
                    if stated.shape != bound.shape:
                        return (
                            f"it has shape {stated.shape} but the check's value has {bound.shape}"
                        )
                    scale = max(1.0, float(np.max(np.abs(bound))))
                    if not np.all(np.abs(stated - bound) <= TOLERANCE * scale):
                        return (
                            f"at {_point(point, entry.model)} it is {_numbers(stated)}, "
                            f"the check's value is {_numbers(bound)}"
                        )
        if compared == 0:
            raise ValueError("no sample point in the domain")
        if len(values) > 1 and all(np.allclose(value, values[0]) for value in values[1:]):
            # The model holds the name constant (f on the line x = 0 is 0): agreeing there says
            # little about the formula, so another check must decide it.
            constant_formula = all(_is_number(node) for node in right)
            return None if constant_formula else _CONSTANT
        return None

    # -- conditions -----------------------------------------------------------------------
    def condition(self, statement: Statement) -> str:
        relation = statement.relation
        if relation.relations == ("∈",):
            low, high = _interval(relation.sides[1])
            sides_latex = [low, relation.sides[0], high]
            operators = ["≤", "≤"]
        else:
            sides_latex = list(relation.sides)
            operators = list(relation.relations)
        nodes = [_parse_side(side) for side in sides_latex]
        if any(node is None for node in nodes):
            raise _Refuted("the condition is outside the claim dialect; say it in words")
        failures, holding, signs = [], [], set()
        for entry in self.active:
            verdict, seen = self.condition_in(entry, [n for n in nodes if n is not None], operators)
            if verdict == "":
                holding.append(entry.claim_id)  # a check samples inside it
                signs |= seen
            elif verdict is not None:
                failures.append(f"{verdict} (the model of claim {entry.claim_id!r})")
        if holding and "≠" in operators and len(signs) == 1:
            # x \neq 0: a claim stated on both sides of it must be checked on both.
            raise _Refuted("the checks of this page sample only one side of it; sample both")
        if holding and operators == ["≠"] and not signs:
            return self.excluded_point(sides_latex, holding)
        if holding:
            return holding[0]
        if failures:
            raise _Refuted(f"no check of this page samples inside it: {failures[0]}")
        raise _Unbound(
            "no check on this page samples its variables, so nothing it governs is checked; "
            "give a claim's Model these variables or say it in words"
        )

    def excluded_point(self, sides: list[str], holding: list[str]) -> str:
        """``\\mathbf{x} \\neq \\mathbf{0}``: some check must fail at the point excluded.

        A vector has no two sides to sample; what makes the condition true rather than
        arbitrary is that a claim it governs is undefined there (x/‖x‖ at 0). A condition on
        something other than a sampled vector of numbers passes as before.
        """
        excluded = _constant_vector(sides[1])
        if excluded is None:
            return holding[0]
        governed = [entry for entry in self.active if entry.claim_id in holding]
        tried = False
        for entry in governed:
            symbols = _vector_symbols(sides[0], entry.model)
            if symbols is None or entry.quantity is None or excluded.size not in (1, len(symbols)):
                continue
            tried = True
            values = np.resize(excluded, len(symbols))
            # Exactly, not by differences: x/‖x‖ at 0 is 0/0, a central difference there is 0.
            point = {**self.points(entry)[0], **dict(zip(symbols, values, strict=True))}
            exact = {
                symbol: sp.nsimplify(point[symbol]) if symbol in symbols else point[symbol]
                for symbol in entry.model.sample
            }
            try:
                value = sp.sympify(entry.quantity.symbolic(entry.model)).xreplace(exact)
            except (ArithmeticError, ValueError, TypeError):
                return entry.claim_id  # it cannot even be computed there
            entries = [
                sp.sympify(e) for e in (value if isinstance(value, sp.MatrixBase) else [value])
            ]
            if any(entry_value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) for entry_value in entries):
                return entry.claim_id
        if not tried:
            return holding[0]
        raise _Refuted(
            f"every check it governs is defined at {sides[0].strip()} = {sides[1].strip()}, "
            "so nothing there needs excluding; exclude the point where they fail"
        )

    def condition_in(
        self, entry: PageModel, nodes: list[Node], operators: list[str]
    ) -> tuple[str | None, set[int]]:
        """Whether the condition holds at every point the model samples.

        Returns ("", signs) if it does, (None, …) if the model lacks its names and (why not, …)
        otherwise; ``signs`` are those of a scalar ``≠``'s two sides.
        """
        algebra = NumpyAlgebra()
        scope_at = self.scope(entry)
        signs: set[int] = set()
        try:
            for point in self.points(entry):
                values = [_array(evaluate(node, scope_at(point), algebra)) for node in nodes]
                for operator, left, right in zip(operators, values, values[1:], strict=False):
                    if not _holds(operator, left, right):
                        where = _point(point, entry.model)
                        return f"it does not hold at {where}, a point the check samples", signs
                    if operator == "≠" and left.size == 1 and right.size == 1:
                        difference = float(left.reshape(-1)[0] - right.reshape(-1)[0])
                        signs.add(int(np.sign(difference)))
        except (EvaluationError, LatexSyntaxError, ValueError, TypeError):
            return None, signs
        return "", signs

    # -- declarations ---------------------------------------------------------------------
    def declaration(self, statement: Statement) -> str | None:
        """``X \\in \\mathbb{R}^{m \\times n}``, ``f: A \\to B``: a check gives it that shape.

        A number must be the size; a letter must be the model's dimension of that name where
        it has one, and one size throughout the statement (``\\mathbf{u}, \\mathbf{v} \\in
        \\mathbb{R}^n`` are the same length, ``A \\in \\mathbb{R}^{n \\times n}`` is square).
        """
        relation = statement.relation
        if relation.relations not in (("∈",), (":", "→")):
            return None
        # f: \\mathbb{R}^n \\to \\mathbb{R}^m: the value a check gives f is in the last set.
        labels = _declared_shape(relation.sides[-1])
        if labels is None:
            return None
        names = [name.strip() for name in _top_level_split(relation.sides[0], ",")]
        found: list[tuple[str, str, tuple[int, int]]] = []  # claim, name, its shape there
        agreeing: list[str] = []
        for entry in self.active:
            shapes = {name: self.shape_of(name, entry) for name in names}
            known = {name: shape for name, shape in shapes.items() if shape is not None}
            found += [(entry.claim_id, name, shape) for name, shape in known.items()]
            sizes: dict[str, int] = {}
            if known and all(_fits(labels, shape, entry.model, sizes) for shape in known.values()):
                agreeing.append(entry.claim_id)
        if agreeing:
            return agreeing[0]
        if not found:
            raise _Unbound("no check binds it")
        claim_id, name, actual = found[0]
        raise _Refuted(
            f"no check of this page makes {name} {labels[0]}×{labels[1]}; "
            f"the check of claim {claim_id!r} makes it {actual[0]}×{actual[1]}"
        )

    def shape_of(self, name: str, entry: PageModel) -> tuple[int, int] | None:
        """The shape a model gives a name (a scalar is 1×1), or None if it does not bind it."""
        node = _left_value(name, entry.model)
        if node is None:
            return None
        try:
            point = self.points(entry)[0]
            value = _array(evaluate(node, self.scope(entry)(point), NumpyAlgebra()))
        except (EvaluationError, LatexSyntaxError, ValueError, TypeError, ArithmeticError):
            return None
        return (value.shape[0], value.shape[1]) if value.ndim == 2 else (1, 1)


def _fits(
    labels: tuple[str, str], shape: tuple[int, int], model: Model, sizes: dict[str, int]
) -> bool:
    """Whether a shape is the one declared, a letter taking one size (kept in ``sizes``)."""
    for label, size in zip(labels, shape, strict=True):
        if label.isdigit():
            if int(label) != size:
                return False
            continue
        fixed = model.dimensions.get(label)
        if (fixed is not None and fixed != size) or sizes.setdefault(label, size) != size:
            return False
    return True


def _fixed_value(name: str, model: Model) -> float | None:
    """The constant a model fixes ``name`` to (a dimension, a name or a derived variable)."""
    if name in model.dimensions:
        return float(model.dimensions[name])
    try:
        canonical = canonical_name(name)
    except LatexSyntaxError:
        return None
    candidates: list[Any] = [
        m for latex, m in model.names.items() if _canonical(latex) == canonical
    ]
    candidates += [d for s, d in model.where.items() if canonical_name(sp.latex(s)) == canonical]
    for meaning in candidates:
        value = sp.sympify(meaning) if not isinstance(meaning, sp.MatrixBase) else None
        if value is not None and value.is_number:
            return float(value)
    return None


def _constant_vector(latex: str) -> np.ndarray | None:
    """``\\mathbf{0}``, ``\\mathbf{1}`` (one entry, for every entry) or a tuple of numbers."""
    text = latex.strip()
    if text in (r"\mathbf{0}", r"\mathbf{1}"):
        return np.array([0.0 if text.endswith("{0}") else 1.0])
    node = _parse_side(text)
    try:
        value = _array(evaluate(node, _NO_NAMES, NumpyAlgebra())) if node else None
    except (EvaluationError, LatexSyntaxError):
        return None
    return None if value is None or value.ndim != 2 else value.reshape(-1)


def _vector_symbols(name: str, model: Model) -> list[sp.Symbol] | None:
    """The sampled symbols that are the entries of the vector a model binds to ``name``."""
    canonical = _canonical(name)
    for latex, meaning in model.names.items():
        if canonical is None or canonical != _canonical(latex):
            continue
        if isinstance(meaning, sp.MatrixBase) and all(e in model.sample for e in meaning):
            return list(meaning)
    return None


def _fixed_matrix(name: str, model: Model) -> np.ndarray | None:
    """The matrix of numbers a model fixes ``name`` to, if it does."""
    canonical = _canonical(name)
    for latex, meaning in model.names.items():
        if not isinstance(meaning, sp.MatrixBase) or canonical != _canonical(latex):
            continue
        if canonical is not None and all(entry.is_number for entry in meaning):
            return np.asarray(meaning.tolist(), dtype=float)
    return None


def _canonical(latex: str) -> str | None:
    try:
        return canonical_name(latex)
    except LatexSyntaxError:
        return None


def _unknown_name(error: EvaluationError) -> bool:
    """Whether the error is a name or function the model lacks (not a misfit of shapes)."""
    return str(error).startswith(("the page uses", "the page applies", "the shape label"))


def _applies_unknown(nodes: list[Node], model: Model) -> bool:
    """Whether a side applies a function the model does not define (``y = f(u)``)."""
    pending: list[Any] = list(nodes)
    while pending:
        node = pending.pop()
        if isinstance(node, tuple):  # the rows of a matrix
            pending.extend(node)
            continue
        if (
            isinstance(node, Call)
            and node.function not in BUILTIN_FUNCTIONS
            and node.function not in model.functions
        ):
            return True
        if dataclasses.is_dataclass(node):
            for item in dataclasses.fields(node):
                value = getattr(node, item.name)
                pending.extend(value if isinstance(value, tuple) else [value])
    return False


def _is_number(node: Node) -> bool:
    """Whether a side is written without variables (its value cannot depend on the point)."""
    pending: list[Any] = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, tuple):
            pending.extend(item)
        elif isinstance(item, Name):
            return False
        elif dataclasses.is_dataclass(item):
            pending.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    return True


def _parse_side(latex: str) -> Node | None:
    # The zero vector compared entry by entry: \mathbf{x} \neq \mathbf{0}.
    text = latex.strip()
    try:
        return parse_expression("0" if text == r"\mathbf{0}" else _tuple_as_column(text))
    except (LatexSyntaxError, IndexError):
        return None


def _tuple_as_column(latex: str) -> str:
    """``(a, b)`` on a definition's side is the column vector with entries a and b."""
    text = latex.strip()
    if text.startswith("(") and text.endswith(")"):
        parts = [part.strip() for part in _top_level_split(text[1:-1], ",")]
        if len(parts) > 1:
            return r"\begin{bmatrix} " + r" \\ ".join(parts) + r" \end{bmatrix}"
    return latex


def _left_value(left: str, model: Model) -> Node | None:
    """The left side as something the model can evaluate, or None if it does not bind it."""
    known = _model_names(model)
    if _is_name(left):
        node = parse_expression(left)
        return node if isinstance(node, Name) and node.canonical in known else None
    application = _APPLICATION.match(left)
    if application is None:
        return None
    head = application.group("head")
    arguments = _arguments(application.group("args"))
    try:
        head_node = parse_expression(head)
    except LatexSyntaxError:
        head_node = None
    if isinstance(head_node, Name) and head_node.canonical in known:
        # f(x, y), written with names for its variables, is f itself.
        return head_node if all(_is_name(argument) for argument in arguments) else None
    try:
        return parse_expression(left)  # a function the model or the dialect defines
    except LatexSyntaxError:
        return None


def _model_names(model: Model) -> frozenset[str]:
    """The canonical names a model binds (remembered: a page asks for each model often)."""
    remembered = _NAMES.get(id(model))
    if remembered is not None and remembered[0] is model:
        return remembered[1]
    names = {canonical_name(sp.latex(symbol)) for symbol in [*model.sample, *model.where]}
    for latex in model.names:
        try:
            names.add(canonical_name(latex))
        except LatexSyntaxError:
            continue
    _NAMES[id(model)] = (model, frozenset(names))
    return _NAMES[id(model)][1]


_NAMES: dict[int, tuple[Model, frozenset[str]]] = {}


def _array(value: Any) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return np.asarray(np.nan)


def _holds(operator: str, left: np.ndarray, right: np.ndarray) -> bool:
    if operator == "≠":
        return bool(np.any(np.abs(left - right) > 1e-9))
    if operator == "=":
        return bool(np.allclose(left, right))
    if left.size != 1 or right.size != 1:
        raise ValueError("an order between matrices")
    a, b = float(left.reshape(-1)[0]), float(right.reshape(-1)[0])
    return {"<": a < b, ">": a > b, "≤": a <= b, "≥": a >= b}[operator]


def _interval(latex: str) -> tuple[str, str]:
    low, high = _top_level_split(latex.strip()[1:-1], ",")
    return low.strip(), high.strip()


def _declared_shape(latex: str) -> tuple[str, str] | None:
    """The rows and columns a set names, numbers or letters (``\\mathbb{R}^n`` is n×1)."""
    match = re.fullmatch(
        r"\\mathbb\{R\}(?:\^\{?\s*(\d+|[A-Za-z])(?:\s*\\times\s*(\d+|[A-Za-z]))?\s*\}?)?",
        latex.strip(),
    )
    if match is None:
        return None
    rows, cols = match.group(1), match.group(2)
    return (rows or "1", cols or "1")


def _arithmetic(statement: Statement) -> None:
    """Numbers only: = exactly (SymPy), ≈ to the digits written, orders numerically."""
    relation = statement.relation
    algebra = SympyAlgebra()
    try:
        values = [evaluate(parse_expression(side), _NO_NAMES, algebra) for side in relation.sides]
    except (EvaluationError, LatexSyntaxError) as error:
        raise _Refuted(f"cannot evaluate it: {error}") from None
    for operator, (left_text, left), (right_text, right) in zip(
        relation.relations,
        zip(relation.sides, values, strict=True),
        list(zip(relation.sides, values, strict=True))[1:],
        strict=False,
    ):
        difference = sp.N(left - right, 30)
        if operator == "=":
            ok = sp.simplify(left - right) == 0
        elif operator == "≈":
            digits = max(_decimals(left_text), _decimals(right_text))
            ok = abs(difference) <= sp.Rational(1, 2) * sp.Rational(10) ** -digits
        else:
            ok = _holds(operator, np.asarray(float(sp.N(left))), np.asarray(float(sp.N(right))))
        if not ok:
            raise _Refuted(
                f"false: {left_text} is {sp.N(left, 6)}, {right_text} is {sp.N(right, 6)}"
            )


def _decimals(latex: str) -> int:
    found = _DECIMAL.findall(latex)
    return max((len(Decimal("0." + digits).as_tuple().digits) for digits in found), default=0)


class _NoNames:
    def value(self, name: Name) -> Any:
        raise EvaluationError(f"{name.source!r} is not a number")

    def function(self, name: str) -> Any:
        raise EvaluationError(f"{name!r} is not a known function")

    def dimension(self, label: str) -> int:
        raise EvaluationError("no dimensions")

    def with_value(self, name: str, value: Any) -> Any:
        return self


_NO_NAMES = _NoNames()


def _point(point: Mapping[sp.Symbol, float], model: Model) -> str:
    return ", ".join(f"{sp.latex(s)} = {point[s]:.4g}" for s in model.sample)


def _numbers(value: np.ndarray) -> str:
    if value.size == 1:
        return f"{float(value.reshape(-1)[0]):.6g}"
    return np.array2string(value, precision=4, separator=", ").replace("\n", "")
