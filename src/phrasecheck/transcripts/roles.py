"""Who is staff: label alias tables, ``--staff-channel``/``--staff-speaker``, and inference.

A turn's role comes from, in order: the file's role field or speaker label (looked up in the
alias tables of ``lexicons/roles/roles.toml`` plus ``--staff-label``/``--resident-label``); then the
options naming staff channels or speakers; then inference from what each speaker says.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..literals import Automaton
from ..models import Diagnostic, Exchange, Role, Turn
from ..resources import data_path
from ..tables import hanzi_folds
from ..tomlfile import COUNT, COUNTS, TABLE, TEXTS, DataFileError, Field, TomlReader, read_toml
from .options import ReadOptions
from .records import RawExchange, RawTurn

#: Identifiers after a label that do not change its role: 坐席1, 客服A, Agent 2, 窗口（3号）.
_LABEL_SUFFIX = re.compile(
    r"(?:\s*[(（\[【][^)）\]】]*[)）\]】]"
    r"|[\s_\-#.]*\d+号?"
    r"|[\s_\-#.]+[a-z]{1,2}"
    r"|(?<=[\u3400-\u9fff])[a-z甲乙丙丁一二三四五六七八九十]号?)$"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
#: An inferred staff side this many points ahead of every other speaker is taken with confidence.
SURE_MARGIN = 3
#: A label or id a shell reads as one word as it is.
_PLAIN_WORD = re.compile(r"[^\s'\"\\$`!*?&|;<>()\[\]{}#~=]+")
#: Points of staff language that make a speaker labelled resident taken as the staff (see :func:`_swapped_labels`).
SWAPPED_MIN = 8
#: At most this many points of what only residents say (``resident_only``) from a speaker labelled resident
#: who is taken as the staff.
SWAPPED_MAX_RESIDENT = 0
_OTHER: dict[Role, Role] = {"staff": "resident", "resident": "staff", "unknown": "unknown"}
#: Formats whose channel field may be the speaker diarisation found rather than an audio track (Tencent's SpeakerId is
#: either): their channels say nothing of a call.
CHANNEL_MAY_BE_SPEAKER = frozenset({"tencent-asr"})
#: Formats typed by people (role-plays, transcribed calls), whose labels may be the wrong way round;
#: exports from call-centre and speech-recognition systems (CSV, JSON, subtitles) are trusted as given.
TYPED_FORMATS = frozenset({"labelled-text", "draft-text", "alternating-text"})
#: Formats whose speakers are labels in the text (the hint is --staff-label, not --staff-speaker).
LABELLED_FORMATS = frozenset({"labelled-text", "draft-text", "alternating-text", "srt", "webvtt", "csv", "tsv"})
#: Fewest lines of unlabelled text that may be read as two speakers taking turns.
ALTERNATING_MIN_LINES = 4
#: Points by which a line read as two speakers' contradicts its side (staff's at or below minus this, the resident's at or
#: above it): a reply typed over two lines shifts every line after it to the other side (an independent review). Two
#: such lines, or one by twice as much, and the lines are not read so (one curt staff line is no shift: a second review).
ALTERNATING_CONTRARY = 2


class _CueCount:
    """The weighted count of service-vocabulary cues in a text, in one automaton pass: each cue's
    occurrences counted as ``str.count`` counts them (left to right, not overlapping themselves)."""

    __slots__ = ("automaton", "weights")

    def __init__(self, cues: Sequence[tuple[str, int]]):
        weights: dict[str, int] = {}
        for cue, weight in cues:
            weights[cue] = weights.get(cue, 0) + weight
        self.automaton = Automaton(weights) if weights else None
        self.weights = list(weights.values())

    def __call__(self, text: str) -> int:
        if self.automaton is None:
            return 0
        try:
            found = self.automaton.overlapping(text)
        except UnicodeEncodeError:  # a lone surrogate (a cut UTF-16 pair): counted the slow way
            return sum(self.weights[i] * text.count(cue) for i, cue in enumerate(self.automaton.words))
        score, free_from = 0, {}
        for index, start, end in found:
            if start >= free_from.get(index, 0):
                free_from[index] = end
                score += self.weights[index]
        return score


@dataclass(frozen=True, slots=True, eq=False)
class RoleTable:
    """Label aliases of each role and the cues for inferring the staff side.

    Tables are built once and cached, so they compare (and hash, as cache keys) by identity.
    """

    staff: frozenset[str]
    resident: frozenset[str]
    greetings: tuple[str, ...]
    greeting_first: int
    cues: tuple[tuple[str, int], ...]  # staff cues with positive points, resident cues negative
    count_cues: _CueCount
    count_resident_only: _CueCount
    machine: frozenset[str] = frozenset()

    def role_of(self, label: str | None) -> Role:
        """The role a speaker label or role field names; ``unknown`` when it names none."""
        return _role_of(self, label) if label else "unknown"

    def is_alias(self, label: str) -> bool:
        """Whether ``label`` is one of the role aliases or a recorded voice's (up to an identifier after it), not just ends
        like one."""
        return any(form in self.staff or form in self.resident or form in self.machine for form in _label_forms(label_key(label)))

    def is_machine(self, label: str) -> bool:
        """Whether ``label`` names a recorded voice (系统, 提示音, IVR), whose words are no one's to score."""
        return any(form in self.machine for form in _label_forms(label_key(label)))

    def service_score(self, text: str) -> int:
        """How much ``text`` sounds like the staff side (weighted service-vocabulary hits)."""
        return self.count_cues(text)

    def resident_only_score(self, text: str) -> int:
        """How much ``text`` says what only a resident says (asking for something, thanking for the trouble)."""
        return self.count_resident_only(text)


