"""Errors raised while reading or evaluating the LaTeX of a claim."""

from __future__ import annotations


class LatexSyntaxError(ValueError):
    """The equation is outside the dialect the verifier reads, or is ambiguous.

    Raised instead of guessing: a parser that guesses (``x(2+x)`` as a call, ``e^{x}`` as a
    symbol) would verify a different equation from the one the reader sees.
    """

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.offset = offset

    def __str__(self) -> str:
        message = super().__str__()
        return message if self.offset is None else f"{message} (at character {self.offset})"


class EvaluationError(ValueError):
    """The equation parsed, but its pieces do not fit together (shapes, unknown names)."""
