"""A regulation document's structure: lines → segments → blocks, each under its headings with its polarity.

* **Segments**: a line, or the part of a run-on line from an item marker on (一、…(一)…1、…2、…). A marker
  in the middle of a line starts a segment only when it goes on with its numbering (2、 after 1、), starts
  one (1、 after a colon or a heading), or is one that never occurs in prose ((二), ②, •). A string of source
  code with escaped line breaks (``\\n``) is read as the lines it writes, a document site's page chunks (1、… /
  2、… of one length) as the one text they cut, a web page's line as its text (tags gone, <br> a line break).
* **Headings**: a marker with a short title (三、服务禁语), or a short line of its own (服务禁忌清单). What
  the title names sets the polarity of what falls under it: courtesy, prohibited, mixed (文明用语与服务禁语)
  or none. A short unmarked line that names no topic (当客户插队时) is a scene label and changes nothing.
* **Blocks**: a list of items — under a heading that names a kind, or after a sentence that introduces
  one (应当使用以下规范用语：) — one item per marker or per line, an item going on across lines until
  the next marker when it is unfinished; prose, read for quotes and cues; tables, whose header row says
  which column holds which kind.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .cues import (CATEGORY, HEADING_LABEL, INTRO, LABEL, MIXED, PROHIBITED, fold_script, kind_of, kinds_named, last_cue, looks_said,
                   speech_like)
from .sheets import Layout, layout, text_tables
from .sources import Cell, Source, Table

LIST, PROSE, HEADING, TABLE = "list", "prose", "heading", "table"
_NUMERALS = "一二三四五六七八九十"
_CN = f"[{_NUMERALS}百零〇两]+"
#: Item and heading markers by style, with the level each style stands at (lower is higher).
_MARKERS = (
    ("question", 3.5, re.compile(r"([Qq])\s*[:：](?=\s*\S)")),   # a Q&A page's question (Q：忌语例句) heads its answers, each an
    ("answer", 7.9, re.compile(r"([Aa])\s*[:：](?=\s*\S)")),     # item (A：不行、不知道…), at a line's start only (答： is a cue)
    ("chapter", 0, re.compile(rf"第({_CN}|\d+)(?:章|篇|讲|部分)(?:\s*[:：])?")),
    ("section", 1, re.compile(rf"第({_CN}|\d+)节(?:\s*[:：])?")),
    ("article", 2, re.compile(rf"第({_CN}|\d+)条(?:\s*[:：])?")),
    ("sentence", 4.8, re.compile(rf"第({_CN}|\d+)句话?\s*[:：]")),
    ("decimal", 2.7, re.compile(r"(\d{1,2}(?:[.．]\d{1,2}){1,3})(?![\d.．%])(?=\s*[\u4e00-\u9fff“「『])")),
    ("major", 3, re.compile(rf"({_CN})\s*[、.．]")),
    ("paren_cn", 4, re.compile(rf"[（(]({_CN})[)）]、?|({_CN})[)）]")),
    ("arabic", 5, re.compile(r"(\d{1,2})\s*[、.．](?![\d.．])")),
    ("paren_ar", 6, re.compile(r"[（(](\d{1,2})[)）]|(\d{1,2})[)）]")),
    # <1> 〈1〉 【1】: numbers in brackets, which a list run together on one line may have as its only separators
    # ([1] is left out: a footnote or a page link)
    ("angle", 6.3, re.compile(r"[<〈＜【]\s*(\d{1,2})\s*[>〉＞】]")),
    ("glued", 5.1, re.compile(r"(\d{1,2})(?=[\u4e00-\u9fff])(?![日月年号时分秒个次元角米岁位条项名人天周层路倍件张份句点楼栋户室])")),
    ("spaced", 5.2, re.compile(r"(?<![\d.．])(\d{1,2})[ \u3000]+(?=[\u4e00-\u9fff“「『])"
                               r"(?![日月年号时分秒个次元角米岁位条项名人天周层路倍件张份句点楼栋户室])")),
    ("letter", 6.5, re.compile(r"([A-Z])\s*[、.．](?=\s*[\u4e00-\u9fff“「『])")),
    ("paren_letter", 6.6, re.compile(r"[（(]([a-zA-Z])[)）]|(?<![A-Za-z])(?<![A-Za-z] )([a-zA-Z])[)）](?=\s*[\u4e00-\u9fff“「『])")),
    ("circled", 7, re.compile(r"([①-⑳⑴-⒇⒈-⒛❶-❿➀-➉])")),
    ("bullet", 8, re.compile(r"([•●○◆◇■□▪►√✔✓✘✗❌])\s*|([-*·–])\s+|(——?)(?=[^—\s])")),
)
#: Numbered glyphs: ① ⑴ ⒈ ❶ ➀ and what follows each.
_GLYPH_RANGES = (("①", "⑳"), ("⑴", "⒇"), ("⒈", "⒛"), ("❶", "❿"), ("➀", "➉"))
_LEVELS = {style: level for style, level, _ in _MARKERS}
_ARTICLE_LEVEL, _UNMARKED_LEVEL = 2, 2.5
_NEVER_IN_PROSE = ("paren_cn", "circled", "paren_ar", "angle", "paren_letter")
_BOUNDARY = "。！？!?；;：:）)」』”\"'’ \t\u3000"
_SENTENCE_END = "。！？!?；;"
_TITLE_END = re.compile(r"(?:用语|语言|规范|标准|要求|守则|制度|办法|礼仪|原则|职责|须知|细则|要领|准则|规定|说明|服务|类|语)\s*$")
_NOT_TITLE = re.compile(r"[，,。；;！!？?“”\"「」『』|]")
#: Unmarked short lines that head a topic (and end the scope of the heading before), not a scene.
_TOPIC = re.compile(r"要求|规范|标准|原则|礼仪|仪表|仪容|纪律|制度|职责|流程|管理|须知|注意事项|行为|态度|形象|环境|质量|承诺|程序|"
                    r"(?<![没有想])办法|总则|附则|说明|用语|语言|禁忌|清单|目录|附录|附件|简介|概述|对照表|一览表")
_DOC_TITLE = re.compile(r"[^，,。；;：:“”\"\s]{2,40}?(?:规范|制度|守则|办法|细则|准则|规定|通知)$")
_MAX_TITLE = 20
#: The most lines without quote marks that a quote left open at a line's end may go on over before its closing mark.
_MAX_HELD = 2
#: Words for things said, one of which a page's title names (比不放假还伤人 names no sentences).
_SAYINGS = re.compile(r"[话句语言词]")
#: Words of a courteous sentence, which a page titled with sentences not to say still lists as the better way
#: (5. 您先坐下，我慢慢给您讲。): such a numbered line is not taken as one of the page's sentences.
_KIND_WORDS = re.compile(r"请|谢谢|对不起|抱歉|不客气|没关系|欢迎|慢慢|您(先)?(别|放心|稍等)")
#: The longest numbered line taken as one sentence under a page's title.
_MAX_SENTENCE = 40
#: A short line naming a situation, not a phrase: 当客户插队时, 临近下班时.
#: A title that points back at what stands above it (这是…常用语, 每次听到这样的称呼, 以上为文明用语) heads nothing
#: below; one pointing forward (以下这些话) does.
_POINTS_BACK = re.compile(r"^(?!.*(?:以下|下列|如下|下面)).*(?:这|此|以上|上述|上面)")
#: A title naming the rules of a kind of phrase (文明用语规范, 服务用语标准): what it heads may be phrases or rules,
#: so only what is plainly courteous speech is taken.
_PHRASE_RULES = re.compile(rf"(?:{HEADING_LABEL.pattern})(?:规范|标准)$")
#: A label ending the text before a list that starts on the same line: …请慢走再见文明服务忌语1服务指南…
_GLUED_LABEL = re.compile(rf"(?:{LABEL.pattern})$")
_SCENE = re.compile(r"^(?:当|在|对于?|遇到?|如果|若)|(?:时|时候|之时|之际)$")
#: A scene label closed by its colon (客户有疑问时：).
_SCENE_LABEL = re.compile(r"(?:时|时候|之时|之际)\s*[:：]\s*$")
#: A short title with a space between its characters: 客 房, 前 言.
_SPACED_OUT = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,5}")
_QUOTED_LINE = re.compile(r"\s*[“\"「『”]")
#: A line led by a category label and its colon, a note in brackets allowed: 进门语：…, 解释语（收费的）：….
_LABELLED_LINE = re.compile(r"\s*[\u4e00-\u9fff]{1,8}语\s*(?:[（(][^（）()]{1,16}[)）])?\s*[:：]\s*\S")
#: Words ruled out in a line: 不可以说没有发票.
_NEVER_SAYS = re.compile(r"(?:不|别|勿)(?:可以?|能|要|准|许|得|应)?(?:说|讲)(?![的话得了过])[\u4e00-\u9fff]")
_WORDS = re.compile(r"[\w\u4e00-\u9fff]")
#: A short quote after other words of a title: 窗口服务“十不说”.
#: A line opening with a word, an ordinal and a colon: the next section (误区二：…, 场景三：…), not the item before going on.
_ORDINAL_LABEL = re.compile(rf"\s*[\u4e00-\u9fff]{{2,4}}{_CN}\s*[:：]")
#: An introduction telling to avoid what the list below holds: 需避免以下态度问题：, 需规避的非专业行为包括：.
_AVOIDS_BELOW = re.compile(r"(?:避免|规避|杜绝|切忌|防止)(?:[^，,。；;：:]{0,6}?(?:以下|下列|如下)|的[^，,。；;：:]{0,10}?(?:包括|有))"
                           r"[^，,。；;：:]{0,8}[:：]\s*$")
_QUOTED_TERM = re.compile(r"(?<=[\u4e00-\u9fff])[“\"「『]([\u4e00-\u9fff]{1,8})[”\"」』]")


@dataclass(frozen=True, slots=True)
class Marker:
    """An item or heading marker: its style (``arabic`` for 1、), number, level and text as written."""

    style: str
    number: int
    level: float
    text: str


@dataclass(slots=True)
class Segment:
    """A piece of the document: its text without the marker, the line it starts on, and where the
    lines it was joined from start in its text (an item broken across lines)."""

    line: int
    text: str
    marker: Marker | None = None
    breaks: list[tuple[int, int]] = field(default_factory=list)   # (offset in text, line)
    ends_line: bool = True       # nothing else follows it on its last line
    starts_line: bool = True     # it is the first segment of its line
    followed_by: str | None = None   # the style of the marker after it on its line

    def line_at(self, offset: int) -> int:
        """The line that the character at ``offset`` of :attr:`text` is on."""
        line = self.line
        for start, number in self.breaks:
            if start <= offset:
                line = number
        return line

    def join(self, other: Segment) -> None:
        self.breaks.append((len(self.text), other.line))
        self.breaks += [(len(self.text) + offset, line) for offset, line in other.breaks]
        self.text += other.text
        self.ends_line = other.ends_line

    @property
    def unfinished(self) -> bool:
        """It stops mid-sentence: no sentence end, ellipsis (…, or „„ that a conversion made of it), closing quote or
        bracket at its end."""
        return not re.search(r"[。！？!?；;…„”」』）)\]]\s*$|^\s*$", self.text)


@dataclass(slots=True)
class Block:
    """Segments read together: a ``list`` of items, a ``prose`` paragraph, a ``heading`` or a ``table``,
    with the polarity of what it falls under (``courtesy``, ``prohibited``, ``mixed`` or None)."""

    form: str
    kind: str | None
    article: str
    segments: list[Segment] = field(default_factory=list)
    table: Table | None = None
    layout: Layout | None = None
    #: The kind the page's title names, if any: what a line of quotes alone falls back on.
    page_kind: str | None = None

    def article_of(self, segment: Segment) -> str:
        """Where ``segment`` stands, for a rule's sources: 三、文明用语 2, 第三条（六）."""
        if self.form == LIST and segment.marker:
            if segment.marker.style == "article":   # 第四条 under 第二章 is 第四条: an article needs no chapter
                return marker_label(segment.marker, "")
            return (self.article + marker_label(segment.marker, "")).strip()
        return self.article


