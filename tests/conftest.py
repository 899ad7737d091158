"""Fixtures shared by the chapter tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.chapter_mutations import REPO_ROOT
from verified_docs.examples.runner import ExampleRunner


@pytest.fixture(scope="module")
def runner() -> Iterator[ExampleRunner]:
    """One example runner per test module: a chapter's examples run once, not per mutation."""
    example_runner = ExampleRunner(REPO_ROOT)
    yield example_runner
    example_runner.close()
