"""Regular expressions written in rule files (lexicon guards, script patterns), compiled so that
no text can make them run away.

Python's ``re`` backtracks: ``^(.+)+\\d`` takes minutes on a 34-character turn. A pattern is written
in Python's syntax and run one of two ways:

* by ``re`` when its backtracking is bounded: no unbounded repeat (``*``, ``+``, ``{n,}``) and at
  most :data:`MAX_PATHS` ways to try a match at one position (``(您|你)好(?!像)``,
  ``.{0,12}(吗|呢)``). Its time then grows linearly with the text. Lookarounds and
  backreferences, which the shipped rules use, are only possible this way;
* by RE2 (google-re2), which matches in linear time whatever the pattern, when it is not.
  It is translated from Python's parse of the pattern, so ``\\d``, ``\\w`` and ``\\s`` keep their
  Unicode meaning (RE2's own are ASCII only). One difference remains: ``$`` does not match before
  a line break that ends the text (the texts matched, clauses and guard windows, have none).

A pattern that is neither (unbounded backtracking with a lookaround, a backreference or ``\\b``) is
refused with :class:`PatternError`, so ``lexicon check`` reports it at its line.

A rule file may name pieces of pattern it uses many times (``[pieces]``, ``offer = "给您(?!(说|讲)(过|了))"``) and
write ``(?&offer)`` for them anywhere in that file (see :func:`expand_pieces`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre
from re import _parser as sre_parse

from .models import Diagnostic

#: Most ways to try a match at one position for a pattern run by ``re`` (the shipped rules need at most 170).
MAX_PATHS = 1000
#: Python's whitespace (``str.isspace``), as an RE2 class body.
_SPACE = r"\t\n\x{b}\x{c}\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
#: Python's Unicode classes as RE2 class bodies; the negated ones only stand alone.
_CLASSES = {
    sre.CATEGORY_DIGIT: r"\p{Nd}", sre.CATEGORY_WORD: r"\p{L}\p{N}_", sre.CATEGORY_SPACE: _SPACE,
}
_NEGATED = {sre.CATEGORY_NOT_DIGIT: sre.CATEGORY_DIGIT, sre.CATEGORY_NOT_WORD: sre.CATEGORY_WORD,
            sre.CATEGORY_NOT_SPACE: sre.CATEGORY_SPACE}
_ANCHORS = {sre.AT_BEGINNING: "^", sre.AT_BEGINNING_STRING: r"\A", sre.AT_END: "$", sre.AT_END_STRING: r"\z"}
_FLAGS = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s"}


#: Where a rule file uses one of its ``[pieces]``: PCRE's call of a named group, which Python's ``re`` refuses, so
#: that no valid pattern or plain word can be mistaken for one.
PIECE_CALL = re.compile(r"\(\?&(\w*)\)")
#: What a piece may be called.
PIECE_NAME = re.compile(r"[a-z0-9_]+")


class PatternError(ValueError):
    """A pattern that is not valid, or that could run away and cannot be run in linear time."""


class LinearPattern:
    """A pattern run by RE2, with the parts of :class:`re.Pattern` that phrasecheck uses
    (``pattern`` and ``flags`` are the Python pattern's)."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, python: re.Pattern, compiled):
        self.pattern, self.flags, self._compiled = python.pattern, python.flags, compiled

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        return self._compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self._compiled.match(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator:
        return self._compiled.finditer(text, pos, endpos)

    def sub(self, replacement: str, text: str) -> str:
        return self._compiled.sub(replacement, text)

    def __reduce__(self):
        return compile_pattern, (self.pattern, bool(self.flags & re.MULTILINE))

    def __repr__(self) -> str:
        return f"LinearPattern({self.pattern!r})"


def compile_pattern(source: str, multiline: bool = False) -> re.Pattern | LinearPattern:
    """``source`` compiled to run in time linear in the text (see the module docstring); PatternError if it cannot be."""
    try:
        python = re.compile(source, re.MULTILINE if multiline else 0)
        parsed = sre_parse.parse(source, python.flags)
    except re.error as error:
        raise PatternError(f"不是有效的正则表达式 / invalid regular expression: {error}") from None
    except RecursionError:
        raise PatternError("正则表达式嵌套过深 / regular expression nested too deeply") from None
    if _paths(list(parsed)) <= MAX_PATHS:
        return python
    try:
        translated = _Translation(parsed).pattern()
    except _Untranslatable as reason:
        raise PatternError(
            f"模式可能回溯失控（有无上限的重复，或组合过多），又含 RE2 不支持的写法（{reason}）；请把重复写成有上限的"
            f" {{0,N}}，或去掉该写法 / the pattern may backtrack without bound (an unbounded repeat, or too many "
            f"combinations) and uses what RE2 cannot run ({reason}): bound its repeats, e.g. {{0,N}}, or drop that"
        ) from None
    import re2  # only for such patterns: the shipped rules do not need it, and every command starts 5 ms sooner

    options = re2.Options()
    options.log_errors = False
    try:
        return LinearPattern(python, re2.compile(translated, options))
    except re2.error as error:
        raise PatternError(f"RE2 无法运行此模式 / RE2 cannot run this pattern: {error}") from None


def expand_pieces(data: dict, text: str, path: str) -> tuple[dict, list[Diagnostic]]:
    """``data`` (a rule file's TOML) without its ``[pieces]`` table, each ``(?&name)`` in its strings replaced by
    ``(?:…)`` around the piece of that name; the problems, each at the line of ``text`` where it is."""
    pieces, problems = _pieces(data.get("pieces", {}), text, path)
    unknown: set[str] = set()

    def piece(call: re.Match) -> str:
        name = call.group(1)
        if name not in pieces:
            unknown.add(name)
        return f"(?:{pieces[name]})" if pieces.get(name) else "(?!)"  # a broken piece is reported once, at its line

    def expanded(value):
        if isinstance(value, str):
            return PIECE_CALL.sub(piece, value)
        if isinstance(value, list):
            return [expanded(item) for item in value]
        if isinstance(value, dict):
            return {key: expanded(item) for key, item in value.items()}
        return value

    data = {key: expanded(value) for key, value in data.items() if key != "pieces"}
    problems += [Diagnostic(path, _line_of(text, re.escape(f"(?&{name})")),
                            f"未定义的模式片段 (?&{name})（在本文件的 [pieces] 中定义） / "
                            f"undefined pattern piece (?&{name}) (define it in this file's [pieces])") for name in sorted(unknown)]
    return data, problems


def _pieces(table: object, text: str, path: str) -> tuple[dict[str, str | None], list[Diagnostic]]:
    """Each entry of a ``[pieces]`` table: its name and regular expression (None when broken, with a problem)."""
    if not isinstance(table, dict):
        return {}, [Diagnostic(path, _line_of(text, r"^\[pieces\]|^pieces\s*="), "[pieces] 应为 名称 = \"模式\" 的表 / "
                               "must be a table of name = \"pattern\"")]
    pieces, problems = {}, []
    table_line = _line_of(text, r"^[ \t]*\[[ \t]*pieces[ \t]*\]|^[ \t]*pieces[ \t]*=")
    for name, source in table.items():
        why = _piece_problem(name, source)
        pieces[name] = None if why else source
        if why:
            key = rf"^[ \t]*[\"']?{re.escape(name)}[\"']?[ \t]*=|[{{,][ \t]*[\"']?{re.escape(name)}[\"']?[ \t]*="
            problems.append(Diagnostic(path, _line_of(text, key, after=table_line) or table_line, f"模式片段“{name}”{why}"))
    return pieces, problems


def _piece_problem(name: str, source: object) -> str | None:
    if not PIECE_NAME.fullmatch(name):
        return "：名称只能含 a-z 0-9 _ / piece names may use only a-z 0-9 _"
    if not isinstance(source, str) or not source:
        return "应为非空的正则表达式 / must be a non-empty regular expression"
    if PIECE_CALL.search(source):
        return "不能再引用片段 / a piece cannot use another piece"
    try:
        re.compile(source)
    except re.error as error:
        return f"不是有效的正则表达式 / is not a valid regular expression: {error}"
    return None


def _line_of(text: str, pattern: str, after: int = 0) -> int:
    """The first line of ``text`` from line ``after`` on where ``pattern`` (a regular expression, ^ at each line)
    is found; 0 when none is."""
    start = _nth_line_start(text, after)
    found = re.compile(pattern, re.MULTILINE).search(text, start)
    return text.count("\n", 0, found.start()) + 1 if found else 0


def _nth_line_start(text: str, line: int) -> int:
    """Where line ``line`` (1-based; 0 or 1: the first) of ``text`` starts."""
    position = 0
    for _ in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


def multiline(pattern: re.Pattern | LinearPattern) -> re.Pattern | LinearPattern:
    """``pattern`` with ``^`` and ``$`` matching at every line, run by the same engine."""
    if isinstance(pattern, LinearPattern):
        return compile_pattern(pattern.pattern, multiline=True)
    return re.compile(pattern.pattern, pattern.flags | re.MULTILINE)


def _paths(nodes: list) -> float:
    """At most how many ways ``re`` tries to match ``nodes`` at one position (infinite for an unbounded repeat)."""
    total = 1.0
    for op, argument in nodes:
        total *= _node_paths(op, argument)
        if total > MAX_PATHS:
            return total
    return total


def _node_paths(op, argument) -> float:
    if op is sre.SUBPATTERN:
        return _paths(list(argument[3]))
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return _paths(list(argument[1]))
    if op is sre.ATOMIC_GROUP:
        return _paths(list(argument))
    if op is sre.BRANCH:
        return _branch_paths([list(branch) for branch in argument[1]])
    if op is sre.GROUPREF_EXISTS:
        return _paths(list(argument[1])) + (_paths(list(argument[2])) if argument[2] else 1)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = argument
        if high is sre.MAXREPEAT:
            return float("inf")
        each = _paths(list(body))
        if each <= 1:
            return high - low + 1
        if each > MAX_PATHS or high > MAX_PATHS:
            return float("inf")
        return sum(each ** count for count in range(low, high + 1))
    return 1.0


def _branch_paths(branches: list[list]) -> float:
    """Alternatives are tried in turn, but at one position only those starting with its character get
    past their first: ``(也|真|很)`` is one way, ``(没带|没有带|忘带)`` two."""
    paths = [_paths(branch) for branch in branches]
    firsts = [_first_chars(branch) for branch in branches]
    if any(first is None for first in firsts):
        return sum(paths)
    return max(sum(path for path, first in zip(paths, firsts) if char in first) for char in set().union(*firsts))


def _first_chars(nodes: list) -> frozenset[int] | None:
    """The characters a match of ``nodes`` can start with, when they are a few literals (else None)."""
    if not nodes:
        return None
    op, argument = nodes[0]
    if op is sre.LITERAL:
        return frozenset({argument})
    if op is sre.IN and all(item_op is sre.LITERAL for item_op, _ in argument):
        return frozenset(code for _, code in argument)
    if op is sre.SUBPATTERN and not argument[1]:
        return _first_chars(list(argument[3]))
    if op is sre.BRANCH:
        firsts = [_first_chars(list(branch)) for branch in argument[1]]
        return None if any(first is None for first in firsts) else frozenset().union(*firsts)
    return None


class _Untranslatable(Exception):
    """What RE2 cannot do that the pattern does."""


class _Translation:
    """Python's parse of a pattern written out in RE2's syntax, with Python's meaning."""

    def __init__(self, parsed):
        self.names = {number: name for name, number in parsed.state.groupdict.items()}
        self.parsed = parsed

    def pattern(self) -> str:
        return _flag_prefix(self.parsed.state.flags) + self.sequence(list(self.parsed))

    def sequence(self, nodes: list) -> str:
        return "".join(self.node(op, argument) for op, argument in nodes)

    def node(self, op, argument) -> str:
        if op is sre.LITERAL:
            return _char(argument)
        if op is sre.NOT_LITERAL:
            return f"[^{_char(argument)}]"
        if op is sre.ANY:
            return "."
        if op is sre.IN:
            return _char_class(argument)
        if op is sre.AT:
            if argument not in _ANCHORS:
                raise _Untranslatable(r"\b 单词边界 / \b word boundary")
            return _ANCHORS[argument]
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.sequence(list(branch)) for branch in argument[1]) + ")"
        if op is sre.SUBPATTERN:
            group, add_flags, del_flags, body = argument
            inner = self.sequence(list(body))
            if add_flags or del_flags:
                inner = f"(?{_flag_letters(add_flags)}-{_flag_letters(del_flags)}:{inner})".replace("-:", ":")
            if group is None:
                return f"(?:{inner})"
            return f"(?P<{self.names[group]}>{inner})" if group in self.names else f"({inner})"
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, body = argument
            bound = {(0, sre.MAXREPEAT): "*", (1, sre.MAXREPEAT): "+", (0, 1): "?"}.get((low, high))
            if bound is None:
                bound = f"{{{low},}}" if high is sre.MAXREPEAT else f"{{{low},{high}}}"
            return f"(?:{self.sequence(list(body))}){bound}{'?' if op is sre.MIN_REPEAT else ''}"
        raise _Untranslatable({
            sre.ASSERT: "环视 / lookaround", sre.ASSERT_NOT: "环视 / lookaround", sre.GROUPREF: "反向引用 / backreference",
            sre.GROUPREF_EXISTS: "条件分组 / conditional group",
        }.get(op, "占有或原子分组 / possessive or atomic group"))


def _char(code: int) -> str:
    char = chr(code)
    return char if char.isalnum() else f"\\x{{{code:x}}}"


def _char_class(items: list) -> str:
    negate = bool(items) and items[0][0] is sre.NEGATE
    parts = []
    for op, argument in items[1:] if negate else items:
        if op is sre.LITERAL:
            parts.append(_char(argument))
        elif op is sre.RANGE:
            parts.append(f"{_char(argument[0])}-{_char(argument[1])}")
        elif op is sre.CATEGORY and argument in _CLASSES:
            parts.append(_CLASSES[argument])
        elif op is sre.CATEGORY and argument in _NEGATED and len(items) == 1:
            return f"[^{_CLASSES[_NEGATED[argument]]}]"
        else:
            raise _Untranslatable(r"字符类中的 \D、\W 或 \S / \D, \W or \S inside a character class")
    return f"[{'^' if negate else ''}{''.join(parts)}]"


def _flag_prefix(flags: int) -> str:
    letters = _flag_letters(flags)
    return f"(?{letters})" if letters else ""


def _flag_letters(flags: int) -> str:
    if flags & (re.ASCII | re.LOCALE):
        raise _Untranslatable("ASCII 或 LOCALE 标志 / ASCII or LOCALE flag")
    return "".join(letter for flag, letter in _FLAGS.items() if flags & flag)
