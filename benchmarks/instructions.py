"""Count the machine instructions one library's load of one file takes, with valgrind.

A shared machine's speed moves by minutes, and timings with it; the count of instructions
a process runs does not. This runs a process under valgrind's callgrind twice, the same
way each time (imports, a small warm-up load of other dates, the file read, the collector
off), once with the load of the file and once stopping before it, and prints the
difference::

    python benchmarks/instructions.py tradetalks FILE.json
    python benchmarks/instructions.py msgspec FILE.json
    python benchmarks/instructions.py import      # `import tradetalks` after its imports
    python benchmarks/instructions.py first-load  # the shipped dataset's, after the import

The files are those ``benchmarks/run.py`` writes (``shape_dataset`` and
``tradetalks.dumps``). It needs valgrind (``apt install valgrind``), and takes about fifty
times as long as the load itself. Instructions are not time (a cache miss costs more than
an addition), but a change that takes fewer of them for the same work is quicker.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

LOAD = """
import gc, sys
sys.path.insert(0, {here!r})
import run
load = run.codec({library!r})[0]
load(run.tradetalks.dumps(run.shape_dataset("many-days", 40, 4, base=run.WARMUP_DAY)).encode())
data = open({path!r}, "rb").read()
gc.disable()
if {measured}:
    load(data)
"""

IMPORT = """
import sys
for name in {names!r}:
    try:
        __import__(name)
    except ImportError:
        pass
if {measured}:
    import tradetalks
"""

FIRST_LOAD = """
import tradetalks
if {measured}:
    tradetalks.fixtures.stockholm_2025()
"""


def collected(code: str) -> int:
    """The instructions a Python process running ``code`` takes, counted by callgrind.

    The process hashes text with one fixed seed (``PYTHONHASHSEED=0``): with a random seed
    each, dictionaries collide differently and the counts of two runs of the same load
    differed by up to 4 %.
    """
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            code,
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found[1])


def imported_names() -> list[str]:
    """The modules ``import tradetalks`` imports besides its own, in its order."""
    code = (
        "import sys; before = set(sys.modules); import tradetalks; "
        "print(*(m for m in sys.modules if m not in before and m.split('.')[0] != "
        "'tradetalks'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "library", choices=["tradetalks", "pydantic", "msgspec", "import", "first-load"]
    )
    parser.add_argument(
        "file", type=Path, nargs="?", help="a dataset file (not for import nor first-load)"
    )
    args = parser.parse_args()
    if args.library == "import":
        names = imported_names()
        with_it, without = (collected(IMPORT.format(names=names, measured=m)) for m in (1, 0))
        what = "`import tradetalks` after its imports"
    elif args.library == "first-load":
        with_it, without = (collected(FIRST_LOAD.format(measured=m)) for m in (1, 0))
        what = "the shipped dataset's first load after `import tradetalks`"
    else:
        if args.file is None:
            parser.error("a file is needed")
        path = str(args.file.resolve())
        with_it, without = (
            collected(LOAD.format(here=str(HERE), library=args.library, path=path, measured=m))
            for m in (1, 0)
        )
        what = f"{args.library}'s load of {args.file.name}"
    print(f"{what}: {(with_it - without) / 1e6:,.0f} M instructions")


if __name__ == "__main__":
    main()