@lru_cache(maxsize=4096)  # a log has few labels, each on thousands of turns
def label_key(label: str) -> str:
    """A label folded for comparison: width, case, script (工作人員 → 工作人员) and surrounding spaces."""
    return unicodedata.normalize("NFKC", label).casefold().strip().translate(hanzi_folds())


@lru_cache(maxsize=4096)
def label_stem(label: str) -> str:
    """The label without identifiers after it: 说话人1 → 说话人, Agent B → agent."""
    return _label_forms(label_key(label))[-1]


def role_table(options: ReadOptions | None = None) -> RoleTable:
    """The built-in role table extended with the labels given in ``options``."""
    options = options or ReadOptions()
    return _extended_table(options.staff_labels, options.resident_labels)


def assign_roles(raw: RawExchange, table: RoleTable, options: ReadOptions) -> Exchange:
    """Decide every turn's role and build the :class:`Exchange`; inference, and labels taken as swapped, add a warning.
    A recorded voice's turns (系统：现在是非工作时间，请在提示音后留言) are left out: no one said them."""
    raw = replace(raw, turns=[turn for turn in raw.turns if not (turn.speaker and table.is_machine(turn.speaker))])
    cast = _cast(raw.meta.get("title", ""), {turn.speaker for turn in raw.turns if turn.speaker}, table)
    given = _by_speaker(raw.turns, [_given_role(turn, table) for turn in raw.turns])
    roles, one_track = _option_roles(raw.turns, [cast.get(turn.speaker, role) if role == "unknown" else role
                                                 for turn, role in zip(raw.turns, given)], options)
    by_channel = raw.format in CHANNEL_MAY_BE_SPEAKER and bool(options.staff_channel) and not options.staff_speaker
    swapped = _swapped_labels(raw, roles, table, options.staff_channel if by_channel else ()) if not options.staff_labels else None
    if swapped:
        roles = [_OTHER[role] for role in roles]
    inferred, warnings, how = _inferred_roles(raw, roles, table, _names_staff(options),
                                              bool(options.staff_speaker or options.staff_channel))
    turns = [
        Turn(
            index,
            turn.speaker,
            role if role != "unknown" else inferred.get(turn.speaker, "unknown"),
            turn.text,
            turn.line,
            turn.start_ms,
            turn.end_ms,
            bool(swapped) or (role == "unknown" and turn.speaker in inferred and how != "given"),
        )
        for index, (turn, role) in enumerate(zip(raw.turns, roles))
    ]
    warnings = [*raw.warnings, *([_one_track_warning(raw)] if one_track else []), *([swapped] if swapped else []), *warnings]
    meta = {**raw.meta, "format": raw.format, "roles_by": "swapped" if swapped else how}
    if raw.format not in CHANNEL_MAY_BE_SPEAKER and (tracks := len({t.channel for t in raw.turns if t.channel is not None})) >= 2:
        meta["tracks"] = tracks   # a side a track: a call recording (channel evidence)
    return Exchange(raw.id, raw.source, turns, raw.staff_id, raw.date, raw.channel, meta, warnings)


