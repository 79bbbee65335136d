"""``python -m dangvu.extraction FILE``."""

from __future__ import annotations

import sys

from dangvu.extraction.cli import main

if __name__ == "__main__":
    sys.exit(main())
