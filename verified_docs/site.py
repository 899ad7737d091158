"""Verify a whole site before (and independently of) rendering it.

Every page is scanned, every claim is bound to its check and verified, every example module is
run, and the bindings are cross-checked (unknown ids, ids used twice, checks no page uses).
The MkDocs hook, the Markdown extension and the pytest collector all read this one report.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import multiprocessing
import pkgutil
import sys
import traceback
from collections.abc import Collection
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path, PurePosixPath

from verified_docs.cache import ResultCache, module_fingerprint
from verified_docs.checks import REGISTRY, CheckDefinitionError, ClaimCheck
from verified_docs.examples.determinism import unstable_calls
from verified_docs.examples.runner import ExampleRunner, SectionRun
from verified_docs.examples.sections import SectionError, find_section, split_sections
from verified_docs.links import broken_links, page_anchors
from verified_docs.markdown_syntax import RESTATES, claim_anchor
from verified_docs.page_scan import DisplayMath, Example, PageScan, scan_page
from verified_docs.problems import Problem, claim_kind
from verified_docs.settings import Settings
from verified_docs.statements import (
    PageModel,
    StatementRecord,
    check_statements,
    statement_problem,
)
from verified_docs.verify import ClaimFailure, Verdict, verify_equation


@dataclass
class ClaimRecord:
    equation: DisplayMath
    check: ClaimCheck | None = None
    verdict: Verdict | None = None
    error: str | None = None
    skipped: bool = False  # execution is off: a preview that checked nothing


@dataclass
class ExampleRecord:
    example: Example
    code: str | None = None
    run: SectionRun | None = None
    error: str | None = None
    skipped: bool = False


@dataclass
class SiteReport:
    claims: list[ClaimRecord] = field(default_factory=list)
    examples: list[ExampleRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    # ``$…${restates: id}``: a claim stated again (a summary), verified by the same check
    restatements: list[ClaimRecord] = field(default_factory=list)

    def claim_at(self, page: Path, line: int, claim_id: str | None = None) -> ClaimRecord | None:
        """The claim stated at ``page:line`` (with ``claim_id``, for inline claims on one line)."""
        return next(
            (
                r
                for r in [*self.claims, *self.restatements]
                if r.equation.page == page
                and r.equation.line == line
                and claim_id in (None, r.equation.claim_id)
            ),
            None,
        )

    def claim_with_id(self, page: Path, claim_id: str, latex: str, role: str) -> ClaimRecord | None:
        """The inline claim (or restatement) ``claim_id`` written as ``latex`` on ``page``.

        The role tells a restatement from the claim it restates, which a page may write in the
        same words: only the claim carries the anchor.
        """
        return next(
            (
                r
                for r in [*self.claims, *self.restatements]
                if r.equation.page == page
                and r.equation.inline
                and r.equation.role == role
                and r.equation.claim_id == claim_id
                and " ".join(r.equation.latex.split()) == " ".join(latex.split())
            ),
            None,
        )

    def claim_anchors(self, page: Path) -> set[str]:
        """The anchors of the claims stated on ``page``; a restatement carries none."""
        return {
            claim_anchor(r.equation.claim_id)
            for r in self.claims
            if r.equation.page == page and r.equation.claim_id
        }

    def example_at(self, page: Path, line: int) -> ExampleRecord | None:
        return next(
            (r for r in self.examples if r.example.page == page and r.example.line == line), None
        )


def page_body(text: str) -> tuple[str, int]:
    """Return the page without YAML front matter, and the file line its first line is on."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :], text[: end + 5].count("\n") + 1
    return text, 1


