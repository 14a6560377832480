"""``phrasecheck lexicon check``: lint lexicon and script files beyond what loading validates."""

from __future__ import annotations

import re

import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..literals import required_literals
from ..matching import Matcher, MatchSettings
from ..models import Diagnostic
from ..normalize import normal_text
from ..tomlfile import TomlReader, read_toml, toml_files
from ..lexicon.conditions import leaves_of, patterns_of
from ..lexicon.load import (
    add_classes, default_lexicon_files, duplicate_ids, parse_file, resolve_classes, resolve_paraphrase_none,
)
from ..lexicon.model import SLOT_PATTERN, UNFINISHED_SUGGESTION, Lexicon, Rule, Words



def check_files(paths: Iterable[Path], base: Lexicon | None = None, disabled: Iterable[str] = (),
                set_aside: Iterable[Rule] = ()) -> list[Diagnostic]:
    """Every problem in the given lexicon and script files (empty: all good).

    ``base`` is the lexicon the files are used with (e.g. the defaults), so that conflicts
    between a user's file and the default rules are found too: all that would stop the files loading with it
    (a rule id it has, an undefined class), and the clashes below. A file of ``base`` given again replaces its rules.
    ``disabled``: the rules the configuration turns off, which a script may still name (as loading allows);
    ``set_aside``: those rules themselves (``base`` is without them), whose ids a checked rule may not take either.
    """
    problems: list[Diagnostic] = []
    rules: list[Rule] = []
    scripts = []
    classes = dict(base.classes) if base else {}
    script_paths = []
    paraphrase_none = []
    files = toml_files(paths)
    given = {path.resolve() for path in files}
    others = [rule for rule in (base.rules if base else []) if Path(rule.origin.path).resolve() not in given]
    taken = others + [rule for rule in set_aside if Path(rule.origin.path).resolve() not in given]
    for path in files:
        if _is_script(path):
            script, script_problems = _parsed_script(path)
            problems += script_problems
            scripts += [script] if script else []
            script_paths.append(path)
            continue
        parsed, file_problems, content = parse_file(path)
        problems += file_problems + _class_warnings(path, parsed.get("classes", {}), content)
        rules += parsed.get("rules", [])
        add_classes(classes, parsed.get("classes", {}))
        paraphrase_none += parsed.get("paraphrase_none", [])
    rules, class_problems = resolve_classes(rules, classes)
    problems += class_problems + resolve_paraphrase_none(paraphrase_none, classes)[1] + duplicate_ids(taken + rules)
    if any(problem.level == "error" for problem in problems):
        return problems
    known = {rule.id for rule in rules}
    lexicon = Lexicon(others + rules, dict(base.categories_en) if base else {}, classes=classes)
    problems += (rule_problems(lexicon, known) + _script_problems(scripts, {rule.id for rule in lexicon.rules} | set(disabled))
                 + _loading_problems(script_paths))
    return sorted(problems, key=lambda d: (d.path, d.line))


def _loading_problems(paths: list[Path]) -> list[Diagnostic]:
    """What loading the scripts together with the shipped ones finds (a script extending none loaded, two defaults),
    as ``score`` would refuse them."""
    from ..scoring.scripts import ScriptError, default_script_files, load_scripts

    shipped = {path.resolve() for path in default_script_files()}
    try:
        load_scripts([path for path in paths if path.resolve() not in shipped])
    except ScriptError as error:
        return list(error.diagnostics)
    return []


def rule_problems(lexicon: Lexicon, checked: set[str]) -> list[Diagnostic]:
    """Problems of the ``checked`` rules of ``lexicon`` (judged together with all its rules); a clash of a checked
    rule with a shipped one is reported at the checked rule."""
    matcher = Matcher(lexicon)
    by_kind: dict[str, Matcher] = {}   # a matcher of each kind's rules alone, built once for the checks below
    owners = _owners(lexicon)
    shipped = {str(path) for path in default_lexicon_files()}
    mine = {rule.id for rule in lexicon.rules if rule.id in checked and rule.origin.path not in shipped}
    problems = (_duplicates(lexicon, checked, owners) + _containment(lexicon, checked, mine, by_kind)
                + _rude_courtesy(lexicon, checked, mine, by_kind) + _suggestions(matcher, lexicon, checked, mine))
    speakers = {"staff": matcher}
    for rule in (r for r in lexicon.rules if r.id in checked):
        spoken = _speaker_matcher(speakers, rule)
        problems += _never_matches(spoken, rule, owners) + _examples(spoken, rule) + _family(rule)
    return problems


