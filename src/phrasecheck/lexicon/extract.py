"""Draft a lexicon from a regulation document: the courtesy phrases it mandates, the expressions it prohibits.

Regulation documents list phrases in a few recurring ways, and the extractor follows those cues:

* quoted in a sentence that says what they are: 应使用“请稍候”、“再见”等文明用语；禁止使用……的语言，
  如：“不知道”、“我不管”；应回答：“……”. The nearest cue before a run of quotes in the same sentence
  decides (or a label right after it: “您好”等礼貌用语); a sentence starting with 如/例如 and a quote left
  open at the end of a line continue the previous one;
* listed under a heading line (三、服务禁语 / 文明用语如下：/ 禁止使用下列用语：), one per line, numbered or
  bulleted, quoted or not, or after the colon separated by 、 or ；.

Everything else is left alone: prose, behaviour rules (严禁推诿扯皮), slogans (三声、五个一样) and quoted
concepts (做到“五个一样”, 杜绝“门难进、脸难看、事难办”现象).
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..normalize import normalize
from ..textio import InputError, read_text
from .check import UNFINISHED_SUGGESTION
from .model import SLOT_PATTERN

COURTESY, PROHIBITED = "courtesy", "prohibited"
KINDS = (COURTESY, PROHIBITED)

# --- cues: words that say what a quote or a list is ----------------------------------------------
_PROHIBITED_LABELS = "不文明用语|不文明语言|不礼貌用语|服务禁语|服务忌语|禁止用语|禁用语|禁语|忌语|官话|狠话|脏话|粗话"
_COURTESY_LABELS = ("文明用语|文明语言|文明话语|礼貌用语|礼貌语言|礼貌称呼|服务用语|规范用语|标准用语|接待用语|"
                    "电话用语|常用语|问候语|敬语")
_BEFORE_QUOTE = r"(?=\s*[:：]?\s*[“\"「『‘])"
#: A cue before a quote or a list; the last one before a quote in its sentence decides.
_CUE = re.compile(
    rf"(?P<p>{_PROHIBITED_LABELS}|(?:禁止|严禁|不得|不准|不许|不要|不能|不可|切忌|忌|别)(?:使用|说出?|讲出?))"
    rf"|(?P<c>{_COURTESY_LABELS}|(?:应当?|应该|要|须|需|必须|请|注意|首先|主动|并|或|可)(?:先|再|主动|及时)?(?:使用|说|讲|回答|答复|问候|招呼)"
    rf"|打招呼|使用(?:下列|以下|如下)|使用{_BEFORE_QUOTE})"
)
#: Right after a run of quotes, a label naming them: “您好”、“请坐”等礼貌用语.
_LABEL_AFTER = re.compile(
    rf"\s*(?:等等|等|之类的?)?[^，,。；;！!？?“”\"「」\s]{{0,4}}?(?:(?P<p>{_PROHIBITED_LABELS})|(?P<c>{_COURTESY_LABELS}))"
)
#: A quote that names a concept, not words to say: 做到“五个一样”, “三声”即, 杜绝“……”现象.
_CONCEPT_BEFORE = re.compile(r"(?:做到|实行|实现|开展|推行|杜绝|树立|坚持|执行|倡导|称为|叫做)\s*$")
_CONCEPT_AFTER = re.compile(r"[，,：:\s]*(?:即|是指)|(?:现象|行为|精神|意识|作风|原则|活动|制度|服务|工作|理念|要求|模式|规定|标准)")
#: What may stand between the quotes of one run: “A”、“B”或“C”.
_RUN_GAP = re.compile(r"(?:[\s、，,；;/]|或者?者?|和|及|与)*")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_CONTINUES = re.compile(r"\s*(?:例如|比如|譬如|如|即|[”」』’、，,；;])")

# --- document structure ----------------------------------------------------------------------------
_NUMERAL = "一二三四五六七八九十百零〇"
_DOC_NAME = r"[^，,。；;：:“”\"\s]{2,40}?(?:规范|制度|守则|办法|细则|准则|规定)"
_MAJOR = re.compile(
    rf"\s*(?:{_DOC_NAME})?(?P<marker>第[{_NUMERAL}\d]+[章节条讲篇]|[{_NUMERAL}]+、)"
    r"\s*(?P<title>[^，,。；;：:！!？?“”\"「（(\d]{0,24})"
)
_ARTICLE = re.compile(rf"\s*(?:{_DOC_NAME})?第[{_NUMERAL}\d]+[章节条讲篇]")
_ITEM = re.compile(
    rf"\s*(?P<marker>[（(][{_NUMERAL}]+[)）]|\d{{1,2}}[、.．](?!\d)|[（(]\d{{1,2}}[)）]|\d{{1,2}}[)）]|[①-⑳])\s*"
)
_BULLET = re.compile(r"\s*[-•·●○◆◇■□▪►*√]\s*")
_DOC_TITLE = re.compile(rf"^{_DOC_NAME}$")
_LABEL = re.compile(rf"(?P<p>{_PROHIBITED_LABELS})|(?P<c>{_COURTESY_LABELS})")
_HEADER_TAIL = re.compile(r"(?:如下|以下|举例|示例)?\s*(?:[（(][^（）()]*[)）])?\s*[:：]?\s*$")

# --- what is a phrase --------------------------------------------------------------------------------
#: Opening quote marks and the marks that close them (“…" happens).
_CLOSERS = {"“": "”\"＂", "「": "」", "『": "』", "‘": "’", '"': '"”', "＂": "＂”"}
#: An opening double quote inside a quote means the quote before it lost its closing mark.
_NEW_QUOTE = "“「『"
_MAX_QUOTED, _MAX_UNQUOTED = 40, 25
_SLOGAN = re.compile(r"^[二两三四五六七八九十百].{0,4}$|^.有.声$")
_RULE_START = re.compile(r"^(?:严禁|禁止|不准|不得|不许|杜绝|必须|应当|应该|应|须|坚持|做到|提倡|实行|严格|切实|认真|及时|积极|注|说明|备注)")
_PROSE_WORDS = re.compile(r"工作人员|服务对象|办事群众|群众|居民|窗口人员|用语|语言|规范|制度|要求|原则|标准")
_EDITOR_NOTE = re.compile(r"\s*[（(][^（()）]{3,}[)）]\s*$")
_ELLIPSIS = re.compile(r"…+|\.{3,}")
_TRAILING_ETC = re.compile(r"(?:等等|(?<![稍久请您再你我他她])等)$")
_STRIP = " \t\u3000、，,；;：:"
_QUOTE_MARKS = "“”\"＂「」『』‘’"
#: What a placeholder becomes in a draft rule's flag example, so that the example is real text.
_EXAMPLE_FILLER = "社保"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as the document writes it, its 1-based line and the article or item it stands in."""

    text: str
    line: int
    article: str


