"""The same sources built by MkDocs and by Zensical (``./tasks zensical``) say the same thing.

Zensical renders through the verified-docs Markdown extension after the builder-neutral step
has verified every claim; the article of every page must then match the MkDocs build's, up to
what the two themes and search indexers add around it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# What the themes and indexers add that is not the page's content.
THEME_ONLY = [
    re.compile(r'<a id="__skip" tabindex="-1"></a>'),  # Zensical's skip-link target
    re.compile(r" data-search-exclude"),  # Zensical's indexer consumes the attribute
]


def articles(site: Path) -> dict[str, str]:
    """Page -> its article, without theme additions and with line breaks between tags folded."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if match is None:
            continue
        text = match.group(1)
        for pattern in THEME_ONLY:
            text = pattern.sub("", text)
        found[page.relative_to(site).as_posix()] = "".join(
            line.strip() for line in text.split("\n") if line.strip()
        )
    return found


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> tuple[Path, Path]:
    """The run's MkDocs site, and the same sources built with Zensical.

    Zensical's step verifies into the session's cache, which already holds every verdict this
    run computed from scratch: it stages and builds, and verifies nothing twice.
    """
    if not Path(sys.executable).with_name("zensical").is_file():
        pytest.skip("zensical is in the dev group: ./tasks verify installs it")
    zensical_site = tmp_path_factory.mktemp("builders") / "zensical"
    arguments = ["--site-dir", str(zensical_site)]
    if os.environ.get("VERIFIED_DOCS_CACHE"):
        arguments += ["--cache-dir", os.environ["VERIFIED_DOCS_CACHE"]]
    staged = _run("verified_docs.zensical_build", *arguments)
    assert staged.returncode == 0, (staged.stdout + staged.stderr)[-3000:]
    return built_site, zensical_site


def test_zensical_builds_every_page_mkdocs_builds(both_sites: tuple[Path, Path]) -> None:
    """Assert both builders write the same pages, claims pages, notebooks and claims.json."""
    mkdocs_site, zensical_site = both_sites
    # The notebooks' own pages come from mkdocs-jupyter, a MkDocs plugin Zensical does not run.
    pages = [page for page in articles(mkdocs_site) if not page.startswith("notebooks/")]
    assert sorted(pages) == sorted(articles(zensical_site))
    for extra in ("claims.json", "assets/katex/katex.min.css"):
        assert (zensical_site / extra).is_file(), extra
    notebooks = sorted(p.name for p in (mkdocs_site / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in (zensical_site / "notebooks").glob("*.ipynb"))


def test_every_article_is_the_same_under_both_builders(both_sites: tuple[Path, Path]) -> None:
    """Assert each page's article, verification marks included, matches the MkDocs build."""
    mkdocs_articles, zensical_articles = (articles(site) for site in both_sites)
    different = [
        page
        for page in mkdocs_articles
        if not page.startswith("notebooks/")
        and zensical_articles.get(page) != mkdocs_articles[page]
    ]
    assert different == []