def marker_label(marker: Marker | None, title: str) -> str:
    """A marker as an article label: 第三条, 三、服务禁语 (a short title kept), （一）, " 2", （3）, ④."""
    if marker is None:
        return title if len(title) <= 8 else ""
    number = marker.text.strip("（()）、.．").strip()
    if marker.style == "major":
        return marker.text.replace(" ", "") + (title if len(title) <= 8 else "")
    if marker.style in ("paren_cn", "paren_ar"):
        return f"（{number}）"
    if marker.style == "arabic":
        return f" {number}"
    return "" if marker.style in ("bullet", "question", "answer") else marker.text


# --- lines → segments ----------------------------------------------------------------------------------

def segments(lines: list[str]) -> list[Segment]:
    """The document's non-blank lines cut at their item markers; a document site's page chunks are read as the one
    text they cut (:func:`page_chunks`)."""
    found: list[Segment] = []
    last: dict[str, int] = {}
    spaced = letter_spaced(lines)
    runs = page_chunks(lines)
    chunked = {number for run in runs.values() for number in run}
    for number, line in enumerate(lines, start=1):
        if number in chunked:
            if number in runs:
                text, breaks = _joined_chunks(lines, runs[number], spaced)
                found += _cut(number, text, last, breaks)
            continue
        for piece in (written for escaped in escaped_lines(line) for written in escaped.split("\n")):
            if piece.strip():
                found += _cut(number, unspaced(piece, spaced), last)
    return found


