"""Load and validate standard-script files (TOML) into :class:`Script`; errors name the file and line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from collections.abc import Collection, Iterable
from pathlib import Path

from ..lexicon.load import SOURCES, source_refs
from ..models import SEVERITIES, Diagnostic
from ..resources import data_path
from ..rulepatterns import PatternError, compile_pattern, expand_pieces
from ..tomlfile import (
    COUNT, FLAG, NAMED_TEXTS, NUMBER, TABLE, TABLES, TEXT, TEXTS, DataFileError, Field, Kind, Table, TomlReader,
    is_number, read_toml, toml_files,
)
from .grade import DEFAULT_BANDS, MISSED_REPLY, MISSED_STEP, MISSED_STEPS, OVER_LIMIT, Band, Bands
from ..transcripts.roles import label_key
from .model import (
    CHECKS, CUE_PLACES, TRIGGER_ROLES, AnswerKind, Avoid, Cue, Detect, Evidence, Item, Office, Script, Shortfall, Text,
    Trigger,
)

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
#: Chinese punctuation is removed by normalisation, so a pattern containing it can never match.
_PUNCTUATION = set("，。？！、；：“”‘’（）《》【】…")


HEAD = {  # [script]
    "name": Field(TEXT, required=True),
    "channel": Field(TEXT),  # default: the name
    "title": Field(TEXT, required=True),
    "title_en": Field(TEXT, default=""),
    "version": Field(TEXT, default=""),
    "description": Field(TEXT),
    "aliases": Field(TEXTS, default=()),
    "extends": Field(TEXT),
}
#: A table of names and numbers (``formats = { csv = 1, … }``).
WEIGHTS = Kind("{key} 应为 名称 = 数值 的表 / {key} must be a table of name = number",
               lambda value: isinstance(value, dict) and all(map(is_number, value.values())),
               lambda value: {name: float(weight) for name, weight in value.items()})
CUE = {"pattern": Field(TEXT, required=True), "weight": Field(NUMBER, required=True),
       "where": Field(TEXT, default="any", choices=CUE_PLACES)}
DETECT = {
    "default": Field(FLAG, default=False),
    "min_score": Field(NUMBER, default=1.0),
    "labels": Field(TEXTS, default=()),
    "label_weight": Field(NUMBER, default=3.0),
    "formats": Field(WEIGHTS, default={}),
    "tracks_weight": Field(NUMBER, default=0.0),
    "cues": Field(TABLES, default=(), fields=CUE),
}
BAND = {"name": Field(TEXT, required=True), "name_en": Field(TEXT, default=""), "min": Field(NUMBER, required=True)}
GRADES = {
    "bands": Field(TABLES, required=True, default=(), fields=BAND),
    "caps": Field(TABLE, default={}, fields={key: Field(TEXT) for key in (*SEVERITIES, OVER_LIMIT, MISSED_STEP, MISSED_STEPS, MISSED_REPLY)}),  # severity = band name
}
EVIDENCE = {"categories": Field(TEXTS, default=()), "rules": Field(TEXTS, default=()), "patterns": Field(TEXTS, default=())}
#: A pattern, or a list of them (``says_nothing``: one regular expression of many alternatives grows hard to read).
ONE_OR_MORE_TEXTS = Kind("“{key}”应为非空字符串或其列表 / must be a non-empty string or a list of them",
                         lambda value: TEXT.fits(value) or TEXTS.fits(value) and bool(value),
                         lambda value: (value.strip(),) if isinstance(value, str) else TEXTS.value(value))
#: The share of an item's weight that a step done only in part earns.
PART = Kind("“{key}”应为不小于 0、小于 1 的数 / must be a number at least 0 and below 1",
            lambda value: NUMBER.fits(value) and value < 1, float)
SHORTFALL = {"share": Field(PART, required=True), "message": Field(TEXT, required=True), "message_en": Field(TEXT, default=""),
             "evidence": Field(TABLE, fields=EVIDENCE)}
#: A wording to avoid: the findings of lexicon ``rules``, or else a ``pattern`` with its category and message.
AVOID = {
    "rules": Field(TEXTS, default=()),
    "pattern": Field(TEXT),
    "points": Field(NUMBER, required=True),
    "category": Field(TEXT),
    "category_en": Field(TEXT, default=""),
    "message": Field(TEXT),
    "message_en": Field(TEXT, default=""),
    "suggestion": Field(TEXT),
}
ITEM = {  # every [[item]]
    "key": Field(TEXT, required=True),
    "check": Field(TEXT, required=True, choices=CHECKS),
    "name": Field(TEXT, required=True),
    "name_en": Field(TEXT, default=""),
    "weight": Field(NUMBER, required=True),
    "message": Field(TEXT, required=True),
    "message_en": Field(TEXT, default=""),
    "sources": SOURCES,
}
_WITHIN = Field(COUNT, default=1)
#: The fields of each check, besides those of every item.
CHECK_FIELDS = {
    "opening": {"evidence": Field(TABLE, required=True, fields=EVIDENCE), "complete": Field(TABLE, fields=EVIDENCE),
                "partial": Field(TABLE, fields=SHORTFALL), "late": Field(TABLE, fields=SHORTFALL),
                "within": _WITHIN, "suggestion": Field(TEXT)},
    "closing": {"evidence": Field(TABLE, required=True, fields=EVIDENCE), "early": Field(TABLE, fields=SHORTFALL),
                "gone": Field(TABLE, fields={"message": Field(TEXT, required=True), "message_en": Field(TEXT, default=""),
                                             "evidence": Field(TABLE, fields=EVIDENCE)}),
                "within": _WITHIN, "suggestion": Field(TEXT)},
    "answers": {"questions": Field(TEXTS, default=()), "told": Field(TEXTS, default=()), "not_answers": Field(TABLE, fields=EVIDENCE),
                "kinds": Field(TABLES, default=(), fields={"question": Field(TEXT, required=True),
                                                           "answer": Field(TEXT, required=True),
                                                           "echo": Field(FLAG, default=False),
                                                           "owed": Field(TEXT, default="")}),
                "yes_no": Field(TABLE, fields={"question": Field(TEXT, required=True), "answer": Field(TEXT, required=True)}),
                "not_needed": Field(TEXT),
                "hold": Field(TEXT), "referral": Field(TEXT), "says_nothing": Field(ONE_OR_MORE_TEXTS, default=()), "within": _WITHIN,
                "points": Field(NUMBER, required=True)},
    "responses": {},
    "courtesy": {"evidence": Field(TABLE, required=True, fields=EVIDENCE), "points": Field(NUMBER, default=0.0),
                 "avoid": Field(TABLE, fields=AVOID)},
    "prohibited": {"deductions": Field(TABLE, required=True, default={},
                                       fields={severity: Field(NUMBER) for severity in SEVERITIES})},
}
#: An item's fields, by its check.
ITEMS = {check: ITEM | fields for check, fields in CHECK_FIELDS.items()}
TRIGGER = {  # every [[trigger]]
    "key": Field(TEXT, required=True),
    "item": Field(TEXT, default="responses"),
    "name": Field(TEXT, required=True),
    "name_en": Field(TEXT, default=""),
    "from": Field(TEXT, default="resident", choices=TRIGGER_ROLES),
    "patterns": Field(TEXTS, default=()),  # required without rules or silence
    "rules": Field(TEXTS, default=()),
    "unless": Field(TEXTS, default=()),
    "unless_before": Field(TEXTS, default=()),
    "unless_after": Field(TEXTS, default=()),
    "expect": Field(TABLE, required=True, fields=EVIDENCE),
    "within": _WITHIN,
    "same_turn": Field(FLAG),  # default: whether the trigger is the staff's own words
    "ends_turn": Field(FLAG, default=False),
    "after_asking": Field(FLAG, default=False),
    "moves_on": Field(TEXTS, default=()),
    "reply_patterns": Field(TEXTS, default=()),
    "in_reply_to": Field(TEXTS, default=()),
    "after_staff": Field(TEXTS, default=()),
    "silence": Field(NUMBER),
    "unless_back_within": Field(NUMBER),
    "once": Field(FLAG, default=False),
    "same_fault": Field(TEXTS, default=()),
    "points": Field(NUMBER, required=True),
    "message": Field(TEXT, required=True),
    "message_en": Field(TEXT, default=""),
    "suggestion": Field(TEXT),
    "sources": SOURCES,
}
SCRIPT_FILE = {
    "script": Field(TABLE, required=True, fields=HEAD),
    "detect": Field(TABLE, default={}, fields=DETECT),
    "grades": Field(TABLE, fields=GRADES),
    "item": Field(TABLES, default=()),  # each read with the fields of its check (ITEMS)
    "trigger": Field(TABLES, default=()),  # each read with TRIGGER
    "suggestions": Field(NAMED_TEXTS, default={}),  # suggested wordings as this channel says them
    "office": Field(TABLE, fields={"own": Field(TEXT, required=True), "other": Field(TEXT, required=True),
                                   "suggestions": Field(NAMED_TEXTS, required=True),
                                   "other_labels": Field(TEXT)}),   # at an office of another kind
}


class ScriptError(DataFileError):
    """One or more script files are broken; ``diagnostics`` says where and why."""


def default_script_files() -> list[Path]:
    """The standard scripts shipped with phrasecheck."""
    return sorted(data_path("scripts").glob("*.toml"))


def load_scripts(extra_paths: Iterable[str | Path] = (), rules: Collection[str] | None = None) -> dict[str, Script]:
    """The default scripts, then ``extra_paths``; a later script with the same name replaces an earlier one.
    ``rules``: the ids of the lexicon the scripts are used with; a rule a script names that is not one of them is a
    problem at its line (its findings would never be seen)."""
    loaded: list[Script] = []
    problems: list[Diagnostic] = []
    for path in default_script_files() + toml_files(extra_paths):
        script, file_problems = parse_script_file(path)
        problems += file_problems
        loaded += [script] if script else []
    if rules is not None:
        problems += unknown_rules(loaded, set(rules))
    scripts, extend_problems = _extended(loaded)
    problems += _default_problems(scripts) + extend_problems
    if problems:
        raise ScriptError(problems)
    return scripts


def unknown_rules(scripts: Iterable[Script], known: set[str]) -> list[Diagnostic]:
    """A problem for each rule a script names that is not ``known``, at the first line of its file naming it."""
    problems = []
    for script in scripts:
        missing = sorted(script.rule_ids() - known)
        lines = Path(script.path).read_text(encoding="utf-8-sig").splitlines() if missing else []
        problems += [Diagnostic(script.path, next((n for n, line in enumerate(lines, 1) if f'"{rule}"' in line), 0),
                                f"词库中没有规则“{rule}” / no lexicon rule {rule}") for rule in missing]
    return problems


def validate_script_file(path: str | Path) -> list[Diagnostic]:
    """Every problem in one script file (empty when it is valid)."""
    return parse_script_file(Path(path))[1]


def parse_script_file(path: Path) -> tuple[Script | None, list[Diagnostic]]:
    """Parse one script file, collecting every problem found."""
    name = str(path)
    data, problems, text = read_toml(path, "话术文件 / script file")
    if problems:
        return None, problems
    data, problems = expand_pieces(data, text, name)
    reader = TomlReader(name, text)
    script = _script(reader, data, hashlib.sha256(text.encode()).hexdigest()[:12])
    problems = sorted(problems + reader.sorted_problems(), key=lambda problem: problem.line)
    return (None if problems else script), problems


def _extended(loaded: list[Script]) -> tuple[dict[str, Script], list[Diagnostic]]:
    """The scripts by name, each completed from the one it ``extends``, in the order loaded: a later script of a
    name replaces the earlier one, or completes it when it extends its own name (a site's changes to the shipped
    phone script: ``name = "phone"``, ``extends = "phone"``); another name is extended as finally loaded, itself
    completed first (phone extends reception). A script extending none loaded, or a loop, is a problem at its line."""
    versions: dict[str, list[Script]] = {}
    for script in loaded:
        versions.setdefault(script.name, []).append(script)
    done: dict[tuple[str, int], Script] = {}
    problems: list[Diagnostic] = []

    def version(name: str, index: int, chain: tuple[str, ...]) -> Script:
        if (name, index) in done:
            return done[(name, index)]
        script = versions[name][index]
        base_name = script.extends
        if base_name == name and index:
            base = version(name, index - 1, chain)
        elif base_name and base_name != name and base_name in versions and base_name not in chain:
            base = version(base_name, len(versions[base_name]) - 1, (*chain, name))
        else:
            base = None
            if base_name:
                problems.append(Diagnostic(script.path, script.extends_line, f"extends 应为已加载的另一个话术，或之前加载的"
                                                                             f"同名话术（不能循环）/ extends must name another "
                                                                             f"loaded script, or one of the same name loaded "
                                                                             f"before (no loops): “{base_name}”"))
        done[(name, index)] = script if base is None else _completed(script, base, problems)
        return done[(name, index)]

    return {name: version(name, len(scripts) - 1, ()) for name, scripts in versions.items()}, problems


def _completed(script: Script, base: Script, problems: list[Diagnostic]) -> Script:
    """``script`` completed from ``base``: the base's items and triggers, each replaced by the script's own of the same
    key (an item in its place, a new item after the one it follows in the file), the base's grades when the script has
    none of its own (and, for the script of its own name, its detection, aliases and version), and both sets of
    suggestions."""
    own_triggers = {trigger.key for trigger in script.triggers}
    items = _merged_items(base.items, script.items)
    item_keys = {item.key for item in items}
    for trigger in script.triggers:
        if trigger.item not in {item.key for item in items if item.check == "responses"}:
            problems.append(Diagnostic(script.path, 0, f"触发条件“{trigger.key}”的 item “{trigger.item}”不是 check = "
                                                       f"\"responses\" 的条目 / is not a responses item"))
        if trigger.key in item_keys:   # a finding's rule names its item or trigger: the two must not meet
            problems.append(Diagnostic(script.path, 0, f"触发条件“{trigger.key}”与条目同名 / a trigger has the key of an item"))
    itself = script.name == base.name           # a site's changes to the script of its name: what it does not say stays
    return replace(
        script,
        items=items,
        triggers=tuple(t for t in base.triggers if t.key not in own_triggers) + script.triggers,
        bands=script.bands if script.has_grades else base.bands,
        has_grades=script.has_grades or base.has_grades,
        detect=base.detect if itself and not script.has_detect else script.detect,   # another name: not a 2nd default
        has_detect=script.has_detect or (itself and base.has_detect),
        aliases=script.aliases or (base.aliases if itself else ()),
        version=script.version or (base.version if itself else ""),
        # the base's wordings as the script re-words them in turn (lexicon → phone → a site's phone)
        suggestions={**{said: script.suggestions.get(worded, worded) for said, worded in base.suggestions.items()},
                     **script.suggestions},
        office=script.office or base.office,
        digest=f"{script.digest}+{base.digest}",
    )


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


def _script(reader: TomlReader, data: dict, digest: str) -> Script | None:
    """The :class:`Script` of one file's ``data`` (None without a ``[script]`` table); problems go to ``reader``."""
    values = reader.table(data).read(SCRIPT_FILE)
    items = [_item(reader.table(table, "item", n)) for n, table in enumerate(values["item"])]
    triggers = [_trigger(reader.table(table, "trigger", n)) for n, table in enumerate(values["trigger"])]
    head = values["script"]
    if head is None:
        return None
    if not items and not head["extends"]:
        reader.problem("script", None, None, "话术没有任何 [[item]] / the script has no [[item]]")
    _check_references(reader, items, triggers, extends=bool(head["extends"]))
    return Script(
        name=head["name"] or "",
        channel=head["channel"] or head["name"] or "",
        title=_bilingual(head, "title"),
        version=head["version"],
        aliases=head["aliases"],
        extends=head["extends"],
        extends_line=reader.line("script", None, "extends") if head["extends"] else 0,
        detect=_detect(reader.table(section="detect"), values["detect"]),
        bands=_bands(reader.table(section="grades"), values["grades"]) if values["grades"] else DEFAULT_BANDS,
        has_grades=values["grades"] is not None,
        has_detect="detect" in data,
        items=tuple(items),
        triggers=tuple(triggers),
        suggestions=values["suggestions"],
        office=_office(reader.table(section="office"), values["office"]),
        path=reader.path,
        digest=digest,
    )


