"""Mutations of docs/reference.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import Mutation

PAGE = "reference.md"

MUTATIONS = (
    Mutation(
        name="dropped-transpose",
        claim="ref-vec-linear",
        old=r"= \mathbf{a}^\top",
        new=r"= \mathbf{a}",
        reason="side 2 has shape",
    ),
    Mutation(
        name="wrong-layout-column",
        claim="ref-vec-matrix-den",
        old=r"= A^\top",
        new="= A",
        reason="side 2 has shape",
    ),
    Mutation(
        name="swapped-factor",
        claim="ref-vec-bilinear",
        old=r"= \mathbf{b}^\top A",
        new=r"= A^\top \mathbf{b}",
        reason="side 2 has shape",
    ),
    Mutation(
        name="symmetric-rule-for-any-matrix",
        claim="ref-vec-quadratic",
        old=r"= \mathbf{x}^\top (A + A^\top)",
        new=r"= 2\mathbf{x}^\top A",
        reason="side 2 (entry 1,",
    ),
    Mutation(
        name="chain-rule-without-inner-derivative",
        claim="ref-scalar-chain",
        old=r"f'(g(x))\,g'(x)",
        new="f'(g(x))",
        reason="side 2 is false",
    ),
    Mutation(
        name="swapped-trace-factors",
        claim="ref-trace-pxq",
        old="= QP",
        new="= PQ",
        reason="cannot multiply 2×2 by 3×2",
    ),
    Mutation(
        name="gradient-in-the-numerator-column",
        claim="ref-log-det",
        old="= X^{-1}",
        new=r"= (X^{-1})^\top",
        reason="side 2 (entry 1,2) is false",
    ),
    Mutation(
        name="attention-missing-scale",
        claim="ref-attention-q-den",
        old=r"= \frac{1}{\sqrt{d}}\Delta K",
        new=r"= \Delta K",
        reason="is false",
    ),
    Mutation(
        name="cookbook-formula-made-right",
        claim="ref-cookbook-symmetric-log-det",
        old=r"(2X^{-1} - X^{-1} \odot I)V",
        new="X^{-1}V",
        reason="marked refuted",
        role="refuted",
    ),
)
