"""Build with Zensical, verified: the builder-neutral step first, then ``zensical build``.

Zensical reads ``mkdocs.yml`` and runs Python-Markdown extensions, but not MkDocs plugins. So
the plugin's work is split the way projects moving off MkDocs hooks split theirs:

1. ``python -m verified_docs.zensical_build`` verifies every claim and runs every example
   from scratch (a cache of its own, new for each run, unless ``--cache-dir`` names one the same
   run has just filled, as the tests do), and stops with the located problems if anything
   fails, before Zensical starts;
2. it stages the docs with the generated claims pages and KaTeX's stylesheet, and writes a
   derived configuration that lists ``verified_docs.markdown_ext`` with the options below;
3. ``zensical build`` renders the pages; the extension, given those options, reads the verified
   report from that run's cache (every verdict is a hit) and renders claims, marks, examples
   and notebook links exactly as under MkDocs;
4. ``claims.json`` and the notebooks are written into the built site.

A ``zensical build`` of the project's own ``mkdocs.yml`` never gets those options, so the
extension refuses to build (see :func:`verified_docs.markdown_ext.makeExtension`).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from markdown import Markdown
from markdown.preprocessors import Preprocessor

from verified_docs.build_time import pin_build_date
from verified_docs.cache import ResultCache
from verified_docs.claims_pages import plan_claims_pages
from verified_docs.examples.runner import ExampleRunner
from verified_docs.manifest import build_commit
from verified_docs.markdown_ext import EXTENSION_NAME, Session, VerifiedMathExtension
from verified_docs.math_render import KatexRenderer, copy_katex_assets
from verified_docs.notebooks import with_download_link
from verified_docs.settings import Settings, load_settings
from verified_docs.site import page_body, scan_docs, verify_site
from verified_docs.site_outputs import (
    MANIFEST,
    chapter_notebooks,
    manifest_json,
    notebook_href,
    notebook_pages,
    pages_with_examples,
    write_notebooks,
)

# Options of the extension in the derived configuration.
CONFIG_OPTION = "verified_config"
CACHE_OPTION = "verified_cache"
DOCS_OPTION = "verified_docs_dir"


def _raw_config(config_file: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as data, with ``!ENV`` and ``!relative`` resolved as MkDocs does."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as handle:
        raw: dict[str, Any] = yaml_load(handle)
    return raw


def derived_config(
    raw: dict[str, Any],
    project_root: Path,
    staged_docs: Path,
    site_dir: Path,
    options: dict[str, str],
) -> dict[str, Any]:
    """The configuration Zensical builds with: staged docs, the claims nav, the live extension."""
    derived = dict(raw)
    # Zensical resolves both against the folder of the configuration, which holds both.
    derived["docs_dir"] = staged_docs.name
    derived["site_dir"] = site_dir.name
    if isinstance(derived.get("theme"), dict) and "custom_dir" in derived["theme"]:
        derived["theme"] = {
            **derived["theme"],
            "custom_dir": str(project_root / derived["theme"]["custom_dir"]),
        }
    derived["plugins"] = [
        entry
        for entry in derived.get("plugins") or []
        if not (entry == "verified-docs" or (isinstance(entry, dict) and "verified-docs" in entry))
    ]
    extensions: list[Any] = []
    for entry in derived.get("markdown_extensions") or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        extensions.append({EXTENSION_NAME: options} if name == EXTENSION_NAME else entry)
    if not any(isinstance(e, dict) and EXTENSION_NAME in e for e in extensions):
        extensions.append({EXTENSION_NAME: options})
    derived["markdown_extensions"] = extensions
    return derived


def build(config_file: Path, site_dir: Path, cache_dir: Path | None = None) -> int:
    """Verify, stage, build with Zensical and write the site's other files; an exit status.

    Verification starts from a cache of its own, empty, unless ``cache_dir`` names one that
    this same run has just filled from scratch (a test session's, shared with its builds).
    """
    settings = load_settings(config_file)
    pin_build_date(settings.project_root)
    if not settings.execute:
        print("verified-docs: execute is off; a Zensical build is always verified", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="verified-docs-zensical-") as scratch_name:
        scratch = Path(scratch_name)
        settings = dataclasses.replace(settings, cache_dir=cache_dir or scratch / "cache")
        result_cache = ResultCache.for_settings(settings)
        with ExampleRunner.for_settings(settings, result_cache) as runner:
            report = verify_site(settings, runner, cache=result_cache)
            for problem in report.problems:
                print(f"ERROR    -  {problem}", file=sys.stderr)
            if report.problems:
                print(f"{len(report.problems)} verification problem(s)", file=sys.stderr)
                return 1
            raw = _raw_config(config_file)
            staged = scratch / "staged-docs"
            shutil.copytree(settings.docs_dir, staged)
            plan = plan_claims_pages(
                settings, scan_docs(settings.docs_dir, settings.project_root), raw.get("nav")
            )
            for page in plan.pages:
                (staged / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
                (staged / page.src_uri).write_text(page.content, encoding="utf-8")
            if plan.nav is not None:
                raw["nav"] = plan.nav
            raw["extra"] = {"build_commit": build_commit(settings.project_root)} | dict(
                raw.get("extra") or {}
            )
            copy_katex_assets(settings.node_modules, staged)
            (staged / MANIFEST).write_text(
                manifest_json(
                    report,
                    settings,
                    use_directory_urls=raw.get("use_directory_urls", True),
                    site_url=raw.get("site_url"),
                ),
                encoding="utf-8",
            )
            options = {
                CONFIG_OPTION: str(config_file),
                CACHE_OPTION: str(settings.cache_dir),
                DOCS_OPTION: str(staged),
            }
            # Zensical wants the site inside the folder of its configuration: build it there.
            built = scratch / "site"
            derived = derived_config(raw, settings.project_root, staged, built, options)
            derived_file = scratch / "mkdocs.yml"
            derived_file.write_text(yaml.safe_dump(derived, allow_unicode=True), "utf-8")
            zensical = Path(sys.executable).with_name("zensical")
            status = subprocess.run(
                [str(zensical), "build", "-f", str(derived_file)],
                cwd=settings.project_root,
                check=False,
            ).returncode
            if status != 0:
                return status
            shutil.rmtree(site_dir, ignore_errors=True)
            shutil.move(built, site_dir)
            if settings.notebooks:
                pages = notebook_pages(
                    report,
                    settings,
                    raw.get("nav"),
                    use_directory_urls=raw.get("use_directory_urls", True),
                )
                site_url = raw.get("site_url")
                notebooks = chapter_notebooks(
                    report,
                    runner,
                    settings,
                    pages,
                    site_url=site_url if isinstance(site_url, str) else None,
                )
                write_notebooks(notebooks, settings, site_dir)
    return 0


# --- the extension's side, inside the Zensical process ---------------------------------------


@cache
def _verified_session(config_file: str, cache_dir: str) -> tuple[Session, Settings, bool]:
    """The report of the run that staged this build, read back from its cache (all hits)."""
    settings = dataclasses.replace(load_settings(Path(config_file)), cache_dir=Path(cache_dir))
    result_cache = ResultCache.for_settings(settings)
    with ExampleRunner.for_settings(settings, result_cache) as runner:
        report = verify_site(settings, runner, cache=result_cache)
    raw = _raw_config(Path(config_file))
    plan = plan_claims_pages(
        settings, scan_docs(settings.docs_dir, settings.project_root), raw.get("nav")
    )
    session = Session(
        report=report,
        katex=KatexRenderer(settings.node_modules, settings.katex_macros),
        repo_root=settings.project_root,
        docs_prefix=settings.docs_prefix,
        use_directory_urls=raw.get("use_directory_urls", True),
        claims_index=settings.claims_index,
        claims_pages=plan.listings,
        chapter_titles=plan.titles,
        links_from_source=True,
    )
    # Computed from scratch at staging time; here only a stale cache could miss.
    fresh = result_cache is not None and result_cache.misses == 0
    return session, settings, fresh


def _zensical_page(md: Markdown) -> tuple[str, str]:
    """The page Zensical is rendering (docs-relative path, URL), from its rendering context."""
    from zensical.extensions.context import ContextPreprocessor

    context = ContextPreprocessor.from_markdown(md)
    if context is None:
        raise RuntimeError("verified-docs: no Zensical rendering context for this page")
    return str(context.page.path), str(context.page.url)


class _LocatePage(Preprocessor):
    """Tell the session which page is being rendered, before the claims are rendered."""

    def __init__(self, md: Markdown, session: Session, staged_docs: Path) -> None:
        super().__init__(md)
        self.session = session
        self.staged_docs = staged_docs

    def run(self, lines: list[str]) -> list[str]:
        src_uri, _ = _zensical_page(self.md)
        self.session.page = self.session.docs_prefix / src_uri
        text = (self.staged_docs / src_uri).read_text(encoding="utf-8")
        self.session.first_line = page_body(text)[1]
        return lines


class _NotebookLink(Preprocessor):
    """The notebook link under the page's title, as a raw HTML block of its own.

    MkDocs's plugin adds it to the page's HTML; here it must go in before the HTML exists,
    because Zensical takes the text after a title that is not a block of its own into the ids
    of the headings that follow.
    """

    def __init__(self, md: Markdown, session: Session, settings: Settings) -> None:
        super().__init__(md)
        self.session = session
        self.settings = settings

    def run(self, lines: list[str]) -> list[str]:
        src_uri, _ = _zensical_page(self.md)
        page = PurePosixPath(str(self.session.docs_prefix / src_uri))
        if not self.settings.notebooks or page not in pages_with_examples(self.session.report):
            return lines
        # Relative to the source file: Zensical rewrites it for the page's URL.
        link = with_download_link("", notebook_href(self.settings, src_uri, src_uri.count("/")))
        title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
        return [*lines[: title + 1], "", self.md.htmlStash.store(link), "", *lines[title + 1 :]]


class _ZensicalVerified(VerifiedMathExtension):
    def __init__(self, session: Session, settings: Settings, staged_docs: Path) -> None:
        super().__init__(session)
        self.settings = settings
        self.staged_docs = staged_docs

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.preprocessors.register(
            _LocatePage(md, self.session, self.staged_docs), "verified_page", 45
        )
        # After normalize_whitespace (30), which would strip the placeholder's markers.
        md.preprocessors.register(_NotebookLink(md, self.session, self.settings), "verified_nb", 28)


def verified_extension(**options: str) -> VerifiedMathExtension:
    """The extension for a Zensical build staged by :func:`build`."""
    session, settings, fresh = _verified_session(options[CONFIG_OPTION], options[CACHE_OPTION])
    if not fresh:
        raise RuntimeError(
            "verified-docs: the verification staged for this build is missing or stale (an "
            "engine or project file changed after it ran); run the Zensical step again"
        )
    return _ZensicalVerified(session, settings, Path(options[DOCS_OPTION]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify, then build with Zensical.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site-zensical"))
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help="verify into this cache, filled from scratch earlier in the same run, "
        "instead of an empty one",
    )
    arguments = parser.parse_args(argv)
    cache_dir = arguments.cache_dir.resolve() if arguments.cache_dir else None
    return build(arguments.config.resolve(), arguments.site_dir.resolve(), cache_dir)


if __name__ == "__main__":
    raise SystemExit(main())
