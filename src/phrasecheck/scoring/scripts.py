"""Load and validate standard-script files (TOML) into :class:`Script`; errors name the file and line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from collections.abc import Iterable
from pathlib import Path

from ..lexicon.load import parse_sources
from ..lexicon.model import SourceRef
from ..models import SEVERITIES, Diagnostic
from ..resources import data_path
from ..rulepatterns import PatternError, compile_pattern
from ..tomlfile import DataFileError, Table, TomlReader, read_toml, toml_files
from .grade import DEFAULT_BANDS, Band, Bands
from ..transcripts.roles import label_key
from .model import (
    CHECKS, CUE_PLACES, TRIGGER_ROLES, AnswerKind, Avoid, Cue, Detect, Evidence, Item, Script, Shortfall, Text, Trigger,
)

TOP_LEVEL = {"script", "detect", "grades", "item", "trigger", "suggestions"}
SCRIPT_FIELDS = {"name", "channel", "title", "title_en", "version", "description", "aliases", "extends"}
DETECT_FIELDS = {"default", "min_score", "labels", "label_weight", "formats", "cues"}
GRADES_FIELDS = {"bands", "caps"}
ITEM_FIELDS = {"key", "check", "name", "name_en", "weight", "message", "message_en", "sources"}
CHECK_FIELDS = {
    "opening": {"evidence", "within", "suggestion", "complete", "partial", "late"},
    "closing": {"evidence", "within", "suggestion", "early"},
    "answers": {"questions", "not_answers", "within", "points", "kinds", "hold"},
    "responses": set(),
    "courtesy": {"evidence", "points", "avoid"},
    "prohibited": {"deductions"},
}
TRIGGER_FIELDS = {
    "key", "item", "name", "name_en", "from", "patterns", "rules", "unless", "expect", "within", "same_turn",
    "ends_turn", "points", "message", "message_en", "suggestion", "sources",
}
EVIDENCE_FIELDS = {"categories", "rules", "patterns"}
AVOID_FIELDS = {"rules", "pattern", "points", "category", "category_en", "message", "message_en", "suggestion"}
SHORTFALL_FIELDS = {"share", "message", "message_en"}
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
#: Chinese punctuation is removed by normalisation, so a pattern containing it can never match.
_PUNCTUATION = set("，。？！、；：“”‘’（）《》【】…")


class ScriptError(DataFileError):
    """One or more script files are broken; ``diagnostics`` says where and why."""


def default_script_files() -> list[Path]:
    """The standard scripts shipped with phrasecheck."""
    return sorted(data_path("scripts").glob("*.toml"))


def load_scripts(extra_paths: Iterable[str | Path] = ()) -> dict[str, Script]:
    """The default scripts, then ``extra_paths``; a later script with the same name replaces an earlier one."""
    scripts: dict[str, Script] = {}
    problems: list[Diagnostic] = []
    for path in default_script_files() + toml_files(extra_paths):
        script, file_problems = parse_script_file(path)
        problems += file_problems
        if script:
            scripts[script.name] = script
    problems += _default_problems(scripts)
    scripts, extend_problems = _extended(scripts)
    problems += extend_problems
    if problems:
        raise ScriptError(problems)
    return scripts


def validate_script_file(path: str | Path) -> list[Diagnostic]:
    """Every problem in one script file (empty when it is valid)."""
    return parse_script_file(Path(path))[1]


def parse_script_file(path: Path) -> tuple[Script | None, list[Diagnostic]]:
    """Parse one script file, collecting every problem found."""
    name = str(path)
    data, problems, text = read_toml(path, "话术文件 / script file")
    if problems:
        return None, problems
    reader = _Reader(name, text)
    script = reader.script(data, hashlib.sha256(text.encode()).hexdigest()[:12])
    return (None if reader.problems else script), sorted(reader.problems, key=lambda d: d.line)


def _extended(scripts: dict[str, Script]) -> tuple[dict[str, Script], list[Diagnostic]]:
    """Each script that ``extends`` another, completed from it: the base's items and triggers, each
    replaced by the script's own of the same key (an item in its place, a new item after the one it
    follows in the file), the base's grades when the script has none, and both sets of suggestions."""
    resolved, problems = {}, []
    for name, script in scripts.items():
        base = scripts.get(script.extends) if script.extends else None
        if script.extends and (base is None or base.extends):
            problems.append(Diagnostic(script.path, 0, f"extends 应为不再扩展别的话术的已加载话术 / extends must name a "
                                                       f"loaded script that extends nothing: “{script.extends}”"))
            base = None
        if base is None:
            resolved[name] = script
            continue
        own_triggers = {trigger.key for trigger in script.triggers}
        items = _merged_items(base.items, script.items)
        for trigger in script.triggers:
            if trigger.item not in {item.key for item in items if item.check == "responses"}:
                problems.append(Diagnostic(script.path, 0, f"触发条件“{trigger.key}”的 item “{trigger.item}”不是 check = "
                                                           f"\"responses\" 的条目 / is not a responses item"))
        resolved[name] = replace(
            script,
            items=items,
            triggers=tuple(t for t in base.triggers if t.key not in own_triggers) + script.triggers,
            bands=script.bands if script.has_grades else base.bands,
            suggestions={**base.suggestions, **script.suggestions},
            digest=f"{script.digest}+{base.digest}",
        )
    return resolved, problems


