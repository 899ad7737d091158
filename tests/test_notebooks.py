"""Downloadable notebooks: valid nbformat, whole modules in order, this build's outputs."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from verified_docs.examples.runner import ModuleRun, SectionRun
from verified_docs.examples.sections import split_sections
from verified_docs.notebooks import chapter_notebook, notebook_name, with_download_link

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
    assert data[1]["image/svg+xml"] == ["<svg/>"]


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
