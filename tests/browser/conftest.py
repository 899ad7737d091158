"""Fixtures for the browser tests: the built site, a local server for it, and Chromium.

The site is the run's ``built_site`` (``tests/conftest.py``: built once per test run into a
temporary directory, never ``site/``, and shared with the other whole-site tests), served from
127.0.0.1, so the tests see exactly what a reader's browser would, with no network beyond the
loopback interface. Chromium is Debian's ``/usr/bin/chromium``: Playwright must never download a
browser of its own.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")


def pytest_configure(config: pytest.Config) -> None:
    # The repository runs pytest with --strict-markers, so the marker must be registered.
    config.addinivalue_line(
        "markers", "browser: drives a real Chromium against the built site (tests/browser)"
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Stop quietly when the browser hangs up mid-file.

        A test that closes its page while a preloaded font is still arriving is not an error;
        the server would otherwise print a BrokenPipeError traceback into the test log.
        """
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().copyfile(source, outputfile)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served from 127.0.0.1 on a free port, in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless; a missing browser skips locally but fails in CI."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        message = (
            f"{CHROMIUM} not found: the browser tests use Debian's Chromium "
            "(install it with `sudo apt-get install chromium`); "
            "Playwright must not download its own browser"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{message}. In CI a skipped browser test is a failure.")
        pytest.skip(message)
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
    )
    yield chromium
    chromium.close()
