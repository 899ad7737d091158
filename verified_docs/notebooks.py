"""A chapter as a Jupyter notebook: its prose, its code and the outputs the build produced.

Readers who want to experiment download the notebook instead of copying cells from the page.
Given the page's Markdown, the notebook is the chapter: its prose as Markdown cells (math as
``$…$`` and ``$$…$$``, folded answers as ``<details>``), and each example where the page shows
it, with that example's output from this very build, so the notebook cannot disagree with the
page. Each module still runs top to bottom: the code around a section (imports, helpers) goes
into the cell of the section that follows it. Without the page, the modules are shown whole.

The notebook runs anywhere with ``pip install sympy numpy matplotlib``: the repository modules
its code imports are written next to it by its first cell, so nothing of the repository needs
to be installed. Nothing is executed here.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path, PurePath, PurePosixPath
from typing import Any

import nbformat
from nbformat import v4

from verified_docs.examples.runner import ModuleRun
from verified_docs.examples.sections import Chunk
from verified_docs.markdown_syntax import CLAIM_MARKER, DISPLAY_OPEN, HEADING, display_role
from verified_docs.page_scan import scan_page

Module = tuple[str, list[Chunk], ModuleRun | None]
FOLD = re.compile(r'^(?P<indent>[ \t]*)\?\?\?\+? \w+(?: "(?P<title>[^"]*)")?\s*$')
SINGLE_DOLLAR = re.compile(r"(?<![\\$])\$(?!\$)")
PAGE_LINK = re.compile(r"\]\((?!https?:|#)(?P<page>[^)#\s]+)\.md(?P<anchor>#[^)\s]*)?\)")


# The tag of the cell that writes the repository's modules beside a notebook.
SETUP_TAG = "setup"


def chapter_notebook(
    title: str,
    page_url: str,
    modules: Iterable[Module],
    *,
    page_markdown: str | None = None,
    site_root: str | None = None,
) -> str:
    """The notebook JSON for one chapter.

    Args:
        title: the chapter's title.
        page_url: where the chapter is published, relative to the notebook or absolute.
        modules: (path relative to the repository, its chunks, its run or None when execution
            was off) in the order the page first uses them.
        page_markdown: the page's source; with it the notebook carries the chapter's prose.
        site_root: the site's root as the notebook's links start it (``https://host/`` or
            ``../``); by default the folder above ``page_url``'s.

    """
    modules = list(modules)
    cells: list[Any] = [
        v4.new_markdown_cell(
            f"# {title}\n\nThe chapter [{title}]({page_url}) as a notebook, with the output "
            "each cell printed when the site was built. It needs only the packages its code "
            "imports from PyPI; run the cells in order."
        )
    ]
    setup = _setup_cell(modules)
    if setup is not None:
        cells.append(setup)
    if page_markdown is None:
        cells += _whole_modules(modules)
    else:
        cells += _chapter_cells(page_markdown, modules, site_root or _parent(page_url))
    count = 0
    for cell in cells:
        if cell["cell_type"] == "code":
            count += 1
            cell["execution_count"] = count
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


def _whole_modules(modules: list[Module]) -> list[Any]:
    cells: list[Any] = []
    for source_path, chunks, run in modules:
        cells.append(v4.new_markdown_cell(f"## `{source_path}`"))
        for chunk in chunks:
            if chunk.code.strip():
                cells.append(_code_cell(chunk.code, _outputs(run, chunk.name)))
    return cells


def _parent(page_url: str) -> str:
    """``../derivatives/`` → ``../``: the folder the chapter's own folder sits in."""
    return PurePosixPath(page_url.rstrip("/")).parent.as_posix().rstrip("/") + "/"


