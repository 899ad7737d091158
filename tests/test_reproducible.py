"""The real site: it builds strictly, offline, and two clean builds are byte-identical.

The run's site (``built_site``, built with the session's cache) and a build from a clean cache
with the network cut off (``tests/offline`` refuses every connection that leaves the host, in
Python and in Node) must be byte-identical. That proves there is no clock, no unseeded
randomness and no unstable ordering anywhere in the pipeline, that cached verdicts and outputs
render exactly like fresh ones, and that nothing was fetched.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_build import OFFLINE, OFFLINE_SITE, offline_build, once_per_run


@pytest.fixture(scope="module")
def builds(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The run's site, and the build from scratch, offline, that the run began with.

    ``tests/conftest.py`` makes the offline build first, into the session's cache while it is
    still empty; a run that did not (``pytest -k`` on this file alone, say) makes it here, with
    a clean cache of its own.
    """
    clean = tmp_path_factory.mktemp("clean-cache")
    offline, outcome = once_per_run(OFFLINE_SITE, lambda site: offline_build(site, clean))
    assert outcome["returncode"] == 0, f"offline build failed:\n{str(outcome['log'])[-4000:]}"
    return built_site, offline


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
