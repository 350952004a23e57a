"""Side-by-side performance of tradetalks: import, the shipped dataset, bulk JSON, queries.

Usage::

    python benchmarks/run.py                   # the full run (several minutes)
    python benchmarks/run.py --quick           # a small smoke run (well under a minute)
    python benchmarks/run.py --sizes 1000 1000000
    python benchmarks/run.py --profile load    # cProfile of one bulk load (or dump, fixture,
                                               # import), top functions by cumulative time

It prints one table (Markdown) on stdout; progress goes to stderr. Every figure in the table
is measured in the same run, repeated, and the median reported:

1. ``import tradetalks`` in a fresh interpreter against ``import attrs, cattrs, dateutil,
   dateutil.relativedelta`` alone (time of the import statement, measured with
   ``time.perf_counter`` inside the child), and whether Hypothesis got imported;
2. the first ``tradetalks.fixtures.stockholm_2025()`` in a fresh interpreter (the call
   alone, after the import), a cached call, and a load of the shipped file in a warm
   interpreter;
3. a generated dataset (100,000 statements by 1,000 speakers): ``tradetalks.dumps`` and
   ``tradetalks.loads`` against models of the same shape in pydantic v2 and msgspec, which
   read the very same JSON text and check the same things (see ``check_plain``);
4. ``Dataset.statements_by`` and ``Dataset.statements_between`` on datasets of growing size,
   each query matching exactly 100 statements at every size, against a linear scan over
   ``dataset.statements``.

pydantic and msgspec are benchmark-only dependencies: ``pip install '.[bench]'``. With
``--profile load`` or ``dump``, add ``--quick`` to profile 5,000 statements, not 100,000.

(No ``from __future__ import annotations`` here: the pydantic and msgspec models are made
inside functions, and both libraries read the annotations when the class is made.)
"""

import argparse
import ast
import cProfile
import datetime as dt
import functools
import gc
import importlib.metadata
import io
import math
import os
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import tradetalks
from tradetalks import (
    Dataset,
    Evidence,
    Mode,
    Organization,
    OrganizationKind,
    PartialDate,
    Person,
    ResolutionRule,
    ResolvedDate,
    Source,
    Statement,
    Tense,
    UnnamedGroup,
)
from tradetalks.statements import QUOTES

MATCHES = 100
"""How many statements every query matches, at every size."""
TARGET_STATEMENTS = 100_000
"""The size of the bulk round trip the targets are set for."""
PER_DAY = MATCHES // 2
"""Statements said on each day of a query dataset; a date query spans two days."""


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Table


class Table:
    """Rows of the one table the run prints."""

    columns = ("#", "measure", "tradetalks", "against", "value", "ratio", "target", "met")

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []

    def add(  # noqa: PLR0913 - one argument per column
        self,
        section: str,
        measure: str,
        value: str,
        *,
        against: str = "",
        other: str = "",
        ratio: str = "",
        target: str = "",
        met: bool | None = None,
    ) -> None:
        verdict = "" if met is None else ("met" if met else "not met")
        self.rows.append((section, measure, value, against, other, ratio, target, verdict))

    def render(self) -> str:
        cells = [self.columns, *self.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.columns))]
        numeric = {2, 4, 5}

        def line(row: Sequence[str]) -> str:
            parts = [
                cell.rjust(width) if i in numeric else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            return "| " + " | ".join(parts) + " |"

        rule = "|" + "|".join(
            "-" * (w + 1) + ":" if i in numeric else "-" * (w + 2) for i, w in enumerate(widths)
        )
        return "\n".join([line(self.columns), rule + "|", *(line(row) for row in self.rows)])


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.2f} µs"


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} rec/s"


# --------------------------------------------------------------------------------------
# 1 and 2: fresh interpreters

CHILD = """\
import sys, time
t0 = time.perf_counter()
{setup}
t1 = time.perf_counter()
{timed}
t2 = time.perf_counter()
sys.stdout.write(repr((t1 - t0, t2 - t1, "hypothesis" in sys.modules, len(sys.modules))))
"""

DEPENDENCIES = "import attrs, cattrs, dateutil, dateutil.relativedelta"


