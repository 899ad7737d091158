"""Split the LaTeX of a claim into tokens.

The claim parser accepts a deliberately small dialect of LaTeX. Tokens keep their character
offset so that an error can point at the exact place in the equation an author wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verified_docs.latex.errors import LatexSyntaxError

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<command>\\(?:[A-Za-z]+|[^A-Za-z]))
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<letter>[A-Za-z])
  | (?P<symbol>[-+*/^_(){}\[\]=,.&|'<>!;:])
    """,
    re.VERBOSE,
)

# Spacing commands change how an equation looks, never what it says. Wide spaces are kept as
# tokens because ``[a \quad b]`` is a row vector to a reader and must not parse as a product.
SPACING = frozenset({r"\,", r"\;", r"\:", r"\!", r"\ ", r"\displaystyle"})
WIDE_SPACES = frozenset({r"\quad", r"\qquad"})


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokenize(latex: str) -> list[Token]:
    """Return the tokens of ``latex`` without whitespace and spacing commands."""
    tokens: list[Token] = []
    position = 0
    while position < len(latex):
        match = _TOKEN.match(latex, position)
        if match is None:
            raise LatexSyntaxError(f"unexpected character {latex[position]!r}", position)
        kind = match.lastgroup or ""
        text = match.group()
        if kind != "space" and text not in SPACING:
            tokens.append(Token(kind, text, position))
        position = match.end()
    return tokens
