"""Execute example modules in a worker process, with a time limit per section.

Each module runs once per build, top to bottom, in a fresh namespace; the outputs of its
named sections are kept for the pages that show them. A section that runs past its time
limit kills the worker (the only reliable way to stop a hang) and a new one is started.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from verified_docs.cache import ResultCache
from verified_docs.examples.sections import Chunk, split_sections
from verified_docs.settings import Settings

DEFAULT_TIME_LIMIT = 30.0
# How long a new worker may take to start (an interpreter and its imports, seconds on a loaded
# machine): its start is not part of any section's time limit.
WORKER_START_LIMIT = 120.0


@dataclass(frozen=True)
class SectionRun:
    """What one section printed or displayed, or how it failed."""

    outputs: tuple[dict[str, str], ...] = ()
    error: str | None = None


@dataclass
class ModuleRun:
    chunks: list[Chunk]
    sections: dict[str, SectionRun] = field(default_factory=dict)
    module_error: str | None = None  # a failure outside any named section
    timed_out: bool = False
    reads: tuple[str, ...] = ()  # data files it opened, relative to the project


class ExampleRunner:
    """Run example modules on demand and remember the results for the rest of the build."""

    def __init__(
        self,
        repo_root: Path,
        time_limit: float = DEFAULT_TIME_LIMIT,
        cache: ResultCache | None = None,
        packages: tuple[str, ...] = (),
    ) -> None:
        """``packages`` are the project's own: the worker re-imports them for every module."""
        self.repo_root = repo_root
        self.time_limit = time_limit
        self.cache = cache
        self.packages = packages
        self._process: subprocess.Popen[bytes] | None = None
        self._runs: dict[Path, ModuleRun] = {}
        self._pending = b""

    @classmethod
    def for_settings(cls, settings: Settings, cache: ResultCache | None) -> ExampleRunner:
        """The runner a project's configuration asks for."""
        return cls(
            settings.project_root,
            time_limit=settings.time_limit,
            cache=cache,
            packages=(settings.package_root,),
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self, *, kill: bool = False) -> None:
        """Stop the worker: politely (end of input, so it exits normally), or by killing it.

        A polite stop lets the worker finish like any program (coverage data, buffers); a
        worker stuck in a hung example is killed.
        """
        if self._process is None:
            return
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=0 if kill else 10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout:
            self._process.stdout.close()
        self._process = None
        self._pending = b""

    def result(self, path: Path) -> ModuleRun | None:
        """The run of ``path`` in this build, if it was run (or taken from the cache)."""
        return self._runs.get(path.resolve())

    def forget(self, path: Path) -> None:
        """Drop a module's results so its next use runs it again (after an edit)."""
        self._runs.pop(path.resolve(), None)

    def run_module(self, path: Path) -> ModuleRun:
        """Run ``path`` (once per runner) and return its sections' results.

        Raises:
            SectionError: if the module's section markers are malformed.

        """
        path = path.resolve()
        if path not in self._runs:
            chunks = split_sections(path, path.read_text(encoding="utf-8"))
            self._runs[path] = self._cached_execute(path, chunks)
        return self._runs[path]

    def _cached_execute(self, path: Path, chunks: list[Chunk]) -> ModuleRun:
        if self.cache is None:
            return self._execute(path, chunks)
        key = self.cache.key("example-module", path)
        stored = self.cache.get(key)
        if stored is not None:
            return _module_run_from_json(chunks, stored)
        run = self._execute(path, chunks)
        # A time-out depends on the machine's load, not on the code: never remember one.
        if not run.timed_out:
            self.cache.put(key, _module_run_to_json(run), reads=run.reads)
        return run

    def _worker(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "verified_docs.examples.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=self.repo_root,
                env=_worker_environment(),
            )
            # The worker says it is ready once started; a death or a hang at start shows at the
            # first section's read, as before.
            self._read_reply(self._process, WORKER_START_LIMIT)
        return self._process

    def _execute(self, path: Path, chunks: list[Chunk]) -> ModuleRun:
        worker = self._worker()
        assert worker.stdin is not None
        assert worker.stdout is not None
        request = {
            "path": str(path),
            "chunks": [c.__dict__ for c in chunks],
            "forget": list(self.packages),
        }
        worker.stdin.write((json.dumps(request) + "\n").encode())
        worker.stdin.flush()
        run = ModuleRun(chunks)
        relative = _relative(path, self.repo_root)
        for chunk in chunks:
            reply = self._read_reply(worker)
            if reply is None:
                self.close(kill=True)
                run.timed_out = True
                message = f"did not finish within {self.time_limit:g} s (time limit)"
                _record(run, chunk, SectionRun(error=message))
                for later in chunks[chunks.index(chunk) + 1 :]:
                    _record(run, later, SectionRun(error="not run: an earlier part timed out"))
                return run
            error = reply["error"]
            failure: str | None = None
            if error is not None:
                location = f" ({relative}:{error['line']})" if error["line"] else ""
                failure = f"raised {error['type']}: {error['message']}{location}"
                if error["type"] == "NotRun":
                    failure = "not run: an earlier part of the module failed"
            _record(run, chunk, SectionRun(tuple(reply["outputs"]), failure))
        done = self._read_reply(worker) or {}
        if not done.get("done"):  # pragma: no cover - protocol guard
            self.close(kill=True)
        run.reads = tuple(done.get("reads", ()))
        return run

    def _read_reply(
        self, worker: subprocess.Popen[bytes], limit: float | None = None
    ) -> dict[str, Any] | None:
        """Read one reply line, or return None when the time limit (or ``limit``) passes first.

        The pipe is read unbuffered: a buffered reader could hold replies that ``select``
        no longer sees, and every later read would wait out the full time limit.
        """
        assert worker.stdout is not None
        descriptor = worker.stdout.fileno()
        deadline = time.monotonic() + (self.time_limit if limit is None else limit)
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([descriptor], [], [], remaining)[0]:
                return None
            data = os.read(descriptor, 65536)
            if not data:
                return {
                    "name": None,
                    "outputs": [],
                    "error": {
                        "type": "WorkerDied",
                        "message": f"exit status {worker.wait()}",
                        "line": None,
                    },
                }
            self._pending += data
        line, _, self._pending = self._pending.partition(b"\n")
        reply: dict[str, Any] = json.loads(line)
        return reply


def _module_run_to_json(run: ModuleRun) -> dict[str, Any]:
    return {
        "module_error": run.module_error,
        "sections": {
            name: {"outputs": list(result.outputs), "error": result.error}
            for name, result in run.sections.items()
        },
    }


def _module_run_from_json(chunks: list[Chunk], stored: dict[str, Any]) -> ModuleRun:
    sections = {
        name: SectionRun(tuple(result["outputs"]), result["error"])
        for name, result in stored["sections"].items()
    }
    return ModuleRun(chunks, sections, stored["module_error"])


def _record(run: ModuleRun, chunk: Chunk, result: SectionRun) -> None:
    if chunk.name is None:
        if result.error and run.module_error is None:
            run.module_error = result.error
    else:
        run.sections[chunk.name] = result


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _worker_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONHASHSEED"] = "0"
    environment["MPLBACKEND"] = "Agg"
    return environment
