"""Mutations of docs/backprop.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "backprop.md"

MUTATIONS = (
    # A false claim in a model of tanh layers once stalled SymPy's simplify; now it is refuted
    # exactly at a rational point first.
    Mutation(
        name="worked-network-sign",
        claim="bp-worked-dl-dp",
        old="p - y",
        new="y - p",
        reason="side 2 is false",
    ),
    Mutation(
        name="wrong-coefficient",
        claim="bp-mse-linear",
        old=r"\frac{2}{N}",
        new=r"\frac{1}{N}",
        reason="is false",
    ),
    Mutation(
        name="flipped-sign",
        claim="bp-bce",
        old=r"\operatorname{sigmoid}(z) - y",
        new=r"y - \operatorname{sigmoid}(z)",
        reason="side 2 is false",
    ),
    Mutation(
        name="dropped-transpose",
        claim="bp-layer-grad-x",
        old=r"W^\top",
        new="W",
        reason="cannot multiply 2×3 by 2×1",
    ),
    Mutation(
        name="added-transpose",
        claim="bp-layer-grad-w",
        old=r"\mathbf{x}^\top}",
        new=r"\mathbf{x}}",
        reason="labelled 1×n but it is 3×1",
    ),
    Mutation(
        name="wrong-factor-order",
        claim="bp-layer-jacobian-x",
        old=r"\operatorname{diag}(\phi'(\mathbf{z}))\, W",
        new=r"W\, \operatorname{diag}(\phi'(\mathbf{z}))",
        reason="cannot multiply 2×3 by 2×2",
    ),
    Mutation(
        name="swapped-factors-in-chain",
        claim="bp-modes-same-numbers",
        old="(A_2 A_1)",
        new="(A_1 A_2)",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="seed-indicator-pulled-out",
        claim="bp-neuron-mse-sum",
        old=r"\psi(u_2)(\operatorname{relu}(u_2) - y_2)",
        new="(u_2 - y_2)",
        reason="side 2 (entry 1,1) is false",
    ),
    Mutation(
        name="seed-indicator-dropped-in-matrix-form",
        claim="bp-neuron-mse-matrix",
        old=r" \odot \psi(X\mathbf{w} + b\mathbf{1})",
        new="",
        reason="is false",
    ),
    Mutation(
        name="softmax-general-target",
        claim="bp-softmax-ce-general",
        old=r"\operatorname{sum}(\mathbf{y}) ",
        new="",
        reason="is false",
    ),
    Mutation(
        name="matrix-square-as-scalar",
        claim="bp-matrix-square",
        old="XV + VX",
        new="2XV",
        reason="is false",
    ),
    Mutation(
        name="inverse-factor-order",
        claim="bp-matrix-inverse",
        old="-X^{-1}VX^{-1}",
        new="-X^{-1}X^{-1}V",
        reason="is false",
    ),
    Mutation(
        name="tanh-derivative-sign",
        claim="bp-tanh-derivative",
        old=r"1 - \tanh^2(z)",
        new=r"1 + \tanh^2(z)",
        reason="side 2 is false",
    ),
    refuted_option_relabelled_as_claim(
        "bp-mistake-indicator-outside", reason="side 2 (entry 1,1) is false"
    ),
    correct_option_relabelled_as_refuted("bp-quiz-softmax-option-a"),
)
