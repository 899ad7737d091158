"""Measure what the site costs its authors and its readers, against the project's budgets.

Not a test: run ``.venv/bin/python tests/benchmarks/bench_site.py``. It works on a fresh copy of
the repository in a temporary directory (the files git tracks plus untracked ones it does not
ignore, with ``.venv`` and ``node_modules`` symlinked), so the numbers are a clean checkout's:

* cold build (empty ``VERIFIED_DOCS_CACHE``) against a build with execution off
  (``VERIFIED_DOCS_EXECUTE=0``): verifying must not make the site much slower to build;
* warm rebuild after a prose edit against the execution-off build: editing prose must cost
  almost nothing, so the cache has to cover every claim and example;
* the wall time of the whole test run in the copy, as CI runs it (``./tasks test``: pytest on
  every core under coverage, and the coverage gates);
* Lighthouse (mobile) on the heaviest page, served gzipped from 127.0.0.1, for what readers get.

``--lighthouse SITE_DIR`` runs only the Lighthouse part on an already built site (used to measure
other builds, such as a MathJax variant, the same way).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from verified_docs.markdown_syntax import DISPLAY_OPEN, lines_outside_fences

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PROSE_PAGE = "docs/long-chains.md"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@dataclass
class Figure:
    name: str
    value: float | None
    goal: str
    ok: bool | None
    unit: str = ""
    digits: int = 2

    def row(self) -> str:
        value = "n/a" if self.value is None else f"{self.value:.{self.digits}f}{self.unit}"
        status = {True: "pass", False: "FAIL", None: "n/a"}[self.ok]
        return f"{self.name:<44} {value:>12}  {self.goal:<10} {status}"


def at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def at_least(value: float | None, limit: float) -> bool | None:
    return None if value is None else value >= limit


# ---------------------------------------------------------------------------------------------
# A fresh copy of the repository


def repository_files(root: Path) -> list[str]:
    """Tracked files plus untracked files git does not ignore: what a checkout plus work holds."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted({name for name in listing.split("\0") if name})


def make_copy(destination: Path) -> Path:
    """Copy the repository's files into ``destination``, sharing the installed environments."""
    for name in repository_files(REPO_ROOT):
        source = REPO_ROOT / name
        if not source.is_file() or source.is_symlink():
            continue  # deleted in the work tree, or a link git tracks (none today)
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for shared in (".venv", "node_modules"):
        (destination / shared).symlink_to(REPO_ROOT / shared)
    return destination


