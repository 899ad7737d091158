"""The MkDocs plugin ``verified-docs``: verify a project before building it, render the report.

Only dispatch lives here. The work is in plain modules that do not import MkDocs
(:mod:`verified_docs.site`, :mod:`verified_docs.markdown_ext`, :mod:`verified_docs.claims_pages`),
so they are tested directly and survive a change of site generator. Configured in ``mkdocs.yml``::

    plugins:
      - search
      - verified-docs:
          package: my_examples
          cache_dir: !ENV [VERIFIED_DOCS_CACHE, .cache/verified-docs]
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from verified_docs.build_time import pin_build_date
from verified_docs.cache import ResultCache
from verified_docs.claims_pages import ClaimsPage, nav_titles, plan_claims_pages
from verified_docs.examples.runner import DEFAULT_TIME_LIMIT, ExampleRunner
from verified_docs.manifest import build_commit
from verified_docs.markdown_ext import EXTENSION_NAME, Session, VerifiedMathExtension
from verified_docs.math_render import KatexRenderer, copy_katex_assets
from verified_docs.notebook_pages import notebook_page_html, plain_title
from verified_docs.notebooks import notebook_name, with_download_link
from verified_docs.page_scan import PageScan
from verified_docs.plain_math import plain_math
from verified_docs.settings import Settings
from verified_docs.site import SiteReport, page_body, scan_docs, verify_site
from verified_docs.site_outputs import (
    MANIFEST,
    chapter_notebooks,
    manifest_json,
    notebook_href,
    notebook_pages,
    write_notebooks,
)

log = logging.getLogger("mkdocs.plugins.verified_docs")

# The plugin that renders .ipynb files as pages, when the notebooks are pages too.
NOTEBOOK_RENDERER = "mkdocs-jupyter"

_OFF = ("off", "0", "false", "no", "none", "")


class _Switch(base.BaseConfigOption[bool]):
    """A yes/no option that also reads what ``!ENV`` gives (``0``, ``off``, ``false``…)."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int | str):
            return str(value).strip().lower() not in _OFF
        raise base.ValidationError(f"expected yes or no, got {value!r}")


class _Folder(base.BaseConfigOption[str]):
    """A folder, or ``off`` (which YAML, and so ``!ENV``, may also spell as false)."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if value is False or value is None:
            return "off"
        if isinstance(value, str):
            return value
        raise base.ValidationError(f"expected a folder or off, got {value!r}")


class VerifiedDocsConfig(base.Config):
    """The plugin's options; every one has a default except ``package``."""

    package = c.Type(str)
    checks_module = c.Type(str, default="claims")
    cache_dir = _Folder(default=".cache/verified-docs")
    execute = _Switch(default=True)
    time_limit = c.Type((int, float), default=DEFAULT_TIME_LIMIT)
    workers = c.Type(int, default=0)
    node_modules = c.Type(str, default="node_modules")
    katex_macros = c.Type(dict, default={})
    claims_pages = _Switch(default=True)
    claims_index = c.Type(str, default="verified-claims.md")
    claims_dir = c.Type(str, default="claims")
    claims_title = c.Type(str, default="Verified claims")
    notebooks = _Switch(default=True)
    notebooks_dir = c.Type(str, default="notebooks")
    notebook_pages = _Switch(default=False)
    notebooks_title = c.Type(str, default="Notebooks")
    watch = _Switch(default=True)


