"""Mutations of docs/derivatives.md: slips an author might make in its claims."""

from __future__ import annotations

from tests.mutations import (
    Mutation,
    correct_option_relabelled_as_refuted,
    refuted_option_relabelled_as_claim,
)

PAGE = "derivatives.md"

MUTATIONS = (
    Mutation(
        name="wrong-coefficient",
        claim="deriv-example-constant-multiple",
        old="= 15x^2",
        new="= 5x^2",
        reason="side 3 is false",
    ),
    Mutation(
        name="flipped-sign",
        claim="deriv-cos",
        old=r"= -\sin x",
        new=r"= \sin x",
        reason="side 2 is false",
    ),
    Mutation(
        name="wrong-exponent-in-power-rule",
        claim="deriv-power",
        old="n x^{n - 1}",
        new="n x^{n + 1}",
        reason="side 2 is false",
    ),
    Mutation(
        name="swapped-terms-in-quotient-rule",
        claim="deriv-quotient-rule",
        old=r"{v \frac{du}{dx} - u \frac{dv}{dx}}",
        new=r"{u \frac{dv}{dx} - v \frac{du}{dx}}",
        reason="side 2 is false",
    ),
    Mutation(
        name="inner-and-outer-swapped",
        claim="deriv-example-chain",
        old=r"= 2x \cos(x^2)",
        new=r"= x^2 \cos(2x)",
        reason="side 4 is false",
    ),
    Mutation(
        name="seed-negative-power-exponent-slip",
        claim="deriv-power-negative",
        old="= -m x^{m - 1 - 2m}",
        new="= -x^{-m - 1}(m x^{m - 1})",
        reason="side 3 is false",
    ),
    Mutation(
        name="seed-dropped-reciprocal-sine",
        claim="deriv-ex1-option-a",
        old=r"\frac{6x^2 \cos(x^3)}{\sin(x^3)}",
        new=r"6x^2 \cos(x^3)",
        reason="side 2 is false",
    ),
    Mutation(
        name="central-difference-with-forward-error",
        claim="deriv-central-cubic",
        old="= 3x^2 + h^2",
        new="= 3x^2 + 3xh + h^2",
        reason="side 2 is false",
    ),
    Mutation(
        name="sigmoid-sign-slip",
        claim="deriv-sigmoid",
        old=r"\sigma \cdot (1 - \sigma)",
        new=r"\sigma \cdot (1 + \sigma)",
        reason="side 3 is false",
    ),
    Mutation(
        name="relu-slope-on-wrong-side",
        claim="deriv-relu-negative",
        old="= 0",
        new="= 1",
        reason="side 2 is false",
    ),
    Mutation(
        name="tangent-line-intercept",
        claim="deriv-tangent-line",
        old="= 2x - 3",
        new="= 2x + 3",
        reason="side 3 is false",
    ),
    refuted_option_relabelled_as_claim("deriv-mistake-negative-power", reason="side 2 is false"),
    correct_option_relabelled_as_refuted("deriv-ex2-option-b"),
    Mutation(
        name="wrong-left-side",
        claim="deriv-experiment-derivative",
        old=r"\frac{df}{dx}",
        new=r"\frac{dg}{dx}",
        reason="the left side reads",
    ),
)
