"""``python -m tradetalks``: the command line of :mod:`tradetalks.cli`."""

from __future__ import annotations

import sys

from tradetalks.cli import main

if __name__ == "__main__":
    sys.exit(main())
