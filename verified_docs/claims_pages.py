"""The claims pages a project gets without writing them: one per chapter, and an index.

A chapter is any page that states a claim. Its listing page holds the marker the Markdown
extension expands (``<!-- verified-claims: <chapter> -->``); the index holds the bare marker,
which becomes an overview of the chapters. An author who writes one of these pages keeps it:
only missing pages are generated. Plain functions, so they work under any builder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from verified_docs.page_scan import PageScan
from verified_docs.settings import Settings

FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"


@dataclass(frozen=True)
class Chapter:
    page: str  # docs-relative, "hessians.md"
    title: str


@dataclass(frozen=True)
class ClaimsPage:
    src_uri: str  # docs-relative, "claims/hessians.md"
    title: str
    content: str


@dataclass(frozen=True)
class ClaimsPlan:
    """Which claims pages a build gets, where each chapter's claims are listed, and its nav."""

    pages: tuple[ClaimsPage, ...]  # only those the author has not written
    listings: dict[str, str]  # chapter -> its listing page, in reading order
    titles: dict[str, str]  # chapter -> its title
    nav: list[Any] | None  # the navigation with the claims section, or None without a nav


def plan_claims_pages(
    settings: Settings, scans: Iterable[PageScan], nav: list[Any] | None
) -> ClaimsPlan:
    """Everything a builder needs to add the claims pages, decided once for every builder."""
    chapters = chapters_with_claims(scans, settings, nav_titles(nav or []))
    pages = claims_pages(settings, chapters)
    return ClaimsPlan(
        pages=tuple(page for page in pages if not (settings.docs_dir / page.src_uri).is_file()),
        listings={chapter.page: listing_uri(settings, chapter) for chapter in chapters},
        titles={chapter.page: chapter.title for chapter in chapters},
        nav=nav_with_claims(nav, settings, pages) if nav else None,
    )


def chapters_with_claims(
    scans: Iterable[PageScan], settings: Settings, titles: Mapping[str, str]
) -> list[Chapter]:
    """The pages that state claims, in the order of ``titles`` (the navigation), then by name."""
    pages = {
        str(PurePosixPath(str(scan.page)).relative_to(settings.docs_prefix))
        for scan in scans
        if any(equation.claim_id for equation in scan.equations)
    }
    order = {page: index for index, page in enumerate(titles)}
    ordered = sorted(pages, key=lambda page: (order.get(page, len(order)), page))
    return [Chapter(page, titles.get(page) or _title_from_name(page)) for page in ordered]


def listing_uri(settings: Settings, chapter: Chapter) -> str:
    return f"{settings.claims_dir}/{chapter.page}"


def claims_pages(settings: Settings, chapters: Sequence[Chapter]) -> list[ClaimsPage]:
    """The index and one listing page per chapter, in reading order."""
    index = ClaimsPage(
        settings.claims_index,
        settings.claims_title,
        FRONT_MATTER
        + f"# {settings.claims_title}\n\n"
        + "Every result stated on this site, one page per chapter, with the page and line where "
        "it is stated and how it was verified when the site was built: symbolically with SymPy "
        "(the stated side minus the true value simplifies to zero) and numerically with NumPy "
        "(the stated side at random points against finite differences). Wrong options of "
        "exercises are listed with a point where they fail.\n\n<!-- verified-claims -->\n",
    )
    pages = [index]
    for chapter in chapters:
        uri = listing_uri(settings, chapter)
        back = _relative_link(uri, chapter.page)
        pages.append(
            ClaimsPage(
                uri,
                chapter.title,
                FRONT_MATTER
                + f"# Claims: {chapter.title}\n\n"
                + f"Every result stated in [{chapter.title}]({back}), with the line where it is "
                "stated, the check that verifies it and the outcome of both verification "
                "routes. Wrong exercise options are listed with a point where they fail.\n\n"
                f"<!-- verified-claims: {chapter.page} -->\n",
            )
        )
    return pages


def nav_with_claims(nav: list[Any], settings: Settings, pages: Sequence[ClaimsPage]) -> list[Any]:
    """``nav`` without any entry for the claims pages, then one section holding all of them."""
    generated = {page.src_uri for page in pages}
    kept = [entry for entry in nav if not _mentions(entry, generated)]
    index, *listings = pages
    return [
        *kept,
        {settings.claims_title: [index.src_uri, *({p.title: p.src_uri} for p in listings)]},
    ]


def nav_titles(nav: Any) -> dict[str, str]:
    """Page -> title for every titled page of a ``nav`` setting, in reading order."""
    titles: dict[str, str] = {}
    entries = nav if isinstance(nav, list) else [nav]
    for entry in entries:
        if isinstance(entry, dict):
            for title, value in entry.items():
                if isinstance(value, str):
                    titles.setdefault(value, str(title))
                else:
                    titles.update({k: v for k, v in nav_titles(value).items() if k not in titles})
    return titles


def _mentions(entry: Any, pages: set[str]) -> bool:
    if isinstance(entry, str):
        return entry in pages
    if isinstance(entry, dict):
        return any(_mentions(value, pages) for value in entry.values())
    if isinstance(entry, list):
        return bool(entry) and all(_mentions(value, pages) for value in entry)
    return False


def _relative_link(from_uri: str, to_uri: str) -> str:
    depth = from_uri.count("/")
    return "../" * depth + to_uri


def _title_from_name(page: str) -> str:
    return PurePosixPath(page).stem.replace("-", " ").replace("_", " ").capitalize()
