"""The rest of the Long Biên story, after the organisation tree: each step of the cycle adds its
part, in the order it happened. A chapter takes the `story` so far (a dict: "orgs" holds the
organisations by code, "accounts" the demo users by user name) and adds what later chapters need
under a key of its own (e.g. "draft_report", "conference", "conclusion_tasks")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Story = dict[str, Any]
Chapter = Callable[[Story], None]


def chapters() -> list[Chapter]:
    """Imported here, not at the top, so that an app's demo code loads only when the demo runs."""
    out: list[Chapter] = []
    # 0. Inspection and supervision in 2020 (programme, two inspections, a reprimand): before the
    #    9-month report, whose inspection figures are counted from these records.
    from dangvu.demo import inspection

    out.append(inspection.load)
    # 1. Period report: the 9-month 2020 period, contributions, drafts, comments, issued report.
    from dangvu.demo import reports

    out.append(reports.load)
    # 2. Conference of 11/9/2020: attendance, agenda, minutes, conclusion, notice, its tasks.
    from dangvu.demo import meetings

    out.append(meetings.load)
    # 3. Follow-up: the Q4 2020 tasks completed by the office, progress, statuses.
    from dangvu.demo import assignments

    out.append(assignments.load)
    # 4. The portal: the seed article drafted from the conference, published, with its views.
    from dangvu.demo import portal

    out.append(portal.load)
    # 5. Year end: the 2020 evaluation and classification of organisations and members.
    from dangvu.demo import evaluation

    out.append(evaluation.load)
    # 6. The 2025 reorganisation: Thượng Thanh's open tasks handed over to its successors.
    from dangvu.demo import reorganisation

    out.append(reorganisation.hand_over)
    return out
