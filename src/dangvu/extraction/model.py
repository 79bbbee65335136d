"""The result of an extraction (plain dataclasses; ``to_dict`` gives the JSON contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Meeting:
    """The meeting (cuộc họp / hội nghị); for a written directive date and chair are None, org
    is the issuer."""

    date: date | None = None
    chair: str | None = None
    chair_title: str | None = None
    org: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "chair": self.chair,
            "chair_title": self.chair_title,
            "org": self.org,
        }


@dataclass(frozen=True, slots=True)
class Task:
    """One task (nhiệm vụ). ``text == source[start:end]`` for the string given to ``extract``."""

    text: str
    start: int
    end: int
    group: str | None = None
    lead: str | None = None  # chủ trì / addressee, as written
    coordinating: list[str] = field(default_factory=list)  # phối hợp
    deadline: str | None = None  # as written
    deadline_iso: date | None = None  # latest day implied
    deliverable: str | None = None  # sản phẩm

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "group": self.group,
            "lead": self.lead,
            "coordinating": list(self.coordinating),
            "deadline": self.deadline,
            "deadline_iso": self.deadline_iso.isoformat() if self.deadline_iso else None,
            "deliverable": self.deliverable,
        }


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    meeting: Meeting
    tasks: list[Task]

    def to_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting.to_dict(), "tasks": [task.to_dict() for task in self.tasks]}
