"""One function per kind of script item: how many points it earns, and the findings that show why."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..literals import may_match
from ..models import Finding, Turn
from ..normalize import normal_text
from .card import CardFinding, ItemScore
from .evidence import TurnView
from .model import AnswerKind, Evidence, Item, Script, Shortfall, Trigger
from .patterns import Clauses


#: Particles that say nothing on their own (a reply of 吧 or 呢 alone is no answer).
_PARTICLES = str.maketrans("", "", "吧呢嘛啦呀哈嘞咯哟诶欸哎唉哦噢")
#: Words that say nothing on their own either: what is left of 这个您到时候问医生吧 once the deferral is taken out.
_EMPTY_WORDS = re.compile("这个|那个|您|你")
#: What ends a clause, and a sentence, in a turn's text; the marks of a question.
CLAUSE_MARK = re.compile(r"[，,。.！!？?；;：:、…\n]")
SENTENCE_MARK = re.compile(r"[。.！!？?；;\n…⋯]+")
#: What ends a sentence for charging a fault once (一句): not …, which a stutter (你…你…) has inside one.
FULL_STOP = re.compile(r"[。.！!？?；;\n]+")
#: The gaps between the phrases of speech-recognition text without punctuation.
SPACES = re.compile(r"(?<=\S)\s+(?=\S)")
#: One of those phrases.
PHRASE = re.compile(r"\S+")
#: A sentence with the marks that end it.
SENTENCE = re.compile(r"[^。.！!？?；;\n…⋯]+[。.！!？?；;\n…⋯]*")
EXCLAMATION_MARK = re.compile(r"[！!]")
QUESTION_MARK = re.compile(r"[？?]")
LETTER = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
#: What a staff question asks for (请问, a question word, 您是…吗, …还是…, a reading checked: 是…吗): the resident's answer to it.
ASKING_FOR = re.compile("请问|哪|什么|啥|几|多少|多大|多久|多长|谁|怎么|是不是|有没有|是否|贵姓|还是|(您|你).{0,6}(是|有|要|住|在).{0,12}(吗|呢)"
                        "|^(是|就是|您说的是|你说的是|您是说).{2,20}(吗|吧)|(您|你)[^，,。]{0,8}是[^，,。]{1,12}的吧$")   # 是六十五岁以上老人的那个体检吗？ 您家老人是咱们社区的吧
#: Staff turns a reply may be passed on by (each asking to wait or asking something back): a bound, so that
#: a call of thousands of such turns is not walked to its end from every question.
PASSED_ON = 3
#: Staff asking the resident for what a reply or a lookup needs: 请您告诉我您的身份证号, 麻烦您报一下姓名,
#: 请把身份证给我, 您跟我说说是什么事 (not 您跟我说的情况我知道了, 你跟我说有什么用).
REQUEST = re.compile("(请|麻烦)(您|你)?(先)?(告诉我|提供|报一下|说一下|出示)|((请|麻烦)(您|你)?|(您|你))(先)?(把|将)[^，,。]{1,20}(递|拿|交)?给我"
                     "|(您|你)(先|就)?(跟|和|给)我(说说|讲讲|说一下|讲一下|说下|说是|讲是)(?!的)")
#: A marks-free phrase of speech recognition (between its spaces) that is a question: 请问您贵姓, 您是哪个小区的, 电话多少,
#: 您家老人是咱们社区的吧, 这个出生证明是在哪个医院开的呀
#: (not 您几点来都行, 您问谁都一样: 都 and 也 say "whichever").
UNMARKED_QUESTION = re.compile("^(请问|(您|你)[^都也]{0,4}(哪|什么|啥|几|多少|谁)[^都也]*$)|(您|你)?贵姓$|(电话|号码|手机号?)(是)?多少$|怎么称呼$"
                               "|(您|你)[^都也]{0,8}是[^都也]{1,12}的吧$|(哪|什么|啥|多少|谁)[^都也]{0,12}的?(呀|呢)$")
#: The marks that end or split a sentence: speech recognition's text has none.
MARK = re.compile(r"[。.！!？?；;，,、]")
#: How long a turn with a start time and no end time is taken to last, per character (two a second: slow speech, so
#: that a long turn is not taken to end early and leave a silence that was talk).
SPEECH_MS_PER_CHARACTER = 500
#: A gap between turns shorter than this is a pause in talk, not a silence.
PAUSE_MS = 5000
#: A staff turn that gives the resident something to do (您慢慢写, 请在这里签字, 您找一下身份证): the silence after it is
#: the resident's own.
RESIDENT_TASK = re.compile("(您|你|请|麻烦)[\u4e00-\u9fff]{0,6}(写|填|签|找|拿|翻|准备|核对|看看|看一下|想想|考虑)|(这里|这儿|那里)(写|填|签)|慢慢(写|填|看|找)")
#: A resident's turn that takes a pause of their own (我找一下身份证, 你等一下，我去拿个笔).
RESIDENT_PAUSE = re.compile("(等|稍等)(一下|一会|会儿|下)|我(去|先|再)?(找|拿|翻|看|查|问|取)(一下|下|个|找)")
#: A phrase of speech recognition (between spaces, no marks) after which the resident is still kept waiting: a lookup or
#: an errand announced (我帮您查一下, 您的信息我核实一下, 我去问一下医保科的同事; not one done: 已经给您登记了, 登记完毕;
#: not the resident asked to look: 您看一下短信), don't hang up, the system being slow, or a filler.
HOLDING_ON = re.compile("^(嗯|好的?|那个?)?(?!(您|你)(先|再)?(看|查|找|问|确认|核对))(?!.*(已经|成功|完毕|好了|完了|到了|过了|出来了|了$))"
                        "[\u4e00-\u9fff]{0,10}?(查询|核实|核对|确认|联系|登记|处理|转接|办理|操作|申请|提交|(查|看|找|问|调|翻)(一下|一查|查|看|问|下|一翻))"
                        "[\u4e00-\u9fff]{0,12}$|^(您|你|请)?(先)?(别|不要)挂(机|断|电话)?[啊哈]?$|^(嗯|好的?|那个?)$"
                        "|^系统[\u4e00-\u9fff]{0,4}(慢|卡)|^网[\u4e00-\u9fff]{0,3}(慢|卡)|^马上就好$")
#: The last sentence of a staff turn that keeps the resident waiting for what comes next (请您稍等，我帮您查询一下 /
#: 我给您核实一下): a supervisor's trial saw 2,566 calls (8.6 %) charged for no referral given before the hold ended.
ASKING_TO_WAIT = re.compile("稍等|稍候|等一下|等一会|等我一下|(我|帮您|给您|帮你|给你)[\u4e00-\u9fff]{0,6}?(查询|查一下|查查|核实|核对|问一下|问问|确认一下)")
#: What splits a turn into clauses, speech recognition's spaces too.
CLAUSES = re.compile(rf"(?:{MARK.pattern}|\s)+")
#: A clause, as :data:`CLAUSES` splits a text.
NOT_CLAUSE_MARK = re.compile(r"[^。.！!？?；;，,、\s]+")
#: Staff questions that ask for nothing the reply needs: whether there is more, whether it was understood, or leave.
ASKING_NOTHING = re.compile("还(有|需要|要)(没有)?(办|问)?(什么|其他|其它|别的|啥|事|问题)|有什么(可以|能|需要)|(明白|清楚|听懂|懂)(了)?(吗|没)|(您|你)看(呢|行吗)|(好|可以|行|对|是)(吗|吧|不好|不行)[？?]*$")
#: The most characters a question of leave has (可以吗, 行不行, 方便吗): one that long asks nothing yet.
ASKING_LEAVE = 4
#: The first word asked about after a question's words: its first character past the people, fillers and ways of getting
#: there (要不要我们自己出钱 asks of 出; 还要不要存点水 of 存; 需不需要到大厅来办 of 大).
ASKED_ABOUT = re.compile(r"[我你您他她们咱俺自己这那个点些一下先还再就都也跟给把让叫到去来在]*([\u4e00-\u9fff])")
#: The most characters :data:`ASKED_ABOUT` reads past a question's words (a long run of them asks of nothing).
ASKED_REACH = 16
#: A clause that only acknowledges (好的，请问您是哪个小区的？ asks back and answers nothing).
ACKNOWLEDGING = re.compile("^(好的?|好嘞|嗯+|哦|噢|明白了?|知道了|了解了?|收到|您好|你好|稍等|这样啊|我看看)[啊呀呢吧的]*$")   # not 对, 行, 没问题: a yes
#: Words before a clause's question that answer already (十个工作日左右，您留个电话号码是多少？ / 二十块钱您是现金还是扫码？), and
#: a question word that says "whichever" (什么材料都不用带): such a clause is an answer too.
ANSWERING = re.compile("[0-9一二两三四五六七八九十百千半]+(个)?(元|块|毛|天|日|号|点|分钟|小时|工作日|周|星期|个月|月|年|岁|份|张|次)"
                       "|不用|不要|不需要|用不着|只要|免费|不收|^(对|行|是的|没问题|可以|能)")   # not 您需要…还是…, 您可以说一下…吗
WHATEVER = re.compile("(什么|啥|哪|谁|多少|几)[^，,。？?！!]{0,6}(都|也)"
                      # …就… answers with a second question word or 那: 您在哪个社区登记的就去那个社区开, 您什么时候方便就什么时候来
                      "|(什么|啥|哪|谁|多少|几)[^，,。？?！!]{0,12}就[^，,。？?！!]{0,3}(那|这|什么|啥|哪|谁|多少|几)")
#: Words after "还有个事" that still only announce the matter (我想问问, 想跟您说说, 想麻烦您一下, 您等一下，我找找) or
#: name its topic only (我还想问一下公租房的事).
ANNOUNCING = re.compile("问问|问一下|问个|请教|打听|咨询|了解一下|说说|跟您说|跟你说|麻烦(您|你)|方便|等一下|等等|找找|想想|是这样"
                        "|(的|个)(事|事儿|事情|问题|情况)[啊呀呢吧。.！!…]*$")


@dataclass(slots=True)
class Context:
    """What every item function needs: the script, the turns, and how to find evidence in them."""

    script: Script
    views: list[TurnView]
    clauses: Clauses
    staff: list[int]
    category_of: Callable[[str], str]
    #: Whether the reader saw a note after the last words that the caller hung up (``meta["ended_by"]``).
    ended_by_caller: bool = False
    #: What was worked out about a turn, by what was asked (see :meth:`_once`).
    _kept: dict[tuple, Any] = field(default_factory=dict)

    def _once(self, key: tuple, work: Callable[[], Any]) -> Any:
        """``work()``, done once per ``key`` for this exchange: one long turn may be the reply to thousands
        of questions, each asking the same of it."""
        if key not in self._kept:
            self._kept[key] = work()
        return self._kept[key]

    def evidence(self, index: int, evidence: Evidence, rule: str) -> list[CardFinding]:
        """Evidence in turn ``index``: lexicon findings of the named categories or rules, else pattern hits.
        Kept per turn and evidence (by ``id``: the script keeps it alive); the list returned is shared, so
        callers do not change it."""
        key = ("evidence", index, id(evidence), rule)  # no _once: this runs for every item, turn and evidence
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = self._evidence(index, evidence, rule)
        return found

    def _evidence(self, index: int, evidence: Evidence, rule: str) -> list[CardFinding]:
        found = []
        for finding in self.views[index].findings:
            if finding.rule in evidence.rules or self.category_of(finding.rule) in evidence.categories:
                found.append(CardFinding.of(finding, index))
        if found or not evidence.patterns:
            return found
        hits = [self._at(index, span, rule) for span in self.clauses.find(index, evidence.patterns)]
        return [hit for hit in hits if hit]

    def _at(self, index: int, span: tuple[int, int], rule: str) -> CardFinding | None:
        """A pattern hit as evidence: the courtesy finding already there that holds at least half of it, a finding of its
        own (您好 自来水客服热线 naming the office, not the 您好 inside it), or None inside a prohibited expression (a polite
        word there is no credit; an informal 你 in 你好 is charged on its own and the greeting still counts). Only the
        findings that start close enough to reach the hit are looked at: a long turn has many of both."""
        findings = self.views[index].findings
        starts, longest = self._starts(index)
        for here in findings[bisect_right(starts, span[0] - longest):bisect_left(starts, span[1])]:
            if span[0] < here.end and here.kind == "prohibited":
                return None
            if span[0] < here.end and here.kind == "courtesy" and 2 * _overlap(span, here) >= span[1] - span[0]:
                return CardFinding.of(here, index)
        return self.mark("courtesy", rule, index, span, "info")

    def _starts(self, index: int) -> tuple[list[int], int]:
        """Where each finding of turn ``index`` starts (they come in that order) and the longest one's length."""
        findings = self.views[index].findings
        return self._once(("starts", index), lambda: ([f.start for f in findings],
                                                        max((f.end - f.start for f in findings), default=0)))

    def mark(self, kind: str, rule: str, index: int, span: tuple[int, int], severity: str | None,
             suggestion: str | None = None) -> CardFinding:
        """A finding made by the script itself (a pattern hit, a trigger, a wording to avoid)."""
        start, end = span
        return CardFinding(kind, f"{self.script.name}.{rule}", index, start, end,
                           self.views[index].turn.text[start:end], "pattern", 1.0, severity, suggestion)

    def missing(self, rule: str, suggestion: str | None, at: tuple[int, int]) -> CardFinding:
        """A required element that is not there, placed where it was due."""
        index, offset = at
        return CardFinding("missing", f"{self.script.name}.{rule}", index, offset, offset, "", None, None, None, suggestion)

    def silence(self, first: int, last: int) -> float | None:
        """Seconds the resident waited on the staff from the end of turn ``first`` to the start of turn ``last``: the
        gaps of at least :data:`PAUSE_MS` between the turns in between, added up (a caller's 喂？ during a hold does not
        end it), but none after a turn that leaves the resident busy — a staff :data:`RESIDENT_TASK` (您慢慢写) or a
        resident's :data:`RESIDENT_PAUSE` (我找一下身份证). None without timestamps."""
        total = 0
        for before, after in zip(self.views[first:last], self.views[first + 1:last + 1]):
            ended, starts = _end_ms(before.turn), after.turn.start_ms
            if ended is None or starts is None:
                return None
            busy = (RESIDENT_TASK if before.role == "staff" else RESIDENT_PAUSE).search(before.turn.text)
            total += starts - ended if starts - ended >= PAUSE_MS and not busy else 0
        return total / 1000

    def elapsed(self, first: int, last: int) -> float | None:
        """Seconds from the end of turn ``first`` to the start of turn ``last``; None without timestamps."""
        ended, starts = _end_ms(self.views[first].turn), self.views[last].turn.start_ms
        return None if ended is None or starts is None else (starts - ended) / 1000

    def staff_after(self, index: int, count: int) -> list[int]:
        """The next ``count`` staff turns after turn ``index``."""
        first = bisect_right(self.staff, index)
        return self.staff[first:first + count]

    def staff_before(self, index: int) -> int | None:
        """The staff turn before turn ``index``, or None."""
        before = bisect_left(self.staff, index)
        return self.staff[before - 1] if before else None

    def end_of(self, index: int) -> tuple[int, int]:
        return index, len(self.views[index].turn.text)

    def clause_end(self, index: int, offset: int) -> int:
        """Where the clause around ``offset`` of turn ``index`` ends in its text (before its punctuation)."""
        marks = self._clause_marks(index)
        after = bisect_left(marks, offset)
        return marks[after] if after < len(marks) else len(self.views[index].turn.text)

    def last_sentence(self, index: int) -> int:
        """Where the last sentence of turn ``index`` starts in its text (after the last 。！？ with words after it)."""
        text = self.views[index].turn.text
        start = 0
        for mark in SENTENCE_MARK.finditer(text):
            if mark.end() < len(text.rstrip()):
                start = mark.end()
        return start

    def waiting_from(self, index: int) -> int:
        """Where the stretch of staff turn ``index`` that leaves the resident waiting starts: its last sentence; in
        speech recognition spaced by phrase without marks, its last phrase and the phrases before it that still hold
        the resident (:data:`HOLDING_ON`: 请稍等 我帮您查一下 holds; 请稍等 已经给您挂失了 新卡十五个工作日 and
        请稍等 我看一下 您是哪个支部的 do not); in a turn with no sentence mark at all, from the last sentence end the
        model read (好的请稍候我马上给您录入｜让您久等了…: the wait is over within the turn)."""
        text, normal = self.views[index].turn.text, self.views[index].normal
        if SENTENCE_MARK.search(text.rstrip()[:-1]) or not normal.pauses:   # marks, or spaced by word
            read = normal.offset(ends[-1]) if self.unmarked(index) and (ends := normal.unmarked_ends()) else 0
            return max(self.last_sentence(index), read)
        phrases = [(found.start(), found.group()) for found in PHRASE.finditer(text)]
        last = len(phrases) - 1
        while last > 0 and HOLDING_ON.search(phrases[last][1]):
            last -= 1
        return phrases[last][0] if phrases else 0

    def asked_after(self, index: int, span: tuple[int, int]) -> bool:
        """Whether turn ``index`` asks its question, or says its matter, after ``span`` (顺便问一下，能不能多设一个？
        and 还有个事，楼下的垃圾桶好几天没人收了 say it at once; 我还想问一下，可以吗？ only asks leave to)."""
        text = self.views[index].turn.text
        mark = QUESTION_MARK.search(text, span[1])
        if mark:
            return len(LETTER.findall(text, span[1], mark.start())) > ASKING_LEAVE
        return len(LETTER.findall(text, span[1])) > ASKING_LEAVE and not ANNOUNCING.search(text, span[1])

    def says(self, index: int, pattern: re.Pattern) -> bool:
        """Whether turn ``index`` says ``pattern`` somewhere (a lookup: the clauses keep each pattern's turns)."""
        return index in self.clauses.turns(pattern)

    def asks(self, index: int) -> bool:
        """Whether turn ``index`` asks a question, as the ``answers`` item reads one (not an exclamation)."""
        return self._once(("asks a question", index), lambda: any(
            not self.exclaimed(index, span) for item in self.script.items if item.check == "answers"
            for span in self.clauses.find(index, item.questions)))

    def asks_back(self, index: int, anywhere: bool = False) -> bool:
        """Whether turn ``index`` ends by asking the resident for something the reply needs (请问您住哪个小区？,
        您是哪个小区的？, 请您提供一下身份证号; with ``anywhere``, in any sentence: 请您告诉我您的身份证号，我查一下):
        the reply comes once they have answered, in the next staff turn. Asking leave (办结了，好吗？) or
        whether there is more (还有其他事吗？, 听明白了吗？) asks for nothing. Kept per turn."""
        return self._once(("asks", index, anywhere), lambda: self._asks(index, anywhere))

    def _asks(self, index: int, anywhere: bool) -> bool:
        text = self.views[index].turn.text
        sentences = SENTENCE.findall(text) if anywhere else [text[self.last_sentence(index):]]
        return any(REQUEST.search(sentence) or ((QUESTION_MARK.search(sentence) or _unmarked_question(sentence))
                                                and ASKING_FOR.search(sentence) and not ASKING_NOTHING.search(sentence))
                   for sentence in sentences)

    def opening(self, index: int) -> str:
        """The first clause of turn ``index`` that is more than an acknowledgement (好的，), read up to it only; kept
        per turn (a long reply may follow thousands of questions)."""
        return self._once(("opening", index), lambda: next(
            (found.group() for found in NOT_CLAUSE_MARK.finditer(self.views[index].turn.text)
             if LETTER.search(found.group()) and not ACKNOWLEDGING.search(found.group())), ""))

    def only_asks_back(self, index: int) -> bool:
        """Whether turn ``index`` asks the resident for what the reply needs and says nothing else (好的，请问您在原单位
        缴了多长时间？): a counter-question is not itself an answer (but 可以办，请问您带身份证了吗？ is one)."""
        return self._once(("only asks", index), lambda: self.asks_back(index) and not any(
            not (ACKNOWLEDGING.search(clause) or _asking(clause)) for clause in CLAUSES.split(self.views[index].turn.text)
            if LETTER.search(clause)))

    def through_questions(self, turns: list[int]) -> list[int]:
        """``turns`` and, while the last of them asks something back, the staff turn after it (at most :data:`PASSED_ON`
        more); so too when the one reply ends asking the resident to wait (:data:`ASKING_TO_WAIT`), but not a later
        hold, whose own 让您久等了 answers nothing said before it."""
        for passed in range(PASSED_ON):
            if not (turns and (self.asks_back(turns[-1]) or (passed == 0 and len(turns) == 1 and self.asks_to_wait(turns[-1])))):
                break
            turns = turns + self.staff_after(turns[-1], 1)
        return turns

    def asks_to_wait(self, index: int) -> bool:
        """Whether staff turn ``index`` ends asking the resident to wait while something is looked up (好的，请您稍等，
        我帮您查询一下。): what it was asked for comes in the next staff turn. Kept per turn."""
        return self._once(("asks to wait", index), lambda: bool(
            ASKING_TO_WAIT.search(self.views[index].turn.text, self.waiting_from(index))))

    def sentence_of(self, index: int, position: int) -> int:
        """Which sentence of turn ``index`` (counted from 0) holds ``position``: sentences end at 。！？；, or,
        in speech-recognition text with none of them, at the spaces between its phrases (…, a stutter, ends none),
        or, with neither, where the sentence-end model read one (:mod:`phrasecheck.punctuation`)."""
        return bisect_right(self._once(("sentence ends", index), lambda: self._sentence_ends(index)), position)

    def _sentence_ends(self, index: int) -> list[int]:
        text, normal = self.views[index].turn.text, self.views[index].normal
        return ([found.start() for found in FULL_STOP.finditer(text)] or [found.start() for found in SPACES.finditer(text)]
                or [normal.offset(end) for end in normal.unmarked_ends()])

    def unmarked(self, index: int) -> bool:
        """Whether turn ``index`` has no sentence marks (speech recognition: its sentences are its spaced phrases)."""
        return not FULL_STOP.search(self.views[index].turn.text)

    def rude_clauses(self, index: int) -> dict[int, str]:
        """Where each clause of turn ``index`` that holds a prohibited expression starts, with the first one's rule (an
        expression across a comma: each clause it touches). Kept per turn."""
        return self._once(("rude clauses", index), lambda: self._rude_clauses(index))

    def _rude_clauses(self, index: int) -> dict[int, str]:
        marks, rude = self._clause_marks(index), {}
        for finding in reversed(self.views[index].findings):
            if finding.kind == "prohibited":
                after = bisect_left(marks, finding.start)   # the clauses it touches, from its own on
                rude[marks[after - 1] + 1 if after else 0] = finding.rule
                for mark in marks[after:bisect_left(marks, finding.end)]:
                    rude[mark + 1] = finding.rule
        return rude

    def clause_start(self, index: int, offset: int) -> int:
        """Where the clause around ``offset`` of turn ``index`` starts in its text (after its punctuation)."""
        marks = self._clause_marks(index)
        before = bisect_left(marks, offset)
        return marks[before - 1] + 1 if before else 0

    def _clause_marks(self, index: int) -> list[int]:
        """Where the marks that end clauses stand in turn ``index``'s text. Kept per turn."""
        return self._once(("clause marks", index), lambda: [found.start() for found in CLAUSE_MARK.finditer(self.views[index].turn.text)])

    def exclaimed(self, index: int, span: tuple[int, int]) -> bool:
        """Whether the sentence around ``span`` ends with an exclamation mark and no question mark."""
        found = SENTENCE_MARK.search(self.views[index].turn.text, span[1])
        return found is not None and bool(EXCLAMATION_MARK.search(found.group())) and not QUESTION_MARK.search(found.group())

    def has_substance(self, index: int, nothing: tuple[re.Pattern, ...] = ()) -> bool:
        """Whether turn ``index`` says something besides its prohibited expressions, what the ``nothing`` patterns match
        (下一位, 您慢走), fillers (嗯、啊) and particles (吧、呢): a bare 嗯 or a 不知道 is no answer. Kept per turn."""
        return self._once(("substance", index, id(nothing)), lambda: self._substance(index, nothing))

    def _substance(self, index: int, nothing: tuple[re.Pattern, ...]) -> bool:
        view = self.views[index]
        text = view.turn.text
        kept, position = [], 0
        for finding in view.findings:
            if finding.kind == "prohibited":
                kept.append(text[position:finding.start])
                position = max(position, finding.end)
        # Most turns have no prohibited expression: their normalised text is the view's, not made again.
        said = normal_text("".join(kept) + text[position:]) if kept else view.normal.text
        for pattern in nothing:
            if may_match(pattern, said):  # most replies hold none of its words: no search
                said = pattern.sub("", said)
        return bool(_EMPTY_WORDS.sub("", said).translate(_PARTICLES))


