"""The load: records built from the decoded values, each after the records it refers to.

:func:`load_quick` builds a :class:`~tradetalks.Dataset` from a file's text: the text is
decoded into typed structs (:mod:`~tradetalks.serialization.parsing`), then each record is
built as its class's ``__init__`` builds it (called, or, for most classes, done in the
builder as attrs' ``__init__`` does it: see ``_construction``), so that the record's own
checks (its validators and ``__attrs_post_init__``) run once, as for a record made in
code. A reference is looked up among the records built so far; the records that others refer to are built first, each after what it refers to,
found by an iterative walk (:func:`build_referred_first`), so however long a chain of
references is, nothing recurses. Dates, instants and spans recur across a file: each
distinct text is read once per load, and the memo goes with the load.

Each record class gets a builder, Python source written once from its wire description (as
attrs writes ``__init__``), kept in :mod:`linecache` so that a traceback through it shows
its lines. At the first problem the quick load stops with :class:`~tradetalks.serialization.parsing.Refused` (its own signal)
or the :class:`~tradetalks.TradetalksError` a record raised; the caller then hands the file
to :mod:`~tradetalks.serialization.report`, which names every problem.
"""

from __future__ import annotations

import linecache
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import attrs
import msgspec

from tradetalks import _memo
from tradetalks._fields import per_class, to_tuple
from tradetalks.actors import UnnamedGroup
from tradetalks.dataset import Dataset, dataset_from_loader
from tradetalks.serialization.parsing import (
    UNSET,
    Refused,
    counts_every_key,
    decode,
    record_decoder,
)
from tradetalks.serialization.wire import (
    ABSENT,
    FORMAT,
    IDENTIFIERS,
    FieldKind,
    WireField,
    WireRecord,
    collections,
    referred_classes,
    source_text,
    wire_record,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator


class OnTheWalk(dict[str, int]):
    """The ids on a walk of references, innermost last, each with its place on the walk.

    A dict (quick to search) that also keeps the ids in a list, so that a cycle found at
    any depth is sliced from it without walking the dict.
    """

    def __init__(self) -> None:
        """An empty walk."""
        super().__init__()
        self.path: list[str] = []

    def __setitem__(self, ident: str, _: object) -> None:
        """Step onto ``ident``."""
        super().__setitem__(ident, len(self.path))
        self.path.append(ident)

    def popitem(self) -> tuple[str, int]:
        """Step back from the innermost id."""
        self.path.pop()
        return super().popitem()


def refuse(*_: object) -> Any:
    """Stop the quick load (a value it does not take)."""
    raise Refused


class Quick:
    """The state of one quick load: records built so far, memos, and keys counted.

    Attributes:
        table: the records built, by id.
        raw: the structs of the records others may refer to, by id, with their class.
        building: the ids on the walk now (a dict: ordered, and quick to search).
        memos: for each codec that reads recurring texts, the values read, by text.
        shared: for each class whose equal records can be one, the records, by struct;
            for each reference field, the tuples of one record, by id.
        read_text_file: reads a source's text file beside the dataset, or ``None``.
        keys: the keys decoded so far (compared with those in the text).
    """

    __slots__ = ("building", "keys", "memos", "raw", "read_text_file", "shared", "table")

    def __init__(self, read_text_file: Callable[[str], str] | None) -> None:
        """Start a load."""
        self.table: dict[str, Any] = {}
        self.raw: dict[str, tuple[Any, WireRecord]] = {}
        self.building = OnTheWalk()
        self.memos: defaultdict[str, dict[str, Any]] = defaultdict(dict)
        self.shared: defaultdict[object, dict[Any, Any]] = defaultdict(dict)
        self.read_text_file = read_text_file
        self.keys = 0

    def read(self, memo: dict[str, Any], read: Callable[[str], Any], text: str) -> Any:
        """``read(text)``, remembered in ``memo`` for the rest of the load."""
        value = memo[text] = read(text)
        return value

    def share(self, memo: dict[Any, Any], build: Callable[[Any, Quick], Any], item: Any) -> Any:
        """The record of ``item`` (a struct of only texts), one per distinct struct.

        Equal structs have the same keys: those of the first are counted for each.
        """
        found = memo.get(item)
        if found is None:
            before = self.keys
            record = build(item, self)
            memo[item] = found = (record, self.keys - before)
        else:
            self.keys += found[1]
        return found[0]

    def one(self, ones: dict[str, tuple[Any]], ident: str, record: Any) -> tuple[Any]:
        """The tuple of one record, kept in ``ones`` by its id for the next to share."""
        ones[ident] = found = (record,)
        return found

    def group(self, item: Any) -> UnnamedGroup:
        """An unnamed group, its one key counted."""
        self.keys += 1
        return UnnamedGroup(item.group)

    def text(self, item: Any) -> str:
        """A source's text, inline or from its file (the rule of both passes)."""
        text = ABSENT if item.text is UNSET else item.text
        name = ABSENT if item.text_file is UNSET else item.text_file
        return source_text(text, name, self.read_text_file)


# -- the builders ----------------------------------------------------------------------


class _Names:
    """The names a builder's source uses, with what they stand for."""

    def __init__(self, cls: type[Any]) -> None:
        self.values: dict[str, Any] = {"cls": cls, "UNSET": UNSET, "refuse": refuse}
        self.memos: dict[str, str] = {}  # local name: codec name
        self.shared: dict[str, str] = {}  # local name: its memo's key (a class, or a text)

    def add(self, name: str, value: object) -> str:
        self.values[name] = value
        return name


def _item(field: WireField, value: str, names: _Names, n: int) -> str:  # noqa: PLR0911
    """The source of one item of a field, read from the expression ``value``."""
    if field.kind is FieldKind.REFERENCE:
        lookup = f"(t.get({value}) or refuse())"
        if field.groups and not field.targets:
            return f"L.group({value})"
        if field.groups:
            return f"({lookup} if type({value}) is str else L.group({value}))"
        return lookup
    if field.kind is FieldKind.RECORD:
        assert field.record is not None  # noqa: S101 - a record field has its class
        build = names.add(f"build_{n}", builder(field.record))  # never its own kind inside
        if wire_record(field.record).shareable:
            names.shared[f"shared_{n}"] = names.add(f"class_{n}", field.record)
            return f"L.share(shared_{n}, {build}, {value})"
        return f"{build}({value}, L)"
    codec = field.codec
    assert codec is not None  # noqa: S101 - a value field has its codec
    if codec.members is not None:  # decoded as the member's value (see parsing)
        return f"{names.add(f'members_{n}', codec.members)}[{value}]"
    if codec.read is None:
        return value
    read = names.add(f"read_{n}", codec.read)
    if codec.recurs:
        names.memos[f"memo_{n}"] = codec.name
        return f"(memo_{n}[{value}] if {value} in memo_{n} else L.read(memo_{n}, {read}, {value}))"
    return f"{read}({value})"


def _value(field: WireField, value: str, names: _Names, n: int) -> str:
    """The source of a field's value (a list read item by item) from ``value``."""
    if field.many:  # one item is the common case: no list made for it
        item = _item(field, "y", names, n)
        if item == "y":
            return value  # a tuple of values as decoded
        one = _item(field, f"{value}[0]", names, n)
        many = f"tuple([{item} for y in {value}])"
        if field.kind is FieldKind.REFERENCE and field.targets:
            # Records that name one record there share one tuple of it: a speaker's
            # statements hold one (speaker,), not one each (memory, and the collector's walks).
            ones = f"ones_{n}"
            names.shared[ones] = repr(f"{names.values['cls'].__name__}.{field.name}")
            lookup = f"(t.get({value}[0]) or refuse())"
            first = f"({ones}.get({value}[0]) or L.one({ones}, {value}[0], {lookup}))"
            if field.groups:
                first = f"({first} if type({value}[0]) is str else (L.group({value}[0]),))"
            return f"({first} if len({value}) == 1 else {many})"
        return f"(({one},) if len({value}) == 1 else {many})"
    item = _item(field, value, names, n)
    if field.nullable and item != value:
        return f"(None if {value} is None else {item})"
    return item


def _source(record: WireRecord) -> tuple[str, dict[str, Any]]:
    """The source of the builder of one record class, and the names it uses."""
    names = _Names(record.cls)
    prelude: list[str] = []
    counted: list[str] = []
    arguments: list[str] = []
    required = 0
    for n, field in enumerate(record.fields):
        if record.text_in_file and field.name == "text":
            arguments.append(f"{field.alias}=L.text(o)")
            required += 1  # "text" or "text_file", one of them
            continue
        if record.text_in_file and field.name == "text_file":
            arguments.append(f"{field.alias}=(None if o.text_file is UNSET else o.text_file)")
            continue
        value = _value(field, f"v{n}", names, n)
        prelude.append(f"    v{n} = o.{field.key}\n")
        if field.codec is IDENTIFIERS:
            counted.append(
                f"len(v{n})" if field.required else f"(0 if v{n} is UNSET else len(v{n}))"
            )
        if field.required:
            required += 1
            arguments.append(f"{field.alias}={value}")
        else:
            # attrs gives every record the same default object too; a factory is called
            if field.factory:
                default = f"{names.add(f'factory_{n}', field.factory)}()"
            else:
                default = names.add(f"default_{n}", field.default)
            counted.append(f"(v{n} is not UNSET)")
            arguments.append(f"{field.alias}=({default} if v{n} is UNSET else {value})")
    setup = [f"    {local} = L.memos[{codec!r}]\n" for local, codec in names.memos.items()]
    setup += [f"    {local} = L.shared[{cls}]\n" for local, cls in names.shared.items()]
    counted.insert(0, str(required))
    source = (
        "def build(o, L):\n"
        "    t = L.table\n"
        f"{''.join(setup)}{''.join(prelude)}"
        f"    L.keys += {' + '.join(counted)}\n"
        f"{_construction(record, arguments, names)}"
    )
    return source, names.values


def _construction(record: WireRecord, arguments: list[str], names: _Names) -> str:
    """The source that makes the record from its arguments (``alias=value`` each).

    A class whose ``__init__`` attrs wrote, doing no more than set, convert and validate
    its fields and call ``__attrs_post_init__``, is made as that ``__init__`` would make
    it, less two calls: the slots are set through their descriptors, not by keyword
    through ``object.__setattr__``, and a list's ``to_tuple`` is left out (the builder
    makes a tuple, which it returns as is). Every other converter, every validator (unless
    attrs' validators are disabled) and ``__attrs_post_init__`` run as in ``__init__``,
    in its order: a record is checked the same, once. Any other class is called.
    """
    cls = record.cls
    fields = attrs.fields(cls)
    if not _made_as_init(cls, fields):
        return "    return cls(\n" + "".join(f"        {a},\n" for a in arguments) + "    )\n"
    by_alias = {f.alias: f for f in fields}
    tuples = {f.alias for f in record.fields if f.many and _gives_tuple(f)}
    lines = [f"    r = {names.add('new', object.__new__)}(cls)\n"]
    for n, argument in enumerate(arguments):
        alias, value = argument.split("=", 1)
        field = by_alias[alias]
        setter = names.add(f"set_{n}", cls.__dict__[field.name].__set__)
        if field.converter is not None and not (field.converter is to_tuple and alias in tuples):
            value = f"{names.add(f'convert_{n}', field.converter)}({value})"
        lines.append(f"    {setter}(r, {value})\n")
    checked = [f for f in fields if f.validator is not None]
    if checked:
        lines.append(f"    if not {names.add('disabled', attrs.validators.get_disabled)}():\n")
        if len(checked) == 1:  # written out: a piece of evidence, made for every fact
            (field,) = checked
            check, attribute = names.add("check", field.validator), names.add("attribute", field)
            lines.append(f"        {check}(r, {attribute}, r.{field.name})\n")
        else:  # a loop: the source is compiled at a first load, which it keeps short
            checks = tuple((f.validator, f) for f in checked)
            lines.append(f"        run_checks(r, {names.add('checks', checks)})\n")
            names.add("run_checks", _run_checks)
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    r.__attrs_post_init__()\n")
    lines.append("    return r\n")
    return "".join(lines)


def _run_checks(record: object, checks: tuple[tuple[Any, attrs.Attribute[Any]], ...]) -> None:
    """Run each validator on its field of ``record``, in order (as attrs' ``__init__`` does)."""
    for check, attribute in checks:
        check(record, attribute, getattr(record, attribute.name))


def _gives_tuple(field: WireField) -> bool:
    """Whether a list field's builder always gives a tuple: decoded, or its default."""
    if field.required:
        return True
    if field.factory is not None:
        return field.factory is tuple
    return type(field.default) is tuple


def _made_as_init(cls: type[Any], fields: tuple[attrs.Attribute[Any], ...]) -> bool:
    """Whether attrs wrote ``cls.__init__`` to set, convert and check fields, no more.

    Not so for a class with its own ``__init__``, an ``__attrs_pre_init__``, fields outside
    ``__init__``, a converter that takes the record, no slots, or a slot that is not a
    field's (a cached hash, which attrs' ``__init__`` clears). The tests look at what attrs
    itself shows (the file name it gives the code it writes, the slots it makes): were
    either to change, a class would be called, as before, never built wrongly.
    """
    init = cls.__dict__.get("__init__")
    code = getattr(init, "__code__", None)
    slots = {slot for kind in cls.__mro__ for slot in kind.__dict__.get("__slots__", ())}
    return (
        code is not None
        and code.co_filename.startswith("<attrs generated")
        and "__slots__" in cls.__dict__
        and slots <= {f.name for f in fields} | {"__weakref__"}
        and not hasattr(cls, "__attrs_pre_init__")
        and all(f.init and not isinstance(f.converter, attrs.Converter) for f in fields)
    )


def _compile(source: str, names: dict[str, Any], filename: str) -> Callable[..., Any]:
    """Compile a builder's source, kept in :mod:`linecache` for tracebacks (as attrs does)."""
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), names)  # noqa: S102 - written from the class's own fields
    build: Callable[..., Any] = names["build"]
    return build


