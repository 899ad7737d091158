"""A small grid near p = (1, 0.5) and its image under f(x, y) = (x² − y², 2xy) and under J(p)."""

# --8<-- [start:linear_map]
import numpy as np

from calc_examples.figures.style import new_figure


def f(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return x**2 - y**2, 2 * x * y


p = np.array([1.0, 0.5])
jacobian = np.array([[2 * p[0], -2 * p[1]], [2 * p[1], 2 * p[0]]])  # [[2, -1], [1, 2]]
figure, (before, after) = new_figure(
    "First, a square grid of side 0.6 around the point p = (1, 0.5). Second, its image under "
    "f(x, y) = (x² − y², 2xy), a curved grid, drawn over the image under the linear map "
    "f(p) + J(p)(q − p) with J(p) = [[2, −1], [1, 2]], a straight grid that rotates and "
    "stretches the square; the two agree closely near f(p) = (0.75, 1).",
    columns=2,
    aspect=1.0,
)
ticks = np.linspace(-0.3, 0.3, 7)
fine = np.linspace(-0.3, 0.3, 60)
for offset in ticks:
    for along_x in (True, False):
        dx, dy = (
            (fine, np.full_like(fine, offset)) if along_x else (np.full_like(fine, offset), fine)
        )
        before.plot(p[0] + dx, p[1] + dy, color="C0", linewidth=1)
        u, v = f(p[0] + dx, p[1] + dy)
        after.plot(u, v, color="C0", linewidth=1)
        linear = np.array(f(*p))[:, None] + jacobian @ np.vstack([dx, dy])
        after.plot(linear[0], linear[1], color="C1", linewidth=1, linestyle="--")
before.plot(*p, "o", color="black")
after.plot(*f(*p), "o", color="black")
before.set(title="a grid near p", xlabel="x", ylabel="y", aspect="equal")
after.set(title="f (solid) and its Jacobian (dashed)", xlabel="f₁", ylabel="f₂", aspect="equal")
figure
# --8<-- [end:linear_map]
