"""The decision and the conclusion notice of an inspection as Party documents (QĐ, TB), laid
out by `documents.rendering` (Hướng dẫn 36-HD/VPTW). A commission's documents carry its
committee above it: "QUẬN ỦY LONG BIÊN / ỦY BAN KIỂM TRA"."""

from __future__ import annotations

from dangvu.core.dates import short_date
from dangvu.documents.bodies import place_of, superior_body_of
from dangvu.documents.rendering import Block, PartyDocument, Signature
from dangvu.inspection.enums import Body
from dangvu.inspection.models import Inspection, InspectionSubject


def _header(inspection: Inspection) -> tuple[str, str]:
    if inspection.body == Body.COMMISSION:
        return inspection.committee.name.upper(), "ỦY BAN KIỂM TRA"
    return superior_body_of(inspection.committee), inspection.committee.name.upper()


def _subject(subject: InspectionSubject) -> str:
    """A subject as the document names it: the organisation's full name, never the page's
    marks such as "(cũ)" for an organisation closed since (the document speaks of its day)."""
    if subject.member_name:
        return f"{subject.member_name} ({subject.organisation.name})"
    return subject.organisation.name


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def conclusion_document(inspection: Inspection) -> PartyDocument:
    superior, issuing = _header(inspection)
    decision = inspection.decision_number
    body_name = "Ủy ban Kiểm tra" if inspection.body == Body.COMMISSION else "Ban Thường vụ"
    opening = (
        f"Thực hiện Quyết định số {decision}, ngày {short_date(inspection.decided_on)} "
        f"của {body_name} {inspection.committee.name} về {_lower_first(inspection.title)}, "
        f"từ ngày {short_date(inspection.starts_on)} đến ngày {short_date(inspection.ends_on)}, "
        f"đoàn do đồng chí {inspection.leader} làm trưởng đoàn đã tiến hành "
        f"{'giám sát' if inspection.is_supervision else 'kiểm tra'} đối với "
        + "; ".join(_subject(s) for s in inspection.subjects.all())
        + "."
    )
    body = [Block("paragraph", opening)]
    if inspection.period_text:
        body.append(Block("paragraph", f"Thời kỳ kiểm tra, giám sát: {inspection.period_text}."))
    body.append(Block("heading", "I. NỘI DUNG KẾT LUẬN"))
    body += [Block("paragraph", line) for line in inspection.conclusion_text.splitlines() if line]
    violators = [_subject(s) for s in inspection.subjects.all() if s.violation]
    if violators:
        body.append(Block("paragraph", "Có vi phạm: " + "; ".join(violators) + "."))
    recommendations = list(inspection.recommendations.select_related("lead_unit"))
    if recommendations:
        body.append(Block("heading", "II. KIẾN NGHỊ, YÊU CẦU"))
        for n, r in enumerate(recommendations, start=1):
            body.append(
                Block(
                    "paragraph",
                    f"{n}. {r.lead_unit.name}: {r.text} Hoàn thành trước ngày "
                    f"{short_date(r.deadline)}; sản phẩm: {r.deliverable}.",
                )
            )
    return PartyDocument(
        superior_body=superior,
        issuing_body=issuing,
        type_code="TB",
        issuer_code=inspection.issuer.issuer_code,
        number=inspection.conclusion_number.number if inspection.conclusion_number else None,
        place=place_of(inspection.committee),
        date=inspection.concluded_on,
        type_name="THÔNG BÁO",
        summary=f"Kết luận {_lower_first(inspection.title)}",
        body=body,
        signature=Signature(
            authority=inspection.signer_authority,
            title=inspection.signer_title.upper(),
            name=inspection.signer_name,
        ),
        recipients=[line for line in inspection.recipients.splitlines() if line.strip()],
        draft_label=None if inspection.conclusion_number else "DỰ THẢO",
    )


def decision_document(inspection: Inspection) -> PartyDocument:
    """The decision setting up the team (quyết định thành lập đoàn kiểm tra, giám sát); the
    signer is left to fill in by hand (it is not recorded)."""
    superior, issuing = _header(inspection)
    work = "giám sát" if inspection.is_supervision else "kiểm tra"
    body_name = "ỦY BAN KIỂM TRA" if inspection.body == Body.COMMISSION else "BAN THƯỜNG VỤ"
    subjects = "; ".join(_subject(s) for s in inspection.subjects.all())
    members = [line.strip() for line in inspection.members.splitlines() if line.strip()]
    body = [
        Block("paragraph", "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
        Block("paragraph", f"- Căn cứ quy chế làm việc của {inspection.issuer.name};"),
        Block("heading", "QUYẾT ĐỊNH"),
        Block(
            "paragraph",
            f"Điều 1. Thành lập đoàn {work} đối với {subjects}, do đồng chí {inspection.leader} "
            "làm trưởng đoàn"
            + (", cùng các đồng chí: " + ", ".join(members) if members else "")
            + ".",
        ),
        Block("paragraph", f"Điều 2. Nội dung {work}: {inspection.content}"),
    ]
    if inspection.period_text:
        body.append(Block("paragraph", f"Thời kỳ {work}: {inspection.period_text}."))
    body += [
        Block(
            "paragraph",
            f"Thời gian: từ ngày {short_date(inspection.starts_on)} đến ngày "
            f"{short_date(inspection.ends_on)}. Đối tượng báo cáo trước ngày "
            f"{short_date(inspection.subject_report_due)}; đoàn báo cáo trước ngày "
            f"{short_date(inspection.team_report_due)}.",
        ),
        Block(
            "paragraph",
            f"Điều 3. Đoàn {work}, {subjects} và các tổ chức, cá nhân có liên quan chịu trách "
            "nhiệm thi hành quyết định này.",
        ),
    ]
    return PartyDocument(
        superior_body=superior,
        issuing_body=issuing,
        type_code="QĐ",
        issuer_code=inspection.issuer.issuer_code,
        number=inspection.decision_number.number if inspection.decision_number else None,
        place=place_of(inspection.committee),
        date=inspection.decided_on,
        type_name="QUYẾT ĐỊNH",
        summary=f"Về việc {_lower_first(inspection.title)}",
        body=body,
        signature=Signature(authority=f"T/M {body_name}", title="", name=""),
        recipients=["Như Điều 3", "Lưu"],
    )