def link_problems(docs_dir: Path, repo_root: Path) -> list[Problem]:
    """Every internal link that leads to no page or no anchor, located at its page's line."""
    bodies = {}
    for path in sorted(docs_dir.rglob("*.md")):
        inside = PurePosixPath(path.relative_to(docs_dir).as_posix())
        bodies[inside] = (path, *page_body(path.read_text(encoding="utf-8")))
    anchors = {inside: page_anchors(body) for inside, (_, body, _) in bodies.items()}
    return [
        Problem(_relative(path, repo_root), line, "link", target, message)
        for inside, (path, body, first_line) in bodies.items()
        for line, target, message in broken_links(inside, body, first_line, anchors)
    ]


def scan_docs(docs_dir: Path, repo_root: Path) -> list[PageScan]:
    """Scan every Markdown page under ``docs_dir``; pages are named relative to the repo."""
    scans = []
    for path in sorted(docs_dir.rglob("*.md")):
        body, first_line = page_body(path.read_text(encoding="utf-8"))
        scans.append(scan_page(_relative(path, repo_root), body, first_line))
    return scans


_LOADED: dict[
    str, tuple[tuple[tuple[str, int, int], ...], dict[str, ClaimCheck], list[Problem]]
] = {}


def load_checks(package: str, module_name: str) -> tuple[dict[str, ClaimCheck], list[Problem]]:
    """Import every ``module_name`` module of ``package`` and return the registered checks.

    Modules are imported afresh whenever a source file of the package has changed since the
    last call, so ``mkdocs serve`` sees edited checks; otherwise the last result is reused
    (a test session verifies a hundred copies of the chapters against the same checks).
    """
    root_spec = importlib.util.find_spec(package)
    locations = list(root_spec.submodule_search_locations or []) if root_spec else []
    signature = tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for location in locations
        for path in sorted(Path(location).rglob("*.py"))
        if (stat := path.stat())
    )
    cached = _LOADED.get(f"{package}:{module_name}")
    if cached is not None and cached[0] == signature and signature:
        REGISTRY.clear()
        REGISTRY.update(cached[1])
        return dict(cached[1]), list(cached[2])
    checks, problems = _import_checks(package, module_name, locations)
    _LOADED[f"{package}:{module_name}"] = (signature, checks, problems)
    return dict(checks), list(problems)


def _import_checks(
    package: str, module_name: str, locations: list[str]
) -> tuple[dict[str, ClaimCheck], list[Problem]]:
    for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[name]
    REGISTRY.clear()
    problems: list[Problem] = []
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        if module.name.rsplit(".", 1)[-1] == module_name:
            try:
                importlib.import_module(module.name)
            except CheckDefinitionError as error:
                problems.append(error.problem)
            except Exception as error:
                problems.append(_import_problem(module.name, error, locations))
    return dict(REGISTRY), problems


def _import_problem(module_name: str, error: Exception, locations: list[str]) -> Problem:
    """The file and line where importing a checks module failed."""
    if isinstance(error, SyntaxError) and error.filename:
        path, line = _relative(Path(error.filename), Path.cwd()), error.lineno
    else:
        frames = traceback.extract_tb(error.__traceback__)
        inside = [Path(location).resolve() for location in locations]
        ours = [
            frame
            for frame in frames
            if any(folder in Path(frame.filename).resolve().parents for folder in inside)
        ] or frames
        path, line = _relative(Path(ours[-1].filename), Path.cwd()), ours[-1].lineno
    message = f"importing the checks of {module_name} raised {type(error).__name__}: {error}"
    return Problem(path, line, "import", module_name, message)


