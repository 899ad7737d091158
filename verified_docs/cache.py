"""A cache of verification results and example output, keyed on everything that affects them.

A prose edit must cost nothing; an edit to a ``calc_examples`` module must re-run exactly what
depends on it. So a result is stored under a fingerprint of the module that produced it, of
every repository module it imports (followed transitively through ``import`` statements), of
the engine's own sources, of the lock files and of the Python version. The cache is a folder
of small JSON files (``.cache/verified-docs`` by default); ``VERIFIED_DOCS_CACHE=off`` turns it
off, and CI never sees one because it builds from a clean checkout.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sys
import tempfile
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

CACHE_VARIABLE = "VERIFIED_DOCS_CACHE"
EXECUTE_VARIABLE = "VERIFIED_DOCS_EXECUTE"
_LOCAL_PACKAGES = ("calc_examples", "verified_docs")
_LOCK_FILES = ("uv.lock", "package-lock.json")


def execution_enabled() -> bool:
    """False when ``VERIFIED_DOCS_EXECUTE=0``: a prose-only preview runs no code at all."""
    return os.environ.get(EXECUTE_VARIABLE, "1").strip().lower() not in ("0", "false", "no", "off")


class ResultCache:
    """JSON results stored under content fingerprints."""

    def __init__(self, directory: Path, repo_root: Path) -> None:
        self.directory = directory
        self.repo_root = repo_root.resolve()
        self.hits = 0
        self.misses = 0

    @classmethod
    def from_environment(cls, repo_root: Path) -> ResultCache | None:
        """The cache ``$VERIFIED_DOCS_CACHE`` names (default ``.cache/verified-docs``), or None."""
        setting = os.environ.get(CACHE_VARIABLE, "")
        if setting.strip().lower() in ("off", "0", "none"):
            return None
        directory = Path(setting) if setting else repo_root / ".cache" / "verified-docs"
        return cls(directory, repo_root)

    def key(self, kind: str, source: Path, *parts: str) -> str:
        """The key of a result computed from ``source`` (and whatever ``parts`` add)."""
        digest = hashlib.sha256()
        for part in (kind, self.environment_fingerprint(), module_fingerprint(source), *parts):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def environment_fingerprint(self) -> str:
        return _environment_fingerprint(self.repo_root)

    def get(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written to a temporary file and renamed, so a killed build never leaves half a file.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump(value, handle)
        os.replace(handle.name, path)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"


def module_fingerprint(path: Path) -> str:
    """Hash of a module's source and of every local module it imports, transitively.

    Called once per claim, so the parsing and hashing of each file is remembered for as long
    as the file is unchanged (same size and modification time).
    """
    digest = hashlib.sha256()
    for dependency in sorted(_dependencies(path.resolve())):
        digest.update(str(dependency).encode())
        digest.update(_file_digest(dependency, *_stamp(dependency)).encode())
    return digest.hexdigest()


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(_read_bytes(path)).hexdigest()


@lru_cache(maxsize=4096)
def _imports_of(path: Path, mtime_ns: int, size: int) -> tuple[Path, ...]:
    return tuple(_imported_files(path, _repository_root_of(path)))


def _dependencies(path: Path) -> set[Path]:
    seen: set[Path] = set()
    pending = [path]
    while pending:
        current = pending.pop()
        if current in seen or not current.is_file():
            continue
        seen.add(current)
        pending.extend(_imports_of(current, *_stamp(current)))
    return seen


def _repository_root_of(path: Path) -> Path:
    for parent in path.parents:
        if (parent / "calc_examples").is_dir() or (parent / "verified_docs").is_dir():
            return parent
    return path.parent


def _imported_files(path: Path, root: Path) -> list[Path]:
    try:
        tree = ast.parse(_read_bytes(path))
    except SyntaxError:
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    files: list[Path] = []
    for name in names:
        if name.split(".")[0] not in _LOCAL_PACKAGES:
            continue
        base = root.joinpath(*name.split("."))
        files.extend(
            candidate
            for candidate in (base.with_suffix(".py"), base / "__init__.py")
            if candidate.is_file()
        )
    return files


@cache
def _environment_fingerprint(repo_root: Path) -> str:
    """The lock files, the interpreter and the engine: a change to any re-runs everything."""
    digest = hashlib.sha256(sys.version.encode())
    for name in _LOCK_FILES:
        digest.update(_read_bytes(repo_root / name))
    for source in sorted((repo_root / "verified_docs").rglob("*.py")):
        digest.update(_read_bytes(source))
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
