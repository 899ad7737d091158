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
    boxes = {
        name: axes.text(x, y, label, ha="center", va="center", bbox=NODE)
        for name, (x, y, label) in nodes.items()
    }
    for start, end, label in edges:
        (x0, y0, _), (x1, y1, _) = nodes[start], nodes[end]
        # Each arrow is clipped where it leaves its first box and enters its second, so it
        # meets both boxes whatever their labels' widths.
        axes.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={
                "arrowstyle": "->",
                "color": "C0",
                "shrinkA": 1,
                "shrinkB": 1,
                "patchA": boxes[start].get_bbox_patch(),
                "patchB": boxes[end].get_bbox_patch(),
            },
        )
        axes.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.1, label, ha="center", fontsize=8, color="C3")
    heights = [y for _, y, _ in nodes.values()]
    axes.set(title=title, xlim=(-0.12, 1.12), ylim=(min(heights) - 0.1, max(heights) + 0.2))
    axes.axis("off")


figure, panels = plt.subplots(
    3, 1, figsize=(3.6, 3.4), height_ratios=[1, 1.9, 1], layout="constrained"
)
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
    [("x", "g", "dg/dx: 2×1"), ("g", "f", "∂f/∂g: 2×2")],
)
figure
# --8<-- [end:data_flow]
