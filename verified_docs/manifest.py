"""The machine-readable list of every claim, written beside the site as ``claims.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verified_docs.site import SiteReport


def claims_manifest(report: SiteReport, repo_root: Path) -> dict[str, Any]:
    """Describe each claim: where it is stated, what it says, how and whether it was verified."""
    claims = []
    for record in sorted(report.claims, key=lambda r: (str(r.equation.page), r.equation.line)):
        equation = record.equation
        check = None
        if record.check is not None:
            source = record.check.source.resolve()
            if source.is_relative_to(repo_root.resolve()):
                source = source.relative_to(repo_root.resolve())
            check = f"{source.as_posix()}:{record.check.line}"
        claims.append(
            {
                "id": equation.claim_id,
                "role": equation.role,
                "page": str(equation.page),
                "line": equation.line,
                "latex": equation.latex,
                "check": check,
                "status": _status(record.verdict is not None, equation.role),
                "methods": list(record.verdict.methods) if record.verdict else [],
                "counterexample": record.verdict.witness if record.verdict else None,
                "error": record.error,
            }
        )
    return {"claims": claims, "count": len(claims)}


def _status(verified: bool, role: str) -> str:
    if not verified:
        return "failed"
    return "refuted" if role == "refuted" else "verified"
