"""Side-by-side performance of tradetalks: import, the shipped dataset, bulk loads, memory, queries.

Usage::

    python benchmarks/run.py                   # the full run (a quarter of an hour on 2 CPUs)
    python benchmarks/run.py --quick           # a small smoke run (under a minute)
    python benchmarks/run.py --sizes 1000 1000000
    python benchmarks/run.py --repeats 7 --big-repeats 3
    python benchmarks/run.py --profile load    # cProfile of one bulk load (or dump, fixture,
                                               # import), top functions by cumulative time

It prints a few lines on the run and one table (Markdown) on stdout; progress goes to
stderr. Every figure in the table is measured in the same run, repeated, and the median
reported; the runs compared with each other are interleaved, so that a change in the
machine's load hits all of them alike:

1. ``import tradetalks`` in a fresh interpreter against importing, in a fresh interpreter,
   exactly the standard-library and third-party modules that ``import tradetalks`` itself
   leaves in ``sys.modules``, in the order it leaves them (a first child lists them: its
   ``sys.modules`` after the import, less those of the bare interpreter, less
   ``tradetalks.*``); each timed with ``time.perf_counter`` around the imports inside the
   child. Also whether Hypothesis got imported.
2. the first ``tradetalks.fixtures.stockholm_2025()`` in a fresh interpreter (the call
   alone, after the import), a cached call, and a load of the shipped file in a warm
   interpreter;
3. bulk loads: ``tradetalks.loads`` against models of the same shape in pydantic v2 and
   msgspec, which check the same things (see ``check_plain``), on generated files of
   100,000 statements by 1,000 speakers, of two shapes: dates that repeat (730 days, one
   source) and many days (12,345 distinct days and 8 sources, each with its own dateline,
   the statements dealt over them, consecutive ones far apart in time). Each load runs in a
   process of its own, one per library, collector policy and repeat. The two collector
   policies are the same for every library: "as left" (the collector enabled, as the
   interpreter starts, and the library doing whatever it does inside) and "off"
   (``gc.disable()`` before the load). Every loader is given the file's bytes. Then each
   library's dump of what it loaded (a diagnostic: do all three write the file's bytes?).
4. memory, in those processes and in loads of 1,000,000 statements (many days): the peak
   RSS (``ru_maxrss``) over the RSS once the file's bytes were read, and the RSS held after
   the load (``/proc/self/statm``; the bytes dropped, ``gc.collect()``) over the RSS before
   the file was read; beside it the deep size of the records loaded (``deep_size``).
5. ``Dataset.statements_by`` and ``Dataset.statements_between`` on datasets of growing size,
   each query matching exactly 100 statements at every size, against a linear scan over
   ``dataset.statements``;
6. ``Dataset.timeline()`` at the smallest and the largest of those sizes: later calls
   on a freshly built dataset (and, for information, the first).

Last, for each target, the least flattering of the figures judged against it.

The parent process generates each bulk file once, with tradetalks, into a temporary folder.
A load's process (``--child``) reads the file's bytes, sets the collector policy, times the
load alone and prints one JSON line. Before it, the library loads a small file of other
dates once, so that imports and set-up on first use are not in the figure (the first load
in a fresh interpreter is what 2 measures). That process is started through a small
launcher process, not by this one: on Linux a process's ``ru_maxrss`` starts at the peak RSS
of the memory image its ``exec`` replaced, which for a child of this process is this
process's own peak (gigabytes, once the large files are made). In the child the peak is
also reset (``/proc/self/clear_refs``) once the file is read, where the kernel allows it.

pydantic and msgspec are benchmark-only dependencies: ``pip install '.[bench]'``. With
``--profile load`` or ``dump``, add ``--quick`` to profile 5,000 statements, not 100,000.
The memory figures need Linux (``/proc``).

(No ``from __future__ import annotations`` here: the pydantic and msgspec models are made
inside functions, and both libraries read the annotations when the class is made.)
"""

import argparse
import ast
import cProfile
import dataclasses
import datetime as dt
import enum
import gc
import importlib.metadata
import io
import json
import math
import os
import platform
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

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
PER_DAY = MATCHES // 2
"""Statements said on each day of a query dataset; a date query spans two days."""
TARGET_STATEMENTS = 100_000
"""The size of the bulk loads the speed targets are set for."""
BIG_STATEMENTS = 1_000_000
"""The size of the bulk loads the memory targets are set for."""
SPEAKERS = 1_000
"""The speakers of the bulk files."""
LIBRARIES = ("tradetalks", "pydantic", "msgspec")
POLICIES = {"as-left": "as left", "off": "off"}
"""The collector policies of a load's process: as the library leaves it, or disabled."""
SHAPES = ("repeated", "many-days")
"""The bulk files: dates that repeat (one source), or many days and several datelines."""
REPEATED_DAYS = 730
"""The days of the repeated shape: the statements cycle through two years, day by day."""
MANY_DAYS = 12_345
"""The days of the many-days shape (at least 10,000 distinct days from 12,345 statements)."""
DAY_STEP = 7_919
"""A prime, coprime with ``MANY_DAYS``: consecutive statements fall years apart."""
DATELINES = 8
"""The sources of the many-days shape, each with its own dateline."""
BASE_DAY = dt.date(2000, 1, 3)
WARMUP_DAY = dt.date(1950, 1, 2)
"""The first day of the warm-up file; its days are none of the measured files' days."""
COLLECTION_NAMES = (
    "sources",
    "parties",
    "organizations",
    "people",
    "positions",
    "rounds",
    "meetings",
    "statements",
    "agreements",
    "truces",
    "claims",
)
"""The record collections of a dataset (and of the pydantic and msgspec models)."""


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# Table


class Judged(NamedTuple):
    """One figure judged against a target, for the summary of the least flattering."""

    figure: float
    shown: str
    where: str
    met: bool


