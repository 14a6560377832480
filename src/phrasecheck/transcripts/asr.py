"""Speech-recognition and call-centre exports (field names as in ``shared/asr-formats.md``).

Channel, speaker and role-number ids become the turn's speaker (and channel), so that
``--staff-channel``/``--staff-speaker`` can name the staff side; only Alibaba ContactCenterAI
``roleName`` and Amazon Contact Lens ``ParticipantRole`` say who is staff by themselves.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from ..jsontext import parse
from ..models import Diagnostic
from .labelled import accepted_labels, split_label
from .records import RawItems, RawTurn
from .roles import RoleTable
from .shapes import ExchangeBuilder, Record, as_dict, as_list, as_text, first_text
from .source import split_lines
from .times import clock_ms

Parser = Callable[[dict, Record], RawItems]
#: A time in Tencent's ``Result`` string: ``m:ss.mmm`` (minutes may pass 59), an hour before it allowed.
_TENCENT_TIME = r"(?:\d+:)?\d+:\d{1,2}(?:\.\d+)?"
#: One line of the ``Result`` string: ``[0:0.400,0:3.100]  text`` or ``[0:0.930,0:2.640,0]  text``.
TENCENT_LINE = re.compile(rf"\[(?P<start>{_TENCENT_TIME}),(?P<end>{_TENCENT_TIME})(?:,(?P<speaker>\d+))?\]\s*(?P<text>.*)")


def alibaba_filetrans(value: dict, record: Record) -> RawItems:
    """Alibaba Cloud 录音文件识别: ``Result.Sentences[]`` with ``ChannelId``, ms times."""
    builder = ExchangeBuilder(record, value.get("TaskId"), "alibaba-filetrans")
    result = as_dict(value.get("Result"))
    status = as_text(value.get("StatusText"))
    if status and status.upper() not in ("SUCCESS", "SUCCEED"):
        builder.failed(status, value.get("StatusCode"))
    for sentence in builder.items(result.get("Sentences"), "Sentences"):
        channel = sentence.get("ChannelId")
        builder.add(record.line_of(sentence), sentence.get("Text"), first_text(sentence, "SpeakerId", "ChannelId"),
                    start=sentence.get("BeginTime"), end=sentence.get("EndTime"), channel=channel)
    yield from builder.done()


def paraformer(value: dict, record: Record) -> RawItems:
    """DashScope Paraformer/Fun-ASR result file: ``transcripts[].sentences[]``, one transcript per channel."""
    url = as_text(value.get("file_url"))
    builder = ExchangeBuilder(record, PurePosixPath(url.split("?")[0]).name if url else None, "paraformer")
    for transcript in builder.items(value.get("transcripts"), "transcripts"):
        channel = transcript.get("channel_id")
        for sentence in builder.items(transcript.get("sentences"), "sentences", record.line_of(transcript)):
            speaker = sentence.get("speaker_id", channel)
            builder.add(record.line_of(sentence), sentence.get("text"), speaker, start=sentence.get("begin_time"),
                        end=sentence.get("end_time"), channel=channel)
    builder.raw.turns.sort(key=lambda turn: turn.start_ms if turn.start_ms is not None else float("inf"))
    yield from builder.done()


def tencent(value: dict, record: Record) -> RawItems:
    """Tencent Cloud 录音文件识别: ``Response.Data.ResultDetail[]`` with ``SpeakerId``, else the ``Result`` string."""
    data = as_dict(as_dict(value.get("Response", value)).get("Data"))
    builder = ExchangeBuilder(record, data.get("TaskId"), "tencent-asr")
    status = data.get("Status")
    if status not in (2, None) or data.get("StatusStr") not in ("success", None):
        builder.failed(as_text(data.get("StatusStr")) or str(status), data.get("ErrorMsg"))
    if isinstance(data.get("ResultDetail"), list):
        for sentence in builder.items(data["ResultDetail"], "ResultDetail"):
            speaker = sentence.get("SpeakerId")
            builder.add(record.line_of(sentence), sentence.get("FinalSentence"), speaker, start=sentence.get("StartMs"),
                        end=sentence.get("EndMs"), channel=speaker)
    else:
        line = record.line_of(data)
        _tencent_result_lines(builder, ((line, text) for text in (as_text(data.get("Result")) or "").split("\n")))
    yield from builder.done()


def tencent_text(text: str, path: str, table: RoleTable, speakers: Iterable[str] = ()) -> RawItems:
    """Tencent Cloud's plain ``Result`` string saved as a text file: one call, a turn a line, each at its own line; a
    speaker label after the times (``[0:0.400,0:7.090] A：您好…``) names the speaker when it passes as a label
    (:func:`~.labelled.accepted_labels`: ``speakers`` are labels for sure)."""
    builder = ExchangeBuilder(Record(path, 1, os.path.basename(path)), None, "tencent-asr")
    _tencent_result_lines(builder, ((line.number, line.text) for line in split_lines(text)))
    _labelled_speakers(builder.raw.turns, table, speakers)
    yield from builder.done()


def _labelled_speakers(turns: list[RawTurn], table: RoleTable, speakers: Iterable[str]) -> None:
    """Give each turn without a speaker number the speaker label its text opens with, when the file's labels pass."""
    said = [split_label(turn.text) if not turn.speaker else None for turn in turns]
    accepted = accepted_labels(Counter(found[0] for found in said if found), table, speakers)
    for turn, found in zip(turns, said):
        if found and found[0] in accepted:
            turn.speaker, turn.text = found[0], found[1]


