"""Measuring generalisation on the dev set: two halves split by file.

The split (fixed, written down in docs/benchmarks.md): the annotated texts of ``gold.jsonl`` sorted
by the number in front of their file name (``00_seed``, ``01_A``, ``03_A``, … ``110_A``), then
alternated: positions 0, 2, 4, … form half A, positions 1, 3, 5, … half B.

``python -m dangvu.extraction.halves CORPUS --write OUT`` writes ``OUT/full``, ``OUT/a`` and
``OUT/b``: each a corpus directory (links to the texts and the matching lines of ``gold.jsonl``)
that the shared scorer reads as it reads the dev set. ``--score SCORER`` instead scores in one
process with the scorer's own matching rules (fast, for tuning); ``--half a|b`` restricts it,
``-v`` prints each text's misses.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from dangvu.extraction.abbreviations import expand_abbreviations
from dangvu.extraction.extractor import extract
from dangvu.extraction.normalisation import fold_key


def fold(text: str) -> str:
    return " ".join(fold_key(word) for word in text.split())


def _number(name: str) -> tuple[int, str]:
    m = re.match(r"\d+", name)
    return (int(m.group()) if m else 10**6, name)


def gold_rows(corpus: Path) -> list[dict[str, Any]]:
    lines = (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return sorted(rows, key=lambda row: _number(row["file"]))


def split(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {"full": rows, "a": rows[0::2], "b": rows[1::2]}


def write(corpus: Path, out: Path) -> None:
    for name, rows in split(gold_rows(corpus)).items():
        target = out / name
        target.mkdir(parents=True, exist_ok=True)
        for old in target.iterdir():
            old.unlink()
        for row in rows:
            (target / row["file"]).symlink_to((corpus / row["file"]).resolve())
        with (target / "gold.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{target}: {len(rows)} texts, {sum(len(r['tasks']) for r in rows)} gold tasks")


def _load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(
    scorer: ModuleType, corpus: Path, rows: list[dict[str, Any]], verbose: bool
) -> dict[str, float]:
    tp = n_pred = n_gold = lead_ok = deadline_ok = chair_ok = date_ok = org_ok = 0
    for row in rows:
        text = (corpus / row["file"]).read_text(encoding="utf-8")
        result = extract(text).to_dict()
        pred, gold = result["tasks"], row["tasks"]
        pairs = scorer.match(pred, gold)
        tp += len(pairs)
        n_pred += len(pred)
        n_gold += len(gold)
        notes: list[str] = []
        for i, j in pairs:
            p, g = pred[i], gold[j]
            ok_lead = scorer.same_name(p.get("lead"), g["lead"])
            ok_dl = (p.get("deadline_iso") or None) == (g["deadline_iso"] or None)
            lead_ok += ok_lead
            deadline_ok += ok_dl
            if not ok_lead:
                notes.append(f"  LEAD {p.get('lead')!r} != {g['lead']!r}  [{g['text'][:70]}]")
            if not ok_dl:
                notes.append(
                    f"  DEADLINE {p.get('deadline_iso')} ({p.get('deadline')!r}) != "
                    f"{g['deadline_iso']} ({g['deadline']!r})  [{g['text'][:60]}]"
                )
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        for j, g in enumerate(gold):
            if j not in matched_g:
                notes.append(f"  MISSED {g['text'][:150]!r}")
        for i, p in enumerate(pred):
            if i not in matched_p:
                notes.append(f"  EXTRA {p['text'][:150]!r}")
        meeting, gm = result["meeting"], row.get("meeting") or {}
        ok_chair = scorer.same_name(meeting.get("chair"), gm.get("chair"))
        ok_date = (meeting.get("date") or None) == (gm.get("date") or None)
        chair_ok += ok_chair
        date_ok += ok_date
        ok_org = _same_body(meeting.get("org"), gm.get("org"))
        org_ok += ok_org
        if not ok_org:
            notes.append(f"  ORG {meeting.get('org')!r} != {gm.get('org')!r}")
        if not ok_chair:
            notes.append(f"  CHAIR {meeting.get('chair')!r} != {gm.get('chair')!r}")
        if not ok_date:
            notes.append(f"  DATE {meeting.get('date')} != {gm.get('date')}")
        if verbose and notes:
            print(f"{row['file']}: gold={len(gold)} predicted={len(pred)} matched={len(pairs)}")
            print("\n".join(notes))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "texts": len(rows),
        "gold": n_gold,
        "predicted": n_pred,
        "precision": precision,
        "recall": recall,
        "task_f1": f1,
        "lead": lead_ok / tp if tp else 0.0,
        "deadline": deadline_ok / tp if tp else 0.0,
        "chair": chair_ok / len(rows) if rows else 0.0,
        "date": date_ok / len(rows) if rows else 0.0,
        "org": org_ok / len(rows) if rows else 0.0,
    }


def _same_body(pred: str | None, gold: str | None) -> bool:
    """Not scored by the shared scorer: the organiser counts as found when every word of it is in
    the gold name (which often adds the place in brackets), abbreviations expanded."""
    if not gold or not pred:
        return not gold and not pred
    words = lambda name: set(re.findall(r"\w+", fold(expand_abbreviations(name))))  # noqa: E731
    return words(pred) <= words(gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--write", type=Path, help="write the split corpora under this directory")
    parser.add_argument("--score", type=Path, help="the shared score_extraction.py")
    parser.add_argument("--half", choices=["full", "a", "b"], action="append")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.write:
        write(args.corpus, args.write)
        return 0
    if not args.score:
        parser.error("give --write DIR or --score SCORER")
    scorer = _load_scorer(args.score)
    halves = split(gold_rows(args.corpus))
    for name in args.half or ["full", "a", "b"]:
        figures = score(scorer, args.corpus, halves[name], args.verbose)
        print(
            f"{name:>4}: texts={figures['texts']} gold={figures['gold']} "
            f"predicted={figures['predicted']} P={figures['precision']:.3f} "
            f"R={figures['recall']:.3f} task_f1={figures['task_f1']:.3f} "
            f"lead={figures['lead']:.3f} deadline={figures['deadline']:.3f} "
            f"chair={figures['chair']:.3f} date={figures['date']:.3f} (org={figures['org']:.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
