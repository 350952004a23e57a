"""The package's modules import one another in one direction: no module imports itself back.

Every ``import`` and ``from ... import`` of a ``tradetalks`` module is an edge, at the top of
a module or inside a function alike; imports made for type checking only (under ``if
TYPE_CHECKING:``) are not, since they never run. ``from tradetalks import name`` is an edge
to the module ``tradetalks.name`` when there is one, and to the facade otherwise.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tradetalks

PACKAGE = Path(tradetalks.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    name = ".".join(parts)
    return name.removesuffix(".__init__")


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


class _Imports(ast.NodeVisitor):
    """The tradetalks modules a module imports at run time."""

    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        checking = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        )
        for child in node.orelse if checking else [*node.body, *node.orelse]:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.update(alias.name for alias in node.names if alias.name in MODULES)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module not in MODULES:
            return
        submodules = {f"{module}.{a.name}" for a in node.names} & set(MODULES)
        self.found.update(submodules)
        if len(submodules) < len(node.names):
            self.found.add(module)


def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = visitor.found - {name}
    return graph


GRAPH = _graph()


def _circle_through(start: str) -> list[str] | None:
    """A path of imports from ``start`` back to it, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        name, path = stack.pop()
        for target in sorted(GRAPH[name]):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_the_walk_sees_function_level_imports_and_skips_type_checking_ones() -> None:
    assert "tradetalks.serialization.report" in GRAPH["tradetalks.serialization"]  # in loads()
    assert "tradetalks.actors" not in GRAPH["tradetalks.sources"]  # for type checking only
    assert "tradetalks.sources" in GRAPH["tradetalks.actors"]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_itself_back(name: str) -> None:
    assert _circle_through(name) is None, " → ".join(_circle_through(name) or [])


def test_the_dataset_does_not_import_the_exports_or_the_format() -> None:
    def reach(name: str) -> set[str]:
        found, todo = set(), [name]
        while todo:
            for target in GRAPH[todo.pop()]:
                if target not in found:
                    found.add(target)
                    todo.append(target)
        return found

    reached = reach("tradetalks.dataset")
    assert "tradetalks.exports" not in reached
    assert not any(name.startswith("tradetalks.serialization") for name in reached)
