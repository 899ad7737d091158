"""The worked examples of docs/derivatives.md, differentiated by SymPy for comparison."""

import sympy as sp

# --8<-- [start:worked_examples]
x = sp.Symbol("x", positive=True)
examples = {
    "constant multiple": 5 * x**3,
    "sum": x**2 + 3 * x,
    "product": x**2 * sp.sin(x),
    "quotient": x**2 / (1 + x),
    "x^x": x**x,
}
for rule, expression in examples.items():
    print(f"{rule:>17}:  d/dx {expression}  =  {sp.factor(sp.diff(expression, x))}")
# --8<-- [end:worked_examples]

# --8<-- [start:logarithmic_differentiation]
y = x**x
log_y = sp.expand_log(sp.log(y))  # ln y = x ln x
dlog_y = sp.diff(log_y, x)  # y'/y
print("ln y        =", log_y)
print("y' / y      =", dlog_y)
y_prime = sp.factor(y * dlog_y)
print("y'          =", y_prime)
sp.simplify(y_prime - sp.diff(y, x))  # 0: agrees with differentiating x**x directly
# --8<-- [end:logarithmic_differentiation]

# --8<-- [start:activations]
z = sp.Symbol("z", real=True)
sigma = 1 / (1 + sp.exp(-z))
softplus = sp.log(1 + sp.exp(z))
checks = {
    "sigma' - sigma(1 - sigma)": sp.diff(sigma, z) - sigma * (1 - sigma),
    "tanh' - (1 - tanh^2)": sp.diff(sp.tanh(z), z) - (1 - sp.tanh(z) ** 2),
    "softplus' - sigma": sp.diff(softplus, z) - sigma,
}
for name, difference in checks.items():
    print(f"{name:>26} simplifies to {sp.simplify(difference)}")
# --8<-- [end:activations]
