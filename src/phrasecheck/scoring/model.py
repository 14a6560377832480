"""A standard script as plain objects: what the loader produces and the scorer consumes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicon.model import SourceRef
from .grade import Bands

#: What an item checks; each has one function in :mod:`phrasecheck.scoring.items`.
CHECKS: tuple[str, ...] = ("opening", "closing", "answers", "responses", "courtesy", "prohibited")
#: Whose turns a trigger is looked for in.
TRIGGER_ROLES: tuple[str, ...] = ("resident", "staff")
#: Where a channel cue is looked for: every turn, staff turns, or only the first staff turn.
CUE_PLACES: tuple[str, ...] = ("any", "staff", "opening")


@dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in Chinese and English."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Evidence:
    """What counts as evidence: lexicon categories or rule ids found, or patterns on normalised text."""

    categories: frozenset[str] = frozenset()
    rules: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.categories or self.rules or self.patterns)


@dataclass(frozen=True, slots=True)
class Avoid:
    """A wording to avoid (你 for 您): each finding of one of the lexicon ``rules`` (the same ones
    ``check`` reports), or each match of ``pattern``, in a staff turn costs ``points``."""

    pattern: re.Pattern | None
    points: float
    category: Text
    message: Text
    suggestion: str | None = None
    rules: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Credit for a step done only in part: the share of the weight it earns, and why the rest is lost; for a step
    done late, what counts as doing it then (``evidence``; None: the step's own)."""

    share: float
    message: Text
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class AnswerKind:
    """A kind of question (多久, 多少钱, 在哪 …) and what a reply must say to answer it; with ``echo``, a reply that
    takes up the word asked about answers too (要不要预约 — 小程序上预约); ``owed``: what the answer must say, for the
    trainee told it was missing (说明所需时间)."""

    question: re.Pattern
    answer: re.Pattern
    echo: bool = False
    owed: str = ""


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the scorecard: what is checked, how many points, and why (with sources)."""

    key: str
    check: str
    name: Text
    weight: float
    message: Text
    sources: tuple[SourceRef, ...]
    evidence: Evidence = Evidence()
    within: int = 1
    points: float = 0.0
    suggestion: str | None = None
    questions: tuple[re.Pattern, ...] = ()
    #: answers: a clause one of these matches tells of a question asked before, it asks nothing now (我上礼拜打过来问…).
    told: tuple[re.Pattern, ...] = ()
    not_answers: Evidence = Evidence()
    answer_kinds: tuple[AnswerKind, ...] = ()
    #: answers: a question asked only yes-or-no (``question``: its clause) is answered by a reply opening with a plain yes
    #: or no (``answer``), whatever it asks about (公积金能用来付维修费用吗 — 可以的，…).
    yes_no: AnswerKind | None = None
    #: answers: a reply opening by saying that what was asked about is not needed answers where, when or how to do it
    #: (要到哪里盖章？ — 不用盖章，…): these words, followed by the word asked about.
    not_needed: re.Pattern | None = None
    #: answers: a reply that only asks the resident to wait; the next staff turn may then answer.
    hold: re.Pattern | None = None
    #: answers: a reply naming who can answer (an office and its place or number) answers any kind of question.
    referral: re.Pattern | None = None
    #: answers: words that say nothing in reply (下一位, 我现在忙, 您慢走): a reply of only these answers nothing.
    says_nothing: tuple[re.Pattern, ...] = ()
    avoid: Avoid | None = None
    deductions: dict[str, float] = field(default_factory=dict)
    #: opening: what, besides ``evidence``, makes the step complete (您好 + a welcome or offer of help).
    complete: Evidence = Evidence()
    #: opening: only one of ``evidence`` and ``complete``; opening: ``evidence`` only after the first ``within``
    #: staff turns; closing: ``evidence`` said, but not in the last ``within`` staff turns.
    partial: Shortfall | None = None
    late: Shortfall | None = None
    early: Shortfall | None = None
    #: closing: the other side had gone (a note after the last words that the caller hung up, or ``gone.evidence`` in
    #: the last turn, the staff's: 喂，您还在吗？): the step is owed to no one, earned in full, with ``gone.message`` shown.
    gone: Shortfall | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """Something said (praise, a complaint, a refusal …) that calls for a mandated staff reply."""

    key: str
    item: str
    name: Text
    role: str
    patterns: tuple[re.Pattern, ...]
    expect: Evidence
    within: int
    same_turn: bool
    points: float
    message: Text
    sources: tuple[SourceRef, ...]
    unless: tuple[re.Pattern, ...] = ()
    #: No cue either in a clause that follows, in the same turn, a clause one of these matches (如果您代办，还要带…).
    unless_before: tuple[re.Pattern, ...] = ()
    #: Nor in a clause followed, later in the same turn, by a clause one of these matches (我去档案室找一下，找到了，给您打电话).
    unless_after: tuple[re.Pattern, ...] = ()
    suggestion: str | None = None
    ends_turn: bool = False
    #: A staff trigger whose turn asks the resident for what is needed first (请您告诉我您的身份证号，我查一下)
    #: may have its reply in the next staff turn.
    after_asking: bool = False
    #: Lexicon rules whose findings in the speaker's turn say the trigger too (a resident-scope family: 我要投诉 in dialect).
    rules: tuple[str, ...] = ()
    #: Cues that say the trigger only in reply to a turn of the other side that one of ``in_reply_to`` matches, right
    #: before (原件不能外借 / 恐怕不行 after …可以借我带回去复印吗？: a no to what was asked for).
    reply_patterns: tuple[re.Pattern, ...] = ()
    in_reply_to: tuple[re.Pattern, ...] = ()
    #: A resident question one of these matches, between the cue and a later staff turn, closes the reply window
    #: there: the resident moved on to this office's own business (不归社区办 … 那我开店社区这边要办啥手续？).
    moves_on: tuple[re.Pattern, ...] = ()
    #: A staff cue counts only when the staff's turn before it says one of these (喂，还在吗 after 我帮您查一下).
    after_staff: tuple[re.Pattern, ...] = ()
    #: Seconds: the trigger is also every staff turn that ends a silence this long since the staff's last turn
    #: (a hold read from the timestamps; see :meth:`Context.silence`).
    silence: float | None = None
    #: Seconds: no occasion when the timestamps show the staff back in less (请稍等 and the answer a second later).
    unless_back_within: float | None = None
    #: The reply is owed once: given to the first occasion, it answers the later ones (让您久等了, then 这点事还要等这么久).
    once: bool = False
    #: Triggers whose reply, missed in the staff turn just before this one's, is the same reply missed again: one fault,
    #: charged once for the larger (让您久等了 missed on coming back to the line, then missed again when the caller
    #: says they waited a minute).
    same_fault: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cue:
    """A channel cue: a pattern on normalised text, how much one hit counts, and where to look."""

    pattern: re.Pattern
    weight: float
    where: str = "any"


@dataclass(frozen=True, slots=True)
class Detect:
    """How a script's channel is recognised when nothing says it: the speaker labels, source
    formats and cues that point to it, each with its weight, and the score that settles it."""

    is_default: bool = False
    min_score: float = 1.0
    labels: frozenset[str] = frozenset()
    label_weight: float = 3.0
    formats: dict[str, float] = field(default_factory=dict)
    cues: tuple[Cue, ...] = ()
    #: A source whose turns come on two audio tracks or more (声道 L/R, channel 0/1: a call recorded a side a track).
    tracks_weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Office:
    """Suggested wordings for an exchange at an office of another kind than the one the script's wordings name
    (a hospital or a bank, not a community office): it names an office ``other`` matches and says nothing
    ``own`` matches."""

    own: re.Pattern
    other: re.Pattern
    suggestions: dict[str, str]
    #: Speaker labels that say the office is of another kind too (纳税人, 导医, 柜员: a role-play names no office).
    other_labels: re.Pattern | None = None


@dataclass(frozen=True, slots=True)
class Script:
    """A standard script for one channel (reception window, phone …)."""

    name: str
    channel: str
    title: Text
    version: str
    aliases: tuple[str, ...]
    detect: Detect
    bands: Bands
    items: tuple[Item, ...]
    triggers: tuple[Trigger, ...]
    #: Suggested wordings as this channel says them (the phone's for the reception's).
    suggestions: dict[str, str] = field(default_factory=dict)
    #: Suggested wordings at an office of another kind (同志 at a bank, not 社工).
    office: Office | None = None
    path: str = "<builtin>"
    digest: str = ""
    #: The script this one completes (items, triggers, grades it does not define itself): another loaded script, or the
    #: one of its own name loaded before it (a site's changes to a shipped script).
    extends: str | None = None
    #: The line of ``extends`` in its file (for problems found once every script is loaded).
    extends_line: int = 0
    has_grades: bool = True
    has_detect: bool = True

    def triggers_of(self, item_key: str) -> tuple[Trigger, ...]:
        return tuple(trigger for trigger in self.triggers if trigger.item == item_key)

    @property
    def is_default(self) -> bool:
        return self.detect.is_default

    def rule_ids(self) -> set[str]:
        """Every lexicon rule the script names (evidence, avoid, triggers)."""
        named = {rule for item in self.items for rule in item.evidence.rules | item.complete.rules | item.not_answers.rules}
        named |= {rule for item in self.items if item.avoid for rule in item.avoid.rules}
        return named | {rule for trigger in self.triggers for rule in trigger.rules + tuple(trigger.expect.rules)}

    def patterns(self) -> Iterator[re.Pattern]:
        """Every pattern the script searches for."""
        yield from (cue.pattern for cue in self.detect.cues)
        for item in self.items:
            yield from item.evidence.patterns + item.complete.patterns + item.questions + item.not_answers.patterns
            for kind in item.answer_kinds:
                yield from (kind.question, kind.answer)
            if item.yes_no:
                yield from (item.yes_no.question, item.yes_no.answer)
            yield from (pattern for pattern in (item.hold, item.referral, item.not_needed) if pattern)
            yield from item.says_nothing
        if self.office:
            yield from (self.office.own, self.office.other)
            if item.avoid and item.avoid.pattern:
                yield item.avoid.pattern
        for trigger in self.triggers:
            yield from trigger.patterns + trigger.unless + trigger.unless_before + trigger.unless_after + trigger.expect.patterns
            yield from trigger.reply_patterns + trigger.in_reply_to + trigger.after_staff
