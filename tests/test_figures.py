"""Figures drawn by examples: themed inline SVG, labelled for screen readers, placed first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from verified_docs.examples.figures import FigureError, figure_svg, theme_svg
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


def test_svg_is_themed_responsive_and_labelled() -> None:
    """Assert ink and cycle colours become theme variables, CSS sizes it, alt text is set."""
    svg = render(PLOT)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-label="A straight line through the origin with slope 2."' in svg
    assert "var(--mcv-plot-0, #1f77b4)" in svg
    assert "currentColor" in svg
    assert not re.search(r"#000000|(?<!, )#1f77b4", svg, re.IGNORECASE)
    assert not re.search(r'<svg[^>]* width="', svg)
    assert "<metadata>" not in svg


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


def test_theme_svg_escapes_the_description() -> None:
    """Assert quotes and angle brackets in a description cannot break the markup."""
    svg = theme_svg('<svg width="1pt" height="1pt" viewBox="0 0 1 1"></svg>', 'a "b" <c>')
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