def _speaker_matcher(speakers: dict[str, Matcher], rule: Rule) -> Matcher:
    """The matcher of the speech ``rule`` is about (its examples and wordings are what a resident says, for a rule of
    ``role = "resident"``), built once in ``speakers``."""
    speaker = "resident" if rule.role == "resident" else "staff"
    if speaker not in speakers:
        speakers[speaker] = Matcher(speakers["staff"].lexicon, speakers["staff"].settings, speaker)
    return speakers[speaker]


def _at(rule: Rule, message: str) -> Diagnostic:
    return Diagnostic(rule.origin.path, rule.origin.line, f"{rule.id}: {message}")


def _blamed(first: Rule, second: Rule, checked: set[str], mine: set[str]) -> Rule | None:
    """The rule a clash of two is reported at: a user's (``mine``) before a shipped one, a checked one before one that
    is not, else ``first``; None when neither is checked."""
    return (next((rule for rule in (first, second) if rule.id in mine), None)
            or next((rule for rule in (first, second) if rule.id in checked), None))


def _core(form: str) -> str:
    return normal_text(SLOT_PATTERN.sub("", form))


def _filled(text: str) -> str:
    """A wording with its slots filled by a plausible name, as real text would have it."""
    return SLOT_PATTERN.sub("社保", text)


def _owners(lexicon: Lexicon) -> dict[str, list[Rule]]:
    """The rules that write each wording (as the matcher reads it, slots aside), in lexicon order."""
    owners: dict[str, list[Rule]] = {}
    for rule in lexicon.rules:
        for form in rule.forms:
            rules = owners.setdefault(_core(form), [])
            if not rules or rules[-1] is not rule:
                rules.append(rule)
    return owners


def _duplicates(lexicon: Lexicon, checked: set[str], owners: dict[str, list[Rule]]) -> list[Diagnostic]:
    problems = []
    for rule in (r for r in lexicon.rules if r.id in checked):
        for form in rule.forms:
            first = owners[_core(form)][0]
            if first is not rule:
                problems.append(_at(rule, f"“{form}”与规则 {first.id} 重复 / duplicates a wording of {first.id}"))
    return problems


#: Matching settings for comparing wordings with each other.
LITERAL = MatchSettings(second_reading=False)


def _kind_matcher(lexicon: Lexicon, kind: str, by_kind: dict[str, Matcher]) -> Matcher:
    """A matcher of ``lexicon``'s rules of ``kind`` only, kept in ``by_kind``: it compares wordings, so the model
    does not second-read them (您好，有事快说 holds 有事快说, however courteous its greeting)."""
    if kind not in by_kind:
        by_kind[kind] = Matcher(Lexicon(lexicon.of_kind(kind), dict(lexicon.categories_en)), LITERAL)
    return by_kind[kind]


def _containment(lexicon: Lexicon, checked: set[str], mine: set[str], by_kind: dict[str, Matcher]) -> list[Diagnostic]:
    """A courtesy wording that contains a prohibited one, or the reverse (听不清楚 vs 不清楚), as the matcher
    sees it: the shorter is found in the longer (a character inside another word is not: 请 in 另请高明). The same
    wording in both is a duplicate, which :func:`_duplicates` reports."""
    forms = {kind: [(r, f, _core(f)) for r in lexicon.of_kind(kind) for f in r.forms] for kind in ("courtesy", "prohibited")}
    problems = []
    for good, good_form, good_core in forms["courtesy"]:
        for bad, bad_form, bad_core in forms["prohibited"]:
            rule = _blamed(good, bad, checked, mine)
            if rule is None or bad_core == good_core or not (bad_core in good_core or good_core in bad_core):
                continue
            inner, outer_form = (bad, good_form) if bad_core in good_core else (good, bad_form)
            if inner.id in {f.rule for f in _kind_matcher(lexicon, inner.kind, by_kind).find(_filled(outer_form))}:
                problems.append(_at(rule, f"文明用语“{good_form}”与禁用语“{bad_form}”互相包含 / "
                                          f"courtesy {good.id} and prohibited {bad.id} contain one another"))
    return problems


