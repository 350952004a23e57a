"""The evidence of a dataset as W3C Web Annotations (JSON-LD).

:func:`to_web_annotations` writes one annotation per piece of evidence in a
:class:`~tradetalks.Dataset`, in the W3C Web Annotation Data Model
(https://www.w3.org/TR/annotation-model/), with the model's JSON-LD context
``http://www.w3.org/ns/anno.jsonld``. Each annotation points at the characters of a source
twice over, with a ``TextQuoteSelector`` (the quotation with enough text on each side to
occur once in the source) and a ``TextPositionSelector`` (its offsets). Offsets count
Unicode code points of the source's text, as the model says and as Python's ``str``
indexes it; they are not UTF-16 code units (JavaScript's string indices), which differ
after any character outside the Basic Multilingual Plane, such as an emoji. It is
re-exported by :mod:`tradetalks.exports`.

>>> from tradetalks.annotations import to_web_annotations
>>> from tradetalks.fixtures import stockholm_2025
>>> page = to_web_annotations(stockholm_2025())
>>> page["type"], page["items"][0]["type"], page["items"][0]["motivation"]
('AnnotationPage', 'Annotation', 'describing')
"""

from __future__ import annotations

__all__ = ["to_web_annotations"]

import json
import uuid
from typing import TYPE_CHECKING, Any

from tradetalks.dataset import Dataset
from tradetalks.errors import InvalidValueError
from tradetalks.tables import evidence_in

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tradetalks.sources import Source
    from tradetalks.tables import EvidenceAt

_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"  # the vocabulary's JSON-LD context

_MOTIVATION = "describing"
_CONTEXT_CHARACTERS = 32  # the least context on each side of a quotation, where the text has it
_URN = "urn:tradetalks:"
# The page's id is a name-based UUID (version 5) of its annotations, in this namespace.
_PAGE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"{_URN}annotations")


# The context of a quotation (a TextQuoteSelector's prefix and suffix) is the least of 32, 64,
# 128, ... characters a side (cut at the ends of the text) with which prefix + exact + suffix
# occurs once in the text. Searching the text for that, quotation by quotation and width by
# width (_searched_width), reads the text at least once per quotation: O(q * n) for q
# quotations of a text of n characters. Instead the quotations are grouped by their
# characters, each string's occurrences are listed once, and they are told apart together,
# width by width (_Quotations.split).
#
# Cost, for a source of n characters quoted in d distinct strings, one of m characters that
# occurs k times: listing its occurrences is one pass over the text plus m per occurrence,
# O(n + k * m); the round at width w slices 2w characters for each occurrence it keys. In
# prose 32 characters a side tell almost every occurrence apart, so the rounds cost
# O(k * 64) and the whole O(d * n + sum of k * (m + 64)): linear in the text and the
# quotations however often one string is quoted. Three cases are searched for as before, at
# most two passes over the text per quotation and round: a string quoted once (searching
# with its context is as quick as listing where the string occurs); a quotation within w
# characters of an end of the text, at width w; and a group whose keys would cost more than
# searching for its quotations (repetitive text, such as a run of one character, where a
# string occurs many times with the same context). The d passes remain: a source quoted in
# many different strings is still read once per string.


def _searched_width(text: str, start: int, end: int, width: int) -> int:
    """The least of ``width``, ``2 * width``, ... with which ``text[start:end]`` occurs once.

    The matching rule itself: ``text[start - width : end + width]`` (cut at the ends of
    the text) must occur in the text once. With the whole text on both sides the three are
    the text itself, which occurs once, so the loop ends. Each round is at most two
    ``str.find`` searches of the text (n characters), which is linear in n (CPython falls
    back on the two-way algorithm for a long text), and there are at most
    log2(n / width) + 2 rounds.
    """
    while True:
        before, after = max(0, start - width), min(len(text), end + width)
        if before == 0 and after == len(text):
            return width
        quoted = text[before:after]
        # The first occurrence must be this one, and no later one may begin after it
        # (occurrences may overlap, so the search resumes one character on).
        if text.find(quoted) == before and text.find(quoted, before + 1) == -1:
            return width
        width *= 2


def _occurrences(text: str, exact: str, *, most: int) -> list[int] | None:
    """Every offset where ``exact`` (not empty) begins, overlaps included, in order.

    ``None`` as soon as there are more than ``most``. Cost: one pass over the text, plus
    ``len(exact)`` per occurrence, for the search resumes one character after each.
    """
    found: list[int] = []
    at = text.find(exact)
    while at != -1:
        if len(found) == most:
            return None
        found.append(at)
        at = text.find(exact, at + 1)
    return found


