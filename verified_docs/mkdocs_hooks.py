"""MkDocs glue: verify the site before building it, render with the verified report.

Only dispatch lives here; the work is in :mod:`verified_docs.site` and
:mod:`verified_docs.markdown_ext`, which do not import MkDocs.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from verified_docs.build_time import pin_build_date
from verified_docs.cache import EXECUTE_VARIABLE, ResultCache, execution_enabled
from verified_docs.examples.runner import ExampleRunner
from verified_docs.examples.sections import SectionError, split_sections
from verified_docs.manifest import claims_manifest
from verified_docs.markdown_ext import Session, VerifiedMathExtension, find_claims_pages
from verified_docs.math_render import KatexRenderer, copy_katex_assets
from verified_docs.notebooks import chapter_notebook, notebook_name, with_download_link
from verified_docs.site import SiteReport, page_body, verify_site

log = logging.getLogger("mkdocs.hooks.verified_docs")


NOTEBOOK_DIR = "notebooks"


class _State:
    command = "build"
    session: Session | None = None
    runner: ExampleRunner | None = None
    notebook_pages: ClassVar[dict[PurePosixPath, tuple[str, str]]] = {}


def on_startup(command: str, dirty: bool) -> None:
    _State.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    repo_root = Path(config.config_file_path).resolve().parent
    pin_build_date(repo_root)
    docs_dir = Path(config.docs_dir).resolve()
    _State.session = Session(
        report=SiteReport(),
        katex=KatexRenderer(repo_root),
        repo_root=repo_root,
        docs_prefix=PurePosixPath(docs_dir.relative_to(repo_root).as_posix()),
        use_directory_urls=config.use_directory_urls,
    )
    config.markdown_extensions.append(VerifiedMathExtension(_State.session))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    session = _require_session()
    if _State.runner is not None:
        _State.runner.close()
    cache = ResultCache.from_environment(session.repo_root)
    _State.runner = ExampleRunner(session.repo_root, cache=cache)
    execute = execution_enabled()
    session.problems.clear()
    session.claims_pages = find_claims_pages(Path(config.docs_dir))
    session.report = verify_site(
        Path(config.docs_dir), session.repo_root, _State.runner, cache=cache, execute=execute
    )
    for problem in session.report.problems:
        log.error(problem)
    if not execute:
        # A warning, so `mkdocs build --strict` refuses to produce a publishable site this way.
        log.warning(
            f"{EXECUTE_VARIABLE}=0: no claim was verified and no example ran; "
            "this is a preview and must not be published"
        )
    if cache is not None:
        log.info(f"verification cache: {cache.hits} reused, {cache.misses} computed")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    session = _require_session()
    session.page = session.docs_prefix / page.file.src_uri
    session.first_line = page_body(Path(page.file.abs_src_path or "").read_text("utf-8"))[1]
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    session = _require_session()
    page_path = session.docs_prefix / page.file.src_uri
    if not any(
        PurePosixPath(record.example.page) == page_path for record in session.report.examples
    ):
        return html
    # Added to the HTML, not the Markdown, so the page's line numbers stay the file's.
    depth = page.url.count("/")  # "derivatives/" or "derivatives.html" alike
    href = "../" * depth + f"{NOTEBOOK_DIR}/{notebook_name(Path(page.file.src_uri))}"
    _State.notebook_pages[page_path] = (page.title or page.file.name, page.url)
    return with_download_link(html, href)


def on_post_build(config: MkDocsConfig) -> None:
    session = _require_session()
    for problem in session.problems:
        log.error(problem)
    site_dir = Path(config.site_dir)
    copy_katex_assets(session.repo_root, site_dir)
    _write_notebooks(session, site_dir / NOTEBOOK_DIR)
    manifest = claims_manifest(session.report, session.repo_root)
    (site_dir / "claims.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    failures = len(session.report.problems) + len(session.problems)
    if failures and _State.command != "serve":
        _close()
        raise Abort(f"{failures} verification problem(s); see the errors above")
    if _State.command != "serve":
        _close()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(_require_session().repo_root / "calc_examples"))
    return server


def on_shutdown() -> None:
    _close()


def _require_session() -> Session:
    if _State.session is None:  # pragma: no cover - MkDocs always calls on_config first
        raise Abort("verified_docs hooks used before on_config")
    return _State.session


def _write_notebooks(session: Session, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for page, (title, url) in sorted(_State.notebook_pages.items()):
        sources = dict.fromkeys(
            record.example.source
            for record in session.report.examples
            if PurePosixPath(record.example.page) == page
        )
        modules = []
        for source in sources:
            path = session.repo_root / source
            try:
                chunks = split_sections(path, path.read_text(encoding="utf-8"))
            except (OSError, SectionError):
                continue  # already reported as the example's problem
            run = _State.runner.result(path) if _State.runner else None
            modules.append((source, chunks, run))
        notebook = chapter_notebook(title, f"../{url}", modules)
        (directory / notebook_name(page)).write_text(notebook, encoding="utf-8")


def _close() -> None:
    if _State.runner is not None:
        _State.runner.close()
        _State.runner = None
    if _State.session is not None:
        _State.session.katex.close()
