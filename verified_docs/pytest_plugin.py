"""pytest collector: every claim, example and page of the docs becomes a test item.

Registered through the ``pytest11`` entry point. It reads the ``verified-docs`` plugin's options
from the project's ``mkdocs.yml`` (the ini option ``verified_docs_config`` names another file),
so tests and builds share one configuration; without such a file it does nothing. Items are
named and located by the page line they come from, so a failure reads
``docs/long-chains.md:57: claim 'long-chain-dfdt': ...`` and pytest's ``-k`` selects claims by
id. The verification itself is the same :func:`verified_docs.site.verify_site` the build runs.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from verified_docs.cache import ResultCache
from verified_docs.examples.runner import ExampleRunner
from verified_docs.math_render import KatexRenderer, LatexError
from verified_docs.page_scan import DisplayMath, Example, scan_page
from verified_docs.problems import SITE_KINDS, Problem
from verified_docs.settings import Settings, SettingsError, load_settings
from verified_docs.site import (
    SiteReport,
    claim_problem,
    example_problem,
    page_body,
    verify_site,
)
from verified_docs.statements import statement_problem

# mkdocs.yml reads it through !ENV (cache_dir: !ENV [VERIFIED_DOCS_CACHE, ...]), so the builds a
# test starts share this session's cache.
CACHE_VARIABLE = "VERIFIED_DOCS_CACHE"
CONFIG_INI = "verified_docs_config"


class VerificationError(Exception):
    """Located, one-line verification failures (shown without a traceback)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class _Shared:
    """The site report, computed once per test session on first use.

    The session has a result cache of its own, empty at the start (so every run verifies from
    scratch), and shares it through ``$VERIFIED_DOCS_CACHE`` with the tests and the builds they
    start: a claim or example is computed once per session, however many tests need it.
    """

    def __init__(self, config_file: Path, cache_dir: Path | None = None) -> None:
        # Under pytest-xdist the controller makes the cache and its workers share it (given as
        # ``cache_dir``): one run, one cache, each result computed once for all of them.
        self.owns_cache = cache_dir is None
        self.cache_dir = cache_dir or Path(tempfile.mkdtemp(prefix="verified-docs-session-"))
        self.previous_setting = os.environ.get(CACHE_VARIABLE)
        os.environ[CACHE_VARIABLE] = str(self.cache_dir)
        loaded = load_settings(config_file)
        self.settings: Settings = dataclasses.replace(loaded, cache_dir=self.cache_dir)
        self.repo_root = self.settings.project_root
        self.docs_dir = self.settings.docs_dir
        self.cache = ResultCache(self.cache_dir, self.repo_root, (self.settings.package_root,))
        self.runner = ExampleRunner.for_settings(self.settings, self.cache)
        self.katex = KatexRenderer(self.settings.node_modules, self.settings.katex_macros)
        self._report: SiteReport | None = None
        self.selected_pages: set[Path] | None = None

    def report(self) -> SiteReport:
        if self._report is None:
            self._report = verify_site(
                self.settings, self.runner, cache=self.cache, only=self.selected_pages
            )
        return self._report

    def close(self) -> None:
        self.runner.close()
        self.katex.close()
        if self.owns_cache:
            shutil.rmtree(self.cache_dir, ignore_errors=True)
        if self.previous_setting is None:
            os.environ.pop(CACHE_VARIABLE, None)
        else:
            os.environ[CACHE_VARIABLE] = self.previous_setting


_SHARED_KEY = pytest.StashKey[_Shared]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        CONFIG_INI,
        "the mkdocs.yml whose verified-docs plugin options the docs items use",
        default="mkdocs.yml",
    )


def pytest_configure(config: pytest.Config) -> None:
    config_file = Path(str(config.rootpath)) / str(config.getini(CONFIG_INI))
    if not config_file.is_file():
        return  # not a verified-docs project: collect nothing
    workerinput = getattr(config, "workerinput", {})  # set in a pytest-xdist worker
    shared_cache = workerinput.get(CACHE_VARIABLE)
    try:
        config.stash[_SHARED_KEY] = _Shared(
            config_file.resolve(), Path(shared_cache) if shared_cache else None
        )
    except SettingsError:
        return


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist starts a worker: give it the controller's cache."""
    config = node.config
    if _SHARED_KEY in config.stash:
        node.workerinput[CACHE_VARIABLE] = str(config.stash[_SHARED_KEY].cache_dir)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under pytest-xdist, verify the pages the run names once, before any worker starts.

    Every worker needs the site's report (each page item reads it) and the tests and builds
    they start need the same verdicts; computed here, with the verifier's own pool of
    processes, they are cache hits for all of them instead of being computed once per worker.
    """
    config = session.config
    if _SHARED_KEY not in config.stash or not _is_xdist_controller(config):
        return
    shared = config.stash[_SHARED_KEY]
    pages = _pages_named(config, shared)
    if pages is None or pages:
        shared.selected_pages = pages
        shared.report()


def _is_xdist_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput") and config.pluginmanager.has_plugin("dsession")


def _pages_named(config: pytest.Config, shared: _Shared) -> set[Path] | None:
    """The pages a run's arguments name, None meaning all of them.

    The docs folder, a folder above it, or a test folder (whose builds need every page) name
    all; Markdown files under the docs name themselves; test files alone name none.
    """
    docs = shared.docs_dir.resolve()
    pages: set[Path] = set()
    for argument in config.args:
        path = (config.invocation_params.dir / argument.split("::")[0]).resolve()
        if path == docs or path in docs.parents or (path.is_dir() and docs not in path.parents):
            return None
        if path.suffix == ".md" and docs in path.parents:
            pages.add(path.relative_to(shared.repo_root))
    return pages


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SHARED_KEY in config.stash:
        config.stash[_SHARED_KEY].close()


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Verify only the pages whose items will run: `pytest docs/one.md` checks one chapter."""
    if _SHARED_KEY not in config.stash:
        return
    shared = config.stash[_SHARED_KEY]
    pages = {
        item.path.resolve().relative_to(shared.repo_root)
        for item in items
        if isinstance(item, _LocatedItem) and not isinstance(item, SiteBindingsItem)
    }
    everything = {
        path.resolve().relative_to(shared.repo_root) for path in shared.docs_dir.rglob("*.md")
    }
    shared.selected_pages = None if pages >= everything else pages


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if _SHARED_KEY not in parent.config.stash:
        return None
    docs = parent.config.stash[_SHARED_KEY].docs_dir
    if file_path.suffix == ".md" and docs in file_path.resolve().parents:
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


