"""A draft lexicon from what :mod:`.extract` found: JSON for tools, TOML in the project's own format."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..models import Diagnostic
from ..normalize import normal_text
from ..textio import input_name
from .extract import COURTESY, KINDS, PROHIBITED, Extraction, Phrase
from ..lexicon.model import SLOT_PATTERN, UNFINISHED_SUGGESTION

_ELLIPSIS = re.compile(r"…+|\.{3,}|。{3,}")
#: What a placeholder becomes in a draft rule's flag example, so that the example is real text.
_EXAMPLE_FILLER = "社保"


def draft_warnings(extraction: Extraction) -> list[Diagnostic]:
    """What to tell the person who drafts: that the document gave no phrase at all (an empty draft, not an error),
    and each prohibited rule of one character (at its first line), which flags that character wherever it stands."""
    path = input_name(extraction.path)
    if not (extraction.courtesy or extraction.prohibited):
        return [Diagnostic(path, 0, "未找到文明用语或服务禁语 / no courtesy or prohibited phrases found", "warning")]
    fresh = [phrase for phrase in extraction.prohibited if not phrase.covered_by]
    return [Diagnostic(path, forms.phrases[0].line, note, "warning") for forms in _distinct(fresh)
            if (note := _one_character(forms))]


def to_json(extraction: Extraction) -> dict:
    """``{"courtesy": [{"text", "line", "article", "covered_by"}, …], "prohibited": […]}``, texts as the
    document writes them; from a rule sheet also ``sheet``, ``category`` and ``suggestion`` when given."""
    return {kind: [_phrase_json(phrase) for phrase in extraction.of_kind(kind)] for kind in KINDS}


def _phrase_json(phrase: Phrase) -> dict:
    record = {"text": phrase.text, "line": phrase.line, "article": phrase.article, "covered_by": phrase.covered_by}
    for name in ("sheet", "category", "suggestion"):
        if getattr(phrase, name):
            record[name] = getattr(phrase, name)
    return record


def to_toml(extraction: Extraction, doc_name: str, name: str | None = None) -> str:
    """A draft lexicon in the project's format: one rule per distinct phrase, citing every place.

    ``name`` (default: the document's stem, see :func:`draft_names`) names the draft and tags its rule ids.

    Prohibited rules get ``severity = "medium"`` and the sheet's suggestion or else the placeholder
    :data:`UNFINISHED_SUGGESTION`, which ``lexicon check`` reports until a person writes one. Phrases a
    loaded rule already covers (``covered_by``) are left out, listed in a comment at the top.
    """
    name = name or Path(doc_name).stem
    lines = [
        f"# 词库草稿：由 `phrasecheck lexicon extract` 从 {doc_name} 提取，请人工审阅。",
        f"# Draft lexicon extracted from {doc_name}: review it. Categories are guesses; every prohibited",
        f"# rule's suggestion is {UNFINISHED_SUGGESTION} until you write the courteous alternative.",
        "",
        "[lexicon]",
        f"name = {_string('draft-' + name)}",
        f"description = {_string(f'从 {doc_name} 提取的草稿 / draft extracted from {doc_name}')}",
    ]
    covered = [(kind, p) for kind in KINDS for p in extraction.of_kind(kind) if p.covered_by]
    if covered:
        lines[4:4] = ["# 已由现有规则覆盖、未列入草稿 / already covered by a loaded rule, left out:",
                      *(f"#   {kind} {p.text} → {p.covered_by} (第{p.line}行 / line {p.line})" for kind, p in covered),
                      *_suggestion_table(p for _, p in covered), ""]
    for kind in KINDS:
        fresh = [phrase for phrase in extraction.of_kind(kind) if not phrase.covered_by]
        for number, forms in enumerate(_distinct(fresh), start=1):
            lines += ["", *_rule_lines(f"{_id_prefix(name)}.{kind}.{number:03d}", kind, forms, doc_name)]
    return "\n".join(lines) + "\n"


def _suggestion_table(covered) -> list[str]:
    """The sheet's own wordings for phrases loaded rules cover, as the phrasecheck.toml table that keeps them
    (``[rules.suggestion]``, one line a rule, the first wording of each), commented out."""
    wordings = {}
    for phrase in covered:
        if phrase.suggestion:
            wordings.setdefault(phrase.covered_by, phrase.suggestion)
    if not wordings:
        return []
    return ["# 本表的建议说法，可写入 phrasecheck.toml / the sheet's wordings, for phrasecheck.toml:", "# [rules.suggestion]",
            *(f"# {_string(rule)} = {_string(wording)}" for rule, wording in wordings.items())]


def _id_prefix(name: str) -> str:
    """``draft.`` and a tag of the draft's name, so that the drafts of several documents load together: the name when
    that is a rule id's letters (``draft.hall-rules``), else a short hash of it (``draft.d3fa2c1``)."""
    name = name.lower()
    tag = name if re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,40}", name) else "d" + hashlib.sha1(name.encode()).hexdigest()[:6]
    return f"draft.{tag}"


