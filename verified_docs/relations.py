"""Sort every relation a page states into the kind of statement it is, by its syntax alone.

A relation (``=``, ``\\neq``, ``\\approx``, ``<``, ``\\le``, ``\\in``, ``\\to`` …) in a page's
math states something that can be false, so each one must be accounted for. This module
decides, from the LaTeX alone, which kind a piece of math is; :mod:`verified_docs.statements`
then checks definitions, conditions and arithmetic against the checks of the page. The kinds:

* ``definition``: a fresh name or a function of variables on the left of ``=``
  (``u = x^2``, ``f(x, y) = xy``); its right side must agree with what a check binds it to.
* ``binding``: a plain variable set to a constant (``at $t = 0$``, ``$N = 3$``).
* ``dimension``: a relation between dimensions or indices (``n = k = m = 1``, ``k \\neq m``).
* ``declaration``: a type, ``X \\in \\mathbb{R}^{m \\times n}`` or ``f: \\mathbb{R}^n \\to
  \\mathbb{R}``.
* ``condition``: an inequality, ``\\neq`` or membership in an interval, on variables
  (``for $x > 0$``); the checks must sample inside it.
* ``arrow``: a limit or a flow of names (``h \\to 0``, ``t \\to \\mathbf{u} \\to f``).
* ``arithmetic``: a relation between numbers only (``e^0 = 1``, ``\\frac{e}{2} \\approx 1.359``),
  evaluated.
* ``template``: a definition whose right side the claim dialect cannot evaluate (a limit,
  ``\\dots``, ``\\sum_i``): a general one (for every ``f``) is evaluated on a probe function
  by :mod:`verified_docs.general`; one the probe cannot read is counted, not checked.

Anything else — a relation between known quantities (``5x^2 = \\frac{d}{dx}(x^3)``), an
approximation between expressions — is a result, and a result must be a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verified_docs.latex.ast import Name
from verified_docs.latex.errors import LatexSyntaxError
from verified_docs.latex.lexer import Token, tokenize
from verified_docs.latex.parser import parse_expression

RELATIONS = {
    "=": "=",
    r"\neq": "≠",
    r"\ne": "≠",
    r"\approx": "≈",
    r"\simeq": "≈",
    r"\sim": "∼",
    r"\cong": "≅",
    r"\equiv": "≡",
    r"\propto": "∝",
    "<": "<",
    ">": ">",
    r"\lt": "<",
    r"\gt": ">",
    r"\le": "≤",
    r"\leq": "≤",
    r"\leqslant": "≤",
    r"\ge": "≥",
    r"\geq": "≥",
    r"\geqslant": "≥",
    r"\ll": "≪",
    r"\gg": "≫",
    r"\in": "∈",
    r"\notin": "∉",
    r"\subset": "⊂",
    r"\subseteq": "⊆",
    r"\to": "→",
    r"\rightarrow": "→",
    r"\mapsto": "↦",
    r"\implies": "⇒",
    r"\Rightarrow": "⇒",
    r"\iff": "⇔",
}
HINT = "mark it '$…${claim: <id>}' and give it a check, or say it in words"
ORDER = frozenset({"<", ">", "≤", "≥", "≠"})
# Statements side by side in one block are separated by a wide space (``a = b, \qquad c = d``).
_SEPARATORS = frozenset({r"\qquad", r"\quad"})
# Outside the dialect: a side containing these is a template, shown but not evaluated.
_TEMPLATE_MARKS = (
    *(r"\lim", r"\dots", r"\ldots", r"\cdots", r"\vdots", r"\ddots", r"\text"),
    *(r"\sum_", r"\prod_", r"\max", r"\min", r"\mathrm{d}"),
)
_DERIVATIVE_NAME = re.compile(r"^\\frac\{(d|\\partial)|^\\nabla|\\partial|'")
_APPLIED_DERIVATIVE = re.compile(r"\\frac\{(?:d|\\partial)(?:\^\{?\d\}?)?\}\{[^{}]*\}\s*[\(\[{]")
_MATRIX_LITERAL = re.compile(r"\\begin\{[bp]matrix\}")
# ``f(x, y)``, ``\mathbf{g}(\mathbf{x})``, ``x_1(t)``, ``\operatorname{sigmoid}(z)``: a name of
# a function applied to its arguments.
_APPLICATION = re.compile(
    r"^(?P<head>(?:\\(?:mathbf|boldsymbol|operatorname)\{\\?[A-Za-z]+\}|\\?[A-Za-z]+)"
    r"(?:_\{?[A-Za-z0-9]+\}?)?'*)\s*(?:\\left)?\((?P<args>.*)(?:\\right)?\)$"
)
# Dimensions and indices: relations between them choose a case, about no sampled value.
_DIMENSION = re.compile(r"[i-nKMN]|\d+")
_INTERVAL = re.compile(r"^[\[(].*,.*[\])]$")
_SET = re.compile(r"^\\mathbb\{[A-Z]\}")


@dataclass(frozen=True)
class Relation:
    """One statement: its sides, the relations between them, and its kind."""

    latex: str
    sides: tuple[str, ...]
    relations: tuple[str, ...]
    kind: str
    problem: str | None = None  # why it is refused, for the author

    @property
    def checked(self) -> bool:
        return self.kind in CHECKED_KINDS


# Kinds whose truth the build decides (the others are stated, counted and cannot be false).
CHECKED_KINDS = frozenset({"definition", "condition", "arithmetic", "declaration"})
ALLOWED_KINDS = frozenset({*CHECKED_KINDS, "binding", "dimension", "arrow", "template"})


def statements(latex: str) -> list[str]:
    """Split math into the statements written side by side (``a = b, \\qquad c = d``)."""
    try:
        tokens = tokenize(latex)
    except LatexSyntaxError:
        return [latex.strip()]
    pieces: list[str] = []
    depth, start = 0, 0
    for token in tokens:
        depth += _depth_change(token)
        if depth == 0 and token.text in _SEPARATORS:
            pieces.append(latex[start : token.offset])
            start = token.offset + len(token.text)
    pieces.append(latex[start:])
    cleaned = [piece.strip().rstrip(",.;").strip() for piece in pieces]
    return [piece for piece in cleaned if piece]


def _depth_change(token: Token) -> int:
    if token.text in ("{", "(", "[", r"\begin", r"\left"):
        return 1
    if token.text in ("}", ")", "]", r"\end", r"\right"):
        return -1
    return 0


def split_relations(latex: str) -> tuple[list[str], list[str]]:
    """The sides of a statement and the relations between them, at the top level only."""
    tokens = tokenize(latex)
    sides: list[str] = []
    found: list[str] = []
    depth, start, index = 0, 0, 0
    while index < len(tokens):
        token = tokens[index]
        depth += _depth_change(token)
        text = token.text
        width = len(text)
        if depth == 0 and text == r"\not" and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following.text in ("=", r"\in"):
                sides.append(latex[start : token.offset])
                found.append("≠" if following.text == "=" else "∉")
                start = following.offset + len(following.text)
                index += 2
                continue
        if depth == 0 and text in RELATIONS:
            sides.append(latex[start : token.offset])
            found.append(RELATIONS[text])
            start = token.offset + width
        elif depth == 0 and text == ":" and not found:
            # ``f: A \to B``: the colon of a signature.
            sides.append(latex[start : token.offset])
            found.append(":")
            start = token.offset + width
        index += 1
    sides.append(latex[start:])
    return [side.strip() for side in sides], found


def classify(latex: str) -> Relation:
    """The kind of one statement (no claim marker: a marked claim is never classified)."""
    try:
        sides, found = split_relations(latex)
    except LatexSyntaxError as error:
        if any(symbol in latex for symbol in ("=", "<", ">", r"\approx", r"\le", r"\ge", r"\ne")):
            problem = f"cannot be read: {error}"
            return Relation(latex, (latex,), (), "unreadable", problem)
        return Relation(latex, (latex,), (), "none")
    relation = Relation(latex, tuple(sides), tuple(found), "none")
    if not found:
        return _without_relation(relation)
    if any(not side for side in sides):
        return _refuse(relation, "has a relation with nothing on one side; write both sides")
    if found[0] == ":":
        return _signature(relation)
    if found[-1] == "∈" and _SET.match(sides[-1]) and set(found[:-1]) == {"="}:
        # ``H_f = [...] \in \mathbb{R}^{n \times n}``: a definition that also gives the type.
        relation = Relation(latex, tuple(sides[:-1]), tuple(found[:-1]), "none")
        sides, found = sides[:-1], found[:-1]
    if set(found) <= {"→", "↦"}:
        return _arrow(relation)
    if set(found) <= {"∈"} and len(found) == 1:
        return _membership(relation)
    if set(found) <= ORDER | {"="} and set(found) & ORDER:
        return _condition(relation)
    if set(found) == {"="}:
        return _equation(relation)
    if set(found) == {"≈"} and not _variables(sides):
        return _with(relation, "arithmetic")
    if "≈" in found:
        return _refuse(
            relation,
            "states a result: an approximation between expressions cannot be checked; state "
            "the exact result as a claim, or say it in words",
        )
    return _refuse(
        relation, f"states a relation ({'/'.join(found)}) that the build cannot check; {HINT}"
    )


def _with(relation: Relation, kind: str) -> Relation:
    return Relation(relation.latex, relation.sides, relation.relations, kind)


def _refuse(relation: Relation, problem: str) -> Relation:
    return Relation(relation.latex, relation.sides, relation.relations, "result", problem)


def _without_relation(relation: Relation) -> Relation:
    if is_template(relation.latex):
        return relation  # \frac{d}{dx}(\ldots): how the notation is used, no value
    if _APPLIED_DERIVATIVE.search(relation.latex):
        return _refuse(relation, f"states a value: a derivative applied to something; {HINT}")
    if _MATRIX_LITERAL.search(relation.latex):
        return _refuse(relation, f"states a value: a matrix written out; {HINT}")
    return relation


def _signature(relation: Relation) -> Relation:
    rest = relation.relations[1:]
    if rest == ("→",) and len(relation.sides) == 3 and _names_only(relation.sides[0]):
        return _with(relation, "declaration")
    return _refuse(relation, "is not a signature 'f: A \\to B'")


def _arrow(relation: Relation) -> Relation:
    sides = relation.sides
    if is_template(relation.latex):
        return _with(relation, "template")  # \frac{r}{\lVert\Delta\rVert} \to 0 \text{ as } …
    if len(sides) == 2 and (_is_constant(sides[1]) or _is_name(sides[1])):
        return _with(relation, "arrow")  # a limit: h \to 0, \Delta x \to 0; or x \mapsto x
    if all(_SET.match(side) for side in sides):
        return _with(relation, "arrow")  # a map's type, \mathbb{R}^n \to \mathbb{R}^n
    if all(_is_name(side) or _is_constant(side) or _APPLICATION.match(side) for side in sides):
        return _with(relation, "arrow")  # a flow: t \to u \to f, or layer sizes 2 \to 3 \to 2
    return _refuse(
        relation,
        "states a result: an arrow between expressions says what becomes what; write it "
        f"with '=' and {HINT}",
    )


def _membership(relation: Relation) -> Relation:
    left, right = relation.sides
    if not _names_only(left):
        return _refuse(relation, "declares something other than a name a member of a set")
    if _SET.match(right):
        return _with(relation, "declaration")
    if _INTERVAL.match(right):
        return _with(relation, "condition")
    return _refuse(relation, f"states membership in {right!r}, which the build cannot check")


def _condition(relation: Relation) -> Relation:
    if not _variables(relation.sides):
        return _with(relation, "arithmetic")
    if all(_DIMENSION.fullmatch(side) for side in relation.sides):
        return _with(relation, "dimension")  # k \neq m, n \geq 1: which case of a shape
    return _with(relation, "condition")


def _equation(relation: Relation) -> Relation:
    sides = relation.sides
    left = sides[0]
    if not _variables(sides):
        return _with(relation, "arithmetic")
    definable = _definable(left)
    if definable is None:
        return _refuse(relation, f"states a result: a relation between known quantities; {HINT}")
    if len(sides) == 2 and _generic_application(sides[1]):
        return _with(relation, "template")  # y = f(u): the form of a rule, for any f
    if definable == "entry":
        return _with(relation, "template")
    if definable == "derivative" and all(is_template(side) for side in sides[1:]):
        return _with(relation, "template")  # f'(x) = \lim_{h \to 0} …: what a derivative is
    if definable == "derivative":
        return _refuse(
            relation, f"states a result: a derivative on the left is not a definition; {HINT}"
        )
    if len(sides) == 2 and _is_constant(sides[1]) and _is_name(left):
        return _with(relation, "binding")
    if all(_DIMENSION.fullmatch(side) for side in sides):
        return _with(relation, "dimension")  # which case: n = k = m = 1, i = j
    if all(is_template(side) for side in sides[1:]):
        return _with(relation, "template")
    return _with(relation, "definition")


def _definable(side: str) -> str | None:
    """``"name"``, ``"function"``, ``"entry"``, ``"derivative"``, or None (not definable)."""
    if _DERIVATIVE_NAME.search(side):
        return "derivative"
    if _is_name(side):
        return "name"
    application = _APPLICATION.match(side)
    if application and all(
        _is_name(a) or _is_constant(a) for a in _arguments(application.group("args"))
    ):
        return "function"
    if re.fullmatch(r"\(\s*\\?[A-Za-z]+(_\{?\w+\}?)?\s*\)_\{?\w+\}?", side):
        return "entry"  # (H_f)_{ij}: the pattern of every entry of a named matrix
    return None


def _generic_application(side: str) -> bool:
    """Whether ``side`` applies a function named by a letter to names (``f(u)``)."""
    application = _APPLICATION.match(side.strip())
    if application is None or not re.fullmatch(
        r"(?:\\mathbf\{)?[fghFGH]\}?(?:_\{?\w+\}?)?", application.group("head")
    ):
        return False
    return all(
        _is_name(argument) or _generic_application(argument)
        for argument in _arguments(application.group("args"))
    )


def _arguments(text: str) -> list[str]:
    return [part.strip() for part in _top_level_split(text, ",")]


def _top_level_split(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for character in text:
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(character, 0)
        if character == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += character
    parts.append(current)
    return parts


def is_template(side: str) -> bool:
    """Whether this math is outside the dialect by design (a limit, an ellipsis, words)."""
    return any(mark in side for mark in _TEMPLATE_MARKS) or bool(_AT_A_POINT.search(side))


# A derivative evaluated at a point, \nabla f(\mathbf{p}) or H_f(\mathbf{p}): the dialect
# reads names of derivatives, not derivatives as functions of a point.
_AT_A_POINT = re.compile(r"(\\nabla\s*[A-Za-z]|H_\{?[A-Za-z]\}?|[A-Za-z]'+)\s*\(")


def _is_name(side: str) -> bool:
    try:
        return isinstance(parse_expression(side), Name)
    except (LatexSyntaxError, IndexError):
        return False


def _names_only(side: str) -> bool:
    return all(_is_name(part.strip()) for part in _top_level_split(side, ","))


def _is_constant(side: str) -> bool:
    """A number, or a list or tuple of numbers (``2, 3, 4``; ``(1, -2)``; ``\\mathbf{0}``)."""
    text = side.strip()
    if text in (r"\mathbf{0}", r"\mathbf{1}", r"\infty", r"-\infty", "0"):
        return True
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    parts = [part.strip() for part in _top_level_split(text, ",")]
    return all(part and not _variables([part]) for part in parts)


def _variables(sides: list[str] | tuple[str, ...]) -> bool:
    """Whether any side mentions a variable (a letter other than Euler's e, or a Greek name)."""
    for side in sides:
        try:
            tokens = tokenize(side)
        except LatexSyntaxError:
            return True
        index = 0
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if token.text in _WORD_COMMANDS:
                # The group after \operatorname, \mathbb, \begin … is a word, not variables.
                if index < len(tokens) and tokens[index].text == "{":
                    while index < len(tokens) and tokens[index].text != "}":
                        index += 1
                    index += 1
                continue
            if token.kind == "letter" and token.text != "e":
                return True
            if (
                token.kind == "command"
                and token.text not in _CONSTANT_COMMANDS
                and token.text[1:].isalpha()
                and token.text not in _OPERATOR_COMMANDS
            ):
                return True
    return False


_WORD_COMMANDS = frozenset({r"\operatorname", r"\mathrm", r"\text", r"\mathbb", r"\begin", r"\end"})
_CONSTANT_COMMANDS = frozenset({r"\pi", r"\infty", r"\frac", r"\dfrac", r"\tfrac", r"\sqrt"})
_OPERATOR_COMMANDS = frozenset(
    {r"\sin", r"\cos", r"\tan", r"\exp", r"\ln", r"\log", r"\cdot", r"\times", r"\left"}
    | {r"\right", r"\tanh", r"\sinh", r"\cosh", r"\end", r"\approx", r"\mathbf"}
)