def verify_site(
    settings: Settings,
    runner: ExampleRunner,
    *,
    cache: ResultCache | None = None,
    only: Collection[Path] | None = None,
) -> SiteReport:
    """Scan, bind, verify and run everything; problems are one line each, with file:line.

    With ``settings.execute`` off (a prose-only preview) bindings are still checked, but no
    claim is verified and no example runs; the records say so and the pages show it. ``only``
    (pages named relative to the project) limits verification and examples to those pages, for
    a test run of one chapter; bindings are still checked across the whole site.
    """
    report = SiteReport()
    docs_dir, repo_root, execute = settings.docs_dir, settings.project_root, settings.execute
    selected = {Path(page) for page in only} if only is not None else None
    verify = _Verifier(cache, settings.worker_count)
    checks, check_problems = load_checks(settings.package, settings.checks_module)
    report.problems.extend(check_problems)
    scans = scan_docs(docs_dir, repo_root)
    first_use: dict[str, DisplayMath] = {}
    bound: list[tuple[PageScan, list[ClaimRecord], bool]] = []
    for scan in scans:
        active = execute and (selected is None or Path(scan.page) in selected)
        claims = [
            _bind_claim(equation, checks, first_use, verify, active)
            for equation in scan.equations
            if equation.claim_id is not None
        ]
        bound.append((scan, claims, active))
    # The claims are verified in worker processes while this one runs the examples (in their
    # own process) and decides the statements, which need the checks but not the verdicts.
    verify.start()
    pages: list[tuple[PageScan, list[ClaimRecord], list[ExampleRecord], list[StatementRecord]]] = []
    try:
        for scan, claims, active in bound:
            examples = [
                run_example(example, settings, runner if active else None)
                for example in scan.examples
            ]
            statements = _page_statements(scan, claims, active, cache)
            pages.append((scan, claims, examples, statements))
    finally:
        verify.finish()
    # Problems in reading order: each page's syntax, claims and examples, then the site's.
    for scan, claims, examples, statements in pages:
        report.problems.extend(scan.problems)
        report.claims.extend(r for r in claims if r.equation.role != RESTATES)
        report.restatements.extend(r for r in claims if r.equation.role == RESTATES)
        report.problems.extend(
            claim_problem(record.equation, record.error) for record in claims if record.error
        )
        report.statements.extend(statements)
        report.problems.extend(statement_problem(record) for record in statements if record.error)
        report.examples.extend(examples)
        report.problems.extend(
            example_problem(record.example, record.error) for record in examples if record.error
        )
    for claim_id, check in sorted(checks.items()):
        if claim_id not in first_use:
            report.problems.append(
                Problem(
                    _relative(check.source, repo_root),
                    check.line,
                    "check",
                    claim_id,
                    f"check {claim_id!r} is used by no page; state its claim on a page or delete "
                    "the check",
                )
            )
    report.problems.extend(link_problems(docs_dir, repo_root))
    return report


def _page_statements(
    scan: PageScan, claims: list[ClaimRecord], active: bool, cache: ResultCache | None
) -> list[StatementRecord]:
    """The page's statements decided, or read back from the cache.

    A decision depends only on the statements (not where on the page they stand) and on the
    checks the page's claims are bound to, with their ids and sections: the key holds exactly
    that, with the fingerprints of the checks' modules, so a copy of a page with one claim
    changed (a mutation test), or a prose edit, decides them without evaluating anything.
    """
    bound = [(record, record.check) for record in claims if record.check is not None]
    if cache is None or not active or not scan.statements or not bound:
        return check_statements(scan.statements, page_models(claims), execute=active)
    sources = sorted({check.source for _, check in bound})
    parts = [module_fingerprint(source, cache.project_root, cache.packages) for source in sources]
    parts += [
        repr((record.equation.claim_id, check.claim_id, record.equation.section))
        for record, check in bound
    ]
    parts += [
        repr((item.latex, item.relation, item.context, item.section)) for item in scan.statements
    ]
    key = cache.key("statements", sources[0], *parts)
    stored = cache.get(key)
    if isinstance(stored, list) and len(stored) == len(scan.statements):
        return [
            StatementRecord(statement, checked_against=decided, error=error)
            for statement, (decided, error) in zip(scan.statements, stored, strict=True)
        ]
    records = check_statements(scan.statements, page_models(claims), execute=active)
    cache.put(key, [[record.checked_against, record.error] for record in records])
    return records


