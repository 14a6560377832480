"""The conditions of family rules, read from TOML: words and synonym classes combined with all,
any, at least N and not (see docs/lexicon-format.md, "Families").

In TOML a condition is written as

* a string: one word, or words separated by ``|``, or ``@class`` (a shared synonym class), mixed
  freely: ``"@you|这人"``;
* a list: any of its items;
* ``{ all = [...] }`` (every item; ``ordered = true``: one after another as listed; with
  ``gap = N`` too, each at most N characters after the one before),
  ``{ any = [...] }``, ``{ at_least = 2, of = [...] }``, ``{ not = ... }`` or ``{ pattern = "…" }``
  (a regular expression on the normalised text).

Any rule's ``none = [...]`` is a condition that cancels a match when it holds near it: anywhere in
the same line (utterance), at most :data:`phrasecheck.matching.confirm.NONE_REACH` characters away.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..normalize import normal_text
from ..rulepatterns import PatternError, compile_pattern
from .model import AllOf, AnyOf, AtLeast, Condition, NotOf, Regex, Words

#: A ^ or $ outside a character class and not escaped: the expression is anchored at a sentence's start or end.
_ANCHOR = re.compile(r"(?<!\\)(?<!\[)[$^]")

#: The keys a condition table may have, by the key that says what it is.
_SHAPES = {"all": {"all", "ordered", "gap"}, "any": {"any"}, "at_least": {"at_least", "of"}, "not": {"not"},
           "pattern": {"pattern"}}

#: Reports a problem of a field (``key``, ``message``, and the element of its list at fault, when there is one).
Problem = Callable[..., None]


def parse_rule_match(table: dict, problem: Problem) -> tuple[Condition | None, Condition | None, tuple[str | None, ...]]:
    """The rule's ``match`` and ``none`` conditions (None where not given or broken), and the ``suggestion`` each table
    of a ``match`` list gives its alternative (None where it gives none)."""
    excluded = parse_field(table, "none", problem) if "none" in table else None
    if "match" not in table:
        return None, excluded, ()
    suggestions = _alternative_suggestions(table, problem)
    condition = parse_field({"match": _without_suggestions(table["match"])}, "match", problem)
    if condition is None:
        return None, excluded, suggestions
    listed = isinstance(table["match"], list)
    silent = [(n, part) for n, part in enumerate(condition.parts if listed else (condition,)) if not says_something(part)]
    for n, part in silent:
        problem("match", _SILENT_NOT if isinstance(part, NotOf) else _SILENT, n if listed else None)
    return (None if silent else condition), excluded, suggestions


def _alternative_suggestions(table: dict, problem: Problem) -> tuple[str | None, ...]:
    """The ``suggestion`` of each alternative of a ``match`` list (a table's; None for the others, and for one that is
    not words, reported); () when none has one."""
    items = table["match"] if isinstance(table["match"], list) else []
    found = []
    for n, item in enumerate(items):
        suggestion = item.get("suggestion") if isinstance(item, dict) else None
        words = isinstance(suggestion, str) and bool(suggestion.strip())
        if suggestion is not None and not words:
            problem("match", "suggestion 应为非空字符串 / suggestion must be a non-empty string", n)
        found.append(suggestion if words else None)
    return tuple(found) if any(found) else ()


def _without_suggestions(value: object) -> object:
    """A ``match`` list with its tables' ``suggestion`` keys left out (they say what to say instead, not what to find)."""
    if not isinstance(value, list):
        return value
    return [{key: part for key, part in item.items() if key != "suggestion"} if isinstance(item, dict) else item
            for item in value]


_SILENT = "条件不含任何必须出现的词，会在什么都没说时成立 / the condition requires no word: it would hold where nothing was said"
_SILENT_NOT = ("{ not = … } 单独成立时什么都不用说：应写在 all 里，与必须说到的词一起（{ all = [\"…\", { not = … }] }） / "
               "a not alone holds where nothing is said: it belongs inside an all, beside words that must be said")