#: The number a document site puts before each chunk of a page's text: 1、 … 2、 … 3、.
_CHUNK_MARK = re.compile(r"\s*(\d{1,3})、")
#: The shortest chunk: a site cuts a page's text into chunks of a few hundred characters.
_CHUNK_LENGTH = 200


def page_chunks(lines: list[str]) -> dict[int, list[int]]:
    """A document site's page chunks: two or more lines in a row, each opening with its number from 1 on, all but the last
    of one length, a long one, the text running on across them, mid-sentence at one of them at least (…禁忌用 / 2、语:
    干什么事?…). The line numbers of each run, by its first."""
    runs: dict[int, list[int]] = {}
    run: list[int] = []
    for number, line in enumerate([*lines, ""], start=1):
        mark = _CHUNK_MARK.match(line)
        if run and mark and int(mark[1]) == len(run) + 1 and len(lines[number - 2]) == len(lines[run[0] - 1]):
            run.append(number)
            continue
        if len(run) >= 2 and _chunked(lines[run[0] - 1:run[-1] - 1]):
            runs[run[0]] = run
        run = [number] if mark and mark[1] == "1" else []
    return runs


def _chunked(lines: list[str]) -> bool:
    """Whether lines of one length, each followed by the next chunk, are chunks cut by length: long, one of them at least
    stopped mid-sentence."""
    return len(lines[0]) >= _CHUNK_LENGTH and any(not re.search(r"[。！？!?；;…”」』）)\]]\s*$", line) for line in lines)


def _joined_chunks(lines: list[str], run: list[int], spaced: bool) -> tuple[str, list[tuple[int, int]]]:
    """A run of page chunks as one text without their numbers, and where each line after the first starts in it."""
    text, breaks = "", []
    for number in run:
        line = lines[number - 1]
        breaks.append((len(text), number))
        text += unspaced(line[_CHUNK_MARK.match(line).end():], spaced)
    return text, breaks[1:]


#: A line break written as an escape in a string of source code (``\n``, ``\r\n``), not after another backslash.
_ESCAPED_BREAK = re.compile(r"(?<!\\)(?:\\r)?\\n")


def escaped_lines(line: str) -> list[str]:
    """A line of source code holding a document as one string with escaped line breaks (@"一、仪容仪表 \\n      1、仪容\\n…")
    as the lines it writes, all on its own line number; a line with one escape or none as it is."""
    pieces = _ESCAPED_BREAK.split(line)
    return pieces if len(pieces) > 2 else [line]


def reading_copy(source: Source) -> Source:
    """``source`` as the document model reads it: each line and cell :func:`readable` and :func:`unmarked`."""
    tables = [Table(tuple(tuple(Cell(tuple((line, readable(unmarked(text))) for line, text in cell.lines)) for cell in row)
                          for row in table.rows), table.sheet) for table in source.tables]
    return Source(source.path, [readable(unmarked(line)) for line in source.lines], tables)


#: An HTML tag or comment mark: <p class="C1">, </span>, <br/>, <!--, --> (not a placeholder: 您好，<Name>).
_TAG = re.compile(r"</?(?:a|b|i|u|s|p|br|hr|em|strong|small|big|font|span|div|section|article|header|footer|nav|main|aside|"
                  r"ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|h[1-6]|img|label|button|input|blockquote|pre|code|"
                  r"sup|sub|mark|template|center)(?:\s[^<>]*)?/?>|<!--|-->", re.IGNORECASE)
