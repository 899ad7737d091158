"""Data-flow graphs of the three chain rules: one path, several paths, and vectors."""

# The site-wide look (fonts, spines); every figure module applies it.
import calc_examples.figures.style  # noqa: F401

# isort: split
# --8<-- [start:data_flow]
import matplotlib.pyplot as plt

NODE = {"boxstyle": "round,pad=0.35", "facecolor": "none", "edgecolor": "black"}


def draw_graph(
    axes: plt.Axes,
    title: str,
    nodes: dict[str, tuple[float, float, str]],
    edges: list[tuple[str, str, str]],
) -> None:
    """Nodes are {name: (x, y, label)}; edges are (from, to, local derivative)."""
    for x, y, label in nodes.values():
        axes.text(x, y, label, ha="center", va="center", bbox=NODE, fontsize=10)
    for start, end, label in edges:
        (x0, y0, label0), (x1, y1, label1) = nodes[start], nodes[end]
        # Stop each arrow at the edge of its boxes: a label is about 3 points per character.
        level = y0 == y1
        gap = {
            "shrinkA": 3.2 * len(label0) + 9 if level else 14,
            "shrinkB": 3.2 * len(label1) + 9 if level else 14,
        }
        axes.annotate(
            "", xy=(x1, y1), xytext=(x0, y0), arrowprops={"arrowstyle": "->", "color": "C0", **gap}
        )
        axes.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.09, label, ha="center", fontsize=9, color="C3")
    axes.set(title=title, xlim=(-0.15, 1.15), ylim=(-0.2, 0.55))
    axes.title.set_fontsize(10)
    axes.axis("off")


figure, panels = plt.subplots(3, 1, figsize=(6.4, 5.4))
figure.set_label(
    "Three data-flow graphs. Single-variable: x to u = x³ to y = ln(sin²u), one path, so "
    "dy/dx is the product of the local derivatives along it. Total derivative: x feeds "
    "y = x + u both directly and through u = x², so dy/dx = ∂y/∂x + (∂y/∂u)(du/dx) sums the "
    "two paths. Vector: x to the vector g = (x², 3x) to f = (ln g₁, sin g₂); the local "
    "derivatives are Jacobians, multiplied as matrices."
)
draw_graph(
    panels[0],
    "single-variable: one path, multiply",
    {"x": (0, 0, "x"), "u": (0.5, 0, "u = x³"), "y": (1, 0, "y = ln(sin² u)")},
    [("x", "u", "du/dx = 3x²"), ("u", "y", "dy/du = 2 cot u")],
)
draw_graph(
    panels[1],
    "total derivative: several paths, add",
    {"x": (0, 0, "x"), "u": (0.5, 0.35, "u = x²"), "y": (1, 0, "y = x + u")},
    [("x", "u", "du/dx = 2x"), ("u", "y", "∂y/∂u = 1"), ("x", "y", "∂y/∂x = 1")],
)
draw_graph(
    panels[2],
    "vector: Jacobians, multiply as matrices",
    {"x": (0, 0, "x"), "g": (0.5, 0, "g = (x², 3x)"), "f": (1, 0, "f = (ln g₁, sin g₂)")},
    [("x", "g", "∂g/∂x: 2×1"), ("g", "f", "∂f/∂g: 2×2")],
)
figure.tight_layout()
figure
# --8<-- [end:data_flow]
