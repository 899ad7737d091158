"""A bowl (positive definite Hessian) beside a saddle (eigenvalues of both signs)."""

# The site-wide look (fonts, spines); every figure module applies it.
import calc_examples.figures.style  # noqa: F401

# isort: split
# --8<-- [start:bowl_and_saddle]
import matplotlib.pyplot as plt
import numpy as np

figure = plt.figure(figsize=(6.8, 3.4))
figure.set_label(
    "Two surfaces over the square −1 ≤ x, y ≤ 1. First, the bowl x² + y², whose Hessian 2I has "
    "eigenvalues 2 and 2, so the origin is a minimum. Second, the saddle x² − y², whose Hessian "
    "has eigenvalues 2 and −2, curving up along x and down along y."
)
x, y = np.meshgrid(np.linspace(-1, 1, 17), np.linspace(-1, 1, 17))
for index, (title, z) in enumerate(
    [
        ("bowl: x² + y², eigenvalues 2, 2", x**2 + y**2),
        ("saddle: x² − y², eigenvalues 2, −2", x**2 - y**2),
    ],
    start=1,
):
    axes = figure.add_subplot(1, 2, index, projection="3d")
    axes.plot_wireframe(x, y, z, color="C0", linewidth=0.7)
    axes.plot([0], [0], [0], "o", color="C3")
    for pane in (axes.xaxis.pane, axes.yaxis.pane, axes.zaxis.pane):
        pane.fill = False
    axes.set(title=title, xlabel="x", ylabel="y")
figure
# --8<-- [end:bowl_and_saddle]