#: A tag that ends a line of the page's text: a line break, or the end of a paragraph, cell or item.
_LINE_TAG = re.compile(r"<br\s*/?>|</(?:p|div|li|tr|td|th|h[1-6]|dd|dt)>", re.IGNORECASE)
#: A character reference: &#x274C;, &#10060;, &nbsp;.
_ENTITY = re.compile(r"&#[xX]([0-9A-Fa-f]{1,6});|&#(\d{1,7});|&(nbsp|amp|lt|gt|quot|apos);")
_NAMED = {"nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_MARKUP = re.compile(f"{_TAG.pattern}|{_ENTITY.pattern}", re.IGNORECASE)


def unmarked(text: str) -> str:
    """A line of a web page as its text (:func:`unmarked_spans`)."""
    return unmarked_spans(text)[0] if may_be_marked(text) else text


def may_be_marked(text: str) -> bool:
    """Whether ``text`` may hold a tag or a character reference (most lines hold neither)."""
    return "<" in text or "&" in text


def unmarked_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """A line of a web page as its text, and where each of its characters stands in ``text``: without its tags (a line
    break or a paragraph's end is a line break, \\n), each character reference the character it stands for
    (&#x274C; → ❌); any other text as it is."""
    read, spans, at = [], [], 0
    for markup in _MARKUP.finditer(text):
        read.append(text[at:markup.start()])
        spans += [(position, position + 1) for position in range(at, markup.start())]
        character = _markup_text(markup)
        read.append(character)
        spans += [markup.span()] * len(character)
        at = markup.end()
    read.append(text[at:])
    spans += [(position, position + 1) for position in range(at, len(text))]
    return "".join(read), spans


def _markup_text(markup: re.Match) -> str:
    """What a tag or character reference stands for in the text: a line break, nothing, or the character."""
    if markup[0].startswith("<") or markup[0] == "-->":
        return "\n" if _LINE_TAG.fullmatch(markup[0]) else ""
    if markup[3]:
        return _NAMED[markup[3].lower()]
    code = int(markup[1], 16) if markup[1] else int(markup[2])
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else markup[0]


def readable(text: str) -> str:
    """``text`` in simplified script (:func:`fold_script`), with the half-width punctuation of PDF and OCR text
    between Chinese words made full width (您好,请坐 → 您好，请坐; 8:30 stays) and the double prime quotation marks
    read as the curly ones (〝您好〞 → “您好”), as are straight single quotes around Chinese words ('新年愉快' → ‘新年愉快’):
    one character for one."""
    folded = fold_script(text).translate(_PRIME_QUOTES)
    if "'" in folded:
        folded = _curly_single_quotes(folded)
    return _HALF_WIDTH.sub(lambda match: _FULL_WIDTH[match.group()], folded)


def _curly_single_quotes(text: str) -> str:
    """``text`` with the straight single quotes that quote Chinese words in Chinese prose made curly (说'新年快乐'或'节日快乐',
    如'你的精神不错','你的气色好多了'), paired from the left; a string in code (['您好', '请坐']) and an apostrophe stay."""
    chars, run_end = list(text), -1
    for found in _SINGLE_QUOTED.finditer(text):
        start, end = found.span()
        last = start - 1                          # the last character before the quote that is not a space
        while last >= 0 and text[last].isspace():
            last -= 1
        if last >= 0 and (_PROSE_BEFORE.match(text[last]) or text[last] == "," and last == run_end):
            chars[start], chars[end - 1], run_end = "‘", "’", end
    return "".join(chars)


_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
#: The double prime quotation marks of CJK typefaces: 〝 opens, 〞 (or 〟) closes.
_PRIME_QUOTES = str.maketrans("〝〞〟", "“””")
#: A pair of straight single quotes and what they hold: a Chinese word, no Latin letter (an apostrophe: it's, 小明's) and
#: no sentence end (a quote left open: 不得说'喂，干什么的。又说'下班了').
_SINGLE_QUOTED = re.compile(r"'([^'\na-zA-Z。！？]{0,40}?[\u4e00-\u9fff][^'\na-zA-Z。！？]{0,40}?)'")
#: What stands before a quotation opened in Chinese prose: a Chinese character or mark (不能说'新年快乐', 、'节日愉快').
_PROSE_BEFORE = re.compile(r"[\u4e00-\u9fff、，。；：！？]")
#: Half-width punctuation after a Chinese character (or closing quote), not inside a number nor after a marker (一., 第二条.).
_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff”」』])[,;:?!]"
                         r"|(?<=[\u4e00-\u9fff”」』])(?<![一二三四五六七八九十百零〇两条章节分篇款项])\.(?=[\u4e00-\u9fff“「『\s]|$)")


#: A space between two characters of Chinese text (or its punctuation).
_LETTER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。、；：！？（）,.;:!?()]) (?=[\u4e00-\u9fff，。、；：！？（）,.;:!?()])")


def unspaced(line: str, spaced_document: bool = False) -> str:
    """A line of PDF or OCR text with a space between every two characters (护 士 在 临 床 护 理) without
    those spaces; a line with a space here and there keeps them (场景 禁用表述, ● 您好! ● 请讲!). In a
    document spaced out throughout, short lines too (服 务 忌 语)."""
    characters = len(_HANZI.findall(line))
    spaces = len(_LETTER_SPACE.findall(line))
    if characters >= 20 and spaces >= 0.4 * characters or spaced_document and _spaced_out(characters, spaces):
        return _LETTER_SPACE.sub("", line)
    return line


def letter_spaced(lines: list[str]) -> bool:
    """Whether most lines of six Chinese characters or more, and at least three of them, are spaced out letter by
    letter (one spaced-out title does not make a document spaced out, nor do words a space apart: 您好 请进 请坐)."""
    counted = [line for line in lines if len(_HANZI.findall(line)) >= 6]
    spaced = sum(_spaced_out(len(_HANZI.findall(line)), len(_LETTER_SPACE.findall(line))) for line in counted)
    return spaced >= 3 and 2 * spaced > len(counted)


def _spaced_out(characters: int, spaces: int) -> bool:
    """A space between (nearly) every two characters."""
    return characters >= 2 and spaces >= 0.6 * (characters - 1)


_HANZI = re.compile(r"[\u4e00-\u9fff]")


def _cut(number: int, line: str, last: dict[str, int], breaks: list[tuple[int, int]] = ()) -> list[Segment]:
    """Line ``number`` cut at the markers it holds; ``last`` is the numbering so far, by style. ``breaks``: where the
    lines after it start, when it is several joined (page chunks)."""
    pieces: list[tuple[int, Marker | None, int]] = []   # (start, marker, text start)
    position = len(line) - len(line.lstrip())
    at_start = True
    while position < len(line):
        marker, end = _marker_at(line, position, last, at_start, pieces)
        if marker:
            pieces.append((position, marker, end))
            _count(marker, last)
            position, at_start = end, False
            continue
        if at_start:
            pieces.append((position, None, position))
            at_start = False
        position += 1
    starts = [start for start, _, _ in pieces] + [len(line)]
    pieces = [piece for index, piece in enumerate(pieces)      # • 1. → 1.
              if not (piece[1] and index + 1 < len(pieces) and pieces[index + 1][1]
                      and not line[piece[2]:pieces[index + 1][0]].strip())]
    result, offsets = [], [offset for offset, _ in breaks]
    for index, (begin, marker, text_start) in enumerate(pieces):
        end = next(start for start in starts if start > begin)   # up to the next marker, kept or not
        text = line[text_start:end].strip()
        following = pieces[index + 1][1].style if index + 1 < len(pieces) else None
        if _WORDS.search(text) or marker:
            start = text_start + len(line[text_start:end]) - len(line[text_start:end].lstrip())
            first, after = bisect_right(offsets, start), bisect_left(offsets, start + len(text))
            result.append(Segment(breaks[first - 1][1] if first else number, text, marker,
                                  [(offset - start, later) for offset, later in breaks[first:after]],
                                  ends_line=following is None, starts_line=index == 0, followed_by=following))
    return result