def parse_field(table: dict, key: str, problem: Problem) -> Condition | None:
    """``table[key]`` as a condition; a problem of one element of a list is reported with the element's place."""
    value = table[key]
    if not isinstance(value, list) or not value:
        return parse(value, lambda message: problem(key, message))
    parts = [parse(item, lambda message, n=n: problem(key, message, n)) for n, item in enumerate(value)]
    return None if any(part is None for part in parts) else AnyOf(tuple(parts))


def parse(value: object, problem: Callable[[str], None]) -> Condition | None:
    """One condition from its TOML value; every problem is reported and the condition is None."""
    if isinstance(value, str):
        return _words(value, problem)
    if isinstance(value, list):
        parts = _parts(value, problem)
        return AnyOf(parts) if parts is not None else None
    if not isinstance(value, dict):
        problem(f"条件应为字符串、列表或表，而不是 {value!r} / a condition is a string, a list or a table")
        return None
    shape = next((key for key in _SHAPES if key in value), None)
    if shape not in (None, "all") and {"ordered", "gap"} >= set(value) - _SHAPES[shape] != set():
        problem(f"ordered 和 gap 只用于 all（{{ all = [...], ordered = true, gap = N }}），不用于 {shape} / ordered and gap "
                f"go with all, not with {shape}")
        return None
    if shape is None or set(value) - _SHAPES[shape]:
        problem(f"条件表应为 all、any、at_least/of、not 或 pattern 之一：{sorted(value)} / a condition table must be one "
                "of all, any, at_least with of, not, pattern")
        return None
    return _SHAPED[shape](value, problem)


def expand(condition: Condition, classes: dict[str, tuple[str, ...]], unknown: set[str]) -> Condition:
    """``condition`` with each ``@class`` word replaced by the class's words (names not in ``classes`` go to ``unknown``)."""
    if isinstance(condition, Words):
        words: list[str] = []
        for word in condition.words:
            if word.startswith("@"):
                members = classes.get(word[1:])
                if members is None:
                    unknown.add(word[1:])
                words += members or ()
            else:
                words.append(word)
        return Words(tuple(dict.fromkeys(words)), condition.written)
    if isinstance(condition, NotOf):
        return NotOf(expand(condition.part, classes, unknown))
    if isinstance(condition, AllOf):
        return AllOf(tuple(expand(part, classes, unknown) for part in condition.parts), condition.ordered, condition.gap)
    if isinstance(condition, AnyOf):
        return AnyOf(tuple(expand(part, classes, unknown) for part in condition.parts))
    if isinstance(condition, AtLeast):
        return AtLeast(condition.count, tuple(expand(part, classes, unknown) for part in condition.parts))
    return condition


def says_something(condition: Condition) -> bool:
    """Whether ``condition`` can only hold where some word (or pattern text) is said."""
    if isinstance(condition, (Words, Regex)):
        return True
    if isinstance(condition, NotOf):
        return False
    if isinstance(condition, AllOf):
        return any(says_something(part) for part in condition.parts)
    if isinstance(condition, AnyOf):
        return all(says_something(part) for part in condition.parts)
    return sum(says_something(part) for part in condition.parts) > len(condition.parts) - condition.count


def words_of(condition: Condition, positive: bool = True) -> list[str]:
    """Every word ``condition`` looks for; with ``positive``, only those it needs said (not those it excludes)."""
    if isinstance(condition, Words):
        return list(condition.words)
    if isinstance(condition, NotOf):
        return [] if positive else words_of(condition.part, positive)
    if isinstance(condition, Regex):
        return []
    return [word for part in condition.parts for word in words_of(part, positive)]


def patterns_of(condition: Condition) -> list[Regex]:
    """Every regular expression in ``condition``."""
    return leaves_of(condition, Regex)


