"""The sentences a Party document builds from records: how a thông báo kết luận names who
concluded and where, per kind of conference, in grammatical Vietnamese. Pure Python."""

from __future__ import annotations

# Who concludes, per conference kind (meetings.enums.ConferenceKind values): a plenum's and a
# Standing Board's conclusions are the body's; other meetings conclude through their chair.
CONCLUDING_BODY = {
    "plenum": "Ban Chấp hành",
    "standing": "Ban Thường vụ",
    "permanent": "Thường trực",
}


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def meeting_phrase(title: str, kind: str = "") -> str:
    """The conference as the object of "tại": "hội nghị …", "cuộc họp …", "buổi giao ban …".

    "tại họp Thường trực" is not Vietnamese: a title that starts with a verb-like word ("Họp",
    "Giao ban", "Làm việc") takes its classifier; one that already names the meeting ("Hội
    nghị", "Cuộc họp", "Buổi") stays as written."""
    text = lower_first(title.strip().rstrip("."))
    if text.startswith(("hội nghị", "cuộc ", "buổi ", "phiên ", "kỳ họp")):
        return text
    if text.startswith("họp "):
        return "cuộc " + text
    if text.startswith(("giao ban", "làm việc")):
        return "buổi " + text
    return f"hội nghị {text}".strip()


# The Party organisation whose Executive Committee (Ban Chấp hành) a committee is.
PLENUM_OF = {
    "Thành ủy": "Ban Chấp hành Đảng bộ thành phố",
    "Tỉnh ủy": "Ban Chấp hành Đảng bộ tỉnh",
    "Quận ủy": "Ban Chấp hành Đảng bộ quận",
    "Huyện ủy": "Ban Chấp hành Đảng bộ huyện",
    "Thị ủy": "Ban Chấp hành Đảng bộ thị xã",
    "Đảng ủy": "Ban Chấp hành Đảng bộ",
}


def concluding_party(kind: str, committee_word: str, chair_title: str) -> str:
    """Who the notice says concluded: "Ban Thường vụ Quận ủy", "Thường trực Quận ủy", "Ban
    Chấp hành Đảng bộ quận", or "đồng chí Phó Bí thư Thường trực Quận ủy" for a meeting the
    chair concludes."""
    if kind == "plenum":
        return PLENUM_OF.get(committee_word, f"Ban Chấp hành {committee_word}")
    if kind in CONCLUDING_BODY:
        return f"{CONCLUDING_BODY[kind]} {committee_word}"
    title = chair_title.strip()
    return f"đồng chí {title}" if title else "đồng chí chủ trì hội nghị"


def notice_summary(kind: str, committee_word: str, chair_title: str, title: str) -> str:
    """The trích yếu: "Kết luận của Ban Thường vụ Quận ủy tại hội nghị …"."""
    party = concluding_party(kind, committee_word, chair_title)
    return f"Kết luận của {party} tại {meeting_phrase(title, kind)}"


def default_preamble(kind: str, committee_word: str, chair_title: str) -> str:
    """The sentence that leads to the numbered items when the conclusion has none of its own."""
    party = concluding_party(kind, committee_word, chair_title)
    return (
        "Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu dự hội nghị, "
        f"{party} kết luận như sau:"
    )