@dataclass(slots=True)
class Extraction:
    """The courtesy phrases and prohibited expressions found in one document, in document order."""

    path: Path
    courtesy: list[Phrase] = field(default_factory=list)
    prohibited: list[Phrase] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Phrase]:
        return self.courtesy if kind == COURTESY else self.prohibited


def extract(path: str | Path) -> Extraction:
    """Find the phrases a regulation document (.txt in any encoding textio reads, or .docx) lists.

    Raises :class:`InputError` when the document cannot be read.
    """
    scanner = _Scanner(Extraction(Path(path)))
    for number, line in enumerate(read_lines(path), start=1):
        scanner.read(number, line)
    return scanner.extraction


def read_lines(path: str | Path) -> list[str]:
    """The document's lines; for a .docx its paragraphs, table cells included (see :func:`_docx_lines`)."""
    if Path(path).suffix.lower() != ".docx":
        text = read_text(path).text
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:
        raise InputError(str(path), "读取 .docx 需要安装 python-docx / reading .docx needs python-docx") from None
    try:
        return _docx_lines(docx.Document(str(path)))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise InputError(str(path), f"无法读取 .docx 文件 / cannot read the .docx file: {error}") from None


def _docx_lines(container) -> list[str]:
    """The paragraphs of a .docx document or table cell, in reading order, one line each."""
    lines: list[str] = []
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):       # a table
            for cell in _table_cells(block):
                lines += _docx_lines(cell)
        else:
            lines.append(block.text)
    return lines