def copy_environment(copy: Path, **overrides: str) -> dict[str, str]:
    """The environment for commands in the copy: its own sources first on the import path.

    The virtual environment's editable install points at the original checkout; PYTHONPATH
    makes the copy's ``verified_docs`` and ``calc_examples`` the ones that run.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(copy)}
    env.pop("VERIFIED_DOCS_EXECUTE", None)
    env.pop("VERIFIED_DOCS_CACHE", None)
    env.update(overrides)
    return env


def build(copy: Path, site_dir: Path, **env: str) -> float:
    """Seconds for one build of the copy into ``site_dir``.

    Verified builds are strict, as CI's; an execution-off build warns that it is only a preview,
    so it is built with ``--no-strict`` (mkdocs.yml sets ``strict: true``).
    """
    strict = "--no-strict" if env.get("VERIFIED_DOCS_EXECUTE") == "0" else "--strict"
    start = time.perf_counter()
    result = subprocess.run(
        [str(copy / ".venv" / "bin" / "mkdocs"), "build", strict, "-d", str(site_dir)],
        cwd=copy,
        env=copy_environment(copy, **env),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({env}):\n{result.stderr[-4000:]}")
    return elapsed


def edit_prose_line(page: Path) -> str:
    """Change one prose line of a page (outside math, code and headings); returns the new line.

    Code and display math are found by the page syntax's own rules, so the edit lands in what
    the engine reads as prose.
    """
    # Lines without their line ends, as the syntax rules read them (``closes_fence`` would not
    # take "```\n" for a closing fence).
    lines = page.read_text("utf-8").split("\n")
    in_math = False
    for index, line in lines_outside_fences(lines):
        if DISPLAY_OPEN.match(line):
            in_math = not in_math  # "$$ claim: id" opens, a bare "$$" closes
        elif not in_math and line[:1].isalpha() and "$" not in line:
            lines[index] = line + " Edited for the benchmark."
            page.write_text("\n".join(lines), "utf-8")
            return lines[index].strip()
    raise RuntimeError(f"no prose line found in {page}")


# ---------------------------------------------------------------------------------------------
# Serving a built site the way a static host would: gzip for text


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it and the type is text-like."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # let the base class redirect to the slash URL
                return
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts_gzip or not content_type.startswith(COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """``site_dir`` served gzipped from 127.0.0.1 on a free port, in a background thread."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def heaviest_page(site_dir: Path) -> str:
    """The URL path of the largest HTML page: the worst case a reader downloads and lays out."""
    pages = [p for p in site_dir.rglob("index.html") if p.parent.name != "404"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    relative = largest.parent.relative_to(site_dir).as_posix()
    return "" if relative == "." else f"{relative}/"


def lighthouse(
    site_dir: Path, page: str | None = None, keep: Path | None = None, runs: int = 3
) -> tuple[str, list[Figure]]:
    """Lighthouse 12 (mobile, its default) on one page of a built site; returns its figures.

    Each figure is the median of ``runs`` runs: Lighthouse scales the main thread's tasks as
    this machine ran them, so one run on a busy machine can be off by 15 points. ``keep``
    saves the last run's whole JSON report there (its main-thread breakdown says where the
    blocking time goes).
    """
    page = heaviest_page(site_dir) if page is None else page
    reports = []
    with serve(site_dir) as url:
        for _ in range(runs):
            reports.append(lighthouse_report(url + page, keep))
    data = reports[-1]

    def median_of(value: Callable[[dict[str, Any]], float | None]) -> float | None:
        values = [v for v in map(value, reports) if v is not None]
        return statistics.median(values) if values else None

    def score(name: str) -> float | None:
        return median_of(
            lambda report: (
                None
                if report["categories"][name]["score"] is None
                else report["categories"][name]["score"] * 100
            )
        )

    def numeric(name: str) -> float | None:
        return median_of(lambda report: report["audits"][name].get("numericValue"))

    performance, accessibility = score("performance"), score("accessibility")
    practices = score("best-practices")
    cls, bytes_, tbt = (
        numeric("cumulative-layout-shift"),
        numeric("total-byte-weight"),
        numeric("total-blocking-time"),
    )
    print(
        "lighthouse runs (performance, TBT ms): "
        + ", ".join(
            f"{report['categories']['performance']['score'] * 100:.0f} "
            f"{report['audits']['total-blocking-time']['numericValue']:.0f}"
            for report in reports
        )
    )
    kib = None if bytes_ is None else bytes_ / 1024
    suffix = f" (median of {runs})"
    figures = [
        Figure("Lighthouse performance" + suffix, performance, ">= 98", at_least(performance, 98)),
        Figure("Lighthouse accessibility", accessibility, "100", at_least(accessibility, 100)),
        Figure("Lighthouse best practices", practices, "100", at_least(practices, 100)),
        Figure("Cumulative layout shift", cls, "0", at_most(cls, 0), digits=4),
        Figure("Total transferred (total-byte-weight)", kib, "<= 250", at_most(kib, 250), " KiB"),
        Figure("Total blocking time" + suffix, tbt, "(info)", None, " ms"),
    ]
    categories, audits = data["categories"], data["audits"]
    failing = [
        f"{audit['id']}: {audit['title']}"
        for audit in audits.values()
        if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        and audit.get("score") is not None
        and audit["score"] < 1
        and any(
            ref["id"] == audit["id"]
            for name in ("accessibility", "best-practices")
            for ref in categories[name]["auditRefs"]
        )
    ]
    for item in failing:
        print(f"  lighthouse: not passed: {item}")
    return page, figures


def lighthouse_report(url: str, keep: Path | None) -> dict[str, Any]:
    """One Lighthouse run on ``url``: its JSON report (a copy saved at ``keep``)."""
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "report.json"
        command = [
            str(REPO_ROOT / "node_modules" / ".bin" / "lighthouse"),
            url,
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=--headless=new --no-sandbox",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices",
        ]
        # Lighthouse's launcher finds the browser through CHROME_PATH, whatever the flag says.
        environment = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(command, check=True, timeout=600, env=environment)
        if keep is not None:
            shutil.copyfile(report, keep)
        data: dict[str, Any] = json.loads(report.read_text("utf-8"))
        return data


# ---------------------------------------------------------------------------------------------


def pytest_wall_time(copy: Path, cache: Path) -> tuple[float, str]:
    """Seconds for the README's test run in the copy (``./tasks test``), and pytest's summary.

    That is the whole suite on every core under coverage, with the coverage gates, exactly as
    ``./tasks verify`` runs it before its final build.
    """
    start = time.perf_counter()
    result = subprocess.run(
        [str(copy / "tasks"), "test"],
        cwd=copy,
        env=copy_environment(copy, VERIFIED_DOCS_CACHE=str(cache)),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    for line in [line for line in lines if line.startswith(("FAILED", "ERROR"))][:30]:
        print(f"  {line[:160]}")
    summary = [line for line in lines if re.search(r"\d+ (passed|failed)", line)]
    return elapsed, (summary[-1] if summary else f"exit {result.returncode}")


def best_of(repeat: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(repeat))


def run_all(repeat: int, skip_pytest: bool, lighthouse_runs: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch_name:
        scratch = Path(scratch_name)
        copy = make_copy(scratch / "repo")
        counter = iter(range(1000))

        def fresh(kind: str) -> Path:
            path = scratch / f"{kind}-{next(counter)}"
            path.mkdir()
            return path

        site = scratch / "site"
        off = best_of(
            repeat,
            lambda: build(
                copy, site, VERIFIED_DOCS_EXECUTE="0", VERIFIED_DOCS_CACHE=str(fresh("cache"))
            ),
        )
        cache: Path = scratch / "unused"

        def cold_build() -> float:
            nonlocal cache
            cache = fresh("cache")
            return build(copy, site, VERIFIED_DOCS_CACHE=str(cache))

        cold = best_of(repeat, cold_build)
        cached_files = sum(1 for p in cache.rglob("*") if p.is_file())
        print(f"execution off {off:.2f} s, cold {cold:.2f} s; cache holds {cached_files} files")
        figures.append(Figure("Cold build / execution-off build", cold / off, "<= 2.5", None, "x"))
        figures[-1].ok = at_most(figures[-1].value, 2.5)

        edited = edit_prose_line(copy / PROSE_PAGE)
        print(f"edited {PROSE_PAGE}: {edited[:70]}...")
        warm = best_of(repeat, lambda: build(copy, site, VERIFIED_DOCS_CACHE=str(cache)))
        off_after = best_of(
            repeat,
            lambda: build(
                copy, site, VERIFIED_DOCS_EXECUTE="0", VERIFIED_DOCS_CACHE=str(fresh("cache"))
            ),
        )
        print(f"warm rebuild {warm:.2f} s, execution off {off_after:.2f} s")
        ratio = warm / off_after
        figures.append(
            Figure("Warm rebuild after prose edit / exec-off", ratio, "<= 1.2", None, "x")
        )
        figures[-1].ok = at_most(ratio, 1.2)
        figures.append(Figure("  cold build", cold, "(info)", None, " s"))
        figures.append(Figure("  execution-off build", off, "(info)", None, " s"))
        figures.append(Figure("  warm rebuild", warm, "(info)", None, " s"))

        # Lighthouse measures the cold build's output (identical HTML to any other build).
        build(copy, site, VERIFIED_DOCS_CACHE=str(cache))
        page, lighthouse_figures = lighthouse(site, runs=lighthouse_runs)
        print(f"lighthouse page: /{page} ({(site / page / 'index.html').stat().st_size} bytes)")

        if skip_pytest:
            figures.append(Figure("Test run wall time (./tasks test)", None, "<= 60 s", None))
        else:
            seconds, summary = pytest_wall_time(copy, fresh("cache"))
            print(f"pytest: {summary}")
            figures.append(
                Figure("Test run wall time (./tasks test)", seconds, "<= 60 s", None, " s")
            )
            figures[-1].ok = at_most(seconds, 60)
        figures.extend(lighthouse_figures)
    return figures


def print_table(figures: Sequence[Figure]) -> None:
    print()
    print(f"{'figure':<44} {'value':>12}  {'goal':<10} result")
    print("-" * 78)
    for figure in figures:
        print(figure.row())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=1, help="builds per figure; best is kept")
    parser.add_argument("--skip-pytest", action="store_true", help="leave out the suite timing")
    parser.add_argument(
        "--lighthouse", type=Path, metavar="SITE_DIR", help="only run Lighthouse on a built site"
    )
    parser.add_argument("--page", help="URL path for --lighthouse (default: the heaviest page)")
    parser.add_argument("--report", type=Path, help="save --lighthouse's JSON report here")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs; medians are kept")
    args = parser.parse_args(argv)
    # Progress lines matter when the output goes to a log: a full run takes minutes.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)
    if args.lighthouse:
        page, figures = lighthouse(args.lighthouse, args.page, args.report, args.runs)
        print(f"lighthouse page: /{page}")
    else:
        figures = run_all(args.repeat, args.skip_pytest, args.runs)
    print_table(figures)
    return 0 if all(f.ok is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