def run_child(
    setup: str, timed: str = "pass", env: dict[str, str] | None = None
) -> tuple[float, float, bool, int]:
    """Run a fresh interpreter; the times of ``setup`` and of ``timed`` after it."""
    code = CHILD.format(setup=setup, timed=timed)
    with tempfile.TemporaryDirectory() as folder:  # nothing importable from the cwd
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
            env=env,
        )
    setup_time, timed_time, hypothesis, modules = ast.literal_eval(done.stdout)
    return setup_time, timed_time, hypothesis, modules


def bench_fresh(table: Table, repeats: int) -> None:
    progress(f"fresh interpreters: {repeats} repeats of each (after one warm-up)")
    with tempfile.TemporaryDirectory() as cache:
        results = fresh_runs(repeats, cache)
    report_fresh(table, results, repeats)


def fresh_runs(repeats: int, cache: str) -> dict[str, list[tuple[float, float, bool, int]]]:
    """Every kind of fresh interpreter, ``repeats`` times, interleaved.

    Byte code is cached, as it is after ``pip install`` (which compiles the modules): in a
    private folder (``PYTHONPYCACHEPREFIX``), filled by a first, unmeasured run, so the
    working tree gets no ``__pycache__``. When the caller's environment turns byte code
    caching off (``PYTHONDONTWRITEBYTECODE``), the import is also measured that way.
    """
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = cache
    kinds: dict[str, tuple[str, str, dict[str, str] | None]] = {
        "deps": (DEPENDENCIES, "pass", cached),
        "import": ("import tradetalks", "pass", cached),
        "fixture": ("import tradetalks", "tradetalks.fixtures.stockholm_2025()", cached),
    }
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        kinds["uncached"] = ("import tradetalks", "pass", None)
    for setup, timed, env in kinds.values():  # warm-up: byte code and file system caches
        run_child(setup, timed, env)
    results: dict[str, list[tuple[float, float, bool, int]]] = {kind: [] for kind in kinds}
    for _ in range(repeats):  # interleaved, so drift in the machine's load hits all alike
        for kind, (setup, timed, env) in kinds.items():
            results[kind].append(run_child(setup, timed, env))
    return results


def report_fresh(
    table: Table, results: dict[str, list[tuple[float, float, bool, int]]], repeats: int
) -> None:
    deps = statistics.median(r[0] for r in results["deps"])
    own = statistics.median(r[0] for r in results["import"])
    added_modules = results["import"][0][3] - results["deps"][0][3]
    hypothesis = any(r[2] for r in results["import"])
    table.add(
        "1",
        "cold `import tradetalks`",
        ms(own),
        against="`import attrs, cattrs, dateutil, dateutil.relativedelta`",
        other=ms(deps),
        ratio=f"{(own - deps) * 1e3:+,.1f} ms ({own / deps:.2f}x)",
        target="adds ≤ 20 ms",
        met=(own - deps) <= 0.020,
    )
    table.add(
        "1",
        f"modules in sys.modules after it ({added_modules:+} over the dependencies)",
        str(results["import"][0][3]),
        against="the dependencies alone",
        other=str(results["deps"][0][3]),
    )
    if "uncached" in results:
        uncached = statistics.median(r[0] for r in results["uncached"])
        table.add(
            "1",
            "cold `import tradetalks`, byte code not cached (PYTHONDONTWRITEBYTECODE, as set "
            "in this environment; diagnostic)",
            ms(uncached),
            against="with byte code cached",
            other=ms(own),
            ratio=f"{(uncached - own) * 1e3:+,.1f} ms",
        )
    table.add(
        "1",
        "Hypothesis imported by `import tradetalks`",
        "yes" if hypothesis else "no",
        target="no Hypothesis",
        met=not hypothesis,
    )
    first = statistics.median(r[1] for r in results["fixture"])
    table.add(
        "2",
        "first `fixtures.stockholm_2025()`, fresh interpreter (call alone)",
        ms(first),
        target="< 20 ms",
        met=first < 0.020,
    )
    cached = timeit(tradetalks.fixtures.stockholm_2025, repeats)
    table.add("2", "cached `fixtures.stockholm_2025()`, same interpreter", us(cached))
    path = tradetalks.fixtures.DATA / "stockholm_2025.json"
    warm = timeit(lambda: tradetalks.load(path), repeats, target=0.05)
    table.add(
        "2",
        "`load()` of the shipped file, warm interpreter (diagnostic)",
        ms(warm),
        against="first call in a fresh interpreter",
        other=ms(first),
        ratio=f"{first / warm:.1f}x slower cold",
    )


