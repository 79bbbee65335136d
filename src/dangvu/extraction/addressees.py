"""Who a directive is addressed to: the lead unit (chủ trì / addressee) and the coordinating units
(phối hợp).

The addressee is read as a noun phrase that starts after an addressing verb ("yêu cầu", "đề nghị",
"giao", "đồng ý để") or, for a subject-first clause ("Các ngành tập trung ..."), at the start of
the clause, and that ends where the predicate starts.

Longer than ~400 lines on purpose (issue 18): one reader of the noun phrase of a unit (its start,
its end, the coordinating list after "phối hợp"), whose helpers only make sense together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dangvu.extraction import vocabulary as v
from dangvu.extraction.tokens import PhraseSet, Token

_CLOSING = frozenset(";:.!?()[]\"“”'‘’…")
_MAX_PHRASE = 48


@dataclass(frozen=True, slots=True)
class Phrase:
    """Tokens ``[start, end)`` of a clause."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Trigger:
    index: int
    end: int
    kind: str  # "request", "assign", "permit", "direct", "need"


_DU_NOUNS = frozenset({"án", "toán", "thảo", "báo", "trữ", "phòng", "luận"})


def _is_predicate(tokens: Sequence[Token], j: int) -> int:
    """Length of a predicate-opening verb at ``j`` (0 if the word there belongs to a noun
    phrase)."""
    tok = tokens[j]
    if not tok.is_lower:
        return 0
    length = v.PREDICATE_STARTERS.match(tokens, j)
    if not length:
        return 0
    if j > 0 and v.NOUN_COMPOUNDS.match(tokens, j - 1) >= 2:
        return 0
    nxt = tokens[j + length] if j + length < len(tokens) else None
    prev = tokens[j - 1] if j > 0 else None
    if tok.key == "có" and (
        (nxt is not None and nxt.key in {"liên", "uy", "thẩm"})
        or (nxt is not None and nxt.key == "trách" and not _duty_then_verb(tokens, j))
        or (prev is not None and prev.key == "người")
    ):
        return 0
    # "các cấp ủy, tổ chức đảng", "tổ chức chính trị - xã hội": organisations, not "organise".
    if tok.key == "tổ" and length == 2 and _ORGANISATION_KINDS.match(tokens, j + 2):
        return 0
    # "công tác xây dựng Đảng", "ngành Tổ chức xây dựng Đảng": a fixed noun, not a verb.
    if nxt is not None and nxt.text == "Đảng" and tok.key in {"xây", "chỉnh"}:
        return 0
    # "dự án", "dự toán", "dự thảo": nouns, not "dự" (attend).
    if tok.key == "dự" and length == 1 and nxt is not None and nxt.key in _DU_NOUNS:
        return 0
    if tok.key == "theo" and nxt is not None and nxt.key == "dõi":
        return length
    return length


_ORGANISATION_KINDS = PhraseSet(
    ["đảng", "cơ sở đảng", "chính trị", "chính trị - xã hội", "đoàn thể", "thành viên"]
)


def _duty_then_verb(tokens: Sequence[Token], j: int) -> bool:
    """ "Phòng Nội vụ | có trách nhiệm tổng hợp …": a duty followed by what to do is the
    predicate; "các cơ quan có trách nhiệm" with nothing (or "và", "của") after is a noun's
    modifier ("the responsible agencies")."""
    after = j + 3
    if after > len(tokens) or tokens[j + 2].key != "nhiệm":
        return False
    if after >= len(tokens):
        return False
    nxt = tokens[after]
    return nxt.is_word and nxt.is_lower and nxt.key not in {"và", "của", "liên", "với", "trong"}


