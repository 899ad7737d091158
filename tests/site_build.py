"""Building the real site in a subprocess, as CI does, for the tests that need whole builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.chapter_mutations import REPO_ROOT


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
