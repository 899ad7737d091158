"""Downloadable notebooks: valid nbformat, whole modules in order, this build's outputs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from verified_docs.examples.runner import ExampleRunner, ModuleRun, SectionRun
from verified_docs.examples.sections import split_sections
from verified_docs.notebook_pages import notebook_page_html, plain_title
from verified_docs.notebooks import (
    SETUP_TAG,
    chapter_notebook,
    notebook_markdown,
    notebook_name,
    with_download_link,
)
from verified_docs.plain_math import plain_math

MODULE = """import math

# --8<-- [start:first]
print(math.sqrt(16))
# --8<-- [end:first]

# --8<-- [start:second]
value = 2
# --8<-- [end:second]
"""


def notebook(run: ModuleRun | None) -> dict[str, object]:
    chunks = split_sections(Path("calc_examples/demo.py"), MODULE)
    text = chapter_notebook("Demo", "../demo/", [("calc_examples/demo.py", chunks, run)])
    nbformat.validate(nbformat.reads(text, as_version=4))
    return json.loads(text)


def run_with_outputs() -> ModuleRun:
    chunks = split_sections(Path("calc_examples/demo.py"), MODULE)
    sections = {
        "first": SectionRun(({"kind": "text", "text": "4.0\n"},)),
        "second": SectionRun(
            ({"kind": "latex", "text": "x^{2}"}, {"kind": "svg", "text": "<svg/>"})
        ),
    }
    return ModuleRun(chunks, sections)


def test_notebook_holds_every_chunk_in_file_order() -> None:
    """Assert imports outside sections are kept, so the notebook runs top to bottom."""
    cells = notebook(run_with_outputs())["cells"]
    code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    assert code == ["import math", "print(math.sqrt(16))", "value = 2"]


def test_outputs_are_the_builds_outputs() -> None:
    """Assert printed text is a stream, LaTeX and SVG are display data."""
    cells = [cell for cell in notebook(run_with_outputs())["cells"] if cell["cell_type"] == "code"]
    assert cells[0]["outputs"] == []
    assert cells[1]["outputs"][0]["text"] == ["4.0\n"]
    data = [output["data"] for output in cells[2]["outputs"]]
    assert data[0]["text/latex"] == ["$$x^{2}$$"]
    assert data[1]["text/html"] == ["<svg/>"]


def test_without_execution_the_code_is_there_without_outputs() -> None:
    """Assert a preview build still writes a valid notebook, with no outputs."""
    cells = [cell for cell in notebook(None)["cells"] if cell["cell_type"] == "code"]
    assert len(cells) == 3
    assert all(cell["outputs"] == [] for cell in cells)


def test_notebook_is_byte_identical_across_builds() -> None:
    """Assert two renderings are identical (fixed cell ids, sorted keys)."""
    assert notebook(run_with_outputs()) == notebook(run_with_outputs())
    first = json.dumps(notebook(run_with_outputs()))
    assert '"id": "cell-0"' in first


def test_download_link_goes_under_the_title() -> None:
    """Assert the link follows the first heading and names the notebook."""
    page = with_download_link('<h1 id="t">Title</h1><p>Text.</p>', "../notebooks/demo.ipynb")
    assert page.startswith('<h1 id="t">Title</h1><p class="mcv-notebook">')
    assert 'href="../notebooks/demo.ipynb" download' in page
    assert notebook_name(Path("docs/chain-rules.md")) == "chain-rules.ipynb"


PAGE = """---
title: Demo
---

# Demo