class VerifiedDocsPlugin(BasePlugin[VerifiedDocsConfig]):
    """Verify every claim and run every example before MkDocs renders a page."""

    def __init__(self) -> None:
        self.command = "build"
        self.session: Session | None = None
        self.runner: ExampleRunner | None = None
        self.generated: list[ClaimsPage] = []
        self.notebooks: dict[str, str] = {}  # file name -> the notebook's JSON
        # Notebooks rendered as pages are read from files; they live here during a build.
        self.staging: tempfile.TemporaryDirectory[str] | None = None

    def settings_for(self, config: MkDocsConfig) -> Settings:
        """The engine's settings from this plugin's options and the MkDocs configuration."""
        project_root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        options = self.config
        cache = options.cache_dir.strip()
        return Settings(
            project_root=project_root,
            docs_dir=Path(config.docs_dir).resolve(),
            package=options.package,
            checks_module=options.checks_module,
            cache_dir=None if cache.lower() in _OFF else project_root / cache,
            execute=options.execute,
            time_limit=float(options.time_limit),
            workers=options.workers,
            node_modules=project_root / options.node_modules,
            katex_macros={str(k): str(v) for k, v in options.katex_macros.items()},
            claims_index=options.claims_index,
            claims_dir=options.claims_dir,
            claims_title=options.claims_title,
            notebooks=options.notebooks,
            notebooks_dir=options.notebooks_dir,
            notebook_pages=options.notebooks and options.notebook_pages,
            notebooks_title=options.notebooks_title,
        )

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps one plugin object across the rebuilds of `serve`.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        settings = self.settings_for(config)
        if not (settings.project_root / settings.examples_dir).is_dir():
            raise PluginError(
                f"verified-docs: package {settings.package!r} has no folder "
                f"{settings.examples_dir}/ beside mkdocs.yml; set the plugin's 'package'"
            )
        pin_build_date(settings.project_root)
        # For the theme's footer: what this copy of the site was built from.
        config.extra.setdefault("build_commit", build_commit(settings.project_root))
        session = Session(
            report=SiteReport(),
            katex=KatexRenderer(settings.node_modules, settings.katex_macros),
            repo_root=settings.project_root,
            docs_prefix=settings.docs_prefix,
            use_directory_urls=config.use_directory_urls,
            claims_index=settings.claims_index,
        )
        self.session = session
        scans = scan_docs(settings.docs_dir, settings.project_root)
        if settings.notebook_pages:
            self._check_notebook_renderer(config)
            # Before the claims section is planned, so that it stays the last one.
            config.nav = _nav_with_notebooks(config.nav, settings, scans)
        self._plan_claims_pages(config, settings, session, scans)
        # The extension may be listed in markdown_extensions (that is what stops a builder
        # that ignores this plugin); here it is replaced by one that holds the report.
        config.markdown_extensions = [
            name for name in config.markdown_extensions if name != EXTENSION_NAME
        ]
        config.mdx_configs.pop(EXTENSION_NAME, None)
        config.markdown_extensions.append(VerifiedMathExtension(session))
        return config

    def _check_notebook_renderer(self, config: MkDocsConfig) -> None:
        """Notebook pages need mkdocs-jupyter, listed after this plugin to see its files."""
        names = list(config.plugins)
        mine = next(name for name, plugin in config.plugins.items() if plugin is self)
        if NOTEBOOK_RENDERER not in names or names.index(NOTEBOOK_RENDERER) < names.index(mine):
            raise PluginError(
                f"verified-docs: notebook_pages needs the {NOTEBOOK_RENDERER} plugin listed "
                "after verified-docs in plugins (with execute: false and include_source: "
                "true), or notebook_pages: false"
            )

    def _plan_claims_pages(
        self, config: MkDocsConfig, settings: Settings, session: Session, scans: list[PageScan]
    ) -> None:
        self.generated = []
        if not self.config.claims_pages:
            return
        plan = plan_claims_pages(settings, scans, config.nav)
        session.claims_pages, session.chapter_titles = plan.listings, plan.titles
        if plan.nav is not None:
            config.nav = plan.nav
        self.generated = list(plan.pages)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.generated:
            if files.get_file_from_path(page.src_uri) is None:
                files.append(File.generated(config, page.src_uri, content=page.content))
        # Verified already (on_pre_build comes first), so the manifest is known here.
        manifest = manifest_json(
            self._session().report,
            self.settings_for(config),
            use_directory_urls=config.use_directory_urls,
            site_url=config.site_url,
        )
        files.append(File.generated(config, MANIFEST, content=manifest))
        settings = self.settings_for(config)
        if settings.notebooks:
            self._stage_notebooks(files, config, settings)
        return files

    def _stage_notebooks(self, files: Files, config: MkDocsConfig, settings: Settings) -> None:
        """Make the notebooks before any page is rendered, and make them pages if wanted."""
        session = self._session()
        pages = notebook_pages(
            session.report, settings, config.nav, use_directory_urls=config.use_directory_urls
        )
        self.notebooks = chapter_notebooks(
            session.report, self.runner, settings, pages, site_url=config.site_url
        )
        if not settings.notebook_pages:
            return
        # mkdocs-jupyter converts from a file path, which it finds from the file's source
        # folder (a file generated in memory has none): a folder that lives for the build.
        if self.staging is not None:
            self.staging.cleanup()
        self.staging = tempfile.TemporaryDirectory(prefix="verified-docs-notebooks-")
        for name, text in self.notebooks.items():
            uri = f"{settings.notebooks_dir}/{name}"
            path = Path(self.staging.name) / uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files.append(
                File(
                    uri,
                    self.staging.name,
                    config.site_dir,
                    config.use_directory_urls,
                )
            )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        session = self._session()
        settings = self.settings_for(config)
        if self.runner is not None:
            self.runner.close()
        cache = ResultCache.for_settings(settings)
        self.runner = ExampleRunner.for_settings(settings, cache)
        session.problems.clear()
        session.report = verify_site(settings, self.runner, cache=cache)
        for problem in session.report.problems:
            log.error(str(problem))
        if not settings.execute:
            # A warning, so `mkdocs build --strict` refuses to produce a publishable site.
            log.warning(
                "verified-docs: execute is off: no claim was verified and no example ran; "
                "this is a preview and must not be published"
            )
        if cache is not None:
            log.info(f"verification cache: {cache.hits} reused, {cache.misses} computed")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        session = self._session()
        session.page = session.docs_prefix / page.file.src_uri
        session.first_line = page_body(page.file.content_string)[1]
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        session = self._session()
        settings = self.settings_for(config)
        if settings.notebook_pages and page.file.src_uri in {
            f"{settings.notebooks_dir}/{name}" for name in self.notebooks
        }:
            return self._notebook_page(html, page, config)
        page_path = session.docs_prefix / page.file.src_uri
        if page.present_anchor_ids is not None:
            # MkDocs validates anchors against the ids of the page's Markdown tree, in which a
            # claim is stashed raw HTML: without its anchor, `--strict` would reject a link to
            # reference.md#claim-<id> from another page.
            page.present_anchor_ids |= session.report.claim_anchors(Path(page_path))
        if not settings.notebooks or not any(
            PurePosixPath(record.example.page) == page_path for record in session.report.examples
        ):
            return html
        # Added to the HTML, not the Markdown, so the page's line numbers stay the file's.
        # Relative to the page's URL ("derivatives/" or "derivatives.html" alike).
        href = notebook_href(self.settings_for(config), page.file.src_uri, page.url.count("/"))
        return with_download_link(html, href)

    def _notebook_page(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """A notebook rendered by mkdocs-jupyter, with its math and links as on every page."""
        # The chapter is the text search should find; its notebook would only repeat it.
        page.meta["search"] = {"exclude": True}
        macros = self.settings_for(config).katex_macros
        links = list(page.toc)
        while links:
            link = links.pop()
            link.title = plain_title(link.title, lambda tex: plain_math(tex, macros))
            links += link.children
        return notebook_page_html(
            html, self._session().render_math, site_url=config.site_url, depth=page.url.count("/")
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        session = self._session()
        settings = self.settings_for(config)
        for problem in session.problems:
            log.error(str(problem))
        site_dir = Path(config.site_dir)
        copy_katex_assets(settings.node_modules, site_dir)
        if settings.notebooks:
            write_notebooks(self.notebooks, settings, site_dir)
        failures = len(session.report.problems) + len(session.problems)
        if self.command != "serve":
            self._close()
            if failures:
                raise Abort(f"{failures} verification problem(s); see the errors above")

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.watch:
            settings = self.settings_for(config)
            server.watch(str(settings.project_root / settings.examples_dir))
        return server

    def on_shutdown(self) -> None:
        self._close()

    def _session(self) -> Session:
        if self.session is None:  # pragma: no cover - MkDocs always calls on_config first
            raise PluginError("verified-docs used before on_config")
        return self.session

    def _close(self) -> None:
        if self.runner is not None:
            self.runner.close()
            self.runner = None
        if self.session is not None:
            self.session.katex.close()
        if self.staging is not None:
            self.staging.cleanup()
            self.staging = None


def _nav_with_notebooks(
    nav: list[Any] | None, settings: Settings, scans: list[PageScan]
) -> list[Any] | None:
    """``nav`` and a last section listing each chapter's notebook, titled as the chapter.

    Without a ``nav`` MkDocs lists every page it finds, the notebooks included.
    """
    if not nav:
        return nav
    titles = nav_titles(nav)
    order = list(titles)
    chapters = sorted(
        (
            str(PurePosixPath(str(scan.page)).relative_to(settings.docs_prefix))
            for scan in scans
            if scan.examples
        ),
        key=lambda page: (order.index(page) if page in titles else len(order), page),
    )
    section = [
        {
            titles.get(page) or PurePosixPath(page).stem: f"{settings.notebooks_dir}/"
            f"{notebook_name(PurePosixPath(page))}"
        }
        for page in chapters
    ]
    return [*nav, {settings.notebooks_title: section}] if section else nav