def page_models(claims: list[ClaimRecord]) -> list[PageModel]:
    """The models of the checks a page's claims are bound to: what its definitions mean."""
    found = []
    for record in claims:
        if record.check is None:
            continue
        for model in record.check.models:
            try:
                quantity = record.check.quantity(model)
            except Exception:  # a broken check is reported with its claim
                quantity = None
            found.append(
                PageModel(
                    record.equation.claim_id or "",
                    model,
                    record.check.lhs,
                    quantity,
                    record.equation.section,
                )
            )
    return found


def claim_problem(equation: DisplayMath, reason: str) -> Problem:
    """A claim (or refuted option, or restatement) that fails, reported under its role."""
    claim_id = equation.claim_id or ""
    message = f"{equation.role} {claim_id!r}: {reason}"
    return Problem(equation.page, equation.line, claim_kind(equation.role), claim_id, message)


def example_problem(example: Example, reason: str) -> Problem:
    message = f"example {example.example_id!r}: {reason}"
    return Problem(example.page, example.line, "example", example.example_id, message)


class _Verifier:
    """verify_equation behind the result cache, run in parallel, or not at all in a preview.

    Claims are collected while the pages are scanned and verified together at the end, so
    the misses can be spread over worker processes: verification is pure computation, and a
    site's claims are independent of each other.
    """

    def __init__(self, cache: ResultCache | None, workers: int) -> None:
        self.cache = cache
        self.workers = workers
        self.pending: list[tuple[ClaimRecord, ClaimCheck, str, bool, str | None]] = []
        self.groups: list[list[int]] = []
        self.pool: Pool | None = None
        self.running: AsyncResult[list[list[tuple[Verdict | None, str | None]]]] | None = None

    def add(
        self, record: ClaimRecord, check: ClaimCheck, equation: DisplayMath, active: bool
    ) -> None:
        if not active:
            record.skipped = True
            return
        refuted = equation.role == "refuted"
        key = None
        if self.cache is not None:
            key = self.cache.key(
                "claim", check.source, check.claim_id, equation.latex, str(refuted)
            )
            stored = self.cache.get(key)
            if stored is not None:
                record.error = stored["error"]
                record.verdict = _verdict_from_json(stored["verdict"])
                return
        self.pending.append((record, check, equation.latex, refuted, key))

    def start(self) -> None:
        """Begin verifying the pending claims in worker processes, when there are several.

        Claims whose checks share their models go to one worker together, so each model's
        names are worked out and compiled once, not once per worker; the largest groups go
        first, so no worker is left with a long one at the end. Each claim's verdict depends
        only on the claim (its sample points are seeded by its id), not on where it runs.
        """
        global _PENDING
        jobs = [(check, latex, refuted) for _, check, latex, refuted, _ in self.pending]
        groups: dict[tuple[int, ...], list[int]] = {}
        for index, (check, _, _) in enumerate(jobs):
            groups.setdefault(tuple(id(model) for model in check.models), []).append(index)
        self.groups = sorted(
            groups.values(), key=lambda group: -len(group) * len(jobs[group[0]][0].models)
        )
        workers = min(self.workers, len(self.groups))
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            # Forked workers inherit the registered checks (their models hold closures, which
            # cannot be pickled); only indices go to them and only the outcomes come back.
            _PENDING = jobs
            self.pool = multiprocessing.get_context("fork").Pool(workers)
            self.running = self.pool.map_async(_verify_group, self.groups, chunksize=1)

    def finish(self) -> None:
        """Wait for (or, without workers, compute) every pending verdict and store it."""
        global _PENDING
        if self.pool is not None and self.running is not None:
            try:
                grouped = self.running.get()
            finally:
                # close and join, not terminate: workers that exit normally flush what they
                # hold (coverage data, for one).
                self.pool.close()
                self.pool.join()
                self.pool, self.running = None, None
                _PENDING = []
            outcomes: list[tuple[Verdict | None, str | None]] = [(None, None)] * len(self.pending)
            for group, results in zip(self.groups, grouped, strict=True):
                for index, outcome in zip(group, results, strict=True):
                    outcomes[index] = outcome
        else:
            outcomes = [
                _outcome(check, latex, refuted) for _, check, latex, refuted, _ in self.pending
            ]
        for (record, _, _, _, key), (verdict, error) in zip(self.pending, outcomes, strict=True):
            record.verdict, record.error = verdict, error
            if self.cache is not None and key is not None:
                stored = verdict.__dict__ if verdict else None
                self.cache.put(key, {"error": error, "verdict": stored})
        self.pending = []
        self.groups = []


