"""Confirm candidates: word boundaries as jieba cuts them, and context guards (hedges, quotations)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate, chain, takewhile

from ..normalize import NormalText, normal_text
from .candidates import Candidate
from ..lexicon.model import AllOf, AnyOf, Condition, NotOf, Regex, Rule, Words
from .compile import BARRIER_CHAR
from .families import normalised
from .quotes import QUOTE_MARK, QUOTE_PAIRS
from .words import words

#: Characters of context on each side that jieba sees when judging a boundary.
BOUNDARY_WINDOW = 4
#: Phrases longer than this are not boundary-checked: a long phrase is its own evidence.
BOUNDARY_MAX_LENGTH = 4
#: A family match's words up to this long are boundary-checked (笨 in 笨重, 傻 in 傻眼).
FAMILY_WORD_CHECKED = 2
#: Text just before a prohibited phrase that makes it a mention, not a use (规定不能说“不归我管”).
MENTION_BEFORE = re.compile(
    r"(不能|不要|不准|不许|禁止|严禁|不得|不应该|不应|不该|别|避免|切忌|杜绝|忌)((对|跟|和|同|向)[^说讲]{1,8})?(只|光|直接|随便)?(说|讲|使用|用|甩|撂|丢)(一句|一声)?(那|这)?$"
    r"|(禁用语|忌语|禁语|服务禁语)(的)?(是)?(我|你|说)?$|(禁用语|忌语|禁语|服务禁语)(的)?(有|如|包括|比如|例如|像)(说)?.{0,6}$"
    # the choices of a question about them (下面哪一句属于服务忌语？A.请稍等 B.…)
    r"|(属于|算)(服务)?(禁用语|忌语|禁语)(吗|呢)?.{0,8}$"
    # the words complained of, as a complaint's follow-up reports them without quotation marks (您投诉的工作人员说你去找别人,
    # 态度问题包括说别啰嗦快点讲), not a colleague quoted to send the resident off (我同事说了，这事不归我们管)
    r"|((投诉|反映)的(那位|那个)?(工作人员|员工|同事|窗口的人|同志|客服|话务员|坐席|人)(对您|跟您|和您|对你|跟你)?(说|讲)(了)?(一句|句)?"
    r"|问题包括(说|讲)).{0,6}$"
)
#: A mention framed on both sides, as speech recognition writes a rule read out without quotation marks: a verb of
#: saying forbidden within :data:`FRAMED_REACH` characters before, 这种话 right after (不能说我刚才已经说过了你怎么还问这种话).
FRAMED_BEFORE = re.compile(r"(不能|不要|不准|不许|禁止|严禁|不得|不应该|不应|不该|避免|切忌|杜绝)(只|光|直接|随便)?(说|讲)")
FRAMED_AFTER = re.compile(r"(这种|这类|这样的|之类的|那种|这些)(话|说法)")
FRAMED_REACH = 20
#: Someone else's words reported without quotation marks, as speech recognition writes them: a speaker not the staff
#: member and a verb of saying at most 12 characters before (他那天说…, 您说他跟您讲…, 同事说都说过了…), and soon after, within
#: :data:`REPORTED_REACH` characters, a judgement of them, a check that they were heard right or what was in fact
#: done (…那是他不对, …我代她向您道歉, …是吗, …其实我已经帮他登记了). Not a colleague cited to send someone off (同事说了，
#: 这事不归我们管，你去问社保局).
REPORTED_BEFORE = re.compile(
    r"(他|她|他们|她们|伊|佢|对方|同事|居民|有人|那人|那个人|那位|工作人员|员工|窗口|保安|老师|主任|领导|快递员|人家|群众|您)"
    r"(刚才|刚刚|之前|那天|上次|昨天)?[^我]{0,10}?(说|讲|骂|吼|喊|催|反映)(了|过)?(一句|句|一声)?.{0,12}$")
REPORTED_AFTER = re.compile(
    r"不应该|不该这样|(是他|是她|是伊|是我们|这话|这样|这个态度|这种态度|说得)(是|就是|确实)?(不对|勿对|唔啱|不行|不像话|不合适|不礼貌|太伤人)|太伤人|道歉|批评|处分"
    r"|通报|严肃处理|处理结果|整改|扣分|引以为戒|对吧|对不对|是吗|是吧|系咪|记下来了|记录下来"
    r"|其实|实际上|事实上")   # set right: 他说我们不管，其实我已经帮他登记了 (a metro trial)
#: Words between the report and its judgement that agree with it or defy it (那个人说得对…, …处分我我也认了): the words
#: are the staff member's own then.
REPORTED_OWNED = re.compile(r"(说|讲)得(对|没错|好|在理)|我也(觉得|认为|这么看)|我睇都系|我看也是|处分我|处分去|让领导处分")
REPORTED_REACH = 24
#: Words soon after a match that judge it as talk not to say, as speech recognition writes a mention without
#: quotation marks (有意见找领导反映这种话是推卸，不能讲; …还不懂 确实是我们禁止的用语): the phrase named, then judged
#: (not 这话是我说的, 这话算客气的了), and not defied (是禁语又怎样, 这就是禁止的用语吗？我不在乎).
MENTION_AFTER = re.compile(
    r"(?:(这种话|这句话|这样的话|这类话|这些话|之类的话|那种话|这话|那句话)(都|就|也|本来)?(是|属于|算)?(在)?"
    r"(推卸|推诿|搪塞|不文明|不礼貌|打官腔|服务禁语|禁语|忌语|禁用语|(不能|不该|不应该|不准|不许|不可以|禁止)(说|讲|用|使用))"
    r"|(这种话|这句话|这样的话|这类话|这些话|那种话|这话|那句话)(以后|今后|千万|坚决|绝对|一定){1,2}(不能|不要|不该|不准|不许|禁止)(说|讲|用|再说)"
    r"|(确实|也|就|都|本来)?(是|属于|算)(我们|单位|中心|医院|公司)?(明令)?(禁止|严禁|不准|不许)(的|使用的)?(用语|说法|语言|话)"
    r"|(是|属于|算)(服务)?(禁语|忌语|禁用语|不文明用语)"
    # named as an example not to follow (这是反面例子, 这是培训中列出的禁语, 这是典型的服务禁语)
    r"|(这|那)(是|属于|算)[^，,。.？?！!]{0,8}(禁语|忌语|禁用语|不文明用语|反面例子|反面教材|错误示范|错误说法))"
    r"(?!(的)?(吗|么|嘛|又怎样|又怎么样|又如何|怎么了|又咋|我不怕|我不在乎))"
)
#: Words right after a match that take it back as a joke (您别跟我说，跟他说去。开玩笑的老周…; 您别啰嗦了 开个玩笑 张大爷您说吧):
#: the speaker joking, not 开什么玩笑 or 别开玩笑 (which tell the resident off), nor 跟我开玩笑 (said of the resident).
JOKED_AFTER = re.compile(r"(?<![别莫甭不我])(?<!跟我)(?<!和我)((开|闹)(个|了个)?玩笑|(逗|闹)着玩|逗(您|你)(玩|呢|的)|说笑(的|呢))")
#: Characters after a match where :data:`JOKED_AFTER` takes it back.
JOKED_REACH = 12
#: Characters after the joke that must turn to the resident kindly (:data:`JOKE_KIND_AFTER`) and not at them.
JOKE_FOLLOW = 16
JOKE_KIND_AFTER = re.compile(r"您|咱|坐|说吧|请讲|慢慢|喝(口|杯)?水")
JOKE_UNKIND_AFTER = re.compile(r"你(?!们)|笨|蠢|傻|烦|服了|少见|不过|但说真的")
#: Words before a quotation that make it the writer's own: 我 (not told: 跟我说, 告诉我) saying it, with no negation
#: between (我当时跟他说：, 我就回了一句), or the reply to give (答复口径：, 统一回复：); and after one, 我 shouting it.
OWN_BEFORE = re.compile(
    r"(?:(?:(?<![\u4e00-\u9fff])|(?<=当时)|(?<=然后)|(?<=于是)|(?<=结果)|(?<=所以)|(?<=后来))我"
    r"(?:当时|当场|就|直接|还|也|又|便|立马|马上|一下子)?(?:跟|对|和|冲|朝|向|给)?"
    r"(?:他|她|他们|她们|您|你|你们|居民|群众|大爷|大妈|阿姨|老人|对方|人家|那人|那位)?"
    r"(?:说|讲|喊|吼|嚷|回|答|回答|答复)(?:了|道)?(?:一句|句|声)?"
    r"|(?:答复|回复|应答|统一|对外)(?:口径|话术|答复|回复|说法))[：:，,]?\s*$")
OWN_AFTER = re.compile(r"[，,]?\s*我(?:当时|就|还|又|便)?(?:冲|对|跟|朝|向)(?:他|她|他们|她们|您|你|你们|居民|群众|大爷|大妈|阿姨|老人|对方|人家)?"
                       r"(?:喊|吼|嚷|说|讲|回)")
#: Words soon after one's own quotation that take it back (…，那句话很不礼貌，对不起，我重新跟您说): not said now.
OWN_TAKEN_BACK = re.compile(r"不礼貌|不应该|不该|对不起|抱歉|不好意思|道(?:了)?歉|收回|后悔|不妥|说错|重新(?:跟您|和您|给您|跟你)?说")
#: What jieba's cut joins into one token when adjacent (its ``re_eng``).
_ALNUM = re.compile("[a-zA-Z0-9]")
#: Characters of the clause on each side of a candidate that context guards see.
GUARD_REACH = 32
#: Characters of the line on each side of a candidate where its rule's ``none`` cancels it.
NONE_REACH = 40
#: A clause longer than this has lost its marks (speech recognition without punctuation): a rule's ``none`` looks
#: back only :data:`RUN_ON_REACH` characters there.
RUN_ON_CLAUSE = 40
RUN_ON_REACH = 12
#: Characters of its own clause on each side of a candidate where a one-character word of ``none`` (我, 您) cancels it:
#: speech recognition without marks makes a whole turn one clause.
OWN_REACH = 8
#: The stock courtesies a turn opens or closes with (您好，请问还有什么可以帮您 / 感谢您的来电): said of nothing in
#: particular, their 帮您 takes no brush-off back.
STOCK_COURTESY = re.compile(
    "(您好)?(请问)?(您)?还有(什么|其他|别的)(的)?(事情?|问题|业务|需要)?(需要|可以)?(我们?)?(帮|为)(您|你)(的|做的|办的)?(吗|么)?"
    "|(请问)?有什么(可以|能)(帮|为)(您|你)(的)?|(感谢|谢谢)(您的)?来电|祝您生活愉快")
#: Verbs of saying that open a quotation of someone's words (讲“…”).
SAYING = frozenset("说讲叫喊道问")
#: Whom words are said to, between the verb and the quotation (叫你“…”).
ADDRESSED = frozenset("你您我他她侬恁")
#: Characters of speech after the candidate's phrase that a line spaced by phrase lets its rule's ``none`` see,
#: to the end of the phrase they reach into (签不了 你先坐 我进去会议室递给他签).
PHRASE_AFTER = 10
#: A sentence that offers or does something for the resident: its speaker or the resident named as who acts or is
#: acted for (我给您写个条子, 给您登记上了, 请您下午三点再来).
ACTING = re.compile("我|俺|咱|(给|帮|为|替|请)(您|你|恁|侬)|(您|你|恁|侬)(可以|也可以|可|到|去)")
#: Marks that end a question, whose answer may follow in the next sentence.
QUESTION_MARKS = "？?"
#: Marks that end an exclamation.
EXCLAMATION_MARKS = "！!"
#: Sentences of at most this many characters ending in ！ that the next one may turn (你行你上！来，这首歌你唱).
SHORT_EXCLAMATION = 5
#: An answer of at most this many characters goes on in the sentence after it (办！多晚都给你办完).
ONE_WORD_ANSWER = 2
#: Marks where the context a guard sees was cut short of the clause's edge (no phrase or guard contains it).
CUT = BARRIER_CHAR


def boundary_against(text: NormalText, candidate: Candidate) -> str | None:
    """The word jieba puts across the candidate's edge (您好 in 您好像没带), or across an edge of one
    of a family match's short words (笨 in 笨重, 瓜 in 黄瓜), as ``"word boundary: …"``; None when there is none.
    A word jieba makes of a family match's own words (改天再来 of 改天 + 再来) is no boundary against it."""
    if candidate.how == "family":
        for start, end in candidate.parts:
            if end - start <= FAMILY_WORD_CHECKED and (found := word_around(text, start, end)):
                word, word_start, word_end = found
                if not _covered(word_start, word_end, candidate.parts):
                    return f"word boundary: {text.text[start:end]} | {word}"
        return None
    if candidate.how in ("fuzzy", "model") or span_on_word_boundaries(text, candidate.start, candidate.end):
        return None
    return f"word boundary: {text.text[max(0, candidate.start - 2):candidate.end + 2]}"