def timeit(fn: Callable[[], object], repeats: int, target: float = 0.02) -> float:
    """Median seconds per call of ``fn``, batches of calls lasting about ``target`` seconds."""
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    inner = max(1, math.ceil(target / once))
    samples = []
    for _ in range(max(repeats, 3)):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


# --------------------------------------------------------------------------------------
# Generated datasets

BASE_DAY = dt.date(2000, 1, 3)


def generate(speaker_of: Sequence[int], day_of: Sequence[int], speakers: int) -> Dataset:
    """A dataset of one source, one outlet, ``speakers`` people and one statement per item.

    Statement ``i`` is said by person ``speaker_of[i]`` on day ``day_of[i]`` (counted from
    ``BASE_DAY``); its evidence is its own sentence of the source, at known offsets, and
    its text (reported speech) is the part of that sentence after the attribution.
    """
    names = [f"Delegate {k:05d}" for k in range(speakers)]
    sentences: list[str] = []
    spans: list[tuple[int, int, int]] = []  # start, end, start of the reported words
    first_said: dict[int, int] = {}
    offset = 0
    for i, (k, d) in enumerate(zip(speaker_of, day_of, strict=True)):
        day = BASE_DAY + dt.timedelta(days=d)
        head = f"{names[k]} said on {day.isoformat()} that "
        sentence = f"{head}tariffs on item {i} would be reviewed."
        spans.append((offset, offset + len(sentence), offset + len(head)))
        first_said.setdefault(k, offset)
        sentences.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(sentences)
    del sentences
    outlet = Organization(id="bench-wire", name="Bench Wire", kind=OrganizationKind.OUTLET)
    source = Source(
        id="bench-source",
        outlet=outlet,
        title="Generated statements",
        published_on=BASE_DAY + dt.timedelta(days=max(day_of) + 1),
        language="en",
        text=text,
    )
    people = []
    for k, name in enumerate(names):
        start = first_said[k]
        found = Evidence(source=source, start=start, end=start + len(name), exact=name)
        people.append(Person(id=f"delegate-{k:05d}", name=name, evidence=[found]))
    statements = []
    for i, ((start, end, words), k, d) in enumerate(zip(spans, speaker_of, day_of, strict=True)):
        day = BASE_DAY + dt.timedelta(days=d)
        statements.append(
            Statement(
                id=f"s{i:07d}",
                speakers=[people[k]],
                mode=Mode.INDIRECT,
                text=text[words : end - 1],
                said_on=ResolvedDate(
                    PartialDate.from_date(day), f"on {day.isoformat()}", ResolutionRule.STATED
                ),
                evidence=[Evidence(source=source, start=start, end=end, exact=text[start:end])],
            )
        )
    return Dataset(sources=[source], organizations=[outlet], people=people, statements=statements)


def bulk_dataset(statements: int, speakers: int) -> Dataset:
    """Statements spread evenly over the speakers and over two years of days."""
    return generate(
        [i % speakers for i in range(statements)],
        [i * 7 % 730 for i in range(statements)],
        speakers,
    )


