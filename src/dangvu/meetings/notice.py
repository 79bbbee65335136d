"""The conclusion notice as a Party document (thông báo kết luận, type code TB). The wording
and the header come from `documents`; this module only reads the conference."""

from __future__ import annotations

from django.utils import timezone

from dangvu.documents.bodies import (
    committee_word,
    issuing_body_of,
    place_of,
    superior_body_of,
)
from dangvu.documents.rendering import Block, PartyDocument, Signature
from dangvu.documents.signing import DEFAULT_AUTHORITY
from dangvu.documents.wording import default_preamble, meeting_phrase, notice_summary
from dangvu.meetings.models import Conclusion
from dangvu.meetings.selectors import conclusion_items

# A draft leaves the recipients to the office; these are the lines it nearly always has.
DRAFT_RECIPIENTS = ["Như trên,", "Lưu Văn phòng."]


def notice_document(conclusion: Conclusion) -> PartyDocument:
    conference = conclusion.conference
    committee = conference.committee
    start = timezone.localtime(conference.starts_at)
    part_of_day = "Sáng" if start.hour < 12 else "Chiều"
    chair = conference.chair.full_name if conference.chair else ""
    word = committee_word(committee)
    opening = (
        f"{part_of_day} ngày {start.day}/{start.month}/{start.year}, "
        f"{committee.name} tổ chức {meeting_phrase(conference.title, conference.kind)}"
    )
    if chair:
        opening += f" do đồng chí {chair}"
        if conference.chair_title:
            opening += f" - {conference.chair_title}"
        opening += " chủ trì"
    body = [Block("paragraph", opening + ".")]
    preamble = [line for line in conclusion.preamble.splitlines() if line.strip()]
    if not preamble:
        preamble = [default_preamble(conference.kind, word, conference.chair_title)]
    body += [Block("paragraph", line) for line in preamble]
    for item in conclusion_items(conclusion):
        body.append(Block("paragraph", f"{item.label} {item.text}"))
    body.append(
        Block(
            "paragraph",
            f"{committee.name} thông báo để các cơ quan, đơn vị biết, thực hiện.",
        )
    )
    issued = conclusion.number is not None
    recipients = [line for line in conclusion.recipients.splitlines() if line.strip()]
    return PartyDocument(
        superior_body=superior_body_of(committee),
        issuing_body=issuing_body_of(committee),
        type_code="TB",
        issuer_code=committee.issuer_code,
        number=conclusion.number.number if conclusion.number else None,
        place=place_of(committee),
        date=conclusion.issued_on,
        type_name="THÔNG BÁO",
        summary=notice_summary(conference.kind, word, conference.chair_title, conference.title),
        body=body,
        # A draft keeps the places for the signer and "Nơi nhận", to be filled on paper.
        signature=Signature(
            authority=conclusion.signer_authority or DEFAULT_AUTHORITY,
            title=conclusion.signer_title,
            name=conclusion.signer_name,
        ),
        recipients=recipients or ([] if issued else DRAFT_RECIPIENTS),
        draft_label=None if issued else "DỰ THẢO",
        confidentiality=conclusion.number.confidentiality if conclusion.number else "",
        urgency=conclusion.number.urgency if conclusion.number else "",
    )
