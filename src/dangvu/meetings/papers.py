"""The conference's papers as Party documents: the giấy mời (one letter for every addressee or
one per addressee), the delegate list (danh sách đại biểu, person by person, present or absent
with the reason), and the biên bản from the minutes. Drafts for the office: the number is left
for the văn thư, as on the draft notice. Layout and wording come from `documents`."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

from django.utils import timezone
from django.utils.text import slugify

from dangvu.core.richtext import document_lines
from dangvu.documents.bodies import (
    committee_word,
    issuing_body_of,
    place_of,
    superior_body_of,
)
from dangvu.documents.models import DocumentNumber
from dangvu.documents.rendering import Block, PartyDocument, Signature, render_docx
from dangvu.documents.wording import lower_first, meeting_phrase
from dangvu.meetings.enums import Attendance
from dangvu.meetings.models import Conference, Invitation
from dangvu.org.models import Position
from dangvu.org.selectors import valid_on

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
# A place left for the office to write by hand.
BLANK = "\u2026" * 12
OFFICE_SIGNATURE = Signature("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "")


# The office's head signs its papers "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG".
OFFICE_PREFIX = "văn phòng"
OFFICE_HEAD = "chánh văn phòng"


def office_signature(conference: Conference, day: dt.date) -> Signature:
    """The office's signer block with the name of whoever is Chánh Văn phòng of the committee
    on `day` (a position in its "Văn phòng …" body); the name is left blank when the
    organisation tree does not say."""
    positions = (
        Position.objects.filter(
            valid_on(day),
            organisation__parent=conference.committee,
        )
        .select_related("person", "organisation")
        .order_by("sort_order", "valid_from", "pk")
    )
    for position in positions:
        # Compared in Python: SQLite's LIKE folds the case of ASCII letters only.
        in_office = position.organisation.name.casefold().startswith(OFFICE_PREFIX)
        if in_office and position.title.casefold().startswith(OFFICE_HEAD):
            return replace(OFFICE_SIGNATURE, name=position.person.full_name)
    return OFFICE_SIGNATURE


# A secretary written as a body ("Văn phòng Quận ủy") names no one to sign the biên bản.
BODY_WORDS = ("văn phòng", "ban ", "phòng ", "ủy ban", "đảng ủy", "chi bộ", "trung tâm", "tổ ")


def secretary_name(secretary: str) -> str:
    """The name under "THƯ KÝ HỘI NGHỊ": "Lê Thị Thư" from "đồng chí Lê Thị Thư - Phó Chánh
    Văn phòng"; empty when the secretary is a body."""
    text = secretary.strip().rstrip(".")
    for prefix in ("đồng chí ", "đ/c "):
        if text.casefold().startswith(prefix):
            text = text[len(prefix) :]
    text = text.split(" - ")[0].split(",")[0].strip()
    if not text or text.casefold().startswith(BODY_WORDS):
        return ""
    return text


def _invitations(conference: Conference) -> list[Invitation]:
    return list(conference.invitations.select_related("person", "organisation").order_by("pk"))


def addressee(invitation: Invitation) -> str:
    """ "Đồng chí Nguyễn Văn A - Trưởng ban Tuyên giáo" or "Ban Tổ chức Quận ủy (Trưởng ban)"."""
    if invitation.person is not None:
        text = f"Đồng chí {invitation.person.full_name}"
        if invitation.position_text:
            text += f" - {invitation.position_text}"
        return text
    name = invitation.organisation.name if invitation.organisation else ""
    return f"{name} ({invitation.position_text})" if invitation.position_text else name


def _when(conference: Conference) -> str:
    start = timezone.localtime(conference.starts_at)
    return (
        f"{start.hour} giờ {start.minute:02d} phút, {WEEKDAYS[start.weekday()]}, "
        f"ngày {start.day:02d}/{start.month:02d}/{start.year}"
    )


# The papers the register numbers: the giấy mời (one letter for all) and the biên bản.
REGISTERED = {"giay-moi": "GM", "bien-ban": "BB"}


def paper_source(conference: Conference, type_code: str) -> str:
    """The register's `source` of a conference paper: "conference:12:GM"."""
    return f"conference:{conference.pk}:{type_code}"


def paper_entry(conference: Conference, type_code: str) -> DocumentNumber | None:
    """The paper's line in the register once the office has numbered it."""
    return (
        DocumentNumber.objects.filter(source=paper_source(conference, type_code))
        .defer("docx")
        .first()
    )


