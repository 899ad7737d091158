"""Mutations of docs/long-chains.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "long-chains.md"

MUTATIONS = (
    Mutation(
        name="wrong-coefficient",
        claim="long-chain-dfdt-direct",
        old="36t",
        new="35t",
        reason="side 2 is false",
    ),
    Mutation(
        name="flipped-sign",
        claim="long-chain-dfdt-direct",
        old="- 36t",
        new="+ 36t",
        reason="side 2 is false",
    ),
    Mutation(
        name="dropped-transpose",
        claim="long-chain-df-dx",
        old=r"^\top",
        new="",
        reason="side 2 has shape 2×1 but the true value is 1×2",
    ),
    Mutation(
        name="swapped-jacobian-entries",
        claim="long-chain-dx-du",
        old=r"= \begin{bmatrix} 1 & 2 \\",
        new=r"= \begin{bmatrix} 2 & 1 \\",
        reason="side 3 (entry 1,1) is false",
    ),
    Mutation(
        name="wrong-constant-derivative",
        claim="long-chain-du-dt",
        old=r"\\ 3 \end",
        new=r"\\ 2 \end",
        reason="side 2 (entry 2,1) is false",
    ),
    Mutation(
        name="quiz-sign",
        claim="long-chain-quiz-1-option-a",
        old="-2t",
        new="2t",
        reason="side 2 is false",
    ),
    refuted_option_relabelled_as_claim("long-chain-quiz-1-option-b", reason="side 2 is false"),
    correct_option_relabelled_as_refuted("long-chain-quiz-1-option-a"),
    Mutation(
        name="wrong-last-side",
        claim="long-chain-f-of-t",
        old="18t^2",
        new="17t^2",
        reason="side 3 is false",
    ),
    Mutation(
        name="wrong-shape-label",
        claim="long-chain-rule",
        old=r"_{1 \times 2}",
        new=r"_{2 \times 1}",
        reason="labelled 2×1 but it is 1×2",
    ),
    Mutation(
        name="wrong-middle-side",
        claim="long-chain-assembled",
        old=r"(2t - 3) \\",
        new=r"(2t + 3) \\",
        reason="side 3 is false",
    ),
    Mutation(
        name="column-written-as-row",
        claim="long-chain-quiz-2-option-a",
        old=r"\begin{bmatrix} 1/2 \\ -1/2 \end{bmatrix}",
        new=r"\begin{bmatrix} 1/2 & -1/2 \end{bmatrix}",
        reason="cannot multiply 1×2 by 1×2",
    ),
    Mutation(
        name="wrong-left-side",
        claim="long-chain-dfdt-direct",
        old=r"\frac{df}{dt}",
        new=r"\frac{dg}{dt}",
        reason="the left side reads",
    ),
)