_PENDING: list[tuple[ClaimCheck, str, bool]] = []


def _verify_group(indices: list[int]) -> list[tuple[Verdict | None, str | None]]:
    return [_outcome(*_PENDING[index]) for index in indices]


def _outcome(check: ClaimCheck, latex: str, refuted: bool) -> tuple[Verdict | None, str | None]:
    try:
        return verify_equation(check, latex, refuted=refuted), None
    except ClaimFailure as failure:
        return None, str(failure)
    except Exception as error:
        return None, f"the check raised {type(error).__name__}: {error}"


def _verdict_from_json(stored: dict[str, object] | None) -> Verdict | None:
    if stored is None:
        return None
    return Verdict(
        methods=tuple(stored["methods"]),  # type: ignore[arg-type]
        witness=stored["witness"],  # type: ignore[arg-type]
        samples=stored["samples"],  # type: ignore[arg-type]
        sides=tuple(stored["sides"]),  # type: ignore[arg-type]
    )


def _bind_claim(
    equation: DisplayMath,
    checks: dict[str, ClaimCheck],
    first_use: dict[str, DisplayMath],
    verify: _Verifier,
    active: bool,
) -> ClaimRecord:
    """Bind a claim to its check and queue it for verification (which ``finish`` does)."""
    claim_id = equation.claim_id or ""
    record = ClaimRecord(equation)
    if equation.role == RESTATES:
        record.check = checks.get(claim_id)
        if claim_id not in first_use or record.check is None:
            record.error = "restates a claim that is not stated before it on this site"
        else:
            verify.add(record, record.check, equation, active)
        return record
    if claim_id in first_use:
        earlier = first_use[claim_id]
        record.error = f"id used twice (first at {earlier.page}:{earlier.line})"
        return record
    first_use[claim_id] = equation
    record.check = checks.get(claim_id)
    if record.check is None:
        close = difflib.get_close_matches(claim_id, checks, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        record.error = f"unknown claim id: no check is registered under it{hint}"
        return record
    verify.add(record, record.check, equation, active)
    return record


def run_example(
    example: Example, settings: Settings, runner: ExampleRunner | None
) -> ExampleRecord:
    """Resolve an example's section and run its module (once per runner).

    Without a runner (execution is off, or the page is not selected) the section is resolved
    for the page but nothing runs; the record says it was skipped.
    """
    record = ExampleRecord(example, skipped=runner is None)
    path = settings.project_root / example.source
    if not PurePosixPath(example.source).is_relative_to(settings.examples_dir):
        record.error = f"examples must live in {settings.examples_dir}/"
        return record
    if not path.is_file():
        record.error = f"no such file {example.source}"
        return record
    try:
        text = path.read_text(encoding="utf-8")
        chunks = split_sections(path, text)
        record.code = find_section(Path(example.source), chunks, example.section).code
        if runner is None:
            return record
        unstable = next(unstable_calls(text), None)
        if unstable is not None:
            line, what = unstable
            record.error = f"its output would change between runs: {what} ({example.source}:{line})"
            return record
        module = runner.run_module(path)
    except SectionError as error:
        record.error = str(error)
        return record
    record.run = module.sections.get(example.section)
    if module.module_error and (record.run is None or record.run.error):
        record.error = f"module code outside sections {module.module_error}"
    elif record.run is not None and record.run.error:
        record.error = record.run.error
    return record


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path