class Table:
    """Rows of the one table the run prints, and the figures judged against each target."""

    columns = ("#", "measure", "tradetalks", "against", "value", "ratio", "target", "met")

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.judged: dict[tuple[str, str, bool], list[Judged]] = {}

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

    def judge(  # noqa: PLR0913 - the target, and the figure with where it comes from
        self,
        goal: str,
        target: str,
        *,
        higher_is_better: bool,
        figure: float,
        shown: str,
        where: str,
        met: bool,
    ) -> None:
        """Record a figure judged against ``goal``, for :meth:`summarize`."""
        self.judged.setdefault((goal, target, higher_is_better), []).append(
            Judged(figure, shown, where, met)
        )

    def summarize(self) -> None:
        """One row per target: the least flattering of the figures judged against it."""
        for (goal, target, higher_is_better), figures in self.judged.items():
            pick = min if higher_is_better else max
            worst = pick(figures, key=lambda judged: judged.figure)
            self.add(
                "T",
                f"{goal}: least flattering of {len(figures)}",
                worst.shown,
                against=worst.where,
                ratio=worst.shown,
                target=target,
                met=all(judged.met for judged in figures),
            )

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


def duration(seconds: float) -> str:
    """Seconds in the unit that suits them: µs, ms or s."""
    if seconds < 1e-3:
        return us(seconds)
    if seconds < 1.0:
        return ms(seconds)
    return f"{seconds:,.2f} s"


def mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


# --------------------------------------------------------------------------------------
# 1 and 2: fresh interpreters

CHILD = """\
import sys, time
t0 = time.perf_counter()
{setup}
t1 = time.perf_counter()
{timed}
t2 = time.perf_counter()
modules = list(sys.modules)
sys.stdout.write(repr((t1 - t0, t2 - t1, modules)))
"""

MODULES = """\
import sys
bare = set(sys.modules)
import tradetalks
sys.stdout.write(repr([
    name
    for name in sys.modules
    if name not in bare and name != "tradetalks" and not name.startswith("tradetalks.")
]))
"""
"""The modules ``import tradetalks`` leaves in ``sys.modules``, but its own, in their order."""


class Fresh(NamedTuple):
    """What a fresh interpreter reports: times of its setup and its timed code, its modules."""

    setup: float
    timed: float
    modules: list[str]


def run_python(code: str, env: dict[str, str] | None) -> str:
    """Run ``code`` in a fresh interpreter, in an empty folder; its standard output."""
    with tempfile.TemporaryDirectory() as folder:  # nothing importable from the cwd
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
            env=env,
        )
    return done.stdout


def run_child(setup: str, timed: str = "pass", env: dict[str, str] | None = None) -> Fresh:
    """Run a fresh interpreter; the times of ``setup`` and of ``timed`` after it."""
    setup_time, timed_time, modules = ast.literal_eval(
        run_python(CHILD.format(setup=setup, timed=timed), env)
    )
    return Fresh(float(setup_time), float(timed_time), [str(name) for name in modules])


def imported_modules(env: dict[str, str]) -> list[str]:
    """The modules ``import tradetalks`` leaves in ``sys.modules``, but its own, in order."""
    return [str(name) for name in ast.literal_eval(run_python(MODULES, env))]


def import_lines(names: Sequence[str]) -> str:
    """Code that imports ``names`` in this order (an import statement each)."""
    lines = []
    for name in names:
        plain = all(part.isidentifier() for part in name.split("."))
        lines.append(f"import {name}" if plain else f"__import__({name!r})")
    return "\n".join(lines)


def bench_fresh(table: Table, repeats: int, *, judge: bool) -> None:
    progress(f"fresh interpreters: {repeats} repeats of each (after one warm-up)")
    with tempfile.TemporaryDirectory() as cache:
        names, results = fresh_runs(repeats, cache)
    report_fresh(table, names, results, repeats, judge=judge)


def fresh_runs(repeats: int, cache: str) -> tuple[list[str], dict[str, list[Fresh]]]:
    """The modules ``import tradetalks`` imports; every kind of fresh interpreter, interleaved.

    Byte code is cached, as it is after ``pip install`` (which compiles the modules): in a
    private folder (``PYTHONPYCACHEPREFIX``), filled by a first, unmeasured run, so the
    working tree gets no ``__pycache__``. When the caller's environment turns byte code
    caching off (``PYTHONDONTWRITEBYTECODE``), the import is also measured that way.
    """
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = cache
    names = imported_modules(cached)
    progress(f"`import tradetalks` imports {len(names)} other modules; the baseline imports them")
    kinds: dict[str, tuple[str, str, dict[str, str] | None]] = {
        "baseline": (import_lines(names), "pass", cached),
        "import": ("import tradetalks", "pass", cached),
        "fixture": ("import tradetalks", "tradetalks.fixtures.stockholm_2025()", cached),
    }
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        kinds["uncached"] = ("import tradetalks", "pass", None)
    for setup, timed, env in kinds.values():  # warm-up: byte code and file system caches
        run_child(setup, timed, env)
    results: dict[str, list[Fresh]] = {kind: [] for kind in kinds}
    for _ in range(repeats):  # interleaved, so drift in the machine's load hits all alike
        for kind, (setup, timed, env) in kinds.items():
            results[kind].append(run_child(setup, timed, env))
    return names, results


