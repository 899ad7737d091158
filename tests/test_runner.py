"""Running example modules in a worker process: outputs, errors, time limits, caching, seeds."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from verified_docs.examples.runner import ExampleRunner
from verified_docs.examples.sections import SectionError

# Time limits for runs that must finish: none of these tests is about the limit, and a loaded
# machine (a worker importing SymPy at the lowest priority) must not make one fail.
NO_LIMIT = 600.0

OUTPUTS = """\
import sympy as sp

# --8<-- [start:printing]
print("hello")
print(2 + 3)
# --8<-- [end:printing]

# --8<-- [start:display]
x = sp.Symbol("x")
x**2 + 1
# --8<-- [end:display]

# --8<-- [start:text_value]
print("shown first")
[1, 2]
# --8<-- [end:text_value]

# --8<-- [start:silent]
y = None
y
# --8<-- [end:silent]
"""

RAISES = """\
# --8<-- [start:fine]
values = [1, 2]
# --8<-- [end:fine]

# --8<-- [start:broken]
print("before")
values[5]
# --8<-- [end:broken]

# --8<-- [start:after]
print("never")
# --8<-- [end:after]
"""

HANGS = """\
import time

# --8<-- [start:quick]
print("quick")
# --8<-- [end:quick]

# --8<-- [start:hangs]
while True:
    time.sleep(0.05)
# --8<-- [end:hangs]

# --8<-- [start:later]
print("later")
# --8<-- [end:later]
trailing = 1
"""

RANDOM = """\
import random

import numpy as np


# --8<-- [start:draw]
print(random.random(), np.random.rand(), hash("abc"))
# --8<-- [end:draw]
"""

COUNTS_RUNS = """\
# --8<-- [start:count]
with open("runs.txt", "a") as log:
    log.write("run\\n")
# --8<-- [end:count]
"""


def write_module(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[ExampleRunner]:
    """A runner rooted at the test's folder, closed (worker killed) afterwards."""
    with ExampleRunner(tmp_path, time_limit=NO_LIMIT) as example_runner:
        yield example_runner


def test_printed_output_and_last_expression_are_captured(
    runner: ExampleRunner, tmp_path: Path
) -> None:
    """Assert printed text and the displayed last expression (LaTeX for SymPy) are kept."""
    run = runner.run_module(write_module(tmp_path, "outputs.py", OUTPUTS))
    assert run.module_error is None
    assert {name: section.error for name, section in run.sections.items()} == dict.fromkeys(
        ["printing", "display", "text_value", "silent"]
    )
    assert run.sections["printing"].outputs == ({"kind": "text", "text": "hello\n5\n"},)
    assert run.sections["display"].outputs == ({"kind": "latex", "text": "x^{2} + 1"},)
    assert run.sections["text_value"].outputs == (
        {"kind": "text", "text": "shown first\n"},
        {"kind": "text", "text": "[1, 2]"},
    )
    assert run.sections["silent"].outputs == ()


def test_exception_names_its_module_line_and_stops_later_sections(
    runner: ExampleRunner, tmp_path: Path
) -> None:
    """Assert an exception is reported with its module line, and later sections are not run."""
    run = runner.run_module(write_module(tmp_path, "raises.py", RAISES))
    assert run.sections["fine"].error is None
    broken = run.sections["broken"]
    assert broken.error == "raised IndexError: list index out of range (raises.py:7)"
    assert broken.outputs == ({"kind": "text", "text": "before\n"},)
    assert run.sections["after"].error == "not run: an earlier part of the module failed"
    assert run.sections["after"].outputs == ()


def test_failure_outside_sections_is_a_module_error(runner: ExampleRunner, tmp_path: Path) -> None:
    """Assert an exception in code between sections is the module's error, with its line."""
    text = "import no_such_module_anywhere\n\n# --8<-- [start:s]\nx = 1\n# --8<-- [end:s]\n"
    run = runner.run_module(write_module(tmp_path, "imports.py", text))
    assert run.module_error is not None
    assert run.module_error.startswith("raised ModuleNotFoundError: ")
    assert run.module_error.endswith("(imports.py:1)")
    assert run.sections["s"].error == "not run: an earlier part of the module failed"


def test_syntax_error_names_its_line(runner: ExampleRunner, tmp_path: Path) -> None:
    """Assert a syntax error in a section is reported at its module line."""
    text = "x = 1\n# --8<-- [start:bad]\ny = (\n# --8<-- [end:bad]\n"
    run = runner.run_module(write_module(tmp_path, "syntax.py", text))
    assert run.sections["bad"].error is not None
    assert run.sections["bad"].error.startswith("raised SyntaxError: ")
    assert run.sections["bad"].error.endswith("(syntax.py:3)")