def _marker_at(line: str, position: int, last: dict[str, int], at_start: bool,
               pieces: list) -> tuple[Marker | None, int]:
    for style, level, pattern in _MARKERS:
        match = pattern.match(line, position)
        if not match:
            continue
        found = next((group for group in match.groups() if group), "")
        number = _decimal(found) if style == "decimal" else _number(found)
        if style == "decimal":                    # 3.3.1 stands below 3.3
            level += 0.05 * len(re.findall(r"[.．]", found))
        marker = Marker(style, number, level, match.group().strip())
        if style == "glued" and at_start:
            continue                              # 3号窗口…: a number glued to the words is a marker only inside a line
        if style == "spaced" and not _spaced_numbers_on(marker, last, at_start, line[position - 1:position]):
            continue
        if at_start or _starts_item_midline(line, position, marker, last, pieces):
            return marker, match.end()
    return None, position


def _spaced_numbers_on(marker: Marker, last: dict[str, int], at_start: bool, before: str) -> bool:
    """Whether a number followed by a space (1 因人称呼, 2 您好) is an item marker: a list whose numbers lost their
    separator. It must start such a list (1, at a line's start) or go on from the number before it (at a line's start,
    or after a sentence end inside a line: …!6 还没到时间呢); 3 个工作日 or 2 人 are counts, not markers."""
    previous = last.get("spaced")
    follows = previous is not None and marker.number == previous + 1
    if at_start:
        return follows or marker.number == 1
    return follows and before in _SENTENCE_END


def _starts_item_midline(line: str, position: int, marker: Marker, last: dict[str, int], pieces: list) -> bool:
    """Whether a marker inside a line starts an item rather than being part of the prose."""
    before = line[position - 1] if position else ""
    if before == "第" or before.isdigit() or (marker.style == "bullet" and marker.text[0] in "-*·–—"):
        return False
    if marker.style == "bullet" or marker.style == "circled":
        return True
    previous = last.get(marker.style)
    follows = previous is not None and marker.number == previous + 1
    skips = previous is not None and previous + 1 < marker.number <= previous + 4 and before in _SENTENCE_END
    boundary = before in _BOUNDARY
    opens = (marker.number == 1 or marker.style == "decimal") and (boundary or _after_title(line, position, pieces))
    if marker.style == "glued":                # 1衣着整洁2坐姿端正…: the numbering of a PDF that lost its separators
        label_before = _TITLE_END.search(fold_script(line[pieces[-1][2] if pieces else 0:position]))
        return (previous is not None and 0 < marker.number - previous <= 2) or (marker.number == 1 and bool(label_before))
    if marker.style == "decimal":
        first = marker.number in (_decimal("1.0"), _decimal("1.1"))
        return _numbers_on(previous, marker.number) if previous is not None else first and (boundary or opens)
    if marker.style in ("chapter", "section", "article"):
        return boundary and (follows or opens or previous is None)
    if marker.style == "major":
        return (follows and (boundary or _after_title(line, position, pieces))) or opens
    if marker.style in _NEVER_IN_PROSE:
        return follows or marker.number == 1 or (previous is None and boundary)
    return follows or skips or opens


def _after_title(line: str, position: int, pieces: list) -> bool:
    """The text before ``position`` is a title or a label (工作人员文明服务用语一、 / 问候语1、)."""
    start = pieces[-1][2] if pieces else 0
    before = line[start:position]
    if _NOT_TITLE.search(before) or len(before.strip()) > 24:
        return False
    higher_just_before = bool(pieces) and pieces[-1][1] is not None and position - pieces[-1][2] <= 16
    return higher_just_before or bool(_TITLE_END.search(fold_script(before)))


def _count(marker: Marker, last: dict[str, int]) -> None:
    """Record ``marker`` in the numbering; the numbering of lower levels starts again."""
    last[marker.style] = marker.number
    for style, level, _ in _MARKERS:
        if level > marker.level and style != "bullet":
            last.pop(style, None)


def _decimal(text: str) -> int:
    """A section number 3.3.1 as one value, two digits a level (3030100), so that 3.4 is more than 3.3.2."""
    parts = [int(part) for part in re.split(r"[.．]", text)] + [0, 0]
    return sum(part * 100 ** (3 - index) for index, part in enumerate(parts[:4]))


def _numbers_on(previous: int, number: int) -> bool:
    """Whether section ``number`` can come next after ``previous``: 3.3 → 3.4, 3.3 → 3.3.1, 3.3.2 → 3.4, 2.0 → 3.0."""
    before, after = (f"{previous:08d}", f"{number:08d}")
    levels = [(int(before[i:i + 2]), int(after[i:i + 2])) for i in range(0, 8, 2)]
    differs = next((index for index, (old, new) in enumerate(levels) if old != new), None)
    return (differs is not None and levels[differs][1] == levels[differs][0] + 1
            and all(new in (0, 1) for _, new in levels[differs + 1:]))


def _number(text: str) -> int:
    """The value of 3, ③, C or 三/十二/二十 (enough for item numbers)."""
    for first, last in _GLYPH_RANGES:
        if text and first <= text <= last:
            return ord(text) - ord(first) + 1
    if text.isascii() and text.isdigit():
        return int(text)
    if text.isascii() and text.isalpha():
        return ord(text.upper()) - ord("A") + 1
    digits = [_NUMERALS.index(c) + 1 if c in _NUMERALS else 0 for c in text]
    if len(digits) == 1:
        return digits[0]
    if text[0] == "十":
        return 10 + (digits[1] if len(digits) > 1 else 0)
    return digits[0] * 10 + (digits[2] if len(digits) > 2 else 0)


# --- segments → blocks -------------------------------------------------------------------------------

@dataclass(slots=True)
class _Scope:
    level: float
    label: str
    kind: str | None


@dataclass(slots=True)
class _OpenList:
    kind: str
    level: float
    block: Block
    item_style: str | None = None
    sub_styles: set[str] = field(default_factory=set)   # the styles of the sub-headings before its items
    held: Segment | None = None    # the last sub-heading, an item after all if the next item numbers on from it
    headed: Block | None = None    # the heading that opened it
    noted: bool = False            # a note stood between its heading and its first item: its items are numbered