def _tencent_result_lines(builder: ExchangeBuilder, lines: Iterable[tuple[int, str]]) -> None:
    """``[m:ss.mmm,m:ss.mmm(,speaker)]  text`` lines (the plain ``Result`` string), each with its line number."""
    for number, text in lines:
        if not text.strip():
            continue
        found = TENCENT_LINE.fullmatch(text.strip())
        if not found:
            builder.problem(number, f"无法识别的 Result 行 / unreadable Result line: {text[:40]!r}")
            continue
        try:
            start, end = clock_ms(found.group("start")), clock_ms(found.group("end"))
        except ValueError:
            start = end = None
        speaker = found.group("speaker")
        builder.add(number, found.group("text"), speaker, start=start, end=end, channel=speaker)


def iflytek(value: dict, record: Record) -> RawItems:
    """iFlytek 录音文件转写: ``content.orderResult`` (a JSON string) → ``lattice2``/``lattice`` → ``json_1best.st``."""
    content = as_dict(value.get("content")) if "content" in value else value
    info = as_dict(content.get("orderInfo"))
    builder = ExchangeBuilder(record, info.get("orderId"), "iflytek")
    line = record.line_of(content)
    status = as_text(info.get("status"))
    if value.get("code") not in ("000000", None):
        builder.failed(as_text(value.get("descInfo")) or f"code {as_text(value.get('code'))}")
    elif status not in ("4", None, ""):
        builder.failed(f"status {status} {_IFLYTEK_STATUS.get(status, '未完成 / not done')}",
                       info.get("failType") if status == "-1" else None)
    if builder.unfinished:   # nothing more to read (an empty orderResult is not a second problem: a water company's trial)
        yield from builder.done()
        return
    order = _decoded(builder, content.get("orderResult", content), "orderResult", line)
    tracks = {as_text(item.get("rl")): as_text(item.get("track"))
              for item in as_list(as_dict(as_dict(order).get("label")).get("rl_track")) if isinstance(item, dict)}
    lattice = "lattice2" if as_list(as_dict(order).get("lattice2")) else "lattice"
    items = list(builder.items(as_dict(order).get(lattice), lattice, line))
    speakers = _lattice_speakers(items)
    for item in items:
        best = as_dict(_decoded(builder, item.get("json_1best"), "json_1best", record.line_of(item, line)))
        sentence = as_dict(best.get("st"))
        role = as_text(sentence.get("rl"))
        speaker = role if role not in (None, "0") else speakers.get(id(item))
        builder.add(record.line_of(item, line), _iflytek_words(sentence), speaker, start=sentence.get("bg"),
                    end=sentence.get("ed"), channel=tracks.get(role))
    yield from builder.done()


#: iFlytek's ``orderInfo.status`` of a task that has not finished (4 is done).
_IFLYTEK_STATUS = {"0": "已创建，尚未转写 / created, not yet transcribed", "3": "转写中 / still processing",
                   "-1": "转写失败 / failed"}


def _lattice_speakers(items: list[dict]) -> dict[int, str]:
    """Each ``lattice2`` item's ``spk`` (段落-0, 段落-1 …) by the item's id, taken as its speaker where role separation
    gave no ``rl``: only when the values recur (two speakers taking turns), not when each item has its own (a
    paragraph's number says nothing of who spoke)."""
    marks = {id(item): spk for item in items if (spk := as_text(item.get("spk")))}
    return marks if len(set(marks.values())) < len(marks) else {}