def report_fresh(
    table: Table,
    names: Sequence[str],
    results: dict[str, list[Fresh]],
    repeats: int,
    *,
    judge: bool,
) -> None:
    base = statistics.median(r.setup for r in results["baseline"])
    own = statistics.median(r.setup for r in results["import"])
    after_import = results["import"][0].modules
    after_base = results["baseline"][0].modules
    own_modules = [m for m in after_import if m == "tradetalks" or m.startswith("tradetalks.")]
    same = set(after_base) == set(after_import) - set(own_modules)
    added = own - base
    table.add(
        "1",
        "cold `import tradetalks`",
        ms(own),
        against=f"importing alone the {len(names)} other modules it imports, in its order",
        other=ms(base),
        ratio=f"{added * 1e3:+,.1f} ms ({own / base:.2f}x)",
        target="adds ≤ 20 ms",
        met=added <= 0.020 if judge else None,
    )
    if judge:
        table.judge(
            "`import tradetalks` over its modules imported alone",
            "adds ≤ 20 ms",
            higher_is_better=False,
            figure=added,
            shown=f"{added * 1e3:+,.1f} ms",
            where="medians of the fresh interpreters",
            met=added <= 0.020,
        )
    table.add(
        "1",
        f"modules in sys.modules after it ({len(own_modules)} of tradetalks)",
        str(len(after_import)),
        against="after the baseline's imports",
        other=str(len(after_base)),
        ratio="the same others" if same else "others differ",
    )
    if "uncached" in results:
        uncached = statistics.median(r.setup for r in results["uncached"])
        table.add(
            "1",
            "cold `import tradetalks`, byte code not cached (PYTHONDONTWRITEBYTECODE, as set "
            "in this environment; diagnostic)",
            ms(uncached),
            against="with byte code cached",
            other=ms(own),
            ratio=f"{(uncached - own) * 1e3:+,.1f} ms",
        )
    hypothesis = any("hypothesis" in r.modules for r in results["import"])
    table.add(
        "1",
        "Hypothesis imported by `import tradetalks`",
        "yes" if hypothesis else "no",
        target="no Hypothesis",
        met=not hypothesis if judge else None,
    )
    first = statistics.median(r.timed for r in results["fixture"])
    table.add(
        "2",
        "first `fixtures.stockholm_2025()`, fresh interpreter (call alone)",
        ms(first),
        target="< 20 ms",
        met=first < 0.020 if judge else None,
    )
    if judge:
        table.judge(
            "first `fixtures.stockholm_2025()` in a fresh interpreter",
            "< 20 ms",
            higher_is_better=False,
            figure=first,
            shown=ms(first),
            where="median of the fresh interpreters",
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


def generate(
    speaker_of: Sequence[int],
    day_of: Sequence[int],
    speakers: int,
    source_of: Sequence[int] | None = None,
    base: dt.date = BASE_DAY,
) -> Dataset:
    """A dataset of one outlet, ``speakers`` people, its sources and one statement per item.

    Statement ``i`` is said by person ``speaker_of[i]`` on day ``day_of[i]`` (counted from
    ``base``) and reported by source ``source_of[i]`` (all by one source when not given);
    its evidence is its own sentence of that source, at known offsets, and its text
    (reported speech) is the part of that sentence after the attribution. Source ``j`` is
    published ``j + 1`` days after the last statement: each has a dateline of its own.
    """
    sources_of = source_of if source_of is not None else [0] * len(speaker_of)
    count = max(sources_of, default=0) + 1
    names = [f"Delegate {k:05d}" for k in range(speakers)]
    sentences: list[list[str]] = [[] for _ in range(count)]
    offsets = [0] * count
    spans: list[tuple[int, int, int]] = []  # start, end, start of the reported words
    first_said: dict[int, tuple[int, int]] = {}  # speaker: source, offset
    for i, (k, d, j) in enumerate(zip(speaker_of, day_of, sources_of, strict=True)):
        day = base + dt.timedelta(days=d)
        head = f"{names[k]} said on {day.isoformat()} that "
        sentence = f"{head}tariffs on item {i} would be reviewed."
        offset = offsets[j]
        spans.append((offset, offset + len(sentence), offset + len(head)))
        first_said.setdefault(k, (j, offset))
        sentences[j].append(sentence)
        offsets[j] += len(sentence) + 1
    texts = [" ".join(part) for part in sentences]
    del sentences
    outlet = Organization(id="bench-wire", name="Bench Wire", kind=OrganizationKind.OUTLET)
    sources = [
        Source(
            id="bench-source" if count == 1 else f"bench-source-{j:02d}",
            outlet=outlet,
            title="Generated statements" if count == 1 else f"Generated statements, part {j + 1}",
            published_on=base + dt.timedelta(days=max(day_of) + 1 + j),
            language="en",
            text=text,
        )
        for j, text in enumerate(texts)
    ]
    people = []
    for k, name in enumerate(names):
        j, start = first_said[k]
        found = Evidence(source=sources[j], start=start, end=start + len(name), exact=name)
        people.append(Person(id=f"delegate-{k:05d}", name=name, evidence=[found]))
    statements = []
    items = zip(spans, speaker_of, day_of, sources_of, strict=True)
    for i, ((start, end, words), k, d, j) in enumerate(items):
        day = base + dt.timedelta(days=d)
        text = texts[j]
        statements.append(
            Statement(
                id=f"s{i:07d}",
                speakers=[people[k]],
                mode=Mode.INDIRECT,
                text=text[words : end - 1],
                said_on=ResolvedDate(
                    PartialDate.from_date(day), f"on {day.isoformat()}", ResolutionRule.STATED
                ),
                evidence=[Evidence(source=sources[j], start=start, end=end, exact=text[start:end])],
            )
        )
    return Dataset(sources=sources, organizations=[outlet], people=people, statements=statements)


def shape_dataset(shape: str, statements: int, speakers: int, base: dt.date = BASE_DAY) -> Dataset:
    """A bulk dataset: statements dealt out evenly over the speakers, on days of ``shape``.

    ``repeated``: one source; statement ``i`` on day ``7 i mod 730``, so the dates cycle
    through two years. ``many-days``: ``DATELINES`` sources, statement ``i`` reported by
    source ``i mod 8`` on day ``7,919 i mod 12,345``: as many distinct days as statements
    up to 12,345, and the same date words read against several datelines.
    """
    speaker_of = [i % speakers for i in range(statements)]
    if shape == "repeated":
        days = [i * 7 % REPEATED_DAYS for i in range(statements)]
        return generate(speaker_of, days, speakers, base=base)
    days = [i * DAY_STEP % MANY_DAYS for i in range(statements)]
    sources = [i % DATELINES for i in range(statements)]
    return generate(speaker_of, days, speakers, source_of=sources, base=base)


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


def pydantic_models() -> tuple[type[Any], Callable[[bytes], Any], Callable[[Any], str]]:
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
        agreements: none
        truces: none
        claims: none

        @model_validator(mode="after")
        def _integrity(self) -> "PDataset":
            check_plain(self)
            return self

    def dump(data: Any) -> str:
        return str(data.model_dump_json(indent=2, exclude_defaults=True)) + "\n"

    return PDataset, PDataset.model_validate_json, dump


def msgspec_models() -> tuple[type[Any], Callable[[bytes], Any], Callable[[Any], bytes]]:
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
        agreements: none
        truces: none
        claims: none

    decoder = msgspec.json.Decoder(MDataset)
    encoder = msgspec.json.Encoder()

    def load(text: bytes) -> Any:
        data = decoder.decode(text)
        check_plain(data)
        return data

    def dump(data: Any) -> bytes:
        return msgspec.json.format(encoder.encode(data), indent=2) + b"\n"

    return MDataset, load, dump


def codec(library: str) -> tuple[Callable[[bytes], Any], Callable[[Any], str | bytes]]:
    """A library's loader (of a file's bytes) and dumper."""
    if library == "pydantic":
        _, pydantic_load, pydantic_dump = pydantic_models()
        return pydantic_load, pydantic_dump
    if library == "msgspec":
        _, msgspec_load, msgspec_dump = msgspec_models()
        return msgspec_load, msgspec_dump
    return tradetalks.loads, tradetalks.dumps


def self_check(loaders: dict[str, Callable[[bytes], Any]]) -> None:
    """Each loader takes a small valid file of each shape and refuses broken ones."""
    for shape in SHAPES:
        text = tradetalks.dumps(shape_dataset(shape, 40, 4))
        broken = {
            "an evidence's exact": text.replace(
                '"exact": "Delegate 00001 said', '"exact": "X said', 1
            ),
            "a speaker's id": text.replace('"delegate-00002"\n', '"delegate-99999"\n', 1),
            "an evidence's offsets": text.replace('"start": 0,', '"start": 1,', 1),
        }
        for label, bad in broken.items():
            assert bad != text, label
        for name, load in loaders.items():
            loaded = load(text.encode())
            assert len(loaded.statements) == 40, (name, shape)
            assert len(loaded.sources) == (1 if shape == "repeated" else DATELINES), (name, shape)
            for label, bad in broken.items():
                try:
                    load(bad.encode())
                except ValueError:
                    continue
                raise AssertionError(f"{name} accepted a broken {label} ({shape})")


# --------------------------------------------------------------------------------------
# 3 and 4: bulk loads, each in a process of its own


@dataclasses.dataclass(frozen=True)
class BulkFile:
    """A generated file, and how it is measured."""

    shape: str
    statements: int
    path: Path
    label: str
    repeats: int
    dump: bool
    """Whether its loads also dump what they loaded (the speed-target files)."""


@dataclasses.dataclass(frozen=True)
class Load:
    """What a load's process reports (one JSON line)."""

    seconds: float
    """The load call alone."""
    peak: int
    """Peak RSS during the load (``ru_maxrss``) over the RSS once the file was read."""
    held: int
    """RSS after the load (bytes dropped, ``gc.collect()``) over the RSS before reading."""
    peak_reset: bool
    """Whether the peak was reset once the file was read (``/proc/self/clear_refs``)."""
    collector_after: bool
    """Whether the collector was enabled after the load."""
    statements: int
    deep: int | None
    """The deep size of the records loaded (measured in one process per file and library)."""
    dump_seconds: float | None
    dump_same: bool | None
    """Whether the library's dump of what it loaded is the file, byte for byte."""


LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:], check=False).returncode)"
"""Starts a load's process, so that its ``ru_maxrss`` does not start at this process's peak."""


