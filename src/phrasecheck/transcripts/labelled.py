"""Labelled text as trainers type role-plays (``工作人员：您好…``), and unlabelled staff drafts.

A line's label is what stands before its first colon (full-width or ASCII), or before a
timestamp (``坐席 00:01:02 …``), and counts only when it is a known role alias or a short
label repeated on several lines; otherwise the colon is part of the text (``地址：二楼``).
A file whose lines mostly carry no label is a conversation typed without labels when its lines
read as two speakers taking turns (:func:`~.roles.two_speaker_misfit`), else an unlabelled staff
draft: every line is staff speech. Each non-blank line becomes one turn; an unlabelled line in a
labelled file continues the previous speaker. A line of three or more ``-``/``=``/``*`` separates conversations.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..models import Diagnostic
from .records import NOTE, RawExchange, RawItems, RawTurn
from .roles import RoleTable, label_stem, two_speaker_misfit
from .source import Line
from .times import CLOCK, clock_ms

#: A time or a span of time (``00:00:06,126 --> 00:00:13,491``, ``01:02-01:09``), as subtitles and exports stamp a turn.
_TIMES = rf"(?P<time>{CLOCK})(?:\s*(?:-->|->|→|~|～|-|–|—|至)\s*(?P<end>{CLOCK}))?(?![\d:])"
_LEADING_TIME = re.compile(rf"[\[【(（]?{_TIMES}[\]】)）]?\s*")
_LABEL_THEN_TIME = re.compile(rf"(?P<label>[^\s:：]{{1,16}})\s+[\[【(（]?{_TIMES}[\]】)）]?\s*[:：]?\s*")
_LABEL_COLON = re.compile(r"(?P<label>[^:：]{1,16}?)\s*(?P<colon>[:：])\s*")
_NOT_IN_LABEL = re.compile(r"[，。！？；、,!?;“”\"'《》<>]")
_HAS_WORD = re.compile(r"[^\W\d_]")
#: A speaker numbered by diarisation alone (0：…, 1：…): a label only when a file's lines take two such numbers, each
#: more than once (a numbered list counts on: 1：… 2：… 3：…; a time is longer: 10:30).
_DIGIT_LABEL = re.compile(r"\d")
_SEPARATOR = re.compile(r"\s*([-=*＝－—_~])\1{2,}\s*")
#: The speakers of a conversation typed without labels, a line each in turn.
UNLABELLED_SPEAKERS = ("甲", "乙")
_ALTERNATING_WARNING = ("没有说话人标签：按一行一人、两人轮流说话读作“甲”“乙”的对话；请给每行加上说话人标签（如 工作人员：/ 群众：），"
                        "以免读错 / no speaker labels: read as two speakers, 甲 and 乙, taking turns a line each; label "
                        "each line (工作人员：/ 群众：) so that it is not misread")
_DRAFT_WARNING = ("没有说话人标签：每一行都按工作人员的话评分；如是对话，请给每行加上说话人标签（如 工作人员：/ 群众：） / "
                  "no speaker labels: every line is scored as the staff's; if this is a conversation, label each line "
                  "(工作人员：/ 群众：)")


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to make, and one per line read
class LabelledLine:
    """A non-blank line, split into an optional candidate label and the rest."""

    number: int
    raw: str
    text: str
    start_ms: int | None
    label: str | None = None
    body: str = ""
    body_start_ms: int | None = None
    end_ms: int | None = None
    body_end_ms: int | None = None


#: A title line in brackets, with words after it: 【角色扮演一】, 《窗口接待示范》, （场景二）, 【演练四】社区居委会接待，时间：上午十点.
_TITLE = re.compile(r"[【《\[［].{1,40}[】》\]］].{0,40}|[(（].{1,40}[)）][^，。！？,.!?：:]{0,20}")
#: The label of a line about the conversation: 情景模拟：…, 场景二：…, 案例：…, 备注：…, 角色：…, 考核题目：…, and a
#: trainer's remark on it (点评：…, 培训师点评：…, 评语：…).
_TITLE_LABEL = re.compile(r"(?:情景|情境|场景|案例|标题|题目|主题|背景|说明|备注|注|角色|人物|考核|考题|任务|模拟|示范|练习"
                          r"|(?:培训师|培训老师|老师|教员|考官)?(?:点评|评语|讲评|评价|批注)|旁白|小结|总结)[\w（）()]{0,8}")


def split_label(text: str) -> tuple[str, str] | None:
    """``(label, rest)`` when ``text`` starts with something that may be a speaker label and a colon."""
    found = _LABEL_COLON.match(text)
    if not found:
        return None
    label = found.group("label").strip()
    if not label or _NOT_IN_LABEL.search(label) or not (_HAS_WORD.search(label) or _DIGIT_LABEL.fullmatch(label)):
        return None
    if found.group("colon") == ":" and text[found.end("colon"):].startswith("//"):
        return None
    return label, text[found.end():]


#: A letter's salutation (尊敬的市民：, 亲爱的用户：): whom a written reply addresses, not a speaker (a 12345 agent's trial: her
#: work-order replies were taken for a transcript).
SALUTATION = re.compile("(尊敬的|亲爱的|各位)")


def resident_labels(lines: Iterable[str], table: RoleTable) -> list[str]:
    """The labels of ``lines`` that name the people served (来电人：, 居民：), in order: a draft holding them is a
    transcript, not the staff's own words."""
    found = (split_label(line.strip()) for line in lines)
    return [label for label, _ in filter(None, found) if table.role_of(label) == "resident" and not SALUTATION.match(label)]