def _merged_items(base: tuple[Item, ...], own: tuple[Item, ...]) -> tuple[Item, ...]:
    items = list(base)
    position = -1
    for item in own:
        keys = [existing.key for existing in items]
        if item.key in keys:
            position = keys.index(item.key)
            items[position] = item
        else:
            position += 1
            items.insert(position, item)
    return tuple(items)


def _default_problems(scripts: dict[str, Script]) -> list[Diagnostic]:
    defaults = [script for script in scripts.values() if script.is_default]
    if len(defaults) == 1 or not scripts:
        return []
    if not defaults:
        return [Diagnostic("<scripts>", 0, "没有默认话术（[detect] default = true） / no default script ([detect] default = true)")]
    names = "、".join(script.name for script in defaults)
    return [Diagnostic(defaults[-1].path, 0, f"默认话术不止一个：{names} / more than one default script: {names}")]


class _Reader(TomlReader):
    """Turns the parsed TOML of one file into a :class:`Script`, noting problems with their lines."""

    def script(self, data: dict, digest: str) -> Script:
        self.table(data, None).allow(TOP_LEVEL)
        head = self.script_table(data, "script", None, required=True)
        detect = self.script_table(data, "detect", None)
        items = [_item(self.script_table(table, "item", n)) for n, table in enumerate(_list(data.get("item")))]
        triggers = [_trigger(self.script_table(table, "trigger", n)) for n, table in enumerate(_list(data.get("trigger")))]
        if not items and "extends" not in data.get("script", {}):
            self.problem("script", None, None, "话术没有任何 [[item]] / the script has no [[item]]")
        self.check_references(items, triggers, extends="extends" in data.get("script", {}))
        head.allow(SCRIPT_FIELDS)
        detect.allow(DETECT_FIELDS)
        name = head.text("name", required=True) or ""
        return Script(
            name=name,
            channel=head.text("channel") or name,
            title=head.bilingual("title"),
            version=head.text("version") or "",
            aliases=head.texts("aliases"),
            extends=head.text("extends"),
            detect=Detect(
                is_default=detect.flag("default", False),
                min_score=detect.number("min_score", 1.0),
                labels=frozenset(label_key(label) for label in detect.texts("labels")),
                label_weight=detect.number("label_weight", 3.0),
                formats=detect.weights("formats"),
                cues=detect.cues("cues"),
            ),
            bands=_bands(self.script_table(data, "grades", None)) if "grades" in data else DEFAULT_BANDS,
            has_grades="grades" in data,
            items=tuple(items),
            triggers=tuple(triggers),
            suggestions=self.suggestions(data.get("suggestions", {})),
            path=self.path,
            digest=digest,
        )

    def suggestions(self, value: object) -> dict[str, str]:
        """``[suggestions]``: each suggested wording as this script's channel says it."""
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            self.problem("suggestions", None, None, "[suggestions] 应为 原说法 = \"本渠道说法\" / must map a wording to this channel's wording")
            return {}
        return dict(value)

    def script_table(self, data: object, section: str, number: int | None, required: bool = False) -> _Table:
        return self.table(data, section, number, required, factory=_Table)

    def check_references(self, items: list[Item], triggers: list[Trigger], extends: bool) -> None:
        seen: set[str] = set()  # items and triggers name their findings by key alike (script.key)
        for section, entries in (("item", items), ("trigger", triggers)):
            for number, entry in enumerate(entries):
                if entry.key in seen:
                    self.problem(section, number, "key", f"重复的 key “{entry.key}”（条目与情形共用一套 key） / duplicate key "
                                                          "(items and triggers share one set of keys)")
                seen.add(entry.key)
        response_items = {item.key for item in items if item.check == "responses"}
        for number, trigger in enumerate(triggers):
            if trigger.item not in response_items and not extends:  # else checked once the base is known
                self.problem("trigger", number, "item", f"“{trigger.item}”不是 check = \"responses\" 的条目 / is not a responses item")


