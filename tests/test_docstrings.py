"""Every docstring example in the installed package runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import tradetalks

MODULES = [
    "tradetalks",
    *sorted(
        name
        for _, name, _ in pkgutil.walk_packages(tradetalks.__path__, "tradetalks.")
        if name != "tradetalks.strategies"  # needs the optional extra; tested on its own
    ),
]


def test_every_module_is_collected() -> None:
    assert "tradetalks.truces" in MODULES
    assert "tradetalks.cli" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = finder.find(module, name, globs={"tradetalks": tradetalks, **vars(module)})
    for test in tests:
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{results.failed} docstring example(s) failed in {name}"
    if not name.rpartition(".")[2].startswith("_"):  # public modules show an example
        assert results.attempted > 0, f"{name} has no docstring example"
