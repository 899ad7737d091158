"""Mutations of docs/chain-rules.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "chain-rules.md"

MUTATIONS = (
    Mutation(
        name="wrong-coefficient",
        claim="chain-log-du-dx",
        old="3x^2",
        new="2x^2",
        reason="side 2 is false",
    ),
    Mutation(
        name="flipped-sign", claim="chain-ex1-a", old="-2x", new="2x", reason="side 2 is false"
    ),
    Mutation(
        name="seed-dropped-factor",
        claim="chain-log-substituted",
        old=r"= 6x^2\cot(x^3)",
        new=r"= 6x^2\cos(x^3)",
        reason="side 4 is false",
    ),
    Mutation(
        name="seed-partial-for-total",
        claim="chain-sum-total",
        old=r"= 1 + 1 \cdot 2x = 1 + 2x",
        new=r"= 1 + 1 \cdot 2x = 1",
        reason="side 4 is false",
    ),
    Mutation(
        name="one-path-only",
        claim="chain-product-total",
        old=r"\frac{\partial y}{\partial x} + ",
        new="",
        reason="side 2 is false",
    ),
    Mutation(
        name="wrong-factor-order",
        claim="chain-vec-general",
        old=(
            r"\underbrace{\frac{\partial \mathbf{f}}{\partial \mathbf{g}}}_{m \times k}\,"
            "\n"
            r"  \underbrace{\frac{\partial \mathbf{g}}{\partial \mathbf{x}}}_{k \times n}"
        ),
        new=(
            r"\underbrace{\frac{\partial \mathbf{g}}{\partial \mathbf{x}}}_{k \times n}\,"
            "\n"
            r"  \underbrace{\frac{\partial \mathbf{f}}{\partial \mathbf{g}}}_{m \times k}"
        ),
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="wrong-shape-label",
        claim="chain-vec-product",
        old=r"_{2 \times 1}",
        new=r"_{1 \times 2}",
        reason="labelled 1×2 but it is 2×1",
    ),
    Mutation(
        name="swapped-diagonal-entries",
        claim="chain-vec-df-dg",
        old=r"= \begin{bmatrix} 1/g_1 & 0 \\ 0 & \cos(g_2) \end{bmatrix}",
        new=r"= \begin{bmatrix} \cos(g_2) & 0 \\ 0 & 1/g_1 \end{bmatrix}",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="dropped-transpose",
        claim="chain-ex4-a",
        old=r"\right)^\top",
        new=r"\right)",
        reason="side 2 (entry 1,1) is false",
    ),
    refuted_option_relabelled_as_claim("chain-vec-doubled", reason="side 2 (entry 1,1) is false"),
    correct_option_relabelled_as_refuted("chain-ex1-a"),
    Mutation(
        name="partial-written-as-total",
        claim="chain-sum-partial-x",
        old=r"\frac{\partial y}{\partial x}",
        new=r"\frac{dy}{dx}",
        reason="the left side reads",
    ),
)
