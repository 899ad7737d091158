"""Links to a claim on another page, validated by MkDocs's own strict build, in-process.

A claim is rendered as raw HTML, which MkDocs does not search for anchors; the plugin registers
each claim's ``#claim-<id>`` with the page, so ``mkdocs build --strict`` accepts a link to a
claim that exists and still rejects one to a claim that does not. The target page has a
heading with math, whose id the engine's own link check cannot predict: it leaves that page's
anchors to MkDocs, as it does for ``docs/reference.md``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO_ROOT = Path(__file__).resolve().parents[1]

CONFIG = """\
site_name: Anchors
strict: true
plugins:
  - verified-docs:
      package: {package}
      cache_dir: 'off'
      workers: 1
      notebooks: false
validation:
  anchors: warn
markdown_extensions:
  - verified_docs.markdown_ext
  - toc
"""

RULES = """\
# Rules

## The rule for $t^3$

$$ claim: anchor-cube
\\frac{d}{dt}\\left(t^3\\right) = 3t^2
$$

And inline, $\\frac{d}{dt}\\left(t^2\\right) = 2t${claim: anchor-square}.
"""

CHECKS = """\
import sympy as sp

from verified_docs.checks import Model, identity

t = sp.Symbol("t", real=True)
identity("anchor-cube", "anchor-square", model=Model(sample={t: (-2.0, 2.0)}))
"""


def _build(root: Path, monkeypatch: pytest.MonkeyPatch, *targets: str) -> None:
    """Build a site whose summary links to ``targets``; its checks package is named after it.

    Imported modules stay imported, so each build's package has a name of its own.
    """
    package = f"anchor_checks_{root.name}"
    (root / "docs").mkdir(parents=True)
    (root / package).mkdir()
    (root / "mkdocs.yml").write_text(CONFIG.format(package=package), encoding="utf-8")
    (root / "docs" / "index.md").write_text(RULES, encoding="utf-8")
    links = " and ".join(f"[a rule]({target})" for target in targets)
    (root / "docs" / "summary.md").write_text(f"# Summary\n\nSee {links}.\n", encoding="utf-8")
    (root / package / "__init__.py").write_text("", encoding="utf-8")
    (root / package / "claims.py").write_text(CHECKS, encoding="utf-8")
    (root / "node_modules").symlink_to(REPO_ROOT / "node_modules")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml")))


def test_links_to_claims_on_another_page_pass_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert a strict build accepts links to a display claim and an inline claim."""
    _build(tmp_path, monkeypatch, "index.md#claim-anchor-cube", "index.md#claim-anchor-square")
    rules = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'id="claim-anchor-cube"' in rules
    assert 'id="claim-anchor-square"' in rules


def test_a_link_to_a_missing_claim_fails_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Assert a strict build rejects a link to a claim the page does not state."""
    with pytest.raises(Abort, match="in strict mode"):
        _build(tmp_path, monkeypatch, "index.md#claim-anchor-cube", "index.md#claim-anchor-cub")
    assert (
        "Doc file 'summary.md' contains a link 'index.md#claim-anchor-cub', but the doc "
        "'index.md' does not contain an anchor '#claim-anchor-cub'"
    ) in caplog.text
    assert "#claim-anchor-cube'" not in caplog.text
