"""Finding the tasks of a conclusion or directive and filling in who, with whom, by when and what.

A task is each item of a list governed by a directive intro, each directive sentence of the prose,
and each clause of a sentence that names a new addressee. The intro of a list ("yêu cầu các cơ
quan, đơn vị ...:") lends its addressee and deadline to the items; a sentence after a directive
that names no agency ("Làm rõ ...") is a task without a lead; a sentence that only sets the
deadline of the task before it ("Thời hạn ...", "Báo cáo ... trước ngày ...") extends that task
instead.

Longer than ~400 lines on purpose (issue 18): the clause tests and the builder that walks the
blocks decide together where a task starts and ends; apart, each would need the other's state.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from dangvu.extraction import vocabulary as v
from dangvu.extraction.addressees import (
    Addressee,
    Trigger,
    addressee_after,
    agency_start,
    clause_subject_start,
    coordinating_units,
    find_triggers,
    read_noun_phrase,
    skip_openers,
    subject_of,
)
from dangvu.extraction.dates import (
    DeadlineMatch,
    best_deadline,
    find_deadlines,
    parse_deadline,
    plan_period,
)
from dangvu.extraction.deliverables import find_deliverable
from dangvu.extraction.meeting import body_signature
from dangvu.extraction.segmentation import Block, Span, split_blocks
from dangvu.extraction.tokens import PhraseSet, Token, tokenize

# Beyond this many words before the addressing verb, the task text starts at the verb: the words
# before
# are narrative ("đồng chí ... đánh giá cao ..., đồng thời ... và | yêu cầu ...").
_LONG_PREFIX = 12
_FOLLOW_UP_OPENERS = PhraseSet(
    [
        "thời gian hoàn thành",
        "thời gian thực hiện",
        "thời gian báo cáo",
        "thời gian gửi",
        "kết quả báo cáo",
        "kết quả gửi",
        "xong trước",
        "thời hạn",
        "hạn",
        "yêu cầu",
        "báo cáo",
        "hoàn thành",
        "hoàn thiện",
        "gửi",
        "nộp",
        "chậm nhất",
        "trước ngày",
    ]
)

# A sentence opening with these only says how the task before it is delivered.
_DELIVERY_OPENERS = PhraseSet(
    ["gửi kèm", "gửi về", "gửi báo cáo về", "báo cáo kết quả về", "kết quả gửi về", "nộp về"]
)


@dataclass(slots=True)
class Draft:
    start: int
    end: int
    group: str | None
    lead: str | None
    coordinating: list[str]
    deadline: str | None
    deadline_iso: date | None
    deliverable: str | None


@dataclass(frozen=True, slots=True)
class Frame:
    """What a governing intro lends to the items after it."""

    lead: str | None
    deadline: str | None
    deadline_iso: date | None


@dataclass(slots=True)
class Clause:
    """One sentence (or the part of it after an inline intro), analysed once."""

    source: str
    start: int
    end: int
    tokens: list[Token]
    deadlines: list[DeadlineMatch]
    stops: dict[int, int]  # token index where a deadline starts -> token index after it
    triggers: list[Trigger] = field(default_factory=list)


def _analyse(source: str, start: int, end: int) -> Clause:
    tokens = tokenize(source, start, end)
    deadlines = find_deadlines(source, start, end)
    starts = [t.start for t in tokens]
    stops: dict[int, int] = {}
    for d in deadlines:
        first = bisect.bisect_left(starts, d.start)
        last = bisect.bisect_left(starts, d.end)
        if first < len(tokens):
            stops[first] = max(last, first + 1)
    clause = Clause(source, start, end, tokens, deadlines, stops)
    clause.triggers = find_triggers(tokens, 0, len(tokens))
    return clause


def _text(clause: Clause, a: int, b: int) -> str:
    return clause.source[clause.tokens[a].start : clause.tokens[b - 1].end]


# The body that holds the meeting or issues the directive, as (kind, level) (see
# meeting.body_signature), for the extraction under way.
_HOST: ContextVar[tuple[str, str | None] | None] = ContextVar("host", default=None)


def _subject_is_not_host(clause: Clause, start: int, trigger: Trigger) -> Addressee | None:
    """ "Sở Y tế chỉ đạo các trường ...": a unit other than the host directs its own units; it is
    the one given the task. (The host directing, "UBND tỉnh chỉ đạo Sở X ...", gives it to X.)"""
    subject_start = clause_subject_start(clause.tokens, start, trigger.index)
    if subject_start is None:
        return None
    subject = Addressee(subject_start, trigger.index)
    host = _HOST.get()
    name = _text(clause, subject.start, subject.end)
    if host is not None and body_signature(name) == host:
        return None
    return subject


def _own_lead(clause: Clause, start: int, end: int) -> tuple[Addressee | None, Trigger | None]:
    """The addressee named in ``tokens[start:end]`` and the verb that introduced it (None for a
    subject)."""
    for trigger in clause.triggers:
        if not start <= trigger.index < end:
            continue
        if trigger.kind == "direct" and (own := _subject_is_not_host(clause, start, trigger)):
            return own, None
        if trigger.kind == "need":
            subject_start = clause_subject_start(clause.tokens, start, trigger.index)
            if subject_start is not None:
                return Addressee(
                    subject_start, _trim_end(clause.tokens, subject_start, trigger.index)
                ), trigger
            # "Đối với Sở Y tế, cần …": the unit of the topic is who must
            if trigger.index - 1 > start and clause.tokens[trigger.index - 1].text == ",":
                opener = skip_openers(clause.tokens, start, trigger.index, {})
                topic = _topic_addressee(clause, trigger.index, start) or _topic_addressee(
                    clause, trigger.index, opener
                )
                if topic is not None:
                    return topic, trigger
            continue
        found = addressee_after(clause.tokens, trigger, end, clause.stops)
        if found is not None:
            return found, trigger
    subject = subject_of(clause.tokens, start, end, clause.stops)
    return subject, None


def _trim_end(tokens: Sequence[Token], start: int, end: int) -> int:
    while end > start and tokens[end - 1].text in {",", "-", "–"}:
        end -= 1
    return end


def _is_directive(clause: Clause, start: int, end: int) -> bool:
    lead, trigger = _own_lead(clause, start, end)
    if trigger is not None or any(
        start <= t.index < end and t.kind != "direct" for t in clause.triggers
    ):
        return True
    if lead is not None and _predicate_of(clause, lead.end, end, v.ASSIGNED_PREDICATES):
        return True  # "Sở Y tế chủ trì, phối hợp ...", "Các xã có trách nhiệm ..."
    if lead is not None and any(
        t.kind == "direct" and t.index == lead.end for t in clause.triggers
    ):
        return True  # "Sở Y tế chỉ đạo các trường ...": the subject directs its own units
    hard_deadline = any(d.strength >= 4 for d in clause.deadlines)
    return lead is not None and hard_deadline


_MEETING_OBJECTS = PhraseSet(
    ["hội nghị", "cuộc họp", "phiên họp", "buổi làm việc", "kỳ họp", "buổi họp", "họp", "hội thảo"]
)
# Words between a subject and its verb that keep it an instruction ("Các xã | cũng | rà soát").
_ADVERBS_BEFORE_VERB = PhraseSet(["cũng", "tiếp tục", "cần", "phải", "cần phải", "sớm"])


def _predicate_of(clause: Clause, at: int, end: int, verbs: PhraseSet) -> bool:
    """True when the predicate starting at token ``at`` opens with one of ``verbs`` (after "cũng",
    "cần" ...), and not with a report of what was done ("đã", "đang", "được")."""
    tokens = clause.tokens
    i = at
    for _ in range(3):
        if i >= end or not tokens[i].is_lower:
            return False
        if length := verbs.match(tokens, i):
            # "X chủ trì hội nghị": who chaired the meeting, not a task.
            return not (tokens[i].key == "chủ" and _MEETING_OBJECTS.match(tokens, i + length))
        if tokens[i].key in v.REPORTED_MARKERS:
            return False
        step = _ADVERBS_BEFORE_VERB.match(tokens, i)
        if not step:
            return False
        i += step
    return False


def _starts_with_action(clause: Clause) -> bool:
    """An imperative sentence ("Triển khai ...", "Đồng thời, tiếp tục ...")."""
    i = skip_openers(clause.tokens, 0, len(clause.tokens), clause.stops)
    return i < len(clause.tokens) and bool(v.ACTION_VERBS.match(clause.tokens, i))


def _subject_then_action(clause: Clause) -> bool:
    """An agency subject followed by an instruction ("Các xã | rà soát ...", "Sở Y tế | phối
    hợp ..."): inside a directive passage, a task of its own."""
    tokens = clause.tokens
    subject = subject_of(tokens, 0, len(tokens), clause.stops)
    if subject is None:
        return False
    return _predicate_of(clause, subject.end, len(tokens), v.ACTION_VERBS) or _predicate_of(
        clause, subject.end, len(tokens), v.ASSIGNED_PREDICATES
    )


# A field of work or a thing as the subject of an obligation, inside a directive passage:
# "Công tác cải cách hành chính cần được đẩy mạnh.", "Việc thu ngân sách phải bám sát dự toán.",
# "Những hạn chế cần được khắc phục ngay." (a task without a lead).
_TOPIC_SUBJECTS = PhraseSet(["việc", "công tác", "những", "các", "mọi", "tình trạng", "vấn đề"])
_OBLIGATIONS = PhraseSet(["cần được", "phải được", "cần phải được", "cần", "phải", "cần phải"])


def _topic_then_obligation(clause: Clause) -> bool:
    tokens = clause.tokens
    i = skip_openers(tokens, 0, len(tokens), clause.stops)
    if i >= len(tokens) or not _TOPIC_SUBJECTS.match(tokens, i):
        return False
    for k in range(i + 1, min(len(tokens) - 1, i + 16)):
        tok = tokens[k]
        if tok.text in {";", ":", "."} or tok.key in v.REPORTED_MARKERS:
            return False
        if tok.is_lower and (length := _OBLIGATIONS.match(tokens, k)):
            after = k + length
            return after < len(tokens) and tokens[after].is_lower and tokens[after].is_word
    return False


_FRAME_ENDINGS = (("sau",), ("sau", "đây"), ("dưới", "đây"))


def _ends_as_frame(clause: Clause) -> bool:
    """ "... tập trung thực hiện một số nhiệm vụ sau." / "... như sau.": an intro written with a
    full stop, framing the sentences after it."""
    words = [t.key for t in clause.tokens if t.is_word]
    return (
        bool(clause.tokens)
        and clause.tokens[-1].text == "."
        and any(tuple(words[-len(ending) :]) == ending for ending in _FRAME_ENDINGS)
    )


def _is_intro(clause: Clause) -> bool:
    """A sentence ending in ":" (or in "... sau.") that sets work for the list after it."""
    if not clause.tokens or (clause.tokens[-1].text != ":" and not _ends_as_frame(clause)):
        return False
    if _asks_superiors(clause, len(clause.tokens)):
        return False
    if clause.triggers or _topic_addressee(clause, len(clause.tokens)) is not None:
        return True
    tokens = clause.tokens
    has_intro = any(v.INTRO_WORDS.match(tokens, j) for j in range(len(tokens)))
    reports = any(v.REPORT_WORDS.match(tokens, j) for j in range(len(tokens)))
    return has_intro and not reports


_TOPIC_MARKERS = PhraseSet(["đối với", "riêng đối với", "riêng", "với"])


def _topic_addressee(clause: Clause, end: int, start: int = 0) -> Addressee | None:
    """The unit of a heading such as "Đối với UBND huyện:" that scopes over what follows (also
    "Đối với Sở Y tế, cần …" inside a sentence, from ``start``)."""
    tokens = clause.tokens
    while end > start and tokens[end - 1].text in {":", ",", "-"}:
        end -= 1
    marker = _TOPIC_MARKERS.match(tokens, start)
    if not marker or start + marker >= end:
        return None
    marker += start
    np_end = read_noun_phrase(tokens, marker, frozenset(clause.stops))
    if np_end != end:
        return None
    lead_start = agency_start(tokens, marker, end)
    return Addressee(lead_start, end) if lead_start is not None else None


_UPWARD = PhraseSet(
    ["đề nghị với", "kiến nghị", "đề xuất với", "kiến nghị với", "đề nghị cấp trên"]
)


def _asks_superiors(clause: Clause, end: int) -> bool:
    """Requests sent upward ("đề nghị với tỉnh ...") are reported, not assigned."""
    return any(_UPWARD.match(clause.tokens, k) for k in range(end))


def _inline_intro_end(clause: Clause) -> int | None:
    """Token index of a ":" that ends a directive intro inside the sentence ("... đề nghị: Nếu
    ...")."""
    for j, tok in enumerate(clause.tokens[:-1]):
        if tok.text != ":":
            continue
        if clause.tokens[j + 1].text[0].isdigit() or _asks_superiors(clause, j):
            return None  # a clock time or a reference, not an intro
        if _topic_addressee(clause, j) is not None:
            return j
        if j > 0 and clause.tokens[j - 1].key in {"như", "gồm", "là"}:
            return None  # "như: ...", an enumeration of examples
        pre = range(0, j)
        if any(t.index < j for t in clause.triggers) or (
            any(v.INTRO_WORDS.match(clause.tokens, k) for k in pre)
            and not any(v.REPORT_WORDS.match(clause.tokens, k) for k in pre)
            and not any(v.DISCUSSION_WORDS.match(clause.tokens, k) for k in pre)
        ):
            return j
        return None
    return None


def _is_follow_up(clause: Clause) -> bool:
    """A sentence that only sets the deadline or the reporting of the task before it."""
    tokens = clause.tokens
    if not tokens:
        return False
    if tokens[0].key == "căn" and len(tokens) > 2 and tokens[1].key == "cứ":
        # "Căn cứ nội dung này, ... yêu cầu ... triển khai thực hiện."
        words = [t.key for t in tokens if t.is_word]
        return words[-2:] == ["thực", "hiện"]
    lead, _ = _own_lead(clause, 0, len(tokens))
    if lead is not None:
        return False
    if _DELIVERY_OPENERS.match(tokens, 0) and len(tokens) < 40:
        return True  # "Gửi kèm file về hộp thư ...": how the task before is delivered
    return bool(clause.deadlines) and bool(_FOLLOW_UP_OPENERS.match(tokens, 0))


# "...; trong công tác Đảng tiếp tục duy trì ...": after ";", a field of work of its own and then
# its own instruction is a task of its own (the same addressee), not the list going on.
_FIELD_MARKERS = PhraseSet(
    ["trong công tác", "về công tác", "đối với công tác", "trong lĩnh vực", "về lĩnh vực"]
)


def _new_field(clause: Clause, a: int, b: int) -> bool:
    tokens = clause.tokens
    marker = _FIELD_MARKERS.match(tokens, a)
    if not marker:
        return False
    for k in range(a + marker, min(b, a + marker + 6)):
        if v.ACTION_VERBS.match(tokens, k) or _ADVERBS_BEFORE_VERB.match(tokens, k):
            return _predicate_of(clause, k, b, v.ACTION_VERBS)
    return False


def _pieces(clause: Clause, start: int) -> list[tuple[int, int, Addressee | None, Trigger | None]]:
    """Split at ";" where the next clause names its own addressee; keep other clauses with the
    one before."""
    tokens = clause.tokens
    bounds: list[int] = [start]
    depth = 0
    for j in range(start, len(tokens)):
        text = tokens[j].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif text == ";" and depth == 0 and j + 1 < len(tokens):
            bounds.append(j + 1)
    bounds.append(len(tokens))
    pieces: list[tuple[int, int, Addressee | None, Trigger | None]] = []
    for a, b in itertools.pairwise(bounds):
        if a >= b:
            continue
        lead, trigger = _own_lead(clause, a, b)
        if pieces and lead is None and not _new_field(clause, a, b):
            s, _, plead, ptrigger = pieces[-1]
            pieces[-1] = (s, b, plead, ptrigger)
        else:
            pieces.append((a, b, lead, trigger))
    return pieces


class _Builder:
    def __init__(self, source: str, reference: date | None) -> None:
        self.source = source
        self.reference = reference
        self.drafts: list[Draft] = []

    def frame_of(self, clause: Clause, inherited: Frame | None) -> Frame:
        lead, _ = _own_lead(clause, 0, len(clause.tokens))
        if lead is None:
            lead = _topic_addressee(clause, len(clause.tokens))
        deadline = best_deadline(clause.deadlines) or plan_period(
            self.source, clause.start, clause.end
        )
        lead_text = (
            _text(clause, lead.start, lead.end) if lead else (inherited.lead if inherited else None)
        )
        if deadline is not None:
            return Frame(
                lead_text, deadline.expression, parse_deadline(deadline.expression, self.reference)
            )
        if inherited is not None:
            return Frame(lead_text, inherited.deadline, inherited.deadline_iso)
        return Frame(lead_text, None, None)

    def emit(
        self, clause: Clause, start: int, frame: Frame | None, group: str | None, trim_prefix: bool
    ) -> None:
        """Add the task(s) of ``clause.tokens[start:]``."""
        tokens = clause.tokens
        if start >= len(tokens):
            return
        for index, (a, b, lead, trigger) in enumerate(self._split(clause, start)):
            text_start = a
            if (
                trim_prefix
                and index == 0
                and trigger is not None
                and trigger.kind in {"request", "assign"}
                and trigger.index - a > _LONG_PREFIX
            ):
                text_start = trigger.index
            while b > text_start and tokens[b - 1].text in {";", ","}:
                b -= 1
            if b <= text_start:
                continue
            own = [d for d in clause.deadlines if tokens[a].start <= d.start < tokens[b - 1].end]
            chosen = best_deadline(own)
            if chosen is not None:
                deadline: str | None = chosen.expression
                deadline_iso = parse_deadline(chosen.expression, self.reference)
            elif frame is not None and (index == 0 or lead is None):
                deadline, deadline_iso = frame.deadline, frame.deadline_iso
            else:
                deadline, deadline_iso = None, None
            if lead is not None:
                lead_text: str | None = _text(clause, lead.start, lead.end)
            else:
                lead_text = frame.lead if frame is not None else None
            self.drafts.append(
                Draft(
                    start=tokens[text_start].start,
                    end=tokens[b - 1].end,
                    group=group,
                    lead=lead_text,
                    coordinating=coordinating_units(self.source, tokens, a, b, clause.stops),
                    deadline=deadline,
                    deadline_iso=deadline_iso,
                    deliverable=find_deliverable(self.source, tokens, a, b),
                )
            )

    def _split(
        self, clause: Clause, start: int
    ) -> list[tuple[int, int, Addressee | None, Trigger | None]]:
        return _pieces(clause, start)

    def extend_last(self, clause: Clause) -> None:
        last = self.drafts[-1]
        last.end = max(last.end, clause.tokens[-1].end)
        chosen = best_deadline(clause.deadlines)
        if last.deadline is None and chosen is not None:
            last.deadline = chosen.expression
            last.deadline_iso = parse_deadline(chosen.expression, self.reference)
        if last.deliverable is None:
            last.deliverable = find_deliverable(self.source, clause.tokens, 0, len(clause.tokens))

    def sentence(
        self, clause: Clause, frame: Frame | None, group: str | None, governed: bool, zone: bool
    ) -> bool:
        """Handle one sentence; True when it produced or extended a task (the directive zone
        goes on)."""
        if not clause.tokens:
            return zone
        if zone and self.drafts and _is_follow_up(clause):
            self.extend_last(clause)
            return True
        colon = _inline_intro_end(clause)
        if colon is not None:
            intro = _analyse(self.source, clause.start, clause.tokens[colon].end)
            inline_frame = self.frame_of(intro, frame)
            # A heading "Đối với UBND huyện: ..." stays in the task; a speaker's intro does not.
            first = 0 if _topic_addressee(clause, colon) is not None else colon + 1
            self.emit(clause, first, inline_frame, group, trim_prefix=False)
            return True
        if governed or _is_directive(clause, 0, len(clause.tokens)):
            self.emit(clause, 0, frame, group, trim_prefix=True)
            return True
        if zone and (
            _starts_with_action(clause)
            or _subject_then_action(clause)
            or _topic_then_obligation(clause)
        ):
            self.emit(clause, 0, None, group, trim_prefix=False)
            return True
        return False


def _is_caption(source: str, block: Block) -> bool:
    """A photo caption or heading line: no final punctuation, short."""
    line = source[block.content_start : block.end].rstrip()
    return not line.endswith((".", "!", "?", ":", ";", "…", "./.")) and len(line.split()) < 30


def _level_group(stack: list[tuple[str, str | None]]) -> str | None:
    if stack and stack[0][0] in {"num", "alpha"}:
        return stack[0][1]
    return None


def extract_tasks(
    source: str, start: int, reference: date | None, organiser: str | None = None
) -> list[Draft]:
    token = _HOST.set(body_signature(organiser) if organiser else None)
    try:
        return _extract_tasks(source, start, reference)
    finally:
        _HOST.reset(token)


def _extract_tasks(source: str, start: int, reference: date | None) -> list[Draft]:
    builder = _Builder(source, reference)
    blocks = split_blocks(source, start)
    zone = False
    pending: Frame | None = None  # an intro ending in ":" waiting for its list
    stack: list[tuple[str, str | None]] = []  # open list levels: (marker kind, current value)
    frames: list[Frame | None] = []  # frames[level] governs items at that level
    implicit_frame: Frame | None = None  # intro governing unmarked paragraphs after it

    for index, block in enumerate(blocks):
        next_block = blocks[index + 1] if index + 1 < len(blocks) else None
        clauses = [_analyse(source, s.start, s.end) for s in block.sentences]
        if block.marker_kind is not None and block.marker_kind != "roman":
            kinds = [k for k, _ in stack]
            if block.marker_kind in kinds:
                level = kinds.index(block.marker_kind)
                del stack[level + 1 :]
                del frames[level + 1 :]
                stack[level] = (block.marker_kind, block.marker_value)
            else:
                stack.append((block.marker_kind, block.marker_value))
                frames.append(pending)
                level = len(stack) - 1
            pending = None
            implicit_frame = None
            frame = next((f for f in reversed(frames[: level + 1]) if f is not None), None)
            governed = frame is not None
            group = _level_group(stack)
            opens_sublist = (
                next_block is not None
                and next_block.marker_kind is not None
                and next_block.marker_kind not in [k for k, _ in stack[: level + 1]]
            )
            zone = governed or zone
            for position, clause in enumerate(clauses):
                last = position == len(clauses) - 1
                if last and opens_sublist and clause.tokens and clause.tokens[-1].text == ":":
                    pending = builder.frame_of(clause, frame)
                    continue
                zone = builder.sentence(clause, frame, group, governed, zone) or governed
            continue

        # Unmarked block: any list is over.
        stack.clear()
        frames.clear()
        if pending is not None:
            implicit_frame, pending = pending, None
        if implicit_frame is not None:
            first = clauses[0] if clauses else None
            if first is not None and (
                _is_directive(first, 0, len(first.tokens))
                or _starts_with_action(first)
                or _subject_then_action(first)
                or _inline_intro_end(first) is not None
            ):
                for clause in clauses:
                    zone = builder.sentence(clause, implicit_frame, None, True, True)
                continue
            implicit_frame = None
        caption = _is_caption(source, block)
        block_frame: Frame | None = None  # "... các nhiệm vụ sau." inside the paragraph
        for position, clause in enumerate(clauses):
            is_last = position == len(clauses) - 1
            if is_last and _is_intro(clause) and not caption:
                pending = builder.frame_of(clause, None)
                zone = True
                continue
            if not is_last and _ends_as_frame(clause) and _is_intro(clause):
                following = clauses[position + 1]
                if _starts_with_action(following) or _is_directive(
                    following, 0, len(following.tokens)
                ):
                    block_frame = builder.frame_of(clause, None)
                    zone = True
                    continue
            if block_frame is not None:
                zone = builder.sentence(clause, block_frame, None, True, True)
                if is_last:
                    pending = block_frame  # it goes on governing the paragraphs after
                continue
            produced = builder.sentence(clause, None, None, False, zone)
            if produced:
                zone = True
            elif not caption:
                zone = False
    return builder.drafts


__all__ = ["Draft", "Span", "extract_tasks"]
