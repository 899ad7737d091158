"""The check API: claim(*ids), identity(), claims_by_name(), and where each check is written.

Registration happens in these test functions, on a registry emptied for each test, so the
recorded file and lines are this file's; the expected lines are read off the frame just
before each registration.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sympy as sp

from verified_docs import checks
from verified_docs.checks import (
    CheckDefinitionError,
    Derivative,
    DuplicateCheckError,
    Model,
    claim,
    claims_by_name,
    identity,
)
from verified_docs.markdown_ext import check_source
from verified_docs.verify import ClaimFailure, verify_equation

t = sp.Symbol("t", real=True)
DFDT = r"\frac{df}{dt}"
CUBE = Model(sample={t: (-2.0, 2.0)}, names={DFDT: Derivative(t**3, t)})
WIDER = Model(sample={t: (1.0, 3.0)}, names={DFDT: Derivative(t**3, t)})
HERE = Path(__file__)
REPO_ROOT = HERE.parents[1]


@pytest.fixture(autouse=True)
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, checks.ClaimCheck]:
    """An empty registry for each test, so the site's checks neither clash nor leak."""
    empty: dict[str, checks.ClaimCheck] = {}
    monkeypatch.setattr(checks, "REGISTRY", empty)
    return empty


def _next_line() -> int:
    """The line after the caller's: where the registration under test starts."""
    return sys._getframe(1).f_lineno + 1


def test_one_check_serves_several_ids_each_at_its_own_line(
    registry: dict[str, checks.ClaimCheck],
) -> None:
    """Assert claim(*ids) registers every id, each pointing at its own line of one statement."""
    first = _next_line() + 1  # past the blank line before the function

    @claim(
        "api-result",
        "api-option-a",
        model=[CUBE, WIDER],
        lhs=DFDT,
    )
    def cube_derivative(model: Model) -> Derivative:
        return Derivative(t**3, t)

    last = first + 7
    assert set(registry) == {"api-result", "api-option-a"}
    result, option = registry["api-result"], registry["api-option-a"]
    assert (result.line, option.line) == (first + 1, first + 2)
    assert result.lines == option.lines == (first, last)
    assert result.source == option.source == HERE
    assert result.models == (CUBE, WIDER)
    assert cube_derivative(CUBE) == Derivative(t**3, t)  # the decorator returns the function


def test_the_check_function_is_given_each_model(registry: dict[str, checks.ClaimCheck]) -> None:
    """Assert the model is always passed: a check reads its quantities from the model it gets."""
    seen: list[Model] = []

    @claim("api-per-model", model=[CUBE, WIDER], lhs=DFDT)
    def from_the_model(model: Model) -> Derivative:
        seen.append(model)
        return Derivative(t**3, t)

    verify_equation(registry["api-per-model"], rf"{DFDT} = 3t^2")
    assert seen == [CUBE, WIDER]


def test_identity_takes_the_pages_left_side_as_reference(
    registry: dict[str, checks.ClaimCheck],
) -> None:
    """Assert identity() needs no body, and the engine still refutes a false rewriting."""
    line = _next_line()
    identity("api-expand", "api-expand-wrong", model=CUBE)

    expand = registry["api-expand"]
    assert (expand.lhs, expand.meaning, expand.quantity(CUBE)) == (None, None, None)
    assert expand.lines == (line, line)
    verify_equation(expand, r"(t + 1)^2 = t^2 + 2t + 1")
    with pytest.raises(ClaimFailure, match="side 2 is false"):
        verify_equation(registry["api-expand-wrong"], r"(t + 1)^2 = t^2 + 1")