def accepted_labels(candidates: Counter[str], table: RoleTable, speakers: Iterable[str] = ()) -> set[str]:
    """Candidate labels that are speaker labels.

    Known role aliases, labels used on two lines or more, the speakers named by
    ``--staff-speaker``, and labels numbered like one of those (说话人2 next to 说话人1).
    """
    named = set(speakers)
    digits = [label for label in candidates if _DIGIT_LABEL.fullmatch(label)]
    if len(digits) != 2 or any(candidates[label] < 2 for label in digits):
        candidates = Counter({label: count for label, count in candidates.items() if label not in digits or label in named})
    accepted = {label for label, count in candidates.items() if count >= 2 or label in named or table.is_alias(label)}
    stems = {label_stem(label) for label in accepted}
    return accepted | {label for label in candidates if label_stem(label) in stems}


def parse_line(line: Line) -> LabelledLine:
    """Split a non-blank line into timestamp, candidate label and text."""
    raw = text = line.text.strip()
    start_ms = end_ms = None
    if found := _LEADING_TIME.match(text):
        text, start_ms, end_ms = text[found.end():], clock_ms(found.group("time")), _end_ms(found)
    if start_ms is None and (found := _LABEL_THEN_TIME.match(text)):
        time = clock_ms(found.group("time"))
        return LabelledLine(line.number, raw, text, None, found.group("label"), text[found.end():], time,
                            body_end_ms=_end_ms(found))
    if labelled := split_label(text):
        return LabelledLine(line.number, raw, text, start_ms, labelled[0], labelled[1], start_ms, end_ms, end_ms)
    return LabelledLine(line.number, raw, text, start_ms, end_ms=end_ms)


def _end_ms(found: re.Match) -> int | None:
    """The end of a span of time stamped on a line (None for a single time)."""
    return clock_ms(found.group("end")) if found.group("end") else None


def read_labelled(lines: Iterable[Line], path: str, table: RoleTable, speakers: Iterable[str] = ()) -> RawItems:
    """Conversations in a labelled text, or one staff draft when it has no labels; ``speakers`` are labels for sure."""
    parsed: list[LabelledLine | None] = [
        None if _SEPARATOR.fullmatch(line.text) else parse_line(line) for line in lines if line.text.strip()
    ]
    content = [line for line in parsed if line]
    if not content:
        return
    labels = _labels_of(content, table, speakers)
    base = os.path.basename(path)
    for number, section in enumerate(_sections(parsed), 1):
        name = base if number == 1 else f"{base}#{number}"
        if labels:
            yield from _conversation(section, labels, name, path)
        else:
            yield _unlabelled(section, name, path, table)


def split_labelled_cells(raw: RawExchange, table: RoleTable) -> Iterator[Diagnostic]:
    """Give a whole conversation typed into one cell or field (a work order's 通话内容: ``坐席：…\n市民：…``)
    its own turns: each turn nothing names the speaker of, whose lines carry two speaker labels or more, one
    of them a role alias (not a note's 回访记录：… repeated), is replaced by the turns of its lines (numbered
    from the turn's line in a CSV, where a quoted cell spans lines; at the field's line elsewhere); yields
    what is wrong with them."""
    step = 1 if raw.format in ("csv", "tsv") else 0
    turns = []
    for turn in raw.turns:
        lines = _cell_lines(turn, step)
        labels = _labels_of(lines, table) if len(lines) > 1 else set()
        if len(labels) < 2 or not any(table.is_alias(label) for label in labels):
            turns.append(turn)
            continue
        for item in _conversation(lines, labels, raw.id, raw.source):
            if isinstance(item, Diagnostic):
                yield item
            else:
                turns += item.turns
    raw.turns = turns


