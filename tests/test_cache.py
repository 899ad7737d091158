"""The result cache: a prose edit re-runs nothing, a code edit re-runs exactly its dependants.

A throwaway repository (``calc_examples`` with two modules, one importing a helper) is built
in a temporary folder for each test, so edits never touch the real sources.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from verified_docs import cache as cache_module
from verified_docs.cache import ResultCache, module_fingerprint
from verified_docs.examples.runner import ExampleRunner
from verified_docs.settings import Settings
from verified_docs.site import verify_site

# Time limits for runs that must finish: none of these tests is about the limit, and a loaded
# machine (a worker importing SymPy at the lowest priority) must not make one fail.
NO_LIMIT = 600.0

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
    with ExampleRunner(repo, time_limit=NO_LIMIT, cache=cache) as runner:
        runner.run_module(path)
    if edit is not None:
        target = repo / "calc_examples" / "demo" / edit[0]
        target.write_text(edit[1])
    cache.hits = cache.misses = 0
    with ExampleRunner(repo, time_limit=NO_LIMIT, cache=cache) as runner:
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
        with ExampleRunner(repo, time_limit=NO_LIMIT, cache=cache) as runner:
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
    with ExampleRunner(repo, time_limit=NO_LIMIT) as runner:
        report = verify_site(settings, runner)
        assert runner._process is None
    (record,) = report.examples
    assert record.skipped
    assert record.run is None
    assert record.code is not None
    assert 'print("alone")' in record.code
    # The real checks are loaded too; none of them belongs to this page.
    assert [problem for problem in report.problems if problem.path.name == "page.md"] == []


DATA_READER = """from pathlib import Path

# --8<-- [start:reads]
print(Path("calc_examples/demo/table.txt").read_text())
# --8<-- [end:reads]
"""


def test_edit_to_a_data_file_an_example_reads_runs_it_again(repo: Path) -> None:
    """Assert a module's cached output is dropped when a data file it opened changes."""
    (repo / "calc_examples" / "demo" / "table.txt").write_text("first")
    (repo / "calc_examples" / "demo" / "reader.py").write_text(DATA_READER)
    cache = run_twice(repo, "reader.py")
    assert (cache.hits, cache.misses) == (1, 0)
    cache = run_twice(repo, "reader.py", edit=("table.txt", "second"))
    assert (cache.hits, cache.misses) == (0, 1)


def _stored_entries(repo: Path) -> list[Path]:
    return sorted((repo / ".cache").rglob("*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data.replace(b"6", b"7"), id="bytes-changed"),
        pytest.param(lambda data: b"", id="emptied"),
    ],
)
def test_damaged_entry_is_detected_and_recomputed(repo: Path, damage: Any) -> None:
    """Assert an entry altered on disk is never trusted: it is recomputed and rewritten."""
    cache = run_twice(repo, "scaled.py")
    (entry,) = _stored_entries(repo)
    entry.write_bytes(damage(entry.read_bytes()))
    path = repo / "calc_examples" / "demo" / "scaled.py"
    cache.hits = cache.misses = 0
    with ExampleRunner(repo, time_limit=NO_LIMIT, cache=cache) as runner:
        output = runner.run_module(path).sections["scaled"].outputs[0]["text"]
    assert (cache.hits, cache.misses) == (0, 1)
    assert output == "6\n"
    assert cache.get(cache.key("example-module", path)) is not None


KILLED_WRITER = """
import sys
from pathlib import Path

from verified_docs.cache import ResultCache


cache = ResultCache(Path(sys.argv[1]), Path(sys.argv[2]), ("calc_examples",))
key = cache.key("example-module", Path(sys.argv[3]))
value = {"outputs": ["x"] * 20_000_000}  # json.dump writes it piece by piece, for seconds
print("writing", flush=True)
cache.put(key, value)
"""


def test_build_killed_while_writing_leaves_nothing_trusted(repo: Path) -> None:
    """Assert a SIGKILL in the middle of writing an entry leaves no entry a later read trusts."""
    path = repo / "calc_examples" / "demo" / "alone.py"
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(repo / ".cache"), str(repo), str(path)],
        stdout=subprocess.PIPE,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == b"writing\n"
    deadline = time.monotonic() + 60
    while not list((repo / ".cache").rglob("*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.01)  # kill it once the entry is half written
    assert writer.poll() is None, "the write finished before it could be interrupted"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    cache = ResultCache(repo / ".cache", repo, PACKAGES)
    assert cache.get(cache.key("example-module", path)) is None
    assert [entry for entry in _stored_entries(repo) if entry.suffix == ".json"] == []


def test_two_builds_sharing_a_cache_both_stay_correct(repo: Path) -> None:
    """Assert two processes running the same modules into one cache at once both agree."""
    script = (
        "import sys; from pathlib import Path\n"
        "from verified_docs.cache import ResultCache\n"
        "from verified_docs.examples.runner import ExampleRunner\n"
        "repo = Path(sys.argv[1])\n"
        "cache = ResultCache(repo / '.cache', repo, ('calc_examples',))\n"
        "for _ in range(5):\n"
        "    for name, section in (('scaled.py', 'scaled'), ('alone.py', 'alone')):\n"
        "        with ExampleRunner(repo, time_limit=600.0, cache=cache) as runner:\n"
        "            run = runner.run_module(repo / 'calc_examples' / 'demo' / name)\n"
        "        print(run.sections[section].outputs[0]['text'].strip())\n"
    )
    environment = {
        **os.environ,
        "PYTHONPATH": f"{repo}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    builds = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(repo)],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(2)
    ]
    outputs = [build.communicate(timeout=300)[0].split() for build in builds]
    assert all(build.returncode == 0 for build in builds)
    assert outputs == [["6", "alone"] * 5] * 2