def _numbered(document: PartyDocument, entry: DocumentNumber | None) -> PartyDocument:
    if entry is not None:
        document.number = entry.number
        document.date = entry.issued_on
        document.draft_label = None
        document.confidentiality = entry.confidentiality
        document.urgency = entry.urgency
    return document


def _heading(conference: Conference, **values: object) -> PartyDocument:
    committee = conference.committee
    defaults: dict[str, object] = {
        "superior_body": superior_body_of(committee),
        "issuing_body": issuing_body_of(committee),
        "issuer_code": committee.issuer_code,
        "number": None,
        "place": place_of(committee),
        "date": None,
        "recipients": [],
    }
    defaults.update(values)
    return PartyDocument(**defaults)  # type: ignore[arg-type]


def invitation_letter(
    conference: Conference, invitation: Invitation | None = None
) -> PartyDocument:
    """The giấy mời: to one addressee when `invitation` is given, else one letter that lists
    every addressee under "Kính mời"."""
    committee = conference.committee
    invited = [invitation] if invitation is not None else _invitations(conference)
    names = [addressee(i) for i in invited]
    inviting = f"Ban Thường vụ {committee_word(committee)} trân trọng kính mời"
    if invitation is not None:
        body = [Block("paragraph", f"{inviting}: {names[0]}.")]
    else:
        body = [Block("paragraph", f"{inviting}:")]
        body += [Block("paragraph", f"- {name}") for name in names] or [Block("paragraph", "- …")]
    body.append(Block("paragraph", f"Tới dự {meeting_phrase(conference.title, conference.kind)}."))
    body.append(Block("paragraph", f"Thời gian: {_when(conference)}."))
    # A letter always says where: with no place yet, a blank line the office fills in by hand.
    if conference.place:
        body.append(Block("paragraph", f"Địa điểm: {conference.place.rstrip('.')}."))
    elif conference.online_link:
        body.append(Block("paragraph", f"Hình thức: trực tuyến ({conference.online_link})."))
    else:
        body.append(Block("paragraph", f"Địa điểm: {BLANK}"))
    agenda = list(conference.agenda.order_by("position"))
    if agenda:
        body.append(Block("paragraph", "Nội dung:"))
        body += [
            Block("paragraph", f"- {lower_first(item.title)[:1].upper()}{item.title[1:]}.")
            for item in agenda
        ]
    body.append(
        Block(
            "paragraph",
            "Đề nghị các đồng chí sắp xếp công việc đến dự đúng thành phần, đúng giờ.",
        )
    )
    letter = _heading(
        conference,
        type_code="GM",
        type_name="GIẤY MỜI",
        summary="",
        body=body,
        signature=OFFICE_SIGNATURE,
        recipients=["Như trên,", "Lưu Văn phòng."],
        draft_label="DỰ THẢO",
    )
    letter = _numbered(letter, paper_entry(conference, "GM"))
    # A draft is signed by whoever heads the office on the conference's day.
    day = letter.date or timezone.localtime(conference.starts_at).date()
    letter.signature = office_signature(conference, day)
    return letter


