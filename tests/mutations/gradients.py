"""Mutations of docs/gradients.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "gradients.md"

MUTATIONS = (
    Mutation(
        name="wrong-coefficient",
        claim="grad-f-dx",
        old="= 6xy",
        new="= 5xy",
        reason="side 3 is false",
    ),
    Mutation(
        name="flipped-sign",
        claim="grad-least-squares",
        old=r"A\mathbf{x} - \mathbf{b}",
        new=r"A\mathbf{x} + \mathbf{b}",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="dropped-transpose",
        claim="grad-trace-ax",
        old=r"A^\top",
        new="A",
        reason="with A 3×2, X 2×3: side 2 has shape 3×2 but the true value is 2×3",
    ),
    Mutation(
        name="added-transpose",
        claim="grad-frobenius",
        old="= 2X",
        new=r"= 2X^\top",
        reason="side 2 has shape 3×2 but the true value is 2×3",
    ),
    Mutation(
        name="inverse-without-transpose",
        claim="grad-log-det",
        old=r"(X^{-1})^\top",
        new="X^{-1}",
        reason="side 2 (entry 1,2) is false",
    ),
    Mutation(
        name="swapped-entries",
        claim="grad-det-2x2",
        old=r"w_{22} & -w_{21} \\ -w_{12} & w_{11}",
        new=r"w_{22} & -w_{12} \\ -w_{21} & w_{11}",
        reason="side 3 (entry 1,2) is false",
    ),
    Mutation(
        name="wrong-factor-order",
        claim="grad-quiz-layer-a",
        old=r"(W\mathbf{x} - \mathbf{y})\mathbf{x}^\top",
        new=r"\mathbf{x}^\top(W\mathbf{x} - \mathbf{y})",
        reason="cannot multiply 1×3 by 2×1",
    ),
    Mutation(
        name="seed-power-rule-slip",
        claim="grad-g-dy",
        old="= 2y",
        new="= 8y^2",
        reason="side 3 is false",
    ),
    Mutation(
        name="seed-frobenius-as-matrix",
        claim="grad-frobenius-trace",
        old=r"\operatorname{tr}(X^\top X) =",
        new=r"X^\top X =",
        reason="side 2 has shape 3×3 but the true value is 1×1",
    ),
    Mutation(
        name="gradient-written-as-column-label",
        claim="grad-f-row",
        old="6xy & 3x^2",
        new=r"6xy \\ 3x^2",
        reason="labelled 1×2 but it is 2×1",
    ),
    Mutation(
        name="directional-wrong-variable",
        claim="grad-directional",
        old="12x^2",
        new="12y^2",
        reason="side 3 is false",
    ),
    Mutation(
        name="descent-sign",
        claim="grad-steepest-descent",
        old=r"= -\lVert",
        new=r"= \lVert",
        reason="side 2 is false",
    ),
    Mutation(
        name="linearisation-remainder",
        claim="grad-linearisation",
        old=r"6\Delta_1 \Delta_2",
        new=r"3\Delta_1 \Delta_2",
        reason="side 3 is false",
    ),
    refuted_option_relabelled_as_claim("grad-mistake-quadratic", reason="is false"),
    correct_option_relabelled_as_refuted("grad-quiz-ls-a"),
)