class _Quotations:
    """The quotations of one string (m characters) in one text, and their context widths.

    ``quoted`` holds the offsets where they begin; ``widths`` gets the width of each, by
    offset, as rounds of :meth:`split` settle them.
    """

    def __init__(self, text: str, m: int, quoted: set[int]) -> None:
        self.text, self.m, self.quoted = text, m, quoted
        self.widths: dict[int, int] = {}

    def search(self, starts: Iterable[int], width: int) -> None:
        """Settle the quotations at ``starts`` by the matching rule, from ``width`` on."""
        for start in starts:
            self.widths[start] = _searched_width(self.text, start, start + self.m, width)

    def split(self, group: list[int], width: int) -> list[list[int]]:
        """One round at ``width``: the groups, still ambiguous, that ``group`` splits into.

        ``group`` is of occurrences that share their contexts at half the width (at the
        first round, all of them). An occurrence c with ``width`` characters on both sides
        is keyed by the ``width`` characters before it and the ``width`` after it: such a
        quotation occurs again exactly where another occurrence has its key, so one alone
        with its key is unique at this width, and one that is not goes on with the others
        of its key (equal keys at 2w are equal at w, so no other occurrence can match it
        at 2w). An occurrence within ``width`` of an end of the text has a shorter prefix
        or suffix, which matches wherever the characters next to another occurrence end or
        begin with it, near an end or not: such a quotation is settled by the matching rule
        itself, and such an occurrence leaves the groups, since a prefix and a suffix of
        ``width`` characters never match it.
        """
        text, m, quoted = self.text, self.m, self.quoted
        n = len(text)
        inner = [c for c in group if width <= c <= n - m - width]
        self.search(quoted.intersection(group).difference(inner), width)
        waiting = [c for c in inner if c in quoted]
        # Keys slice 2 * width characters per occurrence; searching, at most two passes over
        # the text per quotation and round.
        if len(inner) * width > len(waiting) * n:
            self.search(waiting, width)
            return []
        keyed: dict[tuple[str, str], list[int]] = {}
        for c in inner:
            keyed.setdefault((text[c - width : c], text[c + m : c + m + width]), []).append(c)
        return [members for members in keyed.values() if self._ambiguous(members, width)]

    def _ambiguous(self, members: list[int], width: int) -> bool:
        """Whether occurrences with one key hold a quotation that is not yet unique.

        A quotation alone with its key is unique at ``width``, and is settled so.
        """
        if len(members) == 1:
            if members[0] in self.quoted:
                self.widths[members[0]] = width
            return False
        return not self.quoted.isdisjoint(members)


def _quote_contexts(
    text: str, spans: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, str]]:
    """The prefix and suffix of each span ``(start, end)`` of ``text``, by span.

    Spans are grouped by their characters; the occurrences of each are listed once and
    told apart round by round (:meth:`_Quotations.split`), the context doubling from
    ``_CONTEXT_CHARACTERS`` until each quotation is unique. A string quoted once, or
    occurring so often that listing its occurrences and keying them at the first width
    (``m + 64`` characters each) would read more than two passes over the text per
    quotation, has its quotations searched for instead (:func:`_searched_width`).
    """
    n, first = len(text), _CONTEXT_CHARACTERS
    by_exact: dict[str, set[int]] = {}
    for start, end in spans:
        by_exact.setdefault(text[start:end], set()).add(start)
    contexts: dict[tuple[int, int], tuple[str, str]] = {}
    for exact, starts in by_exact.items():
        m = len(exact)
        quotations = _Quotations(text, m, starts)
        # Searching for a string quoted once, with its context, is as quick as listing where
        # the string occurs (quicker: CPython's search skips further for a longer string).
        groups = (
            None
            if len(starts) == 1
            else _occurrences(text, exact, most=2 * n * len(starts) // (m + 2 * first))
        )
        if groups is None:
            quotations.search(starts, first)
        width, ambiguous = first, [] if groups is None else [groups]
        while ambiguous:
            ambiguous = [new for group in ambiguous for new in quotations.split(group, width)]
            width *= 2
        for start, side in quotations.widths.items():
            contexts[start, start + m] = (
                text[max(0, start - side) : start],
                text[start + m : start + m + side],
            )
    return contexts


def _target_source(source: Source) -> str:
    """The source's URL, or else a URN of its id."""
    return source.url if source.url is not None else f"{_URN}source:{source.id}"


def _annotation(piece: EvidenceAt, prefix: str, suffix: str) -> dict[str, Any]:
    evidence = piece.evidence
    path = "/".join(map(str, (piece.kind, piece.record_id, *piece.steps, piece.place)))
    return {
        "id": f"{_URN}annotation:{path}",
        "type": "Annotation",
        "motivation": _MOTIVATION,
        "body": {
            "type": "TextualBody",
            "value": f"{piece.kind}/{piece.record_id}: {piece.field}",
            "format": "text/plain",
        },
        "target": {
            "source": _target_source(evidence.source),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": evidence.exact,
                    "prefix": prefix,
                    "suffix": suffix,
                },
                {"type": "TextPositionSelector", "start": evidence.start, "end": evidence.end},
            ],
        },
    }


