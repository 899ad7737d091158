"""Scanning a page for display equations and executed examples, with their file lines.

Every message an author sees is ``page:line: ...``, so the line numbers are tested against the
file as written: with and without YAML front matter, inside admonitions, and next to fences
whose contents must be ignored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verified_docs.page_scan import PageScan, scan_page
from verified_docs.site import page_body

PAGE = Path("docs/chapter.md")

BODY = """\
# A chapter

Some prose with $x \\in \\mathbb{R}$ inline.

$$ claim: first-claim
\\frac{df}{dt} = 2t
$$

$$ refuted: wrong-option
\\frac{df}{dt} = 3t
$$

$$ definition
f(t) = t^2
$$

$$ notation
t \\longrightarrow f
$$

```python run
--8<-- "calc_examples/chapter/example.py:first_section"
```

??? question "Option A"

    $$ claim: indented-claim
    g = 1
    $$
"""
FRONT_MATTER = "---\ntitle: A chapter\ntags:\n  - chains\n---\n"


def scan_file(text: str) -> PageScan:
    """Scan a whole file as the site does: front matter removed, lines kept."""
    body, first_line = page_body(text)
    return scan_page(PAGE, body, first_line)


def line_of(text: str, fragment: str) -> int:
    """The 1-based file line holding ``fragment`` (which must occur once)."""
    lines = [number for number, line in enumerate(text.split("\n"), 1) if fragment in line]
    assert len(lines) == 1, fragment
    return lines[0]


@pytest.mark.parametrize("front_matter", ["", FRONT_MATTER], ids=["plain", "front-matter"])
def test_equations_and_examples_carry_their_file_lines(front_matter: str) -> None:
    """Assert each equation and example is located at its opening line in the file."""
    text = front_matter + BODY
    scan = scan_file(text)
    assert scan.problems == ()
    located = {eq.claim_id or eq.role: (eq.line, eq.end_line) for eq in scan.equations}
    assert located == {
        "first-claim": (
            line_of(text, "claim: first-claim"),
            line_of(text, "claim: first-claim") + 2,
        ),
        "wrong-option": (line_of(text, "refuted: wrong-option"), line_of(text, "wrong-option") + 2),
        "definition": (line_of(text, "$$ definition"), line_of(text, "$$ definition") + 2),
        "notation": (line_of(text, "$$ notation"), line_of(text, "$$ notation") + 2),
        "indented-claim": (line_of(text, "indented-claim"), line_of(text, "indented-claim") + 2),
    }
    (example,) = scan.examples
    assert example.line == line_of(text, "```python run")
    assert example.end_line == example.line + 2


def test_front_matter_shifts_lines_by_its_length() -> None:
    """Assert page_body returns the body and the file line the body starts on."""
    body, first_line = page_body(FRONT_MATTER + BODY)
    assert body == BODY
    assert first_line == 6
    assert page_body(BODY) == (BODY, 1)


def test_roles_ids_and_latex_are_read() -> None:
    """Assert the role, the id and the stripped LaTeX of each display equation are kept."""
    scan = scan_page(PAGE, BODY)
    assert [(eq.role, eq.claim_id, eq.latex) for eq in scan.equations] == [
        ("claim", "first-claim", r"\frac{df}{dt} = 2t"),
        ("refuted", "wrong-option", r"\frac{df}{dt} = 3t"),
        ("definition", None, "f(t) = t^2"),
        ("notation", None, r"t \longrightarrow f"),
        ("claim", "indented-claim", "g = 1"),
    ]
    assert scan.equations[-1].indent == "    "
    assert all(eq.page == PAGE for eq in scan.equations)


def test_example_fence_names_its_source_and_section() -> None:
    """Assert a 'python run' fence yields an Example with the snippet's file and section."""
    (example,) = scan_page(PAGE, BODY).examples
    assert example.source == "calc_examples/chapter/example.py"
    assert example.section == "first_section"
    assert example.example_id == "calc_examples/chapter/example.py:first_section"