def opening(item: Item, ctx: Context) -> ItemScore:
    """Evidence in the first ``within`` staff turns (迎声, the office named). With ``complete``, a
    step with only one of its two parts earns the ``partial`` share; with ``late``, evidence only
    in a later staff turn earns the ``late`` share (a step out of order; the ``late`` evidence when it has its own:
    an office named in passing later, 会通知物业, is no office named)."""
    turns = ctx.staff[:item.within]
    found = _first(ctx, turns, item.evidence, item.key)
    if item.complete and item.partial:
        rest = _first(ctx, turns, item.complete, item.key)
        if bool(found) != bool(rest):
            return _short(item, ctx, found + rest, item.partial, (ctx.staff[0], 0), "partial")
    if found:
        return ItemScore(item, item.weight, found)
    later = _first(ctx, ctx.staff[item.within:], item.late.evidence or item.evidence, item.key) if item.late else []
    if later:
        return _late(item, ctx, later)
    return _lacking(item, ctx, (ctx.staff[0], 0))


def _late(item: Item, ctx: Context, later: list[CardFinding]) -> ItemScore:
    """A step done only in a later staff turn earns the ``late`` share; still without its other part by then
    (a late 您好 with no offer of help), only the ``partial`` share of that."""
    scored = _short(item, ctx, later, item.late, (ctx.staff[0], 0), "late")
    by_then = [turn for turn in ctx.staff if turn <= later[0].turn]
    if not (item.complete and item.partial) or _first(ctx, by_then, item.complete, item.key):
        return scored
    lost = ctx.missing(f"{item.key}.partial", item.suggestion, (ctx.staff[0], 0))
    cost = item.weight * item.late.share * (1 - item.partial.share)
    return ItemScore(item, item.weight, scored.evidence + [lost], scored.charges + [(lost, cost)])