#: A speaker's label in a role-play's title, at the start of a part of it, and what says whom they play: 甲——社区工作人员,
#: 学员扮演社区工作人员 (not 为 or 是, which say other things: 小王为居民办理居住证).
_PLAYS = r"(?:^|(?<=[：:；;，,、（(\s]))(?P<speaker>{})\s*(?:——|—|--|－|：|:|=|扮演|饰演|饰)\s*(?P<part>[^；;，,。、（）()\s]{{1,16}})"


def _cast(title: str, speakers: set[str], table: RoleTable) -> dict[str, Role]:
    """The roles a role-play's title gives its speakers (角色：甲——社区工作人员；乙——来办事的老大爷 / 考核题目：…（学员
    扮演社区工作人员，考官扮演居民）): each speaker's part read for the role its last label names (到窗口办事的老大爷 is
    a resident). None unless the cast names someone staff: a title that only seems to cast is left to the other clues."""
    cast: dict[str, Role] = {}
    for speaker in speakers if title else ():
        found = re.search(_PLAYS.format(re.escape(speaker)), title)
        if found and (role := _role_in(found.group("part"), table)) != "unknown":
            cast[speaker] = role
    return cast if "staff" in cast.values() else {}


def _role_in(part: str, table: RoleTable) -> Role:
    """The role of the last staff or resident label said in ``part``: the head of the phrase (社区工作人员, 来办事的老大爷)."""
    key = label_key(part)
    found = [(key.rfind(label) + len(label), role) for role, labels in (("staff", table.staff), ("resident", table.resident))
             for label in labels if label in key]
    return max(found)[1] if found else "unknown"


_LABELS = {"labels": Field(TEXTS, required=True)}
#: roles.toml: the label aliases of each role, and what infers the staff side; every field required.
ROLES_FILE = {
    "staff": Field(TABLE, required=True, fields=_LABELS),
    "resident": Field(TABLE, required=True, fields=_LABELS),
    "machine": Field(TABLE, fields=_LABELS),
    "inference": Field(TABLE, required=True, fields={
        "greetings": Field(TEXTS, required=True),
        "greeting_first": Field(COUNT, required=True),
        "staff_cues": Field(COUNTS, required=True),
        "resident_cues": Field(COUNTS, required=True),
        "resident_only": Field(COUNTS, default={}),
    }),
}


@cache
def _base_table() -> RoleTable:
    """The shipped label and cue tables; DataFileError (file:line) when the file is broken."""
    path = data_path("roles", "roles.toml")
    data, problems, text = read_toml(path, "角色文件 / roles file")
    if problems:
        raise DataFileError(problems)
    reader = TomlReader(str(path), text)
    values = reader.table(data).read(ROLES_FILE)
    if reader.problems:
        raise DataFileError(reader.sorted_problems())
    inference = values["inference"]
    cues = (tuple(inference["staff_cues"].items())
            + tuple((cue, -points) for cue, points in inference["resident_cues"].items()))
    return RoleTable(
        staff=frozenset(label_key(label) for label in values["staff"]["labels"]),
        resident=frozenset(label_key(label) for label in values["resident"]["labels"]),
        greetings=inference["greetings"],
        greeting_first=inference["greeting_first"],
        cues=cues,
        count_cues=_CueCount(cues),
        count_resident_only=_CueCount(tuple(inference["resident_only"].items())),
        machine=frozenset(label_key(label) for label in (values["machine"] or {}).get("labels", ())),
    )