def current_rss() -> int:
    """The resident set size of this process now, in bytes (``/proc/self/statm``)."""
    with Path("/proc/self/statm").open(encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss() -> int:
    """The peak resident set size of this process, in bytes (``ru_maxrss``, KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak_rss() -> bool:
    """Reset the peak to the RSS now, where Linux allows it (4.0 and later)."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


ATOMS = (str, bytes, int, float, complex, dt.date, dt.time, dt.timedelta)
SHARED = (type, enum.Enum, bool, types.NoneType, types.ModuleType, types.FunctionType)
"""Objects no load makes, shared by all: classes, enumeration members, True, None..."""


def deep_size(roots: Iterable[object]) -> int:
    """``sys.getsizeof`` summed over every distinct object reachable from ``roots``.

    Each object is counted once (by id): records, their ``__dict__`` or slots, tuples,
    strings, ints, dates, nested records. Classes, enumeration members, ``True``, ``False``
    and ``None`` are not counted: no load makes them.
    """
    seen: set[int] = set()
    total = 0
    stack = list(roots)
    attributes: dict[type[Any], tuple[str, ...]] = {}
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, SHARED):
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, ATOMS):
            continue
        if isinstance(item, tuple | list | set | frozenset):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            kind = type(item)
            names = attributes.get(kind)
            if names is None:
                names = attributes[kind] = attribute_names(kind)
            stack.extend(getattr(item, name, None) for name in names)
            if "__dict__" not in names and hasattr(item, "__dict__"):
                stack.append(vars(item))
    return total