def blocks(source: Source) -> list[Block]:
    """The document's blocks in reading order; a table whose header names its phrase columns is one
    table block, where its first cell stands; any other table is read line by line."""
    tables = source.tables + text_tables(source.lines)
    laid = {id(table): (table, found) for table in tables
            if (found := layout(table, (table.sheet, source.path.stem)))}
    at_line = {line: key for key, (table, _) in laid.items()
               for row in table.rows for cell in row for line, _ in cell.lines}
    builder = _Builder()
    emitted: set[int] = set()
    for segment in segments(source.lines):
        key = at_line.get(segment.line)
        if key is None:
            builder.read(segment)
        elif key not in emitted:
            emitted.add(key)
            builder.add_table(*laid[key])
    builder.release()
    for table in tables:
        if id(table) in laid and id(table) not in emitted:
            builder.add_table(*laid[id(table)])
        elif id(table) not in laid and not source.lines:
            builder.read_rows(table)
    return builder.blocks


class _Builder:
    """Walks the segments keeping the outline above them and the list they may belong to."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.outline: list[_Scope] = []
        self.open: _OpenList | None = None
        self.pending: Segment | None = None    # a phrase after a colon that the line break cut
        self.held: list[Segment] = []          # lines without quote marks after it, inside its open quote if one closes it
        self.last: Segment | None = None
        self.scene: tuple[Marker, str] | None = None   # the last numbered scene that introduced words of a kind
        self.seen: set[str] = set()                    # unmarked lines read so far
        self.page_kind: str | None = None              # the kind the page's title names (:meth:`_document_title`)

    @property
    def kind(self) -> str | None:
        return next((scope.kind for scope in reversed(self.outline) if scope.kind), None)

    @property
    def article(self) -> str:
        """The headings above, as a rule's source cites them: 第三条（六）; an article needs no chapter."""
        scopes = self.outline
        if any(scope.level == _ARTICLE_LEVEL for scope in scopes):
            scopes = [scope for scope in scopes if scope.level >= _ARTICLE_LEVEL]
        return "".join(scope.label for scope in scopes).strip()

    @property
    def level(self) -> float:
        return self.outline[-1].level if self.outline else -1

    def add(self, block: Block) -> None:
        block.page_kind = self.page_kind
        self.blocks.append(block)

    def add_table(self, table: Table, found: Layout) -> None:
        self.add(Block(TABLE, self.kind, self.article, table=table, layout=found))

    def read_rows(self, table: Table) -> None:
        """A sheet without a header naming its phrases: its cells read row by row, as lines."""
        for row in table.rows:
            for cell in row:
                for line, text in cell.lines:
                    if text.strip():
                        for segment in _cut(line, text, {}):
                            self.read(segment)
        self.release()

    def read(self, segment: Segment) -> None:
        if self._in_open_quote(segment) or self._repeated(segment):
            return
        before, self.last = self.last, segment
        if glued := _glued_label(before, segment):
            self._open_list(glued, segment.marker.level - 0.5)
        if self.pending and segment.marker is None:
            self.pending.join(segment)            # 应使用以下用语：您好，××公安局110报警服务台， / ××号接警员…
            self.pending = None                   # (a quote left open: :meth:`_in_open_quote`)
            return
        self.pending = None
        if self._sentence_item(segment):
            return
        if self.open and self._in_list(segment):
            return
        if (_introduces(segment.text, segment.marker is not None) is None and self._sibling_kind(segment) is None
                and self._heading(segment)):
            return
        self._document_title(segment)
        self._prose(segment)

    def _in_open_quote(self, segment: Segment) -> bool:
        """Join ``segment`` to the pending line that ended inside a quote it opened, when it closes a quote first
        (应向客户确认是否明了：“请问还有什么可以 / 帮助您？”若客户…), with up to :data:`_MAX_HELD` lines without quote marks held
        between them (…请您将车停到停车位上。 / 谢谢您的和作。 / ”“对不起这是单行线…); any other line lets the held ones
        be read as they came."""
        quoting = self.pending is not None and _open_quote(self.pending.text) and segment.marker is None
        if quoting and _closes_first(segment.text):
            for part in [*self.held, segment]:
                self.pending.join(part)
            self.pending, self.held, self.last = None, [], segment
            return True
        if quoting and len(self.held) < _MAX_HELD and not re.search(r"[“”\"「」『』]", segment.text):
            self.held.append(segment)
            return True
        if self.pending and _open_quote(self.pending.text):
            self.pending = None
        self.release()
        return False

    def release(self) -> None:
        """Read the lines held inside an open quote that no line closed."""
        held, self.held = self.held, []
        for segment in held:
            self.read(segment)

    def _repeated(self, segment: Segment) -> bool:
        """A whole line of prose that repeats an earlier one and is not said to anyone: a web page's question title
        shown again (营业厅员工服务禁语与纪律规范有哪些? atop the page and above the list), no content of its own. A repeated
        title (a running header: 服务用语规范) is still read as a heading."""
        text = segment.text.strip()
        if segment.marker or not (segment.starts_line and segment.ends_line) or not text:
            return False
        if text in self.seen:
            return not (_title_like(text) or speech_like(text) or re.search(r"[“”\"「」]", text))
        self.seen.add(text)
        return False

    # --- headings ------------------------------------------------------------------------------------
    def _heading(self, segment: Segment) -> bool:
        title = segment.text.rstrip("：: \t")
        if not _title_like(title) or (segment.marker is None and not segment.starts_line):
            return False
        folded = fold_script(title)
        if segment.marker is None and _DOC_TITLE.fullmatch(folded):
            self.outline, self.open = [], None
            block = Block(HEADING, None, "", [segment])
            self.add(block)
            if _PHRASE_RULES.search(folded):
                self._open_list("", _UNMARKED_LEVEL, block)
            return True
        named = set() if _POINTS_BACK.match(folded) else kinds_named(folded)
        kind = MIXED if len(named) > 1 else next(iter(named), None)
        if segment.marker is None and kind is None and not _TOPIC.search(folded):
            return False
        level = segment.marker.level if segment.marker else _UNMARKED_LEVEL
        kind = self._header_cells(kind, level)
        if kind != self.page_kind:
            self.page_kind = None                 # the page's title reaches up to a heading of another topic
        label = marker_label(segment.marker, title)
        self.outline = [scope for scope in self.outline if scope.level < level] + [_Scope(level, label, kind)]
        if self.open and self.open.level >= level:
            self.open = None
        block = Block(HEADING, kind, self.article, [segment])
        self.add(block)
        if kind or _PHRASE_RULES.search(folded):
            self._open_list(kind or "", level, block)
        return True

    def _sentence_item(self, segment: Segment) -> bool:
        """A page's numbered sentence, whatever commentary stands between them: 第一句：你怎么了？ (of the kind above it or
        its title's), or 2. 没看到我正忙吗？外面等着！ said to someone under a title naming a kind, outside any list."""
        marker = segment.marker
        if marker is None or not segment.starts_line:
            return False
        if marker.style == "sentence":
            kind = self.kind or self.page_kind or ""   # no kind said: its courteous words are taken (第一句话：“您好…”)
        else:
            text = fold_script(segment.text)
            sentence = speech_like(segment.text) or (looks_said(text) and bool(re.search(r"[。！？!?]\s*$", text)))
            said = sentence and len(segment.text) <= _MAX_SENTENCE and not _KIND_WORDS.search(text)
            kind = self.page_kind if said and self.open is None and self.kind is None else None
        if kind is None:
            return False
        self.open = None
        self.add(Block(LIST, kind, self.article, [segment]))
        return True

    def _document_title(self, segment: Segment) -> None:
        """A page's first line that names sentences of a kind in one of its clauses (老师，这些话你真的不能说，孩子们会记一辈子
        的！): what the page quotes alone on a line, or numbers as sentences (第一句：你怎么了？), is of that kind unless
        something nearer says otherwise, up to a heading of another kind."""
        if self.blocks or segment.marker or _introduces(segment.text) is not None:
            return
        clauses = [c for c in re.split(r"[，,。！？!?；;]", fold_script(segment.text)) if c.strip()]
        named = {kind for clause in clauses if len(clause) <= _MAX_TITLE and _SAYINGS.search(clause)
                 for kind in kinds_named(clause)}
        if len(segment.text) <= 2 * _MAX_TITLE and len(named) == 1:
            self.page_kind = named.pop()

    def _header_cells(self, kind: str | None, level: float) -> str | None:
        """Headings in a row naming different kinds are a table's header flattened (服务文明用语 / 服务禁语):
        what follows mixes both."""
        previous = self.blocks[-2:] if len(self.blocks) >= 2 else []
        if (kind and [block.form for block in previous] == [HEADING, LIST] and not previous[1].segments
                and previous[0].kind not in (None, kind) and self.outline and self.outline[-1].level == level):
            return MIXED
        return kind

    def _open_list(self, kind: str, level: float, headed: Block | None = None) -> None:
        """Open a list of ``kind`` (``""``: a list whose kind is not said, whose quoted items may be told
        by their words) under the heading ``headed``."""
        block = Block(LIST, kind, self.article)
        self.add(block)
        self.open = _OpenList(kind, level, block, headed=headed)

    # --- lists ---------------------------------------------------------------------------------------
    def _in_list(self, segment: Segment) -> bool:
        """Take ``segment`` as an item of the open list, or part of its last item; or close the list."""
        items = self.open.block.segments
        if _introduces(segment.text, segment.marker is not None) is not None:
            self.open = None                      # a new list: 严禁使用以下语言：
            return False
        if segment.marker:
            return self._marked_item(segment)
        if items and self._continues(items[-1], segment):
            items[-1].join(segment)
            return True
        folded = fold_script(segment.text)
        if _title_like(segment.text) and (kinds_named(folded) or _TOPIC.search(folded)):
            self.open = None                      # the next topic: 工作要求
            return False
        takes_lines = self.open.item_style in (None, "line") and not self.open.noted
        if (_SCENE.search(folded.strip()) and _title_like(segment.text)) or _SPACED_OUT.fullmatch(segment.text.strip()):
            return True                           # a scene label (当客户插队时) or a title spaced out (客 房)
        labelled_like_last = bool(items) and all(_LABELLED_LINE.match(fold_script(s.text)) for s in (items[-1], segment))
        if takes_lines and (speech_like(segment.text) or _QUOTED_LINE.match(segment.text) or labelled_like_last
                            or (looks_said(folded) and len(folded.strip()) <= _MAX_TITLE)):
            self.open.item_style, self.open.held = "line", None
            items.append(segment)
            return True
        if _title_like(segment.text) and not takes_lines:
            return True                           # a label between numbered items: 客户事项办理完毕
        first = not items and self.blocks[-2:] == [self.open.headed, self.open.block]
        headed = self.open.item_style is None and (self.open.held or self.open.noted)   # by a sub-heading
        if (first or headed) and not _introduces(segment.text):
            self.add(Block(PROSE, self.kind, self.article, [segment]))
            self.open.noted, self.open.held = True, None     # the sub-heading was no item
            return True                           # a note before the (sub-heading's) numbered items: 要求热情，诚恳…；
        self.open = None
        return False

    def _marked_item(self, segment: Segment) -> bool:
        marker = segment.marker
        if marker.level <= self.open.level:
            if marker.level < self.open.level or self.open.item_style is None or marker.style != self.open.item_style:
                self.open = None
                return False
        self._release_held(marker)
        title = segment.text.rstrip("：: ")
        if _title_like(title) and not speech_like(title) and marker.style != self.open.item_style:
            named = kinds_named(fold_script(title))
            after_items = self.open.item_style not in (None, "line") and marker.style not in self.open.sub_styles
            topic = not named and _TOPIC.search(fold_script(title)) and marker.style in self.open.sub_styles
            if named - {self.open.kind} or after_items or topic:
                self.open = None                  # another kind (文明用语 … (二)禁语), or a new topic (三、仪容仪表,
                return False                      # also after sub-headings of phrases: 一、问候语 … 三、服务承诺)
            self.open.sub_styles = {style for style in self.open.sub_styles if _LEVELS[style] < marker.level}
            self.open.sub_styles.add(marker.style)
            self.open.item_style, self.open.held = None, segment   # its items may be numbered anew
            if marker.style == "article":         # 第三条 文明用语 under 第二章 服务用语: its items cite 第三条
                self.open.block = Block(LIST, self.open.kind, marker_label(marker, ""))
                self.add(self.open.block)
            return True                           # a sub-heading within the list: (一)接电话
        self._drop_title_before(segment)
        if self.open.item_style in (None, "line"):
            self.open.item_style = marker.style
        self.open.block.segments.append(segment)
        return True

    def _drop_title_before(self, segment: Segment) -> None:
        """A short title on the line right before an item (日常交流 / - 您好！) heads it: it is no item of its own,
        nor the end of the item before."""
        items = self.open.block.segments
        last = items[-1] if items else None
        if last is None or not last.breaks and last.marker is not None:
            return
        start, line = last.breaks[-1] if last.breaks else (0, last.line)
        tail = last.text[start:]
        if line != segment.line - 1 or not _title_like(tail) or speech_like(tail):
            return
        if start == 0:
            items.pop()
        else:
            last.text, last.breaks = last.text[:start], last.breaks[:-1]

    def _release_held(self, marker: Marker) -> None:
        """The sub-heading before was the list's first item when this marker numbers on from it at its level
        (1、不知道 2、…)."""
        held, self.open.held = self.open.held, None
        if (held and held.marker.style == marker.style and held.marker.level == marker.level   # not 1.2 → 1.2.1
                and marker.number == held.marker.number + 1):
            self.open.block.segments.append(held)
            self.open.sub_styles.discard(marker.style)
            self.open.item_style = marker.style

    def _continues(self, item: Segment, segment: Segment) -> bool:
        """An unmarked piece goes on with the item before: the item stops mid-sentence (and is no title),
        or the piece leads a line whose next marker is the list's next item (谢谢！4、…)."""
        if segment.marker:
            return False
        if re.match(r"[”」』、，,；;]", segment.text):
            return True                           # ”，“我能转达吗。 — a quote list going on
        if _title_like(segment.text) and kinds_named(fold_script(segment.text)):
            return False                          # a heading: 驾驶员服务文明用语
        if CATEGORY.match(re.sub(r"[\s\W]", "", fold_script(segment.text))):
            return False                          # a category's name on its own line: 感谢语
        if _ORDINAL_LABEL.match(segment.text):
            return False                          # the next section: 误区二：使用模糊或推诿用语
        broken = (item.marker is not None and item.unfinished
                  and (len(item.text) > 12 or bool(re.search(r"[，,、]", item.text))))
        leads_next_item = segment.starts_line and self.open.item_style is not None
        return broken or (leads_next_item and segment.followed_by == self.open.item_style)

    # --- prose ---------------------------------------------------------------------------------------
    def _prose(self, segment: Segment) -> None:
        if segment.marker:
            level = segment.marker.level
            self.outline = [scope for scope in self.outline if scope.level < level]
            self.outline.append(_Scope(level, marker_label(segment.marker, ""), None))
        block = Block(PROSE, self.kind, self.article, [segment])
        self.add(block)
        if re.search(r"[:：][^“”\"「」]+[，,、]\s*$", segment.text) or _open_quote(segment.text):
            self.pending = segment
        intro = _introduces(segment.text, segment.marker is not None)
        intro = self._sibling_kind(segment) if intro is None else intro
        if intro and segment.marker:
            self.scene = (segment.marker, intro)
        if intro is not None:
            self._open_list(intro or self.kind or "", segment.marker.level if segment.marker else self.level + 0.1)

    def _sibling_kind(self, segment: Segment) -> str | None:
        """A numbered scene ending with a colon and no cue (4.请求对方提供号码：) introduces the words below it as the
        scene numbered just before did with its cue (3.如果用户没有问题可说：)."""
        marker = segment.marker
        if not (self.scene and marker and re.search(r"[:：]\s*$", segment.text)) or kinds_named(fold_script(segment.text)):
            return None
        before, kind = self.scene
        return kind if marker.style == before.style and marker.number == before.number + 1 else None


