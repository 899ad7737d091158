"""Parse the LaTeX dialect that claims are written in.

The rules that make the dialect unambiguous (each one an error, never a guess):

* ``e`` is Euler's number; ``e^{x}`` is the exponential.
* Only the names ``f, g, h, \\phi, \\sigma, \\psi`` (with primes or subscripts) are applied to a
  parenthesised argument; every other juxtaposition is multiplication, so ``x(2+x)`` is a
  product.
* A function written without parentheses takes the next factor only (``\\sin x^2`` is
  ``\\sin(x^2)``); a further implicit factor after it (``\\sin 2x``) is an error.
* Transposes are written ``^\\top``; ``^T`` is an error because ``T`` could be a variable.
* ``d`` followed by a factor is a differential: ``dX`` is the direction the check binds for X,
  ``d(XY)`` the change of ``XY`` along the bound directions; ``dX^{-1}`` (d of the inverse, or
  the inverse of dX?) is an error. ``d`` alone, or with a subscript (``d_k``), is a variable.
* ``A \\otimes B`` is the Kronecker product; ``\\operatorname{vec}`` stacks the columns.
* ``\\frac{df}{dt}`` and ``\\frac{\\partial f}{\\partial x}`` are names of quantities the check
  provides; ``\\frac{d}{dt}(\\ldots)`` differentiates what follows.
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
from verified_docs.latex.errors import LatexSyntaxError
from verified_docs.latex.functions import by_command, by_operator_name
from verified_docs.latex.lexer import WIDE_SPACES, Token, tokenize

# Written product operators; \odot is the element-wise (Hadamard) product, \otimes the Kronecker.
_EXPLICIT_PRODUCTS = {
    r"\cdot": "dot",
    "*": "*",
    r"\times": "*",
    r"\odot": "hadamard",
    r"\otimes": "kron",
}
CALLABLE_NAMES = frozenset({"f", "g", "h", r"\phi", r"\varphi", r"\sigma", r"\psi"})
BOLD = frozenset({r"\mathbf", r"\boldsymbol", r"\bm", r"\vec"})
_GREEK_NAMES = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu "
    "xi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Sigma Phi "
    "Psi Omega"
)
GREEK = frozenset(rf"\{name}" for name in _GREEK_NAMES.split()) | {r"\ell"}
DELIMITER_SIZES = frozenset(
    {r"\left", r"\right", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", r"\big", r"\Big"}
    | {r"\biggl", r"\biggr", r"\Biggl", r"\Biggr"}
)
MATRIX_ENVIRONMENTS = frozenset({"bmatrix", "pmatrix"})
OPEN_TO_CLOSE = {"(": ")", "[": "]", "{": "}"}
STOP_TEXTS = frozenset({")", "]", "}", "&", r"\\", "|", r"\rVert", r"\|", "=", ",", r"\end"})


def parse_equation(latex: str) -> list[Node]:
    """Parse ``a = b = c`` (optionally inside ``aligned``) into the list of its sides."""
    return [parse_expression(side) for side in split_sides(latex)]


def split_sides(latex: str) -> list[str]:
    """Split an equation into the LaTeX of its sides at the top-level ``=`` signs."""
    body = _strip_aligned(latex).strip()
    sides: list[str] = []
    depth = 0
    start = 0
    environment_depth = 0
    for token in tokenize(body):
        if token.text in OPEN_TO_CLOSE:
            depth += 1
        elif token.text in OPEN_TO_CLOSE.values():
            depth -= 1
        elif token.text == r"\begin":
            environment_depth += 1
        elif token.text == r"\end":
            environment_depth -= 1
        elif token.text == "=" and depth == 0 and environment_depth == 0:
            sides.append(body[start : token.offset])
            start = token.offset + 1
    sides.append(body[start:])
    return [side.strip().rstrip(".,;").strip() for side in sides]


def _strip_aligned(latex: str) -> str:
    """Drop the alignment marks of an ``aligned`` block, leaving nested matrices intact."""
    for environment in ("aligned", "align*", "split"):
        opening, closing = rf"\begin{{{environment}}}", rf"\end{{{environment}}}"
        if opening not in latex:
            continue
        inner = latex.replace(opening, "", 1).replace(closing, "", 1)
        pieces: list[str] = []
        depth = 0
        last = 0
        for token in tokenize(inner):
            depth += {r"\begin": 1, r"\end": -1}.get(token.text, 0)
            if depth == 0 and token.text in ("&", r"\\"):
                pieces.append(inner[last : token.offset])
                last = token.offset + len(token.text)
        pieces.append(inner[last:])
        return " ".join(pieces)
    return latex


def parse_expression(latex: str) -> Node:
    """Parse one side of an equation."""
    parser = _Parser(latex)
    node = parser.expression()
    parser.expect_end()
    return node


def _unbrace_exponents(tokens: list[Token]) -> list[Token]:
    """Read ``d^{2}`` as ``d^2``: braces around a one-token exponent change nothing."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        window = [t.text for t in tokens[index : index + 4]]
        if len(window) == 4 and window[0] == "^" and window[1] == "{" and window[3] == "}":
            result += [tokens[index], tokens[index + 2]]
            index += 4
        else:
            result.append(tokens[index])
            index += 1
    return result


