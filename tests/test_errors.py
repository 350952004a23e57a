"""The error hierarchy: what each error is, and how long its message can be."""

from __future__ import annotations

import pytest

import tradetalks
from tradetalks import (
    DataFormatError,
    InvalidValueError,
    MissingReferenceError,
    Problem,
    TradetalksError,
)
from tradetalks.errors import MESSAGE_LIMIT


def test_invalid_values_and_missing_references_are_also_builtin_errors() -> None:
    assert issubclass(InvalidValueError, ValueError)
    assert issubclass(MissingReferenceError, LookupError)
    assert issubclass(DataFormatError, TradetalksError)


def test_a_message_quoting_a_huge_value_keeps_its_start_and_end() -> None:
    huge = "x" * 5_000_000
    error = InvalidValueError(f"{huge!r} is not a valid id", where="people[0].id")
    assert len(error.message) <= MESSAGE_LIMIT
    assert error.message.startswith("'xxx")
    assert error.message.endswith("is not a valid id")
    assert "characters left out" in error.message
    assert str(error).startswith("people[0].id: 'xxx")


def test_a_short_message_is_kept_whole() -> None:
    assert str(InvalidValueError("must not be empty", where="name")) == "name: must not be empty"


def test_a_huge_id_in_a_file_gives_a_short_problem() -> None:
    text = (
        '{"format": "tradetalks/1", "people": [{"id": "'
        + "x" * 5_000_000
        + '!", "name": "A", "evidence": []}]}'
    )
    with pytest.raises(DataFormatError) as caught:
        tradetalks.loads(text)
    assert len(str(caught.value)) < 10_000
    assert all(len(p.message) <= MESSAGE_LIMIT for p in caught.value.problems)
    assert caught.value.problems[0].path == "$.people[0].id"


def test_problems_are_capped_too() -> None:
    error = DataFormatError([Problem("$.x", "y" * 50_000)])
    assert len(error.problems[0].message) <= MESSAGE_LIMIT