@cache
def _extended_table(staff: tuple[str, ...], resident: tuple[str, ...]) -> RoleTable:
    base = _base_table()
    if not staff and not resident:
        return base
    extra_staff = {label_key(label) for label in staff}
    extra_resident = {label_key(label) for label in resident}
    return RoleTable(
        staff=(base.staff - extra_resident) | extra_staff,
        resident=(base.resident - extra_staff) | extra_resident,
        greetings=base.greetings,
        greeting_first=base.greeting_first,
        cues=base.cues,
        count_cues=base.count_cues,
        count_resident_only=base.count_resident_only,
        machine=base.machine - extra_staff - extra_resident,
    )


@lru_cache(maxsize=4096)
def _role_of(table: RoleTable, label: str) -> Role:
    forms = _label_forms(label_key(label))
    for form in forms:
        if form in table.staff:
            return "staff"
        if form in table.resident:
            return "resident"
    return _role_by_ending(table, forms[-1])


def _label_forms(key: str) -> list[str]:
    """The label, then the label with each trailing identifier removed (坐席A（1023） → 坐席A → 坐席)."""
    forms = [key]
    while True:
        stripped = _LABEL_SUFFIX.sub("", forms[-1]).strip()
        if not stripped or stripped == forms[-1]:
            return forms
        forms.append(stripped)


def _role_by_ending(table: RoleTable, key: str) -> Role:
    """Chinese labels with words before an alias: 社区工作人员 → staff, 办事居民 → resident."""
    if not _CJK.search(key):
        return "unknown"
    matches = [(len(alias), role) for role, aliases in (("staff", table.staff), ("resident", table.resident))
               for alias in aliases if len(alias) >= 2 and _CJK.match(alias) and key.endswith(alias)]
    return max(matches)[1] if matches else "unknown"


def _by_speaker(turns: Sequence[RawTurn], roles: list[Role]) -> list[Role]:
    """``roles`` with a speaker's turns that give none taking the one role their other turns give (A's role field on
    one line, none on the next: a review saw A's farewell read as a resident's)."""
    known: dict[str, set[Role]] = {}
    for turn, role in zip(turns, roles):
        if role != "unknown" and turn.speaker:
            known.setdefault(turn.speaker, set()).add(role)
    return [next(iter(known[turn.speaker])) if role == "unknown" and len(known.get(turn.speaker, ())) == 1 else role
            for turn, role in zip(turns, roles)]


def _given_role(turn: RawTurn, table: RoleTable) -> Role:
    role = table.role_of(turn.role_hint)
    return role if role != "unknown" else table.role_of(turn.speaker)


def _option_roles(turns: Sequence[RawTurn], roles: list[Role], options: ReadOptions) -> tuple[list[Role], bool]:
    """Apply ``--staff-speaker``/``--staff-channel`` to turns the file gives no role, if any id matches; and whether
    the staff's channel was named for a recording on one track only, where it tells no one apart (a mono export with
    speakers told apart: channel 0 on every sentence made the caller staff too — a supervisor's trial)."""
    roles = list(roles)
    one_track = False
    for staff_ids, attribute in ((options.staff_speaker, "speaker"), (options.staff_channel, "channel")):
        if not staff_ids:
            continue
        open_turns = [i for i, role in enumerate(roles) if role == "unknown" and getattr(turns[i], attribute)]
        if attribute == "channel" and _one_track(turns, open_turns):
            one_track = True
            continue
        if any(getattr(turns[i], attribute) in staff_ids for i in open_turns):
            for i in open_turns:
                roles[i] = "staff" if getattr(turns[i], attribute) in staff_ids else "resident"
    return roles, one_track


