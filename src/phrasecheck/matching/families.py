"""Family rules: a condition on words (all / any / at least N / not, synonym classes) that holds in
one clause, or within a number of characters.

The words of the family rules are found in one automaton pass (words of three or more characters
also by same-pinyin characters, so ASR's 负则 is 负责; a word of one character that opens no window is
looked up only in the windows that ask for it); then each alternative of each rule is evaluated only
around the places one of its anchor words was said: the words of the part it cannot hold without
that are the rarest in jieba's dictionary (记性 in 你 + 记性 + 差, not 你). A match is reported from its first word to its last, with the
place of each word it used (word boundaries are checked for short words; a pattern sets its own with lookarounds);
a place found with other words is another candidate, each checked on its own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..lexicon.conditions import leaves_of, words_of
from ..literals import Automaton, required_literals
from ..lexicon.model import AllOf, AnyOf, AtLeast, Condition, NotOf, Regex, Rule, Words
from ..normalize import NormalText, fold, normal_text
from .candidates import Candidate
from .compile import BARRIER_CHAR, Form, rule_form
from .settings import MatchSettings
from .words import words as word_list

#: A match: its start and end in the normalised text, and the (start, end) of each word it used.
#: A condition that holds without saying anything (a ``not``) matches with start None.
Match = tuple[int | None, int | None, tuple[tuple[int, int], ...]]
_NOTHING: Match = (None, None, ())
#: Family words this long or longer are found by same-pinyin characters too (a two-character word
#: by one same-sounding character is too often another word: 不兴 for 不行; classes list 罗嗦 beside 啰嗦).
HOMOPHONE_MIN_LENGTH = 3
#: Stands, among a family's words, for an expression whose literals are unknown: tried in every clause.
EVERYWHERE = "\x00"
#: Characters of a clause on either side of a word that a rule sees.
CLAUSE_REACH = 24
#: Places of one word looked at in one window (a window is a few dozen characters: never reached in real text).
_MOST_PLACES = 64


@dataclass(frozen=True, slots=True, eq=False)
class Family:
    """A family rule ready to evaluate: its condition on normalised words, and a form for its candidates.
    Compared and hashed by identity (a window table keyed by it must not hash the whole rule)."""

    rule: Rule
    form: Form
    condition: Condition
    words: frozenset[str]
    #: The alternatives of the condition (its ``any`` parts, or itself), each with the words one of
    #: which every match of it says: an alternative is evaluated only around those.
    branches: tuple[tuple[Condition, frozenset[str]], ...]


class Said(dict[str, list[tuple[int, int]]]):
    """Where each family word was said in one text (sorted places), and, worked out once per text,
    where any word of a word group was (a group of hundreds of words is not walked per window).

    A word of one character that opens no window (您, 我, 问: three in four of the family words found in real
    text) is not looked for in the whole text, only in the windows that ask for it (:meth:`places`)."""

    def __init__(self, places: dict[str, list[tuple[int, int]]] | None = None,
                 members: dict[int, frozenset[str]] | None = None, text: str = "",
                 looked_up: dict[int, tuple[str, ...]] | None = None):
        super().__init__(places or {})
        self._members = members or {}
        self._groups: dict[int, list[tuple[int, int]]] = {}
        self._text = text
        self._looked_up = looked_up or {}

    def places(self, words: Words, low: int, high: int) -> list[tuple[int, int]]:
        """The places in ``[low, high)`` of the words of ``words``, in order (at most :data:`_MOST_PLACES`:
        a window is a few dozen characters)."""
        places = self.group(words)
        first, last = bisect_left(places, (low, low)), bisect_right(places, (high, high))
        chars = self._looked_up.get(id(words))
        if chars:
            found = [(at, at + 1) for char in chars for at in _positions(self._text, char, low, high)]
            if found:
                return [place for place in sorted(places[first:last] + found)[:_MOST_PLACES] if place[1] <= high]
        return [place for place in places[first:min(last, first + _MOST_PLACES)] if place[1] <= high]

    def group(self, words: Words) -> list[tuple[int, int]]:
        """The sorted places of every word of ``words`` said in the text (but those looked up in windows)."""
        places = self._groups.get(id(words))
        if places is None:
            members = self._members.get(id(words))
            said = [word for word in self if word in members] if members and len(self) < len(members) else \
                [word for word in words.words if word in self]
            places = self._groups[id(words)] = sorted({place for word in said for place in self[word]})
        return places


def _positions(text: str, char: str, low: int, high: int) -> Iterator[int]:
    """Where ``char`` stands in ``text[low:high]``."""
    at = text.find(char, low, high)
    while at >= 0:
        yield at
        at = text.find(char, at + 1, high)


class Families:
    """Every family rule of a lexicon and the automata that find their words. Build once."""

    def __init__(self, rules: list[Rule], settings: MatchSettings):
        self.settings = settings
        self.families = [_family(rule) for rule in rules if rule.match is not None]
        self._everywhere = [(family, branch) for family in self.families
                            for branch, (_, anchors) in enumerate(family.branches) if EVERYWHERE in anchors]
        self._by_word: dict[str, list[tuple[Family, int]]] = defaultdict(list)
        for family in self.families:
            for branch, (_, anchors) in enumerate(family.branches):
                for word in anchors:
                    self._by_word[word].append((family, branch))
        words = sorted({word for family in self.families for word in family.words} - {EVERYWHERE})
        #: Words of one character that open no window: looked up in the windows that ask for them.
        self._in_windows = frozenset(word for word in words if len(word) == 1 and word not in self._by_word)
        searched = [word for word in words if word not in self._in_windows]
        self._plain = Automaton(searched) if searched else None
        self._plain_words = searched
        long_words = [word for word in words if len(word) >= HOMOPHONE_MIN_LENGTH and normal_text(word) == word]
        folded = [fold(word) for word in long_words]
        self._folded = Automaton(folded) if folded else None
        self._folded_words = long_words
        self._members, self._looked_up = self._word_groups()

    def _word_groups(self) -> tuple[dict[int, frozenset[str]], dict[int, tuple[str, ...]]]:
        """By each word group's id: its words, and those of them looked up in windows."""
        groups = [group for family in self.families for group in leaves_of(family.condition, Words)]
        looked_up = {id(group): tuple(word for word in group.words if word in self._in_windows) for group in groups}
        return {id(group): frozenset(group.words) for group in groups}, {key: chars for key, chars in looked_up.items() if chars}

    def __getstate__(self) -> dict:
        """Without the groups by id: ids are not kept by pickling."""
        return {key: value for key, value in self.__dict__.items() if key not in ("_members", "_looked_up")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._members, self._looked_up = self._word_groups()

    def candidates(self, text: NormalText) -> list[Candidate]:
        """The matches of every family rule in ``text``, as candidates to confirm."""
        if (self._plain is None and not self._everywhere) or not text.text:
            return []
        hits = self.hits(text)
        if not hits and not self._everywhere:
            return []
        found: dict[tuple, Candidate] = {}
        for family, windows in self.windows(text, hits).items():
            own = family.rule.suggestions   # alternatives with suggestions of their own: which one found it is kept
            for (low, high), branches in windows.items():
                for branch in branches:
                    for start, end, parts in evaluate(family.branches[branch][0], text, hits, low, high):
                        if start is not None and _within(family.rule, start, end, parts):
                            _add(found, family.form, start, end, parts, branch if own else None)
        return list(found.values())

    def hits(self, text: NormalText) -> Said:
        """Where each word is said: exactly, or (two characters or more) by same-pinyin characters (but the
        words looked up in windows, :class:`Said`)."""
        hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        words = self._plain_words
        for index, start, end in self._plain.overlapping(text.text) if self._plain is not None else ():
            hits[words[index]].append((start, end))  # in order: a word's places all have its length
        if self._folded is not None:
            sounded = set()
            for index, start, end in self._folded.overlapping(text.folded):
                word = self._folded_words[index]
                said = text.text[start:end]
                if said != word and sum(a != b for a, b in zip(word, said)) <= self.settings.homophone_budget(len(word)) \
                        and not _edge_in_word(text.text, start, end, word):
                    hits[word].append((start, end))
                    sounded.add(word)
            for word in sounded:
                hits[word].sort()
        return Said(hits, self._members, text.text, self._looked_up)

    def windows(self, text: NormalText, hits: Said) -> dict[Family, dict[tuple[int, int], set[int]]]:
        """For each family, the windows to evaluate it in, each with the alternatives to evaluate
        there: around each of their anchor words (or their expressions' literals) said; every
        clause for an expression without known literals."""
        windows: dict[Family, dict[tuple[int, int], set[int]]] = defaultdict(lambda: defaultdict(set))
        for word, places in hits.items():
            for family, branch in self._by_word.get(word, ()):
                for start, _ in places:
                    windows[family][window(text, start, family, family.branches[branch][0])].add(branch)
        for family, branch in self._everywhere:
            for start in (0, *text.breaks):
                if start < len(text.text):
                    windows[family][_window(text, start, family.rule.within)].add(branch)
        return windows


#: How often (in jieba's dictionary) two characters are said together to be one word that a sound-alike's
#: edge cannot cut: 现在 (34,145), 不在 (3,705), not 天在 or 你在 (0).
COMMON_WORD = 500


def _edge_in_word(text: str, start: int, end: int, word: str) -> bool:
    """Whether a sound-alike's changed first (or last) character makes a common word with the one before (after)
    it: 现在过来 is no 再过来, but 明天在来 is."""
    dictionary = word_list()
    if text[start] != word[0] and start > 0 and dictionary.frequency(text[start - 1:start + 1]) >= COMMON_WORD:
        return True
    return text[end - 1] != word[-1] and end < len(text) and dictionary.frequency(text[end - 1:end + 1]) >= COMMON_WORD


def _add(found: dict[tuple, Candidate], form: Form, start: int, end: int, parts: tuple[tuple[int, int], ...],
         alternative: int | None = None) -> None:
    """A match as a candidate, one for each set of words it was found with (another alternative, or another window,
    may find the same place with other words): each way is checked on its own (the boundaries of its short words),
    and the place is a finding when one way stands, whichever was found first — so what a line gets does not
    depend on the lines matched with it. Of alternatives with suggestions of their own that find the same words, the
    first in ``match`` is kept, whatever the order the windows came in."""
    key = (id(form), start, end, parts)
    kept = found.get(key)
    if kept is None or alternative is not None and alternative < kept.alternative:
        found[key] = Candidate(form, start, end, "family", 1.0, parts, alternative)


def _family(rule: Rule) -> Family:
    condition = normalised(rule.match)
    form = rule_form(rule)
    branches = condition.parts if isinstance(condition, AnyOf) else (condition,)
    return Family(rule, form, condition, frozenset(words_of(condition, positive=False)) | _literals(condition),
                  tuple((branch, _anchors(branch)) for branch in branches))


def _anchors(condition: Condition) -> frozenset[str]:
    """Words one of which every match of ``condition`` that says something says: of an ``all``,
    those of the part it needs said whose words are said least often (:func:`rarity`)."""
    if isinstance(condition, Words):
        return frozenset(condition.words)
    if isinstance(condition, Regex):
        return _literals(condition)
    if isinstance(condition, NotOf):
        return frozenset()
    if isinstance(condition, AllOf):
        needed = [_anchors(part) for part in condition.parts if not _silent(part)]
        return min(needed, key=rarity, default=frozenset())
    return frozenset().union(*(_anchors(part) for part in condition.parts))


def _silent(condition: Condition) -> bool:
    """Whether ``condition`` may hold with nothing said: a ``not``; an ``any`` with such a part; an
    ``all`` of such parts; an ``at least`` N with N such parts."""
    if isinstance(condition, NotOf):
        return True
    if isinstance(condition, (Words, Regex)):
        return False
    if isinstance(condition, AllOf):
        return all(map(_silent, condition.parts))
    if isinstance(condition, AtLeast):
        return sum(map(_silent, condition.parts)) >= condition.count
    return any(map(_silent, condition.parts))


def rarity(words: frozenset[str]) -> float:
    """How often one of ``words`` is said: their frequencies in jieba's dictionary (a word not in it counted once)."""
    if EVERYWHERE in words:
        return float("inf")
    dictionary = word_list()
    return sum(max(dictionary.frequency(word), 1) for word in words)


def _literals(condition: Condition) -> frozenset[str]:
    """Strings one of which each regular expression the condition needs said contains (so the
    expression is tried only where one is said); every clause, for an expression whose literals
    cannot be worked out (:data:`EVERYWHERE`)."""
    if isinstance(condition, Regex):
        return required_literals(condition.pattern) or frozenset({EVERYWHERE})
    if isinstance(condition, (Words, NotOf)):
        return frozenset()
    return frozenset().union(*(_literals(part) for part in condition.parts))


def normalised(condition: Condition) -> Condition:
    """The condition with each word as the matcher sees it (simplified, no punctuation or fillers)."""
    if isinstance(condition, Words):
        return Words(tuple(dict.fromkeys(normal_text(word) for word in condition.words)), condition.written)
    if isinstance(condition, NotOf):
        return NotOf(normalised(condition.part))
    if isinstance(condition, AllOf):
        return AllOf(tuple(map(normalised, condition.parts)), condition.ordered, condition.gap)
    if isinstance(condition, AnyOf):
        return AnyOf(tuple(map(normalised, condition.parts)))
    if isinstance(condition, AtLeast):
        return AtLeast(condition.count, tuple(map(normalised, condition.parts)))
    return condition


def window(text: NormalText, position: int, family: Family, branch: Condition) -> tuple[int, int]:
    """Where ``branch`` (an alternative) of ``family`` is evaluated around a word said at ``position``."""
    return _window(text, position, family.rule.within, _reach(branch))


def _window(text: NormalText, position: int, within: str | int, reach: int = CLAUSE_REACH) -> tuple[int, int]:
    """Where to evaluate a rule around a word said at ``position``: its clause, at most ``reach``
    characters on either side (an ASR line without punctuation is one clause); with ``within`` N,
    N characters on either side, inside the word's line."""
    if within == "clause":
        low, high = text.clause(position)
        return max(low, position - reach), min(high, position + reach)
    low, high = max(0, position - within), min(len(text.text), position + within)
    barrier = text.text.rfind(BARRIER_CHAR, low, position)
    low = barrier + 1 if barrier >= 0 else low
    barrier = text.text.find(BARRIER_CHAR, position, high)
    return low, barrier if barrier >= 0 else high


def _reach(branch: Condition) -> int:
    """How far from its anchor an alternative is evaluated in a clause: twice :data:`CLAUSE_REACH`
    for one of several parts (its other parts may lie on the far side of a part nearer the anchor),
    and what it finds is kept only where one of its words would have seen it all (:func:`_within`)."""
    return 2 * CLAUSE_REACH if isinstance(branch, (AllOf, AtLeast)) else CLAUSE_REACH


def _within(rule: Rule, start: int, end: int, parts: tuple[tuple[int, int], ...] = ()) -> bool:
    """Whether a match fits its rule: at most ``within`` characters long, or, in a clause, within
    :data:`CLAUSE_REACH` characters of one of the words it used."""
    if rule.within != "clause":
        return end - start <= rule.within
    return not parts or any(start >= at - CLAUSE_REACH and end <= at + CLAUSE_REACH for at, _ in parts)


def evaluate(condition: Condition, text: NormalText, hits: Said, low: int, high: int) -> list[Match]:
    """Every way ``condition`` holds in ``text.text[low:high]`` (an empty list: it does not)."""
    if isinstance(condition, Words):
        return _longest(hits.places(condition, low, high))
    if isinstance(condition, Regex):  # no word places: a pattern says where it may match (lookarounds)
        return _expression(condition, text, low, high)
    if isinstance(condition, NotOf):
        return [] if evaluate(condition.part, text, hits, low, high) else [_NOTHING]
    if isinstance(condition, AnyOf):
        return [match for part in condition.parts for match in evaluate(part, text, hits, low, high)]
    found = [evaluate(part, text, hits, low, high) for part in condition.parts]
    if isinstance(condition, AtLeast):
        holding = [matches for matches in found if matches]
        return _combined(_closest_subset(holding, condition.count)) if len(holding) >= condition.count else []
    if not all(found):
        return []
    return _in_order(found, condition.gap) if condition.ordered else _combined(found)


def _expression(condition: Regex, text: NormalText, low: int, high: int) -> list[Match]:
    """Where a regular expression matches in ``[low, high)``; an anchored one also in each sentence of the window,
    so that its ^ and $ hold where a sentence starts and ends too (你急什么。请您稍等 ends a sentence with 急什么,
    though the window of a rule with ``within`` runs on into the next one). Only a sentence: a comma goes on
    (你看着办吧，两个方案都行 is no 你看着办吧$)."""
    found = [(low + m.start(), low + m.end(), ()) for m in condition.pattern.finditer(text.text[low:high]) if m.end() > m.start()]
    if condition.anchored:
        for start, end in text.sentences(low, high):  # a sentence's edge beyond the window: the search above anchors there
            if (start, end) == (low, high):  # one sentence: searched already
                continue
            found += [(start + m.start(), start + m.end(), ()) for m in condition.pattern.finditer(text.text[start:end])
                      if m.end() > m.start()]
    return list(dict.fromkeys(found))


def _longest(places: list[tuple[int, int]]) -> list[Match]:
    """Each place a word of a group was said, without those inside a longer one (你 in 你们)."""
    matches, reach = [], -1
    for start, end in sorted(places, key=lambda place: (place[0], -place[1])):
        if end > reach:
            matches.append((start, end, ((start, end),)))
            reach = end
    return matches


def _combined(found: list[list[Match]]) -> list[Match]:
    """One match per match of the rarest part: with each other part's match closest to it that
    says other words (快点 cannot be both the 快点 and the hurry of 快点 + @hurry; 跟你讲 and 讲几道
    may share a character)."""
    spoken = [matches for matches in found if matches[0][0] is not None]
    if not spoken:
        return [_NOTHING]
    anchor = min(spoken, key=len)
    combined = []
    for start, end, parts in anchor:
        used = list(parts)
        for matches in spoken:
            if matches is anchor:
                continue
            apart = [m for m in matches[:_MOST_PLACES] if not _inside(m[2], used)]
            if not apart:
                break
            near = min(apart, key=lambda m: max(end, m[1]) - min(start, m[0]))
            start, end = min(start, near[0]), max(end, near[1])
            used += near[2]
        else:
            combined.append((start, end, tuple(sorted(used))))
    return combined


def _inside(places: tuple[tuple[int, int], ...], used: list[tuple[int, int]]) -> bool:
    """Whether one of ``places`` and one of the ``used`` places lies within the other (the same words said once)."""
    return any((a <= c and d <= b) or (c <= a and b <= d) for a, b in places for c, d in used)


def _in_order(found: list[list[Match]], gap: int | None = None) -> list[Match]:
    """Matches of the parts one after another, each the earliest after the one before (with ``gap``,
    at most ``gap`` characters after it: 你 + 这么 + 笨 as one phrase, not across a sentence); of those ending at
    the same place, the one starting last (别啰嗦 in 别那个别啰嗦)."""
    spoken = [sorted(matches) for matches in found if matches[0][0] is not None]
    if not spoken:
        return [_NOTHING]
    ordered: dict[int, Match] = {}
    for start, end, parts in spoken[0]:
        used, position = list(parts), end
        for matches in spoken[1:]:
            following = next((m for m in matches if m[0] >= position), None)
            if following is None or (gap is not None and following[0] - position > gap):
                break
            position = following[1]
            used += following[2]
        else:
            ordered[position] = (start, position, tuple(used))
    return list(ordered.values())


def _closest_subset(holding: list[list[Match]], count: int) -> list[list[Match]]:
    """The ``count`` parts that hold, the ones said first (enough to report where they were said)."""
    return sorted(holding, key=lambda matches: min((m[0] for m in matches if m[0] is not None), default=0))[:count]