def _decoded(builder: ExchangeBuilder, value: object, what: str, line: int) -> object:
    """``value``, decoded once more when it is a JSON string (iFlytek nests JSON in strings)."""
    if not isinstance(value, str):
        return value
    try:
        return parse(value)
    except (ValueError, RecursionError) as error:
        builder.problem(line, f"{what} 不是有效的 JSON 字符串 / {what} is not a valid JSON string: {error}", "error")
        return None


def _iflytek_words(sentence: dict) -> str:
    """The 1-best words of ``st.rt[].ws[].cw[0].w``, joined."""
    words = []
    for segment in as_list(sentence.get("rt")):
        for word in as_list(as_dict(segment).get("ws")):
            candidates = as_list(as_dict(word).get("cw"))
            words.append((as_text(as_dict(candidates[0]).get("w")) or "") if candidates else "")
    return "".join(words)


def baidu(value: dict, record: Record) -> RawItems:
    """Baidu 音频文件转写: ``tasks_info[].task_result.detailed_result[]``; no speaker, so roles stay unknown."""
    if value.get("error_code"):
        yield Diagnostic(record.path, record.line, f"百度接口返回错误 / Baidu API error: {as_text(value.get('error_msg'))}")
    tasks = ExchangeBuilder(record, None, "baidu")
    for number, task in enumerate(tasks.items(value.get("tasks_info"), "tasks_info"), 1):
        task_record = Record(record.path, record.line_of(task), f"{record.default_id}#{number}", record.positions)
        builder = ExchangeBuilder(task_record, task.get("task_id"), "baidu")
        result = as_dict(task.get("task_result"))
        status = as_text(task.get("task_status"))
        if status != "Success":
            builder.failed(status or "?", result.get("err_msg"))
        for sentence in builder.items(result.get("detailed_result"), "detailed_result"):
            words = "".join(filter(None, map(as_text, as_list(sentence.get("res")))))
            builder.add(record.line_of(sentence), words, start=sentence.get("begin_time"), end=sentence.get("end_time"))
        yield from builder.done()
    yield from tasks.problems


def contact_center_ai(value: dict, record: Record) -> RawItems:
    """Alibaba ContactCenterAI GetTaskResult: ``data.asrResult[]`` with ``roleName`` (客服/客户)."""
    data = as_dict(value.get("data")) if "data" in value else value
    builder = ExchangeBuilder(record, data.get("taskId"), "alibaba-ccai")
    status = as_text(data.get("taskStatus"))
    if status not in ("FINISH", None):
        builder.failed(status)
    for sentence in builder.items(data.get("asrResult"), "asrResult"):
        track = sentence.get("role")
        name = sentence.get("roleName")
        builder.add(record.line_of(sentence), sentence.get("words"), name if as_text(name) else track,
                    start=sentence.get("begin"), end=sentence.get("end"), channel=track, role=name)
    yield from builder.done()


def contact_lens(value: dict, record: Record) -> RawItems:
    """Amazon Connect Contact Lens: ``Transcript[]`` with ``ParticipantRole`` AGENT/CUSTOMER."""
    contact = first_text(as_dict(value.get("CustomerMetadata")), "ContactId")
    builder = ExchangeBuilder(record, contact, "contact-lens")
    roles = {as_text(p.get("ParticipantId")): p.get("ParticipantRole")
             for p in as_list(value.get("Participants")) if isinstance(p, dict)}
    for item in builder.items(value.get("Transcript"), "Transcript"):
        participant = as_text(item.get("ParticipantId"))
        builder.add(record.line_of(item), item.get("Content"), participant, start=item.get("BeginOffsetMillis"),
                    end=item.get("EndOffsetMillis"), role=item.get("ParticipantRole") or roles.get(participant))
    yield from builder.done()


def _has(value: dict, *path: str) -> bool:
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return True


#: Recognised exports, tried in order: (test on the top-level object, parser).
SHAPES: tuple[tuple[Callable[[dict], bool], Parser], ...] = (
    (lambda v: _has(v, "content", "orderResult") or _has(v, "content", "orderInfo") or "orderResult" in v
     or "lattice" in v or "lattice2" in v, iflytek),
    (lambda v: _has(v, "Result", "Sentences") or ("StatusText" in v and "TaskId" in v), alibaba_filetrans),
    (lambda v: _has(v, "Response", "Data") or _has(v, "Data", "ResultDetail") or _has(v, "Data", "Result"), tencent),
    (lambda v: isinstance(v.get("transcripts"), list), paraformer),
    (lambda v: "tasks_info" in v, baidu),
    (lambda v: _has(v, "data", "asrResult") or _has(v, "data", "taskStatus") or "asrResult" in v, contact_center_ai),
    (lambda v: isinstance(v.get("Transcript"), list), contact_lens),
)