def attribute_names(kind: type[Any]) -> tuple[str, ...]:
    """The slots of a class and of its bases (private ones mangled), ``__dict__`` among them."""
    names: dict[str, None] = {}
    for cls in kind.__mro__:
        slots = cls.__dict__.get("__slots__", ())
        for slot in (slots,) if isinstance(slots, str) else slots:
            if slot == "__weakref__":
                continue
            private = slot.startswith("__") and not slot.endswith("__")
            names[f"_{cls.__name__.lstrip('_')}{slot}" if private else slot] = None
    return tuple(names)


def child(  # noqa: PLR0913 - what the parent asks of one load's process
    library: str, policy: str, path: Path, warmup: Path, *, deep: bool, dump: bool
) -> None:
    """One load, in this process: print what :class:`Load` holds as one JSON line."""
    load, dumper = codec(library)
    load(warmup.read_bytes())  # imports and set-up on first use, on other dates
    gc.collect()
    before = current_rss()
    data = path.read_bytes()
    read = current_rss()
    gc.collect()
    reset = reset_peak_rss()
    if policy == "off":
        gc.disable()
    start = time.perf_counter()
    result = load(data)
    seconds = time.perf_counter() - start
    peak = peak_rss()
    collector_after = gc.isenabled()
    del data
    gc.collect()
    held = current_rss() - before
    dump_seconds, dump_same = None, None
    if dump:
        start = time.perf_counter()
        written = dumper(result)
        dump_seconds = time.perf_counter() - start
        dump_same = (written.encode() if isinstance(written, str) else written) == (
            path.read_bytes()
        )
        del written
    report = Load(
        seconds=seconds,
        peak=max(peak - read, 0),
        held=held,
        peak_reset=reset,
        collector_after=collector_after,
        statements=len(result.statements),
        deep=deep_size(getattr(result, name) for name in COLLECTION_NAMES) if deep else None,
        dump_seconds=dump_seconds,
        dump_same=dump_same,
    )
    print(json.dumps(dataclasses.asdict(report)), flush=True)


def run_load(  # noqa: PLR0913 - one load's process
    library: str, policy: str, path: Path, warmup: Path, *, deep: bool, dump: bool
) -> Load:
    """Run one load in a process of its own, started through the launcher; its report."""
    command = [
        sys.executable,
        "-S",
        "-c",
        LAUNCHER,
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        library,
        "--policy",
        policy,
        "--file",
        str(path),
        "--warmup",
        str(warmup),
    ]
    command += ["--deep"] * deep + ["--dump"] * dump
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=path.parent)
    if done.returncode != 0:
        raise RuntimeError(f"the {library} load failed ({done.returncode}):\n{done.stderr}")
    return Load(**json.loads(done.stdout.splitlines()[-1]))


def write_bulk_file(  # noqa: PLR0913 - a file and how it is measured
    folder: Path,
    shape: str,
    statements: int,
    speakers: int,
    *,
    repeats: int = 1,
    dump: bool = False,
    base: dt.date = BASE_DAY,
) -> BulkFile:
    """Generate a dataset with tradetalks and write its JSON file."""
    progress(f"building a {shape} dataset of {statements:,} statements by {speakers:,} speakers")
    gc.disable()  # the set-up is not measured; it makes millions of objects
    try:
        dataset = shape_dataset(shape, statements, speakers, base)
    finally:
        gc.enable()
    days = len({s.said_on.value for s in dataset.statements if s.said_on is not None})
    datelines = len({s.published_on for s in dataset.sources})
    path = folder / f"{shape}-{statements}-{base.isoformat()}.json"
    data = tradetalks.dumps(dataset).encode()
    path.write_bytes(data)
    label = f"{statements:,} statements, {days:,} days, {datelines} dateline" + (
        "s" if datelines > 1 else ""
    )
    progress(f"{path.name}: {len(data):,} bytes; {label}")
    del dataset, data
    gc.collect()
    return BulkFile(shape, statements, path, label, repeats, dump)


def bench_bulk(  # noqa: PLR0913 - the sizes and repeats of the bulk loads
    table: Table,
    *,
    statements: int,
    big: int,
    speakers: int,
    repeats: int,
    big_repeats: int,
    judge: bool,
) -> bool | None:
    """Sections 3 and 4; whether every peak was reset once the file was read (None: skipped)."""
    try:
        loaders = {name: codec(name)[0] for name in LIBRARIES}
    except ImportError as error:
        progress(f"skipping the bulk loads: {error} (pip install '.[bench]')")
        return None
    self_check(loaders)
    del loaders
    with tempfile.TemporaryDirectory(prefix="tradetalks-bench-") as folder:
        root = Path(folder)
        warmup = write_bulk_file(root, "many-days", 40, 4, base=WARMUP_DAY).path
        files = [
            write_bulk_file(root, shape, statements, speakers, repeats=repeats, dump=True)
            for shape in SHAPES
        ]
        files.append(write_bulk_file(root, "many-days", big, speakers, repeats=big_repeats))
        results = run_loads(files, warmup)
    for key, loads in results.items():
        for load in loads:
            assert load.statements == key[0].statements, (key, load.statements)
    report_loads(table, files, results, judge=judge)
    report_memory(table, files, results, statements, big, judge=judge)
    return all(load.peak_reset for loads in results.values() for load in loads)


Results = dict[tuple[BulkFile, str, str], list[Load]]
"""The loads of each file, collector policy and library."""


def run_loads(files: Sequence[BulkFile], warmup: Path) -> Results:
    """Every load, repeats interleaved; the libraries take turns at going first."""
    results: Results = {
        (f, policy, library): [] for f in files for policy in POLICIES for library in LIBRARIES
    }
    total = sum(f.repeats for f in files) * len(POLICIES) * len(LIBRARIES)
    done = 0
    started = time.perf_counter()
    for repeat in range(max(f.repeats for f in files)):
        turn = repeat % len(LIBRARIES)
        order = LIBRARIES[turn:] + LIBRARIES[:turn]
        for f in files:
            if repeat >= f.repeats:
                continue
            for policy, policy_label in POLICIES.items():
                for library in order:
                    first = repeat == 0 and policy == "as-left"
                    load = run_load(
                        library,
                        policy,
                        f.path,
                        warmup,
                        deep=first,
                        dump=f.dump and policy == "as-left",
                    )
                    results[f, policy, library].append(load)
                    done += 1
                    progress(
                        f"load {done}/{total} ({time.perf_counter() - started:.0f} s): "
                        f"{library}, {f.shape} {f.statements:,}, collector {policy_label}: "
                        f"{load.seconds:.2f} s, peak +{mib(load.peak)}, held {mib(load.held)}"
                    )
    return results