def _rude_courtesy(lexicon: Lexicon, checked: set[str], mine: set[str], by_kind: dict[str, Matcher]) -> list[Diagnostic]:
    """A courtesy wording in which a prohibited rule finds its expression in other words than its own
    (a family's: 您好，有事快说 holds 有事快说 by 有事 + 快说; a homophone, a variant): :func:`_containment` only
    sees wordings inside one another. Reported at the courtesy rule, or at a user's prohibited rule that finds it
    in a shipped courtesy wording."""
    prohibited = _kind_matcher(lexicon, "prohibited", by_kind)
    any_checked = any(rule.id in checked for rule in lexicon.of_kind("prohibited"))
    problems = []
    for rule in (r for r in lexicon.of_kind("courtesy") if r.id in checked or any_checked):
        for form in rule.forms:
            # an exact one is a wording inside this one: _containment says so
            for found in (found for found in prohibited.find(_filled(form)) if found.match != "exact"):
                blamed = _blamed(rule, lexicon.rule(found.rule), checked, mine)
                if blamed is rule:
                    problems.append(_at(rule, f"文明用语“{form}”里有禁用语“{found.text}”（{found.rule}） / "
                                              f"courtesy wording holds a prohibited expression ({found.rule})"))
                elif blamed is not None:
                    problems.append(_at(blamed, f"在文明用语“{form}”（{rule.id}）里找到“{found.text}” / finds a "
                                                f"prohibited expression in a courtesy wording of {rule.id}"))
    return problems


def _never_matches(matcher: Matcher, rule: Rule, owners: dict[str, list[Rule]]) -> list[Diagnostic]:
    """A wording that does not match itself in a plain sentence; one that another rule writes too is left to
    :func:`_duplicates` (only one of the two can be found there)."""
    return [_at(rule, f"“{form}”自身不会被匹配（被上下文规则或更长的规则遮蔽） / can never match: its own guards or rules hide it")
            for form in rule.forms
            if len(owners[_core(form)]) == 1 and rule.id not in {f.rule for f in matcher.find(f"好的。{_filled(form)}。")}]


def _examples(matcher: Matcher, rule: Rule) -> list[Diagnostic]:
    """A flag example the rule does not flag — unless another rule of its kind took the words the rule matches there
    on its own (a site's rule for the same words) —, and a pass example the rule flags."""
    problems = [_at_example(rule, "flag", n, f"应标出的例句未标出 / flag example not flagged: “{text}”")
                for n, text in enumerate(rule.flag) if not _flagged(matcher, rule, text)]
    problems += [_at_example(rule, "pass", n, f"不应标出的例句被标出 / pass example flagged: “{text}”")
                 for n, text in enumerate(rule.passes) if rule.id in {f.rule for f in matcher.find(text)}]
    return problems


def _at_example(rule: Rule, key: str, number: int, message: str) -> Diagnostic:
    """A problem of ``rule``'s ``number``-th ``flag`` or ``pass`` example, at its line (the rule's when not found)."""
    reader = _reader(rule.origin.path)
    if reader is None:
        return _at(rule, message)
    line = reader.find(rule.origin.line, rf'^\s*"?{key}"?\s*=')
    return Diagnostic(rule.origin.path, reader.element_line(line, number) if line else rule.origin.line,
                      f"{rule.id}: {message}")