def _table_cells(table) -> list:
    """A table's cells row by row, each merged cell once; column by column when the first row
    names a kind in every column (文明用语 | 服务禁语), so that each list stays under its heading."""
    rows = [list({cell._tc: cell for cell in row.cells}.values()) for row in table.rows]
    if not rows or len(rows[0]) < 2 or not all(_announced(cell.text) for cell in rows[0]):
        return [cell for row in rows for cell in row]
    return [row[column] for column in range(len(rows[0])) for row in rows if column < len(row)]


class _Outline:
    """The headings above the current line: 第三条, （一）, 1、, （2） → "第三条（一） 1（2）"."""

    def __init__(self):
        self.levels: dict[int, tuple[str, str | None]] = {}   # level → (label, kind the title announces)

    def read(self, line: str) -> int | None:
        """Take the heading markers at the start of ``line``; return the deepest level read, if any."""
        position, level = 0, None
        major = _MAJOR.match(line)
        if major:
            title = _short_title(major["title"], line[major.end():]) if major["marker"].endswith("、") else ""
            self._push(0, major["marker"] + title, _announced(major["title"]))
            position, level = major.end(), 0
        for _ in range(2):
            item = _ITEM.match(line, position)
            if not item:
                break
            level, label = _item_label(item["marker"].strip())
            self._push(level, label, _announced(line[item.end():]))
            position = item.end()
        return level

    def _push(self, level: int, label: str, kind: str | None) -> None:
        self.levels = {k: v for k, v in self.levels.items() if k < level}
        self.levels[level] = (label, kind)

    def reset(self) -> None:
        self.levels = {}

    @property
    def article(self) -> str:
        return "".join(label for _, (label, _) in sorted(self.levels.items())).strip()

    @property
    def kind(self) -> str | None:
        """The kind the nearest heading announces (三、文明用语 → courtesy), if any."""
        return next((kind for _, (_, kind) in sorted(self.levels.items(), reverse=True) if kind), None)


def _item_label(marker: str) -> tuple[int, str]:
    """Level and article label of an item marker: （一） 1, 1、 2, （1） or ① 3."""
    if marker[-1] in "、.．":
        return 2, f" {marker[:-1]}"
    level = 1 if marker[0] in "（(" and marker[1] in _NUMERAL else 3
    return level, f"（{marker[1:-1]}）" if marker[0] in "（(" else marker


def _short_title(title: str, rest: str) -> str:
    """The title of 一、服务语言 for the article label, if it is one.

    A title ends its line or meets an item marker (一、服务语言1、…); run-on text is cut after
    a label (四、禁止用语接待… → 禁止用语) or left out.
    """
    label = _LABEL.search(title)
    if label:
        title = title[:label.end()]
    elif rest.strip() and not _ITEM.match(rest):
        return ""
    return title.strip() if len(title.strip()) <= 8 else ""


def _announced(title: str) -> str | None:
    """The kind a heading title names and nothing more: 服务禁语 → prohibited, 服务用语规范 → none."""
    label = re.fullmatch(rf"\s*[^，,。；;：:“”\"]{{0,8}}?(?:{_LABEL.pattern}){_HEADER_TAIL.pattern}", title)
    return _kind(label) if label else None