class _Table(Table):
    """A script's table: the shared typed getters, and those of scripts (patterns, evidence, cues …)."""

    def bilingual(self, key: str, data: dict | None = None) -> Text:
        return Text(self.text(key, True, data) or "", self.text(f"{key}_en", data=data) or "")

    def patterns(self, key: str, required: bool = False, data: dict | None = None) -> tuple[re.Pattern, ...]:
        sources = self.texts(key, data)
        if required and not sources:
            self.problem(key, f"“{key}”至少需要一个模式 / needs at least one pattern")
        return tuple(p for p in (self.pattern(key, source) for source in sources) if p)

    def pattern(self, key: str, source: str) -> re.Pattern | None:
        if _PUNCTUATION & set(source):
            self.problem(key, f"模式“{source}”含标点；归一化后的文本没有标点，永远匹配不到 / pattern has punctuation, which normalised text never contains")
            return None
        try:
            return compile_pattern(source)
        except PatternError as error:
            self.problem(key, f"模式“{source}”：{error}")
            return None

    def evidence(self, key: str, required: bool = False) -> Evidence:
        data = self.sub_table(key, required)
        if data is None:
            return Evidence()
        self.allow(EVIDENCE_FIELDS, key, data)
        evidence = Evidence(frozenset(self.texts("categories", data)), frozenset(self.texts("rules", data)),
                            self.patterns("patterns", data=data))
        if required and not evidence:
            self.problem(key, f"“{key}”需要 categories、rules 或 patterns / needs categories, rules or patterns")
        return evidence

    def sources(self) -> tuple[SourceRef, ...]:
        return parse_sources(self.data.get("sources"), self.problem)

    def weights(self, key: str) -> dict[str, float]:
        """A table of names and numbers (``formats = { csv = 1, … }``)."""
        value = self.data.get(key, {})
        if not isinstance(value, dict) or not all(
                isinstance(weight, (int, float)) and not isinstance(weight, bool) for weight in value.values()):
            self.problem(key, f"{key} 应为 名称 = 数值 的表 / {key} must be a table of name = number")
            return {}
        return {name: float(weight) for name, weight in value.items()}

    def cues(self, key: str) -> tuple[Cue, ...]:
        entries = self.data.get(key, [])
        cues = []
        for entry in entries if isinstance(entries, list) else [None]:
            fields_ok = isinstance(entry, dict) and {"pattern", "weight"} <= set(entry) <= {"pattern", "weight", "where"}
            if not fields_ok or not isinstance(entry["pattern"], str) or entry.get("where", "any") not in CUE_PLACES:
                self.problem(key, f"线索应为 {{pattern, weight, where}}，where 为 {'、'.join(CUE_PLACES)} / "
                                  f"each cue must be {{pattern, weight, where}} with where one of {', '.join(CUE_PLACES)}")
                continue
            pattern = self.pattern(key, entry["pattern"])
            if pattern:
                cues.append(Cue(pattern, self.number("weight", data=entry), entry.get("where", "any")))
        return tuple(cues)

    def key(self) -> str:
        key = self.text("key", required=True) or ""
        if key and not _KEY.match(key):
            self.problem("key", f"key“{key}”只能含 a-z 0-9 _ / key may use only a-z 0-9 _")
        return key


def _item(table: _Table) -> Item:
    check = table.text("check", required=True)
    if check is not None and check not in CHECKS:
        table.problem("check", f"check 应为 {'、'.join(CHECKS)} 之一 / check must be one of {', '.join(CHECKS)}")
        check = None
    table.allow(ITEM_FIELDS | CHECK_FIELDS.get(check or "", set()))
    needs_evidence = check in ("opening", "closing", "courtesy")
    return Item(
        key=table.key(),
        check=check or "",
        name=table.bilingual("name"),
        weight=table.number("weight"),
        message=table.bilingual("message"),
        sources=table.sources(),
        evidence=table.evidence("evidence", required=needs_evidence),
        within=table.count("within", 1),
        points=table.number("points", None if check == "answers" else 0.0),
        suggestion=table.text("suggestion"),
        questions=table.patterns("questions", required=check == "answers"),
        not_answers=table.evidence("not_answers"),
        answer_kinds=_answer_kinds(table),
        hold=table.pattern("hold", table.text("hold") or "") if table.text("hold") else None,
        avoid=_avoid(table),
        deductions=_deductions(table, required=check == "prohibited"),
        complete=table.evidence("complete"),
        partial=_shortfall(table, "partial"),
        late=_shortfall(table, "late"),
        early=_shortfall(table, "early"),
    )


