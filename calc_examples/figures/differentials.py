"""The error of the first-order approximation X⁻¹ − X⁻¹ t V X⁻¹ to (X + tV)⁻¹, as t shrinks."""

# --8<-- [start:error_shrinks]
import numpy as np

from calc_examples.figures.style import label_powers_of_ten, new_figure

rng = np.random.default_rng(1)
X = 3 * np.eye(3) + rng.uniform(-0.5, 0.5, size=(3, 3))
V = rng.normal(size=(3, 3))
X_inv = np.linalg.inv(X)
steps = np.logspace(-4, 0, 30)


def error(change: np.ndarray) -> np.ndarray:
    """‖(X + tV)⁻¹ − X⁻¹ − t·change‖ at each step t."""
    return np.array([np.linalg.norm(np.linalg.inv(X + t * V) - X_inv - t * change) for t in steps])


figure, (axes,) = new_figure(
    "Log-log plot of the error of two first-order guesses for (X + tV)⁻¹ against the step t, "
    "from 0.0001 to 1. With the differential −X⁻¹VX⁻¹ the error falls like t² (slope 2); with "
    "the wrong rule −X⁻²V it falls only like t (slope 1), so it is not the derivative.",
)
axes.loglog(steps, error(-X_inv @ V @ X_inv), color="C0", label="−X⁻¹ V X⁻¹ (slope 2)")
axes.loglog(steps, error(-X_inv @ X_inv @ V), color="C1", linestyle="--", label="−X⁻² V (slope 1)")
axes.set(xlabel="step t", ylabel="error", title="first-order error of (X + tV)⁻¹")
label_powers_of_ten(axes)
axes.legend()
figure
# --8<-- [end:error_shrinks]