_BUILDERS: dict[type[Any], Callable[[Any, Quick], Any]] = {}
"""Each record class's builder, made on first use (the builders look each other up here)."""


def builder(cls: type[Any]) -> Callable[[Any, Quick], Any]:
    """The builder of ``cls``: its struct and the load's state in, the record out.

    >>> from tradetalks import Party
    >>> from tradetalks.serialization.loading import builder
    >>> callable(builder(Party))
    True
    """
    found = _BUILDERS.get(cls)
    if found is not None:
        return found
    record = wire_record(cls)
    source, names = _source(record)
    build = _compile(source, names, f"<tradetalks builder of {cls.__name__}>")
    _BUILDERS[cls] = build
    return build


# -- references first ------------------------------------------------------------------


@per_class
def reference_plan(
    cls: type[Any],
) -> tuple[tuple[str, bool, type[Any] | None, tuple[type[Any], ...]], ...]:
    """Where a record of ``cls`` holds ids: (key, a list?, the class inside, the kinds named).

    A record written inside (a piece of evidence, a delegate, a term) is looked into; for a
    reference itself the class inside is ``None`` and the kinds are those it may name.
    """
    plan: list[tuple[str, bool, type[Any] | None, tuple[type[Any], ...]]] = []
    for field in wire_record(cls).fields:
        if field.kind is FieldKind.REFERENCE:
            plan.append((field.key, field.many, None, field.targets))
        elif (
            field.kind is FieldKind.RECORD
            and field.record is not None
            and reference_plan(field.record)
        ):
            plan.append((field.key, field.many, field.record, ()))
    return tuple(plan)


