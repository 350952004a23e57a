"""Field helpers shared by the record classes: validators, converters, reference marks.

A field that refers to another record of the dataset (rather than owning a value) carries
:data:`REFERENCE_MARK` as its metadata; the dataset's integrity check, the JSON format and
the JSON Schema all find references by that mark, so each is declared once, on the field.

Every record class registers itself here by name (:func:`record_class`). A module can then
check a field against a class it does not import (:func:`check_named`): ``sources`` checks a
source's outlet without importing ``actors``, which imports ``sources``. Record modules
import each other in one direction only (see ``docs/architecture.md``).
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
from attrs import fields as attrs_fields

from tradetalks.errors import InvalidValueError, TradetalksError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


V = TypeVar("V")
R = TypeVar("R")

REFERENCE = "tradetalks.reference"
REFERENCE_MARK = {REFERENCE: True}
"""The metadata of a field that refers to other records: ``attrs.field(metadata=REFERENCE_MARK)``.

Fields are written with ``attrs.field`` itself (not through a helper) so that type checkers
see their converters and defaults."""
NONE_IS_A_VALUE = "tradetalks.none_is_a_value"
"""Metadata of a field whose ``None`` says something (a term's end: until further notice),
so that a merge does not take a value from the other side in its place."""

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_COUNTRY = re.compile(r"[A-Z]{2}")


_RECORD_CLASSES: dict[str, type[Any]] = {}

C = TypeVar("C", bound=type[Any])
E = TypeVar("E", bound=enum.Enum)


def joined(items: Sequence[str], conjunction: str = "and") -> str:
    """Items as a sentence lists them: ``"a"``, ``"a and b"``, ``"a, b and c"``.

    >>> from tradetalks._fields import joined
    >>> joined(["CN"]), joined(["CN", "US"]), joined(["a", "b", "c"], "or")
    ('CN', 'CN and US', 'a, b or c')
    """
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def a_or_an(words: str) -> str:
    """``words`` after the indefinite article it takes: "a Person", "an Organization".

    >>> from tradetalks._fields import a_or_an
    >>> a_or_an("Organization"), a_or_an("Round or Meeting")
    ('an Organization', 'a Round or Meeting')
    """
    return f"{'an' if words[:1].lower() in 'aeiou' else 'a'} {words}"


def record_class(cls: C) -> C:
    """Register a record class under its name (a class decorator); returns the class."""
    _RECORD_CLASSES[cls.__name__] = cls
    return cls


def record_classes() -> dict[str, type[Any]]:
    """Every registered record class by name, their annotations resolved to classes.

    A record module imports another only in one direction; the other way, it names the
    class for type checking alone, so that annotation stays a string until it is resolved
    here, once every record module is imported (as :mod:`tradetalks.dataset` does).
    """
    _resolve_annotations()
    return dict(_RECORD_CLASSES)


@functools.cache
def _resolve_annotations() -> None:
    import attrs  # noqa: PLC0415 - every record module has imported it already

    for cls in _RECORD_CLASSES.values():
        attrs.resolve_types(cls, localns=_RECORD_CLASSES)


def per_class(function: Callable[[type[Any]], R]) -> Callable[[type[Any]], R]:
    """``function`` of a class, computed once for each class (a decorator).

    Like :func:`functools.cache`, for functions whose argument is a class (which type
    checkers do not take for a hashable key).
    """
    found: dict[type[Any], R] = {}

    @functools.wraps(function)
    def cached(cls: type[Any]) -> R:
        if cls not in found:
            found[cls] = function(cls)
        return found[cls]

    return cached


def check_named(name: str, *, optional: bool = False) -> Any:
    """A validator: the value is an instance of the record class registered as ``name``.

    With ``optional``, ``None`` passes too.
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        cls = _RECORD_CLASSES.get(name)
        if cls is None or not isinstance(value, cls):
            raise InvalidValueError(
                f"expected {a_or_an(name)}, not {type(value).__name__}", where=attribute.name
            )

    return check


def check_fields(instance: object, checks: Mapping[str, Any]) -> None:
    """Run each field's check on ``instance``, in the class's field order.

    A record class whose records are made by the hundred thousand when a file is loaded
    (a statement) checks its common shape in one step, and only otherwise calls this with
    the checks of its fields (validators' signatures, ``check(instance, field, value)``),
    which say what is wrong and where.
    """
    for field in attrs_fields(typing.cast("type[Any]", type(instance))):
        check = checks.get(field.name)
        if check is not None:
            check(instance, field, getattr(instance, field.name))


def is_plain_text(value: object) -> bool:
    """Whether ``value`` is text :func:`check_text` takes at once (ASCII, trimmed, not empty)."""
    return type(value) is str and value != "" and value.isascii() and value == value.strip()


def is_id(value: object) -> bool:
    """Whether ``value`` is an id :func:`check_id` takes."""
    return type(value) is str and _ID.fullmatch(value) is not None


def is_reference(field: attrs.Attribute[Any]) -> bool:
    """Whether a field holds a reference (or a tuple of references) to other records."""
    return bool(field.metadata.get(REFERENCE))


def in_field(where: str, convert: Callable[[V], R], value: V) -> R:
    """``convert(value)``, naming the field ``where`` in an error that names no place.

    A converter does not know the field it converts; a converter written as a small typed
    function calls this, so that, say, a round's inverted dates are reported as
    ``dates: the span ... ends before it starts``.
    """
    try:
        return convert(value)
    except TradetalksError as error:
        if not error.where:
            error.where = where
            error.args = (f"{where}: {error.message}",)
        raise


def to_enum(kind: type[E], value: E | str, where: str = "") -> E:
    """``value`` as a member of the enumeration ``kind``: the member, or its value as text.

    A member of ``kind`` is returned at once (what a load passes); text is looked up among
    the members' values (``"direct"`` is ``Mode.DIRECT``). A record's converter calls this
    with the field's name as ``where``.

    Args:
        kind: the enumeration class, whose members' values are texts.
        value: a member of ``kind``, or the text of a member's value.
        where: the field, named in the error.

    Raises:
        InvalidValueError: for text that is no member's value, or a value of another type
            (a member of another enumeration included); the message lists the values.

    >>> from tradetalks import Mode
    >>> from tradetalks._fields import to_enum
    >>> to_enum(Mode, "direct"), to_enum(Mode, Mode.MIXED)
    (<Mode.DIRECT: 'direct'>, <Mode.MIXED: 'mixed'>)
    >>> to_enum(Mode, "quoted", "mode")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    tradetalks.errors.InvalidValueError: mode: expected a Mode or one of 'direct', 'indirect',
    'mixed', not 'quoted'
    """
    if type(value) is kind:  # the common case: a member, as a load gives it
        return value
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        try:
            return kind(value)
        except ValueError:
            pass
    values = ", ".join(repr(member.value) for member in kind)
    raise InvalidValueError(
        f"expected {a_or_an(kind.__name__)} or one of {values}, not {short(repr(value))}",
        where=where,
    )


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Accept any iterable but a string as a tuple (a string is one value, not a list).

    One record (a piece of evidence, a speaker) is taken as a list of one.

    >>> from tradetalks._fields import to_tuple
    >>> from tradetalks import UnnamedGroup
    >>> to_tuple([1, 2]), to_tuple(UnnamedGroup("Chinese experts"))
    ((1, 2), (UnnamedGroup(words='Chinese experts'),))
    """
    if type(value) is tuple:  # the common case, taken first
        return value
    if attrs.has(type(value)):  # one record, not a list of them
        return (value,)
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidValueError(
            f"expected a list of values, not {type(value).__name__}: give a list, such as [x]"
        )
    return tuple(value)


def check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id: 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit."""
    if not isinstance(value, str) or _ID.fullmatch(value) is None:
        raise InvalidValueError(
            f"{value!r} is not a valid id (1 to 128 letters, digits, '.', '_', ':' or '-', "
            "starting with a letter or digit)",
            where=attribute.name,
        )


def check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string without leading or trailing white space."""
    if type(value) is str and value and value.isascii() and value == value.strip():
        return  # the common case: ASCII text always encodes
    if not isinstance(value, str):
        raise InvalidValueError(
            f"expected a string, not {type(value).__name__}", where=attribute.name
        )
    if not value.strip():
        raise InvalidValueError("must not be empty", where=attribute.name)
    if value != value.strip():
        raise InvalidValueError(
            f"{value!r} has white space at its start or end", where=attribute.name
        )
    check_encodable(value, attribute.name)


def check_encodable(value: str, where: str) -> None:
    """Refuse a string that UTF-8 cannot encode (a lone surrogate): it could not be saved."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidValueError(
            f"{value!r} is not valid Unicode text ({error.reason} at {error.start})", where=where
        ) from None