def read_noun_phrase(
    tokens: Sequence[Token], start: int, stops: frozenset[int] = frozenset()
) -> int | None:
    """End (exclusive) of the noun phrase starting at ``start``, or None if there is none.

    ``stops`` are token indexes where a deadline expression begins (they end the phrase too).
    """
    j = start
    n = len(tokens)
    absorbed_agentive = False
    while j < n:
        tok = tokens[j]
        if j in stops or tok.text in _CLOSING:
            break
        if tok.text == ",":
            if (
                j + 1 >= n
                or j + 1 in stops
                or _is_predicate(tokens, j + 1)
                or tokens[j + 1].text in _CLOSING
            ):
                break
            j += 1
            continue
        if absorbed_agentive and v.NOMINAL_OBJECTS.match(tokens, j):
            j += v.NOMINAL_OBJECTS.match(tokens, j)
            absorbed_agentive = False
            continue
        length = _is_predicate(tokens, j)
        if length:
            if j > start:
                head = _head_before(tokens, start, j)
                agentive = v.AGENTIVE_VERBS.match(tokens, j)
                if head in v.AGENTIVE_HEADS and agentive:
                    j += agentive
                    absorbed_agentive = True
                    continue
            break
        j += 1
        if j - start > _MAX_PHRASE:
            return None
    while j > start and tokens[j - 1].text in {",", "và", "-", "–"}:
        j -= 1
    return j if j > start else None


def _head_before(tokens: Sequence[Token], start: int, j: int) -> str:
    """The one- or two-syllable noun right before ``j`` ("cơ quan", "ban")."""
    if j - 2 >= start:
        two = tokens[j - 2].key + " " + tokens[j - 1].key
        if two in v.AGENTIVE_HEADS:
            return two
    return tokens[j - 1].key


