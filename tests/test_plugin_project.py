"""The engine in another project: the plugin, the pytest collector and nothing of this site.

A project of its own is written to a temporary folder (its own ``mkdocs.yml``, one page, a
checks package with another name), built with ``mkdocs build --strict`` and tested with
``pytest``, as the README's "Use it in your own project" says. A copy of two of this site's
chapters with ``calc_examples`` renamed builds too: nothing in the engine may name this site's
package.
A missing package and the extension loaded without the plugin are tested in-process, in
``tests/test_plugin_config.py`` and ``tests/test_markdown_ext.py``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

CONFIG = """\
site_name: Demo
strict: true
plugins:
  - verified-docs:
      package: demo_checks
      cache_dir: 'off'
markdown_extensions:
  - verified_docs.markdown_ext
  - pymdownx.superfences
"""

PAGE = """\
# Demo

The derivative of a cube:

$$ claim: demo-cube
\\frac{d}{dt}\\left(t^3\\right) = {coefficient}t^2
$$
"""

CHECKS = """\
import sympy as sp

from verified_docs.checks import Model, identity

t = sp.Symbol("t", real=True)

# An identity: both sides of the page must agree.
identity("demo-cube", model=Model(sample={t: (-2.0, 2.0)}))
"""


def _project(root: Path, coefficient: int) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "demo_checks").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        PAGE.replace("{coefficient}", str(coefficient)), encoding="utf-8"
    )
    (root / "demo_checks" / "__init__.py").write_text("", encoding="utf-8")
    (root / "demo_checks" / "claims.py").write_text(CHECKS, encoding="utf-8")
    (root / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return root


def _run(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(cwd), "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("VERIFIED_DOCS_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_true_claim_builds_and_passes(tmp_path: Path) -> None:
    """Assert another project's true claim builds strict, is listed, and passes pytest."""
    root = _project(tmp_path / "demo", coefficient=3)
    build = _run(root, "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr[-3000:]
    assert '"demo-cube"' in (root / "site" / "claims.json").read_text(encoding="utf-8")
    assert (root / "site" / "claims" / "index.html").is_file()  # the listing of index.md
    assert (root / "site" / "verified-claims" / "index.html").is_file()
    tests = _run(root, "pytest", "docs", "-q", "-p", "no:cacheprovider")
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert re.search(r"\b[4-9] passed\b", tests.stdout), tests.stdout[-500:]


def test_false_claim_fails_build_and_pytest(tmp_path: Path) -> None:
    """Assert another project's false claim fails both, located at its page and line."""
    root = _project(tmp_path / "demo", coefficient=2)
    message = "docs/index.md:5: claim 'demo-cube': side 2 is false"
    build = _run(root, "mkdocs", "build", "--strict")
    assert build.returncode != 0
    assert message in build.stderr, build.stderr[-3000:]
    tests = _run(root, "pytest", "docs", "-q", "-p", "no:cacheprovider")
    assert tests.returncode != 0
    assert message in tests.stdout, tests.stdout[-3000:]


RENAMED = "mcv_examples"
# The renamed copy holds the chapters that between them use every feature of the engine that
# meets the package's name: Hessians has display claims (checks importing helper modules of
# their chapter), inline claims, refuted options, examples run from snippets, a figure (its
# module imports the shared figure style), a notebook and a claims page; Notation has an inline
# claim and no example. Name-independence is a property of the engine, not of how many chapters
# it verifies: the whole site is verified from scratch by the run's offline build, so the copy
# does not verify every other chapter a second time.
KEPT_PAGES = ("index.md", "notation.md", "hessians.md", "verified-claims.md")
PAGE_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<page>[\w-]+\.md)(?:#[^)\s]*)?\)")
NAV_PAGE = re.compile(r"^\s+- .*: (?P<page>[\w-]+\.md)$")


def _without_dropped_pages(text: str) -> str:
    """A kept page's Markdown with links to pages the copy leaves out turned into plain text."""
    return PAGE_LINK.sub(lambda link: link[0] if link["page"] in KEPT_PAGES else link["text"], text)


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site, its kept chapters only, with ``calc_examples`` renamed everywhere.

    Renamed in the folder, the imports, the pages' snippets and the configuration; the nav
    lists the kept pages, and links to the others become plain text.
    """
    root = tmp_path_factory.mktemp("renamed") / "site"
    (root / "docs").mkdir(parents=True)
    for page in KEPT_PAGES:
        shutil.copy(REPO_ROOT / "docs" / page, root / "docs" / page)
    shutil.copytree(REPO_ROOT / "docs" / "stylesheets", root / "docs" / "stylesheets")
    kept_chapters = {Path(page).stem.replace("-", "_") for page in KEPT_PAGES}
    shutil.copytree(
        REPO_ROOT / "calc_examples",
        root / RENAMED,
        ignore=lambda folder, names: [
            name
            for name in names
            if name == "__pycache__"
            or (
                Path(folder) == REPO_ROOT / "calc_examples"
                and (Path(folder) / name / "claims.py").is_file()
                and name not in kept_chapters
            )
        ],
    )
    shutil.copytree(REPO_ROOT / "overrides", root / "overrides")
    (root / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    for path in [*root.rglob("*.py"), *root.rglob("*.md")]:
        text = path.read_text(encoding="utf-8").replace("calc_examples", RENAMED)
        path.write_text(_without_dropped_pages(text), encoding="utf-8")
    config = (
        (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("calc_examples", RENAMED)
    )
    (root / "mkdocs.yml").write_text(
        "".join(
            line
            for line in config.splitlines(keepends=True)
            if (nav := NAV_PAGE.match(line)) is None or nav["page"] in KEPT_PAGES
        ),
        encoding="utf-8",
    )
    return root


def test_renamed_copy_builds_strict(renamed_site: Path) -> None:
    """Assert the site builds strict with its package under another name, every feature used."""
    build = _run(renamed_site, "mkdocs", "build", "--strict")
    assert build.returncode == 0, build.stderr[-3000:]
    site = renamed_site / "site"
    listed = (site / "claims.json").read_text(encoding="utf-8")
    assert RENAMED in listed
    assert "calc_examples" not in listed
    page = (site / "hessians" / "index.html").read_text(encoding="utf-8")
    # Display and inline claims verified, refuted options shown false, an example's output,
    # a figure, the notebook link: each feature ran under the new name.
    for used in (
        "mcv-claim mcv-claim--verified",
        "mcv-inline-claim mcv-claim--verified",
        "mcv-claim mcv-claim--refuted",
        "mcv-output",
        "mcv-output--figure",
        'class="mcv-notebook"',
    ):
        assert used in page, used
    notebook = (site / "notebooks" / "hessians.ipynb").read_text(encoding="utf-8")
    assert f"{RENAMED}/hessians/functions.py" in notebook  # the setup cell writes the modules
    assert (site / "claims" / "hessians" / "index.html").is_file()


def test_renamed_copy_fails_on_a_false_claim(renamed_site: Path) -> None:
    """Assert a false claim on a page of the renamed copy fails, located at its line."""
    page = renamed_site / "docs" / "hessians.md"
    original = page.read_text(encoding="utf-8")
    lines = original.split("\n")
    opening = next(i for i, line in enumerate(lines) if line.startswith("$$ claim: "))
    claim_id = lines[opening].removeprefix("$$ claim: ").strip()
    closing = lines.index("$$", opening + 1)
    lines[closing - 1] += " + 1"  # the last side gains a constant: false at every point
    page.write_text("\n".join(lines), encoding="utf-8")
    try:
        tests = _run(renamed_site, "pytest", "docs/hessians.md", "-q", "-p", "no:cacheprovider")
    finally:
        page.write_text(original, encoding="utf-8")
    assert tests.returncode != 0
    assert f"docs/hessians.md:{opening + 1}: claim '{claim_id}': " in tests.stdout, tests.stdout[
        -3000:
    ]


def test_zensical_refuses_to_build_unverified(tmp_path: Path) -> None:
    """Assert Zensical, which ignores MkDocs plugins, fails loudly and writes no page."""
    zensical = Path(sys.executable).with_name("zensical")
    if not zensical.is_file():
        pytest.skip("zensical is in the dev group: ./tasks verify installs it")
    root = _project(tmp_path / "demo", coefficient=3)
    environment = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [str(zensical), "build"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "ran the Markdown extension but not the verified-docs plugin" in (
        result.stdout + result.stderr
    )
    assert not (root / "site" / "index.html").exists()


@pytest.mark.parametrize(("coefficient", "succeeds"), [(3, True), (2, False)])
def test_zensical_step_builds_verified_or_not_at_all(
    tmp_path: Path, coefficient: int, succeeds: bool
) -> None:
    """Assert ./tasks zensical's step builds a true claim and stops, located, at a false one."""
    if not Path(sys.executable).with_name("zensical").is_file():
        pytest.skip("zensical is in the dev group: ./tasks verify installs it")
    root = _project(tmp_path / "demo", coefficient=coefficient)
    result = _run(root, "verified_docs.zensical_build", "--site-dir", "site-zensical")
    page = root / "site-zensical" / "index.html"
    if succeeds:
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
        assert 'id="claim-demo-cube"' in page.read_text(encoding="utf-8")
        assert '"demo-cube"' in (root / "site-zensical" / "claims.json").read_text("utf-8")
    else:
        assert result.returncode != 0
        assert "docs/index.md:5: claim 'demo-cube': side 2 is false" in result.stderr
        assert not page.exists()