def closing(item: Item, ctx: Context) -> ItemScore:
    """Evidence in the last ``within`` staff turns (送声); with ``early``, evidence said before the
    end but not at it earns the ``early`` share."""
    turns = ctx.staff[-item.within:] if item.within else []
    found = _first(ctx, turns, item.evidence, item.key)
    if found:
        return ItemScore(item, item.weight, found)
    if gone := _gone(item, ctx):
        return ItemScore(item, item.weight, gone)
    earlier = _first(ctx, ctx.staff[:-item.within or None], item.evidence, item.key) if item.early else []
    if earlier:
        return _short(item, ctx, earlier, item.early, ctx.end_of(ctx.staff[-1]), "early")
    return _lacking(item, ctx, ctx.end_of(ctx.staff[-1]))


def _gone(item: Item, ctx: Context) -> list[CardFinding]:
    """What says the other side had gone before the end (``gone``): the reader's note that the caller hung up, shown at
    the end of the last turn, or ``gone.evidence`` in the last staff turn when no one answers it (喂，您还在吗？ and the
    call ends there — not 喂，您还在吗？ 在呢); none when nothing does."""
    if item.gone is None:
        return []
    last = len(ctx.views) - 1
    if ctx.ended_by_caller:
        return [ctx.mark("trigger", f"{item.key}.gone", last, (len(ctx.views[last].turn.text),) * 2, "info")]
    unanswered = item.gone.evidence and ctx.staff[-1] == last
    spans = ctx.clauses.find(last, item.gone.evidence.patterns) if unanswered else []
    return [ctx.mark("trigger", f"{item.key}.gone", last, span, "info") for span in spans[:1]]