class _Scanner:
    """Walks a document line by line, keeping its outline, the running cue and any open list."""

    def __init__(self, extraction: Extraction):
        self.extraction = extraction
        self.outline = _Outline()
        self.carried: str | None = None      # the kind the previous line ended with
        self.left_open = False               # the previous line stopped inside a quote or sentence
        self.list_kind: str | None = None    # a list announced by a heading continues on these lines
        self.list_level: int | None = None   # the heading level of the line that announced it
        self.item_level: int | None = None   # the marker level of its items, once seen

    def read(self, number: int, line: str) -> None:
        """Take line ``number`` of the document."""
        if not line.strip():
            return
        if _DOC_TITLE.match(line.strip()) and not (_MAJOR.match(line) or _ITEM.match(line)):
            self.outline.reset()
            self.carried, self.left_open, self.list_kind = None, False, None
            return
        level = self.outline.read(line)
        if self.list_kind and self._ends_list(line, level):
            self.list_kind = None
        body = _strip_markers(line)
        spans = _quote_spans(line)
        if spans:
            self._quoted(number, line, spans, level)
        elif not self._list_header(number, body, level) and not self._list_item(number, body):
            self._prose(line, level)

    def _ends_list(self, line: str, level: int | None) -> bool:
        """A heading as high as the list's own (for a list without a number: 第X条, 一、 or （一）).

        The first item sets the items' level: 服务忌语 may be followed by 一、…, 二、…
        """
        if level is None or level == self.item_level:
            return False
        if self.item_level is None and not _ARTICLE.match(line):
            self.item_level = level
            return False
        return level <= (1 if self.list_level is None else self.list_level)

    # --- quoted phrases ----------------------------------------------------------------------------
    def _quoted(self, number: int, line: str, spans: list[tuple[int, int]], level: int | None) -> None:
        masked = _mask(line, spans)
        continues = self._continues(line, level)
        fallback = self.list_kind or self.outline.kind
        kind = None
        for run in _runs(masked, spans):
            kind = (_kind(_LABEL_AFTER.match(masked, run[-1][1] + 1))
                    or _cue_before(masked, run[0][0], self.carried if continues else None) or fallback)
            for start, end in run:
                if kind and not _names_concept(masked, start, end):
                    self._add(kind, _split_quote(line[start + 1:end]), number, quoted=True)
        self.carried = _line_cue(masked, self.carried if continues else None) or kind
        self.left_open = spans[-1][1] == len(line) or _unfinished(masked)

    # --- lists under a heading or after a colon ----------------------------------------------------------
    def _list_header(self, number: int, body: str, level: int | None) -> bool:
        """A line announcing a list (三、服务禁语 / 禁止使用下列用语：).

        Items after its colon are read there and then; with none, the list goes on below.
        """
        kind = _announced(body)
        colon = max(body.rfind("："), body.rfind(":"))
        if kind is None and colon >= 0:
            kind = _cue_before(body, colon, None)
        if kind is None:
            return False
        items = _split_items(body[colon + 1:]) if colon >= 0 else []
        self._add(kind, items, number, quoted=False)
        self.list_kind, self.list_level, self.item_level = (None if items else kind), level, None
        self.carried, self.left_open = kind, not items
        return True

    def _list_item(self, number: int, body: str) -> bool:
        """One line of an open list; a line that is not a phrase closes the list."""
        if not self.list_kind:
            return False
        items = _split_items(_BULLET.sub("", body, count=1))
        if not items or not all(_is_unquoted_phrase(item) for item in items):
            self.list_kind = None
            return False
        self._add(self.list_kind, items, number, quoted=False)
        return True

    def _prose(self, line: str, level: int | None) -> None:
        self.carried = _line_cue(line, self.carried if self._continues(line, level) else None)
        self.left_open = _unfinished(line)

    def _continues(self, line: str, level: int | None) -> bool:
        """Whether ``line`` goes on with the previous one (a new numbered item never does)."""
        return level is None and (self.left_open or bool(_CONTINUES.match(line)))

    def _add(self, kind: str, texts: list[str], number: int, quoted: bool) -> None:
        found = self.extraction.of_kind(kind)
        for text in texts:
            if _is_phrase(text) and (quoted or _is_unquoted_phrase(text)):
                found.append(Phrase(text, number, self.outline.article))


def _kind(match: re.Match | None) -> str | None:
    if match is None:
        return None
    return PROHIBITED if match["p"] else COURTESY


def _cue_before(text: str, position: int, carried: str | None) -> str | None:
    """The kind of the last cue before ``position`` in its sentence.

    With no cue, a sentence that begins with 如/例如 takes the previous sentence's, and the
    line's first sentence takes ``carried`` (the previous line's, when this line continues it).
    """
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    index, end = len(starts) - 1, position
    while True:
        cues = list(_CUE.finditer(text, starts[index], end))
        if cues:
            return _kind(cues[-1])
        if index == 0:
            return carried
        if not _CONTINUES.match(text, starts[index]):
            return None
        index, end = index - 1, starts[index]


def _line_cue(text: str, carried: str | None) -> str | None:
    """The kind a line ends with, for the next line to continue."""
    return _cue_before(text, len(text.rstrip().rstrip("。！？!?；;")), carried)


def _unfinished(text: str) -> bool:
    return not _SENTENCE_END.search(text.rstrip()[-1:])


