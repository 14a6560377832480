"""Load and validate lexicon files (TOML) into :class:`Lexicon`; errors name the file and line."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..models import SEVERITIES, Diagnostic
from ..normalize import normalize
from ..resources import data_path
from ..rulepatterns import PatternError, compile_pattern
from ..tomlfile import DataFileError, Table, TomlReader, read_toml, toml_files
from . import conditions
from .model import SLOT_PATTERN, Lexicon, Origin, Rule, SourceRef

RULE_FIELDS = {
    "id", "kind", "category", "severity", "phrase", "variants", "suggestion", "note", "note_en",
    "sources", "not_before", "not_after", "not_before_pattern", "not_after_pattern", "flag", "pass",
    "match", "none", "within", "role",
}
TOP_LEVEL = {"lexicon", "categories", "rule", "classes"}
ROLES = ("staff", "resident", "any")
#: What a rule finds: wording never to use, wording to use, and wording to improve (你 for 您:
#: reported by check as a suggestion, charged by a script's ``avoid``, never a reason to fail).
RULE_KINDS = ("prohibited", "courtesy", "informal")
SOURCE_FIELDS = {"doc", "article", "line"}
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
    problems: list[Diagnostic] = []
    digest = hashlib.sha256()
    for path in files:
        parsed, file_problems, content = parse_file(path)
        problems += file_problems
        digest.update(content)
        rules += parsed.get("rules", [])
        categories.update(parsed.get("categories", {}))
        add_classes(classes, parsed.get("classes", {}))
    rules, class_problems = resolve_classes(rules, classes)
    problems += class_problems + duplicate_ids(rules)
    if problems:
        raise LexiconError(problems)
    return Lexicon(rules, categories, digest.hexdigest()[:12], [str(p) for p in files], classes)


def parse_file(path: Path) -> tuple[dict, list[Diagnostic], bytes]:
    """Parse one lexicon file into rules and categories, collecting every problem found."""
    name = str(path)
    data, problems, text = read_toml(path, "词库文件 / lexicon file")
    if problems:
        return {}, problems, text.encode()
    reader = TomlReader(name, text)
    reader.table(data, None).allow(TOP_LEVEL)
    rules = []
    for number, value in enumerate(_list(data.get("rule", []))):
        table = reader.table(value, "rule", number)  # a value that is no table is a problem at its line
        if isinstance(value, dict) and (rule := _rule(table, reader)):
            rules.append(rule)
    categories = data.get("categories", {})
    if not isinstance(categories, dict) or not all(isinstance(v, str) for v in categories.values()):
        reader.problem(None, None, "categories", "[categories] 应为 类别 = \"English name\" / must map names to strings")
        categories = {}
    classes = _classes(data.get("classes", {}), reader)
    return {"rules": rules, "categories": categories, "classes": classes}, reader.problems, text.encode()


def _classes(value: object, reader: TomlReader) -> dict[str, tuple[str, ...]]:
    """``[classes]``: each name (a-z0-9_) and its words, as written and normalised (all must say something)."""
    if not isinstance(value, dict):
        reader.problem(None, None, "classes", "[classes] 应为 名称 = [词…] / must map names to word lists")
        return {}
    classes = {}
    for name, words in value.items():
        if not _CLASS.match(name):
            reader.problem("classes", None, name, f"类名“{name}”只能含 a-z 0-9 _ / class names may use only a-z 0-9 _")
        elif not isinstance(words, list) or not words or not all(isinstance(w, str) and normalize(w).text for w in words):
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
        if rule.match is None and rule.none is None:
            resolved.append(rule)
            continue
        unknown: set[str] = set()
        condition = conditions.expand(rule.match, classes, unknown) if rule.match else None
        excluded = conditions.expand(rule.none, classes, unknown) if rule.none else None
        if unknown:
            names = "、".join(f"@{name}" for name in sorted(unknown))
            problems.append(Diagnostic(rule.origin.path, rule.origin.line,
                                       f"{rule.id}: 未定义的同义词类 {names}（在任一词库的 [classes] 中定义） / undefined class {names}"))
        resolved.append(replace(rule, match=condition, none=excluded))
    return resolved, problems


def with_overrides(lexicon: Lexicon, disabled: Iterable[str] = (), severities: dict | None = None) -> Lexicon:
    """A copy of ``lexicon`` without the ``disabled`` rules and with re-graded severities."""
    off = set(disabled)
    grades = severities or {}
    rules = [replace(rule, severity=grades.get(rule.id, rule.severity))
             for rule in lexicon.rules if rule.id not in off]
    return replace(lexicon, rules=rules)


def _rule(table: Table, reader: TomlReader) -> Rule | None:
    """One ``[[rule]]``, or None when it has problems (each noted by ``reader`` at its line)."""
    before = len(reader.problems)
    table.allow(RULE_FIELDS)
    problem = table.problem
    rule_id = table.text("id", required=True)
    if rule_id and not _ID.match(rule_id):
        problem("id", f"规则名“{rule_id}”只能含 a-z 0-9 . _ - / id may use only a-z 0-9 . _ -")
    kind = table.text("kind", required=True)
    if kind and kind not in RULE_KINDS:
        problem("kind", f"kind 应为 prohibited、courtesy 或 informal，而不是“{kind}” / kind must be prohibited, courtesy or informal")
    severity = table.text("severity", required=kind == "prohibited")
    if kind == "informal":
        severity = severity or "low"
    if kind in ("prohibited", "informal") and severity and severity not in SEVERITIES:
        problem("severity", f"severity 应为 {'、'.join(SEVERITIES)} 之一 / severity must be one of {', '.join(SEVERITIES)}")
    if kind == "courtesy" and severity:
        problem("severity", "文明用语没有 severity / courtesy rules take no severity")
    suggestion = table.text("suggestion", required=kind in ("prohibited", "informal"))
    match, none = conditions.parse_rule_match(table.data, problem)
    phrase = table.text("phrase", required=match is None and "match" not in table.data)
    variants = table.texts("variants")
    within = table.data.get("within", "clause")
    if within != "clause" and (isinstance(within, bool) or not isinstance(within, int) or within < 1):
        problem("within", "within 应为 \"clause\" 或正整数（字数） / within must be \"clause\" or a number of characters")
        within = "clause"
    role = table.data.get("role", "staff")
    if role not in ROLES:
        problem("role", f"role 应为 {'、'.join(ROLES)} 之一 / role must be one of {', '.join(ROLES)}")
    for form in ([phrase] if phrase else []) + list(variants):
        _check_form(form, "phrase" if form == phrase else "variants", problem)
    sources = parse_sources(table.data.get("sources"), problem)
    rule = Rule(
        id=rule_id or "", kind=kind or "", category=table.text("category", required=True) or "",
        phrase=phrase or "", variants=variants, severity=severity or "info", suggestion=suggestion,
        note=table.text("note") or "", note_en=table.text("note_en") or "",
        sources=sources, not_before=table.texts("not_before"),
        not_after=table.texts("not_after"),
        not_before_pattern=_pattern(table, "not_before_pattern"),
        not_after_pattern=_pattern(table, "not_after_pattern"), flag=table.texts("flag"),
        passes=table.texts("pass"), origin=Origin(reader.path, reader.line("rule", table.index, None)),
        match=match, none=none, within=within, role=role if role in ROLES else "staff",
    )
    return None if len(reader.problems) > before else rule


def _check_form(form: str, field: str, problem) -> None:
    literal = SLOT_PATTERN.sub("", form)
    if not normalize(literal).text:
        problem(field, f"“{form}”去掉标点和占位符后为空，永远不会匹配 / can never match: nothing left to match")
    elif SLOT_PATTERN.fullmatch(form.strip()):
        problem(field, f"“{form}”只有占位符 / is only a placeholder")


def _pattern(table: Table, key: str) -> re.Pattern | None:
    text = table.text(key)
    if text is None:
        return None
    try:
        return compile_pattern(text)
    except PatternError as error:
        table.problem(key, f"“{key}”：{error}")
        return None


def parse_sources(value: object, problem) -> tuple[SourceRef, ...]:
    """The ``sources`` of a rule or script item: ``{doc, article, line}`` tables, ``doc`` required
    (the same for lexicons and scripts); each problem is reported as ``problem("sources", message)``."""
    if not isinstance(value, list) or not value:
        problem("sources", "缺少来源（文件与条款） / missing sources: give {doc, article}")
        return ()
    refs = []
    for item in value:
        if (not isinstance(item, dict) or set(item) - SOURCE_FIELDS or not isinstance(item.get("doc"), str)
                or not item["doc"] or not isinstance(item.get("article", ""), str)):
            problem("sources", "来源应为 {doc, article, line} / each source must be {doc, article, line}")
            continue
        line = item.get("line", 0)
        if isinstance(line, bool) or not isinstance(line, int) or line < 0:
            problem("sources", "来源的 line 应为正整数 / source line must be a positive integer")
            line = 0
        refs.append(SourceRef(item["doc"], item.get("article", ""), line))
    return tuple(refs)


def _list(value: object) -> list:
    return value if isinstance(value, list) else [value]


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