def answers(item: Item, ctx: Context) -> ItemScore:
    """Every resident question is followed by a staff reply that answers it (问有答声): not a
    brush-off, not only a prohibited expression, and for a question of a known kind (多久, 多少钱,
    在哪 …) one that says what was asked. An exclamation (你怎么说话的！) is not a question."""
    charged: list[tuple[CardFinding, float]] = []
    evidence: list[CardFinding] = []
    for index in ctx.clauses.turns_of(item.questions):  # each has a (non-empty) match
        if ctx.views[index].role != "resident":
            continue
        asked = [span for span in ctx.clauses.find(index, item.questions, item.told) if not ctx.exclaimed(index, span)]
        if not asked:
            continue
        replies, kinds = _replies(ctx, index, item), _kinds_asked(ctx, index, item)
        if _answered(ctx, index, replies, item, kinds):
            continue
        left = _left_unanswered(ctx, index, replies, item, kinds)
        questions = [ctx.mark("trigger", f"{item.key}.question", index, span, "info")
                     for span in [span for span, _ in left] or asked[:1]]
        owed = "；".join(dict.fromkeys(kind.owed for _, kind in left if kind.owed))
        missing = ctx.missing(item.key, f"请直接答复：{owed}" if owed else item.suggestion,
                              (replies[0], 0) if replies else ctx.end_of(index))
        evidence += [*questions, missing]
        charged.append((missing, item.points))
    return ItemScore(item, item.weight, evidence, charged)


