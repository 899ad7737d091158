"""End to end: each author mistake fails pytest and ``mkdocs build --strict``, located.

``tests/broken_site`` is a throwaway site holding one of each mistake. It is copied to a
temporary folder and built with the real plugin and collector; the mistakes must all be
reported as one-line ``file:line`` messages naming the claim or example, and no page with a
traceback may be written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
BROKEN_SITE = Path(__file__).resolve().parent / "broken_site"
PAGE = "docs/index.md"

# (what the author did wrong, the message the author must see). The numbers are those of the
# catalogue in README.md ("When the build says no"); test_readme_documents_every_mistake keeps
# the two in step.
EXPECTED = [
    ("1 false claim", f"{PAGE}:7: claim 'false-coefficient': side 2 is false"),
    ("2 flipped sign", f"{PAGE}:47: claim 'flipped-sign': side 2 is false"),
    (
        "3 dropped transpose",
        f"{PAGE}:51: claim 'dropped-transpose': with A 2×2, X 2×2: side 2 (entry 1,2) is false",
    ),
    ("4 true at two points only", f"{PAGE}:55: claim 'true-at-two-points': side 2 is false"),
    (
        "5 square-only identity stated for all shapes",
        f"{PAGE}:59: claim 'square-only': with A 3×2, X 2×3: side 2 is false",
    ),
    (
        "6 exception in an example",
        f"{PAGE}:27: example 'calc_examples/bad/examples.py:raises': raised IndexError",
    ),
    (
        "7 example past its time limit",
        f"{PAGE}:31: example 'calc_examples/bad/hangs.py:hangs': did not finish within 2 s",
    ),
    ("8 unknown claim id", f"{PAGE}:11: claim 'no-such-check': unknown claim id"),
    ("9a id used twice", f"{PAGE}:15: claim 'true-claim': id used twice (first at {PAGE}:3)"),
    (
        "9b two checks with one id",
        "calc_examples/dup/claims.py:8: claim id 'unused-check' already "
        "has a check at calc_examples/bad/claims.py:19",
    ),
    ("10 check no page uses", "calc_examples/bad/claims.py:19: check 'unused-check' is used by no"),
    ("11 unmarked equation", f"{PAGE}:19: display equation without a role"),
    ("11b claim without id", f"{PAGE}:23: '$$ claim' needs an id"),
    (
        "12a missing snippet section",
        f"{PAGE}:35: example 'calc_examples/bad/examples.py:no_such_section': ",
    ),
    (
        "12b missing snippet file",
        f"{PAGE}:39: example 'calc_examples/bad/no_such_file.py:anything': no such file",
    ),
    ("13a broken link", f"{PAGE}:67: broken link 'missing.md': there is no page missing.md"),
    (
        "13b broken anchor",
        f"{PAGE}:68: broken link '#no-such-heading': index.md has no heading or anchor",
    ),
    (
        "15 unseeded randomness",
        f"{PAGE}:63: example 'calc_examples/bad/unseeded.py:noise': its output would change "
        "between runs: default_rng() has no seed",
    ),
    (
        "16a result in inline math",
        f"{PAGE}:72: inline math $5x^2 = \\frac{{d}}{{dx}}(x^3)$ states a result: a relation "
        "between known quantities",
    ),
    (
        "16b approximation in inline math",
        f"{PAGE}:74: inline math $\\frac{{d}}{{dx}}(x^3) \\approx 5x^2$ states a result: an "
        "approximation between expressions cannot be checked",
    ),
    ("16c value stated in prose", f"{PAGE}:76: inline math $\\begin{{bmatrix}} 6y & 6x"),
    (
        "17a result in a definition block",
        f"{PAGE}:78: a definition block $\\frac{{d}}{{dx}}(x^3) = 5x^2$ states a result: a "
        "derivative on the left is not a definition",
    ),
    (
        "17b result in a notation block",
        f"{PAGE}:82: a notation block relates nothing that could be false, but "
        "$\\nabla (\\mathbf{x}^\\top A \\mathbf{x}) = 2A\\mathbf{x}$ states =",
    ),
    (
        "18 false inline claim",
        f"{PAGE}:86: claim 'inline-false': side 2 is false: stated − true simplifies to t",
    ),
    (
        "19 changed definition",
        f"{PAGE}:92: definition $u = t^3$: false: at t = ",
    ),
    (
        "20 condition the checks do not sample",
        f"{PAGE}:92: condition $t > 3$: no check of this page samples inside it: it does not "
        "hold at t = ",
    ),
    (
        "21 a norm with two meanings",
        f"{PAGE}:94: claim 'spectral-norm': \\lVert X \\rVert_2 of a matrix is its spectral "
        "norm, which the claim dialect does not evaluate",
    ),
    (
        "22a a model's condition false where it samples",
        f"{PAGE}:98: claim 'positive-only': the model's condition t > 0 fails at t = ",
    ),
    (
        "22b a sampling guarantee that does not hold",
        "calc_examples/guarantee/claims.py:5: importing the checks of "
        "calc_examples.guarantee.claims raised ConditionError: a 3×3 matrix with diagonal in "
        "(3.0, 4.0) and other entries in (-2.0, 2.0) need not be diagonally dominant",
    ),
]
INVALID_LATEX = f"{PAGE}:43: invalid LaTeX"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copy the broken site next to the real engine, KaTeX and theme configuration."""
    root = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(BROKEN_SITE, root)
    (root / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    (root / "mkdocs.yml").write_text(
        "site_name: Broken\n"
        "strict: true\n"
        "theme: {name: material, font: false}\n"
        "plugins:\n"
        "  - verified-docs:\n"
        "      package: calc_examples\n"
        "      time_limit: 2\n"
        "      cache_dir: 'off'\n"
        "markdown_extensions: [pymdownx.superfences]\n",
        encoding="utf-8",
    )
    return root


def _run(site: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=site,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def build(site: Path) -> subprocess.CompletedProcess[str]:
    return _run(site, "mkdocs", "build", "--strict")


@pytest.fixture(scope="module")
def pytest_run(site: Path) -> subprocess.CompletedProcess[str]:
    (site / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return _run(site, "pytest", "docs", "-q", "-p", "no:cacheprovider")


@pytest.mark.parametrize(("mistake", "message"), EXPECTED, ids=[m for m, _ in EXPECTED])
def test_build_reports_mistake(
    build: subprocess.CompletedProcess[str], mistake: str, message: str
) -> None:
    """Assert mkdocs build --strict fails and names the mistake's file and line."""
    assert build.returncode != 0
    assert message in build.stdout + build.stderr, build.stderr[-3000:]


@pytest.mark.parametrize(("mistake", "message"), EXPECTED, ids=[m for m, _ in EXPECTED])
def test_pytest_reports_mistake(
    pytest_run: subprocess.CompletedProcess[str], mistake: str, message: str
) -> None:
    """Assert pytest on the broken site fails and names the mistake's file and line."""
    assert pytest_run.returncode != 0
    assert message in pytest_run.stdout, pytest_run.stdout[-3000:]


def test_readme_documents_every_mistake() -> None:
    """Assert README's catalogue shows the message of every mistake tested here."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    catalogue = readme[readme.index("## When the build says no") :]
    for _, message in [*EXPECTED, ("14 invalid LaTeX", INVALID_LATEX)]:
        essence = message.split(": ", 1)[1] if message.startswith(PAGE) else message
        assert essence.split(" (first at")[0][:60] in catalogue, essence


def test_invalid_latex_fails_both(
    build: subprocess.CompletedProcess[str], pytest_run: subprocess.CompletedProcess[str]
) -> None:
    """Assert LaTeX that KaTeX rejects is reported with its line by both."""
    assert INVALID_LATEX in build.stdout + build.stderr
    assert INVALID_LATEX in pytest_run.stdout


def test_no_traceback_anywhere(site: Path, build: subprocess.CompletedProcess[str]) -> None:
    """Assert neither the build log nor any written page contains a Python traceback."""
    assert "Traceback (most recent call last)" not in build.stdout + build.stderr
    pages = list((site / "site").rglob("*.html")) if (site / "site").exists() else []
    assert all("Traceback" not in page.read_text(encoding="utf-8") for page in pages)
