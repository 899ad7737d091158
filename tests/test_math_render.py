"""Tests for build-time KaTeX rendering (verified_docs.math_render)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chapter_mutations import REPO_ROOT, project_settings
from verified_docs.math_render import (
    KatexRenderer,
    LatexError,
    copy_katex_assets,
    katex_asset_dir,
)

NODE_MODULES = REPO_ROOT / "node_modules"


def _site_renderer() -> KatexRenderer:
    """The renderer with this site's macros (``\\R``, ``\\T``…) from mkdocs.yml."""
    return KatexRenderer(NODE_MODULES, project_settings().katex_macros)


def _missing_prerequisite() -> str | None:
    if shutil.which("node") is None:
        return "`node` is not on PATH"
    if not (REPO_ROOT / "node_modules" / "katex").is_dir():
        return "node_modules/katex is missing"
    return None


_MISSING = _missing_prerequisite()
if _MISSING is not None:
    _REASON = f"KaTeX rendering needs Node.js and `npm ci` in the repo root: {_MISSING}"
    if "CI" in os.environ:
        pytest.fail(_REASON, pytrace=False)
    pytest.skip(_REASON, allow_module_level=True)


@pytest.fixture(scope="module")
def renderer() -> Iterator[KatexRenderer]:
    with _site_renderer() as katex:
        yield katex


@pytest.mark.parametrize(
    ("latex", "fragment"),
    [
        (r"\mathbf{x}", 'class="mord mathbf"'),
        (r"\mathbf{x}^\top A \mathbf{x}", "\u22a4"),
        (r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}", 'class="mtable"'),
        (r"\mathbb R", 'class="mord mathbb"'),
        (r"\frac{\partial f}{\partial \mathbf{x}}", 'class="mfrac"'),
        (r"\R^n", 'class="mord mathbb"'),
        (r"\bm{x}", 'class="mord boldsymbol"'),
        (r"A^\T", "\u22a4"),
    ],
)
def test_renders_html_with_a_text_label(renderer: KatexRenderer, latex: str, fragment: str) -> None:
    """Assert common notation and the shared macros render to HTML, labelled for screen readers.

    No MathML: it would add a quarter of a chapter's elements; the label is the plain text.
    """
    html = renderer.render(latex, display=False)
    assert 'class="katex"' in html
    assert "<math" not in html
    assert 'role="img" aria-label="' in html
    assert fragment in html


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\frac{1}{", "KaTeX parse error: Unexpected end of input"),
        (r"\notacommand", r"KaTeX parse error: Undefined control sequence: \notacommand"),
    ],
)
def test_invalid_latex_raises(renderer: KatexRenderer, latex: str, message: str) -> None:
    """Assert invalid LaTeX raises LatexError carrying KaTeX's message."""
    with pytest.raises(LatexError, match=re.escape(message)) as info:
        renderer.render(latex, display=False)
    assert info.value.latex == latex


def test_display_mode(renderer: KatexRenderer) -> None:
    """Assert display=True yields a katex-display block and display=False does not."""
    assert "katex-display" in renderer.render("x", display=True)
    assert "katex-display" not in renderer.render("x", display=False)


def test_cache_returns_identical_output(renderer: KatexRenderer) -> None:
    """Assert a repeated request is served from the cache as the very same string."""
    first = renderer.render(r"\nabla_X \operatorname{tr}(AX)", display=True)
    assert renderer.render(r"\nabla_X \operatorname{tr}(AX)", display=True) is first


def test_macro_definitions_do_not_leak() -> None:
    r"""Assert a \gdef in one equation is not visible to the next one."""
    with _site_renderer() as katex:
        katex.render(r"\gdef\leak{1}\leak", display=False)
        with pytest.raises(LatexError, match="Undefined control sequence"):
            katex.render(r"\leak", display=False)


def test_many_equations_in_one_process() -> None:
    """Assert 300 distinct equations render through one persistent process."""
    with _site_renderer() as katex:
        katex.render("x", display=False)
        process = katex._proc
        for i in range(300):
            html = katex.render(
                rf"\mathbf{{x}}_{{{i}}}^\top A \mathbf{{x}}_{{{i}}}", display=i % 2 == 0
            )
            assert 'class="katex"' in html
        assert katex._proc is process


def test_dead_process_raises_runtime_error() -> None:
    """Assert a killed Node process surfaces as a RuntimeError naming the signal."""
    with _site_renderer() as katex:
        katex.render("x", display=False)
        assert katex._proc is not None
        katex._proc.kill()
        katex._proc.wait()
        with pytest.raises(RuntimeError, match="killed by SIGKILL"):
            katex.render("y", display=False)


def test_missing_katex_says_npm_ci(tmp_path: Path) -> None:
    """Assert a checkout without node_modules points the user at `npm ci`."""
    with (
        pytest.raises(FileNotFoundError, match="npm ci"),
        KatexRenderer(tmp_path / "node_modules") as katex,
    ):
        katex.render("x", display=False)


def test_copy_katex_assets(tmp_path: Path) -> None:
    """Assert the copied CSS finds a woff2 file for every font it declares."""
    copy_katex_assets(NODE_MODULES, tmp_path)
    target = tmp_path / "assets" / "katex"
    css = (target / "katex.min.css").read_text(encoding="utf-8")
    woff2 = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert woff2
    assert {str(p.relative_to(target)) for p in (target / "fonts").iterdir()} == woff2
    assert katex_asset_dir(NODE_MODULES) == NODE_MODULES / "katex" / "dist"