def query_dataset(size: int, rng: random.Random) -> Dataset:
    """``size`` statements: each speaker says exactly 100, each day has exactly 50.

    Speakers and days are dealt out independently, in a shuffled order, so neither the
    speakers' statements nor the days are contiguous in the dataset.
    """
    speakers = size // MATCHES
    speaker_of = [k for k in range(speakers) for _ in range(MATCHES)]
    day_of = [d for d in range(size // PER_DAY) for _ in range(PER_DAY)]
    rng.shuffle(speaker_of)
    rng.shuffle(day_of)
    return generate(speaker_of, day_of, speakers)


# --------------------------------------------------------------------------------------
# 3: the same shape in pydantic v2 and msgspec

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
TEXT_PATTERN = r"^\S(?:[\s\S]*\S)?$"  # non-empty, no white space at either end
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"


# The models use tradetalks's own enumerations (Mode, ResolutionRule, Tense, OrganizationKind):
# pydantic and msgspec read and write an Enum by its value, as tradetalks does.


def check_plain(data: Any) -> None:
    """The dataset-wide checks tradetalks makes, for the pydantic and msgspec models.

    Ids are unique across all records; every reference (a source's outlet, an evidence's
    source, a statement's speakers) names a record of the right kind; every evidence's
    ``exact`` is ``text[start:end]`` of its source, a non-empty span; a statement's text
    lies within its evidence, and reported speech (``indirect``) has no quotation marks;
    a dated statement has the date words its rule needs. Raises ``ValueError``.
    """
    seen: set[str] = set()
    for name in ("sources", "organizations", "people", "statements"):
        for index, record in enumerate(getattr(data, name)):
            if record.id in seen:
                raise ValueError(f"{name}[{index}].id: {record.id!r} is already used")
            seen.add(record.id)
    organizations = {o.id for o in data.organizations}
    texts = {s.id: s.text for s in data.sources}
    speakers = organizations | {p.id for p in data.people}
    for index, source in enumerate(data.sources):
        if source.outlet not in organizations:
            raise ValueError(f"sources[{index}].outlet: {source.outlet!r} is unknown")
    for name in ("organizations", "people"):
        for index, record in enumerate(getattr(data, name)):
            _check_evidence(f"{name}[{index}]", record.evidence, texts)
    for index, statement in enumerate(data.statements):
        _check_statement(f"statements[{index}]", statement, texts, speakers)


def _check_evidence(where: str, items: Sequence[Any], texts: dict[str, str]) -> None:
    for index, piece in enumerate(items):
        text = texts.get(piece.source)
        if text is None:
            raise ValueError(f"{where}.evidence[{index}].source: {piece.source!r} is unknown")
        if not 0 <= piece.start < piece.end <= len(text):
            raise ValueError(f"{where}.evidence[{index}]: offsets outside the text")
        if text[piece.start : piece.end] != piece.exact:
            raise ValueError(f"{where}.evidence[{index}]: text does not match exact")


def _check_statement(where: str, statement: Any, texts: dict[str, str], speakers: set[str]) -> None:
    for speaker in statement.speakers:
        if speaker not in speakers:
            raise ValueError(f"{where}.speakers: {speaker!r} is unknown")
    _check_evidence(where, statement.evidence, texts)
    if not any(statement.text in piece.exact for piece in statement.evidence):
        raise ValueError(f"{where}.text: not within the evidence")
    if statement.mode is Mode.INDIRECT and any(q in statement.text for q in QUOTES):
        raise ValueError(f"{where}.text: reported speech with a quotation is mixed")
    said_on = statement.said_on
    if said_on is not None and (said_on.rule is ResolutionRule.CONTEXT) == (
        said_on.words is not None
    ):
        raise ValueError(f"{where}.said_on.words: not what the rule needs")


def pydantic_models() -> tuple[type[Any], Callable[[str], Any], Callable[[Any], str]]:
    """The dataset model in pydantic v2, its loader and its dumper."""
    from pydantic import (  # noqa: PLC0415 - a benchmark-only dependency
        BaseModel,
        ConfigDict,
        Field,
        StringConstraints,
        model_validator,
    )

    id_str = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    text_str = Annotated[str, StringConstraints(pattern=TEXT_PATTERN)]
    offset = Annotated[int, Field(ge=0, strict=True)]
    config = ConfigDict(extra="forbid", frozen=True)

    class PEvidence(BaseModel):
        model_config = config
        source: id_str
        start: offset
        end: offset
        exact: str

    class PSource(BaseModel):
        model_config = config
        id: id_str
        outlet: id_str
        title: text_str | None = None
        published_on: dt.date
        url: text_str | None = None
        language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
        text: Annotated[str, StringConstraints(min_length=1)]

    class POrganization(BaseModel):
        model_config = config
        id: id_str
        name: text_str
        kind: OrganizationKind
        country: Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)] | None = None
        short_name: text_str | None = None
        parent: id_str | None = None
        evidence: tuple[PEvidence, ...] = ()

    class PPerson(BaseModel):
        model_config = config
        id: id_str
        name: text_str
        native_name: text_str | None = None
        identifiers: dict[str, str] = Field(default_factory=dict)
        evidence: Annotated[tuple[PEvidence, ...], Field(min_length=1)]

    class PSaidOn(BaseModel):
        model_config = config
        date: dt.date
        words: text_str | None
        rule: ResolutionRule
        tense: Tense = Tense.PAST

    class PStatement(BaseModel):
        model_config = config
        id: id_str
        speakers: Annotated[tuple[id_str, ...], Field(min_length=1)]
        mode: Mode
        text: text_str
        said_on: PSaidOn | None = None
        audience: text_str | None = None
        reported_by: tuple[id_str, ...] = ()
        occasion: id_str | None = None
        evidence: Annotated[tuple[PEvidence, ...], Field(min_length=1)]

    none = Annotated[tuple[Any, ...], Field(max_length=0)]  # kinds the benchmark leaves empty

    class PDataset(BaseModel):
        model_config = config
        format: Literal["tradetalks/1"]
        sources: tuple[PSource, ...]
        parties: none
        organizations: tuple[POrganization, ...]
        people: tuple[PPerson, ...]
        positions: none
        rounds: none
        meetings: none
        statements: tuple[PStatement, ...]
        truces: none

        @model_validator(mode="after")
        def _integrity(self) -> "PDataset":
            check_plain(self)
            return self

    def dump(data: Any) -> str:
        return str(data.model_dump_json(indent=2, exclude_defaults=True)) + "\n"

    return PDataset, PDataset.model_validate_json, dump