def _check_references(reader: TomlReader, items: list[Item], triggers: list[Trigger], extends: bool) -> None:
    seen: set[str] = set()  # items and triggers name their findings by key alike (script.key)
    for section, entries in (("item", items), ("trigger", triggers)):
        for number, entry in enumerate(entries):
            if entry.key in seen:
                reader.problem(section, number, "key", f"重复的 key “{entry.key}”（条目与情形共用一套 key） / duplicate key "
                                                        "(items and triggers share one set of keys)")
            seen.add(entry.key)
    response_items = {item.key for item in items if item.check == "responses"}
    for number, trigger in enumerate(triggers):
        if trigger.item not in response_items and not extends:  # else checked once the base is known
            reader.problem("trigger", number, "item", f"“{trigger.item}”不是 check = \"responses\" 的条目 / is not a responses item")


def _bilingual(values: dict, key: str) -> Text:
    """The text of ``key`` and its English ``key_en``."""
    return Text(values[key] or "", values[f"{key}_en"])


def _detect(table: Table, values: dict) -> Detect:
    cues = tuple(Cue(pattern, cue["weight"], cue["where"]) for cue in values["cues"]
                 if (pattern := _pattern(table, "cues", cue["pattern"])))
    return Detect(is_default=values["default"], min_score=values["min_score"],
                  labels=frozenset(label_key(label) for label in values["labels"]),
                  label_weight=values["label_weight"], formats=values["formats"], cues=cues,
                  tracks_weight=values["tracks_weight"])


