"""Every line of code the docs show fits the rendered column, so no code block scrolls.

The code shown is each line of each ```` ```python ```` block of the pages (``docs/*.md``) and
of the README, and each line of each docstring example of the package as the API page shows
it: the ``>>> `` or ``... `` prompt included, the docstring's own indentation removed, the
expected output too.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path
from typing import TYPE_CHECKING

import tradetalks
from attribute_docs import attribute_docstrings

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# The characters a code block shows: docs/conf.py's theme options give the code a column of
# 1160 - 220 - 60 - 60 = 820 px, in a 13.6 px font whose characters are about 8.2 px wide.
LIMIT = 100

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A block opens with ```python at some indentation (inside a list item) and closes with ```
# at the same indentation; the indentation is not shown.
PYTHON_BLOCK = re.compile(
    r"^(?P<indent> *)```python\n(?P<body>.*?)^(?P=indent)```$", re.MULTILINE | re.DOTALL
)
MODULES = [
    "tradetalks",
    *sorted(name for _, name, _ in pkgutil.walk_packages(tradetalks.__path__, "tradetalks.")),
]

# (where, line number, line): where is a page, or the object a docstring documents; the line
# number counts from 1 in the page, or from 1 in the docstring.
Shown = tuple[str, int, str]


def _page_lines(path: Path) -> Iterator[Shown]:
    """The lines of the ```python blocks of one page, their indentation removed."""
    text = path.read_text(encoding="utf-8")
    for block in PYTHON_BLOCK.finditer(text):
        first = text.count("\n", 0, block.start("body")) + 1
        indent = len(block["indent"])
        for number, line in enumerate(block["body"].splitlines(), first):
            yield path.name, number, line[indent:]


def _example_lines(test: doctest.DocTest) -> Iterator[Shown]:
    """The lines of one docstring's examples as shown: prompts, source and expected output."""
    for example in test.examples:
        source = example.source.splitlines()
        shown = [f">>> {source[0]}", *(f"... {line}" for line in source[1:])]
        shown += example.want.splitlines()
        for offset, line in enumerate(shown):
            yield f"{test.name} (docstring)", example.lineno + offset + 1, line


def _docstring_lines(name: str) -> Iterator[Shown]:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    for test in [*finder.find(module, name, globs={}), *attribute_docstrings(module, name)]:
        yield from _example_lines(test)


def _too_wide(lines: Iterable[Shown]) -> list[str]:
    return [
        f"{where}, line {number}: {len(line)} characters: {line}"
        for where, number, line in lines
        if len(line) > LIMIT
    ]


def test_the_code_is_found() -> None:
    # The README shows one block of 11 lines: 6 statements, 4 lines of output and the blank
    # line before its closing fence.
    readme = list(_page_lines(ROOT / "README.md"))
    assert len(readme) == 11
    assert readme[0][2] == ">>> from datetime import date"
    # Docstrings are found in the package, its modules and subpackages, their classes'
    # methods, the strategies, and the strings that document attributes.
    shown = {where for name in MODULES for where, _, _ in _docstring_lines(name)}
    assert {
        "tradetalks (docstring)",
        "tradetalks.serialization.wire (docstring)",
        "tradetalks.truces.Truce.days_remaining (docstring)",
        "tradetalks.strategies.datasets (docstring)",
        "tradetalks.exports.KINDS (docstring)",
    } <= shown
    # The reliability page's blocks are inside list items, indented by two spaces.
    reliability = [line for _, _, line in _page_lines(ROOT / "docs" / "reliability.md")]
    assert ">>> import tradetalks" in reliability


def test_a_page_line_is_shown_without_its_indentation(tmp_path: Path) -> None:
    # Two blocks: one at the margin, one in a list item indented by 2; the closing fence
    # of the second is indented like its opening. Line numbers count from 1 in the file.
    page = tmp_path / "page.md"
    page.write_text(
        "Text.\n\n```python\n>>> 1\n1\n```\n\n- item\n\n  ```python\n  >>> 2\n  2\n  ```\n",
        encoding="utf-8",
    )
    assert list(_page_lines(page)) == [
        ("page.md", 4, ">>> 1"),
        ("page.md", 5, "1"),
        ("page.md", 11, ">>> 2"),
        ("page.md", 12, "2"),
    ]


def test_a_docstring_example_is_shown_with_its_prompts() -> None:
    # The docstring's indentation (8 spaces) goes; the prompts stay: ">>> " on the first
    # line of a statement, "... " on the others, the expected output as written.
    text = "Twice.\n\n        >>> for n in [1]:\n        ...     print(n)\n        1\n"
    test = doctest.DocTestParser().get_doctest(text, {}, "twice", None, 0)
    assert list(_example_lines(test)) == [
        ("twice (docstring)", 3, ">>> for n in [1]:"),
        ("twice (docstring)", 4, "...     print(n)"),
        ("twice (docstring)", 5, "1"),
    ]


def test_a_line_over_the_limit_is_reported() -> None:
    # 101 characters are one too many; 100 fit.
    lines = [("page.md", 3, "x" * 100), ("page.md", 4, "y" * 101)]
    assert _too_wide(lines) == [f"page.md, line 4: 101 characters: {'y' * 101}"]


def test_page_code_fits_the_column() -> None:
    wide = [line for page in PAGES for line in _too_wide(_page_lines(page))]
    assert not wide, f"{len(wide)} line(s) wider than {LIMIT} characters:\n" + "\n".join(wide)


def test_docstring_examples_fit_the_column() -> None:
    wide = [line for name in MODULES for line in _too_wide(_docstring_lines(name))]
    assert not wide, f"{len(wide)} line(s) wider than {LIMIT} characters:\n" + "\n".join(wide)
