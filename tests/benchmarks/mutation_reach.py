"""Measure how reliably a small change to a page's math fails the build, by where it stands.

For each region — display claims, inline claims, other inline math with a relation, definition
blocks, notation blocks — the script makes random one-site changes of the kinds an author slips
into (a number +1, a flipped sign, a dropped transpose, an exponent 2 → 3, sin ↔ cos) on a copy
of a chapter, verifies the copy as the build does, and counts the changes that fail it.

    .venv/bin/python tests/benchmarks/mutation_reach.py [--per-region 20] [--seed 0]

Prints one line per region, ``caught/tried``, and the changes that got through. A figure, not
a test: the rate depends on the pages, and changes that keep the meaning (a sign flipped twice,
a transpose of a symmetric matrix) cannot be caught by anything.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chapter_mutations import REPO_ROOT, chapter_problems, project_settings, verify_copy

from verified_docs.cache import ResultCache
from verified_docs.examples.runner import ExampleRunner
from verified_docs.page_scan import scan_page
from verified_docs.relations import split_relations

CHAPTERS = ["derivatives", "chain-rules", "gradients", "jacobians", "hessians", "backprop"]
CHAPTERS += ["long-chains", "notation"]


@dataclass(frozen=True)
class Site:
    """A place in a page's text that holds math of one region."""

    page: str
    start: int  # character offsets of the math in the page
    end: int
    region: str


def _number(text: str, rng: random.Random) -> str | None:
    spots = [m for m in re.finditer(r"(?<![\\\w])\d+", text)]
    if not spots:
        return None
    spot = rng.choice(spots)
    return text[: spot.start()] + str(int(spot.group()) + 1) + text[spot.end() :]


def _sign(text: str, rng: random.Random) -> str | None:
    spots = [m for m in re.finditer(r"(?<=[\s\w}])[+-](?=[\s\w\\(])", text)]
    if not spots:
        return None
    spot = rng.choice(spots)
    flipped = "-" if spot.group() == "+" else "+"
    return text[: spot.start()] + flipped + text[spot.end() :]


def _transpose(text: str, rng: random.Random) -> str | None:
    spots = [m for m in re.finditer(r"\^\\top|\^\{\\top\}", text)]
    if not spots:
        return None
    spot = rng.choice(spots)
    return text[: spot.start()] + text[spot.end() :]


def _exponent(text: str, rng: random.Random) -> str | None:
    spots = [m for m in re.finditer(r"\^\{?2\}?", text)]
    if not spots:
        return None
    spot = rng.choice(spots)
    return text[: spot.start()] + spot.group().replace("2", "3") + text[spot.end() :]


def _trig(text: str, rng: random.Random) -> str | None:
    spots = [m for m in re.finditer(r"\\(sin|cos)\b", text)]
    if not spots:
        return None
    spot = rng.choice(spots)
    swapped = r"\cos" if spot.group() == r"\sin" else r"\sin"
    return text[: spot.start()] + swapped + text[spot.end() :]


MUTATIONS: dict[str, Callable[[str, random.Random], str | None]] = {
    "number +1": _number,
    "flipped sign": _sign,
    "dropped transpose": _transpose,
    "exponent 2 -> 3": _exponent,
    "sin <-> cos": _trig,
}


def sites(page: str, text: str) -> list[Site]:
    """Every piece of math on the page, with its region."""
    found: list[Site] = []
    scan = scan_page(Path(f"docs/{page}.md"), text)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for equation in scan.equations:
        if equation.inline:
            continue
        region = {"claim": "display claims", "definition": "definition blocks"}.get(
            equation.role, "notation blocks" if equation.role == "notation" else ""
        )
        if not region:
            continue  # a refuted option is false already: changing it proves nothing
        start = offsets[equation.line]  # the line after the opening $$
        end = offsets[equation.end_line - 1] - 1
        found.append(Site(page, start, end, region))
    inline = re.compile(
        r"(?<![\\$])\$(?![\s$])(?P<body>(?:\\.|[^\\$])+?)(?<!\s)\$(?!\d)(?P<marker>\{[a-z]+:[^}]*\})?"
    )
    for match in inline.finditer(text):
        line = text.count("\n", 0, match.start())
        if lines[line].lstrip().startswith("$$") or "```" in lines[line]:
            continue
        body = match.group("body")
        try:
            _, relations = split_relations(body)
        except Exception:
            continue
        if match.group("marker"):
            region = "inline claims"
        elif relations:
            region = "inline math with a relation"
        else:
            continue
        found.append(Site(page, match.start("body"), match.end("body"), region))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-region", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    texts = {
        page: (REPO_ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8") for page in CHAPTERS
    }
    by_region: dict[str, list[Site]] = {}
    for page, text in texts.items():
        for site in sites(page, text):
            by_region.setdefault(site.region, []).append(site)
    settings = project_settings()
    runner = ExampleRunner.for_settings(settings, ResultCache.for_settings(settings))
    try:
        for region, candidates in sorted(by_region.items()):
            caught, tried, missed = 0, 0, []
            attempts = 0
            while tried < arguments.per_region and attempts < 20 * arguments.per_region:
                attempts += 1
                site = rng.choice(candidates)
                name, mutation = rng.choice(list(MUTATIONS.items()))
                text = texts[site.page]
                changed = mutation(text[site.start : site.end], rng)
                if changed is None or changed == text[site.start : site.end]:
                    continue
                tried += 1
                mutated = text[: site.start] + changed + text[site.end :]
                with tempfile.TemporaryDirectory() as folder:
                    _, report = verify_copy(Path(folder), f"{site.page}.md", mutated, runner)
                if chapter_problems(report, mutated):
                    caught += 1
                else:
                    line = text.count("\n", 0, site.start) + 1
                    missed.append(f"{site.page}.md:{line} {name}: {changed[:70]!r}")
            print(f"{region:32} {caught}/{tried} caught", flush=True)
            for miss in missed:
                print(f"    got through: {miss}", flush=True)
    finally:
        runner.close()


if __name__ == "__main__":
    main()
