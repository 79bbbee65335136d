"""Throughput: ``python -m dangvu.extraction.bench [DIR] [--repeat N]`` prints texts per second."""

from __future__ import annotations

import argparse
import contextlib
import time
from pathlib import Path

from dangvu.extraction.errors import ExtractionError
from dangvu.extraction.extractor import extract

DEFAULT_DIR = Path("/work/shared/corpus/dev")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.directory.glob("*.txt"))]
    if not texts:
        print(f"No .txt files in {args.directory}")
        return 1
    for text in texts:  # warm up: imports, compiled regexes
        with contextlib.suppress(ExtractionError):
            extract(text)
    count = 0
    started = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            with contextlib.suppress(ExtractionError):
                extract(text)
            count += 1
    elapsed = time.perf_counter() - started
    print(
        f"{count} texts in {elapsed:.3f} s: {count / elapsed:.1f} texts/second"
        f" ({len(texts)} files x {args.repeat})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
