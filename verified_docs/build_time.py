"""A build date that depends on the commit, not on the clock, so two builds are identical.

MkDocs stamps every page and the sitemap with the build date unless ``SOURCE_DATE_EPOCH`` is
set. The hooks set it, when it is not already set, to the time of the last commit; outside a
Git checkout there is no meaningful date and the epoch itself is used.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

VARIABLE = "SOURCE_DATE_EPOCH"


def commit_time(repo_root: Path) -> str:
    """Seconds since the epoch of the last commit, or "0" without Git or a commit."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=repo_root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "0"
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else "0"


def pin_build_date(repo_root: Path) -> str:
    """Set ``SOURCE_DATE_EPOCH`` from the last commit unless the caller already chose one."""
    if not os.environ.get(VARIABLE):
        os.environ[VARIABLE] = commit_time(repo_root)
    return os.environ[VARIABLE]