def _one_track(turns: Sequence[RawTurn], open_turns: list[int]) -> bool:
    """Whether the turns, on one channel, are of two speakers or more."""
    return len({turns[i].channel for i in open_turns}) == 1 and len({turns[i].speaker for i in open_turns}) > 1


def _one_track_warning(raw: RawExchange) -> Diagnostic:
    line = raw.turns[0].line if raw.turns else 0
    return Diagnostic(raw.source, line, "所有发言都在同一声道，--staff-channel 分不出工作人员，改按说话人判断角色 / every turn is on "
                      "one channel, so --staff-channel tells no one apart: roles are told by speaker instead", "warning")


def _names_staff(options: ReadOptions) -> bool:
    """Whether the user said who is staff (``--staff-label``, ``--staff-speaker``, ``--staff-channel``)."""
    return bool(options.staff_labels or options.staff_speaker or options.staff_channel)


def _inferred_roles(raw: RawExchange, roles: list[Role], table: RoleTable, staff_named: bool = False,
                    staff_by_id: bool = False) -> tuple[dict[str, Role], list[Diagnostic], str]:
    """Roles for speakers nothing names, chosen by service language, with warnings saying so, and how the
    roles were decided (``meta["roles_by"]``, ``roles_by`` in score-v1): ``given`` (the file or options said),
    ``inferred`` or ``inferred_unsure`` (close scores), ``unknown`` (no speaker at all); :func:`assign_roles`
    says ``swapped`` for labels taken the wrong way round. When the user has named the staff (``staff_named``)
    and some turn is theirs, every other speaker is a resident by the user's word; so too the one speaker of a call when
    the user named the staff's channel or speaker id (``staff_by_id``) and it is not theirs: a caller's message alone on
    its channel is a call without staff speech (a supervisor's trial, with --staff-channel 0, saw one scored 65 不合格
    as the agent's). Two speakers, neither the one named, are still told apart by what they say (the option may not
    fit this export)."""
    if "unknown" not in roles:  # the usual case: the file names every role
        return {}, [], "given"
    if staff_named and "staff" in roles:
        speakers = {turn.speaker for turn, role in zip(raw.turns, roles) if role == "unknown" and turn.speaker}
        if all(turn.speaker for turn, role in zip(raw.turns, roles) if role == "unknown"):
            return dict.fromkeys(speakers, "resident"), [], "given"
    open_turns = [turn for turn, role in zip(raw.turns, roles) if role == "unknown"]
    speakers = list(dict.fromkeys(turn.speaker for turn in open_turns if turn.speaker))
    warnings = []
    anonymous = next((turn for turn in open_turns if not turn.speaker), None)
    if anonymous:
        message = ("没有说话人信息，角色未知：这些发言不评分（请导出开启说话人分离/角色分离的转写，或带说话人标签） / "
                   "no speaker information, role unknown: these turns are not scored (export the transcript with "
                   "speaker diarisation or role labels)")
        warnings.append(Diagnostic(raw.source, anonymous.line, message, "warning"))
    if not speakers:
        return {}, warnings, "unknown"
    first_line = next(turn.line for turn in open_turns if turn.speaker)
    if "staff" in roles:
        names = "、".join(f"“{speaker}”" for speaker in speakers)
        message = f"未知的说话人 {names}，按居民处理（可用 --staff-label 指定） / unknown speaker {names}; taken as resident (use --staff-label)"
        warnings.append(Diagnostic(raw.source, first_line, message, "warning"))
        return dict.fromkeys(speakers, "resident"), warnings, "inferred"
    if staff_by_id and len(speakers) == 1 and "staff" not in roles and "resident" not in roles and not anonymous:
        # the staff's channel said, not here, and no one else speaks (beside a labelled 纳税人, the one left is the staff)
        warnings.append(Diagnostic(raw.source, first_line, _staff_absent_message(speakers), "warning"))
        return dict.fromkeys(speakers, "resident"), warnings, "given"
    scores = _speaker_scores(raw.turns, speakers, table)
    if len(speakers) == 1 and "resident" not in roles and not anonymous and scores[speakers[0]] < 0:
        hint = _hint(raw.format, speakers[0], _own_channel(raw, speakers[0]))
        warnings.append(Diagnostic(raw.source, first_line, _lone_resident_message(speakers[0], scores, hint), "warning"))
        return {speakers[0]: "resident"}, warnings, "inferred"   # a caller's voicemail (a water company's trial)
    if "resident" in roles and len(speakers) == 1 and not anonymous and scores[speakers[0]] >= SURE_MARGIN:
        return {speakers[0]: "staff"}, warnings, "inferred"   # 小王 beside 张阿姨, speaking as staff: no doubt to warn of
    staff = max(speakers, key=scores.__getitem__)
    runner_up = max((scores[speaker] for speaker in speakers if speaker != staff), default=None)
    sure = runner_up is None or scores[staff] - runner_up >= SURE_MARGIN
    other = max((speaker for speaker in speakers if speaker != staff), key=scores.__getitem__, default=None)
    hint = _hint(raw.format, other, _own_channel(raw, other)) if other is not None else None
    message = _inference_message(staff, speakers, scores, sure, hint)
    warnings.append(Diagnostic(raw.source, first_line, message, "warning"))
    return ({speaker: "staff" if speaker == staff else "resident" for speaker in speakers}, warnings,
            "inferred" if sure else "inferred_unsure")


