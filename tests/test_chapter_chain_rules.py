"""Mutation tests of docs/chain-rules.md: every plausible slip in a claim must fail the site."""

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

CHAPTER = REPO_ROOT / "docs" / "chain-rules.md"


def test_chapter_verifies(tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the chapter as written yields no problems: every claim and example passes."""
    assert_chapter_verifies(tmp_path, CHAPTER, runner)


# (id, claim, text in the claim, its replacement, role after the change, reason fragment)
MUTATIONS: list[tuple[str, str, str, str, str, str]] = [
    (
        "wrong-coefficient",
        "chain-log-du-dx",
        "3x^2",
        "2x^2",
        "claim",
        "side 2 is false",
    ),
    (
        "flipped-sign",
        "chain-ex1-a",
        "-2x",
        "2x",
        "claim",
        "side 2 is false",
    ),
    (
        "seed-dropped-factor",
        "chain-log-substituted",
        r"= 6x^2\cot(x^3)",
        r"= 6x^2\cos(x^3)",
        "claim",
        "side 4 is false",
    ),
    (
        "seed-partial-for-total",
        "chain-sum-total",
        r"= 1 + 1 \cdot 2x = 1 + 2x",
        r"= 1 + 1 \cdot 2x = 1",
        "claim",
        "side 4 is false",
    ),
    (
        "one-path-only",
        "chain-product-total",
        r"\frac{\partial y}{\partial x} + ",
        "",
        "claim",
        "side 2 is false",
    ),
    (
        "wrong-factor-order",
        "chain-vec-general",
        r"\underbrace{\frac{\partial \mathbf{f}}{\partial \mathbf{g}}}_{m \times k}\,"
        "\n"
        r"  \underbrace{\frac{\partial \mathbf{g}}{\partial \mathbf{x}}}_{k \times n}",
        r"\underbrace{\frac{\partial \mathbf{g}}{\partial \mathbf{x}}}_{k \times n}\,"
        "\n"
        r"  \underbrace{\frac{\partial \mathbf{f}}{\partial \mathbf{g}}}_{m \times k}",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "wrong-shape-label",
        "chain-vec-product",
        r"_{2 \times 1}",
        r"_{1 \times 2}",
        "claim",
        "labelled 1×2 but it is 2×1",
    ),
    (
        "swapped-diagonal-entries",
        "chain-vec-df-dg",
        r"= \begin{bmatrix} 1/g_1 & 0 \\ 0 & \cos(g_2) \end{bmatrix}",
        r"= \begin{bmatrix} \cos(g_2) & 0 \\ 0 & 1/g_1 \end{bmatrix}",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "dropped-transpose",
        "chain-ex4-a",
        r"\right)^\top",
        r"\right)",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "refuted-option-relabelled-as-claim",
        "chain-vec-doubled",
        "$$ refuted:",
        "$$ claim:",
        "claim",
        "side 2 (entry 1,1) is false",
    ),
    (
        "correct-option-relabelled-as-refuted",
        "chain-ex1-a",
        "$$ claim:",
        "$$ refuted:",
        "refuted",
        "marked refuted",
    ),
    (
        "partial-written-as-total",
        "chain-sum-partial-x",
        r"\frac{\partial y}{\partial x}",
        r"\frac{dy}{dx}",
        "claim",
        "the left side reads",
    ),
]


@pytest.mark.parametrize("mutation", mutation_params(MUTATIONS))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, runner: ExampleRunner) -> None:
    """Assert the mutated claim, and only it, is reported at page:line naming its id."""
    assert_mutation_caught(tmp_path, CHAPTER, runner, mutation)
