"""Mutations of the chapters, as data: one module per chapter, named after its page.

A module ``tests/mutations/<chapter>.py`` holds ``PAGE`` (the file under ``docs/``) and
``MUTATIONS``, the slips an author might make in that page's claims. ``tests/test_chapters.py``
verifies each chapter as committed and each mutation of it; adding a chapter's mutations is
adding a module here, with no test code.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Mutation:
    """One claim altered the way an author might get it wrong, and how the build must say so.

    ``old`` must occur exactly once in the block of claim ``claim`` and is replaced by ``new``;
    the build must then report one problem, at the claim's line, for a claim of role ``role``
    (a relabelled option changes it), whose reason contains ``reason``.
    """

    name: str  # the test id: what the slip is
    claim: str
    old: str
    new: str
    reason: str
    role: str = "claim"


def refuted_option_relabelled_as_claim(claim: str, *, reason: str) -> Mutation:
    """A wrong option marked as a result: its check must show it false, for ``reason``."""
    return Mutation(
        name="refuted-option-relabelled-as-claim",
        claim=claim,
        old="$$ refuted:",
        new="$$ claim:",
        reason=reason,
    )


def correct_option_relabelled_as_refuted(claim: str) -> Mutation:
    """A right option marked wrong: the build must say it holds, so it cannot be refuted."""
    return Mutation(
        name="correct-option-relabelled-as-refuted",
        claim=claim,
        old="$$ claim:",
        new="$$ refuted:",
        reason="marked refuted",
        role="refuted",
    )


@dataclass(frozen=True)
class Chapter:
    """A page of ``docs/`` and the mutations its claims must catch."""

    name: str  # the module's name, e.g. ``long_chains``
    page: str  # the file under ``docs/``, e.g. ``long-chains.md``
    mutations: tuple[Mutation, ...]


def _chapter(module: ModuleType) -> Chapter:
    name = module.__name__.rsplit(".", 1)[-1]
    mutations = tuple(module.MUTATIONS)
    names = [mutation.name for mutation in mutations]
    if len(set(names)) != len(names):
        raise ValueError(f"{module.__name__}: two mutations share a name")
    return Chapter(name, module.PAGE, mutations)


def chapters() -> list[Chapter]:
    """Every chapter with a mutations module here, in the order of the module names."""
    found = [
        _chapter(importlib.import_module(f"{__name__}.{info.name}"))
        for info in pkgutil.iter_modules(__path__)
    ]
    return sorted(found, key=lambda chapter: chapter.name)
