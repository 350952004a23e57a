"""Sphinx configuration: MyST Markdown pages, and the API reference from the docstrings.

The build only renders. The examples (``>>>`` lines in the pages' ```python blocks and in
the docstrings) are executed by pytest. Build with warnings as errors and nitpicky
references, from the project's root::

    python -m sphinx -W -n -T -b html docs docs/_build/html
"""

from __future__ import annotations

import collections.abc
import importlib
import importlib.metadata
import inspect
import os
import sys
import typing
from collections import ChainMap
from typing import TYPE_CHECKING, Any

import attrs
from sphinx.util.inspect import stringify_signature

import tradetalks

if TYPE_CHECKING:
    from docutils.nodes import Element, TextElement
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# The timeline picture of the shipped dataset is drawn anew at every build, by the library
# itself, so the docs always show the data as shipped.
_GENERATED = os.path.join(os.path.dirname(__file__), "_generated")  # noqa: PTH118, PTH120
os.makedirs(_GENERATED, exist_ok=True)  # noqa: PTH103
importlib.import_module("tradetalks.plotting").write_svg(
    tradetalks.fixtures.stockholm_2025(),
    os.path.join(_GENERATED, "timeline.svg"),  # noqa: PTH118
)

project = "tradetalks"
author = "tradetalks contributors"
copyright = "2025, tradetalks contributors"
release = importlib.metadata.version("tradetalks")
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_generated"]

myst_heading_anchors = 3

# The alabaster theme, widened so that a code block shows the 100 characters that
# tests/test_docs_width.py allows a line of code in the docs. A code block is the page less
# the sidebar, the body's padding (2 x 30 px) and its own (2 x 30 px): 1160 - 220 - 60 - 60 =
# 820 px. Code at 0.8em of the 17 px font is 13.6 px, and a monospace character is about
# 0.6 em, 8.2 px, wide: 820 / 8.2 = 100 characters. The sidebar and the rest stay as they are.
html_theme = "alabaster"
html_theme_options = {"page_width": "1160px", "code_font_size": "0.8em"}

# Docstrings are Google style. Their "Attributes:" sections become :ivar: fields, so they do
# not repeat the attributes autodoc finds on the (slotted) attrs classes; the fields' types
# are in the class signature.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
napoleon_attr_annotations = False
# "Returns: A ResolvedDate: the date ..." reads as one sentence, not as a separate type.
napoleon_use_rtype = False

autodoc_member_order = "bysource"
autodoc_typehints = "signature"

nitpicky = True
# The build machine has no network, so there is no intersphinx inventory of the Python docs
# (or of dateutil's or pyarrow's): these names from the standard library, dateutil and
# pyarrow cannot be linked, and are shown as plain names.
nitpick_ignore = [
    *(
        ("py:class", name)
        for name in (
            "collections.abc.Callable",
            "collections.abc.Collection",
            "collections.abc.Iterable",
            "collections.abc.Iterator",
            "collections.abc.Mapping",
            "collections.abc.Sequence",
            "datetime.date",
            "datetime.datetime",
            "datetime.timedelta",
            "datetime.tzinfo",
            "dateutil.relativedelta.relativedelta",
            "enum.Enum",
            "msgspec.Struct",
            "os.PathLike",
            "pyarrow.lib.Schema",
            "pyarrow.lib.Table",
            "pathlib.Path",
            "zoneinfo.ZoneInfo",
        )
    ),
    ("py:data", "datetime.timezone.utc"),
    ("py:mod", "linecache"),
    # Hypothesis's own types, named by the strategies' signatures and docstrings.
    ("py:exc", "hypothesis.errors.InvalidArgument"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "SearchStrategy"),
    # The default of an argument that may also be given as None (TruceTerm's end): "not
    # given", shown in signatures as NOT_GIVEN.
    ("py:class", "tradetalks.truces._NotGiven"),
    # The type variable of Dataset.get's overloads: the kind of record asked for.
    ("py:class", "tradetalks.dataset.R"),
]


