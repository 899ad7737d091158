"""Mutations of docs/differentials.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import Mutation, refuted_option_relabelled_as_claim

PAGE = "differentials.md"

MUTATIONS = (
    Mutation(
        name="inverse-factors-swapped",
        claim="diff-inverse",
        old=r"-X^{-1}\, dX\, X^{-1}",
        new=r"-X^{-1} X^{-1}\, dX",
        reason="is false",
    ),
    Mutation(
        name="product-factors-swapped",
        claim="diff-product",
        old=r"dX\, Y + X\, dY",
        new=r"Y\, dX + X\, dY",
        reason="cannot multiply",
    ),
    Mutation(
        name="gram-dropped-transpose",
        claim="diff-gram",
        old=r"dX^\top X + X^\top dX",
        new=r"dX^\top X + X dX",
        reason="cannot multiply",
    ),
    Mutation(
        name="identification-dropped-transpose",
        claim="diff-grad-trace-ax",
        old=r"= A^\top",
        new="= A",
        reason="has shape",
    ),
    Mutation(
        name="gradient-in-numerator-layout",
        claim="diff-backprop-grad-w",
        old=r"G X^\top",
        new=r"X G^\top",
        reason="has shape",
    ),
    Mutation(
        name="kronecker-factors-swapped",
        claim="diff-vec-kron",
        old=r"(B^\top \otimes A)",
        new=r"(A \otimes B^\top)",
        reason="is false",
    ),
    Mutation(
        name="log-det-without-inverse",
        claim="diff-log-det",
        old=r"\operatorname{tr}(X^{-1} dX)",
        new=r"\operatorname{tr}(dX)",
        reason="is false",
    ),
    refuted_option_relabelled_as_claim("diff-mistake-inverse", reason="is false"),
)
