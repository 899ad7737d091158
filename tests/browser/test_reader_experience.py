"""What a reader's browser sees: the built site driven through Chromium with Playwright.

The engine's own tests prove that claims are verified and that KaTeX produces HTML; these prove
that the published pages actually work in a browser: they load cleanly without reaching any
third-party host, the math shows as math, search works offline, dark mode switches, the verified
marks lead to their checks, and nothing widens the page on a phone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS_DIR = REPO_ROOT / "docs"
SCREENSHOT_DIR = REPO_ROOT / "screenshots"
LOCAL_HOST = "127.0.0.1"
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
# Words the search test tries, in order; the first one the long-chains page contains is used.
SEARCH_TERMS = ("assembled", "Jacobian", "chain")


GENERATED_CLAIMS = "claims"
NOTEBOOKS = "notebooks"
STATES_A_CLAIM = re.compile(r"^[ \t]*\$\$ (?:claim|refuted):|\$\{(?:claim|refuted):", re.MULTILINE)


def source_pages() -> list[str]:
    """The URL path of every page the docs sources produce (``use_directory_urls``).

    Parametrizing over the sources keeps collection cheap: listing the tests needs no build.
    ``test_every_built_page_is_tested`` walks the built site and checks it holds exactly these.
    """
    pages = []
    for source in sorted(DOCS_DIR.rglob("*.md")):
        relative = source.relative_to(DOCS_DIR).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "index" else relative.parts
        pages.append("".join(f"{part}/" for part in parts))
        # The plugin writes a listing of the claims of every page that states one.
        if STATES_A_CLAIM.search(source.read_text("utf-8")):
            pages.append(f"{GENERATED_CLAIMS}/{relative.as_posix()}/")
        # And each page that runs examples has its notebook rendered as a page (mkdocs-jupyter).
        if "```python run" in source.read_text("utf-8"):
            pages.append(f"{NOTEBOOKS}/{relative.as_posix()}/")
    return sorted(pages)


def source_of(page: str) -> Path:
    """The Markdown file a page URL path was built from (for a notebook, its chapter's)."""
    stem = page.removeprefix(f"{NOTEBOOKS}/").rstrip("/") or "index"
    candidate = DOCS_DIR / f"{stem}.md"
    return candidate if candidate.exists() else DOCS_DIR / stem / "index.md"


def built_pages(site_dir: Path) -> list[str]:
    """Every page of a built site as a URL path, found by walking it for ``index.html``."""
    return sorted(
        "" if path.parent == site_dir else f"{path.parent.relative_to(site_dir).as_posix()}/"
        for path in site_dir.rglob("index.html")
        if path.parent.name != "404"
    )


PAGES = source_pages()
CHAPTER_TITLES = {
    "Derivatives and their rules",
    "Partial derivatives and gradients",
    "Jacobians and layout conventions",
    "The three chain rules",
    "Long chains in matrix form",
    "Backpropagation: the chain rule at scale",
    "Hessians",
}
# The chapters: pages that state claims (their listings under claims/ excluded).
CHAPTERS = [
    page
    for page in PAGES
    if not page.startswith((GENERATED_CLAIMS, NOTEBOOKS))
    and re.search(r"^\s*\$\$ (claim|refuted):", source_of(page).read_text("utf-8"), re.M)
]
page_param = pytest.mark.parametrize("path", PAGES, ids=[p.rstrip("/") or "home" for p in PAGES])


def expects_math(path: str) -> bool:
    """Whether a page must show rendered math: its source has TeX, or it lists claims.

    The overview of the claims (a bare ``<!-- verified-claims -->``) is a table without
    equations once every chapter lists its claims on a page of its own.
    """
    if path.startswith((f"{GENERATED_CLAIMS}/", f"{NOTEBOOKS}/")):
        return True
    text = source_of(path).read_text("utf-8")
    return "$" in text or "<!-- verified-claims: " in text


def claim_count(path: str) -> int:
    """How many claim and refuted equations the page's source states."""
    if path.startswith((f"{GENERATED_CLAIMS}/", f"{NOTEBOOKS}/")):
        return 0
    text = source_of(path).read_text("utf-8")
    return len(re.findall(r"^[ \t]*\$\$ (?:claim|refuted):", text, flags=re.MULTILINE))


def open_all_details(page: Page) -> None:
    """Open every collapsed block (exercise answers are ``???`` details) as a reader would.

    Their contents are hidden until opened, so marks, raw-TeX and overflow checks that only
    looked at the closed page would skip exactly the equations readers reveal last.
    """
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def lay_out_everything(page: Page) -> None:
    """Lay out the blocks the site leaves to be laid out when scrolled near (content-visibility).

    A reader scrolling the page sees every block laid out; a full-page screenshot or an
    overflow measurement taken without scrolling would otherwise see empty placeholders.
    """
    page.add_style_tag(content=".md-typeset * { content-visibility: visible !important; }")


@dataclass
class Traffic:
    """Everything that went wrong while a page loaded, as messages for an assertion."""

    problems: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _failed(self, request: Request) -> None:
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., tuple[Page, Traffic]]]:
    """Open pages in fresh contexts that refuse (and record) any request off the loopback host.

    A fresh context per page means no stored palette or search state leaks between tests.
    Requests to other hosts are aborted, not merely noted, so a test never depends on the network.
    """
    contexts: list[BrowserContext] = []

    def open_page(**context_options: object) -> tuple[Page, Traffic]:
        options = {**DESKTOP, "color_scheme": "light", **context_options}
        context = browser.new_context(**options)
        contexts.append(context)
        traffic = Traffic()

        def guard(route: Route) -> None:
            url = urlsplit(route.request.url)
            if url.scheme in ("data", "blob") or url.hostname == LOCAL_HOST:
                route.continue_()
            else:
                traffic.problems.append(f"third-party request: {route.request.url}")
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        traffic.watch(page)
        return page, traffic

    yield open_page
    for context in contexts:
        context.close()