def _facade_target(target: str, module: str) -> str | None:
    """``tradetalks.<Name>...`` for a reference that names a facade object another way."""
    parts = target.split(".")
    if len(parts) > 2 and parts[0] == "tradetalks" and parts[2] in tradetalks.__all__:
        owner, rest = f"tradetalks.{parts[1]}", parts[2:]
    elif parts[0] in tradetalks.__all__ and module.startswith("tradetalks."):
        owner, rest = module, parts
    else:
        return None
    try:
        found = getattr(importlib.import_module(owner), rest[0], None)
    except ImportError:
        return None
    if found is not getattr(tradetalks, rest[0]):
        return None
    return ".".join(["tradetalks", *rest])


def _facade_reference(
    app: Sphinx, env: BuildEnvironment, node: Element, contnode: TextElement
) -> Element | None:
    """Link a name to its entry under the facade (``tradetalks.Person``).

    Public objects are documented where users import them, ``tradetalks.<Name>``, but their
    classes live in modules (``tradetalks.actors.Person``), and signatures and module
    docstrings name them there. A reference to ``tradetalks.<module>.<Name>``, or to a bare
    ``<Name>`` in a module's docstring, whose object is ``tradetalks.<Name>`` resolves to it.
    """
    if node.get("refdomain") != "py":
        return None
    target = _facade_target(node["reftarget"], node.get("py:module") or "")
    if target is None:
        return None
    domain: Any = env.get_domain("py")
    node["reftarget"] = target
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
    )


def _namespace() -> ChainMap[str, Any]:
    """Every name the package's modules hold, for evaluating their annotations.

    The modules import some names only for type checking (at run time the imports would be
    circular); the other modules hold them at run time.
    """
    modules = [m for n, m in sorted(sys.modules.items()) if n.startswith("tradetalks.")]
    return ChainMap(
        vars(tradetalks),
        *map(vars, modules),
        vars(collections.abc),
        {"os": os, "PathLike": os.PathLike, "pa": importlib.import_module("pyarrow")},
    )


def _evaluate_annotations(app: Sphinx, obj: object, bound_method: bool) -> None:  # noqa: FBT001 - Sphinx's event
    """Give a package function its annotations as types, not as text it cannot evaluate."""
    function = getattr(obj, "__func__", obj)
    if not inspect.isfunction(function) or not function.__module__.startswith("tradetalks"):
        return
    if all(not isinstance(a, str) for a in function.__annotations__.values()):
        return
    function.__annotations__ = typing.get_type_hints(function, function.__globals__, _namespace())


class _Shown:
    """A default value shown in a signature as the given text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _default(field: attrs.Attribute[Any]) -> object:
    default: Any = field.default
    if default is attrs.NOTHING:
        return inspect.Parameter.empty
    factory = getattr(default, "factory", None)  # an attrs.Factory: show what it makes
    if factory is not None and not default.takes_self:
        return _Shown(repr(factory()))
    return default


def _attrs_signature(  # noqa: PLR0913, PLR0917 - the signature of Sphinx's event
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """The signature of an attrs class: its fields, with their types and defaults.

    The ``__init__`` that attrs writes is typed by the fields' converters (``Iterable[Any]``)
    and shows factory defaults as ``NOTHING``; the fields say what a record holds.
    """
    if what != "class" or not attrs.has(obj):  # type: ignore[arg-type]
        return None
    cls: Any = obj
    if "__attrs_init__" in vars(cls):  # a hand-written __init__ (TruceTerm's days): its own
        return None
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]), _namespace())
    keyword_only, positional = (
        inspect.Parameter.KEYWORD_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    )
    parameters = [
        inspect.Parameter(
            field.alias or field.name,
            keyword_only if field.kw_only else positional,
            default=_default(field),
            annotation=hints.get(field.name, inspect.Parameter.empty),
        )
        for field in attrs.fields(cls)
        if field.init
    ]
    shown = stringify_signature(
        inspect.Signature(parameters, __validate_parameters__=False),
        unqualified_typehints=app.config.autodoc_typehints_format == "short",
    )
    return shown, return_annotation


def setup(app: Sphinx) -> None:
    """Register the facade resolver and the signature helpers."""
    app.connect("missing-reference", _facade_reference)
    app.connect("autodoc-before-process-signature", _evaluate_annotations)
    app.connect("autodoc-process-signature", _attrs_signature)
