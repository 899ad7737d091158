"""Find code whose output would change from one build to the next.

The worker seeds Python's and NumPy's global generators, so ``random.random()`` and
``np.random.rand()`` print the same numbers every build. A generator created without a seed,
the operating system's entropy, or the wall clock escapes that seeding: a page would change
on every build and two builds of one commit would differ. Such calls are found in the
module's syntax tree, before anything runs, and reported with their line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

# Constructors that draw entropy from the system unless given a seed.
_NEEDS_SEED = {"default_rng", "RandomState", "Random", "SeedSequence"}
# Calls that are different on every run, whatever their arguments.
_ALWAYS_DIFFERENT = {
    "SystemRandom": "draws from the operating system's entropy",
    "urandom": "reads the operating system's entropy",
    "uuid1": "depends on the clock",
    "uuid4": "is random",
    "token_hex": "is random",
    "token_bytes": "is random",
    "now": "reads the clock",
    "utcnow": "reads the clock",
    "today": "reads the clock",
}
_CLOCK_MODULES = {"time": {"time", "time_ns"}}


def unstable_calls(source: str) -> Iterator[tuple[int, str]]:
    """(line, description) for each call that makes a module's output vary between runs."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, owner = _called_name(node.func)
        if name in _NEEDS_SEED and not node.args and not node.keywords:
            yield node.lineno, f"{name}() has no seed; pass one, e.g. {name}(0)"
        elif name in _ALWAYS_DIFFERENT:
            yield node.lineno, f"{name}() {_ALWAYS_DIFFERENT[name]}"
        elif owner in _CLOCK_MODULES and name in _CLOCK_MODULES[owner]:
            yield node.lineno, f"{owner}.{name}() reads the clock"


def _called_name(function: ast.expr) -> tuple[str, str]:
    if isinstance(function, ast.Attribute):
        owner = function.value
        owner_name = owner.id if isinstance(owner, ast.Name) else ""
        return function.attr, owner_name
    if isinstance(function, ast.Name):
        return function.id, ""
    return "", ""
