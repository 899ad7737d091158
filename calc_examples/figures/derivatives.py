"""Secant lines of f(x) = 3x² − 4x through x = 1 tilting towards the tangent as h shrinks."""

# --8<-- [start:tangent]
import numpy as np

from calc_examples.figures.style import new_figure


def f(x: np.ndarray | float) -> np.ndarray | float:
    return 3 * x**2 - 4 * x


figure, (axes,) = new_figure(
    "The parabola f(x) = 3x² − 4x with its tangent line y = 2x − 3 at x = 1, and secant lines "
    "through x = 1 and x = 1 + h for h = 1, 0.5 and 0.25, whose slopes 5, 3.5 and 2.75 approach "
    "the tangent's slope 2."
)
x = np.linspace(-0.5, 2.5, 200)
axes.plot(x, f(x), color="C0", label="f(x) = 3x² − 4x")
for h, style in zip([1.0, 0.5, 0.25], [":", "--", "-."], strict=True):
    slope = (f(1 + h) - f(1)) / h
    axes.plot(
        x,
        f(1) + slope * (x - 1),
        "C1",
        linestyle=style,
        linewidth=1.3,
        label=f"secant, h = {h:g}: slope {slope:g}",
    )
axes.plot(x, 2 * x - 3, color="C3", label="tangent at x = 1: slope 2")
axes.plot([1], [f(1)], "o", color="black")
axes.set(xlim=(-0.5, 2.5), ylim=(-3.5, 8), xlabel="x", ylabel="y")
axes.legend(loc="upper left")
figure
# --8<-- [end:tangent]
