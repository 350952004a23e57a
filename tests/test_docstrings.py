"""Every docstring example in the installed package runs alone and prints what it says.

Each docstring's examples run with empty globals, as in a fresh interpreter into which a
reader has copied that one example: nothing of the module it documents, and not even
``tradetalks``, is there unless the example imports it. The strings that document a
module's or a class's attributes (``FORMAT = ...`` followed by a string) are examples too,
though doctest's own finder never sees them.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

import tradetalks
from attribute_docs import attribute_docstrings

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

MODULES = [
    "tradetalks",
    *sorted(
        name
        for _, name, _ in pkgutil.walk_packages(tradetalks.__path__, "tradetalks.")
        # Its examples are property tests: they run below, with few examples each.
        if name != "tradetalks.strategies"
    ),
]


def _run_alone(module: ModuleType, name: str) -> tuple[doctest.TestResults, str]:
    """Run every example of ``module``, each docstring's with empty globals of its own."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    for test in [*finder.find(module, name, globs={}), *attribute_docstrings(module, name)]:
        runner.run(test, out=report.append)
    return runner.summarize(verbose=False), "".join(report)


def test_every_module_is_collected() -> None:
    assert "tradetalks.truces" in MODULES
    assert "tradetalks.cli" in MODULES
    assert "tradetalks.serialization.wire" in MODULES


# A module whose 2 examples (one in the string after LIMIT, one in double's docstring) use
# its names without importing them, and the same module with each example importing them.
LEANING = '''"""A module."""

LIMIT = 3
"""The limit.

>>> LIMIT
3
"""


def double(number):
    """Twice ``number``.

    >>> double(LIMIT)
    6
    """
    return 2 * number
'''
STANDING = LEANING.replace(
    ">>> LIMIT\n", ">>> from standing_examples import LIMIT\n>>> LIMIT\n"
).replace("    >>> double(", "    >>> from standing_examples import LIMIT, double\n    >>> double(")


def test_examples_run_with_empty_globals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Run alone, both examples of LEANING fail (2 of 2); with their imports, the 4 examples
    # of STANDING (2 imports, 2 uses) pass.
    monkeypatch.syspath_prepend(tmp_path)
    (tmp_path / "leaning_examples.py").write_text(LEANING, encoding="utf-8")
    (tmp_path / "standing_examples.py").write_text(STANDING, encoding="utf-8")
    leaning, _ = _run_alone(importlib.import_module("leaning_examples"), "leaning_examples")
    assert (leaning.failed, leaning.attempted) == (2, 2)
    standing, report = _run_alone(importlib.import_module("standing_examples"), "standing_examples")
    assert (standing.failed, standing.attempted) == (0, 4), report


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    results, report = _run_alone(importlib.import_module(name), name)
    assert results.failed == 0, f"{results.failed} docstring example(s) failed in {name}\n{report}"
    if not name.rpartition(".")[2].startswith("_"):  # public modules show an example
        assert results.attempted > 0, f"{name} has no docstring example"


def test_strategies_examples() -> None:
    # The examples' own property tests run with few examples: here they show how the
    # strategies are used; the properties themselves are tested in test_strategies.py.
    strategies = importlib.import_module("tradetalks.strategies")
    profile = settings.get_current_profile_name()
    settings.register_profile("docstring-examples", settings.get_profile(profile), max_examples=10)
    settings.load_profile("docstring-examples")
    try:
        results, report = _run_alone(strategies, "tradetalks.strategies")
    finally:
        settings.load_profile(profile)
    assert results.failed == 0, f"{results.failed} docstring example(s) failed\n{report}"
    assert results.attempted >= len(strategies.__all__)