def _swapped_labels(raw: RawExchange, roles: list[Role], table: RoleTable, channel: tuple[str, ...] = ()) -> Diagnostic | None:
    """A warning when a typed transcript's (:data:`TYPED_FORMATS`) two speakers are labelled the wrong way round, or
    when the staff's ``channel`` named by ``--staff-channel`` made the other speaker staff in an export whose channel may
    be a diarised speaker (:data:`CHANNEL_MAY_BE_SPEAKER`: a mono window recording beside a hotline's stereo calls — a
    supervisor's trial saw one scored as the resident's call, 65 不合格), else None.

    Role-play transcripts are labelled by hand, and a trainee who writes 居民 before the staff's
    lines gets the resident's words scored. The labels are taken as swapped only when the speaker
    labelled resident sounds like staff by :data:`SWAPPED_MIN` points of greetings and service
    vocabulary and at least four times as much as the one labelled staff, and either says nothing
    only a resident says (``resident_only``: 我想, 帮我, 辛苦您了 …; more than :data:`SWAPPED_MAX_RESIDENT`
    points keep the label) or the one labelled staff says such things: none of 1,200 correctly
    labelled dialogues of the shared corpora passes this bar, nor does a role-play of a polite resident (您好，打扰您一下，我想…辛苦您了) beside a curt
    trainee (户口本。/ 等着。). ``--staff-label`` says the labels are right.
    """
    speakers = dict(zip((turn.speaker for turn in raw.turns), roles))
    if not (raw.format in TYPED_FORMATS or channel) or sorted(speakers.values()) != ["resident", "staff"] \
            or any(speakers[turn.speaker] != role for turn, role in zip(raw.turns, roles)):
        return None
    staff, resident = sorted(speakers, key=lambda speaker: speakers[speaker] != "staff")
    scores = _speaker_scores(raw.turns, [resident], table)
    if scores[resident] < SWAPPED_MIN:  # most calls: the staff's words need not be weighed
        return None
    scores |= _speaker_scores(raw.turns, [staff], table)
    if 4 * max(scores[staff], 0) > scores[resident]:
        return None
    if _resident_words(raw, resident, table) > SWAPPED_MAX_RESIDENT and not _resident_words(raw, staff, table):
        return None
    first_line = raw.turns[0].line
    if channel:
        return Diagnostic(raw.source, first_line, _channel_swapped_message(staff, resident, scores, channel), "warning")
    return Diagnostic(raw.source, first_line,
                      f"说话人标签似乎反了：“{resident}”的话像工作人员（得分 {scores[resident]}），“{staff}”的像居民"
                      f"（{scores[staff]}），已对调角色评分；如标签无误，请用 --staff-label {_shell_word(staff)} 指定 / the speaker "
                      f"labels look swapped: “{resident}” speaks like staff (score {scores[resident]}), “{staff}” like "
                      f"a resident ({scores[staff]}); scored with the roles swapped. If the labels are right, say so "
                      f"with --staff-label {_shell_word(staff)}", "warning")