def snapped_to_words(text: NormalText, candidate: Candidate) -> Candidate:
    """A fuzzy candidate widened to the words jieba cuts across its edges, so that what is quoted and
    replaced is whole words (这事不归我们居委会, not 这事不归我们居); any other candidate as it is."""
    if candidate.how != "fuzzy":
        return candidate
    start, end = candidate.start, candidate.end
    if (after := word_around(text, end - 1, end)) and after[1] < end < after[2]:
        end = after[2]
    if (before := word_around(text, start, start + 1)) and before[1] < start < before[2]:
        start = before[1]
    return candidate if (start, end) == (candidate.start, candidate.end) else replace(candidate, start=start, end=end)


def _covered(start: int, end: int, parts: tuple[tuple[int, int], ...]) -> bool:
    """Whether every character of ``start:end`` lies in one of ``parts`` (改天再来 in 改天 + 再来, not 黄瓜 in 瓜)."""
    return all(any(a <= position < b for a, b in parts) for position in range(start, end))


def word_around(text: NormalText, start: int, end: int) -> tuple[str, int, int] | None:
    """The word jieba's cut makes of the normalised ``text[start:end]`` and what follows or comes
    before it (笨重, 黄瓜), with its start and end in the text; None when it stands alone or only
    takes a degree word with it (真笨, 你好蠢)."""
    clause_start, clause_end = text.clause(start)
    low, high = max(clause_start, start - BOUNDARY_WINDOW), min(clause_end, end + BOUNDARY_WINDOW)
    found = joined_word(text.text[low:high], start - low, end - low)
    return (found[0], low + found[1], low + found[2]) if found else None