Some prose with $x^2${claim: demo-inline} and a [link](other.md#part).

```python run
--8<-- "calc_examples/demo.py:first"
```

## Exercise 1 {#ex-1}

<div class="mcv-choices" markdown>

$$ claim: demo-a
x = x
$$

$$ refuted: demo-b
x = 2
$$

</div>

??? success "Answer and reasons"

    **A is correct.**

```python run
--8<-- "calc_examples/demo.py:second"
```
"""


def chapter(run: ModuleRun | None) -> dict[str, object]:
    chunks = split_sections(Path("calc_examples/demo.py"), MODULE)
    text = chapter_notebook(
        "Demo", "../demo/", [("calc_examples/demo.py", chunks, run)], page_markdown=PAGE
    )
    return json.loads(text)


def test_chapter_notebook_carries_the_prose_around_the_code() -> None:
    """Assert prose cells surround each example, which brings the code before its section."""
    cells = chapter(run_with_outputs())["cells"]
    kinds = [cell["cell_type"] for cell in cells]
    assert kinds == ["markdown", "markdown", "code", "markdown", "code"]
    prose = "".join(cells[1]["source"])
    assert "Some prose with $x^2$ and a [link](../other/#part)." in prose
    assert "title: Demo" not in prose
    assert "# Demo" not in prose  # the first cell gives the title, once
    assert "".join(cells[2]["source"]) == "import math\nprint(math.sqrt(16))"
    assert cells[2]["outputs"][0]["text"] == ["4.0\n"]
    options = "".join(cells[3]["source"])
    assert "**A.**\n\n$$\nx = x\n$$" in options
    assert "**B.**" in options
    assert "claim:" not in options
    assert "refuted:" not in options
    assert "mcv-choices" not in options
    assert "## Exercise 1\n" in options
    assert "<details><summary>Answer and reasons</summary>\n\n**A is correct.**" in options
    assert "</details>" in options


def chapter_notebooks(runner: ExampleRunner) -> dict[str, str]:
    """Every chapter's notebook as the build writes it (prose, code and this run's outputs).

    ``runner`` is the session's (``tests/conftest.py``): each module's outputs are those this
    run computed from scratch (its offline build ran every example first), not run again.
    """
    from verified_docs.page_scan import scan_page
    from verified_docs.site import page_body

    root = Path(__file__).resolve().parents[1]
    notebooks = {}
    for page in sorted((root / "docs").glob("*.md")):
        body, first = page_body(page.read_text("utf-8"))
        examples = scan_page(page.relative_to(root), body, first).examples
        sources = list(dict.fromkeys(example.source for example in examples))
        if not sources:
            continue
        modules = []
        for source in sources:
            path = root / source
            chunks = split_sections(path, path.read_text("utf-8"))
            modules.append((source, chunks, runner.run_module(path)))
        notebooks[page.stem] = chapter_notebook(
            page.stem, f"../{page.stem}/", modules, page_markdown=page.read_text("utf-8")
        )
    return notebooks


def printed(cell: Any) -> str:
    """What a code cell printed, however the kernel split it into stream messages."""
    return "".join(
        output.get("text", "") for output in cell.outputs if output.output_type == "stream"
    )


def test_every_chapter_notebook_runs_outside_the_repository(
    tmp_path: Path, runner: ExampleRunner
) -> None:
    """Assert each chapter's notebook runs in a fresh kernel in an empty folder, as the page."""
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    # The kernel runs copies of the modules in a folder outside the repository, which coverage
    # (measuring the repository's calc_examples and verified_docs) cannot count: the run's
    # coverage is not started in the kernels.
    kernel_environment = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    for name, text in chapter_notebooks(runner).items():
        folder = tmp_path / name
        folder.mkdir()
        notebook = nbformat.reads(text, as_version=4)
        setup = [cell for cell in notebook.cells if SETUP_TAG in cell.metadata.get("tags", [])]
        assert [cell.metadata.jupyter.source_hidden for cell in setup] == [True], name
        expected = [printed(cell) for cell in notebook.cells if cell.cell_type == "code"]
        notebook.cells.append(
            nbformat.v4.new_code_cell(
                "import sys\nprint(all(not m.startswith('calc_examples') or "
                "str(getattr(sys.modules[m], '__file__', '')).startswith(str(__import__('os')"
                ".getcwd())) for m in list(sys.modules)))"
            )
        )
        nbclient.NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": folder}}
        ).execute(env=kernel_environment)
        ran = [printed(cell) for cell in notebook.cells if cell.cell_type == "code"]
        assert ran[-1] == "True\n", f"{name}: a cell imported the repository's own modules"
        assert ran[:-1] == expected, f"{name}: the notebook prints something else than the page"


