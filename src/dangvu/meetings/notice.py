"""The conclusion notice as a Party document (thông báo kết luận, type code TB)."""

from __future__ import annotations

from django.utils import timezone

from dangvu.documents.rendering import Block, PartyDocument, Signature
from dangvu.meetings.models import Conclusion
from dangvu.meetings.selectors import conclusion_items
from dangvu.org.models import Organisation


def _place(committee: Organisation) -> str:
    """ "Long Biên" from "Quận ủy Long Biên": the name after the kind of committee."""
    name = committee.short_name or committee.name
    for prefix in ("Quận ủy ", "Huyện ủy ", "Thành ủy ", "Tỉnh ủy ", "Thị ủy ", "Đảng ủy "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


SUPERIOR_PREFIXES = {
    "Thành ủy ": "ĐẢNG BỘ THÀNH PHỐ ",
    "Tỉnh ủy ": "ĐẢNG BỘ TỈNH ",
    "Quận ủy ": "ĐẢNG BỘ QUẬN ",
    "Huyện ủy ": "ĐẢNG BỘ HUYỆN ",
    "Đảng ủy ": "ĐẢNG BỘ ",
}


def superior_body(organisation: Organisation | None) -> str:
    """ "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" for the committee "Thành ủy Hà Nội"."""
    if organisation is None:
        return ""
    for prefix, party in SUPERIOR_PREFIXES.items():
        if organisation.name.startswith(prefix):
            return (party + organisation.name[len(prefix) :]).upper()
    return organisation.name.upper()


def notice_document(conclusion: Conclusion) -> PartyDocument:
    conference = conclusion.conference
    committee = conference.committee
    superior = committee.parent
    start = timezone.localtime(conference.starts_at)
    part_of_day = "Sáng" if start.hour < 12 else "Chiều"
    chair = conference.chair.full_name if conference.chair else ""
    opening = (
        f"{part_of_day} ngày {start.day}/{start.month}/{start.year}, "
        f"{committee.name} tổ chức {conference.title[:1].lower()}{conference.title[1:]}"
    )
    if chair:
        opening += f" do đồng chí {chair}"
        if conference.chair_title:
            opening += f" - {conference.chair_title}"
        opening += " chủ trì"
    body = [Block("paragraph", opening + ".")]
    if conclusion.preamble:
        body += [Block("paragraph", line) for line in conclusion.preamble.splitlines() if line]
    for item in conclusion_items(conclusion):
        body.append(Block("paragraph", f"{item.label} {item.text}"))
    body.append(
        Block(
            "paragraph",
            f"{committee.name} thông báo để các cơ quan, đơn vị biết, thực hiện.",
        )
    )
    summary = "Kết luận của đồng chí {} tại {}".format(
        conference.chair_title or "chủ trì",
        f"{conference.title[:1].lower()}{conference.title[1:]}",
    )
    return PartyDocument(
        superior_body=superior_body(superior),
        issuing_body=committee.name.upper(),
        type_code="TB",
        issuer_code=committee.issuer_code,
        number=conclusion.number.number if conclusion.number else None,
        place=_place(committee),
        date=conclusion.issued_on,
        type_name="THÔNG BÁO",
        summary=summary,
        body=body,
        signature=Signature(
            authority=conclusion.signer_authority,
            title=conclusion.signer_title.upper(),
            name=conclusion.signer_name,
        ),
        recipients=[line for line in conclusion.recipients.splitlines() if line.strip()],
        draft_label=None if conclusion.number else "DỰ THẢO",
    )