def test_hanging_section_is_cut_off_at_the_time_limit(tmp_path: Path) -> None:
    """Assert a section past the time limit fails, later parts are 'not run', and work goes on."""
    hangs = write_module(tmp_path, "hangs.py", HANGS)
    after = write_module(
        tmp_path, "after.py", "# --8<-- [start:s]\nprint('alive')\n# --8<-- [end:s]\n"
    )
    with ExampleRunner(tmp_path, time_limit=1.0) as runner:
        started = time.monotonic()
        run = runner.run_module(hangs)
        elapsed = time.monotonic() - started
        assert run.sections["quick"].error is None
        assert run.sections["quick"].outputs == ({"kind": "text", "text": "quick\n"},)
        assert run.sections["hangs"].error == "did not finish within 1 s (time limit)"
        assert run.sections["later"].error == "not run: an earlier part timed out"
        assert run.module_error == "not run: an earlier part timed out"
        assert elapsed >= 1.0  # it ran until the limit; that it stopped at all is the point
        # The hung worker was killed; the next module gets a fresh one.
        assert runner.run_module(after).sections["s"].outputs == (
            {"kind": "text", "text": "alive\n"},
        )


def test_second_run_of_a_module_is_cached(runner: ExampleRunner, tmp_path: Path) -> None:
    """Assert run_module executes a module once per runner, and again only after forget()."""
    module = write_module(tmp_path, "counts.py", COUNTS_RUNS)
    log = tmp_path / "runs.txt"
    first = runner.run_module(module)
    second = runner.run_module(tmp_path / "." / "counts.py")
    assert second is first
    assert log.read_text() == "run\n"
    runner.forget(module)
    third = runner.run_module(module)
    assert third is not first
    assert log.read_text() == "run\nrun\n"


def test_unseeded_randomness_is_the_same_in_fresh_runners(tmp_path: Path) -> None:
    """Assert random draws and str hashes print identically in two fresh runners and modules."""
    first_module = write_module(tmp_path, "random_one.py", RANDOM)
    second_module = write_module(tmp_path, "random_two.py", RANDOM)
    printed = []
    for module in (first_module, first_module, second_module):
        with ExampleRunner(tmp_path, time_limit=NO_LIMIT) as runner:
            (output,) = runner.run_module(module).sections["draw"].outputs
            printed.append(output["text"])
    with ExampleRunner(tmp_path, time_limit=NO_LIMIT) as runner:
        # Within one worker too, every module starts from the same seed.
        runner.run_module(first_module)
        (output,) = runner.run_module(second_module).sections["draw"].outputs
        printed.append(output["text"])
    assert len(set(printed)) == 1
    assert len(printed[0].split()) == 3


def test_worker_that_exits_is_reported_and_replaced(runner: ExampleRunner, tmp_path: Path) -> None:
    """Assert a section that kills its process is an error, and the next module still runs."""
    dies = write_module(
        tmp_path, "dies.py", "import os\n# --8<-- [start:s]\nos._exit(3)\n# --8<-- [end:s]\n"
    )
    fine = write_module(tmp_path, "fine.py", "# --8<-- [start:s]\nprint('ok')\n# --8<-- [end:s]\n")
    assert runner.run_module(dies).sections["s"].error == "raised WorkerDied: exit status 3"
    assert runner.run_module(fine).sections["s"].outputs == ({"kind": "text", "text": "ok\n"},)


def test_malformed_sections_raise_before_running(runner: ExampleRunner, tmp_path: Path) -> None:
    """Assert run_module raises SectionError for malformed markers instead of running anything."""
    module = write_module(tmp_path, "malformed.py", COUNTS_RUNS + "# --8<-- [end:count]\n")
    with pytest.raises(SectionError, match=r"malformed\.py:5: end of 'count' without its start"):
        runner.run_module(module)
    assert not (tmp_path / "runs.txt").exists()


def test_example_writing_to_the_real_stdout_does_not_break_the_runner(
    runner: ExampleRunner, tmp_path: Path
) -> None:
    """Assert output written past print's redirection is contained, not a protocol crash."""
    text = (
        "import sys\n# --8<-- [start:s]\n"
        "print('hi', file=sys.__stdout__, flush=True)\n# --8<-- [end:s]\n"
    )
    run = runner.run_module(write_module(tmp_path, "escapes.py", text))
    assert run.sections["s"].error is None


def test_a_module_does_not_see_what_an_earlier_module_changed(tmp_path: Path) -> None:
    """Assert Matplotlib defaults and imported example modules are reset between modules."""
    package = tmp_path / "calc_examples"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "state.py").write_text("COUNT = [0]\n")
    first = write_module(
        tmp_path,
        "first.py",
        "import matplotlib\nfrom calc_examples.state import COUNT\n"
        "# --8<-- [start:s]\nmatplotlib.rcParams['font.size'] = 31\nCOUNT[0] += 1\n"
        "# --8<-- [end:s]\n",
    )
    second = write_module(
        tmp_path,
        "second.py",
        "import matplotlib\nfrom calc_examples.state import COUNT\n"
        "# --8<-- [start:s]\nprint(matplotlib.rcParams['font.size'], COUNT[0])\n"
        "# --8<-- [end:s]\n",
    )
    with ExampleRunner(tmp_path, time_limit=NO_LIMIT, packages=("calc_examples",)) as runner:
        runner.run_module(first)
        outputs = runner.run_module(second).sections["s"].outputs
    assert outputs == ({"kind": "text", "text": "10.0 0\n"},)
