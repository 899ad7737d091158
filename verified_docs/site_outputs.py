"""The files a verified build writes beside the pages, whichever builder renders the pages.

KaTeX's stylesheet and fonts, ``claims.json`` and the chapter notebooks come from the verified
report and the example runs, not from the builder, so the MkDocs plugin and the Zensical step
write them with the same functions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from verified_docs.claims_pages import nav_titles
from verified_docs.examples.runner import ExampleRunner
from verified_docs.examples.sections import SectionError, split_sections
from verified_docs.manifest import claims_manifest
from verified_docs.notebooks import chapter_notebook, notebook_name
from verified_docs.settings import Settings
from verified_docs.site import SiteReport


def pages_with_examples(report: SiteReport) -> list[PurePosixPath]:
    """The pages (named relative to the project) that run examples, in order."""
    return list(dict.fromkeys(PurePosixPath(record.example.page) for record in report.examples))


def notebook_href(settings: Settings, page_src_uri: str, depth: int) -> str:
    """The link to a page's notebook from a place ``depth`` folders below the site's root."""
    return "../" * depth + f"{settings.notebooks_dir}/{notebook_name(Path(page_src_uri))}"


MANIFEST = "claims.json"


def manifest_json(
    report: SiteReport, settings: Settings, *, use_directory_urls: bool, site_url: str | None
) -> str:
    """``claims.json``: a file of the site like any other, so pages can link to it."""
    manifest = claims_manifest(
        report,
        settings.project_root,
        docs_prefix=settings.docs_prefix,
        use_directory_urls=use_directory_urls,
        site_url=site_url or "",
    )
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def notebook_pages(
    report: SiteReport, settings: Settings, nav: object, *, use_directory_urls: bool
) -> dict[PurePosixPath, tuple[str, str]]:
    """Page -> its title and URL, for every page that runs examples (each gets a notebook).

    The title is the page's title in the navigation, else its file name; builders agree on
    both without rendering a page, so the notebooks can exist before any page is built.
    """
    titles = nav_titles(nav or [])
    pages = {}
    for page in pages_with_examples(report):
        src_uri = str(page.relative_to(settings.docs_prefix))
        stem = src_uri.removesuffix(".md")
        if not use_directory_urls:
            url = stem + ".html"
        else:
            url = "" if stem == "index" else stem.removesuffix("/index") + "/"
        pages[page] = (titles.get(src_uri) or PurePosixPath(src_uri).stem, url)
    return pages


def chapter_notebooks(
    report: SiteReport,
    runner: ExampleRunner | None,
    settings: Settings,
    pages: Mapping[PurePosixPath, tuple[str, str]],
    *,
    site_url: str | None,
) -> dict[str, str]:
    """Notebook file name -> its JSON, one per page in ``pages``, from this build's runs.

    A downloaded notebook lives on the reader's disk, where a relative link leads nowhere, so
    with the site's address known its links to the chapters are absolute; without it they are
    relative to where the notebook is published.
    """
    depth = len(PurePosixPath(settings.notebooks_dir).parts)
    root = site_url.rstrip("/") + "/" if site_url else "../" * depth
    notebooks = {}
    for page, (title, url) in sorted(pages.items()):
        sources = dict.fromkeys(
            record.example.source
            for record in report.examples
            if PurePosixPath(record.example.page) == page
        )
        modules = []
        for source in sources:
            path = settings.project_root / source
            try:
                chunks = split_sections(path, path.read_text(encoding="utf-8"))
            except (OSError, SectionError):
                continue  # already reported as the example's problem
            run = runner.result(path) if runner else None
            modules.append((source, chunks, run))
        # The page's own Markdown: the notebook carries the chapter's prose, not only its code.
        markdown = (settings.project_root / page).read_text(encoding="utf-8")
        notebooks[notebook_name(page)] = chapter_notebook(
            title, root + url, modules, page_markdown=markdown, site_root=root
        )
    return notebooks


def write_notebooks(notebooks: Mapping[str, str], settings: Settings, site_dir: Path) -> None:
    """Write the notebooks where the pages' download links point."""
    directory = site_dir / settings.notebooks_dir
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in notebooks.items():
        (directory / name).write_text(text, encoding="utf-8")