#: What may stand before a short family word in one jieba token: degree words (真笨, 太傻, 好蠢).
DEGREE_WORDS = frozenset("真太好很挺超贼老蛮忒多更最") | {"这么", "那么", "真是"}


@lru_cache(maxsize=8192)
def joined_word(window: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The token of jieba's cut of ``window`` that runs across ``start`` or ``end``, unless what it
    has beyond the edge is a degree word (真笨; 你好蠢, where more follows), with its start and end in
    ``window``; None when there is none. The trie is
    asked first: most often no dictionary word spans an edge, and the window need not be cut."""
    if not may_cross(window, start, end) and not _spans(window, end):
        return None
    position = 0
    for token in words().cut(window):
        token_start, position = position, position + len(token)
        if ((token_start < end < position and not (window[end:position] in DEGREE_WORDS and position < len(window)))
                or (token_start < start < position and window[token_start:start] not in DEGREE_WORDS)):
            return token, token_start, position
    return None


def _spans(window: str, edge: int) -> bool:
    """Whether a dictionary word, or letters and digits, run across ``edge``."""
    dictionary = words()
    return _joined(window, edge) or any(at + len(word) > edge for at in range(edge) for word in dictionary.starting(window, at))


def span_on_word_boundaries(text: NormalText, start: int, end: int) -> bool:
    """Whether the normalised ``text[start:end]`` stands on word boundaries as jieba cuts its clause."""
    if end - start > BOUNDARY_MAX_LENGTH:
        return True
    clause_start, clause_end = text.clause(start)
    low, high = max(clause_start, start - BOUNDARY_WINDOW), min(clause_end, end + BOUNDARY_WINDOW)
    if low == start and high == end:
        return True
    return not crosses_edges(text.text[low:high], start - low, end - low)


@lru_cache(maxsize=8192)  # the windows around common phrases; bounded, so long batches stay flat
def crosses_edges(window: str, start: int, end: int) -> bool:
    """Whether jieba's cut of ``window`` puts a token across the start of ``window[start:end]``,
    or one starting inside it across its end; jieba cuts only when :func:`may_cross`."""
    return may_cross(window, start, end) and cut_crosses(window, start, end)


def cut_crosses(window: str, start: int, end: int) -> bool:
    """:func:`crosses_edges` decided by cutting ``window`` as jieba does."""
    position = 0
    for token in words().cut(window):
        token_start, position = position, position + len(token)
        if token_start < start < position or start < token_start < end < position:
            return True
    return False


def may_cross(window: str, start: int, end: int) -> bool:
    """Whether jieba could put a word across the edges of ``window[start:end]`` as
    :func:`boundary_against` judges them: a dictionary word across its start, or one starting
    inside it and running past its end, or letters or digits on both sides of an edge (jieba
    joins those). Most often there is none, and the window need not be cut at all."""
    if _joined(window, start) or _joined(window, end):
        return True
    dictionary = words()
    for at, edge in chain(((at, start) for at in range(start)), ((at, end) for at in range(start + 1, end))):
        for word in dictionary.starting(window, at):
            if at + len(word) > edge:
                return True
    return False


def _joined(window: str, edge: int) -> bool:
    """Letters or digits on both sides of ``edge``, which jieba's cut would join into one token."""
    return 0 < edge < len(window) and _ALNUM.match(window, edge - 1) is not None and _ALNUM.match(window, edge) is not None


#: The beginnings of :func:`guard_against`'s reasons that read the words as quoted or mentioned, not said: the words
#: inside them are not said either.
MENTIONS = ("quoted", "mention:")


def guard_against(text: NormalText, candidate: Candidate, quotes: Quotes) -> str | None:
    """The context guard that cancels the candidate (a hedge, an exclusion said near it, a
    quotation, a mention), as ``"guard: what"``; None when none does. A paraphrase model's
    candidate is only guarded against quotation and mention.

    Guards see the clause around the candidate, at most :data:`GUARD_REACH` characters on each
    side: a pattern anchored at the clause's start or end (``^``, ``$``) does not match where a
    longer clause was cut.
    """
    rule = candidate.form.rule
    if candidate.how != "model":  # the rule only names the model's family: its own guards are for its wordings
        if (rule.none is not None or rule.none_in_sentence is not None) and (said := _near(text, candidate, rule)):
            return f"none: {said}"
        if (span := _wording(text, candidate)) and (reason := _wording_guard(text, span, rule)):
            return reason
    if rule.kind in ("prohibited", "informal"):  # 规定不能说“你懂不懂”: neither the phrase nor its 你 is said
        start, end = text.span(candidate.start, candidate.end)
        mark = quotes.opening(start)
        mark = quotes.speech_within(start, end) if mark is None else mark
        if mark is not None and not quotes.own_words(mark):
            return "quoted"
        if found := _mention(text.text, _wording_start(text.text, candidate, rule), candidate.end):
            return f"mention: {found}"
        if found := _joked(text.text, candidate.end):
            return f"joke: {found}"
    return None


def _joked(text: str, end: int) -> str | None:
    """The words soon after ``end``, on its own line, that take the match back as a joke (:data:`JOKED_AFTER`), when
    what follows the joke turns to the resident kindly (:data:`JOKE_KIND_AFTER`: 开玩笑的刘姐，您坐), not on at them
    (开玩笑的 听不懂就回家让你儿子来)."""
    found = JOKED_AFTER.search(text, end, _line_end(text, end, JOKED_REACH))
    if not found:
        return None
    after = text[found.end():_line_end(text, found.end(), JOKE_FOLLOW)]
    return found.group() if JOKE_KIND_AFTER.search(after) and not JOKE_UNKIND_AFTER.search(after) else None


def _line_end(text: str, start: int, reach: int) -> int:
    """Where ``text`` from ``start`` stops for a guard that reads ``reach`` characters on: there, or at the end of the
    line (a joined text's barrier) before it. Searched in the reach only: a long line stays linear."""
    barrier = text.find(BARRIER_CHAR, start, start + reach)
    return barrier if barrier >= 0 else start + reach


def _mention(text: str, start: int, end: int) -> str | None:
    """The words of its own line that make ``text[start:end]`` a mention: just before it (不能说…, 禁语有…),
    soon after it, judging it (…这种话是推卸), or on both sides (不能说…这种话); None when there are none."""
    low = max(0, start - 12)
    low = text.rfind(BARRIER_CHAR, low, start) + 1 or low  # searched in the reach only: a long line stays linear
    high = _line_end(text, end, 16)
    if found := MENTION_BEFORE.search(text, low, start):
        return found.group()
    if found := MENTION_AFTER.search(text, end, high):
        return found.group()
    far = max(0, start - FRAMED_REACH)
    far = text.rfind(BARRIER_CHAR, far, start) + 1 or far
    if (before := FRAMED_BEFORE.search(text, far, start)) and (after := FRAMED_AFTER.match(text, end)):
        return f"{before.group()}…{after.group()}"
    return _reported(text, far, start, end)


def _reported(text: str, far: int, start: int, end: int) -> str | None:
    """The words that make ``text[start:end]`` someone else's reported words (:data:`REPORTED_BEFORE`,
    :data:`REPORTED_AFTER`), or None."""
    if not (before := REPORTED_BEFORE.search(text, far, start)):
        return None
    after = REPORTED_AFTER.search(text, end, _line_end(text, end, REPORTED_REACH))
    if not after or REPORTED_OWNED.search(text, before.start(), min(after.end() + 2, len(text))):
        return None
    return f"{before.group()}…{after.group()}"


def _wording_start(text: str, candidate: Candidate, rule: Rule) -> int:
    """Where the rule's wording that the candidate ends starts, when the words before it say the rest (不能只说
    这是规定你懂不懂: 你懂不懂 found, 这是规定你懂不懂 said); else the candidate's own start."""
    said = text[candidate.start:candidate.end]
    for form in _normalized(rule.forms):
        rest = form[:-len(said)] if form.endswith(said) and len(form) > len(said) else ""
        if rest and text.endswith(rest, 0, candidate.start):
            return candidate.start - len(rest)
    return candidate.start


def _wording(text: NormalText, candidate: Candidate) -> tuple[int, int] | None:
    """Where the candidate says the rule's own wording, which its ``not_before``/``not_after`` guard:
    all of it, or inside a family match the first of the rule's forms (so 不知道 in 我也不知道您家…
    is guarded, while 你问我我问谁 is left to the family's ``none``); None when it does not."""
    if candidate.how != "family":
        return candidate.start, candidate.end
    said = text.text[candidate.start:candidate.end]
    places = [(said.find(form), form) for form in _normalized(candidate.form.rule.forms) if form in said]
    if not places:
        return None
    at, form = min(places)
    return candidate.start + at, candidate.start + at + len(form)


def _wording_guard(text: NormalText, span: tuple[int, int], rule: Rule) -> str | None:
    """The rule's ``not_before``/``not_after`` guard that cancels its wording at ``span``, as
    ``"not_after: what"``; None when none does."""
    if not (rule.not_before or rule.not_after or rule.not_before_pattern or rule.not_after_pattern):
        return None
    before, after = _context(text, *span)
    if after.startswith(guards := _normalized(rule.not_after)):
        return f"not_after: {next(g for g in guards if after.startswith(g))}"
    if before.endswith(guards := _normalized(rule.not_before)):
        return f"not_before: {next(g for g in guards if before.endswith(g))}"
    if rule.not_after_pattern and (found := rule.not_after_pattern.search(after)):
        return f"not_after_pattern: {found.group()}"
    if rule.not_before_pattern and (found := rule.not_before_pattern.search(before)):
        return f"not_before_pattern: {found.group()}"
    return None


def rule_none_near(text: NormalText, candidate: Candidate) -> str | None:
    """What of the candidate's rule's ``none`` is said after its sentence where it counts there (:func:`_after`: the
    answer to it, sentences that act), or None."""
    rule = candidate.form.rule
    line_wide = _exclusions(rule)[0]
    if line_wide is None or rule.none_within == "sentence":
        return None
    low, high = _reach(text, candidate)
    after = _after(text, _sentence(text, low, candidate.start, candidate.end, high), high, rule.none_within != "answer")
    return said_in(line_wide, _unstocked(after)) if after else None


def _near(text: NormalText, candidate: Candidate, rule: Rule) -> str | None:
    """What of the rule's ``none`` is said where it counts (:func:`_none_window`: so 我帮您问一下 in the next sentence
    cancels a 不知道), a one-character word only in the candidate's own clauses, within :data:`OWN_REACH` characters
    (the 我 of 别啰嗦，快点讲，我要下班了 does not excuse 别啰嗦), stock courtesies left out; what of its
    ``none_in_sentence`` is said in the candidate's sentence; None when nothing is."""
    around = rule.none_within == "around"
    low, high = _reach(text, candidate, around)
    own_start = max(low, text.clause(candidate.start)[0], candidate.start - OWN_REACH)
    own_end = min(text.clause(max(candidate.start, candidate.end - 1))[1], candidate.end + OWN_REACH)
    own = _unstocked(text.text[own_start:own_end])
    line_wide, in_sentence = _exclusions(rule)
    sentence = _sentence(text, low, candidate.start, candidate.end, high)
    if line_wide is not None and (said := said_in(line_wide, _unstocked(_none_window(text, rule, sentence, low, high)),
                                                  own)):
        return said
    return said_in(in_sentence, text.text[slice(*sentence)], own) if in_sentence is not None else None


def _none_window(text: NormalText, rule: Rule, sentence: tuple[int, int], low: int, high: int) -> str:
    """The text of ``low:high`` where the rule's ``none`` counts: for ``sentence`` the candidate's sentence; else that
    sentence and the answer to it when it asks (:func:`_answered`), and (but for ``answer``) after that (for
    ``around`` before it too) what is offered or done for the resident (sentences with :data:`ACTING`:
    这个我们管不了。我给您写个条子), other sentences blanked (…听明白没有。您好，请问…)."""
    if rule.none_within == "sentence":
        return text.text[slice(*sentence)]
    before = _acting(text, low, sentence[0]) if rule.none_within == "around" else ""
    return before + text.text[slice(*sentence)] + _after(text, sentence, high, rule.none_within != "answer")


def _after(text: NormalText, sentence: tuple[int, int], high: int, acting: bool = True) -> str:
    """What counts past ``sentence`` up to ``high``: the answer to it when it asks (:func:`_answered`), then (if
    ``acting``) the sentences that act (:func:`_acting`)."""
    end = _answered(text, sentence, high)[1]
    return text.text[sentence[1]:end] + (_acting(text, end, high) if acting else "")


def _acting(text: NormalText, start: int, end: int) -> str:
    """``text.text[start:end]`` with only its sentences that offer or do something for the resident (:data:`ACTING`),
    the others blanked."""
    said = (text.text[low:high] for low, high in text.sentences(start, end))  # not cut at pauses: they may not end one
    return "".join(sentence if ACTING.search(sentence) else BARRIER_CHAR * len(sentence) for sentence in said)


def said_near(text: NormalText, candidate: Candidate, condition: Condition) -> str | None:
    """What of ``condition`` (its words as the normalised text has them) is said near the candidate (:func:`_reach`),
    stock courtesies left out; None when nothing is."""
    return said_in(condition, _unstocked(text.text[slice(*_reach(text, candidate))]))


def _unstocked(said: str) -> str:
    """``said`` with its stock courtesies (:data:`STOCK_COURTESY`) blanked out."""
    return STOCK_COURTESY.sub(lambda found: BARRIER_CHAR * len(found.group()), said) if "您" in said else said


def _reach(text: NormalText, candidate: Candidate, around: bool = False) -> tuple[int, int]:
    """At most :data:`NONE_REACH` characters on each side of the candidate (back :data:`RUN_ON_REACH` in a clause
    that lost its marks), within its line, and (but ``around``) not back past the start of its sentence, nor past a
    pause of speech recognition (已经帮您核实了。条例上白纸黑字，听明白没有: what was said before takes nothing
    back; what is done next may: 这个我不知道。我帮您问一下科长)."""
    low, high = max(0, candidate.start - NONE_REACH), min(len(text.text), candidate.end + NONE_REACH)
    clause_start, clause_end = text.marked_clause(candidate.start)
    if clause_end - clause_start > RUN_ON_CLAUSE and not text.pauses:  # marks lost: the sentence before is in reach
        low = max(low, candidate.start - RUN_ON_REACH)
    barrier = text.text.rfind(BARRIER_CHAR, low, candidate.start)
    low = barrier + 1 if barrier >= 0 else low
    barrier = text.text.find(BARRIER_CHAR, candidate.end, high)
    high = barrier if barrier >= 0 else high
    return (low if around else _sentence_start(text, low, candidate.start)), high


def _sentence_start(text: NormalText, low: int, start: int) -> int:
    """``low``, or the start of the sentence holding ``start`` when that is later (a pause of speech recognition
    spaced by phrase may end one: 已经帮您核实了 条例上白纸黑字 听明白没有)."""
    return _last_sentence_end(text, max(low, text.last_pause(low, start) or low), start)


def _last_sentence_end(text: NormalText, low: int, start: int) -> int:
    """The last break in ``(low, start]`` that ends a sentence (normalize.SENTENCE_ENDS), else ``low``."""
    ends = text.sentence_ends(low + 1, start + 1)
    return ends[-1] if ends else low


def _sentence(text: NormalText, low: int, start: int, end: int, high: int) -> tuple[int, int]:
    """``low:high`` narrowed to the sentence of ``start:end`` (ended by normalize.SENTENCE_ENDS; in a line spaced by
    phrase, :data:`PHRASE_AFTER` characters past the candidate's phrase, to the end of the phrase they reach): a
    reproach is not taken back by what the next sentence merely says (刚才不是讲过了吗，怎么还要问。您好，请问…)."""
    low = _last_sentence_end(text, low, start)
    if (pause := text.next_pause(end, high)) is not None:
        high = text.next_pause(pause + PHRASE_AFTER, high) or high
    ends = text.sentence_ends(end, high)
    return low, ends[0] if ends else high


def _answered(text: NormalText, sentence: tuple[int, int], high: int) -> tuple[int, int]:
    """``sentence`` with the next one when it asks a question (研究研究再说？不，今天就给你定下来) or exclaims in a few
    words (你可真行！八十岁还跑了个半马), which that one may answer, and the one after when the answer is a word
    (今天不办了？办！多晚都给你办完); within ``high``."""
    low, end = sentence
    if end >= high or not (text.ends_sentence_before(end, QUESTION_MARKS)
                           or end - low <= SHORT_EXCLAMATION and text.ends_sentence_before(end, EXCLAMATION_MARKS)):
        return sentence
    ends = (*text.sentence_ends(end + 1, high), high, high)
    return low, (ends[1] if ends[0] - end <= ONE_WORD_ANSWER else ends[0])


#: Each rule's exclusions by the rule's id, the rule kept with them so that its id stays its own (hashing a rule
#: hashes its compiled patterns: a cache keyed by the rule itself took longer than the guard).
_EXCLUSIONS: dict[int, tuple[Rule, tuple[Condition | None, Condition | None]]] = {}
#: Rules whose exclusions are kept at most (a long-running process may load many lexicons).
_MOST_EXCLUSIONS = 4096


def _exclusions(rule: Rule) -> tuple[Condition | None, Condition | None]:
    """The rule's ``none`` and ``none_in_sentence``, with their words as the normalised text has them."""
    kept = _EXCLUSIONS.get(id(rule))
    if kept is None:
        if len(_EXCLUSIONS) >= _MOST_EXCLUSIONS:
            _EXCLUSIONS.clear()
        kept = _EXCLUSIONS[id(rule)] = (rule, tuple(normalised(condition) if condition is not None else None
                                                     for condition in (rule.none, rule.none_in_sentence)))
    return kept[1]


def said_in(condition: Condition, said: str, own: str | None = None) -> str | None:
    """Whether ``condition`` holds somewhere in ``said`` (its one-character words: in ``own``, when given):
    the words that make it hold (or ``"…"`` when it holds by nothing being said), else None. Plain
    searches: an exclusion is short and rare."""
    if isinstance(condition, Words):
        if not _any_said(condition, said, own):
            return None
        return next((word for word in condition.words if _said(word, said if own is None or len(word) > 1 else own)), None)
    if isinstance(condition, Regex):
        found = condition.pattern.search(said)
        return found.group() if found else None
    if isinstance(condition, NotOf):
        return None if said_in(condition.part, said, own) else "…"
    held = (said_in(part, said, own) for part in condition.parts)
    if isinstance(condition, AnyOf):
        return next(filter(None, held), None)
    if isinstance(condition, AllOf):
        met = list(takewhile(bool, held))
        return "+".join(met) if len(met) == len(condition.parts) else None
    met = list(filter(None, held))
    return "+".join(met) if len(met) >= condition.count else None


#: For each word list of an exclusion, by its id (the list kept with it, so that the id stays its own): one expression
#: for all its words, one for those of two or more characters and one for those of one.
_SCREENS: dict[int, tuple[Words, re.Pattern | None, re.Pattern | None, re.Pattern | None]] = {}


def _any_said(condition: Words, said: str, own: str | None) -> bool:
    """Whether any of the words stands in the text at all (one-character ones in ``own``, when given): most windows
    hold none, and one search tells (:func:`_said` then reads the words that do, one by one, in their order)."""
    kept = _SCREENS.get(id(condition))
    if kept is None:
        if len(_SCREENS) >= _MOST_EXCLUSIONS:
            _SCREENS.clear()
        words = condition.words
        kept = _SCREENS[id(condition)] = (condition, _alternation(words),
                                          _alternation([word for word in words if len(word) > 1]),
                                          _alternation([word for word in words if len(word) == 1]))
    every, longer, single = kept[1:]
    if own is None:
        return every is not None and every.search(said) is not None
    return (longer is not None and longer.search(said) is not None
            or single is not None and single.search(own) is not None)


def _alternation(words: list[str] | tuple[str, ...]) -> re.Pattern | None:
    return re.compile("|".join(map(re.escape, words))) if words else None


def _said(word: str, text: str) -> bool:
    """Whether ``word`` is said in ``text``; a negation 不… is not said inside an A-not-A question (能不能说 says
    no 不能说, 会不会 no 不会), nor help (帮你, 给您 …) that the words just before it deny (我这边不会帮你问,
    别指望我们帮你弄, 唔帮你搞: dev sets of four authors, where such help excused the brush-off it was part of)."""
    asks = word.startswith("不") and len(word) > 1
    helps = _HELP.match(word) is not None
    if not (asks or helps):
        return word in text
    start = text.find(word)
    while start >= 0:
        if not (asks and text[start - 1:start] == word[1] or helps and _DENIED.search(text, max(0, start - 6), start)):
            return True
        start = text.find(word, start + 1)
    return False


#: Words of help, and what denies them just before: 不会, 别指望我们, 唔 (not 要不我帮你: how about).
_HELP = re.compile("(帮|给|替|为)(你|您|恁|侬)")
_DENIED = re.compile("(不会|不能|不想|不愿意?|不可能|没法|没空|指望)(我们|我|咱们|俺们)?(也)?$|(?<![要倒])(唔|不)$")   # not 要不我帮你


def _context(text: NormalText, start: int, end: int) -> tuple[str, str]:
    """The clause's text before and after ``start:end``, each cut at :data:`GUARD_REACH` characters
    (marked with :data:`CUT`, so that ``^`` and ``$`` do not match at the cut)."""
    clause_start, clause_end = text.clause(start)
    low, high = max(clause_start, start - GUARD_REACH), min(clause_end, end + GUARD_REACH)
    before = text.text[low:start]
    after = text.text[end:high]
    return (CUT + before if low > clause_start else before), (after + CUT if high < clause_end else after)


class Quotes:
    """The quotation marks and line breaks of one original text, found on first use, so that
    whether a span stands inside quotation marks on its line is answered without rescanning the line."""

    __slots__ = ("original", "_breaks", "_marks")

    def __init__(self, original: str):
        self.original = original
        self._breaks: list[int] | None = None
        self._marks: dict[str, list[int]] = {}

    def opening(self, start: int) -> int | None:
        """Where the quotation that ``original[start]`` stands inside opens, on its line (a match from there that
        runs on past the closing mark, 你懂不懂”是典型的…, is still the quotation's); None outside quotation marks."""
        line_start, line_end = self._line(start)
        innermost = None   # of quotations inside one another (我说：“他跟我讲‘你问别人去’…”), the one nearest
        for opening, closing in QUOTE_PAIRS.items():
            opened = self._count(opening, line_start, start)
            if opening == closing:
                opened %= 2
            else:
                opened -= self._count(closing, line_start, start)
            if opened > 0 and self._count(closing, start, line_end):
                places = self._marks[opening]
                innermost = max(innermost or -1, places[bisect_left(places, start) - 1])
        return innermost

    def speech_within(self, start: int, end: int) -> int | None:
        """Where ``original[start:end]`` opens a quotation of words said, a verb of saying right before the mark
        (讲“快点，我要下班了”, 讲：“…”): the rest is theirs, not the speaker's; None when it opens none. A quoted
        instruction inside one's own words (早就告诉你了“要原件”，怎么还是没带) is no such quotation."""
        if self._breaks is None:
            self._index()
        for mark in QUOTE_PAIRS:
            places = self._marks.get(mark, ())
            for place in places[bisect_left(places, start + 1):bisect_left(places, end)]:
                if self._said_before(place):
                    return place
        return None

    def own_words(self, mark: int) -> bool:
        """Whether the quotation opening at ``mark`` holds the writer's own words: said by 我 just before it
        (我当时跟他说：“…”, not 我从来不对居民说“…”, 居民跟我说“…” nor 我们主任说“…”), shouted by 我 right after it
        (“…”我冲他喊了一句), or the reply they are to give (答复口径：“…”) — unless taken back soon after (…，对不起)."""
        line_start, line_end = self._line(mark)
        closings = self._marks.get(QUOTE_PAIRS[self.original[mark]], ())
        index = bisect_right(closings, mark)   # by the marks found: no scan of the line
        closing = closings[index] if index < len(closings) and closings[index] < line_end else -1
        after = closing + 1 if closing >= 0 else line_end
        if OWN_TAKEN_BACK.search(self.original, after, min(line_end, after + 2 * OWN_REACH)):
            return False
        if OWN_BEFORE.search(self.original, max(line_start, mark - OWN_REACH), mark):
            return True
        return closing >= 0 and OWN_AFTER.match(self.original, after, line_end) is not None

    def _line(self, position: int) -> tuple[int, int]:
        """Where the line around ``position`` starts and ends."""
        if self._breaks is None:
            self._index()
        line = bisect_left(self._breaks, position)
        return (self._breaks[line - 1] + 1 if line else 0), (self._breaks[line] if line < len(self._breaks) else len(self.original))

    def _said_before(self, place: int) -> bool:
        """Whether a verb of saying stands before ``place``, past at most three spaces, colons or commas and the one
        it is said to (叫你“快啲讲”)."""
        before = place - 1
        while before >= max(0, place - 4) and self.original[before] in " 　：:，,":
            before -= 1
        if before > 0 and self.original[before] in ADDRESSED:
            before -= 1
        return before >= 0 and self.original[before] in SAYING

    def _index(self) -> None:
        """Line breaks (by the lengths of the lines, all in C) and quotation marks (rare: found one by one)."""
        lines = self.original.split("\n")
        self._breaks = [end + number for number, end in enumerate(accumulate(map(len, lines[:-1])))]
        for match in QUOTE_MARK.finditer(self.original):
            self._marks.setdefault(match.group(), []).append(match.start())

    def _count(self, mark: str, start: int, end: int) -> int:
        """How many ``mark`` stand in ``original[start:end]``."""
        places = self._marks.get(mark, ())
        return bisect_left(places, end) - bisect_left(places, start) if places else 0


@lru_cache(maxsize=4096)
def _normalized(guards: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(text for text in (normal_text(guard) for guard in guards) if text)