def responses(item: Item, ctx: Context) -> ItemScore:
    """Each trigger (praise, complaint, refusal …) gets its mandated reply in the window that follows. A trigger said
    again after the last staff turn, its reply already charged as missed (你这什么态度 … 行，我去投诉 — nobody is left to
    answer it), is the same matter: shown, charged once; so is a trigger whose reply is owed ``once`` and was given."""
    charged: list[tuple[CardFinding, float]] = []
    evidence: list[CardFinding] = []
    keys: list[str] = []   # the trigger of each charge
    for trigger in ctx.script.triggers_of(item.key):
        missed = given = False
        for index, span, window in _occasions(trigger, ctx):
            cue = ctx.mark("trigger", trigger.key, index, span, "info")
            reply = _first(ctx, window, trigger.expect, trigger.key)
            evidence += [cue, *reply]
            given = given or bool(reply)
            if given and trigger.once:
                continue
            if not reply:
                due = _due(index, window, span, ctx)
                missing = ctx.missing(trigger.key, trigger.suggestion, due)
                evidence.append(missing)
                if missed and not window:
                    missing.covered_by = missing.rule
                charged.append((missing, 0.0 if missing.covered_by else trigger.points))
                keys.append(trigger.key)
                missed = True
    return ItemScore(item, item.weight, evidence, _once_a_fault(ctx, charged, keys))


def _once_a_fault(ctx: Context, charged: list[tuple[CardFinding, float]], keys: list[str]) -> list[tuple[CardFinding, float]]:
    """``charged`` with a reply missed again (a trigger's ``same_fault``, missed in the staff turn just before) charged
    once, for the larger of the two; the other shown at no cost, covered by it. Looked up by turn: linear."""
    by_turn: dict[int, list[int]] = {}
    for position, (finding, _) in enumerate(charged):
        by_turn.setdefault(finding.turn, []).append(position)
    same = {trigger.key: trigger.same_fault for trigger in ctx.script.triggers if trigger.same_fault}
    for position, (finding, points) in enumerate(charged):
        if keys[position] not in same or not points or (before := ctx.staff_before(finding.turn)) is None:
            continue
        earlier = [other for other in by_turn.get(before, ()) if keys[other] in same[keys[position]] and charged[other][1]]
        if not earlier:
            continue
        largest = max([*earlier, position], key=lambda at: charged[at][1])
        for at in (*earlier, position):
            if at != largest:
                charged[at][0].covered_by = charged[largest][0].rule
                charged[at] = (charged[at][0], 0.0)
    return charged