def _chapter_cells(markdown: str, modules: list[Module], site_root: str) -> list[Any]:
    """Prose cells with each example's code where the page shows it.

    The page's own title is left out: the first cell gives the chapter's title, and a second
    top-level heading would make two documents of one (a table of contents lists the sections
    under the first title only).
    """
    markdown = _without_front_matter(markdown)
    lines = markdown.split("\n")
    # Where each line starts in ``markdown``: the scanner gives an example's lines (1-based).
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    by_source = {source: (chunks, run) for source, chunks, run in modules}
    emitted: dict[str, int] = {}  # module -> how many of its chunks are in the notebook
    cells: list[Any] = []
    position = _after_title(lines, starts)
    # The examples as the page scanner finds them, the ones the build runs. The page's name
    # only labels the scanner's problems, which the build has already reported.
    for example in scan_page(Path(), markdown).examples:
        cells += _prose_cells(markdown[position : starts[example.line - 1]], site_root)
        position = starts[example.end_line - 1] + len(lines[example.end_line - 1])
        source, section = example.source, example.section
        if source not in by_source:
            continue
        chunks, run = by_source[source]
        done = emitted.get(source, 0)
        target = next((i for i, c in enumerate(chunks) if c.name == section), None)
        if target is None or target < done:
            continue  # already in the notebook, with the code before it
        # Each section its own cell with its own output; the code between sections goes
        # with the section after it. A section the page shows later is run here, in file order.
        pending: list[str] = []
        for chunk in chunks[done : target + 1]:
            if chunk.code.strip():
                pending.append(chunk.code.strip("\n"))
            if chunk.name is not None and pending:
                cells.append(_code_cell("\n".join(pending), _outputs(run, chunk.name)))
                pending = []
        emitted[source] = target + 1
    cells += _prose_cells(markdown[position:], site_root)
    for source, (chunks, _) in by_source.items():
        rest = [c for c in chunks[emitted.get(source, 0) :] if c.code.strip()]
        if rest:
            cells.append(v4.new_markdown_cell(f"The rest of `{source}`:"))
            cells.append(_code_cell("\n".join(c.code.strip("\n") for c in rest), []))
    return cells


def _after_title(lines: list[str], starts: list[int]) -> int:
    """Where the page's text starts: after its title, when its first line is ``# Title``."""
    for index, line in enumerate(lines):
        if line.strip():
            heading = HEADING.match(line)
            return starts[index + 1] if heading and heading["hashes"] == "#" else 0
    return 0


def _prose_cells(markdown: str, site_root: str) -> list[Any]:
    text = notebook_markdown(markdown, site_root).strip("\n")
    return [v4.new_markdown_cell(text)] if text.strip() else []


def notebook_markdown(markdown: str, site_root: str = "../") -> str:
    """The page's Markdown as Jupyter renders it.

    Plain ``$$`` math without roles, ``<details>`` for folded blocks, lettered options, and
    links to the site's pages (under ``site_root``) instead of their sources.
    """
    markdown = _without_front_matter(markdown)
    lines: list[str] = []
    fold_indent: str | None = None
    option = 0
    in_choices = False
    for line in markdown.split("\n"):
        if fold_indent is not None and line.strip() and not line.startswith(fold_indent + "    "):
            lines += ["", "</details>", ""]
            fold_indent = None
        if fold_indent is not None:
            line = line[len(fold_indent) + 4 :] if line.strip() else ""
        if line.strip().startswith('<div class="mcv-choices"'):
            in_choices, option = True, 0
            continue
        if in_choices and line.strip() == "</div>":
            in_choices = False
            continue
        if (fold := FOLD.match(line)) is not None:
            fold_indent = fold.group("indent")
            summary = fold.group("title") or "Details"
            lines += [f"<details><summary>{summary}</summary>", ""]
            continue
        opening = DISPLAY_OPEN.match(line)
        if opening is not None and display_role(opening["rest"])[0] is not None:
            if in_choices:
                lines += [f"**{chr(ord('A') + option)}.**", ""]
                option += 1
            line = opening["indent"] + "$$"
        line = CLAIM_MARKER.sub("", line)
        if (heading := HEADING.match(line)) is not None and heading["attrs"] is not None:
            line = f"{heading['hashes']} {heading['text']}"
        line = PAGE_LINK.sub(
            lambda m: f"]({site_root}{m.group('page')}/{m.group('anchor') or ''})", line
        )
        lines.append(line)
    if fold_indent is not None:
        lines += ["", "</details>"]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(_math_on_one_line(lines)))


def _without_front_matter(markdown: str) -> str:
    if markdown.startswith("---\n") and (end := markdown.find("\n---\n", 4)) != -1:
        return markdown[end + 5 :]
    return markdown


