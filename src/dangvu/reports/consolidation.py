"""The consolidated draft as data: built section by section from the accepted contributions,
edited by the office, merged with late contributions, compared between versions.

A body is a list of sections {"section", "number", "title", "depth", "role", "paragraphs"}; each
paragraph is {"text", "unit", "unit_name", "contribution", "contribution_version", "edited"}
(unit and contribution are None for the office's own text)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dangvu.core.richtext import paragraphs
from dangvu.reports.enums import SectionRole
from dangvu.reports.models import Contribution, Section

Body = list[dict[str, Any]]
Paragraph = dict[str, Any]

# Which part of an entry feeds each kind of section.
FEEDS = {
    SectionRole.TOPIC: "results",
    SectionRole.SHORTCOMINGS: "shortcomings",
    SectionRole.TASKS: "tasks",
}


def empty_body(sections: Iterable[Section]) -> Body:
    return [
        {
            "section": s.pk,
            "number": s.number,
            "title": s.title,
            "depth": s.depth,
            "role": s.role,
            "paragraphs": [],
        }
        for s in sections
    ]


def contribution_paragraphs(
    contribution: Contribution, sections: list[Section]
) -> dict[int, list[Paragraph]]:
    """What one contribution adds to each section of the body. Shortcomings and tasks written
    under any topic go to the outline's shortcomings and tasks sections."""
    entries = {e.section_id: e for e in contribution.entries.all()}
    collectors = {
        role: next((s.pk for s in sections if s.role == role), None)
        for role in (SectionRole.SHORTCOMINGS, SectionRole.TASKS)
    }
    out: dict[int, list[Paragraph]] = {}

    def add(section_id: int | None, html: str) -> None:
        if section_id is None:
            return
        for text in paragraphs(html):
            out.setdefault(section_id, []).append(
                {
                    "text": text,
                    "unit": contribution.unit_id,
                    "unit_name": contribution.unit.display_name,
                    "contribution": contribution.pk,
                    "contribution_version": contribution.version,
                    "edited": False,
                }
            )

    for section in sections:
        entry = entries.get(section.pk)
        if entry is None:
            continue
        if section.role == SectionRole.TOPIC:
            add(section.pk, entry.results)
            add(collectors[SectionRole.SHORTCOMINGS], entry.shortcomings)
            add(collectors[SectionRole.TASKS], entry.tasks)
        elif section.role in FEEDS:
            add(section.pk, getattr(entry, FEEDS[SectionRole(section.role)]))
    return out


def merge(
    body: Body, contributions: Iterable[Contribution], sections: list[Section], merged: dict
) -> tuple[Body, dict[str, int], list[Contribution]]:
    """Add to `body` every contribution not merged yet at its current version. A contribution
    merged before at an older version has its untouched paragraphs replaced; paragraphs the office
    edited stay. Returns the new body, the new merged map and the contributions brought in."""
    new_body = [dict(s, paragraphs=list(s["paragraphs"])) for s in body]
    by_section = {s["section"]: s for s in new_body}
    for section in sections:  # sections added to the outline after the last version
        if section.pk not in by_section:
            extra = empty_body([section])[0]
            new_body.append(extra)
            by_section[section.pk] = extra
    merged = dict(merged)
    brought: list[Contribution] = []
    for contribution in contributions:
        key = str(contribution.pk)
        if merged.get(key) == contribution.version:
            continue
        if key in merged:
            for s in new_body:
                s["paragraphs"] = [
                    p
                    for p in s["paragraphs"]
                    if p.get("contribution") != contribution.pk or p.get("edited")
                ]
        for section_id, paras in contribution_paragraphs(contribution, sections).items():
            by_section[section_id]["paragraphs"].extend(paras)
        merged[key] = contribution.version
        brought.append(contribution)
    order = {s.pk: i for i, s in enumerate(sections)}
    new_body.sort(key=lambda s: order.get(s["section"], len(order)))
    return new_body, merged, brought


def split_text(text: str) -> list[str]:
    """The office's edit box: one paragraph per non-empty line."""
    return [" ".join(line.split()) for line in text.replace("\r", "").split("\n") if line.strip()]


def apply_edit(old: list[Paragraph], new_texts: list[str]) -> list[Paragraph]:
    """New paragraphs of a section from the edited text, keeping provenance: an unchanged
    paragraph keeps its own; a changed one keeps the provenance of the paragraph it replaced and is
    marked edited; an added one is the office's."""
    old_texts = [p["text"] for p in old]
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    out: list[Paragraph] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(dict(p) for p in old[i1:i2])
            continue
        for offset, text in enumerate(new_texts[j1:j2]):
            source = old[i1 + offset] if tag == "replace" and i1 + offset < i2 else None
            if source is not None:
                out.append(dict(source, text=text, edited=True))
            else:
                out.append(
                    {
                        "text": text,
                        "unit": None,
                        "unit_name": "",
                        "contribution": None,
                        "contribution_version": None,
                        "edited": True,
                    }
                )
    return out


@dataclass
class DiffLine:
    op: str  # "equal", "insert", "delete"
    text: str
    words: list[tuple[str, str]] | None = None  # word-level ops for a changed paragraph


@dataclass
class SectionDiff:
    number: str
    title: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.op != "equal" for line in self.lines)


def _word_diff(a: str, b: str) -> list[tuple[str, str]]:
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", " ".join(wa[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", " ".join(wa[i1:i2])))
            if j2 > j1:
                out.append(("insert", " ".join(wb[j1:j2])))
    return out


def diff(old: Body, new: Body) -> list[SectionDiff]:
    """Section by section, paragraph by paragraph; a changed paragraph is shown word by word."""
    old_by = {s["section"]: s for s in old}
    out: list[SectionDiff] = []
    for section in new:
        before = [p["text"] for p in old_by.get(section["section"], {}).get("paragraphs", [])]
        after = [p["text"] for p in section["paragraphs"]]
        lines: list[DiffLine] = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                lines.extend(DiffLine("equal", t) for t in after[j1:j2])
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for a, b in zip(before[i1:i2], after[j1:j2], strict=True):
                    lines.append(DiffLine("change", b, _word_diff(a, b)))
            else:
                lines.extend(DiffLine("delete", t) for t in before[i1:i2])
                lines.extend(DiffLine("insert", t) for t in after[j1:j2])
        out.append(SectionDiff(section["number"], section["title"], lines))
    new_ids = {s["section"] for s in new}
    for section in old:
        if section["section"] not in new_ids:
            lines = [DiffLine("delete", p["text"]) for p in section["paragraphs"]]
            out.append(SectionDiff(section["number"], section["title"], lines))
    return out
