"""The code style gate: ruff lint and format, and mypy --strict on the engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).parent / "ruff"


def test_ruff_lint_is_clean() -> None:
    """Assert ruff finds no lint problems in the repository."""
    result = subprocess.run(
        [RUFF, "check", "."], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_clean() -> None:
    """Assert every Python file is formatted as ruff format would write it."""
    result = subprocess.run(
        [RUFF, "format", "--check", "."], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_engine_type_checks_strictly() -> None:
    """Assert mypy --strict (configured in pyproject.toml) finds nothing in the engine."""
    result = subprocess.run(
        [Path(sys.executable).parent / "mypy"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