def test_every_built_page_is_tested(built_site: Path) -> None:
    """Assert the pages found in the built site are exactly the pages these tests visit."""
    assert built_pages(built_site) == sorted(PAGES)


@page_param
def test_page_loads_cleanly(
    path: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert the page loads with no console error, failed request or third-party request."""
    page, traffic = new_page()
    response = page.goto(urljoin(site_url, path), wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    assert traffic.problems == []


@page_param
def test_math_is_rendered(
    path: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert math shows as KaTeX and no raw TeX reaches the visible text outside code."""
    page, _ = new_page()
    page.goto(urljoin(site_url, path))
    open_all_details(page)
    if expects_math(path):
        assert page.locator(".katex").count() > 0, "the page has TeX but no rendered .katex"
    # Code blocks may legitimately show TeX strings; hide them while reading the visible text.
    visible_prose = page.evaluate(
        """() => {
            const hidden = [...document.querySelectorAll('pre, code')];
            const saved = hidden.map(el => el.style.display);
            hidden.forEach(el => { el.style.display = 'none'; });
            const text = document.body.innerText;
            hidden.forEach((el, i) => { el.style.display = saved[i]; });
            return text;
        }"""
    )
    for raw in ("$$", "\\frac", "\\begin{"):
        assert raw not in visible_prose, f"raw TeX {raw!r} is visible on the page"
    assert page.locator(".mcv-latex-error").count() == 0


def search_term(site_dir: Path) -> str:
    """A word the search index holds for the long-chains page, so the test tracks the content."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    text = " ".join(
        doc["title"] + " " + doc["text"]
        for doc in index["docs"]
        if doc["location"].startswith("long-chains/")
    )
    for term in SEARCH_TERMS:
        if re.search(rf"\b{term}\b", text, flags=re.IGNORECASE):
            return term
    pytest.fail(f"none of {SEARCH_TERMS} is in the long-chains page's search index")


def test_search_finds_a_chapter_term(
    built_site: Path, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert Material's search, run offline in its worker, finds a term of a chapter."""
    term = search_term(built_site)
    page, traffic = new_page()
    page.goto(site_url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    # On a desktop the search box sits in the header; narrower layouts open it from a button.
    if not search.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    search.click()
    expect(search).to_be_focused()
    search.press_sequentially(term, delay=50)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = [
        link.get_attribute("href") or "" for link in page.locator(".md-search-result__item a").all()
    ]
    assert any("long-chains/" in href for href in hrefs), hrefs
    assert traffic.problems == []


def test_dark_mode_toggles(site_url: str, new_page: Callable[..., tuple[Page, Traffic]]) -> None:
    """Assert the palette toggle switches the colour scheme to slate and back to default."""
    page, traffic = new_page()
    page.goto(site_url, wait_until="networkidle")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label.md-header__button[for='__palette_1']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator("label.md-header__button[for='__palette_0']").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    assert traffic.problems == []


MARKS_IN_VIEW = """() => [...document.querySelectorAll('.mcv-claim > details.mcv-mark')].map(d => {
    const summary = d.querySelector(':scope > summary');
    summary.scrollIntoView({block: 'center'});
    const box = summary.getBoundingClientRect();
    const style = getComputedStyle(summary);
    return {
        href: d.querySelector(':scope > a')?.getAttribute('href'),
        text: summary.textContent,
        height: box.height,
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
            && style.display !== 'none' && parseFloat(style.opacity) > 0,
    };
})"""


@page_param
def test_verified_marks_link_to_their_checks(
    path: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert every claim shows a one-line mark whose details link to the claim's entry."""
    page, _ = new_page()
    page.goto(urljoin(site_url, path))
    open_all_details(page)
    claims = page.locator(".mcv-claim")
    assert claims.count() == claim_count(path), "one rendered claim per claim in the source"
    # One pass in the page: bring each mark into view and read its box, style, text and link.
    seen = page.evaluate(MARKS_IN_VIEW)
    assert len(seen) == claims.count(), "every claim carries a mark"
    targets: dict[str, list[str]] = {}
    for mark in seen:
        assert mark["visible"], f"mark {mark['text']!r} ({mark['href']}) is not visible"
        assert re.fullmatch(r"[✓✗] (Verified|Shown false)", mark["text"].strip()), mark["text"]
        assert mark["href"], "a mark without a link to its check"
        target = urljoin(page.url, mark["href"])
        page_url, _, anchor = target.partition("#")
        assert anchor, f"{mark['href']} names no anchor"
        targets.setdefault(page_url, []).append(anchor)
    for target_url, anchors in targets.items():
        response = page.goto(target_url)
        assert response is not None
        assert response.status == 200, target_url
        missing = page.evaluate(
            "anchors => anchors.filter(id => document.getElementById(id) === null)", anchors
        )
        assert missing == [], f"anchors missing on {target_url}"


MARK_SHARE = """() => {
    document.querySelectorAll('.md-typeset > *').forEach(el => {
        el.style.contentVisibility = 'visible';
    });
    const content = document.querySelector('.md-content__inner').getBoundingClientRect().height;
    const heights = [...document.querySelectorAll('.mcv-claim > .mcv-mark')]
        .map(m => m.getBoundingClientRect().height);
    const marks = heights.reduce((sum, h) => sum + h, 0);
    const details = [...document.querySelectorAll('.mcv-mark')].map(m => m.innerText).join(' ');
    return {share: marks / content, tallest: Math.max(...heights), text: details};
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("path", CHAPTERS, ids=[p.rstrip("/") for p in CHAPTERS])
def test_marks_are_quiet(
    path: str, device: str, theme: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert closed marks are one line (at most 5 % of a phone's page) and read as plain text."""
    page, _ = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=theme)
    page.goto(urljoin(site_url, path))
    measured = page.evaluate(MARK_SHARE)
    assert measured["tallest"] <= 20, f"a closed mark is {measured['tallest']}px tall"
    if device == "phone":
        assert measured["share"] <= 0.05, f"marks take {measured['share']:.1%} of the page"
    open_all_details(page)
    text = page.evaluate(MARK_SHARE)["text"]
    for raw in ("\\", "(?", "_{", "^{"):
        assert raw not in text, f"a mark's details show {raw!r}"


# The outermost elements that stick out past the viewport's right edge, ignoring content that
# is clipped or scrolled by an ancestor (such as a wide equation in its own scroll box).
OVERFLOWING_ELEMENTS = """width => {
    const limit = width + 0.5;
    const clipped = el => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
    };
    const describe = el => el.tagName.toLowerCase()
        + (el.id ? '#' + el.id : '')
        + (typeof el.className === 'string' && el.className
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    const path = el => {
        const parts = [];
        for (let a = el; a && a !== document.body && parts.length < 6; a = a.parentElement) {
            parts.unshift(describe(a));
        }
        return parts.join(' > ');
    };
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        const parent = el.parentElement;
        if (right <= limit || clipped(el)) continue;
        if (parent && parent !== document.body
            && parent.getBoundingClientRect().right > limit) continue;
        out.push(`${path(el)} (right edge ${Math.round(right)}px)`);
    }
    return out.slice(0, 10);
}"""


@page_param
def test_no_horizontal_overflow_on_a_phone(
    path: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert a 375 px wide phone viewport never scrolls sideways: wide math scrolls in place."""
    page, _ = new_page(**PHONE)
    page.goto(urljoin(site_url, path), wait_until="networkidle")
    open_all_details(page)
    lay_out_everything(page)
    # A mobile browser widens its layout viewport to fit content that sticks out, and then
    # window.innerWidth grows with the page; compare with the device width as well.
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    device_width = PHONE["viewport"]["width"]
    if scroll_width > inner_width or inner_width > device_width:
        culprits = page.evaluate(OVERFLOWING_ELEMENTS, device_width)
        pytest.fail(
            f"page is {scroll_width}px wide (layout viewport {inner_width}px) on a "
            f"{device_width}px phone; overflowing: {culprits}"
        )


SCREENSHOT_PAGES = {"home": "", "long-chains": "long-chains/"}


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(SCREENSHOT_PAGES))
def test_screenshots(
    name: str,
    theme: str,
    device: str,
    site_url: str,
    new_page: Callable[..., tuple[Page, Traffic]],
) -> None:
    """Assert the page renders in each theme and device, saving a full-page screenshot.

    The screenshots in ``screenshots/`` are for people to look at (contrast, math in dark mode,
    layout); the assertion only guards that the theme actually applied.
    """
    device_options = PHONE if device == "phone" else DESKTOP
    page, _ = new_page(**device_options, color_scheme=theme)
    page.goto(urljoin(site_url, SCREENSHOT_PAGES[name]), wait_until="networkidle")
    scheme = "slate" if theme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    lay_out_everything(page)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}-{theme}-{device}.png", full_page=True)


# Each heading with math, its id, the text it should read as (its formulas' plain-text copies)
# and the text of every navigation link (TOC, drawer) that leads to it.
MATH_HEADINGS = """() => [...document.querySelectorAll('.md-content :is(h2, h3, h4)')]
    .filter(h => h.querySelector('mcv-math'))
    .map(h => {
        const copy = h.cloneNode(true);
        copy.querySelectorAll('mcv-math, .headerlink').forEach(el => el.remove());
        const text = copy.textContent.replace(/\\s+/g, ' ').trim();
        const links = [...document.querySelectorAll(`.md-nav a[href="#${h.id}"]`)]
            .map(a => a.textContent.replace(/\\s+/g, ' ').trim());
        return {id: h.id, text, links};
    })"""
MATH_HEADING_PAGES = [
    page for page in CHAPTERS if re.search(r"^#+ .*\$", source_of(page).read_text("utf-8"), re.M)
]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize(
    "path", MATH_HEADING_PAGES, ids=[p.rstrip("/") for p in MATH_HEADING_PAGES]
)
def test_headings_with_math_have_clean_labels(
    path: str, device: str, theme: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert a heading with math is listed by its Unicode text under a readable id."""
    page, _ = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=theme)
    page.goto(urljoin(site_url, path))
    headings = page.evaluate(MATH_HEADINGS)
    assert headings, "the source has headings with math"
    for heading in headings:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", heading["id"]), heading
        assert len(heading["id"]) <= 60, heading
        assert not re.search(r"[\\{}]", heading["text"]), heading
        assert heading["links"], f"{heading['id']} is not in the table of contents"
        assert set(heading["links"]) == {heading["text"]}, heading


def test_search_index_reads_math_as_text(built_site: Path) -> None:
    """Assert search titles and snippets hold math as Unicode text, not TeX or KaTeX's layout."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    title = by_location["chain-rules/#example-y-sinx2"]["title"]
    assert title == "Example: y = sin(x²)"
    text = by_location["chain-rules/#example-y-sinx2"]["text"]
    assert "du/dx = 2x" in text, text[:300]
    for doc in index["docs"]:
        assert "\\frac" not in doc["title"] + doc["text"], doc["location"]
        assert "\u200b" not in doc["text"], f"KaTeX's layout text indexed on {doc['location']}"


CHOICES = """() => [...document.querySelectorAll('.mcv-choices')].map(choices => {
    const answer = choices.nextElementSibling;
    const shown = el => el.checkVisibility({visibilityProperty: true});
    return {
        options: [...choices.querySelectorAll(':scope > .mcv-claim')].map(claim => ({
            math: shown(claim.querySelector('.katex')),
            mark: shown(claim.querySelector(':scope > .mcv-mark > summary')),
            verdict: claim.querySelector(':scope > .mcv-mark > summary').textContent.trim(),
        })),
        answer: answer && answer.tagName === 'DETAILS' ? {
            open: answer.open,
            reasons: [...answer.querySelectorAll(':scope > p')].some(shown),
        } : null,
    };
})"""
CHOICE_PAGES = [page for page in CHAPTERS if "mcv-choices" in source_of(page).read_text("utf-8")]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
@pytest.mark.parametrize("path", CHOICE_PAGES, ids=[p.rstrip("/") for p in CHOICE_PAGES])
def test_exercises_ask_before_they_answer(
    path: str, device: str, theme: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert options show with the question, verdicts only once the answer is opened."""
    page, _ = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=theme)
    page.goto(urljoin(site_url, path))
    lay_out_everything(page)
    exercises = page.evaluate(CHOICES)
    assert exercises, "the page has multiple-choice exercises"
    for exercise in exercises:
        assert exercise["answer"] is not None, "options are followed by a folded answer"
        assert not exercise["answer"]["open"]
        assert not exercise["answer"]["reasons"]
        assert len(exercise["options"]) >= 2
        assert all(option["math"] for option in exercise["options"]), exercise
        assert not any(option["mark"] for option in exercise["options"]), "a verdict shows"
    page.evaluate(
        "() => document.querySelectorAll('.mcv-choices + details').forEach(d => d.open = true)"
    )
    for exercise in page.evaluate(CHOICES):
        assert exercise["answer"]["reasons"]
        verdicts = {option["verdict"] for option in exercise["options"]}
        assert all(option["mark"] for option in exercise["options"]), exercise
        assert verdicts <= {"✓ Verified", "✗ Shown false"}, verdicts
        assert "✓ Verified" in verdicts, "every exercise has a right answer"


@pytest.mark.parametrize("path", CHOICE_PAGES[:1], ids=[p.rstrip("/") for p in CHOICE_PAGES[:1]])
def test_print_shows_answers_and_marks(
    path: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert a printed chapter shows the folded answers and the options' verdicts."""
    page, _ = new_page()
    page.goto(urljoin(site_url, path))
    page.emulate_media(media="print")
    lay_out_everything(page)
    for exercise in page.evaluate(CHOICES):
        assert exercise["answer"]["reasons"], "an answer is folded away on paper"
        assert all(option["mark"] for option in exercise["options"]), exercise


FIGURES = """() => [...document.querySelectorAll('figure.mcv-output--figure')].map(figure => {
    figure.scrollIntoView();
    const panels = [...figure.querySelectorAll('svg.mcv-plot')].map(svg => {
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const sizes = [...svg.querySelectorAll('text')]
            .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
        return {top: box.top, left: box.left, right: box.right, sizes};
    });
    const caption = figure.querySelector('figcaption');
    return {
        panels,
        caption: caption && caption.checkVisibility() ? caption.textContent : '',
        label: figure.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '',
        column: figure.getBoundingClientRect().width,
    };
})"""
FIGURE_PAGES = [
    page for page in CHAPTERS if "python run figure" in source_of(page).read_text("utf-8")
]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_figures_keep_their_text_size_and_caption(
    device: str, theme: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert figure text is 10-13 CSS px with a caption; panels stack only on a phone."""
    page, _ = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=theme)
    side_by_side = 0
    for path in FIGURE_PAGES:
        page.goto(urljoin(site_url, path))
        lay_out_everything(page)
        for figure in page.evaluate(FIGURES):
            assert figure["caption"], f"a figure on {path} has no visible caption"
            assert figure["caption"] == figure["label"], "the caption is the text alternative"
            for panel in figure["panels"]:
                assert panel["right"] - panel["left"] <= figure["column"] + 1
                assert all(10 <= size <= 13 for size in panel["sizes"]), (path, panel["sizes"])
            tops = [panel["top"] for panel in figure["panels"]]
            if len(tops) > 1 and device == "phone":
                assert len(set(tops)) == len(tops), f"panels on {path} are not stacked"
            side_by_side += len(tops) - len(set(tops))
    if device == "desktop":
        assert side_by_side > 0, "no two panels sit side by side on a desktop"


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_search_index_is_fetched_only_when_search_is_used(
    device: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert loading a chapter does not download the search index; opening search does."""
    page, traffic = new_page(**(PHONE if device == "phone" else DESKTOP))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(urljoin(site_url, "jacobians/"), wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in fetched if "search_index" in url]
    search = page.locator("input.md-search__input")
    with page.expect_request(lambda request: "search_index.json" in request.url):
        if not search.is_visible():
            page.locator("label.md-header__button[for='__search']").click()
        search.focus()
    search.press_sequentially("Jacobian", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert traffic.problems == []


@pytest.mark.parametrize("path", ["backprop/", f"{NOTEBOOKS}/backprop/"])
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_page_height_does_not_jump_while_scrolling(
    device: str,
    theme: str,
    path: str,
    site_url: str,
    new_page: Callable[..., tuple[Page, Traffic]],
) -> None:
    """Assert the longest chapter and its notebook keep their height while scrolled through.

    Their blocks are laid out near the viewport first and the rest in idle time after the page
    loads (overrides/partials/layout-settle.html marks <html> when that is done); from then on,
    scrolling must not change the height.
    """
    page, _ = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=theme)
    page.goto(urljoin(site_url, path), wait_until="networkidle")
    page.wait_for_selector("html[data-mcv-laid-out]", state="attached", timeout=30_000)
    before = page.evaluate("() => document.documentElement.scrollHeight")
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
                scrollTo(0, y);
                await new Promise(requestAnimationFrame);
            }
        }"""
    )
    after = page.evaluate("() => document.documentElement.scrollHeight")
    assert abs(after - before) <= 2, f"the page grew from {before} to {after} px while scrolling"


def test_footer_shows_the_build_date(
    site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert every page's footer says when (and, when known, from which commit) it was built."""
    page, _ = new_page()
    page.goto(urljoin(site_url, "derivatives/"))
    note = page.locator(".md-footer .mcv-build")
    expect(note).to_be_visible()
    assert re.search(r"Built on \d\d \w+ \d{4}", note.inner_text()), note.inner_text()


def test_sitemap_lists_every_page(built_site: Path) -> None:
    """Assert sitemap.xml lists a URL for every built page (site_url is set)."""
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    paths = sorted(urlsplit(location).path.lstrip("/") for location in locations)
    assert paths == sorted(built_pages(built_site))


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_navigation_lists_each_chapter_once_in_reading_order(
    device: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert the visible navigation names each chapter once, Hessians after backpropagation."""
    page, _ = new_page(**(PHONE if device == "phone" else DESKTOP))
    page.goto(urljoin(site_url, "derivatives/"))
    if device == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(400)
    labels = page.evaluate(
        """scroll => [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')]
            .filter(a => {
                if (!a.checkVisibility()) return false;
                let box = a.getBoundingClientRect();
                if (box.left < 0 || box.right > innerWidth + 1) return false;
                if (!scroll) return true;
                a.scrollIntoView({block: 'center'});
                box = a.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
                return box.height > 0 && hit !== null && (hit === a || a.contains(hit));
            })
            .map(a => a.textContent.replace(/\\s+/g, ' ').trim())""",
        device == "desktop",
    )
    chapters = [label for label in labels if label in CHAPTER_TITLES]
    assert len(chapters) == len(set(chapters)), f"a chapter is listed twice: {labels}"
    assert chapters.index("Hessians") > chapters.index("Backpropagation: the chain rule at scale")


WIDE_DISPLAYS = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const displays = [...document.querySelectorAll('.md-content .katex-display')];
    const wide = displays.filter(d => d.scrollWidth > d.clientWidth + 1);
    const cued = wide.filter(d => {
        const style = getComputedStyle(d);
        return ['auto', 'scroll'].includes(style.overflowX) && style.backgroundImage !== 'none';
    });
    return {displays: displays.length, wide: wide.length, cued: cued.length};
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_few_displays_overflow_a_phone_and_those_show_a_cue(
    theme: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert at most 2 % of displays overflow a phone's column; those scroll with a cue."""
    page, _ = new_page(**PHONE, color_scheme=theme)
    displays = wide = 0
    for path in CHAPTERS:
        page.goto(urljoin(site_url, path))
        measured = page.evaluate(WIDE_DISPLAYS)
        assert measured["cued"] == measured["wide"], f"a wide display on {path} has no cue"
        displays += measured["displays"]
        wide += measured["wide"]
    assert wide <= 0.02 * displays, f"{wide} of {displays} displays overflow the column"


NOTEBOOK_PAGES = [page for page in PAGES if page.startswith(f"{NOTEBOOKS}/")]
NOTEBOOK_PAGE = """() => {
    const visible = el => el !== null && el.checkVisibility();
    const cells = [...document.querySelectorAll('.jupyter-wrapper .jp-Cell')];
    const download = document.querySelector('.md-content a[download]');
    return {
        prose: [...document.querySelectorAll('.jp-RenderedMarkdown p')].filter(visible).length,
        math: [...document.querySelectorAll('.jp-RenderedMarkdown .katex')].length,
        code: [...document.querySelectorAll('.jp-CodeCell .highlight pre')].filter(visible).length,
        text: [...document.querySelectorAll('.jp-RenderedText pre')].filter(visible).length,
        outputMath: document.querySelectorAll('.jp-RenderedLatex .katex').length,
        figures: [...document.querySelectorAll('.jp-RenderedHTML svg')].filter(visible).length,
        cells: cells.length,
        download: download && visible(download) ? download.getAttribute('href') : null,
        scripts: [...document.querySelectorAll('article script, article style')].length,
        setupFolded: [...document.querySelectorAll('details.mcv-setup')].map(setup =>
            !setup.open && visible(setup.querySelector('summary'))
            && !setup.querySelector('pre').checkVisibility()),
    };
}"""


def test_notebooks_are_listed_in_their_own_section(built_site: Path) -> None:
    """Assert every chapter that runs examples has its notebook as a page, and no other does."""
    assert [page for page in built_pages(built_site) if page.startswith(f"{NOTEBOOKS}/")] == (
        NOTEBOOK_PAGES
    )
    home = (built_site / "index.html").read_text("utf-8")
    assert [page for page in NOTEBOOK_PAGES if f'href="{page}"' not in home] == []


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_notebook_page_shows_prose_math_code_and_outputs(
    device: str,
    theme: str,
    built_site: Path,
    site_url: str,
    new_page: Callable[..., tuple[Page, Traffic]],
) -> None:
    """Assert a chapter's notebook page renders like the site, downloads, and loads nothing else.

    Its prose and math (KaTeX, rendered when the site was built), its code with this build's
    printed text, math and figures, and the download button for the .ipynb beside it; no
    script or JupyterLab style from the converter, and no request off the host.
    """
    path = f"{NOTEBOOKS}/derivatives/"
    page, traffic = new_page(**(PHONE if device == "phone" else DESKTOP), color_scheme=theme)
    page.goto(urljoin(site_url, path), wait_until="networkidle")
    seen = page.evaluate(NOTEBOOK_PAGE)
    assert seen["prose"] > 10, seen
    assert seen["math"] > 50, seen
    assert seen["code"] > 3, seen
    assert seen["text"] > 0, seen
    assert seen["figures"] > 0, seen
    assert seen["scripts"] == 0, seen
    assert seen["setupFolded"] == [True], seen
    assert seen["download"] == "derivatives.ipynb", seen
    notebook = json.loads((built_site / path / "derivatives.ipynb").read_text("utf-8"))
    assert notebook["nbformat"] == 4
    response = page.request.get(urljoin(page.url, seen["download"]))
    assert response.status == 200
    assert traffic.problems == []
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    lay_out_everything(page)
    page.screenshot(path=SCREENSHOT_DIR / f"notebook-{theme}-{device}.png", full_page=False)
    page.locator(".jp-RenderedHTML svg").first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=SCREENSHOT_DIR / f"notebook-figure-{theme}-{device}.png")


# Each table of contents' marks, against the rule: the current section is the last whose
# heading is in the top 30 % of the window or above it; the sections before it are passed.
TOC_MARKS_WRONG = """() => {
    const lists = [...document.querySelectorAll('[data-mcv-toc]')];
    if (!lists.length) return 'no table of contents';
    const links = [...lists[0].querySelectorAll('a.md-nav__link')];
    const tops = links.map(link => document.getElementById(decodeURIComponent(link.hash.slice(1)))
        .getBoundingClientRect().top);
    const current = tops.findLastIndex(top => top < innerHeight * 0.3);
    const expected = tops.map((_, i) => i === current ? 'active' : i < current ? 'passed' : '');
    for (const list of lists) {
        const marked = [...list.querySelectorAll('a.md-nav__link')].map(link =>
            link.classList.contains('md-nav__link--active') ? 'active'
            : link.classList.contains('md-nav__link--passed') ? 'passed' : '');
        if (JSON.stringify(marked) !== JSON.stringify(expected))
            return JSON.stringify({expected, marked});
    }
    return null;
}"""


@pytest.mark.parametrize("path", ["jacobians/", f"{NOTEBOOKS}/jacobians/"])
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_table_of_contents_marks_the_section_being_read(
    device: str, path: str, site_url: str, new_page: Callable[..., tuple[Page, Traffic]]
) -> None:
    """Assert each table of contents marks the section being read, as Material does.

    The current section's links (the sidebar's and the phone drawer's) are active, the ones
    before it passed, the ones after neither (overrides/partials/toc-spy.html); checked with
    a heading just inside and just outside the top 30 % of the window, and after scrolling
    back up.
    """
    page, traffic = new_page(**(PHONE if device == "phone" else DESKTOP))
    page.goto(urljoin(site_url, path), wait_until="networkidle")
    hashes = page.evaluate(
        "() => [...document.querySelectorAll('[data-mcv-toc]')[0].querySelectorAll('a')]"
        ".map(link => link.hash)"
    )
    assert len(hashes) > 4, hashes
    for index, where in ((3, 0.1), (3, 0.4), (4, 0.25), (1, 0.1)):
        page.evaluate(
            """([hash, where]) => {
                const heading = document.getElementById(decodeURIComponent(hash.slice(1)));
                scrollBy(0, heading.getBoundingClientRect().top - innerHeight * where);
            }""",
            [hashes[index], where],
        )
        try:
            page.wait_for_function(f"() => ({TOC_MARKS_WRONG})() === null", timeout=5_000)
        except PlaywrightTimeoutError:
            pytest.fail(f"heading {index} at {where:.0%}: {page.evaluate(TOC_MARKS_WRONG)}")
    assert traffic.problems == []
