import sympy as sp

from verified_docs.checks import Model, identity

t = sp.Symbol("t", real=True)

# A second check under an id that already has one.
identity("unused-check", model=Model(sample={t: (0.0, 1.0)}))
