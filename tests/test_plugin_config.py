"""The plugin's options, read in-process the way ``mkdocs build`` reads them.

Each test writes a small ``mkdocs.yml`` into a temporary folder and loads it with MkDocs's own
loader (``!ENV`` included), then asks the plugin for the engine's settings or runs its
``on_config``: no build, no subprocess.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from verified_docs.markdown_ext import EXTENSION_NAME, VerifiedMathExtension
from verified_docs.plugin import VerifiedDocsPlugin
from verified_docs.settings import SettingsError, load_settings

BASE = "site_name: T\nplugins:\n  - verified-docs:\n      package: pkg\n"


def project(tmp_path: Path, options: str = "", extra: str = "") -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "pkg").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(BASE + options + extra, encoding="utf-8")
    return config


def test_defaults(tmp_path: Path) -> None:
    """Assert every option but the package has a documented default."""
    settings = load_settings(project(tmp_path))
    assert settings.package == "pkg"
    assert settings.checks_module == "claims"
    assert settings.cache_dir == tmp_path / ".cache" / "verified-docs"
    assert settings.execute is True
    assert settings.time_limit == 30.0
    assert settings.worker_count >= 1
    assert settings.node_modules == tmp_path / "node_modules"
    assert dict(settings.katex_macros) == {}
    assert (settings.claims_index, settings.claims_dir) == ("verified-claims.md", "claims")
    assert (settings.notebooks, settings.notebook_pages) == (True, False)
    assert settings.notebooks_title == "Notebooks"
    assert settings.docs_dir == tmp_path / "docs"


def test_package_is_required(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Assert a plugin entry without a package is a configuration error, not a guess."""
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text("site_name: T\nplugins:\n  - verified-docs\n", encoding="utf-8")
    with pytest.raises(Exception, match="configuration error"):
        load_config(str(config))
    assert "option 'package': Required configuration not provided" in caplog.text


def test_a_config_without_the_plugin_is_refused(tmp_path: Path) -> None:
    """Assert load_settings says which file lacks the plugin."""
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text("site_name: T\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="does not use the 'verified-docs' plugin"):
        load_settings(config)


@pytest.mark.parametrize(
    ("value", "expected"), [("0", False), ("off", False), ("false", False), ("1", True)]
)
def test_execute_overridden_through_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    """Assert !ENV turns execution off with 0, off or false (a prose-only preview)."""
    monkeypatch.setenv("PREVIEW_SWITCH", value)
    options = "      execute: !ENV [PREVIEW_SWITCH, true]\n"
    assert load_settings(project(tmp_path, options)).execute is expected


def test_cache_moved_or_switched_off_through_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Assert the cache folder follows !ENV, and 'off' means no cache."""
    options = "      cache_dir: !ENV [SOME_CACHE, .cache/verified-docs]\n"
    monkeypatch.setenv("SOME_CACHE", str(tmp_path / "elsewhere"))
    assert load_settings(project(tmp_path, options)).cache_dir == tmp_path / "elsewhere"
    monkeypatch.setenv("SOME_CACHE", "off")
    assert load_settings(project(tmp_path, options)).cache_dir is None


def test_on_config_swaps_the_guard_for_the_verifying_extension(tmp_path: Path) -> None:
    """Assert the listed guard extension is replaced by one holding the session."""
    config = load_config(
        str(project(tmp_path, extra=f"markdown_extensions:\n  - {EXTENSION_NAME}\n"))
    )
    plugin = config.plugins["verified-docs"]
    assert isinstance(plugin, VerifiedDocsPlugin)
    config = plugin.on_config(config)
    assert EXTENSION_NAME not in config.markdown_extensions
    (ours,) = [e for e in config.markdown_extensions if isinstance(e, VerifiedMathExtension)]
    assert ours.session is plugin.session


def test_on_config_refuses_a_missing_package_folder(tmp_path: Path) -> None:
    """Assert a package with no folder stops the build with one line (a PluginError) naming it."""
    config_file = project(tmp_path)
    (tmp_path / "pkg").rmdir()
    config = load_config(str(config_file))
    with pytest.raises(PluginError, match="package 'pkg' has no folder pkg/"):
        config.plugins["verified-docs"].on_config(config)


def test_notebook_pages_need_mkdocs_jupyter_after_the_plugin(tmp_path: Path) -> None:
    """Assert notebook pages without mkdocs-jupyter listed after verified-docs stop the build."""
    config = load_config(str(project(tmp_path, "      notebook_pages: true\n")))
    with pytest.raises(Exception, match="notebook_pages needs the mkdocs-jupyter plugin"):
        config.plugins["verified-docs"].on_config(config)


def test_notebook_pages_get_a_section_of_their_own(tmp_path: Path) -> None:
    """Assert each page that runs examples gets its notebook in a last nav section."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ch.md").write_text(
        '# Chapter\n\n```python run\n--8<-- "pkg/ex.py:one"\n```\n', encoding="utf-8"
    )
    config_file = project(
        tmp_path,
        "      notebook_pages: true\n  - mkdocs-jupyter\n",
        "nav:\n  - Home: index.md\n  - The chapter: ch.md\n",
    )
    config = load_config(str(config_file))
    config = config.plugins["verified-docs"].on_config(config)
    assert config.nav[-2] == {"Notebooks": [{"The chapter": "notebooks/ch.ipynb"}]}