# (page text, 1-based line of the problem, a fragment of its message)
PROBLEMS: list[tuple[str, int, str]] = [
    ("intro\n\n$$\nf = 1\n$$\n", 3, "display equation without a role"),
    ("$$ theorem\nf = 1\n$$\n", 1, "display equation without a role"),
    ("text\n$$ claim\nf = 1\n$$\n", 2, "'$$ claim' needs an id"),
    ("$$ refuted\nf = 1\n$$\n", 1, "'$$ refuted' needs an id"),
    ("$$ refuted:\nf = 1\n$$\n", 1, "$$ refuted"),
    ("$$ definition: d\nf = 1\n$$\n", 1, "did you mean '$$ claim: d'?"),
    ("a\nb\n$$ f = 1 $$\n", 3, "put display math on its own lines"),
    ("$$ claim: a\nf = 1\n", 1, "not closed by a line '$$'"),
    (
        "one\ntwo\nsee $\\frac{df}{dt} = 2t$ here\n",
        3,
        "inline math $\\frac{df}{dt} = 2t$ states a result",
    ),
    ("$\\nabla f = 0$\n", 1, "inline math $\\nabla f = 0$ states a result"),
    ("where $f'(t) = 2t$.\n", 1, "inline math $f'(t) = 2t$ states a result"),
    # The probes of issue 10: results written anywhere but in a claim.
    ("So $5x^2 = \\frac{d}{dx}(x^3)$ here.\n", 1, "states a result"),
    ("Hence $\\frac{d}{dx}(x^3) \\approx 5x^2$.\n", 1, "states a result"),
    (
        "the right side is $\\begin{bmatrix} 6y & 6x \\\\ 0 & 0 \\end{bmatrix}$\n",
        1,
        "states a value: a matrix written out",
    ),
    ("x\n$$ definition\n\\frac{d}{dx}(x^3) = 5x^2\n$$\n", 2, "a definition block"),
    (
        "$$ notation\n\\nabla (\\mathbf{x}^\\top A \\mathbf{x}) = 2A\\mathbf{x}\n$$\n",
        1,
        "a notation block relates nothing that could be false",
    ),
    ("for $x > 0$ and $y < 1$, $x + y = 2$\n", 1, "states a result"),
    ("see $t^2${claim: }\n", 1, "needs an id"),
    ("a table | $\\frac{d}{dt}(t^2)$ |\n", 1, "states a value: a derivative applied"),
    ("```python run\nprint(1)\n```\n", 1, 'a "python run" fence must hold exactly one line'),
    ("x\n```python run\n```\n", 2, 'a "python run" fence must hold exactly one line'),
    (
        '```python run\n--8<-- "calc_examples/a.py:one"\n--8<-- "calc_examples/a.py:two"\n```\n',
        1,
        'a "python run" fence must hold exactly one line',
    ),
    ('```python run\n--8<-- "calc_examples/a.py"\n```\n', 1, 'a "python run" fence'),
]


@pytest.mark.parametrize("front_matter", ["", FRONT_MATTER], ids=["plain", "front-matter"])
@pytest.mark.parametrize(("text", "line", "fragment"), PROBLEMS)
def test_author_mistakes_are_reported_at_their_line(
    text: str, line: int, fragment: str, front_matter: str
) -> None:
    """Assert each page mistake yields exactly one 'page:line: message' problem."""
    scan = scan_file(front_matter + text)
    shifted = line + front_matter.count("\n")
    assert [(problem.path, problem.line) for problem in scan.problems] == [(PAGE, shifted)]
    assert fragment in scan.problems[0].message
    assert scan.equations == ()


@pytest.mark.parametrize(
    "text",
    [
        "Let $x \\in \\mathbb{R}^n$ and $y = 2x$.\n",
        "The derivative $\\frac{df}{dt}$ is a number.\n",
        "Use `$\\frac{df}{dt} = 2t$` in code spans freely.\n",
        "Prices like $5 and $6 are not math.\n",
        "```\n$$\nf = 1\n$$\n```\n",
        "~~~markdown\n$$ claim\n$\\frac{df}{dt} = 1$\n~~~\n",
        "````\n```python run\nprint(1)\n```\n$$\n````\n",
        "```python\nx = 1\n```\n",
    ],
)
def test_fenced_code_and_plain_inline_math_are_not_problems(text: str) -> None:
    """Assert fenced blocks are skipped and notation-only inline math is accepted."""
    scan = scan_page(PAGE, text)
    assert scan.problems == ()
    assert scan.equations == ()
    assert scan.examples == ()


def test_equation_after_a_fence_is_still_found_at_its_line() -> None:
    """Assert scanning resumes after a fence and keeps counting lines through it."""
    text = "```\n$$\nnot math\n$$\n```\n\n$$ claim: after\na = b\n$$\n"
    (equation,) = scan_page(PAGE, text, first_line=10).equations
    assert equation.claim_id == "after"
    assert equation.line == 10 + 6


def test_inline_result_wrapped_across_lines_is_reported() -> None:
    """Assert an inline '$\\frac{df}{dt} = ...$' split over two lines is still a problem."""
    scan = scan_page(PAGE, "so $\\frac{df}{dt}\n= 2t$ holds\n")
    assert [problem.line for problem in scan.problems] == [1]


def test_one_page_run_verifies_only_that_page(tmp_path: Path) -> None:
    """Assert verify_site(only=...) verifies the selected page and merely binds the others.

    With the session's cache, which holds what this run verified from scratch: what is tested
    is which pages are verified and which skipped, not the verdicts a second time.
    """
    from tests.chapter_mutations import project_settings
    from verified_docs.cache import ResultCache
    from verified_docs.examples.runner import ExampleRunner
    from verified_docs.site import verify_site

    settings = project_settings()
    cache = ResultCache.for_settings(settings)
    with ExampleRunner.for_settings(settings, cache) as runner:
        report = verify_site(settings, runner, cache=cache, only=[Path("docs/long-chains.md")])
    chosen = [r for r in report.claims if str(r.equation.page) == "docs/long-chains.md"]
    others = [r for r in report.claims if str(r.equation.page) != "docs/long-chains.md"]
    assert chosen
    assert all(r.verdict is not None and not r.skipped for r in chosen)
    assert others
    assert all(r.skipped and r.verdict is None for r in others)
    assert not [p for p in report.problems if p.kind == "check"]
