"""The output a task asks for (sản phẩm), when it is named as a noun: "xây dựng kế hoạch ...", "ban
hành quy chế"."""

from __future__ import annotations

from collections.abc import Sequence

from dangvu.extraction import vocabulary as v
from dangvu.extraction.tokens import PhraseSet, Token

# Verbs whose object is a produced document.
_PRODUCING = PhraseSet(
    [
        "xây dựng",
        "ban hành",
        "hoàn thiện",
        "hoàn chỉnh",
        "chỉnh sửa",
        "soạn thảo",
        "trình",
        "lập",
        "đề xuất",
        "gửi",
        "báo cáo",
        "tham gia ý kiến vào",
        "ý kiến vào",
        "có",
        "ra",
        "triển khai",
        "điều chỉnh",
        "bổ sung",
        "sửa đổi",
        "tổng hợp",
        "thống nhất",
        "xây dựng và ban hành",
        "nghiên cứu",
        "chuẩn bị",
        "rà soát",
    ]
)
_FILLERS = frozenset(
    {"các", "những", "một", "số", "dự", "thảo", "bản", "01", "02", "03", "04", "05"}
)
_MAX_WORDS = 9
# Verbs that follow the produced document and end its name ("dự thảo báo cáo | trình ...").
_ENDS_OBJECT = PhraseSet(
    ["trình", "gửi", "nộp", "xong", "hoàn thành", "báo cáo", "trước", "chậm nhất", "đảm bảo"]
)


def find_deliverable(source: str, tokens: Sequence[Token], start: int, end: int) -> str | None:
    for j in range(start, end):
        length = v.DELIVERABLE_NOUNS.match(tokens, j)
        if not length:
            continue
        # A producing verb shortly before: "xây dựng (các) (dự thảo) | kế hoạch".
        k = j - 1
        while k >= start and tokens[k].key in _FILLERS and j - k <= 3:
            k -= 1
        produced = any(
            _PRODUCING.match(tokens, b) and b + _PRODUCING.match(tokens, b) == k + 1
            for b in range(max(start, k - 3), k + 1)
        )
        if not produced:
            continue
        if j + length < end and tokens[j + length].key in {"số", "này", "nêu"}:
            continue  # a reference to an existing document ("Báo cáo số 552")
        phrase_start = k + 1
        stop = j + length
        while (
            stop < end
            and stop - phrase_start < _MAX_WORDS
            and tokens[stop].text not in {",", ";", ".", ":", "("}
        ):
            if stop > j + length and tokens[stop].is_lower and _ENDS_OBJECT.match(tokens, stop):
                break
            if tokens[stop].key in {
                "của",
                "theo",
                "trước",
                "trong",
                "để",
                "và",
                "gửi",
                "về",
                "cho",
                "nhằm",
                "tại",
            }:
                break
            stop += 1
        return source[tokens[phrase_start].start : tokens[stop - 1].end]
    return None
