"""The result cache: a prose edit re-runs nothing, a code edit re-runs exactly its dependants.

A throwaway repository (``calc_examples`` with two modules, one importing a helper) is built
in a temporary folder for each test, so edits never touch the real sources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verified_docs import cache as cache_module
from verified_docs.cache import ResultCache, module_fingerprint
from verified_docs.examples.runner import ExampleRunner
from verified_docs.settings import Settings
from verified_docs.site import verify_site

PACKAGES = ("calc_examples",)

HELPER = "SCALE = 3\n"
USES_HELPER = """from calc_examples.demo.helper import SCALE

# --8<-- [start:scaled]
print(SCALE * 2)
# --8<-- [end:scaled]
"""
STANDALONE = """# --8<-- [start:alone]
print("alone")
# --8<-- [end:alone]
"""
HANGS = """# --8<-- [start:forever]
while True:
    pass
# --8<-- [end:forever]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    package = tmp_path / "calc_examples" / "demo"
    package.mkdir(parents=True)
    (tmp_path / "calc_examples" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "helper.py").write_text(HELPER)
    (package / "scaled.py").write_text(USES_HELPER)
    (package / "alone.py").write_text(STANDALONE)
    return tmp_path


def run_twice(repo: Path, module: str, edit: tuple[str, str] | None = None) -> ResultCache:
    """Run ``module`` with a fresh runner, optionally edit a file, and run it again."""
    cache = ResultCache(repo / ".cache", repo, PACKAGES)
    path = repo / "calc_examples" / "demo" / module
    with ExampleRunner(repo, time_limit=10.0, cache=cache) as runner:
        runner.run_module(path)
    if edit is not None:
        target = repo / "calc_examples" / "demo" / edit[0]
        target.write_text(edit[1])
    cache.hits = cache.misses = 0
    with ExampleRunner(repo, time_limit=10.0, cache=cache) as runner:
        runner.run_module(path)
    return cache


def test_unchanged_module_is_not_run_again(repo: Path) -> None:
    """Assert a second build reuses the stored output: one hit, no miss."""
    cache = run_twice(repo, "scaled.py")
    assert (cache.hits, cache.misses) == (1, 0)


def test_edit_to_an_imported_module_runs_its_dependant_again(repo: Path) -> None:
    """Assert editing helper.py invalidates scaled.py, which imports it."""
    cache = run_twice(repo, "scaled.py", edit=("helper.py", "SCALE = 4\n"))
    assert (cache.hits, cache.misses) == (0, 1)


def test_edit_to_an_unrelated_module_runs_nothing_again(repo: Path) -> None:
    """Assert editing helper.py leaves alone.py, which does not import it, cached."""
    cache = run_twice(repo, "alone.py", edit=("helper.py", "SCALE = 4\n"))
    assert (cache.hits, cache.misses) == (1, 0)


def test_cached_output_is_the_output(repo: Path) -> None:
    """Assert the reused result is the printed text, and a changed helper changes it."""
    cache = ResultCache(repo / ".cache", repo, PACKAGES)
    path = repo / "calc_examples" / "demo" / "scaled.py"
    outputs = []
    for scale in ("3", "3", "5"):
        (repo / "calc_examples" / "demo" / "helper.py").write_text(f"SCALE = {scale}\n")
        with ExampleRunner(repo, time_limit=10.0, cache=cache) as runner:
            outputs.append(runner.run_module(path).sections["scaled"].outputs[0]["text"])
    assert outputs == ["6\n", "6\n", "10\n"]


class _Distribution:
    def __init__(self, name: str, version: str) -> None:
        self.metadata = {"Name": name}
        self.version = version


def test_installed_versions_are_part_of_the_key(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert another installed version of a distribution changes every key."""
    path = repo / "calc_examples" / "demo" / "alone.py"
    keys = []
    for version in ("1.14.0", "1.14.1"):
        installed = [_Distribution("sympy", version)]
        monkeypatch.setattr(
            cache_module.importlib.metadata, "distributions", lambda found=installed: found
        )
        cache_module._environment_fingerprint.cache_clear()
        keys.append(ResultCache(repo / ".cache", repo, PACKAGES).key("example-module", path))
    cache_module._environment_fingerprint.cache_clear()
    assert keys[0] != keys[1]


def test_fingerprint_follows_imports_transitively(repo: Path) -> None:
    """Assert a module's fingerprint changes with the helper it imports."""
    path = repo / "calc_examples" / "demo" / "scaled.py"
    before = module_fingerprint(path, repo, PACKAGES)
    (repo / "calc_examples" / "demo" / "helper.py").write_text("SCALE = 9\n")
    assert module_fingerprint(path, repo, PACKAGES) != before


def test_imports_outside_the_project_packages_are_not_followed(repo: Path) -> None:
    """Assert only the configured packages count: with none, the helper's edit is unseen."""
    path = repo / "calc_examples" / "demo" / "scaled.py"
    before = module_fingerprint(path, repo, ())
    (repo / "calc_examples" / "demo" / "helper.py").write_text("SCALE = 9\n")
    assert module_fingerprint(path, repo, ()) == before


def test_time_out_is_never_remembered(repo: Path) -> None:
    """Assert a run cut off by the time limit is run again next time, not replayed."""
    path = repo / "calc_examples" / "demo" / "hangs.py"
    path.write_text(HANGS)
    cache = ResultCache(repo / ".cache", repo, PACKAGES)
    for _ in range(2):
        with ExampleRunner(repo, time_limit=0.5, cache=cache) as runner:
            assert runner.run_module(path).timed_out
    assert cache.hits == 0


def test_no_cache_dir_means_no_cache(repo: Path) -> None:
    """Assert a project configured with ``cache_dir: off`` gets no cache at all."""
    settings = Settings(project_root=repo, docs_dir=repo / "docs", package="calc_examples")
    assert ResultCache.for_settings(settings) is None


def test_preview_without_execution_runs_and_verifies_nothing(repo: Path) -> None:
    """Assert execute=False marks every example skipped, keeps its code, and runs no worker."""
    docs = repo / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        '# Page\n\n```python run\n--8<-- "calc_examples/demo/alone.py:alone"\n```\n'
    )
    settings = Settings(project_root=repo, docs_dir=docs, package="calc_examples", execute=False)
    with ExampleRunner(repo, time_limit=10.0) as runner:
        report = verify_site(settings, runner)
        assert runner._process is None
    (record,) = report.examples
    assert record.skipped
    assert record.run is None
    assert record.code is not None
    assert 'print("alone")' in record.code
    # The real checks are loaded too; none of them belongs to this page.
    assert [problem for problem in report.problems if "page.md" in problem] == []
