"""Measure what a reader's phone sees on each chapter of a built site, against the budgets.

Not a test: run ``.venv/bin/python tests/benchmarks/bench_reader.py SITE_DIR``. For every page
with claims it opens the page in Debian's Chromium at 390 px (every block laid out, folded
panels as a reader first sees them) and prints:

* the share of the page's height taken by the verification marks (budget: 5 %);
* how many display equations are wider than their column (budget: 2 %), with every folded
  panel opened so no equation is missed;
* DOM nodes and the page's HTML size gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Sequence
from pathlib import Path

from bench_site import CHROMIUM, serve
from playwright.sync_api import sync_playwright

PHONE_WIDTH = 390
LAY_OUT_ALL = ".md-typeset > * { content-visibility: visible !important; }"

MEASURE = """() => {
    const content = document.querySelector('.md-content__inner');
    const marks = [...document.querySelectorAll('.mcv-claim .mcv-mark')]
        .map(m => m.getBoundingClientRect().height);
    return {
        height: content.getBoundingClientRect().height,
        marks: marks.reduce((a, b) => a + b, 0),
        claims: document.querySelectorAll('.mcv-claim').length,
        nodes: document.querySelectorAll('*').length,
    };
}"""

OVERFLOW = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const displays = [...document.querySelectorAll('.md-content .katex-display')];
    const wide = displays.filter(d => d.scrollWidth > d.clientWidth + 1);
    return {displays: displays.length, wide: wide.length,
            worst: Math.max(1, ...wide.map(d => d.scrollWidth / d.clientWidth))};
}"""


def claim_pages(site_dir: Path) -> list[str]:
    """URL paths of the chapters: pages whose HTML holds a claim, claims listings excluded."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        if relative.startswith("claims") or 'class="mcv-claim' not in path.read_text("utf-8"):
            continue
        pages.append("" if relative == "." else f"{relative}/")
    return pages


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("site", type=Path, help="a built site")
    args = parser.parse_args(argv)
    rows = []
    with serve(args.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            viewport={"width": PHONE_WIDTH, "height": 800}, is_mobile=True, has_touch=True
        )
        page = context.new_page()
        for path in claim_pages(args.site):
            page.goto(url + path, wait_until="networkidle")
            page.add_style_tag(content=LAY_OUT_ALL)
            figures = page.evaluate(MEASURE)
            overflow = page.evaluate(OVERFLOW)
            html_kib = len(gzip.compress((args.site / path / "index.html").read_bytes())) / 1024
            rows.append((path, figures, overflow, html_kib))
        browser.close()
    print(
        f"{'page':<16}{'height':>9}{'marks':>8}{'share':>7}{'displays':>9}{'wide':>6}"
        f"{'worst':>7}{'nodes':>8}{'KiB gz':>8}"
    )
    total_displays = total_wide = 0
    total_height = total_marks = 0.0
    for path, figures, overflow, kib in rows:
        share = figures["marks"] / figures["height"]
        total_height += figures["height"]
        total_marks += figures["marks"]
        total_displays += overflow["displays"]
        total_wide += overflow["wide"]
        print(
            f"{path:<16}{figures['height']:>9.0f}{figures['marks']:>8.0f}{share:>7.1%}"
            f"{overflow['displays']:>9}{overflow['wide']:>6}{overflow['worst']:>7.2f}"
            f"{figures['nodes']:>8}{kib:>8.1f}"
        )
    worst_share = max(f["marks"] / f["height"] for _, f, _, _ in rows)
    wide_share = total_wide / max(total_displays, 1)
    print(
        f"marks: {total_marks / total_height:.1%} of all chapters' height (worst {worst_share:.1%},"
        f" budget 5%); wide displays {total_wide}/{total_displays} = {wide_share:.1%} (budget 2%)"
    )
    return 0 if worst_share <= 0.05 and wide_share <= 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