def referenced(
    item: object,
    cls: type[Any],
    kind_of: Callable[[str], type[Any] | None],
    get: Callable[[object, str], object],
) -> Iterator[str]:
    """The ids a raw record refers to, in the order of its fields.

    Only ids of records of a kind the field takes are given: a reference to a record of
    another kind is an error of its own, reported where it stands, and leads nowhere.
    ``get(item, key)`` reads a key of a raw record (an attribute of a struct, a key of a
    JSON object); ``kind_of(id)`` is the class of the raw record with that id, if any.
    """
    for key, many, nested, kinds in reference_plan(cls):
        value = get(item, key)
        items: Iterable[object] = value if isinstance(value, (list, tuple)) else ()
        for inner in items if many else (value,):
            if nested is not None:
                yield from referenced(inner, nested, kind_of, get)
            elif type(inner) is str and kind_of(inner) in kinds:
                yield inner


def build_referred_first(
    roots: Iterable[str],
    done: Callable[[str], bool],
    building: OnTheWalk,
    references: Callable[[str], Iterator[str]],
    build: Callable[[str], object],
) -> None:
    """Build the records named in ``roots``, each after every record it refers to.

    Walking references depth first, without recursion, and building each record on the
    way back, means that a record's references are always built before it: building never
    recurses, however long a chain of references (parents of parents, an outlet whose
    evidence cites a source whose outlet...) is. A reference back to a record on the walk
    closes a cycle: building the record that makes it finds its target missing.

    Args:
        roots: the ids to build.
        done: whether an id needs no building (built, failed, or not a record's).
        building: the ids on the walk, filled and emptied here.
        references: the ids a record refers to.
        build: build one record (its references are built, or failed).
    """
    for root in roots:
        if done(root) or root in building:
            continue
        walk = [(root, references(root))]
        building[root] = None
        while walk:
            ident, targets = walk[-1]
            for target in targets:
                if not done(target) and target not in building:  # else a cycle
                    walk.append((target, references(target)))
                    building[target] = None
                    break
            else:
                walk.pop()
                building.popitem()
                build(ident)


