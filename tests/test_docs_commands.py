"""The shell commands the docs and the README show are the ones CI runs, with real extras.

The Python examples of the pages run as doctests; the shell blocks cannot run inside the
tests (they install packages), so they are checked against what CI runs and what the
project declares.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def _commands(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for block in SH_BLOCK.findall(text) for line in block.splitlines() if line]


def _extras() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project["optional-dependencies"])


def test_every_shell_block_is_found() -> None:
    shown = {
        p.name: _commands(p) for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    }
    assert len(shown["README.md"]) == 2  # the two commands a newcomer runs
    assert shown["index.md"] == [
        "python -m pip install '.[docs]'",
        "python -m sphinx -W -n -T -b html docs docs/_build/html",
    ]
    assert shown["testing.md"] == ["pip install 'tradetalks[strategies]'"]
    assert shown["performance.md"][0] == "python -m pip install '.[bench]'"


def test_the_benchmark_commands_name_the_script_and_its_options() -> None:
    scripts = {"benchmarks/run.py", "benchmarks/instructions.py"}
    for command in _commands(ROOT / "docs" / "performance.md")[1:]:
        words = command.split("#")[0].split()
        assert words[0] == "python", command
        assert words[1] in scripts, command
        script = (ROOT / words[1]).read_text(encoding="utf-8")
        for option in (w for w in words[2:] if w.startswith("--")):
            assert f'"{option}"' in script, option


def test_the_readme_commands_are_the_ones_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    main, tests = _commands(ROOT / "README.md")
    assert tests in ci
    assert main == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/tradetalks"


def test_the_docs_build_command_is_the_one_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-m sphinx -W -n -T -b html docs docs/_build/html" in ci
    assert "pip install -q '.[docs]'" in ci


def test_every_extra_the_pages_name_exists() -> None:
    named = set()
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for command in _commands(path):
            for extras in re.findall(r"\[([a-z,]+)\]", command):
                named.update(extras.split(","))
    assert named == {"test", "docs", "strategies", "bench"}
    assert named <= _extras()
