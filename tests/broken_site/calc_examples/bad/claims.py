import sympy as sp

from verified_docs.checks import Model, claim

t = sp.Symbol("t", real=True)
MODEL = Model(sample={t: (-2.0, 2.0)})


@claim("true-claim", model=MODEL)
def true_claim() -> None:
    """An identity: the page's two sides must agree."""


@claim("false-coefficient", model=MODEL)
def false_coefficient() -> None:
    """An identity the page gets wrong."""


@claim("unused-check", model=MODEL)
def unused_check() -> None:
    """No page states this claim."""
