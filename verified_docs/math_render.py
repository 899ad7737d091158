"""Render LaTeX to HTML at build time with KaTeX, through one persistent Node process.

The site ships no math JavaScript: every formula is turned into static HTML while the site is
built, so pages render instantly and work without scripts. Screen readers get each formula as a
plain-text label (``∂f/∂x = 3x²y``) rather than MathML, which would add a quarter of a
chapter's elements and with them layout time on a phone.
KaTeX only runs on Node, and starting Node costs far more than rendering one equation, so a
single ``katex_server.js`` process is started on first use and fed one equation per line.
"""

from __future__ import annotations

import html
import json
import shutil
import signal
import subprocess
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from verified_docs.plain_math import plain_math

SERVER_SCRIPT = Path(__file__).with_name("katex_server.js")
PLAIN_TEXT_CLASS = "mcv-math-text"
_INSTALL_HINT = "run `npm ci` in the project's folder (or set the plugin's node_modules)"


class LatexError(Exception):
    """KaTeX rejected an equation; the message is KaTeX's own, pointing at the offending token."""

    def __init__(self, latex: str, message: str) -> None:
        super().__init__(message)
        self.latex = latex
        self.message = message


def katex_asset_dir(node_modules: Path) -> Path:
    """Return KaTeX's ``dist`` folder, whose CSS and fonts the built site must ship.

    Raises FileNotFoundError naming the fix, since a missing ``node_modules`` is the usual
    cause on a fresh checkout.
    """
    dist = node_modules / "katex" / "dist"
    if not (dist / "katex.min.css").is_file():
        raise FileNotFoundError(f"KaTeX is not installed in {dist.parent}; {_INSTALL_HINT}.")
    return dist


def copy_katex_assets(node_modules: Path, site_dir: Path) -> None:
    """Copy ``katex.min.css`` and its fonts into ``site_dir/assets/katex/``.

    Only the woff2 fonts are copied: the CSS lists woff2 first in each ``@font-face`` and
    every browser that can display the site supports it, so the woff/ttf fallbacks would
    only add weight.
    """
    dist = katex_asset_dir(node_modules)
    fonts = site_dir / "assets" / "katex" / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    shutil.copy2(dist / "katex.min.css", fonts.parent)
    for font in (dist / "fonts").glob("*.woff2"):
        shutil.copy2(font, fonts)


def searchable(katex_html: str, text: str) -> str:
    """KaTeX's HTML kept out of the search index, with a plain-text copy of it put in instead.

    Flattened to text, rendered math reads as its visual layout ("∂x∂(Ax)=A"). The search
    plugin skips an element marked ``data-search-exclude`` only until the first end tag of the
    same name inside it, and KaTeX nests spans, so the mark goes on an element of its own,
    ``<mcv-math>``, which never nests. Beside it, a hidden ``<span>`` holds the formula as
    Unicode text (``∂(Ax)/∂x = A``): what search indexes and shows in its snippets, and what
    tables of contents read. The same text is the formula's label for screen readers (KaTeX
    hides its visual layout from them).
    """
    label = html.escape(text, quote=True)
    return (
        f'<mcv-math data-search-exclude role="img" aria-label="{label}">{katex_html}</mcv-math>'
        f'<span class="{PLAIN_TEXT_CLASS}" hidden>{html.escape(text, quote=False)}</span>'
    )


class KatexRenderer:
    """Render equations through one long-lived ``node katex_server.js`` process.

    The process starts on the first :meth:`render` call and lives until :meth:`close` (or the
    end of a ``with`` block). Results are cached per ``(latex, display)`` because the same
    symbols recur across pages. Not thread-safe: requests and replies share one pipe pair.
    """

    def __init__(self, node_modules: Path, macros: Mapping[str, str] | None = None) -> None:
        self._node_modules = node_modules.resolve()
        self._macros = dict(macros or {})
        self._proc: subprocess.Popen[bytes] | None = None
        self._cache: dict[tuple[str, bool], str] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def render(self, latex: str, *, display: bool) -> str:
        """Return KaTeX's HTML for ``latex``, or raise LatexError with KaTeX's message."""
        key = (latex, display)
        if key not in self._cache:
            reply = self._request({"latex": latex, "display": display})
            if "error" in reply:
                raise LatexError(latex, reply["error"])
            self._cache[key] = searchable(reply["html"], plain_math(latex, self._macros))
        return self._cache[key]

    def close(self) -> None:
        """Stop the Node process; closing its stdin lets it exit on its own."""
        if self._proc is not None:
            _shut_down(self._proc)
            self._proc = None

    def _request(self, payload: dict[str, str | bool]) -> dict[str, str]:
        proc = self._process()
        stdin, stdout = _pipes(proc)
        try:
            stdin.write(json.dumps(payload).encode() + b"\n")
            stdin.flush()
            line = stdout.readline()
        except BrokenPipeError:
            line = b""
        if not line:
            self._proc = None
            _shut_down(proc)
            code = proc.returncode
            cause = (
                f"was killed by {signal.Signals(-code).name}"
                if code < 0
                else f"exited with status {code}"
            )
            raise RuntimeError(
                f"The KaTeX server (node {SERVER_SCRIPT}) {cause} while rendering "
                f"{payload['latex']!r}; Node's own error output, if any, is on stderr."
            )
        reply: dict[str, str] = json.loads(line)
        return reply

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            node = shutil.which("node")
            if node is None:
                raise FileNotFoundError(
                    f"`node` is not on PATH; install Node.js, then {_INSTALL_HINT}."
                )
            katex_asset_dir(self._node_modules)
            # stderr is inherited so KaTeX's strict-mode warnings show up in the build log.
            self._proc = subprocess.Popen(
                [node, str(SERVER_SCRIPT), str(self._node_modules), json.dumps(self._macros)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        return self._proc


def _pipes(proc: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    """Narrow Popen's optional pipes, which are always set since the server starts with both."""
    assert proc.stdin is not None
    assert proc.stdout is not None
    return proc.stdin, proc.stdout


def _shut_down(proc: subprocess.Popen[bytes]) -> None:
    """Close the pipes and reap the process, killing it if it ignores end of input."""
    try:
        proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