def letters_zip(conference: Conference) -> bytes:
    """One giấy mời per addressee (a unit or a person), in a ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, invitation in enumerate(_invitations(conference), start=1):
            name = slugify(addressee(invitation), allow_unicode=False)[:60] or "dai-bieu"
            archive.writestr(
                f"giay-moi-{index:02d}-{name}.docx",
                render_docx(invitation_letter(conference, invitation)),
            )
    return buffer.getvalue()


def _attendance_cell(invitation: Invitation) -> tuple[str, str]:
    if invitation.attendance == Attendance.PRESENT:
        return "x", ""
    if invitation.attendance in (Attendance.EXCUSED, Attendance.ABSENT):
        reason = invitation.note or (
            "Vắng có lý do" if invitation.attendance == Attendance.EXCUSED else "Vắng"
        )
        return "", reason
    return "", ""


def delegate_rows(conference: Conference) -> list[list[str]]:
    """STT, name, position and unit, present, absent (reason): one row per person invited; an
    organisation invited as a whole is one row, its delegates not named."""
    rows = [["STT", "Họ và tên (đơn vị)", "Chức vụ, thành phần", "Có mặt", "Vắng (lý do)"]]
    for index, invitation in enumerate(_invitations(conference), start=1):
        present, absent = _attendance_cell(invitation)
        if invitation.person is not None:
            name = invitation.person.full_name
            role = invitation.position_text
            if invitation.organisation is not None:
                role = ", ".join(p for p in (role, invitation.organisation.name) if p)
        else:
            # A unit invited as a whole: its delegates are not named in Dangvu, the row names
            # the unit and who it sends.
            name = invitation.organisation.name if invitation.organisation else ""
            role = invitation.position_text
        rows.append([str(index), name, role, present, absent])
    return rows


def delegate_list(conference: Conference) -> PartyDocument:
    rows = delegate_rows(conference)
    present = sum(1 for row in rows[1:] if row[3])
    absent = sum(1 for row in rows[1:] if row[4])
    body = [
        Block("table", "", rows=rows, widths_mm=[15, 55, 55, 15, 25]),
        Block(
            "paragraph",
            f"Tổng số đại biểu được mời: {len(rows) - 1}; có mặt: {present}; vắng: {absent}.",
        ),
    ]
    return _heading(
        conference,
        type_code="DS",
        numbered=False,
        type_name="DANH SÁCH",
        summary=f"Đại biểu dự {meeting_phrase(conference.title, conference.kind)}",
        body=body,
        signature=office_signature(conference, timezone.localtime(conference.starts_at).date()),
        recipients=["Lưu hồ sơ hội nghị."],
        date=timezone.localtime(conference.starts_at).date(),
        draft_label=None,
    )


def minutes_document(conference: Conference) -> PartyDocument:
    """The biên bản: time, place, chair, secretary, who attended and who was absent, then each
    agenda item with its discussion and outcome; signed by the secretary and the chair."""
    start = timezone.localtime(conference.starts_at)
    invitations = _invitations(conference)
    present = [addressee(i) for i in invitations if i.attendance == Attendance.PRESENT]
    absent = [
        f"{addressee(i)}" + (f" ({i.note})" if i.note else "")
        for i in invitations
        if i.attendance in (Attendance.EXCUSED, Attendance.ABSENT)
    ]
    chair = conference.chair.full_name if conference.chair else ""
    body = [
        Block("paragraph", f"Thời gian bắt đầu: {_when(conference)}."),
        Block(
            "paragraph",
            f"Địa điểm: {conference.place.rstrip('.')}."
            if conference.place
            else f"Địa điểm: {BLANK}",
        ),
        Block(
            "paragraph",
            "Chủ trì: đồng chí " + " - ".join(p for p in (chair, conference.chair_title) if p) + "."
            if chair
            else "Chủ trì: …",
        ),
        Block(
            "paragraph",
            f"Thư ký: {conference.secretary.rstrip('.')}." if conference.secretary else "Thư ký: …",
        ),
        Block("paragraph", f"Thành phần có mặt ({len(present)}):"),
    ]
    body += [Block("paragraph", f"- {name}.") for name in present]
    if absent:
        body.append(Block("paragraph", f"Vắng mặt ({len(absent)}):"))
        body += [Block("paragraph", f"- {name}.") for name in absent]
    body.append(Block("heading", "NỘI DUNG HỘI NGHỊ", 1))
    for item in conference.agenda.order_by("position"):
        body.append(Block("heading", f"{item.position}. {item.title}", 2))
        if item.discussion:
            body.append(Block("heading", "Ý kiến thảo luận:", 3))
            body += [Block("paragraph", line) for line in document_lines(item.discussion)]
        if item.outcome:
            body.append(Block("heading", "Kết quả:", 3))
            body += [Block("paragraph", line) for line in document_lines(item.outcome)]
    body.append(
        Block(
            "paragraph",
            "Hội nghị kết thúc vào hồi … giờ … phút cùng ngày. Biên bản đã được thông qua "
            "trước hội nghị.",
        )
    )
    minutes = _heading(
        conference,
        type_code="BB",
        type_name="BIÊN BẢN",
        summary=meeting_phrase(conference.title, conference.kind)[:1].upper()
        + meeting_phrase(conference.title, conference.kind)[1:],
        body=body,
        date=start.date(),
        signature=Signature("CHỦ TRÌ HỘI NGHỊ", "", chair),
        left_signature=Signature("THƯ KÝ HỘI NGHỊ", "", secretary_name(conference.secretary)),
        draft_label=None,
    )
    entry = paper_entry(conference, "BB")
    return _numbered(minutes, entry) if entry is not None else minutes
