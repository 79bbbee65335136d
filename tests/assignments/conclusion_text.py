"""A conclusion written for the tests, in the manner of the district's 2020 notices."""

from pathlib import Path

CONCLUSION = (Path(__file__).parent / "conclusion-2020-09-11.txt").read_text(encoding="utf-8")