def _reader(path: str) -> TomlReader | None:
    """A rule file read once for all its examples' lines (a file of many failing examples was read again for each)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _read(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read(path: str, _mtime_ns: int, _size: int) -> TomlReader | None:
    """The file as it is at that time and size (a file changed since is read again)."""
    try:
        return TomlReader(path, Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None


def _flagged(matcher: Matcher, rule: Rule, text: str) -> bool:
    """Whether ``rule`` flags ``text``, or matches there on its own where another rule of its kind's finding covers it."""
    found = matcher.find(text)
    if any(f.rule == rule.id for f in found):
        return True
    alone = Matcher(replace(matcher.lexicon, rules=[rule]), matcher.settings, matcher.speaker).find(text) if any(
        f.kind == rule.kind for f in found) else []
    return any(f.start < other.end and other.start < f.end for f in alone for other in found if other.kind == rule.kind)


def _suggestions(matcher: Matcher, lexicon: Lexicon, checked: set[str], mine: set[str]) -> list[Diagnostic]:
    """A prohibited rule's suggestion still unwritten, or itself prohibited: reported at the rule, or at a user's rule
    that finds its expression in a shipped rule's suggestion."""
    any_checked = any(rule.id in checked for rule in lexicon.of_kind("prohibited"))
    problems = []
    for rule, suggestion in ((r, s) for r in lexicon.of_kind("prohibited") if r.id in checked or any_checked
                             for s in dict.fromkeys((r.suggestion, *r.suggestions)) if s):   # the rule's, its alternatives'
        if suggestion == UNFINISHED_SUGGESTION:
            problems += [_at(rule, "尚未填写文明替代说法 / suggestion not written yet")] if rule.id in checked else []
            continue
        said = False
        for found in (f for f in matcher.find(_filled(suggestion)) if f.kind == "prohibited"):
            blamed = _blamed(rule, lexicon.rule(found.rule), checked, mine)
            if blamed is rule and not said:
                said = True
                problems.append(_at(rule, f"建议说法本身含禁用语“{found.text}”（{found.rule}） / the suggestion is itself "
                                          f"prohibited ({found.rule})"))
            elif blamed is not None and blamed is not rule:
                problems.append(_at(blamed, f"在规则 {rule.id} 的建议说法里找到“{found.text}” / finds a prohibited expression "
                                            f"in the suggestion of {rule.id}"))
    return problems


def _family(rule: Rule) -> list[Diagnostic]:
    """Warnings on a family's words and patterns: a word it writes itself (a class's are warned of where the class
    says them) that normalisation shortens (a filler or a stutter in it: matched as what is left), a pattern with no
    text it always contains (tried in every clause)."""
    problems = []
    for condition in (c for c in (rule.match, rule.none, rule.none_in_sentence) if c is not None):
        for word in dict.fromkeys(_written_words(condition)):
            if left := _shortened(word):
                problems.append(_warn(rule, _shortened_message(word, left)))
            if _PATTERN_SIGNS.search(word):
                problems.append(_warn(rule, f"词“{word}”按字面匹配：词组里写的是词，不是模式；要用模式请写 {{ pattern = … }} / "
                                            f"“{word}” is matched as written: a word group holds words, not patterns; "
                                            "write { pattern = … } for a pattern"))
        for regex in patterns_of(condition):
            if required_literals(regex.pattern) is None:
                problems.append(_warn(rule, f"模式 /{regex.pattern.pattern}/ 没有必含的文字，每个分句都要试一遍（较慢） / "
                                            "the pattern contains no text it always needs, so it is tried in every clause (slower)"))
            problems += _removed_warnings(rule, regex.pattern.pattern)
            if found := re.search(r"@[A-Za-z_][A-Za-z0-9_]*", regex.pattern.pattern):
                problems.append(_warn(rule, f"模式 /{regex.pattern.pattern}/ 里的“{found.group()}”按字面匹配：同义词类只能写在词组"
                                            f"（all / any 的词）里，模式里请用 (?&piece) 或写出各个词 / “{found.group()}” in a "
                                            "pattern is matched as written: name a class in a word group, not in a pattern"))
    for guard in (rule.not_before_pattern, rule.not_after_pattern):
        if guard is not None:
            problems += _removed_warnings(rule, guard.pattern)
    return problems


#: Signs of a pattern written where a word group holds words (后面(还)?排着: matched as the words 后面还排着).
_PATTERN_SIGNS = re.compile(r"[()?*+\[\]{}\\^$]")


