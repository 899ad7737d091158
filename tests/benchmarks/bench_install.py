"""Measure a newcomer's first minutes: fresh clone to first served page, and what serve installs.

Not a test: run ``python3.11 tests/benchmarks/bench_install.py``. It clones the repository's last
commit into a temporary folder and runs ``./tasks serve`` there twice: once with empty package
caches (uv, pip and npm each get a new, empty cache folder; the packages still come from the
registries) and once with the machine's warm caches. Each time it prints the seconds until the
home page answers, and the megabytes that serving put on disk (``.venv`` + ``node_modules``, and
the installer's own venv beside them).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
PORT = 8765
LIMIT_SECONDS = 1800


def megabytes(path: Path) -> float:
    if not path.exists():
        return 0.0
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())
    return total / 1e6


def first_page(clone: Path, environment: dict[str, str]) -> float:
    """Seconds from ``./tasks serve`` to a 200 from the home page (the build included)."""
    start = time.perf_counter()
    server = subprocess.Popen(
        ["./tasks", "serve", f"127.0.0.1:{PORT}"],
        cwd=clone,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.perf_counter() - start < LIMIT_SECONDS:
            if server.poll() is not None:
                raise RuntimeError(f"./tasks serve exited with {server.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5) as reply:
                    if reply.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("no page within the limit")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def measure(label: str, empty_caches: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-install-") as scratch:
        clone = Path(scratch) / "clone"
        subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(clone)], check=True)
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        for name in ("VERIFIED_DOCS_CACHE", "VIRTUAL_ENV"):
            environment.pop(name, None)
        if empty_caches:
            caches = Path(scratch) / "caches"
            environment |= {
                "UV_CACHE_DIR": str(caches / "uv"),
                "PIP_NO_CACHE_DIR": "1",
                "npm_config_cache": str(caches / "npm"),
            }
        seconds = first_page(clone, environment)
        serve_mb = megabytes(clone / ".venv") + megabytes(clone / "node_modules")
        installer_mb = megabytes(clone / ".cache" / "uv-installer")
        print(
            f"{label:<22} first page after {seconds:6.1f} s; .venv + node_modules "
            f"{serve_mb:4.0f} MB (goal <= 550); installer venv {installer_mb:3.0f} MB"
        )
        shutil.rmtree(clone, ignore_errors=True)


def main() -> None:
    measure("empty package caches", empty_caches=True)
    measure("warm package caches", empty_caches=False)


if __name__ == "__main__":
    main()