CONVERTED = """<script src=""> </script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({});</script>
<style type="text/css">.jp-Cell { color: red; }</style>
<!-- Load mathjax -->
<div class="jupyter-wrapper">
<div class="jp-RenderedMarkdown">
<h2 id="t">The $x^2$ rule<a class="anchor-link" href="#t">¶</a></h2>
<p>For $x &lt; y$, see <a href="https://example.org/site/demo/#part">the page</a>.</p>
<p>$$
\\frac{d}{dx} x^2 = 2x
$$</p></div>
<div class="zeroclipboard-container">
<clipboard-copy for="cell-1"><div><svg aria-hidden="true"></svg></div></clipboard-copy>
</div>
<div class="highlight-ipynb hl-python"><pre><span>cost = "$5"</span></pre></div>
<div class="clipboard-copy-txt" id="cell-1">cost = "$5"</div>
<div class="jp-RenderedLatex">
$$x^{2}$$
</div>
</div>"""


def fake_katex(latex: str, display: bool) -> str:
    return f"<{'D' if display else 'I'}>{latex}</>"


def test_a_notebook_page_renders_its_math_and_loads_nothing() -> None:
    """Assert math becomes KaTeX's, scripts and JupyterLab styles go, links become relative."""
    page = notebook_page_html(CONVERTED, fake_katex, site_url="https://example.org/site/", depth=2)
    for gone in ("<script", "<style", "<!--", "clipboard", "highlight-ipynb", "anchor-link"):
        assert gone not in page
    assert "The <I>x^2</> rule" in page
    assert "For <I>x < y</>, see" in page
    assert "<D>\\frac{d}{dx} x^2 = 2x</>" in page
    assert "<p><D>" not in page  # a display is a block, not a paragraph
    assert "<D>x^{2}</>" in page
    assert '<pre><span>cost = "$5"</span></pre>' in page  # code keeps its dollars
    assert 'href="../../demo/#part"' in page
    assert 'class="headerlink"' in page
    assert 'class="highlight hl-python"' in page


SETUP_CELL = """<div class="jp-Notebook">
<div class="jp-Cell jp-CodeCell jp-Notebook-cell jp-mod-noOutputs  celltag_setup">
<div class="jp-Cell jp-CodeCell"><div class="highlight-ipynb"><pre>SOURCES = {}</pre></div></div>
</div><div class="jp-Cell jp-MarkdownCell"><p>Prose</p></div>
</div>"""


def test_the_setup_cell_is_folded_on_the_page() -> None:
    """Assert the setup cell's contents, and nothing after them, sit in a closed <details>."""
    page = notebook_page_html(SETUP_CELL, fake_katex, site_url=None, depth=1)
    folded = re.search(
        r'<details class="mcv-setup"><summary>(.+?)</summary>(.*?)</details>', page, re.S
    )
    assert folded is not None, page
    assert "SOURCES = {}" in folded.group(2)
    assert "Prose" not in folded.group(2)
    assert folded.group(2).count("<div") == folded.group(2).count("</div>") == 2
    assert page.index("</details>") < page.index('<div class="jp-Cell jp-MarkdownCell">')


def test_a_setup_cell_cut_short_is_refused() -> None:
    """Assert HTML where the setup cell never closes is an error, not a page folded wrongly."""
    with pytest.raises(ValueError, match="setup cell"):
        notebook_page_html(SETUP_CELL.split("</div>")[0], fake_katex, site_url=None, depth=1)


def test_a_notebook_page_table_of_contents_reads_math_as_text() -> None:
    """Assert a TOC entry's TeX is shown as plain text."""
    assert plain_title("Worked example: $3x^2y$", plain_math) == "Worked example: 3x²y"


def test_inline_math_broken_across_lines_is_joined() -> None:
    """Assert a formula that wraps onto a line starting with "+" stays one formula.

    Renderers that read the Markdown before the math (nbconvert) would see a list item there.
    """
    text = notebook_markdown("computes $a = \\max(0, w\n+ b)$. Next\nline.\n\nCosts $5\n\nEnd.")
    assert "computes $a = \\max(0, w + b)$. Next\nline." in text
    assert "Costs $5\n\nEnd." in text
