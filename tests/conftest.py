"""Fixtures shared by the tests: the example runner, and the site built once per test run."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chapter_mutations import project_settings
from tests.site_build import (
    OFFLINE_SITE,
    RUN_FOLDER_VARIABLE,
    build_outcome,
    offline_build,
    once_per_run,
    start_build,
)
from verified_docs.cache import ResultCache
from verified_docs.examples.runner import ExampleRunner

PREBUILT_VARIABLE = "BROWSER_TEST_SITE"
CACHE_VARIABLE = "VERIFIED_DOCS_CACHE"  # the session's cache, set by the verified-docs plugin
REPRODUCIBLE = Path(__file__).resolve().parent / "test_reproducible.py"
_OWNS_RUN_FOLDER = pytest.StashKey[bool]()

# The longest tests start first, so that under pytest-xdist (--dist loadgroup hands out one
# test or group at a time, in this order) no worker is left with a long build at the end while
# the other idles. The session's cache is complete before any test starts (the offline build
# and the plugin's verification run first), so a build run early costs no more than one late.
_FIRST = (
    "tests/test_zensical.py",
    "tests/test_reproducible.py",
    "tests/test_plugin_project.py",
    "tests/test_notebooks.py",
    "tests/test_failures_e2e.py",
    "tests/browser/",
)


# Modules whose tests share a module-scoped build: under pytest-xdist each runs on one worker,
# so the build is made once. (pytest-xdist's own ``xdist_group`` marks would say this, but its
# loadgroup scheduling ignores them under pytest 9.2: pytest-xdist issue #1386.)
_ONE_WORKER = ("tests/test_failures_e2e.py", "tests/test_reproducible.py", "tests/test_zensical.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadgroup``: one test at a time, in collection order, modules above as one.

    Handing out single tests in order (the longest first, see ``_FIRST``) keeps both workers
    busy to the end; the modules of ``_ONE_WORKER`` go whole to one worker.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OrderedGroups(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if module in _ONE_WORKER else nodeid

    config.option.loadscopereorder = False  # keep the order: the longest tests first
    return OrderedGroups(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order the whole-site builds first, in the order of ``_FIRST``."""

    def rank(item: pytest.Item) -> int:
        return next(
            (index for index, prefix in enumerate(_FIRST) if item.nodeid.startswith(prefix)),
            len(_FIRST),
        )

    items.sort(key=rank)


@pytest.fixture(scope="module")
def runner() -> Iterator[ExampleRunner]:
    """One example runner per test module: a chapter's examples run once, not per mutation."""
    settings = project_settings()
    example_runner = ExampleRunner.for_settings(settings, ResultCache.for_settings(settings))
    yield example_runner
    example_runner.close()


def pytest_configure(config: pytest.Config) -> None:
    """Make the run's shared folder; workers, started later, inherit its name."""
    if RUN_FOLDER_VARIABLE not in os.environ:
        os.environ[RUN_FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="mcv-test-run-")
        config.stash[_OWNS_RUN_FOLDER] = True


def pytest_unconfigure(config: pytest.Config) -> None:
    if config.stash.get(_OWNS_RUN_FOLDER, False):
        shutil.rmtree(os.environ.pop(RUN_FOLDER_VARIABLE), ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """When the run includes the reproducibility test, build the site offline before anything.

    The session's cache is still empty then, so this build is a verification of every claim and
    example from scratch, offline; it fills the cache that the rest of the run (the plugin's
    own verification, the tests, the other builds) reads. ``tests/test_reproducible.py`` then
    compares it with ``built_site``, built from that cache: one from-scratch verification
    serves both, where the run used to make two.
    """
    config = session.config
    if hasattr(config, "workerinput") or not _names(config, REPRODUCIBLE):
        return
    once_per_run(OFFLINE_SITE, lambda site: offline_build(site, Path(os.environ[CACHE_VARIABLE])))


def _names(config: pytest.Config, test_file: Path) -> bool:
    """Whether the run's arguments include ``test_file`` (itself, or a folder above it)."""
    for argument in config.args:
        path = (config.invocation_params.dir / argument.split("::")[0]).resolve()
        if path == test_file or path in test_file.parents:
            return True
    return False


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site built once per test run, strictly, exactly as CI builds it.

    The browser tests read it, Zensical's articles are compared with it and the from-scratch
    offline build must equal it byte for byte: one build serves them all (under pytest-xdist the
    first worker to need it builds it). It is built with the session's cache, which holds the
    verdicts the run computed from scratch. ``BROWSER_TEST_SITE=<dir>`` tests a site already
    built there instead (a fast loop while working on the look; CI never sets it).
    """
    prebuilt = os.environ.get(PREBUILT_VARIABLE)
    if prebuilt:
        return Path(prebuilt)
    site_dir, outcome = once_per_run("built-site", lambda site: build_outcome(start_build(site)))
    if outcome["returncode"] != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{str(outcome['log'])[-4000:]}")
    return site_dir
