"""Count the relations the chapters state, by kind and by where they stand.

    .venv/bin/python tests/benchmarks/relation_counts.py

Every relation on a page is a claim (display or inline), a restatement, or one of the kinds of
``verified_docs.relations``; this prints how many of each the site's pages hold, and how many of
the checkable ones the checks of their page decided.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chapter_mutations import REPO_ROOT, project_settings

from verified_docs.site import ClaimRecord, load_checks, page_models, scan_docs
from verified_docs.statements import check_statements


def main() -> None:
    settings = project_settings()
    checks, _ = load_checks(settings.package, settings.checks_module)
    kinds: Counter[tuple[str, str]] = Counter()
    decided: Counter[tuple[str, str]] = Counter()
    for scan in scan_docs(REPO_ROOT / "docs", REPO_ROOT):
        for equation in scan.equations:
            if equation.claim_id is None:
                continue
            where = "inline" if equation.inline else "display"
            kinds[(where, "restatement" if equation.role == "restates" else equation.role)] += 1
        records = [
            ClaimRecord(equation, checks.get(equation.claim_id or ""))
            for equation in scan.equations
            if equation.claim_id is not None
        ]
        for record in check_statements(scan.statements, page_models(records)):
            statement = record.statement
            kinds[(statement.context, statement.relation.kind)] += 1
            evaluated = statement.relation.kind == "arithmetic"  # decided by evaluation
            if (record.checked_against is not None or evaluated) and record.error is None:
                decided[(statement.context, statement.relation.kind)] += 1
    print(f"{'where':12} {'kind':14} {'count':>5}  decided by a check")
    for (where, kind), count in sorted(kinds.items()):
        print(f"{where:12} {kind:14} {count:5}  {decided.get((where, kind), '')}")
    print(f"total: {sum(kinds.values())} relations")


if __name__ == "__main__":
    main()