def _channel_swapped_message(staff: str, resident: str, scores: dict[str, int], channel: tuple[str, ...]) -> str:
    named = ",".join(channel)
    return (f"--staff-channel {named} 把“{staff}”定为工作人员，但“{resident}”的话像工作人员（得分 {scores[resident]}），“{staff}”"
            f"的像居民（{scores[staff]}）：本文件的编号可能是说话人分离（单声道）而非声道，已按说话内容对调角色评分 / --staff-channel "
            f"{named} made “{staff}” staff, but “{resident}” speaks like staff (score {scores[resident]}) and “{staff}” like a "
            f"resident ({scores[staff]}): this file's ids may be diarised speakers (mono), not channels; scored with the "
            "roles swapped")


def two_speaker_misfit(turns: Sequence[RawTurn], table: RoleTable) -> int | None:
    """How badly unlabelled lines, given to two speakers a line each in turn, fit a conversation, or None when they do
    not read as one. They read as one when one side speaks like staff and the other more like a resident than staff
    (below zero), :data:`SURE_MARGIN` points apart, and its lines do not speak plainly for the other side: fewer than
    two lines contradict their side (:data:`ALTERNATING_CONTRARY`), and none by twice as much. The misfit is the points
    by which lines contradict their sides. Typed so from the shared corpora (a speaker's consecutive turns joined), 600
    of 1,000 CrossWOZ and 924 of 2,505 STC-3 dialogues read as two speakers, every one with the staff side then inferred
    right; of their agents' turns alone (a staff draft of four lines or more), 2 of 1,056 do."""
    speakers = list(dict.fromkeys(turn.speaker for turn in turns))
    if len(turns) < ALTERNATING_MIN_LINES or len(speakers) != 2:
        return None
    (resident, low), (_, high) = sorted(_speaker_scores(turns, speakers, table).items(), key=lambda item: item[1])
    if not (low < 0 < high and high - low >= SURE_MARGIN):
        return None
    against = [score * (1 if turn.speaker == resident else -1) for turn in turns
               if (score := table.service_score(turn.text))]
    contrary = [points for points in against if points >= ALTERNATING_CONTRARY]
    if len(contrary) >= 2 or any(points >= 2 * ALTERNATING_CONTRARY for points in contrary):
        return None
    return sum(points for points in against if points > 0)


def _resident_words(raw: RawExchange, speaker: str, table: RoleTable) -> int:
    """Points of what only a resident says in ``speaker``'s turns."""
    return sum(table.resident_only_score(turn.text) for turn in raw.turns if turn.speaker == speaker)


def _speaker_scores(turns: Sequence[RawTurn], speakers: list[str], table: RoleTable) -> dict[str, int]:
    scores = dict.fromkeys(speakers, 0)
    for turn in turns:
        if turn.speaker in scores:
            scores[turn.speaker] += table.service_score(turn.text)
    greeter = next((turn.speaker for turn in turns if any(word in turn.text for word in table.greetings)), None)
    if greeter in scores:
        scores[greeter] += table.greeting_first
    return scores


def _lone_resident_message(speaker: str, scores: dict[str, int], hint: tuple[str, str]) -> str:
    """The warning for the one speaker of a file, taken as a resident because they speak as one (a voicemail)."""
    return (f"文件未标明角色，唯一的说话人“{speaker}”说的像居民（得分 {scores[speaker]}），按居民处理：没有工作人员的发言；"
            f"如其是工作人员，请用 {hint[0]} 指定 / roles not given; the one speaker “{speaker}” speaks as a resident (score "
            f"{scores[speaker]}) and is taken as one: no staff speech; if they are staff, use {hint[1]}")