def courtesy(item: Item, ctx: Context) -> ItemScore:
    """Polite words somewhere in staff speech; each wording to avoid (你 for 您) costs points."""
    polite = _first(ctx, ctx.staff, item.evidence, item.key)
    charged: list[tuple[CardFinding, float]] = []
    if not polite:
        charged.append((ctx.missing(item.key, item.suggestion, (ctx.staff[0], 0)), item.points))
    if item.avoid:
        charged += _in_rude_clauses(ctx, once_a_sentence(ctx, [(mark, item.avoid.points) for mark in _avoided(item, ctx)]))
    return ItemScore(item, item.weight, polite + [mark for mark, _ in charged], charged)


def _in_rude_clauses(ctx: Context, charged: list[tuple[CardFinding, float]]) -> list[tuple[CardFinding, float]]:
    """``charged`` with a wording to avoid in a clause that holds a prohibited expression shown, at no cost, as
    covered by it: 不是跟你说过了吗师傅下午过去你怎么又打来问 (speech recognition: one clause) is one outburst, charged once
    (for the expression); 别啰嗦，快点讲，你的身份证带了没有？ asks on in a clause of its own, whose 你 is charged."""
    for position, (mark, points) in enumerate(charged):
        rude = ctx.rude_clauses(mark.turn).get(ctx.clause_start(mark.turn, mark.start))
        if rude and points:
            charged[position] = (mark, 0.0)
            mark.covered_by = rude
    return charged


def prohibited(item: Item, ctx: Context) -> ItemScore:
    """Each prohibited expression in staff speech costs the deduction for its severity, once a sentence."""
    found = [CardFinding.of(f, i) for i in ctx.staff for f in ctx.views[i].findings if f.kind == "prohibited"]
    charged = [(finding, item.deductions.get(finding.severity or "", 0.0)) for finding in found]
    return ItemScore(item, item.weight, found, _graver_of_overlapping(once_a_sentence(ctx, charged)))


def _graver_of_overlapping(charged: list[tuple[CardFinding, float]]) -> list[tuple[CardFinding, float]]:
    """``charged`` with findings whose words overlap (怎么听不懂 and 听不懂人话 in 你这人怎么听不懂人话呢) charged once, as
    one outburst, for the gravest of them; the others shown at no cost, covered by it. One pass over each turn's
    findings in order of where they start."""
    order = sorted((position for position, (_, points) in enumerate(charged) if points),
                   key=lambda position: (charged[position][0].turn, charged[position][0].start))
    group: list[int] = []
    end = 0   # where the group's words end
    for position in order:
        finding = charged[position][0]
        if group and (finding.turn != charged[group[0]][0].turn or finding.start >= end):
            _charge_gravest(charged, group)
            group = []
        end = max(end, finding.end) if group else finding.end
        group.append(position)
    if group:
        _charge_gravest(charged, group)
    return charged


def _charge_gravest(charged: list[tuple[CardFinding, float]], group: list[int]) -> None:
    gravest = max(group, key=lambda position: charged[position][1])
    for position in group:
        if position != gravest:
            charged[position][0].covered_by = charged[gravest][0].rule
            charged[position] = (charged[position][0], 0.0)


def once_a_sentence(ctx: Context, charged: list[tuple[CardFinding, float]]) -> list[tuple[CardFinding, float]]:
    """``charged`` with each fault charged once: the same rule again in one sentence of a turn (快点说，后面还有人排队呢;
    你…你…) is shown, at no cost, as covered by itself. Speech recognition without sentence marks spaces its phrases
    (快点说撒 后面还有人排起的): there the same prohibited expression in the very next phrase is the same outburst too
    (a 你 in each of two phrases is two, as in two sentences: 你先坐 你把身份证给我)."""
    last: dict[tuple[int, str], int] = {}   # the sentence where each turn's rule was last charged
    for position, (finding, points) in enumerate(charged):
        key, sentence = (finding.turn, finding.rule), ctx.sentence_of(finding.turn, finding.start)
        if points and key in last and _same_fault(ctx, finding, last[key], sentence):
            charged[position] = (finding, 0.0)
            finding.covered_by = finding.rule
        else:
            last[key] = sentence
    return charged


def _same_fault(ctx: Context, finding: CardFinding, before: int, sentence: int) -> bool:
    """Whether ``finding``, in ``sentence`` of its turn, repeats its rule's finding in sentence ``before``."""
    return sentence == before or (finding.kind == "prohibited" and sentence == before + 1 and ctx.unmarked(finding.turn))


CHECKS: dict[str, Callable[[Item, Context], ItemScore]] = {
    "opening": opening, "closing": closing, "answers": answers,
    "responses": responses, "courtesy": courtesy, "prohibited": prohibited,
}


def _lacking(item: Item, ctx: Context, due: tuple[int, int]) -> ItemScore:
    missing = ctx.missing(item.key, item.suggestion, due)
    return ItemScore(item, item.weight, [missing], [(missing, item.weight)])


def _short(item: Item, ctx: Context, found: list[CardFinding], shortfall: Shortfall, due: tuple[int, int],
           how: str) -> ItemScore:
    """A step done only in part: what was found, and a finding for the rest, costing the share not earned."""
    lost = ctx.missing(f"{item.key}.{how}", item.suggestion, due)
    return ItemScore(item, item.weight, found + [lost], [(lost, item.weight * (1 - shortfall.share))])


def _answered(ctx: Context, index: int, replies: list[int], item: Item, kinds: list[AnswerKind]) -> bool:
    """Whether one of the ``replies`` answers: more than a brush-off or a prohibited expression, and
    saying what each kind of question asked calls for, or who can say it (an office and its place or number)."""
    for reply in replies:
        if ctx.only_asks_back(reply) or not _says_something(ctx, reply, item, kinds):
            continue
        if all(_says_answer(ctx, index, reply, kind, item) for kind in kinds) or _refers(ctx, reply, item):
            return True
    return False


def _left_unanswered(ctx: Context, index: int, replies: list[int], item: Item, kinds: list[AnswerKind]
                     ) -> list[tuple[tuple[int, int], AnswerKind]]:
    """Where turn ``index`` asks each kind of question that a real reply among ``replies`` does not answer
    (要带什么材料？多久能拿到？收费吗？ answered with the materials only: 多久, 收费; with 嗯: all three) — what a
    trainer is shown, with each kind."""
    said = [reply for reply in replies if _says_something(ctx, reply, item, kinds)]
    return [(ctx.clauses.find(index, [kind.question])[0], kind) for kind in kinds
            if not any(_says_answer(ctx, index, reply, kind, item) for reply in said)]


