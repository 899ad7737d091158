"""Mutations of docs/hessians.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "hessians.md"

MUTATIONS = (
    Mutation(
        name="wrong-coefficient", claim="hess-norm-squared", old="2I", new="3I", reason="is false"
    ),
    Mutation(
        name="wrong-factor-of-two",
        claim="hess-quadratic-symmetric",
        old="2S",
        new="S",
        reason="is false",
    ),
    Mutation(
        name="flipped-sign",
        claim="hess-running-mixed",
        old="(2x^2 - 1)",
        new="(2x^2 + 1)",
        reason="side 3 is false",
    ),
    Mutation(
        name="dropped-transpose",
        claim="hess-quadratic-form",
        old=r"A + A^\top",
        new="A + A",
        reason="is false",
    ),
    Mutation(
        name="wrong-factor-order",
        claim="hess-least-squares",
        old=r"2A^\top A",
        new=r"2AA^\top",
        reason="side 2 has shape 3×3 but the true value is 2×2",
    ),
    Mutation(
        name="swapped-hessian-entries",
        claim="hess-saddle",
        old=r"\begin{bmatrix} 2 & 0 \\ 0 & -2 \end{bmatrix}",
        new=r"\begin{bmatrix} -2 & 0 \\ 0 & 2 \end{bmatrix}",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="seed-jacobian-slip-8y2",
        claim="hess-field-jacobian",
        old="2y",
        new="8y^2",
        reason="side 2 (entry 2,2) is false",
    ),
    Mutation(
        name="seed-jacobian-as-second-derivatives",
        claim="hess-field-second-derivatives",
        old="$$ refuted:",
        new="$$ claim:",
        reason="is false",
    ),
    Mutation(
        name="schwarz-without-continuity",
        claim="hess-counter-origin-symmetric",
        old="$$ refuted:",
        new="$$ claim:",
        reason="side 2 is false",
    ),
    refuted_option_relabelled_as_claim("hess-ex2-option-b", reason="has shape"),
    correct_option_relabelled_as_refuted("hess-ex2-option-a"),
    Mutation(
        name="taylor-mixed-term-halved",
        claim="hess-taylor-at-p",
        old=r"2\Delta_1 \Delta_2",
        new=r"\Delta_1 \Delta_2",
        reason="side 3 is false",
    ),
    Mutation(
        name="counterexample-sign",
        claim="hess-counter-origin-yx",
        old="= -1",
        new="= 1",
        reason="side 2 is false",
    ),
    Mutation(
        name="critical-point-hessian-sign",
        claim="hess-running-max",
        old=r"-\sqrt{2}\,e^{-1/2} \end",
        new=r"\sqrt{2}\,e^{-1/2} \end",
        reason="side 2 (entry 2,2) is false",
    ),
)