def _staff_absent_message(speakers: list[str]) -> str:
    names = "、".join(f"“{speaker}”" for speaker in speakers)
    return (f"所指定的工作人员（--staff-channel / --staff-speaker）在这一通里没有发言，{names} 按居民处理：没有工作人员的发言 / "
            f"the staff named by --staff-channel / --staff-speaker say nothing in this call; {names} taken as resident: no "
            "staff speech")


def _inference_message(staff: str, speakers: list[str], scores: dict[str, int], sure: bool, hint: tuple[str, str] | None) -> str:
    """The warning of an inference; ``hint`` says how to name the likeliest other speaker as staff instead (the
    fix when the guess is wrong), None when there is no other speaker to name."""
    listed = "，".join(f"“{speaker}” {scores[speaker]}" for speaker in speakers)
    listed_en = ", ".join(f"“{speaker}” {scores[speaker]}" for speaker in speakers)
    if hint is None:
        label = _shell_word(staff)
        return (f"文件未标明角色，推断唯一未标明的说话人“{staff}”为工作人员（得分：{listed}）；如其不是工作人员，请用 --resident-label "
                f"{label} 指定 / roles not given; took the one unlabelled speaker “{staff}” as staff (score: {listed_en}); if "
                f"they are not, say so with --resident-label {label}")
    if sure:
        return (f"文件未标明角色，按问候语和服务用语推断“{staff}”为工作人员（得分：{listed}），其余为居民；"
                f"如推断有误，请用 {hint[0]} 指定 / roles not given; took “{staff}” as staff by greetings and service "
                f"vocabulary (scores: {listed_en}), the others as residents; if that is wrong, use {hint[1]}")
    return (f"文件未标明角色，推断“{staff}”为工作人员，但把握不大（得分接近：{listed}），评分可能把角色弄反；"
            f"如工作人员不是“{staff}”，请用 {hint[0]} 指定 / roles not given; took “{staff}” as staff with LOW "
            f"CONFIDENCE (close scores: {listed_en}): the score may have the roles swapped; if the staff is not "
            f"“{staff}”, use {hint[1]}")


def _hint(source_format: str, speaker: str, channel: str | None = None) -> tuple[str, str]:
    """How to name ``speaker`` as staff for a file of this format, in Chinese and English: its channel when the speaker is
    known by its audio channel only (``channel`` is its id, as in a CSV with a 声道 column), its label, or its speaker
    id — and its ``channel`` too when that channel is its alone (a Paraformer file with every speaker on channel 0
    gets no --staff-channel: it would make everyone staff); quoted for the shell when it needs it: 'Speaker 1'."""
    if channel is not None and channel == speaker:
        return f"--staff-channel {_shell_word(speaker)}", f"--staff-channel {_shell_word(speaker)}"
    speaker = _shell_word(speaker)
    if source_format in LABELLED_FORMATS:
        return f"--staff-label {speaker}", f"--staff-label {speaker}"
    if channel is None:
        return f"--staff-speaker {speaker}", f"--staff-speaker {speaker}"
    channel = _shell_word(channel)
    return (f"--staff-speaker {speaker}（或 --staff-channel {channel}）", f"--staff-speaker {speaker} (or --staff-channel {channel})")


def _own_channel(raw: RawExchange, speaker: str) -> str | None:
    """The audio channel ``speaker``'s turns are all on and no one else's are, if there is one."""
    channels = {turn.channel for turn in raw.turns if turn.speaker == speaker}
    channel = next(iter(channels)) if len(channels) == 1 else None
    if not channel or any(turn.channel == channel for turn in raw.turns if turn.speaker != speaker):
        return None
    return channel


def _shell_word(text: str) -> str:
    """``text`` as one word a shell reads back unchanged: quoted only when it needs it (Speaker 1, not 坐席)."""
    return text if _PLAIN_WORD.fullmatch(text) else shlex.quote(text)