def _says_answer(ctx: Context, index: int, reply: int, kind: AnswerKind, item: Item) -> bool:
    """Whether staff turn ``reply`` says what ``kind`` of question in turn ``index`` calls for, or (an ``echo`` kind)
    takes up the first word asked about after the question's words (要不要预约 — 小程序上预约; 需不需要花钱请律师), or
    opens with a plain yes or no to it, or with what was asked about not being needed (:func:`_answers_directly`)."""
    if ctx.says(reply, kind.answer):
        return True
    text, said = ctx.views[index].turn.text, ctx.views[reply].turn.text
    spans = ctx.clauses.find(index, [kind.question])
    if kind.echo and any((asked := _asked_about(text, end)) and asked in said for _, end in spans):
        return True
    return _answers_directly(ctx, index, reply, spans, item)


def _answers_directly(ctx: Context, index: int, reply: int, spans: list[tuple[int, int]], item: Item) -> bool:
    """Whether the first words of staff turn ``reply`` that are more than an acknowledgement answer the question at
    ``spans`` of turn ``index`` outright: a plain yes or no to a clause asked only yes-or-no (``yes_no``), or what was
    asked about said not to be needed (``not_needed`` and the word asked about: 要到哪里盖章？ — 不用盖章)."""
    opening = ctx.opening(reply)
    text = ctx.views[index].turn.text
    if item.yes_no and item.yes_no.answer.search(opening):
        clauses = {ctx.clause_start(index, start): start for start, _ in spans}   # each clause read once
        if any(item.yes_no.question.search(text[low:ctx.clause_end(index, start)]) for low, start in clauses.items()):
            return True
    denied = item.not_needed.match(opening) if item.not_needed else None
    return bool(denied) and any((asked := _asked_about(text, end)) and asked in opening[denied.end():] for _, end in spans)


def _asked_about(text: str, end: int) -> str | None:
    """The first word asked about after a question's words ending at ``end`` (:data:`ASKED_ABOUT`), or None."""
    asked = ASKED_ABOUT.match(text, end, end + ASKED_REACH)
    return asked.group(1) if asked else None


def _says_something(ctx: Context, reply: int, item: Item, kinds: list[AnswerKind]) -> bool:
    """Whether staff turn ``reply`` may answer at all: not a brush-off, a prohibited expression or words that
    say nothing, nor only a wait — a reply that ends asking the resident to wait has answered when it says what
    each kind of question asked calls for (大概十分钟，请您在旁边稍等一下 answers 多久能拿到)."""
    if ctx.evidence(reply, item.not_answers, item.key) or not ctx.has_substance(reply, item.says_nothing):
        return False
    return not _asks_to_wait(ctx, reply, item) or bool(kinds) and all(ctx.says(reply, kind.answer) for kind in kinds)


def _refers(ctx: Context, reply: int, item: Item) -> bool:
    return item.referral is not None and ctx.says(reply, item.referral)


def _replies(ctx: Context, index: int, item: Item) -> list[int]:
    """The staff turns that may answer the question in turn ``index``: the next ``within``, and one
    more after each that only asks the resident to wait (请稍等，我帮您查一下) or asks something back."""
    replies = ctx.staff_after(index, item.within)
    for _ in range(PASSED_ON):
        if not (replies and (_asks_to_wait(ctx, replies[-1], item, anywhere=True) or ctx.asks_back(replies[-1]))):
            break
        replies += ctx.staff_after(replies[-1], 1)
    return replies


def _asks_to_wait(ctx: Context, index: int, item: Item, anywhere: bool = False) -> bool:
    """Whether staff turn ``index`` ends by asking the resident to wait (it answers nothing yet); with ``anywhere``,
    asks it in any clause (请您稍等，系统有点慢: the answer may still come in the next turn; a lookup, as a long
    reply may be passed each of thousands of questions)."""
    if item.hold is None:
        return False
    return ctx.says(index, item.hold) if anywhere else bool(ctx.clauses.find(index, [item.hold], last_clause=True))


def _kinds_asked(ctx: Context, index: int, item: Item) -> list[AnswerKind]:
    """The kinds of question turn ``index`` asks (a question no kind covers asks for any real reply); words of a
    kind in an exclamation (你们到底会不会办事！) or in a clause that tells (``told``) ask nothing."""
    return [kind for kind in item.answer_kinds if ctx.says(index, kind.question)
            and any(not ctx.exclaimed(index, span) for span in ctx.clauses.find(index, [kind.question], item.told))]


def _first(ctx: Context, turns: list[int], evidence: Evidence, rule: str) -> list[CardFinding]:
    """The evidence in the first of ``turns`` that has any (loops, not generators: this runs for every item)."""
    for index in turns:
        if found := ctx.evidence(index, evidence, rule):
            return found
    return []


def _occasions(trigger: Trigger, ctx: Context) -> Iterator[tuple[int, tuple[int, int], list[int]]]:
    """Each turn where the trigger is said, its first span, and the staff turns where the reply counts.

    Cues in a row that share the same reply window are one occasion.
    """
    windows: set[tuple[int, ...]] = set()
    held = _after_silence(trigger, ctx)
    replies = _said_in_reply(trigger, ctx)
    for index in sorted(set(ctx.clauses.turns_of(trigger.patterns)) | _said_by_rules(trigger, ctx) | held | replies):
        if ctx.views[index].role != trigger.role:
            continue
        spans = _trigger_spans(trigger, ctx, index, index in replies) if index not in held else [(0, ctx.clause_end(index, 0))]
        if trigger.ends_turn:  # a resident's announcement still to be followed by the question, a staff's pause
            last = ctx.waiting_from(index) if trigger.role == "staff" else ctx.last_sentence(index)
            spans = [span for span in spans if span[0] >= last
                     and not (trigger.role == "resident" and ctx.asked_after(index, span))]
        same = [index] if trigger.same_turn and trigger.role == "staff" else []
        if same and trigger.after_asking and ctx.asks_back(index, anywhere=True):
            same += ctx.staff_after(index, 1)
        window = same + ctx.through_questions(ctx.staff_after(index, trigger.within))
        if trigger.moves_on:
            window = _until_moved_on(ctx, index, window, trigger.moves_on)
        if trigger.unless_back_within is not None and _back_within(ctx, index, window, trigger.unless_back_within):
            continue
        if trigger.after_staff and not _staff_said_before(ctx, index, trigger.after_staff):
            continue
        if spans and tuple(window) not in windows:
            windows.add(tuple(window))
            yield index, spans[0], window


def _after_silence(trigger: Trigger, ctx: Context) -> set[int]:
    """The staff turns that end a silence of at least the trigger's ``silence`` seconds since the last staff turn."""
    if trigger.silence is None:
        return set()
    return {later for earlier, later in zip(ctx.staff, ctx.staff[1:])
            if (seconds := ctx.silence(earlier, later)) is not None and seconds >= trigger.silence}