def median_of(loads: Sequence[Load], field: str) -> float:
    return statistics.median(float(getattr(load, field)) for load in loads)


def report_loads(table: Table, files: Sequence[BulkFile], results: Results, *, judge: bool) -> None:
    """Section 3: load times against pydantic and msgspec, each file and policy; dumps."""
    targets = {
        "pydantic": (1.0, "≥ 1.0"),
        "msgspec": (0.67, "≥ 0.67 (within 1.5x)"),
    }
    for f in files:
        for policy, policy_label in POLICIES.items():
            times = {lib: median_of(results[f, policy, lib], "seconds") for lib in LIBRARIES}
            for other, (floor, target) in targets.items():
                ratio = times[other] / times["tradetalks"]
                judged = judge and f.dump  # the speed targets are set for the 100,000 files
                measure = f"load of {f.label}, collector {policy_label}"
                table.add(
                    "3",
                    measure,
                    duration(times["tradetalks"]),
                    against="pydantic v2" if other == "pydantic" else other,
                    other=duration(times[other]),
                    ratio=f"{ratio:.3f}",
                    target=target if f.dump else "",
                    met=ratio >= floor if judged else None,
                )
                if judged:
                    table.judge(
                        f"load of {f.statements:,} statements: {other}'s time ÷ tradetalks's",
                        target,
                        higher_is_better=True,
                        figure=ratio,
                        shown=f"{ratio:.3f}",
                        where=f"{f.shape}, collector {policy_label}",
                        met=ratio >= floor,
                    )
    as_found = all(
        load.collector_after == (policy == "as-left")
        for f in files
        for policy in POLICIES
        for load in results[f, policy, "tradetalks"]
    )
    table.add(
        "3",
        "`tradetalks.loads` leaves the collector as it found it (enabled or disabled)",
        "yes" if as_found else "no",
    )
    for f in files:
        if not f.dump:
            continue
        loads = {lib: results[f, "as-left", lib] for lib in LIBRARIES}
        times = {lib: median_of(loads[lib], "dump_seconds") for lib in LIBRARIES}
        same = [lib for lib in LIBRARIES if all(load.dump_same for load in loads[lib])]
        written = (
            "all three write the file's bytes"
            if len(same) == len(LIBRARIES)
            else "the file's bytes written by " + (", ".join(same) or "none")
        )
        for other in ("pydantic", "msgspec"):
            table.add(
                "3",
                f"dump of {f.label}, {written} (diagnostic)",
                duration(times["tradetalks"]),
                against="pydantic v2" if other == "pydantic" else other,
                other=duration(times[other]),
                ratio=f"{times[other] / times['tradetalks']:.3f}",
            )


def report_memory(  # noqa: PLR0913 - the sizes the targets are set for
    table: Table,
    files: Sequence[BulkFile],
    results: Results,
    statements: int,
    big: int,
    *,
    judge: bool,
) -> None:
    """Section 4: peak and held memory of each load, and the deep size of its records."""
    for f in files:
        deep = {
            lib: next(load.deep for load in results[f, "as-left", lib] if load.deep is not None)
            for lib in LIBRARIES
        }
        for other in ("pydantic", "msgspec"):
            table.add(
                "4",
                f"deep size of the records loaded, {f.label}",
                mib(deep["tradetalks"]),
                against="pydantic v2" if other == "pydantic" else other,
                other=mib(deep[other]),
                ratio=f"{deep[other] / deep['tradetalks']:.3f}",
            )
        for policy, policy_label in POLICIES.items():
            loads = {lib: results[f, policy, lib] for lib in LIBRARIES}
            peak = {lib: median_of(loads[lib], "peak") for lib in LIBRARIES}
            held = {lib: median_of(loads[lib], "held") for lib in LIBRARIES}
            where = f"{f.label}, collector {policy_label}"
            for other in ("msgspec", "pydantic"):
                ratio = peak[other] / peak["tradetalks"]
                judged = judge and other == "msgspec" and f.statements == big
                table.add(
                    "4",
                    f"peak RSS over the RSS with the file read, load of {where}",
                    mib(peak["tradetalks"]),
                    against="pydantic v2" if other == "pydantic" else other,
                    other=mib(peak[other]),
                    ratio=f"{ratio:.3f}",
                    target="≥ 1.0 (at most msgspec's)"
                    if other == "msgspec" and f.statements == big
                    else "",
                    met=ratio >= 1.0 if judged else None,
                )
                if judged:
                    table.judge(
                        f"peak RSS of a load of {big:,} statements: msgspec's ÷ tradetalks's",
                        "≥ 1.0",
                        higher_is_better=True,
                        figure=ratio,
                        shown=f"{ratio:.3f}",
                        where=where,
                        met=ratio >= 1.0,
                    )
            ratio = held["tradetalks"] / deep["tradetalks"]
            target_size = f.statements in {statements, big}
            judged = judge and target_size
            table.add(
                "4",
                f"RSS held after the load over the RSS before reading, {where}",
                mib(held["tradetalks"]),
                against="deep size of tradetalks's records",
                other=mib(deep["tradetalks"]),
                ratio=f"{ratio:.3f}",
                target="≤ 1.5" if target_size else "",
                met=ratio <= 1.5 if judged else None,
            )
            if judged:
                table.judge(
                    "RSS held after a load ÷ deep size of tradetalks's records",
                    "≤ 1.5",
                    higher_is_better=False,
                    figure=ratio,
                    shown=f"{ratio:.3f}",
                    where=where,
                    met=ratio <= 1.5,
                )
            for other in ("pydantic", "msgspec"):
                name = "pydantic v2" if other == "pydantic" else other
                table.add(
                    "4",
                    f"RSS held after the load over the RSS before reading, {where}",
                    mib(held["tradetalks"]),
                    against=f"{name} ({held[other] / deep[other]:.2f}x its records' deep size)",
                    other=mib(held[other]),
                    ratio=f"{held[other] / held['tradetalks']:.3f}",
                )