def _office(table: Table, values: dict | None) -> Office | None:
    if values is None:
        return None
    own, other = _pattern(table, "own", values["own"]), _pattern(table, "other", values["other"])
    labels = _pattern(table, "other_labels", values["other_labels"])
    return Office(own, other, values["suggestions"], labels) if own and other else None


def _bands(table: Table, values: dict) -> Bands:
    bands = tuple(Band(band["name"] or "", band["min"] or 0.0, band["name_en"]) for band in values["bands"])
    names = {band.name for band in bands}
    for severity, grade in values["caps"].items():
        if grade is not None and grade not in names:
            table.problem("caps", f"封顶应为 严重程度 = \"等级名\" / caps must map a severity to a band name: {severity} = {grade!r}")
    caps = {severity: grade for severity, grade in values["caps"].items() if grade in names}
    return Bands(bands, caps) if bands else Bands((Band("-", 0.0),))


def _pattern(table: Table, key: str, source: str | None) -> re.Pattern | None:
    """``source`` compiled (None, and a problem at ``key``, when it cannot match or compile)."""
    if source is None:
        return None
    if _PUNCTUATION & set(source):
        table.problem(key, f"模式“{source}”含标点；归一化后的文本没有标点，永远匹配不到 / pattern has punctuation, which normalised text never contains")
        return None
    try:
        return compile_pattern(source)
    except PatternError as error:
        table.problem(key, f"模式“{source}”：{error}")
        return None


