"""The numeric experiments of docs/derivatives.md: difference quotients and their errors."""

import math

from calc_examples.derivatives.experiment import f

# --8<-- [start:difference_quotients]
for k in range(1, 6):
    h = 10.0**-k
    quotient = (f(1 + h) - f(1)) / h
    print(f"h = 1e-{k}:  (f(1 + h) - f(1)) / h = {quotient:.5f}")
# --8<-- [end:difference_quotients]

# --8<-- [start:forward_vs_central]
x0, exact = 1.0, math.exp(1.0)  # f = exp, so f'(1) = e
print(f"{'h':>6}  {'forward error':>13}  {'/ h':>6}  {'central error':>13}  {'/ h^2':>6}")
for k in range(1, 6):
    h = 10.0**-k
    forward = (math.exp(x0 + h) - math.exp(x0)) / h
    central = (math.exp(x0 + h) - math.exp(x0 - h)) / (2 * h)
    e_fwd, e_ctr = abs(forward - exact), abs(central - exact)
    print(f"{h:6.0e}  {e_fwd:13.2e}  {e_fwd / h:6.3f}  {e_ctr:13.2e}  {e_ctr / h**2:6.3f}")
# --8<-- [end:forward_vs_central]


# --8<-- [start:relu_at_zero]
def relu(z: float) -> float:
    return max(0.0, z)


h = 1e-6
print("slope from the left: ", (relu(0.0) - relu(-h)) / h)
print("slope from the right:", (relu(h) - relu(0.0)) / h)
print("central difference:  ", (relu(h) - relu(-h)) / (2 * h))
# --8<-- [end:relu_at_zero]
