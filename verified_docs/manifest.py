"""The machine-readable list of every claim, written beside the site as ``claims.json``.

Schema 2 adds, per claim, where to read it (``url``, relative to the site's root unless a
``site_url`` is given), a learner's ``title`` and ``kind`` (see
:mod:`verified_docs.claim_context`), and for the build its ``commit`` and ``date``, so a
consumer can tell which state of the sources a verdict belongs to.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from verified_docs.claim_context import ClaimContext, claim_contexts, context_of
from verified_docs.site import ClaimRecord, SiteReport, page_body

SCHEMA_VERSION = 2


def claims_manifest(
    report: SiteReport,
    repo_root: Path,
    *,
    docs_prefix: PurePosixPath,
    use_directory_urls: bool = True,
    site_url: str = "",
) -> dict[str, Any]:
    """Describe each claim: where it is stated, what it says, how and whether it was verified."""
    claims = []
    contexts: dict[str, dict[int, ClaimContext]] = {}
    for record in sorted(report.claims, key=lambda r: (str(r.equation.page), r.equation.line)):
        equation = record.equation
        page = str(equation.page)
        if page not in contexts:
            contexts[page] = _contexts(repo_root / page)
        context = context_of(contexts[page], equation.line, equation.role == "refuted")
        claims.append(
            {
                "id": equation.claim_id,
                "title": context.title if context else None,
                "kind": context.kind if context else None,
                "role": equation.role,
                "page": page,
                "line": equation.line,
                "url": site_url + claim_url(record, docs_prefix, use_directory_urls),
                "latex": equation.latex,
                "check": _check_location(record, repo_root),
                "status": _status(record.verdict is not None, equation.role),
                "methods": list(record.verdict.methods) if record.verdict else [],
                "counterexample": record.verdict.witness if record.verdict else None,
                "error": record.error,
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "build": {"commit": build_commit(repo_root), "date": build_date()},
        "count": len(claims),
        "claims": claims,
    }


def claim_url(record: ClaimRecord, docs_prefix: PurePosixPath, use_directory_urls: bool) -> str:
    """``docs/derivatives.md`` line 40 → ``derivatives/#claim-<id>``, relative to the root."""
    page = PurePosixPath(str(record.equation.page))
    if page.is_relative_to(docs_prefix):
        page = page.relative_to(docs_prefix)
    stem = page.with_suffix("").as_posix()
    if not use_directory_urls:
        path = stem + ".html"
    elif stem == "index" or stem.endswith("/index"):
        path = stem[:-5]  # "index" -> "", "part/index" -> "part/"
    else:
        path = stem + "/"
    return f"{path}#claim-{record.equation.claim_id}"


def build_commit(repo_root: Path) -> str | None:
    """The commit the site was built from, or None outside a Git checkout."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=repo_root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and commit else None


def build_date() -> str | None:
    """The build's date as ISO 8601: ``SOURCE_DATE_EPOCH``, which builds pin to the commit."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not stamp.isdigit():
        return None
    return datetime.fromtimestamp(int(stamp), tz=UTC).isoformat().replace("+00:00", "Z")


def _contexts(path: Path) -> dict[int, ClaimContext]:
    try:
        body, first_line = page_body(path.read_text(encoding="utf-8"))
    except OSError:
        return {}
    return claim_contexts(body, first_line)


def _check_location(record: ClaimRecord, repo_root: Path) -> str | None:
    if record.check is None:
        return None
    source = record.check.source.resolve()
    if source.is_relative_to(repo_root.resolve()):
        source = source.relative_to(repo_root.resolve())
    return f"{source.as_posix()}:{record.check.line}"


def _status(verified: bool, role: str) -> str:
    if not verified:
        return "failed"
    return "refuted" if role == "refuted" else "verified"
