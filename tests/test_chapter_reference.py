"""Mutation tests of docs/reference.md: a slip in a reference row must fail the site.

Each mutation alters one row the way a reference table gets it wrong (a dropped transpose, a
swapped factor, the other layout's column), and requires exactly that claim to be reported at
its page line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chapter_mutations import (
    REPO_ROOT,
    Mutation,
    assert_chapter_verifies,
    assert_mutation_caught,
    mutation_params,
)
from verified_docs.examples.runner import ExampleRunner

CHAPTER = REPO_ROOT / "docs" / "reference.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the reference as committed yields no problems: every claim passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim, text in the claim, its replacement, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "dropped-transpose",
        "ref-vec-linear",
        r"= \mathbf{a}^\top",
        r"= \mathbf{a}",
        "claim",
        "side 2 has shape",
    ),
    (
        "wrong-layout-column",
        "ref-vec-matrix-den",
        r"= A^\top",
        r"= A",
        "claim",
        "side 2 has shape",
    ),
    (
        "swapped-factor",
        "ref-vec-bilinear",
        r"= \mathbf{b}^\top A",
        r"= A^\top \mathbf{b}",
        "claim",
        "side 2 has shape",
    ),
    (
        "symmetric-rule-for-any-matrix",
        "ref-vec-quadratic",
        r"= \mathbf{x}^\top (A + A^\top)",
        r"= 2\mathbf{x}^\top A",
        "claim",
        "side 2 (entry 1,",
    ),
    (
        "chain-rule-without-inner-derivative",
        "ref-scalar-chain",
        r"f'(g(x))\,g'(x)",
        r"f'(g(x))",
        "claim",
        "side 2 is false",
    ),
    (
        "swapped-trace-factors",
        "ref-trace-pxq",
        "= QP",
        "= PQ",
        "claim",
        "cannot multiply 2×2 by 3×2",
    ),
    (
        "gradient-in-the-numerator-column",
        "ref-log-det",
        "= X^{-1}",
        r"= (X^{-1})^\top",
        "claim",
        "side 2 (entry 1,2) is false",
    ),
    (
        "attention-missing-scale",
        "ref-attention-q-den",
        r"= \frac{1}{\sqrt{d}}\Delta K",
        r"= \Delta K",
        "claim",
        "is false",
    ),
    (
        "cookbook-formula-made-right",
        "ref-cookbook-symmetric-log-det",
        r"(2X^{-1} - X^{-1} \odot I)V",
        "X^{-1}V",
        "refuted",
        "marked refuted",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(tmp_path: Path, runner: ExampleRunner, mutation: Mutation) -> None:
    """Assert the altered claim, and only it, fails at its page line."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
