"""Fixtures shared by the tests: the example runner, and the site built once per test run."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chapter_mutations import project_settings
from tests.site_build import build_outcome, start_build
from verified_docs.cache import ResultCache
from verified_docs.examples.runner import ExampleRunner

PREBUILT_VARIABLE = "BROWSER_TEST_SITE"

# The longest tests start first, so that under pytest-xdist (--dist loadgroup hands out one
# test or group at a time, in this order) no worker is left with a long build at the end while
# the other idles. The session's cache is complete before any test starts (the controller
# verifies the site first), so a build run early costs no more than one run late.
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


def _run_folder(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every pytest-xdist worker of it sees (its own if none)."""
    workerinput = getattr(request.config, "workerinput", None)
    if workerinput is None:
        return factory.getbasetemp()
    # Workers' base folders are siblings in the run's folder; the run id keeps runs apart.
    folder = factory.getbasetemp().parent / f"run-{workerinput['testrunuid']}"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per test run, strictly, exactly as CI builds it.

    The browser tests read it, Zensical's articles are compared with it and a from-scratch
    offline build must equal it byte for byte: one build serves them all, and under pytest-xdist
    the first worker to need it builds it while any other waits for it (a lock in the run's
    folder). It is built with the session's cache, which holds the verdicts the run computed
    from scratch. ``BROWSER_TEST_SITE=<dir>`` tests a site already built there instead (a fast
    loop while working on the look; CI never sets it).
    """
    prebuilt = os.environ.get(PREBUILT_VARIABLE)
    if prebuilt:
        return Path(prebuilt)
    folder = _run_folder(request, tmp_path_factory)
    site_dir, outcome_file = folder / "built-site", folder / "built-site.json"
    with (folder / "built-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome_file.exists():
            outcome = build_outcome(start_build(site_dir))
            outcome_file.write_text(json.dumps(outcome), encoding="utf-8")
    outcome = json.loads(outcome_file.read_text(encoding="utf-8"))
    if outcome["returncode"] != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{outcome['log'][-4000:]}")
    return site_dir
