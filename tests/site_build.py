"""Building the real site in a subprocess, as CI does, for the tests that need whole builds."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.chapter_mutations import REPO_ROOT

# A folder of the test run that all its pytest-xdist workers share: tests/conftest.py makes it
# in the first process and the workers, started later, inherit its name.
RUN_FOLDER_VARIABLE = "MCV_TEST_RUN_FOLDER"
OFFLINE = Path(__file__).resolve().parent / "offline"
OFFLINE_SITE = "offline-site"


def start_build(site_dir: Path, **environment: str) -> subprocess.Popen[str]:
    """Start building the site strictly into ``site_dir``, as CI builds it.

    ``SOURCE_DATE_EPOCH`` is left to the hooks, which derive it from the last commit, and
    execution is on; ``environment`` adds to the caller's environment.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VERIFIED_DOCS_EXECUTE": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.update(environment)
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def build_outcome(build: subprocess.Popen[str]) -> dict[str, object]:
    """Wait for a build started by :func:`start_build`; its exit status and its log."""
    log, _ = build.communicate(timeout=1800)
    return {"returncode": build.returncode, "log": log}


def _run_folder() -> Path:
    """A folder of this test run that all its pytest-xdist workers share (see configure)."""
    return Path(os.environ[RUN_FOLDER_VARIABLE])


def once_per_run(
    name: str, make: Callable[[Path], dict[str, object]]
) -> tuple[Path, dict[str, object]]:
    """``make(folder / name)`` once per test run, whichever process asks first; its outcome.

    A lock in the run's folder makes any other pytest-xdist worker asking at the same time wait
    for the first one's result instead of making it again.
    """
    folder = _run_folder()
    target, outcome_file = folder / name, folder / f"{name}.json"
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome_file.exists():
            outcome_file.write_text(json.dumps(make(target)), encoding="utf-8")
    return target, json.loads(outcome_file.read_text(encoding="utf-8"))


def offline_build(site_dir: Path, cache_dir: Path) -> dict[str, object]:
    """Build the site strictly into ``site_dir`` with every off-host connection refused."""
    return build_outcome(
        start_build(
            site_dir,
            VERIFIED_DOCS_CACHE=str(cache_dir),
            PYTHONPATH=os.pathsep.join(filter(None, [str(OFFLINE), os.environ.get("PYTHONPATH")])),
            NODE_OPTIONS=f"--require {OFFLINE / 'no_network.cjs'}",
        )
    )