def check_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a string as :func:`check_text` requires."""
    if value is not None:
        check_text(instance, attribute, value)


def check_texts(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    """A tuple of strings, each as :func:`check_text` requires."""
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip() or item != item.strip():
            raise InvalidValueError(
                f"{item!r} is not a non-empty string without surrounding white space",
                where=f"{attribute.name}[{index}]",
            )
        check_encodable(item, f"{attribute.name}[{index}]")


def check_country(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or an ISO 3166-1 alpha-2 code: two capital letters."""
    if value is not None and (not isinstance(value, str) or _COUNTRY.fullmatch(value) is None):
        raise InvalidValueError(
            f"{value!r} is not an ISO 3166-1 alpha-2 country code (two capital letters)",
            where=attribute.name,
        )


def check_instances(*kinds: type, at_least_one: bool = False) -> Any:
    """A validator: every item of the tuple is an instance of one of ``kinds``.

    With ``at_least_one``, the tuple must also hold an item.
    """
    names = " or ".join(kind.__name__ for kind in kinds)

    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if at_least_one and not value:
            raise InvalidValueError("needs at least one item", where=attribute.name)
        for index, item in enumerate(value):
            if not isinstance(item, kinds):
                raise InvalidValueError(
                    f"expected {a_or_an(names)}, not {type(item).__name__}",
                    where=f"{attribute.name}[{index}]",
                )

    return check


def check_instance(*kinds: type, optional: bool = False) -> Any:
    """A validator: the value is an instance of one of ``kinds`` (or ``None`` if optional)."""
    names = " or ".join(kind.__name__ for kind in kinds)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kinds):
            raise InvalidValueError(
                f"expected {a_or_an(names)}, not {type(value).__name__}", where=attribute.name
            )

    return check


def short(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
