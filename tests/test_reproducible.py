"""The real site: it builds strictly, offline, and two clean builds are byte-identical.

Two builds of the same commit run side by side, one of them from a clean cache with the
network cut off (``tests/offline`` refuses every connection that leaves the host, in Python
and in Node). Byte-identical output proves there is no clock, no unseeded randomness and no
unstable ordering anywhere in the pipeline, and that nothing was fetched.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
OFFLINE = Path(__file__).resolve().parent / "offline"


def start_build(site_dir: Path, cache_dir: Path, *, offline: bool) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "VERIFIED_DOCS_CACHE": str(cache_dir),
        "VERIFIED_DOCS_EXECUTE": "1",
    }
    environment.pop("SOURCE_DATE_EPOCH", None)  # the hooks derive it from the commit
    if offline:
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(OFFLINE), environment.get("PYTHONPATH")])
        )
        environment["NODE_OPTIONS"] = f"--require {OFFLINE / 'no_network.cjs'}"
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds in parallel: one with the session's cache, one from scratch and offline.

    Equal bytes then also prove that cached verdicts and outputs render exactly like fresh ones.
    """
    root = tmp_path_factory.mktemp("builds")
    session_cache = Path(os.environ.get("VERIFIED_DOCS_CACHE") or root / "cache-a")
    online = start_build(root / "a", session_cache, offline=False)
    offline = start_build(root / "b", root / "cache-b", offline=True)
    for process, name in ((online, "online"), (offline, "offline")):
        log, _ = process.communicate(timeout=900)
        assert process.returncode == 0, f"{name} build failed:\n{log[-4000:]}"
    return root / "a", root / "b"


def differing_files(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [str(left / name) for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [str(left / name) for name in mismatch + errors]
    for directory in comparison.common_dirs:
        found += differing_files(left / directory, right / directory)
    return found


def test_two_builds_are_byte_identical(builds: tuple[Path, Path]) -> None:
    """Assert every file of the online and the offline build is the same, byte for byte."""
    assert differing_files(*builds) == []


def test_site_has_pages_claims_and_notebooks(builds: tuple[Path, Path]) -> None:
    """Assert the build wrote claims.json, notebooks, and no page with a traceback or failure."""
    site, _ = builds
    assert (site / "claims.json").is_file()
    assert list((site / "notebooks").glob("*.ipynb"))
    pages = list(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text, page
        assert "mcv-claim--failed" not in text, page


def test_offline_guard_refuses_remote_connections() -> None:
    """Assert the offline build's guard would have stopped a download (so the test can fail)."""
    environment = {**os.environ, "PYTHONPATH": str(OFFLINE)}
    probe = "import socket; socket.create_connection(('pypi.org', 443), timeout=5)"
    result = subprocess.run(
        [sys.executable, "-c", probe], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "offline test build" in result.stderr
    node = subprocess.run(
        [
            "node",
            "--require",
            str(OFFLINE / "no_network.cjs"),
            "-e",
            "require('net').connect(443, 'example.org')",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert node.returncode != 0
    assert "offline test build" in node.stderr
