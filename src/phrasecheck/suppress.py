"""Inline suppression in drafts: comment lines that turn rules off and on, as linters' ``noqa`` do.

A line holding only a directive (any comment marks around it: ``#``, ``//``, ``<!-- -->``)::

    phrasecheck: disable=prohibited.shirk.not-mine,prohibited.curt.dont-know   (up to an enable)
    phrasecheck: enable=prohibited.shirk.not-mine          (or plain ``enable``: every rule back on)
    phrasecheck: disable-next-line=prohibited.curt.dont-know
    phrasecheck: disable                                    (every rule)

A directive that hides no finding is reported as a warning, so stale ones do not pile up.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import TypeVar

from .models import Diagnostic

#: A directive line: only the directive and comment marks (no word character) around it.
DIRECTIVE = re.compile(r"^\W*phrasecheck:\s*(disable-next-line|disable|enable)\s*(?:=\s*([\w.*-]+(?:\s*[,，]\s*[\w.*-]+)*))?\W*$")
#: Stands for every rule in a state.
EVERY_RULE = "*"

#: What is switched off from a line on: (rule or ``*``, the line of the directive that said so).
State = frozenset[tuple[str, int]]

#: A line as the caller gives it (a text, or what stands for a part of one).
T = TypeVar("T")


class Suppressions:
    """The directives of one file, read line by line in order; which rule is off on which line.

    The state changes only at directives, so it is kept as a list of (first line, state): memory
    grows with the directives, not the file, and a line's state is one bisection away.
    """

    def __init__(self, path: str):
        self.path = path
        self.starts: list[int] = []
        self.states: list[State] = []
        self.base: State = frozenset()
        self.declared: dict[tuple[str, int], str] = {}
        self.used: set[tuple[str, int]] = set()

    def read(self, number: int, line: str) -> None:
        """Take note of line ``number`` (1-based) if it is a directive."""
        if "phrasecheck:" not in line or not (directive := DIRECTIVE.match(line.strip())):
            return
        action, names = directive.groups()
        rules = [name.strip() for name in re.split("[,，]", names)] if names else [EVERY_RULE]
        if action == "enable":
            self.base = frozenset() if rules == [EVERY_RULE] else frozenset(e for e in self.base if e[0] not in rules)
            self._from(number + 1, self.base)
            return
        entries = frozenset((rule, number) for rule in rules)
        self.declared.update((entry, line.strip()) for entry in entries)
        if action == "disable":
            self.base |= entries
            self._from(number + 1, self.base)
        else:
            self._from(number + 1, self.base | entries)
            self._from(number + 2, self.base)

    def watch(self, lines: Iterable[tuple[int, T]]) -> Iterator[T]:
        """The lines (numbered; a text, or a long line's later piece, which holds no directive of its own line's
        start), given back as they pass, each text read for directives."""
        for number, line in lines:
            if isinstance(line, str):
                self.read(number, line)
            yield line

    def hides(self, line: int, rule: str) -> bool:
        """Whether ``rule`` is off on ``line`` (a line already read); the directive is then counted as used."""
        at = bisect_right(self.starts, line) - 1
        if at < 0:
            return False
        for entry in self.states[at]:
            if entry[0] in (rule, EVERY_RULE):
                self.used.add(entry)
                return True
        return False

    def unused(self) -> list[Diagnostic]:
        """A warning for each rule a directive named that hid nothing, in line order."""
        return [Diagnostic(self.path, line, f"“{self.declared[rule, line]}”未抑制任何发现（{rule}） / "
                                            f"suppressed nothing ({rule})", "warning")
                for rule, line in sorted(self.declared.keys() - self.used, key=lambda entry: (entry[1], entry[0]))]

    def _from(self, line: int, state: State) -> None:
        if self.starts and self.starts[-1] == line:
            self.states[-1] = state
        elif self.states and self.states[-1] == state:
            return
        else:
            self.starts.append(line)
            self.states.append(state)