# --------------------------------------------------------------------------------------
# 5: queries at growing sizes, and 6: the timeline


Query = tuple[
    str, Callable[[Any], Sequence[Statement]], Callable[[Any], list[Statement]], list[Any]
]
"""A query's label, the query, the linear scan that answers it, and the arguments to ask."""


def bench_queries(  # noqa: PLR0913 - sizes, repeats and the timeline's repeats
    table: Table,
    sizes: Sequence[int],
    repeats: int,
    probes: int,
    timeline_repeats: int,
    *,
    judge: bool,
) -> None:
    """Time both queries and their scans at each size; the timeline at the first and last.

    The smallest dataset is kept, and at every size its queries are timed in alternation
    with the current one's, so the growth ratio compares times taken in the same seconds.
    """
    rng = random.Random(20250730)
    smallest, smallest_queries = prepare_queries(sizes[0], rng, probes)
    growth: dict[str, tuple[float, float]] = {}
    for size in sizes:
        if size == sizes[0]:
            current, queries = smallest, smallest_queries
        else:
            current, queries = prepare_queries(size, rng, probes)
        for key, (label, query, scan, arguments) in queries.items():
            if current is smallest:
                fast = per_query(query, arguments, repeats)
            else:
                _, base_query, _, base_arguments = smallest_queries[key]
                fast, base = paired(query, arguments, base_query, base_arguments, repeats)
                growth[key] = (fast, base)
            scanned = arguments[: max(3, probes // 4)]  # a scan of a million takes a while
            slow = per_query(scan, scanned, max(3, repeats // 3))
            table.add(
                "5",
                f"{label}, {size:,} statements, {MATCHES} matches",
                us(fast),
                against="linear scan over `dataset.statements`",
                other=us(slow),
                ratio=f"{slow / fast:,.0f}x faster",
            )
        largest = current
        del current, queries
        gc.collect()
    low, high = sizes[0], sizes[-1]
    for key, label in (("speaker", "`statements_by`"), ("dates", "`statements_between`")):
        if key not in growth:
            continue
        fast, base = growth[key]
        judged = judge and high // low == 1000
        table.add(
            "5",
            f"{label}: time at {high:,} statements ÷ time at {low:,}, timed alternately",
            f"{fast / base:.2f}",
            against=f"times at {high:,} and at {low:,}",
            other=f"{us(fast)}, {us(base)}",
            ratio=f"{fast / base:.2f}",
            target="≤ 2.0 (1,000,000 ÷ 1,000)",
            met=fast / base <= 2.0 if judged else None,
        )
        if judged:
            table.judge(
                "a query at 1,000,000 statements ÷ at 1,000",
                "≤ 2.0",
                higher_is_better=False,
                figure=fast / base,
                shown=f"{fast / base:.2f}",
                where=label,
                met=fast / base <= 2.0,
            )
    if high != low:
        bench_timeline(table, smallest, largest, repeats, timeline_repeats, judge=judge)
    gc.unfreeze()


def prepare_queries(size: int, rng: random.Random, probes: int) -> tuple[Dataset, dict[str, Query]]:
    """Build a query dataset; it and its two queries, checked to match 100 statements each."""
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
    return dataset, queries


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


def rebuilt(dataset: Dataset) -> Dataset:
    """A new dataset of the same records, on which ``timeline()`` was never called."""
    return Dataset(**{name: getattr(dataset, name) for name in COLLECTION_NAMES})


LATER_CALLS = 1_000
"""Later ``timeline()`` calls timed together: one takes about a microsecond, less than the
clock's own jitter."""


def first_and_second(dataset: Dataset) -> tuple[float, float]:
    """Seconds of the first ``timeline()`` call on ``dataset``, and of a later one.

    A later call is the mean of :data:`LATER_CALLS` calls made one after the other, the
    first of them the second call ever made on the dataset.
    """
    start = time.perf_counter()
    entries = dataset.timeline()
    first = time.perf_counter() - start
    count = len(entries)
    del entries
    timeline = dataset.timeline
    start = time.perf_counter()
    for _ in range(LATER_CALLS):
        entries = timeline()
    later = (time.perf_counter() - start) / LATER_CALLS
    assert len(entries) == count
    return first, later


def bench_timeline(  # noqa: PLR0913 - both datasets and their repeats
    table: Table,
    small: Dataset,
    large: Dataset,
    repeats: int,
    large_repeats: int,
    *,
    judge: bool,
) -> None:
    """Section 6: the first and the second ``timeline()`` call on freshly built datasets.

    Each repeat builds the dataset anew from the same records (not timed), so that each
    second call follows exactly one first call; the two sizes alternate, the larger
    repeated ``large_repeats`` times (a new dataset of a million statements takes seconds).
    """
    sizes = {"small": len(small.statements), "large": len(large.statements)}
    progress(
        f"timeline: {repeats} fresh datasets of {sizes['small']:,} statements and "
        f"{min(repeats, large_repeats)} of {sizes['large']:,}"
    )
    times: dict[str, list[tuple[float, float]]] = {"small": [], "large": []}
    for repeat in range(repeats):
        for which, dataset in (("small", small), ("large", large)):
            if which == "large" and repeat >= large_repeats:
                continue
            fresh = rebuilt(dataset)
            times[which].append(first_and_second(fresh))
            del fresh
            gc.collect()
    first = {which: statistics.median(t[0] for t in found) for which, found in times.items()}
    second = {which: statistics.median(t[1] for t in found) for which, found in times.items()}
    for which in ("small", "large"):
        table.add(
            "6",
            f"`timeline()`, a later call (mean of 1,000) on a fresh dataset, {sizes[which]:,} statements",
            duration(second[which]),
            against="the first call (diagnostic)",
            other=duration(first[which]),
            ratio=f"{first[which] / second[which]:,.1f}x",
        )
    growth = second["large"] / second["small"]
    judged = judge and sizes["large"] // sizes["small"] == 1000
    table.add(
        "6",
        f"`timeline()` later call: time at {sizes['large']:,} statements ÷ time at "
        f"{sizes['small']:,}",
        f"{growth:,.2f}",
        against=f"times at {sizes['large']:,} and at {sizes['small']:,}",
        other=f"{duration(second['large'])}, {duration(second['small'])}",
        ratio=f"{growth:,.2f}",
        target="≤ 5.0 (1,000,000 ÷ 1,000)",
        met=growth <= 5.0 if judged else None,
    )
    if judged:
        table.judge(
            "a later `timeline()` at 1,000,000 statements ÷ at 1,000",
            "≤ 5.0",
            higher_is_better=False,
            figure=growth,
            shown=f"{growth:,.2f}",
            where="later calls on fresh datasets",
            met=growth <= 5.0,
        )


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
        dataset = shape_dataset("many-days", statements, speakers)
        data = tradetalks.dumps(dataset).encode()
        tradetalks.loads(data)  # warm
        call = (lambda: tradetalks.loads(data)) if what == "load" else (lambda: tradetalks.dumps(dataset))  # fmt: skip
    profiler = cProfile.Profile()
    profiler.runcall(call)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(35)
    print(out.getvalue())


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small smoke run, judging nothing")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        metavar="N",
        help="dataset sizes for the queries (and the timeline, at the first and last), "
        "multiples of 100 (default 1000 10000 100000 1000000; --quick: 1000 10000)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        help="repeats of each measure, median reported (default 15 fresh interpreters, "
        "5 loads of each 100,000-statement file per library and policy, 15 query batches; "
        "--quick: 5, 2, 5)",
    )
    parser.add_argument(
        "--big-repeats",
        type=int,
        help="repeats of the 1,000,000-statement loads per library and policy (default 2; "
        "--quick: 1), and of the timeline at the largest size (at least 3)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check that each library's model loads this version's files of each shape "
        "and refuses broken ones (what CI runs), then stop",
    )
    parser.add_argument(
        "--profile",
        choices=["import", "fixture", "load", "dump"],
        help="print a profile of one of these instead of the table",
    )
    # One load in a process of its own, started by the run (not for use by hand).
    parser.add_argument("--child", choices=LIBRARIES, help=argparse.SUPPRESS)
    parser.add_argument("--policy", choices=list(POLICIES), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warmup", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--deep", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child and not (args.policy and args.file and args.warmup):
        parser.error("--child needs --policy, --file and --warmup")
    for size in args.sizes or ():
        if size < MATCHES or size % MATCHES:
            parser.error(f"--sizes: {size} is not a positive multiple of {MATCHES}")
    for name in ("repeats", "big_repeats"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')}: at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_arguments(argv)
    if args.child:
        child(args.child, args.policy, args.file, args.warmup, deep=args.deep, dump=args.dump)
        return
    quick = args.quick
    sizes = sorted(
        set(args.sizes or ([1_000, 10_000] if quick else [1_000, 10_000, 100_000, 1_000_000]))
    )
    statements, big, speakers = (
        (5_000, 20_000, 50) if quick else (TARGET_STATEMENTS, BIG_STATEMENTS, SPEAKERS)
    )
    if args.profile:
        profile(args.profile, statements, speakers)
        return
    if args.check:
        self_check({name: codec(name)[0] for name in LIBRARIES})
        print(f"the {', '.join(LIBRARIES)} models load this version's files and refuse broken ones")
        return
    fresh_repeats = args.repeats or (5 if quick else 15)
    bulk_repeats = args.repeats or (2 if quick else 5)
    big_repeats = args.big_repeats or (1 if quick else 2)
    timeline_repeats = max(3, big_repeats)  # a later call takes microseconds: a few samples
    query_repeats = args.repeats or (5 if quick else 15)
    judge = not quick
    table = Table()
    started = time.perf_counter()
    bench_fresh(table, fresh_repeats, judge=judge)
    reset = bench_bulk(
        table,
        statements=statements,
        big=big,
        speakers=speakers,
        repeats=bulk_repeats,
        big_repeats=big_repeats,
        judge=judge,
    )
    bench_queries(table, sizes, query_repeats, 8 if quick else 20, timeline_repeats, judge=judge)
    table.summarize()
    progress(f"done in {time.perf_counter() - started:.0f} s")
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    print(f"command: {command.strip()}")
    for line in machine():
        print(line)
    print(
        f"repeats: {fresh_repeats} fresh interpreters; {bulk_repeats} loads of each "
        f"{statements:,}-statement file and {big_repeats} of the {big:,}-statement one, per "
        f"library and collector policy, each in a process of its own; {query_repeats} query "
        f"batches; timeline on {query_repeats} and {min(query_repeats, timeline_repeats)} fresh "
        "datasets; medians"
    )
    if reset is not None:
        print(
            "memory: RSS from /proc/self/statm; peak from ru_maxrss, reset once the file was "
            f"read (/proc/self/clear_refs): {'yes' if reset else 'no'}"
        )
    if quick:
        print("--quick: sizes smaller than the targets', no target judged")
    print()
    print(table.render())


if __name__ == "__main__":
    main()
