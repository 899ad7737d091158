import sympy as sp

from verified_docs.checks import Model, claim

t = sp.Symbol("t", real=True)


@claim("unused-check", model=Model(sample={t: (0.0, 1.0)}))
def registered_twice() -> None:
    """A second check under an id that already has one."""