def to_web_annotations(dataset: Dataset) -> dict[str, Any]:
    """The dataset's evidence as a W3C Web Annotation ``AnnotationPage``, in JSON-LD.

    One page holds every annotation: a dataset is one document, so there is nothing to
    page through (an ``AnnotationCollection`` would only wrap this page). The page is a
    dict of JSON values, ready for ``json.dumps``::

        {"@context": "http://www.w3.org/ns/anno.jsonld",
         "id": "urn:uuid:...", "type": "AnnotationPage", "items": [annotation, ...]}

    The page's ``id`` is a name-based UUID (version 5) of its annotations: the same dataset
    always gets the same id, a dataset with other evidence another. ``items`` holds one
    annotation per piece of evidence, record by record in the order the dataset keeps its
    collections (sources, parties, organizations, people, positions, rounds, meetings,
    statements, agreements, truces, claims); within a record, its own evidence first, then
    each delegate's, each truce term's and an early end's::

        {"id": "urn:tradetalks:annotation:rounds/stockholm-2025/delegates/1/evidence/0",
         "type": "Annotation",
         "motivation": "describing",
         "body": {"type": "TextualBody", "format": "text/plain",
                  "value": "rounds/stockholm-2025: delegates[1].evidence"},
         "target": {
             "source": "urn:tradetalks:source:<source id>",
             "selector": [
                 {"type": "TextQuoteSelector", "exact": str, "prefix": str, "suffix": str},
                 {"type": "TextPositionSelector", "start": int, "end": int}]}}

    - ``id``: ``urn:tradetalks:annotation:`` then the collection, the record's id, the path
      to the evidence list and the piece's place in it (from 0), joined by ``/``. No id
      holds a ``/``, so two pieces never share an annotation id. The ids name pieces
      within one dataset: in another dataset the same id may name another piece.
    - ``motivation``: ``describing``: the body says what the quoted text is to the record
      (its evidence). It is not ``linking``, since records have no IRI to link to, nor
      ``identifying``, since the body does not say what the text depicts.
    - ``body``: the record (``<collection>/<id>``) and the field path of the evidence, as
      the ``evidence`` rows of :func:`tradetalks.exports.to_records` give them.
    - ``target.source``: the source's ``url``, or ``urn:tradetalks:source:<id>`` when it
      has none. The offsets count the characters of the source's text as the dataset holds
      it, which may differ from what the URL serves (a web page's markup, for one).
    - ``TextQuoteSelector``: ``exact`` is the evidence's characters; ``prefix`` and
      ``suffix`` are the 32 characters of the source before and after it (fewer at the
      ends of the text, ``""`` at an end), doubled as often as needed for ``prefix +
      exact + suffix`` to occur exactly once in the text.
    - ``TextPositionSelector``: ``start`` and ``end`` are the evidence's offsets, 0-based
      and half-open, in Unicode code points (Python's ``str`` indices; not UTF-16 code
      units, which count a character outside the Basic Multilingual Plane, an emoji, as
      two).

    Args:
        dataset: a :class:`~tradetalks.Dataset`; the annotations come from its records'
            evidence and its sources' texts.

    Returns:
        The page, a ``dict[str, Any]`` of JSON values.

    Raises:
        InvalidValueError: when ``dataset`` is not a :class:`~tradetalks.Dataset`
            (``where`` is ``dataset``).

    >>> import json
    >>> from tradetalks.annotations import to_web_annotations
    >>> from tradetalks.fixtures import stockholm_2025
    >>> page = to_web_annotations(stockholm_2025())
    >>> len(page["items"]), page["items"][0]["id"]
    (73, 'urn:tradetalks:annotation:parties/CN/evidence/0')
    >>> note = next(n for n in page["items"] if "delegates" in n["id"])
    >>> note["body"]["value"], note["target"]["source"]  # doctest: +NORMALIZE_WHITESPACE
    ('rounds/stockholm-2025: delegates[0].evidence',
     'urn:tradetalks:source:global-times-2025-07-30-stockholm')
    >>> quote, position = note["target"]["selector"]
    >>> quote["exact"][:25], position["start"], position["end"]
    ('He made the remarks durin', 798, 888)
    >>> json.loads(json.dumps(page)) == page
    True
    """
    if not isinstance(dataset, Dataset):
        raise InvalidValueError(
            f"expected a Dataset, not {type(dataset).__name__}", where="dataset"
        )
    pieces = list(evidence_in(dataset))
    # A dataset's records refer to its own sources (the same record for the same id).
    texts: dict[str, tuple[str, set[tuple[int, int]]]] = {}
    for piece in pieces:
        evidence = piece.evidence
        _, spans = texts.setdefault(evidence.source.id, (evidence.source.text, set()))
        spans.add((evidence.start, evidence.end))
    contexts = {id_: _quote_contexts(text, spans) for id_, (text, spans) in texts.items()}
    items = [
        _annotation(
            piece, *contexts[piece.evidence.source.id][piece.evidence.start, piece.evidence.end]
        )
        for piece in pieces
    ]
    name = json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "@context": _ANNOTATION_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(_PAGE_NAMESPACE, name)}",
        "type": "AnnotationPage",
        "items": items,
    }