def draft_names(paths: list[Path]) -> list[str]:
    """A name for each document's draft, no two alike (letter case aside): its stem, with its extension where
    another document has the same stem (10-bank-rules-xlsx, 10-bank-rules-csv), and a number where that is
    not enough (the same name in two folders: 服务禁语-docx, 服务禁语-docx-2)."""
    stems = Counter(path.stem.casefold() for path in paths)
    taken: set[str] = set()
    names = []
    for path in paths:
        name = f"{path.stem}-{path.suffix[1:]}" if stems[path.stem.casefold()] > 1 and path.suffix else path.stem
        unique, number = name, 1
        while unique.casefold() in taken:
            number += 1
            unique = f"{name}-{number}"
        taken.add(unique.casefold())
        names.append(unique)
    return names


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
        wordings = bracket_forms(as_slots(phrase.text))
        group = groups.setdefault(_core(wordings[0]), _Forms([], []))
        for wording in wordings:
            if _form_key(wording) not in map(_form_key, group.wordings):
                group.wordings.append(wording)
        group.phrases.append(phrase)
    return list(groups.values())


#: A bracket inside a printed phrase, holding other words for it (躺(坐)那儿，快点！; 同志(先生、女士)).
_BRACKET = re.compile(r"[（(]([^（）()]{1,30})[）)]")
_ALTERNATIVES = re.compile(r"[、/，,；;！!？?]+|或者?")
#: Marks around a bracket that say nothing of its words.
_EDGE_MARKS = "，,。！!？?、 "
#: The wordings one printed phrase gives at most: a phrase of many brackets multiplies them, and a rule needs few.
MOST_FORMS = 12


def bracket_forms(wording: str) -> list[str]:
    """A wording printed with other words in a bracket, as the matcher needs it (at most :data:`MOST_FORMS`): the
    wording without the bracket, then each other wording. Words no longer than what comes before the bracket stand in
    for as many characters before it (躺(坐)那儿，快点！ → 坐那儿，快点！; 把东西(证明、资料)都拿出来 → 把证明都拿出来;
    请躺好(或坐好) → 请坐好); a whole phrase ending the wording is said on its own (把上衣脱了(把裤子脱了！把衣服撩起来！)
    → 把裤子脱了)."""
    match = _BRACKET.search(wording)
    if match and not match.start() and not wording[match.end():].strip(_EDGE_MARKS):
        return [match[1]]                          # the whole phrase in brackets: (怎么连孩子都抱不住呀) !
    if not match or not match.start():
        return [wording]
    before, after = wording[:match.start()], wording[match.end():]
    head = before.rstrip(_EDGE_MARKS)
    others = [part.strip() for part in _ALTERNATIVES.split(match.group(1)) if part.strip()]
    forms = [before + after]
    for other in others:
        if len(other) <= len(head):
            forms.append(head[:len(head) - len(other)] + other + before[len(head):] + after)
        elif not after.strip(_EDGE_MARKS):
            forms.append(other)
    found: list[str] = []
    for plain in forms:
        found += bracket_forms(plain)[:MOST_FORMS - len(found)]
        if len(found) >= MOST_FORMS:
            break
    return found


def _core(wording: str) -> str:
    return normal_text(SLOT_PATTERN.sub("", wording))


def _form_key(wording: str) -> str:
    return normal_text(SLOT_PATTERN.sub("хх", wording))


def _one_character(forms: _Forms) -> str:
    """The warning for a prohibited rule with a wording of one character as the matcher reads it (不, 喂！), else ''."""
    wording = next((w for w in forms.wordings if len(_form_key(w)) == 1), "")
    if not wording:
        return ""
    word = _form_key(wording)
    return (f"禁用语“{wording}”只有一个字，会在许多无关的句子里标出“{word}”；除非确实禁用这个字，请删去 / the prohibited "
            f"phrase “{wording}” is one character and flags “{word}” in many unrelated sentences: keep it only if that word "
            "itself is banned")


def _rule_lines(rule_id: str, kind: str, forms: _Forms, doc_name: str) -> list[str]:
    phrase, *variants = forms.wordings
    category = next((p.category for p in forms.phrases if p.category), None) or guess_category(kind, phrase)
    suggestion = next((p.suggestion for p in forms.phrases if p.suggestion), UNFINISHED_SUGGESTION)
    note = _one_character(forms) if kind == PROHIBITED else ""
    lines = [*([f"# {note}"] if note else []), "[[rule]]", f"id = {_string(rule_id)}", f"kind = {_string(kind)}",
             f"category = {_string(category)}"]
    if kind == PROHIBITED:
        lines.append('severity = "medium"')
    lines.append(f"phrase = {_string(phrase)}")
    if variants:
        lines.append(f"variants = [{', '.join(map(_string, variants))}]")
    if kind == PROHIBITED:
        lines.append(f"suggestion = {_string(suggestion)}")
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
        ("推诿", "不归|不管|问别人"), ("催促/不耐烦", "快点|啰嗦|罗嗦|唆|下班|赶紧|快些|麻利"),
        ("侮辱/贬低", "笨|差|蠢|傻|没长眼|不懂|大人了|活该|死不了|了不起|真麻烦|你这人|见多了"),
        ("顶撞", "规定|投诉|怎么样"), ("冷漠/生硬", "出去|脱了|拿出来|躺|签个字|哪个科|几楼|说你呢|再来"),
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