def agency_start(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """Where the addressee text starts if ``tokens[start:end]`` names an agency or group, else None.

    "Đại hội Đảng bộ xã X" names the unit holding the congress: the addressee starts after the
    event word.
    """
    i = start
    if v.PERSON_HONORIFICS.match(tokens, i):
        return None
    verb = v.ACTION_VERBS.match(tokens, i)
    # An imperative ("Tổ chức đánh giá ...") has no subject, unless a longer unit name.
    if (
        verb
        and v.AGENCY_HEADS.match(tokens, i) <= verb
        and not (tokens[i].is_capitalised and i > 0 and tokens[i - 1].is_word)
    ):
        return None
    event = v.EVENT_PREFIXES.match(tokens, i)
    lead_start = start
    if event:
        if i + event >= end:
            return None  # "Hội nghị thống nhất ...": the meeting itself, not a unit
        i += event
        lead_start = i
    determiner = v.DETERMINERS.match(tokens, i)
    i += determiner
    if i >= end:
        return None
    if v.AGENCY_HEADS.match(tokens, i):
        return lead_start
    return None


def find_triggers(tokens: Sequence[Token], start: int, end: int) -> list[Trigger]:
    """Addressing verbs in ``tokens[start:end]``, in order."""
    found: list[Trigger] = []
    j = start
    while j < end:
        tok = tokens[j]
        prev = tokens[j - 1] if j > start else None
        prev_key = prev.key if prev else ""
        at_clause_start = (
            prev is None
            or prev.text in {",", ";", ":", "-", "–", "(", "“", '"'}
            or prev_key
            in {
                "và",
                "thời",  # "đồng thời giao ..."
                "nhất",  # "thống nhất giao ..."
                "định",  # "quyết định giao ..."
                "ý",  # "đồng ý giao ..."
            }
        )
        if length := v.REQUEST_VERBS.match(tokens, j):
            if _request_is_verb(tokens, j, length, start, end):
                found.append(Trigger(j, j + length, "request"))
            j += length
            continue
        if (length := v.PERMIT_VERBS.match(tokens, j)) and tok.key != "thống":
            found.append(Trigger(j, j + length, "permit"))
            j += length
            continue
        if (length := v.ASSIGN_VERBS.match(tokens, j)) and (
            at_clause_start
            or prev_key in {"cũng", "đã", "vừa"}
            or (tok.is_lower and _agency_right_before(tokens, start, j))  # "UBND tỉnh | giao"
            or (tok.is_lower and _speaker_right_before(tokens, start, j))
        ):
            after = j + length
            if after < end and tokens[after].key == "ban" and tokens[after].is_lower:
                j = after  # "giao ban": a routine meeting, not an assignment
                continue
            if after < end and (
                agency_start(tokens, after, end) is not None or tokens[after].key == "cho"
            ):
                found.append(Trigger(j, after + (1 if tokens[after].key == "cho" else 0), "assign"))
                j = after
                continue
        if (length := v.DIRECT_VERBS.match(tokens, j)) and tok.is_lower:
            after = j + length
            if (
                prev_key
                not in {
                    "kiến",
                    "sự",
                    "tác",
                    "đã",
                    "được",
                    "trung",
                    "quan",
                    "tâm",
                    "theo",
                    "cần",
                    "bản",
                }
                and after < end
                and (
                    v.DETERMINERS.match(tokens, after)
                    # "UBND tỉnh chỉ đạo Sở Y tế ...": a named unit without "các"
                    or (tok.key == "chỉ" and tokens[after].is_capitalised)
                )
                and agency_start(tokens, after, end) is not None
            ):
                found.append(Trigger(j, after, "direct"))
                j = after
                continue
        if (length := v.NEED_VERBS.match(tokens, j)) and tok.is_lower:
            after = j + length
            if (
                after < end
                and tokens[after].key not in {"được", "thiết", "có", "là", "chú", ","}
                and tokens[after].is_lower
                and (
                    tok.key != "phải"
                    or prev_key in {"cần", "đều"}
                    or _subject_ends_at(tokens, start, j)
                )
            ):
                found.append(Trigger(j, after, "need"))
            j += length
            continue
        j += 1
    return found


# Words before "yêu cầu" / "đề nghị" that make it a noun ("theo đề nghị", "các yêu cầu").
_NOUN_MARKERS = frozenset(
    {"theo", "các", "những", "mọi", "đúng", "cao", "một", "số", "và", "nhiều", "có", "kiến"}
)


def _request_is_verb(tokens: Sequence[Token], j: int, length: int, start: int, end: int) -> bool:
    """ "yêu cầu" / "đề nghị" used as a verb, not as a noun ("đáp ứng yêu cầu", "theo đề nghị
    của")."""
    prev_key = tokens[j - 1].key if j > start else ""
    after = j + length
    nxt_key = tokens[after].key if after < end else ""
    noun_before = prev_key in _NOUN_MARKERS
    # "... thống nhất ... và yêu cầu các cơ quan": still a verb when an addressee follows "và".
    addressee_follows = after < end and agency_start(tokens, after, end) is not None
    if noun_before and not (prev_key == "và" and addressee_follows):
        return False
    if any(
        tokens[k].key == "ứng" and tokens[k - 1].key == "đáp"
        for k in range(max(start + 1, j - 4), j)
    ):
        return False
    if (
        nxt_key in {"của", "đặt", "đề", "với", "nêu", "này", "tại", ".", ";", "”", '"'}
        or after >= end
    ):
        return False
    if nxt_key == "trên" and (after + 1 >= end or not tokens[after + 1].is_word):
        return False  # "yêu cầu trên": the request above
    return not (nxt_key == "," and after + 1 < end and tokens[after + 1].key in {"nhiệm", "tiến"})


def _agency_right_before(tokens: Sequence[Token], start: int, j: int) -> bool:
    """A short agency name, and nothing else, from the clause start to ``j`` ("UBND tỉnh")."""
    i = skip_openers(tokens, start, j, {})
    if not 0 < j - i <= 8 or any(not tokens[k].is_word for k in range(i, j)):
        return False
    return agency_start(tokens, i, j) == i


_SPEAKER_TITLES = PhraseSet(
    ["bí thư", "phó bí thư", "chủ tịch", "phó chủ tịch", "giám đốc", "trưởng ban", "thủ trưởng"]
)


def _speaker_right_before(tokens: Sequence[Token], start: int, j: int) -> bool:
    """A person (an honorific and a name, or a leader's title first) or the meeting itself, and
    nothing else, from the clause start to ``j``: "Đồng chí X, Bí thư Huyện ủy | giao …", "Hội
    nghị | giao nhiệm vụ cho …"."""
    i = skip_openers(tokens, start, j, {})
    if not 0 < j - i <= 25 or any(tokens[k].text in {".", ";", ":"} for k in range(i, j)):
        return False
    if v.EVENT_PREFIXES.match(tokens, i) == j - i:
        return True
    if not tokens[i].is_capitalised:
        return False
    return bool(v.PERSON_HONORIFICS.match(tokens, i) or _SPEAKER_TITLES.match(tokens, i))


def _subject_ends_at(tokens: Sequence[Token], start: int, j: int) -> bool:
    subject = clause_subject_start(tokens, start, j)
    return subject is not None


def skip_openers(tokens: Sequence[Token], i: int, end: int, stops: dict[int, int]) -> int:
    """Skip connectors, deadline expressions and time adverbials before an addressee or a
    subject."""
    for _ in range(6):
        if i >= end:
            return i
        if tokens[i].text in {",", ":", "-", "–"}:
            i += 1
            continue
        if i in stops:
            i = stops[i]
            continue
        if length := v.CONNECTORS.match(tokens, i):
            if tokens[i].key == "và" and i + 1 < end and tokens[i + 1].key != ",":
                i += length
                continue
            i += length
            continue
        break
    return i


def clause_subject_start(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """Start of an agency subject ending exactly at ``end`` ("Trước mắt, các cơ quan, đơn vị |
    cần")."""
    i = start
    for _ in range(8):
        i = skip_openers(tokens, i, end, {})
        if i >= end:
            return None
        np_end = read_noun_phrase(tokens, i)
        if np_end == end:
            found = agency_start(tokens, i, end)
            if found is not None:
                return found
            # "những tháng cuối năm, | các cấp ủy, chính quyền | cần": a time phrase first.
        # An adverbial or topic phrase up to a comma ("Về nhiệm vụ ..., ").
        comma = next((k for k in range(i, end) if tokens[k].text == ","), None)
        if comma is None:
            return None
        i = comma + 1
    return None


@dataclass(frozen=True, slots=True)
class Addressee:
    start: int  # token indexes of the lead phrase
    end: int


def addressee_after(
    tokens: Sequence[Token], trigger: Trigger, end: int, stops: dict[int, int]
) -> Addressee | None:
    """The addressee right after an addressing verb, skipping time adverbials ("yêu cầu, trong
    tháng 6, ...")."""
    i = trigger.end
    for attempt in range(3):
        i = skip_openers(tokens, i, end, stops)
        if i >= end:
            return None
        np_end = read_noun_phrase(tokens, i, frozenset(stops))
        if np_end is not None:
            lead_start = agency_start(tokens, i, np_end)
            if lead_start is not None:
                return Addressee(lead_start, np_end)
        if attempt == 0 and v.TOPIC_OPENERS.match(tokens, i):
            comma = next((k for k in range(i, min(end, i + 25)) if tokens[k].text == ","), None)
            if comma is not None:
                i = comma + 1
                continue
        return None
    return None


def subject_of(
    tokens: Sequence[Token], start: int, end: int, stops: dict[int, int]
) -> Addressee | None:
    """An agency subject at the start of a clause, followed by its predicate ("Các ấp | tập
    trung ...")."""
    i = start
    for _ in range(3):
        i = skip_openers(tokens, i, end, stops)
        if i >= end:
            return None
        if tokens[i].key == "nếu":
            then = next((k for k in range(i, end) if tokens[k].key == "thì"), None)
            if then is None:
                return None
            i = then + 1
            continue
        np_end = read_noun_phrase(tokens, i, frozenset(stops))
        if (
            np_end is not None
            and np_end < end
            and (_is_predicate(tokens, np_end) or np_end in stops)
        ):
            lead_start = agency_start(tokens, i, np_end)
            if lead_start is not None:
                return Addressee(lead_start, np_end)
        if v.PERSON_HONORIFICS.match(tokens, i):
            return None
        comma = next((k for k in range(i, min(end, i + 25)) if tokens[k].text == ","), None)
        if comma is None or not (
            v.TOPIC_OPENERS.match(tokens, i) or tokens[i].key in {"còn", "những", "các"}
        ):
            return None
        i = comma + 1
    return None


def coordinating_units(
    source: str, tokens: Sequence[Token], start: int, end: int, stops: dict[int, int]
) -> list[str]:
    """Units introduced by "phối hợp (với)", as written, one string per unit."""
    for j in range(start, end):
        if tokens[j].key == "phối" and j + 1 < end and tokens[j + 1].key == "hợp":
            i = j + 2
            while i < end and tokens[i].key in {"với", "cùng", "chặt", "chẽ", ","}:
                i += 1
            np_end = read_noun_phrase(tokens, i, frozenset(stops))
            if np_end is None:
                return []
            if np_end < end and tokens[np_end].text == ":":
                # "phối hợp các Sở: Tài nguyên và Môi trường, Tư pháp, ..." -> "Sở Tài nguyên ...".
                rest_end = read_noun_phrase(tokens, np_end + 1, frozenset(stops))
                if rest_end is None:
                    return []
                head_start = i + v.DETERMINERS.match(tokens, i)
                head = source[tokens[head_start].start : tokens[np_end - 1].end]
                units = []
                for s, e in _split_units(tokens, np_end + 1, rest_end, by_comma_only=True):
                    text = source[tokens[s].start : tokens[e - 1].end]
                    units.append(text if v.DETERMINERS.match(tokens, s) else f"{head} {text}")
                return units
            return [
                source[tokens[s].start : tokens[e - 1].end]
                for s, e in _split_units(tokens, i, np_end, False)
            ]
    return []


def _starts_unit(tokens: Sequence[Token], i: int) -> bool:
    if v.DETERMINERS.match(tokens, i):
        return True
    return tokens[i].is_capitalised and bool(v.AGENCY_HEADS.match(tokens, i))


_JOINT_OFFICE_BODIES = PhraseSet(["hđnd", "ubnd", "đbqh", "ủy ban nhân dân", "hội đồng nhân dân"])
_VAN_PHONG = PhraseSet(["văn phòng"])


def _joint_office(tokens: Sequence[Token], start: int, j: int) -> bool:
    """ "Văn phòng HĐND và UBND huyện", "Văn phòng Đoàn ĐBQH và HĐND tỉnh": one office whose name
    holds "và" (the "và" at ``j``, the unit starting at ``start``)."""
    first = start + v.DETERMINERS.match(tokens, start)
    return (
        bool(_VAN_PHONG.match(tokens, first))
        and tokens[j - 1].key in _JOINT_OFFICE_BODIES
        and bool(_JOINT_OFFICE_BODIES.match(tokens, j + 1))
    )


def _split_units(
    tokens: Sequence[Token], start: int, end: int, by_comma_only: bool
) -> list[tuple[int, int]]:
    units: list[tuple[int, int]] = []
    current = start
    for j in range(start, end):
        tok = tokens[j]
        if j + 1 >= end:
            break
        if (tok.text == "," and (by_comma_only or _starts_unit(tokens, j + 1))) or (
            tok.key == "và"
            and not by_comma_only
            and _starts_unit(tokens, j + 1)
            and not _joint_office(tokens, current, j)
        ):
            units.append((current, j))
            current = j + 1
    units.append((current, end))
    return [(s, e) for s, e in units if e > s]