class MarkdownPage(pytest.File):
    """A chapter: one item per claim and example, one for its math, one for its syntax."""

    def collect(self) -> Any:
        shared = self.config.stash[_SHARED_KEY]
        body, first_line = page_body(self.path.read_text(encoding="utf-8"))
        relative = self.path.resolve().relative_to(shared.repo_root)
        scan = scan_page(relative, body, first_line)
        yield PageSyntaxItem.from_parent(self, name="syntax", problems=list(scan.problems))
        yield PageMathItem.from_parent(self, name="latex", equations=scan.equations)
        yield PageLinksItem.from_parent(self, name="links", page=str(relative))
        yield PageStatementsItem.from_parent(self, name="statements", page=str(relative))
        for equation in scan.equations:
            if equation.claim_id is not None:
                yield ClaimItem.from_parent(
                    self, name=f"{equation.role}[{equation.claim_id}]", equation=equation
                )
        for example in scan.examples:
            yield ExampleItem.from_parent(
                self, name=f"example[{example.example_id}]", example=example
            )
        if self.path.name == "index.md" and self.path.parent == shared.docs_dir:
            yield SiteBindingsItem.from_parent(self, name="site-bindings")


class _LocatedItem(pytest.Item):
    line = 0

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, self.name

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, VerificationError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)  # type: ignore[return-value]

    def shared(self) -> _Shared:
        return self.config.stash[_SHARED_KEY]


class PageSyntaxItem(_LocatedItem):
    def __init__(self, *, problems: list[Problem], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        if self.problems:
            raise VerificationError(self.problems)


class PageLinksItem(_LocatedItem):
    """Internal links of one page that lead to no page or no anchor."""

    def __init__(self, *, page: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page = page

    def runtest(self) -> None:
        problems = [
            problem
            for problem in self.shared().report().problems
            if problem.kind == "link" and str(problem.path) == self.page
        ]
        if problems:
            raise VerificationError(problems)


class PageStatementsItem(_LocatedItem):
    """The page's definitions, conditions and arithmetic, checked against its claims' models."""

    def __init__(self, *, page: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page = page

    def runtest(self) -> None:
        problems = [
            statement_problem(record)
            for record in self.shared().report().statements
            if str(record.statement.page) == self.page and record.error
        ]
        if problems:
            raise VerificationError(problems)


class PageMathItem(_LocatedItem):
    """Every display equation of the page must be LaTeX that KaTeX accepts."""

    def __init__(self, *, equations: tuple[DisplayMath, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.equations = equations

    def runtest(self) -> None:
        problems = []
        for equation in self.equations:
            try:
                self.shared().katex.render(equation.latex, display=True)
            except LatexError as error:
                message = f"invalid LaTeX: {error.message}"
                problems.append(
                    Problem(equation.page, equation.line, "latex", equation.latex, message)
                )
        if problems:
            raise VerificationError(problems)


class ClaimItem(_LocatedItem):
    def __init__(self, *, equation: DisplayMath, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.equation = equation
        self.line = equation.line

    def runtest(self) -> None:
        report = self.shared().report()
        record = report.claim_at(self.equation.page, self.equation.line, self.equation.claim_id)
        if record is None:  # pragma: no cover - the same scan produced both
            raise VerificationError([claim_problem(self.equation, "claim not in report")])
        if record.error:
            raise VerificationError([claim_problem(self.equation, record.error)])


class ExampleItem(_LocatedItem):
    def __init__(self, *, example: Example, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example
        self.line = example.line

    def runtest(self) -> None:
        record = self.shared().report().example_at(self.example.page, self.example.line)
        if record is not None and record.error:
            raise VerificationError([example_problem(self.example, record.error)])


class SiteBindingsItem(_LocatedItem):
    """Checks no page uses, checks registered twice and unimportable checks are site-wide."""

    def runtest(self) -> None:
        problems = [p for p in self.shared().report().problems if p.kind in SITE_KINDS]
        if problems:
            raise VerificationError(problems)
