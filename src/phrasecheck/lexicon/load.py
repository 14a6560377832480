"""Load and validate lexicon files (TOML) into :class:`Lexicon`; errors name the file and line."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..models import SEVERITIES, Diagnostic
from ..normalize import normal_text
from ..resources import data_path
from ..rulepatterns import PatternError, compile_pattern, expand_pieces
from ..tomlfile import (
    COUNT, NAMED_TEXTS, TABLE, TABLES, TEXT, TEXTS, DataFileError, Field, Kind, Table, TomlReader, did_you_mean, read_toml,
    toml_files,
)
from . import conditions
from .model import SLOT_PATTERN, AnyOf, Condition, Lexicon, Origin, Rule, SourceRef

ROLES = ("staff", "resident", "any")
#: What a rule finds: wording never to use, wording to use, and wording to improve (你 for 您:
#: reported by check as a suggestion, charged by a script's ``avoid``, never a reason to fail).
RULE_KINDS = ("prohibited", "courtesy", "informal")
#: A citation, in a rule or a script: the document, the article in it, and its line there (0: not given).
SOURCE = {
    "doc": Field(TEXT, required=True),
    "article": Field(Kind("“{key}”应为字符串 / must be a string", lambda value: isinstance(value, str)), default=""),
    "line": Field(COUNT, default=0),   # 0: the document's line is not given
}
#: A rule's or script step's ``sources``: one citation at least.
SOURCES = Field(Kind("“{key}”应为 {{doc, article, line}} 的非空列表 / must be a non-empty list of {{doc, article, line}}",
                     lambda value: isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)),
                required=True, default=(), fields=SOURCE)
#: A family's ``match`` or ``none``: any value, which :func:`conditions.parse_rule_match` reads and checks.
CONDITION = Kind("", lambda value: True)
#: How far apart a family's words may be: the clause, or a number of characters.
WITHIN = Kind('within 应为 "clause" 或正整数（字数） / within must be "clause" or a number of characters',
              lambda value: value == "clause" or COUNT.fits(value) and value >= 1)
#: A ``[[rule]]``. Its kind decides more (see :func:`_kind_problems`): a prohibited rule needs a
#: severity and a suggestion, an informal one a suggestion, a courtesy one has no severity.
RULE = {
    "id": Field(TEXT, required=True),
    "kind": Field(TEXT, required=True, choices=RULE_KINDS),
    "category": Field(TEXT, required=True),
    "severity": Field(TEXT, choices=SEVERITIES),
    "phrase": Field(TEXT),  # required without a match
    "variants": Field(TEXTS, default=()),
    "suggestion": Field(TEXT),
    "note": Field(TEXT, default=""),
    "note_en": Field(TEXT, default=""),
    "sources": SOURCES,
    "not_before": Field(TEXTS, default=()),
    "not_after": Field(TEXTS, default=()),
    "not_before_pattern": Field(TEXT),
    "not_after_pattern": Field(TEXT),
    "flag": Field(TEXTS, default=()),
    "pass": Field(TEXTS, default=()),
    "match": Field(CONDITION),
    "none": Field(CONDITION),
    "within": Field(WITHIN, default="clause"),
    "none_within": Field(TEXT, default="line", choices=("line", "sentence", "answer", "around")),
    "none_in_sentence": Field(CONDITION),
    "role": Field(TEXT, default="staff", choices=ROLES),
}
LEXICON_FILE = {
    "lexicon": Field(TABLE, default={}),
    "categories": Field(NAMED_TEXTS, default={}),
    "rule": Field(TABLES, default=()),
    "classes": Field(TABLE, default={}),
    "paraphrase": Field(TABLE, default={}),
}
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_CLASS = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]")


class LexiconError(DataFileError):
    """One or more lexicon files are broken; ``diagnostics`` says where and why."""


def default_lexicon_files() -> list[Path]:
    """The lexicons shipped with phrasecheck."""
    return sorted(data_path().glob("*.toml"), key=lambda p: p.name)


def load_lexicon(extra: Iterable[str | Path] = (), defaults: bool = True) -> Lexicon:
    """Load the default lexicons (unless ``defaults`` is false) and ``extra`` files or directories."""
    files = (default_lexicon_files() if defaults else []) + toml_files(extra)
    rules: list[Rule] = []
    categories: dict[str, str] = {}
    classes: dict[str, tuple[str, ...]] = {}
    paraphrase_none: list[tuple[Origin, Condition]] = []
    problems: list[Diagnostic] = []
    digest = hashlib.sha256()
    for path in files:
        parsed, file_problems, content = parse_file(path)
        problems += file_problems
        digest.update(content)
        rules += parsed.get("rules", [])
        categories.update(parsed.get("categories", {}))
        add_classes(classes, parsed.get("classes", {}))
        paraphrase_none += parsed.get("paraphrase_none", [])
    rules, class_problems = resolve_classes(rules, classes)
    model_none, model_problems = resolve_paraphrase_none(paraphrase_none, classes)
    problems += class_problems + model_problems + duplicate_ids(rules)
    if problems:
        raise LexiconError(problems)
    return Lexicon(rules, categories, digest.hexdigest()[:12], [str(p) for p in files], classes, model_none)


def resolve_paraphrase_none(found: list[tuple[Origin, Condition]],
                             classes: dict[str, tuple[str, ...]]) -> tuple[Condition | None, list[Diagnostic]]:
    """Every file's ``[paraphrase] none`` as one condition (any of them), its classes resolved."""
    parts, problems = [], []
    for origin, condition in found:
        unknown: set[str] = set()
        parts.append(conditions.expand(condition, classes, unknown))
        if unknown:
            names = "、".join(f"@{name}" for name in sorted(unknown))
            problems.append(Diagnostic(origin.path, origin.line, f"[paraphrase]: 未定义的同义词类 {names} / undefined class {names}"))
    return (AnyOf(tuple(parts)) if parts else None), problems


