"""The install that ``./tasks`` performs: pinned installer, frozen lock, nothing left to chance.

A new upstream release must not change what a fresh machine installs. These tests pin down the
properties that make that true; the weekly ``fresh-install`` workflow runs the install itself
on a new machine.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UV = ROOT / ".cache" / "uv-installer" / "bin" / "uv"
TASKS = (ROOT / "tasks").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def uv() -> Path:
    if not UV.is_file():
        pytest.skip("uv is installed by ./tasks; run it first")
    return UV


def lock_check(uv: Path, project: Path) -> subprocess.CompletedProcess[str]:
    """``uv lock --check`` offline: the lock alone decides, no index is asked."""
    return subprocess.run(
        [str(uv), "lock", "--check", "--offline", "--python", "python3.11"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_lock_is_in_step_with_pyproject(uv: Path) -> None:
    """Assert uv.lock is exactly what pyproject.toml asks for."""
    result = lock_check(uv, ROOT)
    assert result.returncode == 0, result.stderr


def test_lock_check_fails_when_pyproject_moves(uv: Path, tmp_path: Path) -> None:
    """Assert the check above can fail: a new dependency without a new lock is refused."""
    for name in ("pyproject.toml", "uv.lock"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), "utf-8")
    pyproject = tmp_path / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('    "nbformat', '    "tqdm>=4",\n    "nbformat', 1), "utf-8")
    assert lock_check(uv, tmp_path).returncode != 0


def test_installer_is_one_hash_pinned_wheel() -> None:
    """Assert uv-installer.lock pins one exact uv version by hash, and nothing else."""
    text = (ROOT / "uv-installer.lock").read_text(encoding="utf-8")
    requirements = [line for line in text.split("\n") if line and not line.startswith(("#", " "))]
    assert len(requirements) == 1
    assert re.fullmatch(r"uv==\d+\.\d+\.\d+ \\", requirements[0])
    assert len(re.findall(r"--hash=sha256:[0-9a-f]{64}", text)) >= 2


def test_tasks_never_ask_pips_resolver() -> None:
    """Assert pip installs only the pinned wheel, without dependencies, hash-checked."""
    pip_lines = [line for line in TASKS.split("\n") if "pip install" in line]
    assert pip_lines
    block = TASKS[
        TASKS.index("pip install") : TASKS.index("uv-installer.lock", TASKS.index("pip install"))
    ]
    for flag in ("--no-deps", "--require-hashes", "--only-binary=:all:"):
        assert flag in block


def test_tasks_install_frozen_and_without_downloading_python() -> None:
    """Assert every uv sync is frozen (the lock as written) and never fetches an interpreter."""
    syncs = [line for line in TASKS.split("\n") if "sync" in line and '"$UV"' in line]
    assert syncs
    assert all("--frozen" in line for line in syncs)
    assert "UV_PYTHON_DOWNLOADS=never" in TASKS