def _open_quote(text: str) -> bool:
    """Whether a line ends inside a quote it opened: a “ or 「 after its last closing mark."""
    return max(text.rfind("“"), text.rfind("「")) > max(text.rfind("”"), text.rfind("」"))


def _closes_first(text: str) -> bool:
    """Whether a line closes a quote before it opens any: the rest of a quote broken across lines (帮助您？”若客户…)."""
    close = min((text.find(mark) for mark in "”」" if mark in text), default=-1)
    return close >= 0 and not re.search(r"[“「]", text[:close])


def _glued_label(before: Segment | None, segment: Segment) -> str | None:
    """The kind a label glued to the end of the text before names, when a list starts right after it on the same
    line (…请慢走再见文明服务忌语1服务指南…, a PDF that lost its line breaks)."""
    if not (before and segment.marker and segment.marker.style == "glued" and segment.marker.number == 1):
        return None
    return kind_of(_GLUED_LABEL.search(fold_script(before.text)))


def _introduces(text: str, numbered: bool = False) -> str | None:
    """The kind a sentence introducing a list below it names (严禁使用以下语言： → prohibited, 需避免以下态度问题： →
    prohibited: what the items quote is to be avoided): ``""`` when it introduces one without naming a kind, None when
    it introduces none. A numbered scene label (2、接待过程中有情况处理时：) introduces no list of its own: its words
    and the next number's are items of the list it stands in."""
    folded = fold_script(re.sub(r"(?<=[:：])[\s、，,]+$", "", text.rstrip()))   # 举例：、 — a stray separator after it
    if not re.search(r"[:：]\s*$", folded):
        return None
    sentence_start = max(folded.rfind(mark, 0, len(folded) - 1) for mark in "。！？!?；;") + 1
    kind = last_cue(folded, sentence_start)
    if not kind and _AVOIDS_BELOW.search(folded, sentence_start):
        return PROHIBITED
    return kind if kind else ("" if INTRO.search(folded) and not (numbered and _SCENE_LABEL.search(folded)) else None)


def _title_like(text: str) -> bool:
    """Short, without sentence punctuation (a short quote after other words allowed in a title naming a kind: 窗口服务
    “十不说”), no colon before more words (服务忌语：不知道 is a list) and no words ruled out (不可以说没有发票 is a
    rule)."""
    unquoted = _QUOTED_TERM.sub(r"\1", text.strip())
    plain = unquoted if unquoted != text.strip() and kinds_named(fold_script(unquoted)) else text
    return (0 < len(text.strip()) <= _MAX_TITLE and not _NOT_TITLE.search(plain)
            and not re.search(r"[:：]\s*\S", text) and not _NEVER_SAYS.search(fold_script(text)))