def test_table_looks_the_left_side_up_in_the_model(
    registry: dict[str, checks.ClaimCheck],
) -> None:
    """Assert a table row means what the model names, spelled as the page's parser reads it."""
    first = _next_line()
    claims_by_name(
        CUBE,
        {
            "api-table-direct": DFDT,
            "api-table-spaced": r"\frac{d f}{d t}",
        },
    )

    direct, spaced = registry["api-table-direct"], registry["api-table-spaced"]
    assert (direct.line, spaced.line) == (first + 3, first + 4)
    assert direct.lines == (first, first + 6)
    assert direct.quantity(CUBE) == spaced.quantity(CUBE) == Derivative(t**3, t)
    verify_equation(direct, rf"{DFDT} = 3t^2")
    # The engine, not the table, decides: a wrong right side fails by both routes.
    with pytest.raises(ClaimFailure, match="simplifies to") as caught:
        verify_equation(direct, rf"{DFDT} = 3t")
    assert "is false at t = " in str(caught.value)


def test_table_row_the_model_does_not_name_is_refused_at_its_line() -> None:
    """Assert an unknown left side fails at import with the row's file:line, in one line."""
    first = _next_line()
    with pytest.raises(CheckDefinitionError) as caught:
        claims_by_name(
            CUBE,
            {
                "api-table-known": DFDT,
                "api-table-unknown": r"\frac{dg}{dt}",
            },
        )
    message = str(caught.value)
    assert message.startswith(f"tests/test_check_api.py:{first + 5}: claim 'api-table-unknown': ")
    assert r"the model names no \frac{dg}{dt} (it names: \frac{df}{dt})" in message
    assert "\n" not in message


def test_table_row_must_be_named_by_every_model() -> None:
    """Assert a name missing from one of several models is refused too."""
    with pytest.raises(CheckDefinitionError, match="api-partly-named"):
        claims_by_name([CUBE, Model(sample={t: (0.0, 1.0)})], {"api-partly-named": DFDT})


def test_an_id_registered_twice_names_both_places() -> None:
    """Assert a second check under one id fails with file:line of both, in one line."""
    first = _next_line()
    identity("api-twice", model=CUBE)
    with pytest.raises(DuplicateCheckError) as caught:
        identity("api-twice", model=CUBE)
    assert str(caught.value) == (
        f"tests/test_check_api.py:{first + 2}: claim id 'api-twice' already has a check at "
        f"tests/test_check_api.py:{first}"
    )


def test_an_id_twice_in_one_call_is_refused() -> None:
    """Assert listing one id twice in one registration is the same mistake."""
    with pytest.raises(DuplicateCheckError, match="'api-again' already has a check"):
        identity("api-again", "api-again", model=CUBE)


def test_claims_page_shows_the_registering_statement_from_its_file(
    registry: dict[str, checks.ClaimCheck],
) -> None:
    """Assert the claims page shows the real source whole, with file:line and the id marked."""
    first = _next_line()
    claims_by_name(
        CUBE,
        {
            "api-shown-a": DFDT,
            "api-shown-b": DFDT,
        },
    )

    lines = check_source(registry["api-shown-b"], REPO_ROOT)
    assert lines[0] == f'??? note "Check: `tests/test_check_api.py`, line {first + 4}"'
    assert f"Defined at `tests/test_check_api.py:{first + 4}`." in lines[2]
    assert "looked up by name" in lines[2]
    assert lines[4] == '    ```python hl_lines="5"'
    assert lines[5:-1] == [
        "        claims_by_name(",
        "            CUBE,",
        "            {",
        '                "api-shown-a": DFDT,',
        '                "api-shown-b": DFDT,',
        "            },",
        "        )",
    ]


def test_claims_page_shows_a_decorated_check_from_its_first_decorator(
    registry: dict[str, checks.ClaimCheck],
) -> None:
    """Assert a check function is shown from its decorator to its last line, body included."""

    @claim("api-decorated", model=CUBE, lhs=DFDT)
    def decorated(model: Model) -> Derivative:
        return Derivative(t**3, t)

    code = check_source(registry["api-decorated"], REPO_ROOT)[5:-1]
    assert code[0].strip() == '@claim("api-decorated", model=CUBE, lhs=DFDT)'
    assert code[-1].strip() == "return Derivative(t**3, t)"
