"""Level curves of f(x, y) = x·exp(−x² − y²) with its gradient field drawn over them."""

# --8<-- [start:contours]
import numpy as np

from calc_examples.figures.style import new_figure

figure, (axes,) = new_figure(
    "Contour lines of f(x, y) = x·exp(−x² − y²), a hill near (0.71, 0) and a valley near "
    "(−0.71, 0), with gradient arrows that cross every contour at a right angle and point "
    "uphill, longest where the contours are closest together.",
    aspect=1.0,
)
x, y = np.meshgrid(np.linspace(-2, 2, 161), np.linspace(-2, 2, 161))
f = x * np.exp(-(x**2) - y**2)
levels = np.linspace(-0.4, 0.4, 9)
contours = axes.contour(x, y, f, levels=levels, cmap="coolwarm", linewidths=1.2)
axes.clabel(contours, levels=[level for level in levels if level != 0], fontsize=8, fmt="%.1f")
gx, gy = np.meshgrid(np.linspace(-1.8, 1.8, 13), np.linspace(-1.8, 1.8, 13))
bump = np.exp(-(gx**2) - gy**2)
axes.quiver(
    gx,
    gy,
    (1 - 2 * gx**2) * bump,
    -2 * gx * gy * bump,
    color="black",
    angles="xy",
    scale_units="xy",
    scale=2.2,
    width=0.004,
)
axes.set(xlabel="x", ylabel="y", aspect="equal")
axes.grid(False)
figure
# --8<-- [end:contours]