def _written_words(condition) -> list[str]:
    """The words a condition writes itself, not those of the classes it names."""
    return [word.strip() for group in leaves_of(condition, Words) for word in group.written.split("|")
            if word.strip() and not word.strip().startswith("@")]


def _shortened(word: str) -> str | None:
    """What normalisation leaves of ``word`` when it shortens it (a filler or a stutter in it), else None."""
    left = normal_text(word)
    return left if len(left) < sum(1 for char in word if not unicodedata.category(char).startswith(("P", "Z"))) else None


def _shortened_message(word: str, left: str) -> str:
    return f"词“{word}”归一化后只剩“{left}”，按“{left}”匹配 / “{word}” normalises to “{left}” and is matched as that"


def _class_warnings(path: Path, classes: dict[str, tuple[str, ...]], content: bytes) -> list[Diagnostic]:
    """A warning at a class of the file (every rule naming it matches its words) for each of its words that
    normalisation shortens, and each that names a class (matched as written: a class holds words)."""
    reader = TomlReader(str(path), content.decode("utf-8")) if classes else None
    return [Diagnostic(str(path), reader.line("classes", None, name), f"[classes] {name}: {message}", "warning")
            for name, words in classes.items() for word in words if (message := _class_word_problem(word))]


def _class_word_problem(word: str) -> str | None:
    if word.startswith("@"):
        return (f"“{word}”按字面匹配：类不能引用另一个类，请写出其中的词 / “{word}” is matched as written: a class "
                "cannot name another class, list its words")
    return _shortened_message(word, left) if (left := _shortened(word)) else None


def removed_characters(source: str) -> str:
    """The characters of a pattern that normalisation always removes from text (the fillers 嗯啊呃哦噢): a
    pattern needing one never matches (哑巴啊 only sees 哑巴), a branch with one is dead."""
    return "".join(char for char in dict.fromkeys(source) if _always_removed(char))


@cache
def _always_removed(char: str) -> bool:
    """Whether normalisation removes the letter ``char`` wherever it stands (asked once per character)."""
    return unicodedata.category(char).startswith("L") and len(normal_text(f"一{char}二")) < 3


def _removed_warnings(rule: Rule, source: str) -> list[Diagnostic]:
    removed = removed_characters(source)
    return [_warn(rule, _removed_message(source, removed))] if removed else []


def _removed_message(source: str, removed: str) -> str:
    return (f"模式 /{source}/ 含归一化总会删去的字“{removed}”，需要它的写法永远匹配不到 / the pattern holds “{removed}”, "
            "which normalisation always removes: what needs it never matches")


def _warn(rule: Rule, message: str) -> Diagnostic:
    return Diagnostic(rule.origin.path, rule.origin.line, f"{rule.id}: {message}", "warning")


def _is_script(path: Path) -> bool:
    data, _, _ = read_toml(path, "话术文件 / script file")
    return "script" in data or "item" in data


def _parsed_script(path: Path):
    from ..scoring.scripts import parse_script_file

    return parse_script_file(path)


def _script_problems(scripts, known: set[str]) -> list[Diagnostic]:
    """What each script gets wrong, at the first line of its file that holds it: a rule the lexicon lacks (as loading
    refuses it), and a pattern holding a character normalisation always removes."""
    from ..scoring.scripts import unknown_rules

    problems = unknown_rules(scripts, known)
    for script in scripts:
        lines = Path(script.path).read_text(encoding="utf-8").splitlines()
        for source in dict.fromkeys(pattern.pattern for pattern in script.patterns()):
            if removed := removed_characters(source):
                problems.append(Diagnostic(script.path, _line_of(lines, source, unescape=True),
                                           _removed_message(source, removed), "warning"))
    return problems


def _line_of(lines: list[str], text: str, unescape: bool = False) -> int:
    """The first line (1-based) holding ``text`` (``unescape``: each line read as TOML's basic strings read it,
    ``\\\\`` as ``\\``); 0 when none does."""
    return next((n for n, line in enumerate(lines, 1) if text in (line.replace("\\\\", "\\") if unescape else line)), 0)
