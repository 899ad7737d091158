"""What the engine needs to know about one project, in one place.

The MkDocs plugin builds a :class:`Settings` from its options in ``mkdocs.yml``; the pytest
plugin and the tests load the same file with :func:`load_settings`, so a build and a test run
can never disagree on where the checks live or how long an example may take. Nothing in the
engine names a project's package, folders or pages: they all come from here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

PLUGIN_NAME = "verified-docs"


class SettingsError(Exception):
    """The configuration cannot work (a missing package, a plugin not configured)."""


@dataclass(frozen=True)
class Settings:
    """One project's configuration of the engine.

    Attributes:
        project_root: the folder of ``mkdocs.yml``; pages and modules are named relative to it.
        docs_dir: the Markdown pages.
        package: the importable package whose ``checks_module`` modules register the checks
            and whose folder holds the example modules pages may run.
        checks_module: the module name (in any subpackage) that registers checks.
        cache_dir: where results are kept between builds; None builds from scratch.
        execute: False is a prose-only preview that verifies nothing.
        time_limit: seconds an example section may run.
        workers: processes that verify claims; 0 means one per CPU.
        node_modules: the folder holding ``katex`` (installed by npm).
        katex_macros: macros every equation may use, such as ``\\R``.
        claims_index: the page (docs-relative) that lists every claim; generated when absent.
        claims_dir: the folder (docs-relative) of the generated per-chapter claims pages.
        claims_title: the navigation title of the claims section.
        notebooks: whether each chapter with examples gets a notebook of its modules.
        notebooks_dir: the folder of the site the notebooks are written to.
        notebook_pages: whether the notebooks are also pages of the site (rendered by
            mkdocs-jupyter), in a navigation section of their own.
        notebooks_title: the navigation title of that section.

    """

    project_root: Path
    docs_dir: Path
    package: str
    checks_module: str = "claims"
    cache_dir: Path | None = None
    execute: bool = True
    time_limit: float = 30.0
    workers: int = 0
    node_modules: Path = Path("node_modules")
    katex_macros: Mapping[str, str] = field(default_factory=dict)
    claims_index: str = "verified-claims.md"
    claims_dir: str = "claims"
    claims_title: str = "Verified claims"
    notebooks: bool = True
    notebooks_dir: str = "notebooks"
    notebook_pages: bool = False
    notebooks_title: str = "Notebooks"

    @property
    def package_root(self) -> str:
        """The top-level package: modules under it are the project's own (cache keys)."""
        return self.package.split(".")[0]

    @property
    def examples_dir(self) -> PurePosixPath:
        """The folder of example modules, relative to the project (``pkg/sub`` for ``pkg.sub``)."""
        return PurePosixPath(*self.package.split("."))

    @property
    def docs_prefix(self) -> PurePosixPath:
        """The docs folder relative to the project: pages are named ``<prefix>/<page>.md``."""
        return PurePosixPath(self.docs_dir.relative_to(self.project_root).as_posix())

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


def load_settings(config_file: Path) -> Settings:
    """The settings of the ``verified-docs`` plugin in ``config_file`` (a ``mkdocs.yml``).

    The file is loaded the way ``mkdocs build`` loads it (``!ENV`` overrides included), so a
    test run reads exactly what the build reads.

    Raises:
        SettingsError: if the file does not configure the plugin.

    """
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise SettingsError(f"{config_file} does not use the {PLUGIN_NAME!r} plugin")
    settings: Settings = plugin.settings_for(config)
    return settings