def _cell_lines(turn: RawTurn, step: int) -> list[LabelledLine]:
    """The non-blank lines of a turn nothing names the speaker of, numbered ``step`` apart from its line;
    none for a turn of one line or with a speaker."""
    if "\n" not in turn.text or turn.speaker or turn.channel or turn.role_hint:
        return []
    return [parse_line(Line(turn.line + offset * step, text))
            for offset, text in enumerate(turn.text.splitlines()) if text.strip()]


def _labels_of(lines: list[LabelledLine], table: RoleTable, speakers: Iterable[str] = ()) -> set[str]:
    """The speaker labels of ``lines``: none when too few lines carry one (an unlabelled draft)."""
    labels = accepted_labels(Counter(line.label for line in lines if line.label), table, speakers)
    label_lines = sum(1 for line in lines if line.label in labels)
    return set() if label_lines < min(2, len(lines)) or label_lines * 3 < len(lines) else labels


def _sections(parsed: list[LabelledLine | None]) -> Iterator[list[LabelledLine]]:
    section: list[LabelledLine] = []
    for line in parsed:
        if line:
            section.append(line)
        elif section:
            yield section
            section = []
    if section:
        yield section


def _unlabelled(lines: list[LabelledLine], name: str, path: str, table: RoleTable) -> RawExchange:
    """Lines without speaker labels: two speakers, 甲 and 乙, a line each in turn, when they read so (a role-play
    typed without labels), else one staff draft; a warning either way when there are two lines or more."""
    fits = [(misfit, turns) for turns in map(_taking_turns, _readings(lines))
            if (misfit := two_speaker_misfit(turns, table)) is not None]
    if fits:
        turns = min(fits, key=lambda fit: fit[0])[1]
        raw = RawExchange(name, path, lines[0].number, "alternating-text", turns)
        raw.warnings.append(Diagnostic(path, lines[0].number, _ALTERNATING_WARNING, "warning"))
        return raw
    raw = RawExchange(name, path, lines[0].number, "draft-text",
                      [RawTurn("", line.raw, line.number, role_hint="staff") for line in lines])
    if len(lines) > 1:
        raw.warnings.append(Diagnostic(path, lines[0].number, _DRAFT_WARNING, "warning"))
    return raw


def _readings(lines: list[LabelledLine]) -> Iterator[list[LabelledLine]]:
    """The lines as turns: every one (a note in brackets may be a reply: （递过缴费卡）), then, if some are notes, without
    them (a stage direction, （居民递上身份证）, takes no one's turn); the reading that fits a conversation better is kept."""
    yield lines
    said = [line for line in lines if not NOTE.fullmatch(line.raw)]
    if len(said) < len(lines):
        yield said


def _taking_turns(lines: list[LabelledLine]) -> list[RawTurn]:
    return [RawTurn(UNLABELLED_SPEAKERS[index % 2], line.raw, line.number) for index, line in enumerate(lines)]


def _conversation(lines: list[LabelledLine], labels: set[str], name: str, path: str) -> RawItems:
    raw = RawExchange(name, path, lines[0].number, "labelled-text")
    speaker, pending = "", None
    title, lines = _title(lines, labels)
    if title:
        raw.meta["title"] = title
    for line in lines:
        if line.label not in labels:
            pending = None
            if line.label and _TITLE_LABEL.fullmatch(line.label):
                continue   # a note on the conversation (备注：居民递上身份证, 点评：语气亲切) is no one's turn
            if line.text:
                raw.turns.append(RawTurn(speaker, line.text, line.number, line.start_ms, line.end_ms))
            else:
                yield Diagnostic(path, line.number, "只有时间没有发言内容 / timestamp without text", "warning")
            continue
        if pending:
            yield _empty_label(path, pending)
        speaker, body = line.label, line.body.strip()
        pending = None if body else line
        if body:
            raw.turns.append(RawTurn(speaker, body, line.number, line.body_start_ms, line.body_end_ms))
    if pending:
        yield _empty_label(path, pending)
    yield raw


def _title(lines: list[LabelledLine], labels: set[str]) -> tuple[str, list[LabelledLine]]:
    """The title before the first speaker's line (情景模拟：窗口办理居住证 / 【角色扮演一】) and the lines after it: lines
    there under a heading's label or in brackets are about the conversation, not said in it; any other line there
    (小李：您好… — a speaker named once) keeps the conversation as it is."""
    first = next((i for i, line in enumerate(lines) if line.label in labels), 0)
    if first and all(_TITLE.fullmatch(line.text) or _TITLE_LABEL.fullmatch(line.label or "") for line in lines[:first]):
        return " ".join(line.text for line in lines[:first]), lines[first:]
    return "", lines


def _empty_label(path: str, line: LabelledLine) -> Diagnostic:
    message = f"“{line.label}”后没有发言内容 / speaker label “{line.label}” without text"
    return Diagnostic(path, line.number, message, "warning")
