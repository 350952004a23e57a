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
    from tradetalks.sources import Source
    from tradetalks.tables import EvidenceAt

_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"  # the vocabulary's JSON-LD context

_MOTIVATION = "describing"
_CONTEXT_CHARACTERS = 32  # the least context on each side of a quotation, where the text has it
_URN = "urn:tradetalks:"
# The page's id is a name-based UUID (version 5) of its annotations, in this namespace.
_PAGE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"{_URN}annotations")


def _quote_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix around ``text[start:end]`` that make the three occur once.

    Each side gets ``_CONTEXT_CHARACTERS`` (32) characters, or as many as the text has
    there; while prefix + exact + suffix occurs more than once in the text, both sides
    double. With the whole text on both sides the three are the text itself, which occurs
    once, so the loop ends.

    Bound: each round is at most two ``str.find`` searches of the text (n characters) for
    one string, and the context doubles from 32 characters until it reaches both ends of the
    text, so there are at most log2(n / 32) + 2 rounds: O(n log n) character comparisons
    per quotation, whatever the text and however often the quotation recurs. (CPython's
    ``str.find`` is linear in n for a long text: it falls back on the two-way algorithm.)
    No list of the other occurrences is kept, so a quotation that occurs n times, such as
    one character of a text of one repeated character, costs no more.
    """
    width = _CONTEXT_CHARACTERS
    while True:
        before, after = max(0, start - width), min(len(text), end + width)
        if before == 0 and after == len(text):
            return text[:start], text[end:]
        quoted = text[before:after]
        # The first occurrence must be this one, and no later one may begin after it
        # (occurrences may overlap, so the search resumes one character on).
        if text.find(quoted) == before and text.find(quoted, before + 1) == -1:
            return text[before:start], text[end:after]
        width *= 2


def _target_source(source: Source) -> str:
    """The source's URL, or else a URN of its id."""
    return source.url if source.url is not None else f"{_URN}source:{source.id}"


def _annotation(piece: EvidenceAt) -> dict[str, Any]:
    evidence = piece.evidence
    prefix, suffix = _quote_context(evidence.source.text, evidence.start, evidence.end)
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
    items = [_annotation(piece) for piece in evidence_in(dataset)]
    name = json.dumps(items, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "@context": _ANNOTATION_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(_PAGE_NAMESPACE, name)}",
        "type": "AnnotationPage",
        "items": items,
    }
