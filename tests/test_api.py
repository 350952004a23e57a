"""The package facade: what is public, and that importing it stays light."""

from __future__ import annotations

import inspect
import subprocess
import sys

import tradetalks


def test_all_is_sorted_and_complete() -> None:
    def group(name: str) -> tuple[int, str]:  # constants, then classes, then the rest
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert tradetalks.__all__ == sorted(tradetalks.__all__, key=group)
    public = {
        name
        for name in dir(tradetalks)
        if not name.startswith("_")
        and (
            inspect.isclass(getattr(tradetalks, name))
            or inspect.isfunction(getattr(tradetalks, name))
            or name in {"FORMAT", "fixtures"}
        )
    }
    assert public == set(tradetalks.__all__)


def test_import_brings_the_decoder_and_nothing_a_valid_load_does_not_need() -> None:
    # msgspec comes with the package, so a first load pays only for reading its file; json
    # (for writing), cattrs (for explaining a bad file) and Hypothesis come when used.
    names = ("msgspec", "json", "cattrs", "hypothesis")
    code = f"import sys, tradetalks; print(*(name in sys.modules for name in {names!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False", "False"]


def test_a_valid_file_loads_without_cattrs_which_explains_a_bad_one() -> None:
    code = (
        "import sys, tradetalks; tradetalks.fixtures.stockholm_2025(); "
        "print('cattrs' in sys.modules)\n"
        "try:\n    tradetalks.loads('{\"format\": 1}')\n"
        "except tradetalks.DataFormatError as error:\n    print(error.problems[0].path)\n"
        "print('cattrs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "$.format", "True"]


def test_every_public_name_resolves() -> None:
    for name in tradetalks.__all__:
        assert getattr(tradetalks, name) is not None


def test_import_does_not_load_hypothesis() -> None:
    code = (
        "import sys, tradetalks; print(any(m.split('.')[0] == 'hypothesis' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_errors_follow_the_hierarchy() -> None:
    assert issubclass(tradetalks.InvalidValueError, ValueError)
    assert issubclass(tradetalks.MissingReferenceError, LookupError)
    for name in tradetalks.__all__:
        value = getattr(tradetalks, name)
        if inspect.isclass(value) and issubclass(value, Exception):
            assert issubclass(value, tradetalks.TradetalksError), name


def test_modules_used_by_their_names_are_there_after_import_tradetalks() -> None:
    code = "import tradetalks; print(tradetalks.exports.KINDS[0], tradetalks.schema.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["sources", "tradetalks.schema"]
