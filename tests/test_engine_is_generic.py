"""The engine names nothing of this site: another project configures everything.

Every name below belongs to this repository (its package, pages, lock files, title); the
engine gets them from the plugin's options in ``mkdocs.yml``, so none may appear in its files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[1] / "verified_docs"
SITE_NAMES = [
    "calc_examples",
    "Matrix Calculus",
    "requirements.lock",
    "uv.lock",
    "package-lock",
    "node_modules/katex",
]
# A quoted "docs" is this site's folder; MkDocs's default belongs to the configuration. (The
# claims index's default name, verified-claims.md, is the engine's own, set again in mkdocs.yml.)
DOCS_LITERAL = re.compile(r"""["']docs/?["']""")


@pytest.mark.parametrize(
    "source",
    sorted(p for p in ENGINE.rglob("*") if p.suffix in (".py", ".js")),
    ids=lambda p: p.relative_to(ENGINE).as_posix(),
)
def test_engine_file_names_nothing_of_this_site(source: Path) -> None:
    """Assert an engine file holds none of this site's names, not even in a docstring."""
    text = source.read_text(encoding="utf-8")
    assert [name for name in SITE_NAMES if name in text] == []
    assert DOCS_LITERAL.findall(text) == []