def _shortfall(table: _Table, key: str) -> Shortfall | None:
    data = table.sub_table(key)
    if data is None:
        return None
    table.allow(SHORTFALL_FIELDS, key, data)
    share = table.number("share", data=data)
    if not 0 <= share < 1:
        table.problem(key, f"{key}.share 应在 0 与 1 之间（不含 1） / {key}.share must be at least 0 and below 1")
    return Shortfall(share, table.bilingual("message", data))


def _answer_kinds(table: _Table) -> tuple[AnswerKind, ...]:
    entries = table.data.get("kinds", [])
    kinds = []
    for entry in entries if isinstance(entries, list) else [None]:
        if not isinstance(entry, dict) or set(entry) != {"question", "answer"}:
            table.problem("kinds", "kinds 的每项应为 {question, answer} / each of kinds must be {question, answer}")
            continue
        question, answer = table.pattern("kinds", entry["question"]), table.pattern("kinds", entry["answer"])
        if question and answer:
            kinds.append(AnswerKind(question, answer))
    return tuple(kinds)


def _avoid(table: _Table) -> Avoid | None:
    data = table.sub_table("avoid")
    if data is None:
        return None
    table.allow(AVOID_FIELDS, "avoid", data)
    rules = table.texts("rules", data)
    if rules:  # the wording and its words come from the lexicon rules
        return Avoid(None, table.number("points", data=data), Text("", ""), Text("", ""), rules=rules)
    pattern = table.pattern("avoid", table.text("pattern", True, data) or "")
    avoid = Avoid(pattern, table.number("points", data=data), table.bilingual("category", data),
                  table.bilingual("message", data), table.text("suggestion", data=data))
    return avoid if pattern else None


def _deductions(table: _Table, required: bool) -> dict[str, float]:
    data = table.sub_table("deductions", required)
    if data is None:
        return {}
    for severity in data:
        if severity not in SEVERITIES:
            table.problem("deductions", f"deductions 的键应为 {'、'.join(SEVERITIES)} / keys must be severities")
    return {severity: table.number(severity, data=data) for severity in SEVERITIES if severity in data}


def _trigger(table: _Table) -> Trigger:
    table.allow(TRIGGER_FIELDS)
    role = table.text("from") or "resident"
    if role not in TRIGGER_ROLES:
        table.problem("from", f"from 应为 resident 或 staff / from must be resident or staff, not “{role}”")
    within, same_turn = table.count("within", 1), table.flag("same_turn", role == "staff")
    if within == 0 and not same_turn:
        table.problem("within", "within = 0 且不含本句时，应答永远找不到 / within = 0 without same_turn leaves no turn for the reply")
    return Trigger(
        key=table.key(),
        item=table.text("item") or "responses",
        name=table.bilingual("name"),
        role=role,
        patterns=table.patterns("patterns", required="rules" not in table.data),
        rules=table.texts("rules"),
        expect=table.evidence("expect", required=True),
        within=within,
        same_turn=same_turn,
        points=table.number("points"),
        message=table.bilingual("message"),
        sources=table.sources(),
        unless=table.patterns("unless"),
        suggestion=table.text("suggestion"),
        ends_turn=table.flag("ends_turn", False),
    )


def _bands(table: _Table) -> Bands:
    table.allow(GRADES_FIELDS)
    entries = table.data.get("bands")
    bands = []
    for entry in entries if isinstance(entries, list) else [None]:
        if not isinstance(entry, dict) or not set(entry) <= {"name", "name_en", "min"} or "name" not in entry:
            table.problem("bands", "等级应为 {name, name_en, min} / each band must be {name, name_en, min}")
            continue
        bands.append(Band(str(entry["name"]), table.number("min", data=entry), str(entry.get("name_en", ""))))
    caps = table.sub_table("caps") or {}
    for severity, grade in caps.items():
        if severity not in SEVERITIES or grade not in {band.name for band in bands}:
            table.problem("caps", f"封顶应为 严重程度 = \"等级名\" / caps must map a severity to a band name: {severity} = {grade!r}")
    valid_caps = {s: g for s, g in caps.items() if s in SEVERITIES and g in {band.name for band in bands}}
    return Bands(tuple(bands), valid_caps) if bands else Bands((Band("-", 0.0),))


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