def leaves_of(condition: Condition, kind: type[Words] | type[Regex]) -> list:
    """Every word group (``Words``) or regular expression (``Regex``) in ``condition``."""
    if isinstance(condition, (Words, Regex)):
        return [condition] if isinstance(condition, kind) else []
    if isinstance(condition, NotOf):
        return leaves_of(condition.part, kind)
    return [leaf for part in condition.parts for leaf in leaves_of(part, kind)]


def describe(condition: Condition) -> str:
    """The condition as a person reads it: (你|您 + 笨|蠢), 不是 …"""
    if isinstance(condition, Words):
        return condition.written
    if isinstance(condition, Regex):
        return f"/{condition.pattern.pattern}/"
    if isinstance(condition, NotOf):
        return f"非({describe(condition.part)})"
    if isinstance(condition, AllOf):
        joint = " + " if not condition.ordered else " → " if condition.gap is None else f" →≤{condition.gap} "
        return "(" + joint.join(describe(part) for part in condition.parts) + ")"
    if isinstance(condition, AnyOf):
        return describe(condition.parts[0]) if len(condition.parts) == 1 else \
            "(" + " | ".join(describe(part) for part in condition.parts) + ")"
    return f"{condition.count}≤(" + ", ".join(describe(part) for part in condition.parts) + ")"


def _words(value: str, problem: Callable[[str], None]) -> Words | None:
    words = tuple(word.strip() for word in value.split("|") if word.strip())
    empty = [word for word in words if not word.startswith("@") and not normal_text(word)]
    if not words or empty:
        problem(f"“{value}”中有去掉标点后为空的词，永远匹配不到 / has a word with nothing left to match")
        return None
    return Words(words, value)


def _parts(values: object, problem: Callable[[str], None]) -> tuple[Condition, ...] | None:
    if not isinstance(values, list) or not values:
        problem("应为非空列表 / must be a non-empty list")
        return None
    parts = [parse(value, problem) for value in values]
    return None if any(part is None for part in parts) else tuple(parts)


def _all(value: dict, problem: Callable[[str], None]) -> Condition | None:
    parts = _parts(value["all"], problem)
    ordered = value.get("ordered", False)
    if not isinstance(ordered, bool):
        problem("ordered 应为 true 或 false / ordered must be true or false")
        return None
    gap = value.get("gap")
    if gap is not None and (isinstance(gap, bool) or not isinstance(gap, int) or not 0 <= gap <= 64 or not ordered):
        problem("gap 应为 0 到 64 的整数，且只用于 ordered = true / gap must be a whole number from 0 to 64, "
                "with ordered = true")
        return None
    return AllOf(parts, ordered, gap) if parts is not None else None


def _any(value: dict, problem: Callable[[str], None]) -> Condition | None:
    parts = _parts(value["any"], problem)
    return AnyOf(parts) if parts is not None else None


def _at_least(value: dict, problem: Callable[[str], None]) -> Condition | None:
    parts = _parts(value.get("of"), problem)
    count = value["at_least"]
    if parts is not None and (isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= len(parts)):
        problem(f"at_least 应为 1 到 {len(parts)} 之间的整数 / at_least must be a whole number from 1 to the parts' count")
        return None
    return AtLeast(count, parts) if parts is not None else None


def _not(value: dict, problem: Callable[[str], None]) -> Condition | None:
    part = parse(value["not"], problem)
    return NotOf(part) if part is not None else None


def _pattern(value: dict, problem: Callable[[str], None]) -> Condition | None:
    source = value["pattern"]
    if not isinstance(source, str):
        problem("pattern 应为字符串 / must be a string")
        return None
    try:
        return Regex(compile_pattern(source), anchored=bool(_ANCHOR.search(source)))
    except PatternError as error:
        problem(f"pattern: {error}")
        return None


_SHAPED: dict[str, Callable[[dict, Callable[[str], None]], Condition | None]] = {
    "all": _all, "any": _any, "at_least": _at_least, "not": _not, "pattern": _pattern,
}
