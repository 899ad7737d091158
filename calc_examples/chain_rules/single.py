"""The four-step recipe of the single-variable chain rule, run on the chains of the page."""

import sympy as sp

from calc_examples.chain_rules.links import log_sine, sin_square, x


# --8<-- [start:recipe]
def chain_rule(links: dict[sp.Symbol, sp.Expr], x: sp.Symbol) -> sp.Expr:
    """Steps 2-4 for a chain x -> u -> ... -> y: one derivative per link, multiplied."""
    inputs = [x, *list(links)[:-1]]  # the variable each link is a function of
    product = sp.Integer(1)
    for before, (after, definition) in zip(inputs, links.items(), strict=True):
        link = sp.diff(definition, before)  # step 2: differentiate the link in isolation
        print(f"  d{after}/d{before} = {link}")
        product *= link  # step 3: multiply
    for name in reversed(list(links)):  # step 4: substitute back, last link first
        product = product.subs(name, links[name])
    return product


# --8<-- [end:recipe]

# --8<-- [start:sin_square]
print("y = sin(x^2):")
dydx = chain_rule(sin_square, x)
print("  dy/dx =", dydx)
sp.simplify(dydx - sp.diff(sp.sin(x**2), x))  # 0: agrees with SymPy's own derivative
# --8<-- [end:sin_square]

# --8<-- [start:log_sine]
print("y = ln(sin(x^3)^2):")
dydx = chain_rule(log_sine, x)
print("  dy/dx =", dydx)
simplified = sp.simplify(dydx)
print("  simplified:", simplified)
print("  minus 6 x^2 cot(x^3):", sp.simplify(simplified - 6 * x**2 * sp.cot(x**3)))
# --8<-- [end:log_sine]
