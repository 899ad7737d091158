"""Figures drawn by examples: themed inline SVG, labelled for screen readers, placed first."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from verified_docs.examples.figures import FigureError, figure_svg
from verified_docs.examples.runner import ExampleRunner
from verified_docs.page_scan import scan_page

PLOT = """import matplotlib.pyplot as plt

# --8<-- [start:plot]
figure, axes = plt.subplots()
figure.set_label("A straight line through the origin with slope 2.")
axes.plot([0, 1], [0, 2], color="C0")
axes.set_title("slope 2")
figure
# --8<-- [end:plot]
"""
UNLABELLED = PLOT.replace(
    'figure.set_label("A straight line through the origin with slope 2.")\n', ""
)


def render(code: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    namespace: dict[str, object] = {}
    exec(code.replace("figure\n# --8<-- [end:plot]", ""), namespace)
    return figure_svg(namespace["figure"])


def test_svg_is_themed_natural_size_and_labelled() -> None:
    """Assert colours become theme variables, the drawn size stays, alt text is set."""
    svg = render(PLOT)
    assert svg.startswith('<div class="mcv-panels" role="img"')
    assert 'aria-label="A straight line through the origin with slope 2."' in svg
    assert "var(--mcv-plot-0, #1f77b4)" in svg
    assert "currentColor" in svg
    assert not re.search(r"#000000|(?<!, )#1f77b4", svg, re.IGNORECASE)
    assert re.search(r'<svg[^>]* width="[\d.]+pt" height="[\d.]+pt"', svg), "drawn size kept"
    assert 'aria-hidden="true"' in svg
    assert "<metadata>" not in svg


TWO_PANELS = PLOT.replace(
    "figure, axes = plt.subplots()", "figure, (axes, other) = plt.subplots(1, 2)"
).replace('axes.set_title("slope 2")', 'axes.set_title("slope 2")\nother.set_title("second")')


def test_side_by_side_panels_become_separate_pictures() -> None:
    """Assert each panel is its own SVG (so a phone can stack them), ids distinct across them."""
    svg = render(TWO_PANELS)
    assert svg.count("<svg") == 2
    first, second = svg.split("<svg")[1:]
    assert "slope 2" in first
    assert "second" not in first
    assert "second" in second
    prefixes = {identifier.split("-")[0] for identifier in re.findall(r'\bid="([^"]+)"', svg)}
    assert len(prefixes) == 2


def test_inline_svg_does_not_leak_ids_or_styles_into_the_page() -> None:
    """Assert every id carries the figure's prefix, references follow it, and '*' is scoped."""
    svg = render(PLOT)
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids
    assert all(re.fullmatch(r"fig[0-9a-f]{8}-.+", identifier) for identifier in ids)
    for reference in re.findall(r"url\(#([^)]+)\)|href=\"#([^\"]+)\"", svg):
        target = reference[0] or reference[1]
        assert target in ids
    assert ".mcv-plot *{" in svg
    assert re.search(r"(?<!\.mcv-plot )\*\{", svg) is None


def test_same_figure_gives_byte_identical_svg() -> None:
    """Assert rendering is deterministic (fixed hash salt, no dates)."""
    assert render(PLOT) == render(PLOT)


def test_figure_without_description_is_refused() -> None:
    """Assert an unlabelled figure raises FigureError naming set_label."""
    with pytest.raises(FigureError, match="set_label"):
        render(UNLABELLED)


def test_description_is_escaped() -> None:
    """Assert quotes and angle brackets in a description cannot break the markup."""
    svg = render(
        PLOT.replace('"A straight line through the origin with slope 2."', "'a \"b\" <c>'")
    )
    assert 'aria-label="a &quot;b&quot; &lt;c>"' in svg


def test_unlabelled_figure_fails_its_example_at_the_display_line(tmp_path: Path) -> None:
    """Assert the runner reports the missing description with the module line of the display."""
    module = tmp_path / "plot.py"
    module.write_text(UNLABELLED)
    with ExampleRunner(tmp_path, time_limit=30.0) as runner:
        section = runner.run_module(module).sections["plot"]
    assert section.error is not None
    assert "FigureError" in section.error
    assert "set_label" in section.error
    assert section.error.endswith("(plot.py:7)")


def test_figure_option_is_read_and_unknown_options_are_refused() -> None:
    """Assert 'python run figure' marks the example, and a misspelt option is a located problem."""
    page = Path("docs/page.md")
    good = scan_page(page, '```python run figure\n--8<-- "calc_examples/a.py:plot"\n```\n', 1)
    assert good.examples[0].figure
    assert not good.problems
    bad = scan_page(page, '```python run figur\n--8<-- "calc_examples/a.py:plot"\n```\n', 1)
    assert [str(problem) for problem in bad.problems] == [
        "docs/page.md:1: unknown option 'figur' after python run (known: figure)"
    ]


def test_chain_rule_arrows_meet_their_boxes() -> None:
    """Assert every arrow of the data-flow graphs starts and ends within 4 px of a node's box."""
    import runpy

    import matplotlib

    matplotlib.use("Agg")
    root = Path(__file__).resolve().parents[1]
    figure = runpy.run_path(str(root / "calc_examples" / "figures" / "chain_rules.py"))["figure"]
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    arrows = 0
    for axes in figure.axes:
        boxes = [
            t.get_bbox_patch().get_window_extent(renderer) for t in axes.texts if t.get_bbox_patch()
        ]
        for child in axes.get_children():
            if type(child).__name__ != "Annotation":
                continue
            shaft = child.arrow_patch._get_path_in_displaycoord()[0][0].vertices
            for x, y in (shaft[0], shaft[-1]):
                gaps = [
                    abs(min(x - b.x0, b.x1 - x, y - b.y0, b.y1 - y))
                    if b.x0 < x < b.x1 and b.y0 < y < b.y1
                    else float(np.hypot(max(b.x0 - x, 0, x - b.x1), max(b.y0 - y, 0, y - b.y1)))
                    for b in boxes
                ]
                assert min(gaps) <= 4, f"an arrow ends {min(gaps):.1f} px from the nearest box"
            arrows += 1
    assert arrows == 7
