"""The law of total derivative on the page's three examples, symbolically and numerically."""

import numpy as np
import sympy as sp

from calc_examples.chain_rules.links import product_paths, sine_paths, sum_paths, u1, x, y


# --8<-- [start:law]
def total_derivative(links: dict[sp.Symbol, sp.Expr], x: sp.Symbol) -> sp.Expr:
    """dz/dx for every variable z of the chain: its direct partial plus one term per input."""
    totals: dict[sp.Symbol, sp.Expr] = {}
    for name, definition in links.items():
        direct = sp.diff(definition, x)  # earlier variables held fixed
        through = sum(sp.diff(definition, u) * totals[u] for u in totals)
        totals[name] = direct + through
    result = totals[list(links)[-1]]
    for name in reversed(list(links)):  # substitute back
        result = result.subs(name, links[name])
    return sp.factor(result)


for title, links in [
    ("x + x^2", sum_paths),
    ("sin(x + x^2)", sine_paths),
    ("x * x^2", product_paths),
]:
    print(f"y = {title:13} dy/dx = {total_derivative(links, x)}")
# --8<-- [end:law]

# --8<-- [start:naive]
definition = sum_paths[y]  # x + u_1, with u_1 = x^2
partial_x = sp.diff(definition, x)  # u_1 held fixed
partial_u1 = sp.diff(definition, u1)
du1_dx = sp.diff(sum_paths[u1], x)
print("one path only (single-variable rule):", partial_u1 * du1_dx)
print("direct partial only:                 ", partial_x)
print("both paths (total derivative):       ", partial_x + partial_u1 * du1_dx)
# --8<-- [end:naive]

# --8<-- [start:nudge]
# Nudge x by h and watch y = x + u_1 change: along one path at a time, then along both.
x0, h = 1.5, 1e-6


def y_of(x_direct: float, u1_value: float) -> float:
    return x_direct + u1_value


direct = (y_of(x0 + h, x0**2) - y_of(x0 - h, x0**2)) / (2 * h)
via_u1 = (y_of(x0, (x0 + h) ** 2) - y_of(x0, (x0 - h) ** 2)) / (2 * h)
both = (y_of(x0 + h, (x0 + h) ** 2) - y_of(x0 - h, (x0 - h) ** 2)) / (2 * h)
print(f"at x = {x0}: direct path {direct:.6f}, path through u_1 {via_u1:.6f}")
print(f"both paths at once {both:.6f}; sum of the two {direct + via_u1:.6f}")
print("equals 1 + 2x:", bool(np.isclose(both, 1 + 2 * x0)))
# --8<-- [end:nudge]