def _back_within(ctx: Context, index: int, window: list[int], seconds: float) -> bool:
    """Whether the timestamps show the first later staff turn of ``window`` starting less than ``seconds`` after turn
    ``index`` ends (the time itself, whatever was said between: the resident's aside does not shorten a hold)."""
    back = next((turn for turn in window if turn > index), None)
    elapsed = ctx.elapsed(index, back) if back is not None else None
    return elapsed is not None and elapsed < seconds


def _until_moved_on(ctx: Context, index: int, window: list[int], moves_on: tuple[re.Pattern, ...]) -> list[int]:
    """``window`` up to the first later staff turn that a resident question on this office's own business comes
    before (不归社区办理 … 那我开店社区这边要办啥手续？: the reply to that is no referral). Asking what to do, where to
    go or pushing back (那咋办？ 凭什么不归你们管？) keeps it open."""
    kept, last = [], index
    for turn in window:
        if turn > index and any(ctx.asks(between) and any(ctx.says(between, pattern) for pattern in moves_on)
                                for between in range(last + 1, turn) if ctx.views[between].role == "resident"):
            break
        kept.append(turn)
        last = turn
    return kept


def _staff_said_before(ctx: Context, index: int, patterns: tuple[re.Pattern, ...]) -> bool:
    """Whether the staff turn before turn ``index`` says one of ``patterns``."""
    before = bisect_left(ctx.staff, index) - 1
    return before >= 0 and any(ctx.says(ctx.staff[before], pattern) for pattern in patterns)


def _said_by_rules(trigger: Trigger, ctx: Context) -> set[int]:
    """The turns where one of the trigger's lexicon rules was found."""
    if not trigger.rules:
        return set()
    return {index for index, view in enumerate(ctx.views) if any(f.rule in trigger.rules for f in view.findings)}


def _said_in_reply(trigger: Trigger, ctx: Context) -> set[int]:
    """The turns where a ``reply_patterns`` cue answers a turn of the other side, right before, that ``in_reply_to``
    matches."""
    if not trigger.reply_patterns:
        return set()
    return {index for index in ctx.clauses.turns_of(trigger.reply_patterns)
            if index > 0 and ctx.views[index - 1].role not in (trigger.role, "unknown")
            and any(ctx.says(index - 1, pattern) for pattern in trigger.in_reply_to)}


def _trigger_spans(trigger: Trigger, ctx: Context, index: int, in_reply: bool) -> list[tuple[int, int]]:
    """Where turn ``index`` says the trigger, in order: its patterns (outside ``unless``), its ``reply_patterns`` in
    the turn's first two clauses when it is ``in_reply`` to what they answer (哎呀这个，不太方便 — not a warning after a
    yes: 能打，不过要提醒您，当天不能洗澡), and its rules' findings."""
    spans = _spans(ctx, index, trigger.patterns, trigger)
    if in_reply:
        opening = ctx.clause_end(index, ctx.clause_end(index, 0) + 1)
        spans += [span for span in _spans(ctx, index, trigger.reply_patterns, trigger) if span[0] < opening]
    spans += [(f.start, f.end) for f in ctx.views[index].findings if f.rule in trigger.rules]
    return sorted(spans)


def _spans(ctx: Context, index: int, patterns: tuple[re.Pattern, ...], trigger: Trigger) -> list[tuple[int, int]]:
    """Where turn ``index`` says one of ``patterns``, outside the trigger's ``unless``, ``unless_before`` and ``unless_after``."""
    return ctx.clauses.find(index, patterns, trigger.unless, unless_before=trigger.unless_before,
                            unless_after=trigger.unless_after) if patterns else []


def _due(index: int, window: list[int], span: tuple[int, int], ctx: Context) -> tuple[int, int]:
    """Where a missed reply was due: at the end of the clause of a staff cue (never inside its
    words), else at the start of the next staff turn."""
    if window and window[0] == index:
        return index, ctx.clause_end(index, span[1])
    return (window[0], 0) if window else ctx.end_of(index)


def _avoided(item: Item, ctx: Context) -> list[CardFinding]:
    """Each wording to avoid in staff turns, outside prohibited findings (already charged there)."""
    avoid = item.avoid
    if avoid.rules:
        return [CardFinding.of(f, index) for index in ctx.staff for f in ctx.views[index].findings if f.rule in avoid.rules]
    marks = []
    said = ctx.clauses.turns(avoid.pattern)  # most calls: nowhere
    for index in ctx.staff:
        spans = ctx.clauses.find(index, [avoid.pattern]) if index in said else []
        taken = [(f.start, f.end) for f in ctx.views[index].findings if f.kind == "prohibited"] if spans else []
        for span in spans:
            if not _overlaps(span, taken):
                marks.append(ctx.mark("informal", f"{item.key}.avoid", index, span, "low", avoid.suggestion))
    return marks


def _end_ms(turn: Turn) -> int | None:
    """When a turn ends: its end time, else its start and :data:`SPEECH_MS_PER_CHARACTER` a character."""
    if turn.end_ms is not None or turn.start_ms is None:
        return turn.end_ms
    return turn.start_ms + SPEECH_MS_PER_CHARACTER * len(LETTER.findall(turn.text))


def _overlap(span: tuple[int, int], finding: Finding | CardFinding) -> int:
    """How many characters of ``span`` the finding covers."""
    return max(0, min(span[1], finding.end) - max(span[0], finding.start))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    for start, end in spans:
        if start < span[1] and span[0] < end:
            return True
    return False




def deduct(weight: float, charged: list[tuple[CardFinding, float]]) -> float:
    """Charge each finding its points until the item's weight is used up (what it could no longer pay
    is marked ``used_up``); return what is left."""
    left = weight
    for finding, points in charged:
        taken = min(points, left)
        finding.points = -taken
        finding.used_up = taken < points
        left -= taken
    return left


def _asking(clause: str) -> bool:
    """Whether a clause only asks the resident for something (a request, or a question word), with no answer
    before it and no "whichever" in it."""
    found = [match.start() for pattern in (REQUEST, ASKING_FOR, UNMARKED_QUESTION) if (match := pattern.search(clause))]
    return bool(found) and not WHATEVER.search(clause) and not ANSWERING.search(clause, 0, min(found))


def _unmarked_question(sentence: str) -> bool:
    """Whether a sentence without any mark (speech recognition's) has a phrase that is a question."""
    return not MARK.search(sentence) and any(UNMARKED_QUESTION.search(phrase) for phrase in SPACES.split(sentence.strip()))
