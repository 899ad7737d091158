import sympy as sp

from verified_docs.checks import Derivative, Model, claims_by_name

t = sp.Symbol("t", real=True)
MODEL = Model(sample={t: (-2.0, 2.0)}, names={r"\frac{df}{dt}": Derivative(t**3, t)})

# A table row whose left side the model does not name (a typo: dg for df).
claims_by_name(MODEL, {"misnamed-derivative": r"\frac{dg}{dt}"})