def canonical_name(latex: str) -> str:
    """Return the key under which a check provides the quantity written as ``latex``."""
    node = parse_expression(latex)
    if isinstance(node, Differential) and isinstance(node.operand, Name):
        return "d" + node.operand.canonical  # the direction a check binds for dX
    if not isinstance(node, Name):
        raise LatexSyntaxError(f"{latex!r} is not a single name")
    return node.canonical


class _Parser:
    def __init__(self, latex: str) -> None:
        self.latex = latex
        tokens = [t for t in tokenize(latex) if t.text not in DELIMITER_SIZES]
        _refuse_bracket_lists(tokens)
        self.tokens = [t for t in tokens if t.text not in WIDE_SPACES]
        self.position = 0

    # -- token access -------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token | None:
        index = self.position + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def peek_text(self, ahead: int = 0) -> str | None:
        token = self.peek(ahead)
        return None if token is None else token.text

    def advance(self) -> Token:
        token = self.peek()
        if token is None:
            raise LatexSyntaxError("unexpected end of equation", len(self.latex))
        self.position += 1
        return token

    def expect(self, text: str) -> Token:
        token = self.peek()
        if token is None or token.text != text:
            found = "end of equation" if token is None else repr(token.text)
            offset = len(self.latex) if token is None else token.offset
            raise LatexSyntaxError(f"expected {text!r}, found {found}", offset)
        return self.advance()

    def expect_end(self) -> None:
        token = self.peek()
        if token is not None:
            raise LatexSyntaxError(f"unexpected {token.text!r}", token.offset)

    def error(self, message: str) -> LatexSyntaxError:
        token = self.peek()
        return LatexSyntaxError(message, len(self.latex) if token is None else token.offset)

    # -- grammar ------------------------------------------------------------------------
    def expression(self) -> Node:
        if self.peek_text() in ("+", "-"):
            sign = self.advance().text
            node: Node = self.term()
            if sign == "-":
                node = Negate(node)
        else:
            node = self.term()
        while self.peek_text() in ("+", "-"):
            op = self.advance().text
            node = BinaryOp(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.factor()
        while True:
            text = self.peek_text()
            if text in _EXPLICIT_PRODUCTS:
                self.advance()
                node = BinaryOp(_EXPLICIT_PRODUCTS[text], node, self.factor())
            elif text == "/":
                self.advance()
                node = BinaryOp("/", node, self.factor())
            elif self.starts_factor():
                if self.peek(0) is not None and self.peek(0).kind == "number":  # type: ignore[union-attr]
                    raise self.error("a number after a factor is ambiguous; write it first")
                node = BinaryOp("*", node, self.factor())
            else:
                return node

    def starts_factor(self) -> bool:
        token = self.peek()
        if token is None or token.text in STOP_TEXTS or token.text in ("+", "-", "/", "^", "_"):
            return False
        return token.kind in ("number", "letter", "command") or token.text in ("(", "[", "{")

    def factor(self) -> Node:
        node = self.primary()
        return self.scripts(node)

    def scripts(self, node: Node) -> Node:
        while self.peek_text() == "^":
            self.advance()
            node = self.superscript(node)
        return node

    def superscript(self, base: Node) -> Node:
        text = self.peek_text()
        if text == r"\top" or (text == "{" and self.peek_text(1) == r"\top"):
            braced = text == "{"
            self.advance()
            if braced:
                self.advance()
                self.expect("}")
            return Transpose(base)
        if text == "T" or (text == "{" and self.peek_text(1) == "T" and self.peek_text(2) == "}"):
            raise self.error(r"write the transpose as ^\top (T could be a variable)")
        return Power(base, self.script_argument())

    def script_argument(self) -> Node:
        """Read the argument of ``^`` or ``_``: a braced group or a single character."""
        token = self.peek()
        if token is None:
            raise self.error("missing superscript")
        if token.text == "{":
            self.advance()
            node = self.expression()
            self.expect("}")
            return node
        if token.kind == "number" and len(token.text) > 1:
            # ``x^23`` is x^2 times 3 in TeX; refuse rather than surprise.
            raise self.error("write multi-digit exponents in braces, e.g. x^{23}")
        if token.kind in ("number", "letter"):
            self.advance()
            return Number(token.text) if token.kind == "number" else self.name_from([token])
        if token.kind == "command" and token.text in GREEK:
            self.advance()
            return self.name_from([token])
        raise self.error(f"unsupported superscript {token.text!r}")

    def primary(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.error("expected a term")
        text = token.text
        if token.kind == "number":
            self.advance()
            return Number(text)
        if text in ("(", "["):
            self.advance()
            node = self.expression()
            self.expect(OPEN_TO_CLOSE[text])
            return node
        if text == "{":
            self.advance()
            node = self.expression()
            self.expect("}")
            return node
        if text == "|":
            self.advance()
            node = self.expression()
            self.expect("|")
            return Norm(node, "abs")
        if text in (r"\lVert", r"\|"):
            return self.norm(closing=r"\rVert" if text == r"\lVert" else r"\|")
        if text in (r"\frac", r"\dfrac", r"\tfrac"):
            return self.fraction()
        if text == r"\sqrt":
            self.advance()
            return Power(self.group(), Number("0.5"))
        if by_command(text) is not None or text == r"\operatorname":
            return self.function()
        if text == r"\begin":
            return self.matrix()
        if text == r"\underbrace":
            return self.underbrace()
        if text == r"\pi":
            self.advance()
            return Constant("pi")
        if text == r"\mathrm" and self.peek_text(2) == "e" and self.peek_text(3) == "}":
            self.position += 4
            return Constant("e")
        if text == "e":
            self.advance()
            return Constant("e")
        if text == "d" and self.starts_differential():
            return self.differential()
        if token.kind == "letter" or text in GREEK or text in BOLD or text == r"\nabla":
            return self.symbol()
        raise self.error(f"unsupported LaTeX {text!r} in a claim")

    def starts_differential(self) -> bool:
        """``d`` directly before a factor (``dX``, ``d(XY)``, ``d\\det X``) is a differential."""
        following = self.peek(1)
        if following is None or following.text in STOP_TEXTS:
            return False
        return (
            following.kind == "letter"
            or following.text in GREEK
            or following.text in BOLD
            or following.text in ("(", "[", r"\operatorname")
            or by_command(following.text) is not None
        )

    def differential(self) -> Node:
        self.advance()
        operand = self.primary()
        transpose = self.peek_text(1) == r"\top" or (
            self.peek_text(1) == "{" and self.peek_text(2) == r"\top"
        )
        if self.peek_text() == "^" and not transpose:
            # d of the power, or a power of the differential? (dX)^\top = d(X^\top) either way.
            raise self.error("d of a power is ambiguous; write d(X^{-1}) or (dX)^{-1}")
        return Differential(operand)

    def group(self) -> Node:
        self.expect("{")
        node = self.expression()
        self.expect("}")
        return node

    def raw_group(self) -> list[Token]:
        """Return the tokens inside the next balanced ``{...}``."""
        self.expect("{")
        start = self.position
        depth = 1
        while depth:
            token = self.advance()
            depth += {"{": 1, "}": -1}.get(token.text, 0)
        return self.tokens[start : self.position - 1]

    def norm(self, closing: str) -> Node:
        self.advance()
        node = self.expression()
        self.expect(closing)
        kind = ""  # bare: Euclidean for a vector; refused for a matrix (which norm?)
        if self.peek_text() == "_":
            self.advance()
            subscript = self.raw_group() if self.peek_text() == "{" else [self.advance()]
            kind = "".join(t.text for t in subscript)
            if kind not in ("2", "F"):
                raise self.error(f"unsupported norm subscript {kind!r}")
        return Norm(node, kind)

    def fraction(self) -> Node:
        start = self.advance()
        digits = self.peek()
        if digits is not None and digits.kind == "number" and len(digits.text) == 2:
            # TeX's \frac12 is \frac{1}{2}: a digit is a group of its own.
            self.advance()
            return BinaryOp("/", Number(digits.text[0]), Number(digits.text[1]))
        numerator = self.raw_group()
        denominator = self.raw_group()
        # d^{2} reads as d^2 for recognising a derivative; a quotient keeps its own tokens.
        plain_numerator = _unbrace_exponents(numerator)
        plain_denominator = _unbrace_exponents(denominator)
        marker = _derivative_marker(plain_numerator)
        if marker and _derivative_marker(plain_denominator) == marker:
            if len(plain_numerator) == 1 or (
                len(plain_numerator) == 3 and plain_numerator[1].text == "^"
            ):
                return self.derivative_operator(plain_numerator, plain_denominator)
            end = self.tokens[self.position - 1]
            canonical = rf"\frac{{{_canonical(numerator)}}}{{{_canonical(denominator)}}}"
            return Name(canonical, self.latex[start.offset : end.offset + 1])
        return BinaryOp("/", _subparse(self.latex, numerator), _subparse(self.latex, denominator))

    def derivative_operator(self, numerator: list[Token], denominator: list[Token]) -> Node:
        order = int(numerator[2].text) if len(numerator) == 3 else 1
        variable_tokens = denominator[1:]
        if order > 1:
            if len(variable_tokens) < 3 or variable_tokens[-2].text != "^":
                raise self.error("write higher derivatives as \\frac{d^2}{dx^2}")
            variable_tokens = variable_tokens[:-2]
        variable = _subparse(self.latex, variable_tokens)
        if not isinstance(variable, Name):
            raise self.error("differentiate with respect to a single variable")
        if self.peek_text() not in ("(", "[", "{"):
            raise self.error(r"put what \frac{d}{dx} applies to in parentheses")
        return DerivativeOperator(variable.canonical, order, self.primary())

    def function(self) -> Node:
        token = self.advance()
        if token.text == r"\operatorname":
            label = "".join(t.text for t in self.raw_group())
            named = by_operator_name(label)
            if named is None:
                raise LatexSyntaxError(f"unknown operator name {label!r}", token.offset)
        else:
            named = by_command(token.text)
        assert named is not None  # primary() calls this only for a function's token
        function = named.name
        exponent: Node | None = None
        if self.peek_text() == "^":
            self.advance()
            exponent = self.script_argument()
            if isinstance(exponent, Negate | Number) and _is_minus_one(exponent):
                raise self.error(r"\sin^{-1} is ambiguous; write \arcsin or (\sin x)^{-1}")
        if self.peek_text() in ("(", "[", "{"):
            argument = self.primary()
            if self.peek_text() == "^":
                raise self.error(
                    f"{token.text}(x)^2 is ambiguous; write {token.text}^2(x) or {token.text}(x^2)"
                )
        else:
            argument = self.factor()
            if (
                self.starts_factor()
                and by_command(self.peek_text() or "") is None
                and self.peek_text() not in _EXPLICIT_PRODUCTS
            ):
                raise self.error(
                    f"ambiguous argument of {token.text}: put the argument in parentheses"
                )
        node: Node = Call(function, argument)
        return node if exponent is None else Power(node, exponent)

    def matrix(self) -> Node:
        start = self.advance()
        environment = "".join(t.text for t in self.raw_group())
        if environment not in MATRIX_ENVIRONMENTS:
            raise LatexSyntaxError(f"unsupported environment {environment!r}", start.offset)
        rows: list[tuple[Node, ...]] = []
        cells: list[Node] = []
        while True:
            cells.append(self.expression())
            separator = self.advance()
            if separator.text == "&":
                continue
            rows.append(tuple(cells))
            cells = []
            if separator.text == r"\end":
                closing = "".join(t.text for t in self.raw_group())
                if closing != environment:
                    raise LatexSyntaxError(f"\\end{{{closing}}} closes {environment}", start.offset)
                break
            if separator.text != r"\\":
                raise LatexSyntaxError(f"unexpected {separator.text!r} in matrix", separator.offset)
            if self.peek_text() == r"\end":
                self.advance()
                self.raw_group()
                break
        if len({len(row) for row in rows}) != 1:
            raise LatexSyntaxError("matrix rows have different lengths", start.offset)
        return MatrixLiteral(tuple(rows))

    def underbrace(self) -> Node:
        start = self.advance()
        operand = self.group()
        self.expect("_")
        label = self.raw_group()
        texts = [t.text for t in label]
        if len(texts) != 3 or texts[1] != r"\times":
            raise LatexSyntaxError(
                r"label an \underbrace with its shape, e.g. 1 \times n", start.offset
            )
        return ShapeAnnotation(operand, texts[0], texts[2])

    def symbol(self) -> Node:
        start = self.position
        if self.peek_text() == r"\nabla":
            self.advance()
            if self.peek_text() == "_":
                self.advance()
                self.subscript_tokens()
            self.symbol_core()
        else:
            self.symbol_core()
        while self.peek_text() == "'":
            self.advance()
        name = self.name_from(self.tokens[start : self.position])
        base = self.tokens[start].text
        letters = [t.text for t in self.tokens[start + 1 : self.position] if t.kind == "letter"]
        if base in BOLD and letters[:1] in (["f"], ["g"], ["h"], ["F"], ["G"], ["H"]):
            base = "f"  # \mathbf{f}(\mathbf{x}): a vector function applied to its argument
        if base in CALLABLE_NAMES and self.peek_text() == "(":
            self.advance()
            argument = self.expression()
            self.expect(")")
            return Call(name.canonical, argument)
        return name

    def symbol_core(self) -> None:
        token = self.advance()
        if token.text in BOLD:
            if self.peek_text() == "{":
                self.raw_group()
            else:
                self.advance()
        elif not (token.kind == "letter" or token.text in GREEK):
            raise LatexSyntaxError(f"expected a variable, found {token.text!r}", token.offset)
        if self.peek_text() == "_":
            self.advance()
            self.subscript_tokens()

    def subscript_tokens(self) -> None:
        if self.peek_text() == "{":
            self.raw_group()
        else:
            self.advance()

    def name_from(self, tokens: list[Token]) -> Name:
        source = self.latex[tokens[0].offset : tokens[-1].offset + len(tokens[-1].text)]
        return Name(_canonical(tokens), source)


def _refuse_bracket_lists(tokens: list[Token]) -> None:
    """Reject ``[a \\quad b]`` and ``[a, b]``, which a reader takes for a row vector."""
    depth_stack: list[str] = []
    for token in tokens:
        if token.text in OPEN_TO_CLOSE:
            depth_stack.append(token.text)
        elif token.text in OPEN_TO_CLOSE.values() and depth_stack:
            depth_stack.pop()
        elif (token.text in WIDE_SPACES or token.text == ",") and depth_stack[-1:] == ["["]:
            raise LatexSyntaxError(
                r"a bracketed list is ambiguous; write a row vector as "
                r"\begin{bmatrix} a & b \end{bmatrix}",
                token.offset,
            )


def _derivative_marker(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    if tokens[0].text == "d" and (len(tokens) == 1 or tokens[1].text != "}"):
        return "d"
    return "partial" if tokens[0].text == r"\partial" else None


def _is_minus_one(node: Node) -> bool:
    return isinstance(node, Negate) and node.operand == Number("1")


def _subparse(latex: str, tokens: list[Token]) -> Node:
    if not tokens:
        raise LatexSyntaxError("empty group", None)
    start = tokens[0].offset
    end = tokens[-1].offset + len(tokens[-1].text)
    try:
        return parse_expression(latex[start:end])
    except LatexSyntaxError as error:
        offset = None if error.offset is None else error.offset + start
        raise LatexSyntaxError(str(error.args[0]), offset) from None


def _canonical(tokens: list[Token]) -> str:
    """Spell a name one way, whatever braces, bold command or spacing the author used."""
    parts: list[str] = []
    index = 0
    while index < len(tokens):
        text = tokens[index].text
        if text in BOLD or text in ("_", "^"):
            parts.append(r"\mathbf" if text in BOLD else text)
            index += 1
            if index < len(tokens) and tokens[index].text == "{":
                depth, inner = 1, []
                index += 1
                while depth:
                    depth += {"{": 1, "}": -1}.get(tokens[index].text, 0)
                    if depth:
                        inner.append(tokens[index])
                    index += 1
                parts.append("{" + _canonical(inner) + "}")
            elif index < len(tokens):
                parts.append("{" + tokens[index].text + "}")
                index += 1
            continue
        parts.append(text)
        index += 1
    joined = ""
    previous = ""
    for part in parts:
        if previous.startswith("\\") and previous[-1].isalpha() and part[0].isalpha():
            joined += " "
        joined += part
        previous = part
    return joined
