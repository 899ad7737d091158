"""Fixtures shared by the chapter tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.chapter_mutations import project_settings
from verified_docs.cache import ResultCache
from verified_docs.examples.runner import ExampleRunner

# Tests that build the whole site run last, when the session's cache is warm.
_LAST = ("tests/browser/", "tests/test_reproducible.py", "tests/test_zensical.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move whole-site builds after the tests that verify the chapters one by one."""
    items.sort(key=lambda item: item.nodeid.startswith(_LAST))


@pytest.fixture(scope="module")
def runner() -> Iterator[ExampleRunner]:
    """One example runner per test module: a chapter's examples run once, not per mutation."""
    settings = project_settings()
    example_runner = ExampleRunner.for_settings(settings, ResultCache.for_settings(settings))
    yield example_runner
    example_runner.close()
