"""The meeting a conclusion comes from: its date, its chair (người chủ trì / kết luận) and the
organiser (a package since issue 18: `dates`, `people`, `leader`, `organiser`, what they share in
`_common`).

A visiting superior who only "phát biểu chỉ đạo" is not the chair; a written directive has no
meeting.
"""

from __future__ import annotations

from dangvu.extraction.meeting._common import Chair
from dangvu.extraction.meeting.dates import fallback_year, meeting_date
from dangvu.extraction.meeting.leader import body_signature, find_directing_leader
from dangvu.extraction.meeting.organiser import find_organiser, organiser_from_title
from dangvu.extraction.meeting.people import find_chair, find_host_speaker

__all__ = [
    "Chair",
    "body_signature",
    "fallback_year",
    "find_chair",
    "find_directing_leader",
    "find_host_speaker",
    "find_organiser",
    "meeting_date",
    "organiser_from_title",
]