def _attribute(item: object, key: str) -> object:
    value = getattr(item, key, None)
    return None if value is UNSET else value


def _build_each(cls: type[Any], spans: list[msgspec.Raw], state: Quick) -> list[Any]:
    """The records of ``cls`` from their spans of the text, each decoded as it is built.

    Raises:
        Refused: for a value the format does not take.
    """
    if not spans:  # no builder made (nor compiled) for a kind the file does not hold
        return []
    build, decode = builder(cls), record_decoder(cls).decode
    try:
        return [build(decode(span), state) for span in spans]
    except (msgspec.DecodeError, RecursionError, UnicodeEncodeError):
        raise Refused from None


def _index(lists: dict[str, list[Any]], state: Quick) -> None:
    """Index the structs of the records others may refer to by their ids.

    Raises:
        Refused: for an id used twice.
    """
    referred, raw = referred_classes(), state.raw
    for name, record in collections():
        if record.cls not in referred:
            continue
        for item in lists[name]:
            ident = getattr(item, record.id_key or "id")
            if ident in raw:
                raise Refused
            raw[ident] = (item, record)


def _build_referred(lists: dict[str, list[Any]], state: Quick) -> None:
    """Build every record others may refer to, each after what it refers to."""
    raw, table = state.raw, state.table

    def kind_of(ident: str) -> type[Any] | None:
        entry = raw.get(ident)
        return None if entry is None else entry[1].cls

    def references(ident: str) -> Iterator[str]:
        item, record = raw[ident]
        return referenced(item, record.cls, kind_of, _attribute)

    def build(ident: str) -> None:
        item, record = raw[ident]
        table[ident] = builder(record.cls)(item, state)

    records = dict(collections())
    referred = referred_classes()
    roots = (
        getattr(item, records[name].id_key or "id")
        for name in ["organizations", *(name for name in records if name != "organizations")]
        if records[name].cls in referred
        for item in lists[name]
    )
    build_referred_first(
        roots, lambda ident: ident in table or ident not in raw, state.building, references, build
    )


def load_quick(text: str | bytes, read_text_file: Callable[[str], str] | None) -> Dataset:
    """The dataset of a file's text, or :class:`~tradetalks.serialization.parsing.Refused` at its first problem.

    Raises:
        Refused: at a value the format does not take, a reference to no record of the right
            kind, a repeated id among records referred to, or a key given twice.
        TradetalksError: whatever a record's own checks raise.
    """
    root = decode(text)
    if root.format != FORMAT:
        raise Refused
    state = Quick(read_text_file)
    state.keys = sum(getattr(root, key) is not UNSET for key in root.__struct_fields__)
    lists = {name: getattr(root, name) or [] for name, _ in collections()}
    _index(lists, state)
    referred = referred_classes()
    with _memo.one_load():
        _build_referred(lists, state)
        built: dict[str, list[Any]] = {}
        for name, record in collections():
            if record.cls in referred:
                key = record.id_key or "id"
                built[name] = [state.table[getattr(item, key)] for item in lists[name]]
            else:
                built[name] = _build_each(record.cls, lists[name], state)
    if not counts_every_key(text, state.keys):
        raise Refused  # a key given twice
    return dataset_from_loader(built)