def parse_file(path: Path) -> tuple[dict, list[Diagnostic], bytes]:
    """Parse one lexicon file into rules and categories, collecting every problem found."""
    name = str(path)
    data, problems, text = read_toml(path, "词库文件 / lexicon file")
    if problems:
        return {}, problems, text.encode()
    data, piece_problems = expand_pieces(data, text, name)
    reader = TomlReader(name, text)
    values = reader.table(data).read(LEXICON_FILE)
    rules = [rule for number, entry in enumerate(values["rule"]) if (rule := _rule(reader.table(entry, "rule", number)))]
    classes = _classes(values["classes"], reader)
    paraphrase_none = _paraphrase_none(values["paraphrase"], reader)
    problems = sorted(piece_problems + reader.sorted_problems(), key=lambda problem: problem.line)
    return ({"rules": rules, "categories": values["categories"], "classes": classes, "paraphrase_none": paraphrase_none},
            problems, text.encode())


def _paraphrase_none(value: dict, reader: TomlReader) -> list[tuple[Origin, Condition]]:
    """``[paraphrase]``: its ``none`` condition (the only key) and where it stands, or nothing."""
    for key in set(value) - {"none"}:
        reader.problem("paraphrase", None, key, f"[paraphrase] 只有 none，没有 {key} / [paraphrase] takes only none")
    if "none" not in value:
        return []
    condition = conditions.parse_field(value, "none", reader.table(value, "paraphrase").problem)
    return [(Origin(reader.path, reader.line("paraphrase", None, "none")), condition)] if condition is not None else []


def _classes(value: dict, reader: TomlReader) -> dict[str, tuple[str, ...]]:
    """``[classes]``: each name (a-z0-9_) and its words, as written and normalised (all must say something)."""
    classes = {}
    for name, words in value.items():
        if not _CLASS.match(name):
            reader.problem("classes", None, name, f"类名“{name}”只能含 a-z 0-9 _ / class names may use only a-z 0-9 _")
        elif not isinstance(words, list) or not words or not all(isinstance(w, str) and normal_text(w) for w in words):
            reader.problem("classes", None, name, f"类“{name}”应为非空的词列表，每个词去掉标点后不为空 / "
                                                  f"class “{name}” must be a list of words, each with something left to match")
        else:
            classes[name] = tuple(dict.fromkeys(words))
    return classes


def add_classes(classes: dict[str, tuple[str, ...]], more: dict[str, tuple[str, ...]]) -> None:
    """Add ``more`` to ``classes``: a later file adds words to a class of the same name."""
    for name, words in more.items():
        classes[name] = tuple(dict.fromkeys(classes.get(name, ()) + words))


def resolve_classes(rules: list[Rule], classes: dict[str, tuple[str, ...]]) -> tuple[list[Rule], list[Diagnostic]]:
    """Each rule's ``match`` and ``none`` with their ``@class`` words replaced by the class's members;
    an unknown class is a problem."""
    resolved, problems = [], []
    for rule in rules:
        if rule.match is None and rule.none is None and rule.none_in_sentence is None:
            resolved.append(rule)
            continue
        unknown: set[str] = set()
        condition = conditions.expand(rule.match, classes, unknown) if rule.match else None
        excluded = conditions.expand(rule.none, classes, unknown) if rule.none else None
        in_sentence = conditions.expand(rule.none_in_sentence, classes, unknown) if rule.none_in_sentence else None
        if unknown:
            names = "、".join(f"@{name}" for name in sorted(unknown))
            zh, en = did_you_mean(sorted(unknown)[0], classes, "@{}")
            problems.append(Diagnostic(rule.origin.path, _line_naming(rule, sorted(unknown)[0]),
                                       f"{rule.id}: 未定义的同义词类 {names}（在任一词库的 [classes] 中定义）{zh} / "
                                       f"undefined class {names}{en}"))
        resolved.append(replace(rule, match=condition, none=excluded, none_in_sentence=in_sentence))
    return resolved, problems


