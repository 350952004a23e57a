"""W3C Web Annotations of a dataset's evidence.

The selectors are checked by a matcher of this module's own (Knuth-Morris-Pratt), not by
the library's search: prefix + exact + suffix must occur exactly once in the source's
text, with exact beginning at the TextPositionSelector's start. The pieces of evidence are
counted by a walk of this module's own over the records' attrs fields.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given

from tradetalks import (
    Dataset,
    Evidence,
    InvalidValueError,
    Organization,
    OrganizationKind,
    Party,
    Source,
)
from tradetalks.annotations import to_web_annotations
from tradetalks.dataset import COLLECTIONS
from tradetalks.exports import to_records
from tradetalks.fixtures import stockholm_2025
from tradetalks.strategies import datasets

if TYPE_CHECKING:
    from collections.abc import Iterator

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RECORD_CLASSES = tuple(cls for _, cls in COLLECTIONS)


# --- an independent matcher and an independent count -------------------------------------


def occurrences(text: str, pattern: str) -> list[int]:
    """Every offset where ``pattern`` (not empty) begins in ``text``, overlaps included.

    Knuth-Morris-Pratt: linear in ``len(text) + len(pattern)``.
    """
    border = [0] * len(pattern)  # border[i]: the longest proper border of pattern[: i + 1]
    k = 0
    for i in range(1, len(pattern)):
        while k and pattern[i] != pattern[k]:
            k = border[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        border[i] = k
    found, k = [], 0
    for i, character in enumerate(text):
        while k and character != pattern[k]:
            k = border[k - 1]
        if character == pattern[k]:
            k += 1
        if k == len(pattern):
            found.append(i - k + 1)
            k = border[k - 1]
    return found


def test_the_matcher_finds_overlapping_occurrences() -> None:
    # "aa" in "aaaa" begins at 0, 1 and 2; "aba" in "ababa" at 0 and 2; "x" nowhere.
    assert occurrences("aaaa", "aa") == [0, 1, 2]
    assert occurrences("ababa", "aba") == [0, 2]
    assert occurrences("ababa", "x") == []


def evidence_in(value: object, *, top: bool = False) -> Iterator[Evidence]:
    """Every piece of evidence a record holds, in the records written inside it too.

    A record of a collection met below the top is a reference to another record (a
    speaker, a source, the record a claim is about) and is not walked.
    """
    if isinstance(value, Evidence):
        yield value
    elif isinstance(value, RECORD_CLASSES) and not top:
        return
    elif isinstance(value, tuple | list):
        for item in value:
            yield from evidence_in(item)
    else:
        cls = type(value)
        if attrs.has(cls):
            for field in attrs.fields(cls):
                yield from evidence_in(getattr(value, field.name))


def expected_pieces(dataset: Dataset) -> Counter[tuple[str, str, str, int, int, str]]:
    """(collection, record id, source id, start, end, exact) of every piece, counted."""
    return Counter(
        (name, record.id, piece.source.id, piece.start, piece.end, piece.exact)
        for name, _ in COLLECTIONS
        for record in getattr(dataset, name)
        for piece in evidence_in(record, top=True)
    )


def source_texts(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """The target ``source`` of each source (its url, or a URN of its id): (id, text)."""
    return {
        s.url if s.url is not None else f"urn:tradetalks:source:{s.id}": (s.id, s.text)
        for s in dataset.sources
    }


def check_selectors(note: dict[str, Any], text: str) -> None:
    """The annotation's two selectors pick out the same characters, once, in ``text``."""
    quote, position = note["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert position["type"] == "TextPositionSelector"
    prefix, exact, suffix = quote["prefix"], quote["exact"], quote["suffix"]
    start, end = position["start"], position["end"]
    assert text[start:end] == exact
    assert occurrences(text, prefix + exact + suffix) == [start - len(prefix)]
    # At least 32 characters of context on each side, where the text has them.
    assert len(prefix) >= min(32, start)
    assert len(suffix) >= min(32, len(text) - end)
    # Context grows by doubling, only as needed: with half of it the three recur.
    width = max(len(prefix), len(suffix))
    if width > 32:
        half = width // 2
        shorter = prefix[max(0, len(prefix) - half) :] + exact + suffix[:half]
        assert len(occurrences(text, shorter)) > 1


def check_page(dataset: Dataset) -> None:
    """Every property of a page that holds whatever the dataset."""
    page = to_web_annotations(dataset)
    texts = source_texts(dataset)
    notes = page["items"]
    ids = [note["id"] for note in notes]
    assert len(set(ids)) == len(ids)
    found: Counter[tuple[str, str, str, int, int, str]] = Counter()
    for note in notes:
        source_id, text = texts[note["target"]["source"]]
        check_selectors(note, text)
        kind, record_id, *_ = note["id"].removeprefix("urn:tradetalks:annotation:").split("/")
        assert note["body"]["value"].startswith(f"{kind}/{record_id}: ")
        quote, position = note["target"]["selector"]
        found[kind, record_id, source_id, position["start"], position["end"], quote["exact"]] += 1
    assert found == expected_pieces(dataset)
    assert len(notes) == sum(expected_pieces(dataset).values())
    assert len(notes) == len(to_records(dataset, "evidence"))
    assert json.loads(json.dumps(page)) == page


# --- the shipped dataset and generated ones ---------------------------------------------


def test_the_shipped_dataset() -> None:
    check_page(stockholm_2025())


def test_the_shipped_dataset_has_an_annotation_per_piece_of_evidence() -> None:
    # Counted in the shipped JSON file, which has 73 "exact" keys: 2 parties, 14 organizations, 8 people, 9 positions,
    # 7 rounds and 3 of their delegates, 3 meetings, 25 statements, 1 truce and 1 of its
    # terms: 73 pieces of evidence.
    assert len(to_web_annotations(stockholm_2025())["items"]) == 73


@given(datasets())
def test_generated_datasets(dataset: Dataset) -> None:
    """For any dataset, each selector picks out its evidence once, one per piece."""
    check_page(dataset)


# --- cases worked out by hand ---------------------------------------------------------------

OUTLET = Organization(id="example-wire", name="Example Wire", kind=OrganizationKind.OUTLET)


def one_party(
    text: str, spans: list[tuple[int, int, str]], url: str | None = None
) -> dict[str, Any]:
    """The page of a made-up source and a party whose evidence is ``spans``."""
    source = Source(
        id="example-report",
        outlet=OUTLET,
        published_on=dt.date(2025, 7, 30),
        language="en",
        text=text,
        url=url,
    )
    evidence = [Evidence(source=source, start=s, end=e, exact=x) for s, e, x in spans]
    party = Party(code="US", name="United States", evidence=evidence)
    page = to_web_annotations(Dataset(sources=[source], organizations=[OUTLET], parties=[party]))
    for note in page["items"]:
        check_selectors(note, text)
    return page


def quotes(page: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (q["prefix"], q["exact"], q["suffix"])
        for q in (note["target"]["selector"][0] for note in page["items"])
    ]


W = "word " * 8  # 40 characters with no "A", "B", "C" or "the US" in them


def test_a_quote_that_occurs_three_times_needs_twice_the_context() -> None:
    # Offsets: "A " 0-2, W 2-42, "the US" 42-48, " " 48, W 49-89, "B " 89-91, W 91-131,
    # "the US" 131-137, " " 137, W 138-178, "C " 178-180, W 180-220, "the US" 220-226,
    # " " 226, W 227-267.
    text = "A " + W + "the US " + W + "B " + W + "the US " + W + "C " + W + "the US " + W
    page = one_party(text, [(42, 48, "the US"), (131, 137, "the US"), (220, 226, "the US")])
    # With 32 characters a side, each is "rd word word word word word word the US word ...":
    # the same around all three. With 64:
    # - the first has all 42 characters before it ("A " + W) and text[48:112] after:
    #   " " + W + "B " + W[:21], W[:21] being "word word word word w";
    # - the second has text[67:131] before: W[18:] ("d " and four "word ") + "B " + W,
    #   and text[137:201] after: " " + W + "C " + W[:21];
    # - the last has text[156:220] before: W[18:] + "C " + W, and the 41 to the end after.
    # Each holds a letter that stands once in the text ("A", "B" or "C"), so it is unique.
    tail = "d " + "word " * 4
    assert quotes(page) == [
        ("A " + W, "the US", " " + W + "B " + "word " * 4 + "w"),
        (tail + "B " + W, "the US", " " + W + "C " + "word " * 4 + "w"),
        (tail + "C " + W, "the US", " " + W),
    ]


def test_quotes_at_the_ends_of_the_text() -> None:
    # "Trade " 0-6, "talks " 6-12, "resumed " 12-20, "in " 20-23, "Stockholm " 23-33,
    # "on " 33-36, "Monday " 36-43, "and " 43-47, "ended " 47-53, "on " 53-56,
    # "Tuesday " 56-64, "with " 64-69, "no " 69-72, "deal." 72-77: 77 characters.
    text = "Trade talks resumed in Stockholm on Monday and ended on Tuesday with no deal."
    page = one_party(text, [(0, 11, "Trade talks"), (69, 77, "no deal."), (0, 77, text)])
    assert quotes(page) == [
        # nothing before; text[11:43] after: " " + 8 + 3 + 10 + 3 + 7 = 32 characters
        ("", "Trade talks", " resumed in Stockholm on Monday "),
        # text[37:69] before: "onday " 6 + "and " 4 + "ended " 6 + "on " 3 +
        # "Tuesday " 8 + "with " 5 = 32 characters; nothing after
        ("onday and ended on Tuesday with ", "no deal.", ""),
        # the whole text: nothing on either side
        ("", text, ""),
    ]


def test_offsets_are_code_points_not_utf16_units() -> None:
    # Code points: "😀" 0, " " 1, "The" 2-5, " " 5, "US" 6-8, " " 8, "said" 9-13, " " 13,
    # "👍" 14, " " 15, "yes" 16-19, "." 19: 20 in all. "said 👍 yes" is 9-19.
    # In UTF-16 "😀" (U+1F600) and "👍" (U+1F44D) are two units each, so the same span
    # would be 10-21 there.
    text = "😀 The US said 👍 yes."
    page = one_party(text, [(9, 19, "said 👍 yes")])
    quote, position = page["items"][0]["target"]["selector"]
    assert (position["start"], position["end"]) == (9, 19)
    assert len(text[:9].encode("utf-16-le")) // 2 == 10
    assert len(text[:19].encode("utf-16-le")) // 2 == 21
    # Fewer than 32 characters on each side: all of them.
    assert (quote["prefix"], quote["exact"], quote["suffix"]) == ("😀 The US ", "said 👍 yes", ".")


def test_a_text_of_one_repeated_character_needs_all_of_it() -> None:
    # Any shorter window of "aaa...a" recurs one character to the left or to the right, so
    # the one character at 10_000 is unique only with all 10_000 characters on each side.
    text = "a" * 20_001
    page = one_party(text, [(10_000, 10_001, "a")])
    assert quotes(page) == [("a" * 10_000, "a", "a" * 10_000)]


def test_the_target_source_is_the_url_or_a_urn_of_the_id() -> None:
    text = "Trade talks resumed."
    with_url = one_party(text, [(0, 5, "Trade")], url="https://news.example/talks")
    without = one_party(text, [(0, 5, "Trade")])
    assert with_url["items"][0]["target"]["source"] == "https://news.example/talks"
    assert without["items"][0]["target"]["source"] == "urn:tradetalks:source:example-report"


# --- the JSON-LD ------------------------------------------------------------------------------


def test_the_page_is_json_ld_of_the_annotation_model() -> None:
    page = to_web_annotations(stockholm_2025())
    assert page["@context"] == CONTEXT
    assert page["type"] == "AnnotationPage"
    assert page["id"].startswith("urn:uuid:")
    for note in page["items"]:
        assert set(note) == {"id", "type", "motivation", "body", "target"}
        assert note["type"] == "Annotation"
        assert note["motivation"] == "describing"
        assert note["body"]["type"] == "TextualBody"
        assert note["body"]["format"] == "text/plain"
    text = json.dumps(page)
    assert json.loads(text) == page


def test_annotations_of_the_shipped_dataset_by_hand() -> None:
    page = to_web_annotations(stockholm_2025())
    notes = {note["id"]: note for note in page["items"]}
    # The Stockholm round's second delegate is Scott Bessent: "US lead person Treasury
    # Secretary Scott Bessent", at 917-964 of the article (917 + 47 characters).
    note = notes["urn:tradetalks:annotation:rounds/stockholm-2025/delegates/1/evidence/0"]
    assert note["body"]["value"] == "rounds/stockholm-2025: delegates[1].evidence"
    assert note["target"]["source"] == "urn:tradetalks:source:global-times-2025-07-30-stockholm"
    quote, position = note["target"]["selector"]
    assert quote["exact"] == "US lead person Treasury Secretary Scott Bessent"
    assert (position["start"], position["end"]) == (917, 964)


def test_the_page_id_follows_the_evidence() -> None:
    text = "Trade talks resumed."
    first = one_party(text, [(0, 5, "Trade")])
    again = one_party(text, [(0, 5, "Trade")])
    other = one_party(text, [(6, 11, "talks")])
    assert first["id"] == again["id"]
    assert first["id"] != other["id"]


def test_not_a_dataset() -> None:
    with pytest.raises(InvalidValueError, match=r"^dataset: expected a Dataset, not str$"):
        to_web_annotations("stockholm")  # type: ignore[arg-type]  # the wrong type on purpose