def _math_on_one_line(lines: list[str]) -> list[str]:
    r"""Lines joined where inline math runs on: each ``$…$`` on one line.

    Jupyter takes the math out before it reads the Markdown, but other renderers (nbconvert,
    and so mkdocs-jupyter) read the Markdown first, and there ``$a = \max(0,`` ending one line
    with ``+ b)$`` starting the next makes a list item of the rest of the formula.
    """
    joined: list[str] = []
    pending: str | None = None
    for line in lines:
        if pending is not None:
            if not line.strip():  # the paragraph ends with the math still open: leave it
                joined += [pending, line]
                pending = None
                continue
            line = f"{pending} {line.lstrip()}"
        if len(SINGLE_DOLLAR.findall(line)) % 2:
            pending = line
        else:
            joined.append(line)
            pending = None
    if pending is not None:
        joined.append(pending)
    return joined


def _setup_cell(modules: list[Module]) -> Any | None:
    """A first cell writing the repository modules the code imports, so it runs anywhere."""
    packages = {source.split("/")[0] for source, _, _ in modules}
    files: dict[str, str] = {}
    pending = [chunk.code for _, chunks, _ in modules for chunk in chunks]
    while pending:
        for name in _imported(pending.pop(), packages):
            spec = importlib.util.find_spec(name)
            origin = Path(spec.origin) if spec and spec.origin else None
            if origin is None or not origin.is_file():
                continue
            relative = PurePosixPath(*name.split("."))
            relative = relative / "__init__.py" if origin.name == "__init__.py" else relative
            key = str(relative if relative.suffix else relative.with_suffix(".py"))
            if key in files:
                continue
            files[key] = origin.read_text(encoding="utf-8")
            pending.append(files[key])
            for parent in PurePosixPath(key).parents:
                if str(parent) != ".":
                    files.setdefault(f"{parent}/__init__.py", "")
    if not files:
        return None
    listing = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(files.items()))
    code = (
        "# The chapter's code imports a few modules of the site's repository; this cell writes\n"
        "# them next to the notebook, so it runs with only sympy, numpy and matplotlib.\n"
        "from pathlib import Path\n\n"
        f"SOURCES = {{\n{listing},\n}}\n"
        "for name, source in SOURCES.items():\n"
        "    Path(name).parent.mkdir(parents=True, exist_ok=True)\n"
        '    Path(name).write_text(source, encoding="utf-8")'
    )
    cell = _code_cell(code, [])
    # Folded in JupyterLab, and on the notebook's page (notebook_pages): it is plumbing, not
    # part of the lesson.
    cell.metadata["tags"] = [SETUP_TAG]
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def _imported(code: str, packages: set[str]) -> list[str]:
    """Modules of ``packages`` that ``code`` imports (``from p.m import x`` may import p.m.x)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    found = []
    for name in names:
        if name.split(".")[0] not in packages:
            continue
        try:
            if importlib.util.find_spec(name) is not None:
                found.append(name)
        except (ImportError, ValueError):
            continue  # ``from p.m import function``: not a module
    return found


def _code_cell(code: str, outputs: list[Any]) -> Any:
    return v4.new_code_cell(code.strip("\n"), outputs=outputs)


def _outputs(run: ModuleRun | None, section: str | None) -> list[Any]:
    found = run.sections.get(section or "") if run else None
    return [_output(item) for item in found.outputs] if found else []


def _output(item: dict[str, str]) -> Any:
    kind, text = item["kind"], item["text"]
    if kind == "latex":
        return v4.new_output("display_data", data={"text/latex": f"$${text}$$", "text/plain": text})
    if kind == "svg":
        # A figure is HTML, one <svg> per panel in a labelled <div>: not an SVG document.
        return v4.new_output("display_data", data={"text/html": text, "text/plain": "<Figure>"})
    return v4.new_output("stream", name="stdout", text=text)


def notebook_name(page_source: PurePath) -> str:
    """``docs/chain-rules.md`` → ``chain-rules.ipynb``."""
    return page_source.with_suffix(".ipynb").name


def with_download_link(html: str, href: str) -> str:
    """The page's HTML with a download link to its notebook under its title."""
    link = (
        f'<p class="mcv-notebook"><a href="{href}" download>Download this chapter as a Jupyter '
        "notebook</a>: its text and code, with the output of this build; it runs with "
        "<code>pip install sympy numpy matplotlib</code>.</p>"
    )
    if "</h1>" not in html:
        return link + html
    return html.replace("</h1>", "</h1>" + link, 1)