def _quote_spans(line: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) positions of the quotes in ``line``.

    Documents lose closing marks: a quote still open at the end of the line ends there, and a new
    opening double quote ends the one before it (“A、“B”). A closing mark with no opening one is ignored.
    """
    spans, position = [], 0
    while position < len(line):
        if line[position] not in _CLOSERS:
            position += 1
            continue
        closers = _CLOSERS[line[position]]
        end = position + 1
        while end < len(line) and line[end] not in closers and line[end] not in _NEW_QUOTE:
            end += 1
        spans.append((position, end))
        position = end + 1 if end < len(line) and line[end] in closers else end
    return spans


def _mask(line: str, spans: list[tuple[int, int]]) -> str:
    """``line`` with the quotes blanked out, so that cues and sentence ends are read outside them."""
    chars = list(line)
    for start, end in spans:
        chars[start:end + 1] = "□" * len(chars[start:end + 1])
    return "".join(chars)


def _runs(masked: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group the quotes that follow one another with only separators between them."""
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and _RUN_GAP.fullmatch(masked, runs[-1][-1][1] + 1, span[0]):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _names_concept(masked: str, start: int, end: int) -> bool:
    return bool(_CONCEPT_BEFORE.search(masked, 0, start) or _CONCEPT_AFTER.match(masked, end + 1))


def _strip_markers(line: str) -> str:
    """``line`` without the heading, item and bullet markers it starts with."""
    text = line
    while True:
        marker = _MAJOR.match(text) or _ITEM.match(text) or _BULLET.match(text)
        if not marker or not marker.end():
            return text.strip()
        text = text[marker.start("title") if "title" in marker.re.groupindex else marker.end():]


def _split_quote(text: str) -> list[str]:
    """The phrases of one quote: “同志、先生、女士” lists three; a trailing editor's note goes."""
    parts = re.split(r"[、；;]", text) if not re.search(r"[，,]", text) else [text]
    return [_clean(part) for part in parts]


def _split_items(text: str) -> list[str]:
    """The items of an unquoted list: separated by ； (or else 、), quotes and numbering removed."""
    text = _LABEL_AFTER.sub("", text.strip().rstrip("。."))
    separator = r"[；;]" if re.search(r"[；;]", text) else "、"
    parts = [_ITEM.sub("", part, count=1) for part in re.split(separator, text)]
    return [item for item in map(_clean, parts) if item]


def _clean(text: str) -> str:
    """One phrase without the separators, quote marks, trailing 等 and editor's note around it."""
    text = text.strip(_STRIP + _QUOTE_MARKS)
    return _EDITOR_NOTE.sub("", _TRAILING_ETC.sub("", text)).strip(_STRIP)


def _literal(text: str) -> str:
    """The normalised words of ``text`` without placeholders: what a phrase really says."""
    return normalize(SLOT_PATTERN.sub("", _ELLIPSIS.sub("", text))).text


def _is_phrase(text: str) -> bool:
    """Anything said: not empty, not overlong, not a label (“官话”) and not a slogan (三声)."""
    literal = _literal(text)
    return (0 < len(literal) <= _MAX_QUOTED and not _SLOGAN.search(literal)
            and not re.fullmatch(rf"[^，,。]{{0,4}}(?:{_LABEL.pattern})", text.strip()))


def _is_unquoted_phrase(text: str) -> bool:
    """Unquoted text must also look like words said, not a rule of behaviour or a title."""
    literal = _literal(text)
    return (len(literal) <= _MAX_UNQUOTED and not _RULE_START.match(literal)
            and not _PROSE_WORDS.search(text) and not re.search(r"。.", text.strip()))


# --- output --------------------------------------------------------------------------------------------

def to_json(extraction: Extraction) -> dict:
    """``{"courtesy": [{"text", "line", "article"}, …], "prohibited": […]}``, texts as the document writes them."""
    return {kind: [{"text": p.text, "line": p.line, "article": p.article} for p in extraction.of_kind(kind)]
            for kind in KINDS}


