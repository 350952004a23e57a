"""The examples in the strings that document attributes: read from a module's source.

A string that follows an assignment (``FORMAT = ...`` then ``\"\"\"...\"\"\"``) documents the
name assigned; the API page shows it (``autodata``), but Python keeps no trace of it, so
doctest's own finder never sees its examples. The docstring tests run them, and the docs'
width test measures them.
"""

from __future__ import annotations

import ast
import doctest
import inspect
import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType


def _assigned_name(statement: ast.stmt) -> str | None:
    """The one name a statement assigns (``FORMAT = ...``, ``KINDS: tuple[str, ...] = ...``)."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
    elif isinstance(statement, ast.AnnAssign):
        target = statement.target
    else:
        return None
    return target.id if isinstance(target, ast.Name) else None


def attribute_docstrings(module: ModuleType, name: str) -> list[doctest.DocTest]:
    """The examples of the strings that document the attributes of a module and its classes.

    Each becomes a test with empty globals of its own, named ``owner.attribute``, its line
    the string's line in the module's source.
    """
    filename = inspect.getsourcefile(module)
    parser = doctest.DocTestParser()
    tests: list[doctest.DocTest] = []
    bodies: list[tuple[str, list[ast.stmt]]] = [(name, ast.parse(inspect.getsource(module)).body)]
    while bodies:
        owner, body = bodies.pop()
        bodies += [(f"{owner}.{n.name}", n.body) for n in body if isinstance(n, ast.ClassDef)]
        for statement, after in itertools.pairwise(body):
            assigned = _assigned_name(statement)
            if (
                assigned is None
                or not isinstance(after, ast.Expr)
                or not isinstance(after.value, ast.Constant)
                or not isinstance(after.value.value, str)
            ):
                continue
            test = parser.get_doctest(
                inspect.cleandoc(after.value.value),
                {},
                f"{owner}.{assigned}",
                filename,
                after.lineno - 1,  # doctest counts lines from 0
            )
            if test.examples:
                tests.append(test)
    return tests