def _patterns(table: Table, key: str, sources: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(pattern for pattern in (_pattern(table, key, source) for source in sources) if pattern)


def _needed_patterns(table: Table, key: str, sources: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    if not sources:
        table.problem(key, f"“{key}”至少需要一个模式 / needs at least one pattern")
    return _patterns(table, key, sources)


def _evidence(table: Table, key: str, values: dict | None) -> Evidence:
    """An :data:`EVIDENCE` table (none: no evidence), its patterns compiled."""
    if values is None:
        return Evidence()
    return Evidence(frozenset(values["categories"]), frozenset(values["rules"]), _patterns(table, key, values["patterns"]))


def _needed_evidence(table: Table, key: str, values: dict | None) -> Evidence:
    """An evidence table that must say something."""
    evidence = _evidence(table, key, values)
    if values is not None and not evidence:
        table.problem(key, f"“{key}”需要 categories、rules 或 patterns / needs categories, rules or patterns")
    return evidence


def _key(table: Table, key: str | None) -> str:
    if key and not _KEY.match(key):
        table.problem("key", f"key“{key}”只能含 a-z 0-9 _ / key may use only a-z 0-9 _")
    return key or ""


def _item(table: Table) -> Item:
    check = table.peek("check", ITEM["check"])
    values = table.read(ITEMS.get(check, ITEM))
    return Item(
        key=_key(table, values["key"]),
        check=check or "",
        name=_bilingual(values, "name"),
        weight=values["weight"],
        message=_bilingual(values, "message"),
        sources=source_refs(values["sources"]),
        **_check_attributes(table, values),
    )


def _check_attributes(table: Table, values: dict) -> dict:
    """The :class:`Item`'s attributes from the fields of its check."""
    attributes = {}
    for key, value in values.items():
        if key not in ITEM:
            read = _ITEM_VALUES.get(key)
            attributes[_ITEM_ATTRIBUTES.get(key, key)] = read(table, key, value) if read else value
    return attributes


def _gone(table: Table, key: str, values: dict | None) -> Shortfall | None:
    """``gone``: a step owed to no one, earned in full (a shortfall of nothing)."""
    return _shortfall(table, key, {**values, "share": 1.0}) if values is not None else None


def _shortfall(table: Table, key: str, values: dict | None) -> Shortfall | None:
    if values is None:
        return None
    evidence = _needed_evidence(table, key, values["evidence"]) if values["evidence"] is not None else None
    return Shortfall(values["share"], _bilingual(values, "message"), evidence)


def _answer_kinds(table: Table, key: str, kinds: list[dict]) -> tuple[AnswerKind, ...]:
    read = [(_pattern(table, key, kind["question"]), _pattern(table, key, kind["answer"]), kind) for kind in kinds]
    return tuple(AnswerKind(question, answer, kind["echo"], kind["owed"]) for question, answer, kind in read
                 if question and answer)


def _yes_no(table: Table, key: str, values: dict | None) -> AnswerKind | None:
    if values is None:
        return None
    question, answer = _pattern(table, key, values["question"]), _pattern(table, key, values["answer"])
    return AnswerKind(question, answer) if question and answer else None


def _avoid(table: Table, key: str, values: dict | None) -> Avoid | None:
    """``avoid``: the findings of lexicon ``rules``, or matches of a ``pattern`` with its own words."""
    if values is None:
        return None
    if values["rules"]:  # the wording and its words come from the lexicon rules
        return Avoid(None, values["points"], Text("", ""), Text("", ""), rules=values["rules"])
    avoid = table.part(key, table.data[key])
    for needed in ("pattern", "category", "message"):
        avoid.require(needed)
    pattern = _pattern(table, key, values["pattern"])
    return Avoid(pattern, values["points"], _bilingual(values, "category"), _bilingual(values, "message"),
                 values["suggestion"]) if pattern else None


def _deductions(table: Table, key: str, values: dict) -> dict[str, float]:
    return {severity: points for severity, points in values.items() if points is not None}


#: How a field of an item's check becomes the :class:`Item`'s attribute (as read, unless named here).
_ITEM_VALUES = {
    "evidence": _needed_evidence, "complete": _evidence, "not_answers": _evidence, "questions": _needed_patterns, "told": _patterns,
    "kinds": _answer_kinds, "yes_no": _yes_no, "not_needed": _pattern, "hold": _pattern, "referral": _pattern, "says_nothing": _patterns, "avoid": _avoid, "deductions": _deductions,
    "partial": _shortfall, "late": _shortfall, "early": _shortfall, "gone": _gone,
}
_ITEM_ATTRIBUTES = {"kinds": "answer_kinds"}


def _trigger(table: Table) -> Trigger:
    values = table.read(TRIGGER)
    role, within = values["from"], values["within"]
    same_turn = values["same_turn"] if values["same_turn"] is not None else role == "staff"
    for staff_only in ("moves_on", "after_staff"):
        if values[staff_only] and role != "staff":
            table.problem(staff_only, f"{staff_only} 只用于 from = \"staff\" 的情景 / {staff_only} is for staff triggers only")
    if within == 0 and not same_turn:
        table.problem("within", "within = 0 且不含本句时，应答永远找不到 / within = 0 without same_turn leaves no turn for the reply")
    if values["silence"] is not None and role != "staff":
        table.problem("silence", "silence 只用于 from = \"staff\" 的情景 / silence is for staff triggers only")
    if bool(values["reply_patterns"]) != bool(values["in_reply_to"]):
        table.problem("reply_patterns" if values["reply_patterns"] else "in_reply_to",
                      "reply_patterns 与 in_reply_to 须同时给出 / reply_patterns and in_reply_to go together")
    patterns = _patterns if "rules" in table.data or values["silence"] is not None else _needed_patterns
    return Trigger(
        key=_key(table, values["key"]),
        item=values["item"],
        name=_bilingual(values, "name"),
        role=role,
        patterns=patterns(table, "patterns", values["patterns"]),
        rules=values["rules"],
        expect=_needed_evidence(table, "expect", values["expect"]),
        within=within,
        same_turn=same_turn,
        points=values["points"],
        message=_bilingual(values, "message"),
        sources=source_refs(values["sources"]),
        unless=_patterns(table, "unless", values["unless"]),
        unless_before=_patterns(table, "unless_before", values["unless_before"]),
        unless_after=_patterns(table, "unless_after", values["unless_after"]),
        suggestion=values["suggestion"],
        ends_turn=values["ends_turn"],
        after_asking=values["after_asking"],
        moves_on=_patterns(table, "moves_on", values["moves_on"]),
        reply_patterns=_patterns(table, "reply_patterns", values["reply_patterns"]),
        in_reply_to=_patterns(table, "in_reply_to", values["in_reply_to"]),
        after_staff=_patterns(table, "after_staff", values["after_staff"]),
        silence=values["silence"],
        unless_back_within=values["unless_back_within"],
        once=values["once"],
        same_fault=tuple(values["same_fault"]),
    )
