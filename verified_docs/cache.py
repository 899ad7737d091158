"""A cache of verification results and example output, keyed on everything that affects them.

A prose edit must cost nothing; an edit to one of the project's modules must re-run exactly
what depends on it. So a result is stored under a fingerprint of the module that produced it, of
every project module it imports (followed transitively through ``import`` statements), of the
installed engine's own files, of every installed distribution and its version, and of the Python
version. The cache is a folder of small JSON files (the plugin's ``cache_dir``); without one,
everything is computed from scratch, as CI does.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verified_docs.settings import Settings

ENGINE_DIR = Path(__file__).resolve().parent


class ResultCache:
    """JSON results stored under content fingerprints.

    ``project_root`` and ``packages`` say which imports are the project's own: their sources
    are part of a key.
    """

    def __init__(self, directory: Path, project_root: Path, packages: tuple[str, ...]) -> None:
        self.directory = directory
        self.project_root = project_root.resolve()
        self.packages = packages
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> ResultCache | None:
        """The project's cache, or None when it builds from scratch (``cache_dir: off``)."""
        if settings.cache_dir is None:
            return None
        return cls(settings.cache_dir, settings.project_root, (settings.package_root,))

    def key(self, kind: str, source: Path, *parts: str) -> str:
        """The key of a result computed from ``source`` (and whatever ``parts`` add)."""
        digest = hashlib.sha256()
        module = module_fingerprint(source, self.project_root, self.packages)
        for part in (kind, self.environment_fingerprint(), module, *parts):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def environment_fingerprint(self) -> str:
        return _environment_fingerprint()

    def get(self, key: str) -> Any | None:
        """The stored value, or None when there is none or it cannot be trusted.

        An entry is trusted only if its bytes still match the digest written with them (a
        truncated or altered file is recomputed) and every data file the result was computed
        from still has the content it had then.
        """
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            payload = json.dumps(entry["value"], sort_keys=True)
            trusted = entry["digest"] == _digest(payload) and _unchanged(
                entry["reads"], self.project_root
            )
        except (OSError, ValueError, KeyError, TypeError):
            trusted = False
        if not trusted:
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return entry["value"]

    def put(self, key: str, value: Any, reads: tuple[str, ...] = ()) -> None:
        """Store ``value``; ``reads`` are the project files (relative paths) it was made from."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(value, sort_keys=True)
        entry = {
            "digest": _digest(payload),
            "reads": {name: _file_digest_now(self.project_root / name) for name in reads},
            "value": value,
        }
        # Written to a temporary file and renamed, so a killed build never leaves half a file,
        # and a build reading the cache at the same time sees the old entry or the new one.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            json.dump(entry, handle)
        os.replace(handle.name, path)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _file_digest_now(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _unchanged(reads: dict[str, str], root: Path) -> bool:
    return all(_file_digest_now(root / name) == digest for name, digest in reads.items())


def module_fingerprint(path: Path, project_root: Path, packages: tuple[str, ...]) -> str:
    """Hash of a module's source and of every local module it imports, transitively.

    Called once per claim, so the parsing and hashing of each file is remembered for as long
    as the file is unchanged (same size and modification time).
    """
    digest = hashlib.sha256()
    for dependency in sorted(_dependencies(path.resolve(), project_root.resolve(), packages)):
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
def _imports_of(
    path: Path, mtime_ns: int, size: int, root: Path, packages: tuple[str, ...]
) -> tuple[Path, ...]:
    return tuple(_imported_files(path, root, packages))


def _dependencies(path: Path, root: Path, packages: tuple[str, ...]) -> set[Path]:
    seen: set[Path] = set()
    pending = [path]
    while pending:
        current = pending.pop()
        if current in seen or not current.is_file():
            continue
        seen.add(current)
        pending.extend(_imports_of(current, *_stamp(current), root, packages))
    return seen


def _imported_files(path: Path, root: Path, packages: tuple[str, ...]) -> list[Path]:
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
        if name.split(".")[0] not in packages:
            continue
        base = root.joinpath(*name.split("."))
        files.extend(
            candidate
            for candidate in (base.with_suffix(".py"), base / "__init__.py")
            if candidate.is_file()
        )
    return files


@cache
def _environment_fingerprint() -> str:
    """The interpreter, every installed distribution and the installed engine's files.

    Read from what is installed, not from a lock file in some repository: a result depends on
    the SymPy that ran, whatever file pinned it. A change to any re-runs everything.
    """
    digest = hashlib.sha256(sys.version.encode())
    installed = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(installed).encode())
    for source in sorted(ENGINE_DIR.rglob("*")):
        if source.suffix in (".py", ".js"):
            digest.update(str(source.relative_to(ENGINE_DIR)).encode())
            digest.update(_read_bytes(source))
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