def to_toml(extraction: Extraction, doc_name: str) -> str:
    """A draft lexicon in the project's format: one rule per distinct phrase, citing every place.

    Prohibited rules get ``severity = "medium"`` and the placeholder suggestion
    :data:`UNFINISHED_SUGGESTION`, which ``lexicon check`` reports until a person writes one.
    """
    lines = [
        f"# 词库草稿：由 `phrasecheck lexicon extract` 从 {doc_name} 提取，请人工审阅。",
        f"# Draft lexicon extracted from {doc_name}: review it. Categories are guesses; every prohibited",
        f"# rule's suggestion is {UNFINISHED_SUGGESTION} until you write the courteous alternative.",
        "",
        "[lexicon]",
        f"name = {_string('draft-' + Path(doc_name).stem)}",
        f"description = {_string(f'从 {doc_name} 提取的草稿 / draft extracted from {doc_name}')}",
    ]
    for kind in KINDS:
        for number, forms in enumerate(_distinct(extraction.of_kind(kind)), start=1):
            lines += ["", *_rule_lines(f"draft.{kind}.{number:03d}", kind, forms, doc_name)]
    return "\n".join(lines) + "\n"


@dataclass(slots=True)
class _Forms:
    """The wordings of one draft rule (the first is its phrase) and the places that write them."""

    wordings: list[str]
    phrases: list[Phrase]


def _distinct(phrases: list[Phrase]) -> list[_Forms]:
    """Phrases grouped as the matcher sees them (normalised, placeholders ignored), in document order.

    Wordings that differ only there (请填写 / 请填写xx) become one rule with variants, as
    ``lexicon check`` would otherwise report them as duplicates.
    """
    groups: dict[str, _Forms] = {}
    for phrase in phrases:
        wording = as_slots(phrase.text)
        group = groups.setdefault(_core(wording), _Forms([], []))
        if _form_key(wording) not in map(_form_key, group.wordings):
            group.wordings.append(wording)
        group.phrases.append(phrase)
    return list(groups.values())


def _core(wording: str) -> str:
    return normalize(SLOT_PATTERN.sub("", wording)).text


def _form_key(wording: str) -> str:
    return normalize(SLOT_PATTERN.sub("хх", wording)).text


def _rule_lines(rule_id: str, kind: str, forms: _Forms, doc_name: str) -> list[str]:
    phrase, *variants = forms.wordings
    lines = ["[[rule]]", f"id = {_string(rule_id)}", f"kind = {_string(kind)}",
             f"category = {_string(guess_category(kind, phrase))}"]
    if kind == PROHIBITED:
        lines.append('severity = "medium"')
    lines.append(f"phrase = {_string(phrase)}")
    if variants:
        lines.append(f"variants = [{', '.join(map(_string, variants))}]")
    if kind == PROHIBITED:
        lines.append(f"suggestion = {_string(UNFINISHED_SUGGESTION)}")
    lines.append("sources = [")
    lines += [f"  {{ doc = {_string(doc_name)}, article = {_string(p.article)}, line = {p.line} }},"
              for p in forms.phrases]
    return lines + ["]", f"flag = [{_string(SLOT_PATTERN.sub(_EXAMPLE_FILLER, phrase))}]"]


_CATEGORIES = {
    COURTESY: (
        ("电话开场", "这里是"), ("转办", "帮您问|窗口"), ("致歉", "对不起|抱歉"), ("等候", "稍等|稍候|久等"),
        ("告别", "再见|慢走"), ("答谢", "谢谢"), ("称呼", "同志|先生|女士"), ("问候", "您好|你好"),
    ),
    PROHIBITED: (
        ("推诿", "不归|不管|问别人"), ("催促/不耐烦", "快点|啰嗦|罗嗦|唆|下班"), ("侮辱/贬低", "笨|差"),
        ("顶撞", "规定|投诉|怎么样"),
    ),
}
_OTHER_CATEGORY = {COURTESY: "文明用语", PROHIBITED: "搪塞"}


def guess_category(kind: str, phrase: str) -> str:
    """A category of the default lexicon guessed from keywords (a draft: a person should confirm it)."""
    return next((name for name, words in _CATEGORIES[kind] if re.search(words, phrase)), _OTHER_CATEGORY[kind])


def as_slots(text: str) -> str:
    """A phrase as a lexicon wording: an ellipsis inside it (请到……窗口) is a slot хх, one at either end goes."""
    trimmed = re.sub(rf"^(?:{_ELLIPSIS.pattern})|(?:{_ELLIPSIS.pattern})$", "", text.strip()).strip()
    return _ELLIPSIS.sub("хх", trimmed)


def _string(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)
