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
from hypothesis import strategies as st

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


def reference_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of ``text[start:end]`` by brute force, with the matcher above.

    32 characters a side (fewer at an end of the text), then 64, 128, ...: the first width
    with which prefix + exact + suffix occurs once in the text.
    """
    width = 32
    while True:
        prefix, suffix = text[max(0, start - width) : start], text[end : end + width]
        if len(occurrences(text, prefix + text[start:end] + suffix)) == 1:
            return prefix, suffix
        width *= 2


def test_the_reference_context() -> None:
    # "ab" * 40 is 80 characters; "ab" at 38-40 has 38 characters before it and 40 after.
    # With 32 a side, text[6:72] is "ab" * 33, which also begins at 0, 2, 4, 8, 10, 12 and
    # 14; with 64 a side the whole text is taken, which occurs once.
    text = "ab" * 40
    assert reference_context(text, 38, 40) == ("ab" * 19, "ab" * 20)
    # "b" of "aaab": "aaa" before it is all there is, and it occurs once with it.
    assert reference_context("aaab", 3, 4) == ("aaa", "")


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


def test_quotes_at_both_ends_among_many_repeats() -> None:
    # V is "word " * 6, 30 characters. Offsets: "the US" 0-6, " " 6, W 7-47; "A " 47-49,
    # V 49-79, "the US" 79-85, " " 85, W 86-126; "B " 126-128, V 128-158, "the US" 158-164,
    # " " 164, W 165-205; "C " 205-207, W 207-247, "the US" 247-253, " " 253, W 254-294;
    # "D " 294-296, W 296-336, "the US" 336-342: 342 characters, the end.
    v = "word " * 6
    text = (
        "the US " + W + "A " + v + "the US " + W + "B " + v + "the US " + W
        + "C " + W + "the US " + W + "D " + W + "the US"
    )  # fmt: skip
    starts = [0, 79, 158, 247, 336]
    page = one_party(text, [(s, s + 6, "the US") for s in starts])
    tail = "d " + "word " * 4  # W[18:], the last 22 characters of W
    assert quotes(page) == [
        # Nothing before it. With 32 after, " " + W[:31], it occurs again at 79, 158 and
        # 247, which have the same 32 characters after them: an empty prefix matches
        # whatever comes before. With 64 after, text[6:70], "A" makes it unique.
        ("", "the US", " " + W + "A " + v[:21]),
        # text[47:79] and text[126:158] hold "A" and "B", which stand once: unique at 32.
        ("A " + v, "the US", " " + W[:31]),
        ("B " + v, "the US", " " + W[:31]),
        # text[215:247] is W[8:] ("d " and six "word "), text[253:285] " " + W[:31]; the
        # one at 336 has W[8:] before it but no 32 characters after, and those at 79 and 158
        # have "A " + v and "B " + v before them: unique at 32.
        ("d " + "word " * 6, "the US", " " + W[:31]),
        # Nothing after it. With 32 before, W[8:], it occurs again at 247, which has the
        # same 32 characters before it; with 64 before, text[272:336], "D" makes it unique.
        (tail + "D " + W, "the US", ""),
    ]


def test_repeats_in_prose_that_need_different_widths() -> None:
    # F is 40 characters: "officials " 0-10, "said " 10-15, "talks " 15-21, "would "
    # 21-27, "go " 27-30, "on " 30-33, "again, " 33-40. The text, 658 characters:
    # "In Geneva " 0-10, "the US" 10-16, " " 16, F 17-57;
    # "In London " 57-67, F 67-107, "the US" 107-113, " " 113, F 114-154,
    # "in Madrid. " 154-165;
    # "In Paris " 165-174, F 174-214, F 214-254, "the US" 254-260, " " 260, F 261-301,
    # F 301-341, "in Rome. " 341-350;
    # "In Oslo " 350-358, F 358-398, F 398-438, "the US" 438-444, " " 444, F 445-485,
    # F 485-525, "in Bern. " 525-534;
    # "In Kyiv " 534-542, F 542-582, "the US" 582-588, " " 588, F 589-629,
    # "in Riga, where talks went on." 629-658.
    f = "officials said talks would go on again, "
    text = (
        "In Geneva the US " + f
        + "In London " + f + "the US " + f + "in Madrid. "
        + "In Paris " + f + f + "the US " + f + f + "in Rome. "
        + "In Oslo " + f + f + "the US " + f + f + "in Bern. "
        + "In Kyiv " + f + "the US " + f + "in Riga, where talks went on."
    )  # fmt: skip
    page = one_party(text, [(s, s + 6, "the US") for s in (10, 107, 254, 438, 582)])
    assert quotes(page) == [
        # 10 characters before it, all there are; "Geneva" stands once: unique at 32.
        ("In Geneva ", "the US", " " + f[:31]),
        # At 32 the other four all have f[8:] before and " " + f[:31] after. At 64,
        # text[43:107] holds "London": unique.
        (f[26:] + "In London " + f, "the US", " " + f + "in Madrid. In Paris " + f[:3]),
        # At 64 the two between two F on each side, 254 and 438, both have f[16:] + f
        # before and " " + f + f[:23] after. At 128, text[126:254] holds "Paris" and
        # text[310:438] "Oslo".
        (
            f[12:] + "in Madrid. In Paris " + f + f,
            "the US",
            " " + f + f + "in Rome. In Oslo " + f[:30],
        ),
        (
            f[9:] + "in Rome. In Oslo " + f + f,
            "the US",
            " " + f + f + "in Bern. In Kyiv " + f[:30],
        ),
        # At 64, text[518:582] holds "Kyiv"; text[588:652] ends 6 characters short of the end.
        (f[33:] + "in Bern. In Kyiv " + f, "the US", " " + f + "in Riga, where talks we"),
    ]
    # Quoting only some of them changes none of their contexts: the others are still there.
    fewer = one_party(text, [(s, s + 6, "the US") for s in (438, 582)])
    assert quotes(fewer) == quotes(page)[3:]


@st.composite
def repetitive_texts(draw: st.DrawFn) -> str:
    """Texts of up to 300 characters over two or three letters, a few blocks over and over.

    A short sequence of blocks, repeated: a quotation recurs often, with the same context
    at 32, 64 and more characters a side, and differs at several widths.
    """
    letters = draw(st.sampled_from(["ab", "abc"]))
    blocks = draw(st.lists(st.text(letters, min_size=1, max_size=16), min_size=1, max_size=3))
    sequence = "".join(draw(st.lists(st.sampled_from(blocks), min_size=1, max_size=12)))
    size = draw(st.integers(1, 300))
    return (sequence * (size // len(sequence) + 1))[:size]


@st.composite
def quotations(draw: st.DrawFn) -> tuple[str, str, list[int]]:
    """A text, a string it holds (1 to 3 characters), and every offset where that begins."""
    text = draw(repetitive_texts())
    length = draw(st.integers(1, min(3, len(text))))
    first = draw(st.integers(0, len(text) - length))
    exact = text[first : first + length]
    return text, exact, occurrences(text, exact)


@given(quotations())
def test_every_occurrence_quoted_has_the_reference_context(
    quoted: tuple[str, str, list[int]],
) -> None:
    """With every occurrence of a string quoted, each gets the brute-force reference's context."""
    text, exact, starts = quoted
    page = one_party(text, [(s, s + len(exact), exact) for s in starts])
    expected = [reference_context(text, s, s + len(exact)) for s in starts]
    assert quotes(page) == [(prefix, exact, suffix) for prefix, suffix in expected]