def _line_naming(rule: Rule, name: str) -> int:
    """The first line of ``rule``'s table that names the class ``@name`` (its ``[[rule]]`` line when not found)."""
    try:
        text = Path(rule.origin.path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return rule.origin.line
    return TomlReader(rule.origin.path, text).find(rule.origin.line, rf"@{re.escape(name)}(?![a-z0-9_])") or rule.origin.line


def with_overrides(lexicon: Lexicon, disabled: Iterable[str] = (), severities: dict | None = None,
                   suggestions: dict | None = None) -> Lexicon:
    """A copy of ``lexicon`` without the ``disabled`` rules, with re-graded severities and a site's own suggestions."""
    off = set(disabled)
    grades, wordings = severities or {}, suggestions or {}
    rules = [replace(rule, severity=grades.get(rule.id, rule.severity), suggestion=wordings[rule.id], suggestions=())
             if rule.id in wordings else replace(rule, severity=grades.get(rule.id, rule.severity))
             for rule in lexicon.rules if rule.id not in off]
    return replace(lexicon, rules=rules)


def _rule(table: Table) -> Rule | None:
    """One ``[[rule]]``, or None when it has problems (each noted at its line)."""
    reader = table.reader
    before = len(reader.problems)
    values = table.read(RULE)
    if values["id"] and not _ID.match(values["id"]):
        table.problem("id", f"规则名“{values['id']}”只能含 a-z 0-9 . _ - / id may use only a-z 0-9 . _ -")
    _kind_problems(table, values)
    match, none, suggestions = conditions.parse_rule_match(table.data, table.problem)
    in_sentence = (conditions.parse_field(table.data, "none_in_sentence", table.problem)
                   if "none_in_sentence" in table.data else None)
    if "match" not in table.data:
        table.require("phrase")
    phrase = values["phrase"]
    for form in ([phrase] if phrase else []) + list(values["variants"]):
        _check_form(form, "phrase" if form == phrase else "variants", table.problem)
    rule = Rule(
        id=values["id"] or "", kind=values["kind"] or "", category=values["category"] or "",
        phrase=phrase or "", variants=values["variants"], suggestion=values["suggestion"],
        severity=values["severity"] or ("low" if values["kind"] == "informal" else "info"),
        note=values["note"], note_en=values["note_en"], sources=source_refs(values["sources"]),
        not_before=values["not_before"], not_after=values["not_after"],
        not_before_pattern=_pattern(table, "not_before_pattern", values["not_before_pattern"]),
        not_after_pattern=_pattern(table, "not_after_pattern", values["not_after_pattern"]),
        flag=values["flag"], passes=values["pass"], origin=Origin(reader.path, reader.line("rule", table.index, None)),
        match=match, none=none, within=values["within"], none_within=values["none_within"], none_in_sentence=in_sentence,
        role=values["role"], suggestions=suggestions,
    )
    return None if len(reader.problems) > before else rule


def _kind_problems(table: Table, values: dict) -> None:
    """What a rule's kind requires: a severity (prohibited), a suggestion (prohibited, informal), no severity (courtesy)."""
    if values["kind"] == "prohibited":
        table.require("severity")
    if values["kind"] in ("prohibited", "informal"):
        table.require("suggestion")
    if values["kind"] == "courtesy" and values["severity"]:
        table.problem("severity", "文明用语没有 severity / courtesy rules take no severity")


def _check_form(form: str, field: str, problem) -> None:
    literal = SLOT_PATTERN.sub("", form)
    if not normal_text(literal):
        problem(field, f"“{form}”去掉标点和占位符后为空，永远不会匹配 / can never match: nothing left to match")
    elif SLOT_PATTERN.fullmatch(form.strip()):
        problem(field, f"“{form}”只有占位符 / is only a placeholder")


def _pattern(table: Table, key: str, text: str | None) -> re.Pattern | None:
    if text is None:
        return None
    try:
        return compile_pattern(text)
    except PatternError as error:
        table.problem(key, f"“{key}”：{error}")
        return None


def source_refs(sources: list[dict]) -> tuple[SourceRef, ...]:
    """The citations of a rule or script step, as read through :data:`SOURCES`."""
    return tuple(SourceRef(source["doc"] or "", source["article"], source["line"]) for source in sources)


def duplicate_ids(rules: list[Rule]) -> list[Diagnostic]:
    """A problem for every rule whose id an earlier rule already has."""
    seen: dict[str, Rule] = {}
    problems = []
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id].origin
            problems.append(Diagnostic(rule.origin.path, rule.origin.line,
                                       f"规则名“{rule.id}”重复（首次见于 {first}） / duplicate rule id (first at {first})"))
        seen.setdefault(rule.id, rule)
    return problems
