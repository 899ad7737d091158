"""A chapter's code as a Jupyter notebook, with the outputs the build produced.

Readers who want to experiment download the notebook instead of copying cells from the page.
It holds every module the chapter runs, whole and in file order (the code outside sections
too, so it runs top to bottom), and each section's output from this very build: the notebook
cannot disagree with the page. Nothing is executed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

import nbformat
from nbformat import v4

from verified_docs.examples.runner import ModuleRun
from verified_docs.examples.sections import Chunk


def chapter_notebook(
    title: str, page_url: str, modules: Iterable[tuple[str, list[Chunk], ModuleRun | None]]
) -> str:
    """The notebook JSON for one chapter.

    Args:
        title: the chapter's title.
        page_url: where the chapter is published, for the notebook's first cell.
        modules: (path relative to the repository, its chunks, its run or None when execution
            was off) in the order the page first uses them.

    """
    cells: list[Any] = [
        v4.new_markdown_cell(
            f"# {title}\n\nThe code of the chapter [{title}]({page_url}) of *Matrix Calculus, "
            "Verified*, with the output it printed when the site was built. Run the cells in "
            "order from the repository root (they import `calc_examples`)."
        )
    ]
    count = 0
    for source_path, chunks, run in modules:
        cells.append(v4.new_markdown_cell(f"## `{source_path}`"))
        for chunk in chunks:
            code = chunk.code.strip("\n")
            if not code.strip():
                continue
            count += 1
            section = run.sections.get(chunk.name or "") if run else None
            outputs = [_output(item) for item in section.outputs] if section else []
            cells.append(v4.new_code_cell(code, execution_count=count, outputs=outputs))
    notebook = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    # Stable cell ids keep two builds of the same commit byte-identical.
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def _output(item: dict[str, str]) -> Any:
    kind, text = item["kind"], item["text"]
    if kind == "latex":
        return v4.new_output("display_data", data={"text/latex": f"$${text}$$", "text/plain": text})
    if kind == "svg":
        return v4.new_output("display_data", data={"image/svg+xml": text, "text/plain": "<Figure>"})
    return v4.new_output("stream", name="stdout", text=text)


def notebook_name(page_source: PurePath) -> str:
    """``docs/chain-rules.md`` → ``chain-rules.ipynb``."""
    return page_source.with_suffix(".ipynb").name


def with_download_link(html: str, href: str) -> str:
    """The page's HTML with a download link to its notebook under its title."""
    link = (
        f'<p class="mcv-notebook"><a href="{href}" download>Download this chapter\'s code as '
        "a Jupyter notebook</a>, with the output of this build.</p>"
    )
    if "</h1>" not in html:
        return link + html
    return html.replace("</h1>", "</h1>" + link, 1)