@given(quotations(), st.data())
def test_some_occurrences_quoted_have_the_reference_context(
    quoted: tuple[str, str, list[int]], data: st.DataObject
) -> None:
    """Whichever occurrences of a string are quoted, and with whatever other spans of the
    text, each gets the brute-force reference's context."""
    text, exact, starts = quoted
    chosen = data.draw(st.lists(st.sampled_from(starts), min_size=1, unique=True))
    spans = [(s, s + len(exact)) for s in chosen]
    n = len(text)
    spans += data.draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 4)), max_size=4).map(
            lambda pairs: [(s, min(n, s + k)) for s, k in pairs]
        )
    )
    page = one_party(text, [(s, e, text[s:e]) for s, e in spans])
    expected = [(*reference_context(text, s, e), text[s:e]) for s, e in spans]
    assert quotes(page) == [(prefix, exact, suffix) for prefix, suffix, exact in expected]


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


def test_every_character_of_a_run_needs_all_of_it() -> None:
    # In "a" * 70 a run of L characters occurs 71 - L times, so each "a" is unique only with
    # the whole text around it: all s characters before it and all 69 - s after. The widths
    # are 64 or 128 (the least doubling of 32 that reaches both ends), cut at the ends.
    text = "a" * 70
    page = one_party(text, [(s, s + 1, "a") for s in range(70)])
    assert quotes(page) == [("a" * s, "a", "a" * (69 - s)) for s in range(70)]


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
