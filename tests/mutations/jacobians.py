"""Mutations of docs/jacobians.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "jacobians.md"

MUTATIONS = (
    Mutation(
        name="wrong-coefficient",
        claim="jac-grad-f1",
        old="6xy",
        new="3xy",
        reason="side 3 (entry 1,1) is false",
    ),
    Mutation(
        name="flipped-sign",
        claim="jac-polar",
        old=r"-r\sin\theta",
        new=r"r\sin\theta",
        reason="side 2 (entry 1,2) is false",
    ),
    Mutation(
        name="seed-power-rule-slip",
        claim="jac-two-functions",
        old="2 & 2y",
        new="2 & 8y^2",
        reason="side 3 (entry 2,2) is false",
    ),
    Mutation(
        name="swapped-jacobian-entries",
        claim="jac-wide",
        old="2x_1 x_2 & x_1^2",
        new="x_1^2 & 2x_1 x_2",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="dropped-transpose",
        claim="jac-dot",
        old=r"\underbrace{\mathbf{v}^\top}",
        new=r"\underbrace{\mathbf{v}}",
        reason="labelled 1×n but it is 2×1",
    ),
    Mutation(
        name="added-transpose",
        claim="jac-linear",
        old=r"\underbrace{A}",
        new=r"\underbrace{A^\top}",
        reason="labelled m×n but it is 3×2",
    ),
    Mutation(
        name="chain-without-transpose",
        claim="jac-gradient-chain",
        old=r"\right)^\top",
        new=r"\right)",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="wrong-factor-order",
        claim="jac-quadratic-numerator",
        old=r"\mathbf{x}^\top (A + A^\top)",
        new=r"(A + A^\top) \mathbf{x}^\top",
        reason="cannot multiply 2×2 by 1×2",
    ),
    Mutation(
        name="softmax-sign",
        claim="jac-softmax",
        old=r"- \mathbf{s}\mathbf{s}^\top",
        new=r"+ \mathbf{s}\mathbf{s}^\top",
        reason="is false",
    ),
    Mutation(
        name="sympy-result-read-as-numerator-layout",
        claim="jac-sympy-linear",
        old=r"= A^\top",
        new="= A",
        reason="side 3 has shape 2×3 but the true value is 3×2",
    ),
    refuted_option_relabelled_as_claim("jac-mistake-softmax-diag", reason="is false"),
    correct_option_relabelled_as_refuted("jac-ex-1-option-a"),
)