def msgspec_models() -> tuple[type[Any], Callable[[str], Any], Callable[[Any], bytes]]:
    """The dataset model in msgspec, its loader (decode, then checks) and its dumper."""
    import msgspec  # noqa: PLC0415 - a benchmark-only dependency
    from msgspec import Meta  # noqa: PLC0415

    id_str = Annotated[str, Meta(pattern=ID_PATTERN)]
    text_str = Annotated[str, Meta(pattern=TEXT_PATTERN)]
    offset = Annotated[int, Meta(ge=0)]

    class MEvidence(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        source: id_str
        start: offset
        end: offset
        exact: str

    class MSource(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        id: id_str
        outlet: id_str
        title: text_str | None = None
        published_on: dt.date
        url: text_str | None = None
        language: Annotated[str, Meta(pattern=LANGUAGE_PATTERN)]
        text: Annotated[str, Meta(min_length=1)]

    class MOrganization(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        id: id_str
        name: text_str
        kind: OrganizationKind
        country: Annotated[str, Meta(pattern=COUNTRY_PATTERN)] | None = None
        short_name: text_str | None = None
        parent: id_str | None = None
        evidence: tuple[MEvidence, ...] = ()

    class MPerson(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        id: id_str
        name: text_str
        native_name: text_str | None = None
        identifiers: dict[str, str] = msgspec.field(default_factory=dict)
        evidence: Annotated[tuple[MEvidence, ...], Meta(min_length=1)]

    class MSaidOn(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        date: dt.date
        words: text_str | None
        rule: ResolutionRule
        tense: Tense = Tense.PAST

    class MStatement(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        id: id_str
        speakers: Annotated[tuple[id_str, ...], Meta(min_length=1)]
        mode: Mode
        text: text_str
        said_on: MSaidOn | None = None
        audience: text_str | None = None
        reported_by: tuple[id_str, ...] = ()
        occasion: id_str | None = None
        evidence: Annotated[tuple[MEvidence, ...], Meta(min_length=1)]

    none = Annotated[tuple[Any, ...], Meta(max_length=0)]

    class MDataset(
        msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, kw_only=True
    ):
        format: Literal["tradetalks/1"]
        sources: tuple[MSource, ...]
        parties: none
        organizations: tuple[MOrganization, ...]
        people: tuple[MPerson, ...]
        positions: none
        rounds: none
        meetings: none
        statements: tuple[MStatement, ...]
        truces: none

    decoder = msgspec.json.Decoder(MDataset)
    encoder = msgspec.json.Encoder()

    def load(text: str) -> Any:
        data = decoder.decode(text)
        check_plain(data)
        return data

    def dump(data: Any) -> bytes:
        return msgspec.json.format(encoder.encode(data), indent=2) + b"\n"

    return MDataset, load, dump


def self_check(loaders: dict[str, Callable[[str], Any]]) -> None:
    """Each loader takes a small valid file and refuses broken evidence and references."""
    text = tradetalks.dumps(bulk_dataset(40, 4))
    broken = {
        "an evidence's exact": text.replace('"exact": "Delegate 00001 said', '"exact": "X said', 1),
        "a speaker's id": text.replace('"delegate-00002"\n', '"delegate-99999"\n', 1),
        "an evidence's offsets": text.replace('"start": 0,', '"start": 1,', 1),
    }
    for label, bad in broken.items():
        assert bad != text, label
    for name, load in loaders.items():
        load(text)
        for label, bad in broken.items():
            try:
                load(bad)
            except ValueError:
                continue
            raise AssertionError(f"{name} accepted a broken {label}")


def bench_bulk(table: Table, statements: int, speakers: int, repeats: int) -> None:
    try:
        _, pydantic_load, pydantic_dump = pydantic_models()
        _, msgspec_load, msgspec_dump = msgspec_models()
    except ImportError as error:
        progress(f"skipping the bulk round trip: {error} (pip install '.[bench]')")
        return
    loaders = {"tradetalks": tradetalks.loads, "pydantic": pydantic_load, "msgspec": msgspec_load}
    self_check(loaders)
    progress(f"building a dataset of {statements:,} statements by {speakers:,} speakers")
    dataset = bulk_dataset(statements, speakers)
    records = sum(len(getattr(dataset, name)) for name in ("sources", "organizations", "people"))
    records += len(dataset.statements)
    text = tradetalks.dumps(dataset)
    progress(f"its JSON: {len(text.encode()):,} bytes; {records:,} records")
    models = {"pydantic": pydantic_load(text), "msgspec": msgspec_load(text)}
    dumpers: dict[str, Callable[[], object]] = {
        "tradetalks": lambda: tradetalks.dumps(dataset),
        "pydantic": lambda: pydantic_dump(models["pydantic"]),
        "msgspec": lambda: msgspec_dump(models["msgspec"]),
    }
    same = {
        name: (out.decode() if isinstance(out, bytes) else out) == text
        for name, out in ((n, d()) for n, d in dumpers.items())
    }
    progress(f"dumps byte for byte equal to tradetalks.dumps: {same}")
    identical = ", all three write the same bytes" if all(same.values()) else ""
    load_times: dict[str, list[float]] = {name: [] for name in loaders}
    dump_times: dict[str, list[float]] = {name: [] for name in dumpers}
    for repeat in range(repeats):
        for name, loader in loaders.items():
            dump_times[name].append(timed(dumpers[name]))
            load_times[name].append(timed(functools.partial(loader, text)))
            progress(
                f"bulk repeat {repeat + 1}/{repeats} {name}: dump {dump_times[name][-1]:.2f} s, "
                f"load {load_times[name][-1]:.2f} s"
            )
    load = {name: statistics.median(times) for name, times in load_times.items()}
    dump = {name: statistics.median(times) for name, times in dump_times.items()}
    shape = f"{records:,} records ({statements:,} statements by {speakers:,} speakers)"
    for way, results in (("dump", dump), ("load", load)):
        for other in ("pydantic", "msgspec"):
            ratio = results[other] / results["tradetalks"]
            target, met = "", None
            judged = statements == TARGET_STATEMENTS  # the targets are set at that size
            if way == "load" and other == "pydantic":
                target, met = "≥ 1.0", ratio >= 1.0 if judged else None
            elif way == "load":
                target, met = "≥ 0.25 (within 4x)", ratio >= 0.25 if judged else None
            table.add(
                "3",
                f"{way} {shape}{identical if way == 'dump' else ''}",
                per_second(records, results["tradetalks"]),
                against=f"{other} v2" if other == "pydantic" else other,
                other=per_second(records, results[other]),
                ratio=f"{ratio:.3f}",
                target=target,
                met=met,
            )


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


# --------------------------------------------------------------------------------------
# 4: queries at growing sizes


Query = tuple[
    str, Callable[[Any], Sequence[Statement]], Callable[[Any], list[Statement]], list[Any]
]
"""A query's label, the query, the linear scan that answers it, and the arguments to ask."""


def bench_queries(table: Table, sizes: Sequence[int], repeats: int, probes: int) -> None:
    """Time both queries and their scans at each size.

    The smallest dataset is kept, and at every size its queries are timed in alternation
    with the current one's, so the growth ratio compares times taken in the same seconds.
    """
    rng = random.Random(20250730)
    smallest = prepare_queries(sizes[0], rng, probes)
    growth: dict[str, tuple[float, float]] = {}
    for size in sizes:
        current = smallest if size == sizes[0] else prepare_queries(size, rng, probes)
        for key, (label, query, scan, arguments) in current.items():
            if current is smallest:
                fast = per_query(query, arguments, repeats)
            else:
                _, base_query, _, base_arguments = smallest[key]
                fast, base = paired(query, arguments, base_query, base_arguments, repeats)
                growth[key] = (fast, base)
            scanned = arguments[: max(3, probes // 4)]  # a scan of a million takes a while
            slow = per_query(scan, scanned, max(3, repeats // 3))
            table.add(
                "4",
                f"{label}, {size:,} statements, {MATCHES} matches",
                us(fast),
                against="linear scan over `dataset.statements`",
                other=us(slow),
                ratio=f"{slow / fast:,.0f}x faster",
            )
        del current
        gc.collect()
    gc.unfreeze()
    low, high = sizes[0], sizes[-1]
    for key, label in (("speaker", "`statements_by`"), ("dates", "`statements_between`")):
        if key not in growth:
            continue
        fast, base = growth[key]
        table.add(
            "4",
            f"{label}: time at {high:,} statements ÷ time at {low:,}, timed alternately",
            f"{fast / base:.2f}",
            against=f"times at {high:,} and at {low:,}",
            other=f"{us(fast)}, {us(base)}",
            ratio=f"{fast / base:.2f}",
            target="≤ 2.0 (1,000,000 ÷ 1,000)",
            met=fast / base <= 2.0 if high // low == 1000 else None,
        )


def prepare_queries(size: int, rng: random.Random, probes: int) -> dict[str, Query]:
    """Build a query dataset; its two queries, checked to match 100 statements each."""
    progress(f"building a query dataset of {size:,} statements")
    gc.disable()  # the set-up is not measured; it makes millions of objects
    start = time.perf_counter()
    try:
        dataset = query_dataset(size, rng)
    finally:
        gc.enable()
    gc.collect()
    gc.freeze()  # keep the collector from walking the dataset during the queries
    progress(f"built in {time.perf_counter() - start:.1f} s; querying")
    speakers = [p.id for p in rng.sample(dataset.people, min(probes, len(dataset.people)))]
    days = size // PER_DAY
    firsts = [BASE_DAY + dt.timedelta(days=rng.randrange(days - 1)) for _ in range(probes)]
    ranges = [(first, first + dt.timedelta(days=1)) for first in firsts]
    statements = dataset.statements

    def scan_speaker(ident: str) -> list[Statement]:
        return [
            s
            for s in statements
            if any(not isinstance(p, UnnamedGroup) and p.id == ident for p in s.speakers)
        ]

    def scan_dates(span: tuple[dt.date, dt.date]) -> list[Statement]:
        first, last = span
        return [
            s
            for s in statements
            if s.said_on is not None
            and first <= s.said_on.value.earliest
            and s.said_on.value.latest <= last
        ]

    def between(span: tuple[dt.date, dt.date]) -> tuple[Statement, ...]:
        return dataset.statements_between(*span)

    queries: dict[str, Query] = {
        "speaker": ("`statements_by(id)`", dataset.statements_by, scan_speaker, speakers),
        "dates": ("`statements_between(day, day + 1)`", between, scan_dates, ranges),
    }
    for label, query, scan, arguments in queries.values():
        for index, argument in enumerate(arguments):
            found = query(argument)
            assert len(found) == MATCHES, (label, argument, len(found))
            if index < 3:  # a scan of a million takes a while
                expected = {s.id for s in scan(argument)}
                assert {s.id for s in found} == expected, (label, argument)
    return queries


def calibrate(fn: Callable[[Any], Any], arguments: Sequence[Any]) -> int:
    """How many passes over ``arguments`` last about 20 ms (at least one)."""
    start = time.perf_counter()
    for argument in arguments:
        fn(argument)
    once = time.perf_counter() - start
    return max(1, math.ceil(0.02 / max(once, 1e-7)))


def batch(fn: Callable[[Any], Any], arguments: Sequence[Any], passes: int) -> float:
    """Seconds per query over ``passes`` passes over ``arguments``."""
    start = time.perf_counter()
    for _ in range(passes):
        for argument in arguments:
            fn(argument)
    return (time.perf_counter() - start) / (passes * len(arguments))


def per_query(fn: Callable[[Any], Any], arguments: Sequence[Any], repeats: int) -> float:
    """Median seconds per query, over ``repeats`` batches of about 20 ms (or one pass)."""
    passes = calibrate(fn, arguments)
    return statistics.median(batch(fn, arguments, passes) for _ in range(repeats))


def paired(
    fn: Callable[[Any], Any],
    arguments: Sequence[Any],
    base: Callable[[Any], Any],
    base_arguments: Sequence[Any],
    repeats: int,
) -> tuple[float, float]:
    """Median seconds per query of ``fn`` and of ``base``, their batches alternating."""
    passes, base_passes = calibrate(fn, arguments), calibrate(base, base_arguments)
    times: list[float] = []
    base_times: list[float] = []
    for _ in range(repeats):
        times.append(batch(fn, arguments, passes))
        base_times.append(batch(base, base_arguments, base_passes))
    return statistics.median(times), statistics.median(base_times)


# --------------------------------------------------------------------------------------
# Machine, profile, main


def machine() -> list[str]:
    model = "unknown CPU"
    try:
        with Path("/proc/cpuinfo").open(encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        model = platform.processor() or model
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("tradetalks", "attrs", "cattrs", "python-dateutil", "pydantic", "msgspec")
        if _installed(name)
    )
    return [
        f"code: {revision()}",
        f"machine: {os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}",
        f"python: {platform.python_implementation()} {platform.python_version()}",
        "load average at the end (1, 5, 15 min): "
        + ", ".join(f"{load:.2f}" for load in os.getloadavg()),
        f"packages: {versions}",
    ]


def revision() -> str:
    """The commit of the working tree, and whether ``src`` differs from it."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"{commit}, with uncommitted changes in src" if changed else commit


def _installed(name: str) -> bool:
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def profile(what: str, statements: int, speakers: int) -> None:
    """Print where the time goes in one import, fixture load, bulk load or bulk dump."""
    if what == "import":
        code = "import tradetalks"
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            check=True,
        )
        rows = []
        for line in done.stderr.splitlines()[1:]:
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
            if match:
                rows.append((int(match[1]), int(match[2]), len(match[3]) // 2, match[4]))
        print("self µs  cumulative µs  module (top 30 by self time)")
        for own, total, depth, name in sorted(rows, reverse=True)[:30]:
            print(f"{own:>7}  {total:>13}  {'  ' * depth}{name}")
        return
    if what == "fixture":
        path = tradetalks.fixtures.DATA / "stockholm_2025.json"
        call: Callable[[], object] = lambda: tradetalks.load(path)  # noqa: E731
    else:
        dataset = bulk_dataset(statements, speakers)
        text = tradetalks.dumps(dataset)
        tradetalks.loads(text)  # warm
        call = (lambda: tradetalks.loads(text)) if what == "load" else (lambda: tradetalks.dumps(dataset))  # fmt: skip
    profiler = cProfile.Profile()
    profiler.runcall(call)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
    print(out.getvalue())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke run")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        metavar="N",
        help="dataset sizes for the queries, multiples of 100 (default 1000 10000 100000 "
        "1000000; --quick: 1000 10000)",
    )
    parser.add_argument("--repeats", type=int, help="repeats of each measure (median reported)")
    parser.add_argument(
        "--profile",
        choices=["import", "fixture", "load", "dump"],
        help="print a profile of one of these instead of the table",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000, 1_000_000])
    for size in sizes:
        if size < MATCHES or size % MATCHES:
            parser.error(f"--sizes: {size} is not a positive multiple of {MATCHES}")
    statements, speakers = (5_000, 50) if args.quick else (TARGET_STATEMENTS, 1_000)
    if args.profile:
        profile(args.profile, statements, speakers)
        return
    fresh_repeats = args.repeats or (5 if args.quick else 15)
    bulk_repeats = args.repeats or 3
    query_repeats = args.repeats or (5 if args.quick else 15)
    table = Table()
    started = time.perf_counter()
    bench_fresh(table, fresh_repeats)
    bench_bulk(table, statements, speakers, bulk_repeats)
    bench_queries(table, sorted(set(sizes)), query_repeats, probes=8 if args.quick else 20)
    progress(f"done in {time.perf_counter() - started:.0f} s")
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    print(f"command: {command.strip()}")
    for line in machine():
        print(line)
    print(
        f"repeats: {fresh_repeats} fresh interpreters, {bulk_repeats} bulk round trips, "
        f"{query_repeats} query batches; medians"
    )
    print()
    print(table.render())


if __name__ == "__main__":
    main()
