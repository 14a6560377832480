"""The library API: check drafts, fix them, read transcripts and score them, from one :class:`Engine`.

>>> from phrasecheck import Engine
>>> engine = Engine.from_config()            # the nearest phrasecheck.toml, else the defaults
>>> [f.finding.rule for f in engine.check("别啰嗦，快点讲。").findings]
['prohibited.impatient.stop-nagging']

An engine loads its lexicons, scripts and thresholds once; every call after that reuses them.
``str`` arguments are text, :class:`os.PathLike` arguments are files (``Path("-")``: standard input).
Problems with the input (a file that cannot be read, a call that cannot be scored) are returned with
the results, never raised, so one bad file loses nothing else; broken rule files raise
:class:`~phrasecheck.tomlfile.DataFileError` (:class:`~phrasecheck.lexicon.load.LexiconError`,
:class:`~phrasecheck.scoring.ScriptError`) naming each file and line.
The module functions :func:`check`, :func:`fix`, :func:`read` and :func:`score` use one engine
built from the defaults on first use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .enginecache import cached
from .fixer import FixedText, fix_lines, fix_text
from .lint import LintResult, lint_files, lint_text
from .matching import Matcher
from .matching.explain import Explanation, explain
from .models import Diagnostic, Exchange
from .transcripts import ReadOptions, iter_exchanges, iter_text_exchanges
from .transcripts.roles import role_table

if TYPE_CHECKING:
    from .scoring import ScoreCard, Scorer
    from .scoring.catalogue import Catalogue

__all__ = ["Engine", "FixedText", "ReadResult", "ScoreResult", "check", "fix", "read", "score"]


@dataclass(slots=True)
class ReadResult:
    """The conversations read from a transcript file, and the problems met on the way."""

    exchanges: list[Exchange] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class ScoreResult:
    """A scorecard for each conversation of a file, and the problems met (unreadable, unscorable)."""

    cards: list[ScoreCard] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


class Engine:
    """Everything phrasecheck does, with the rules of one configuration loaded once.

    ``lexicons`` and ``scripts`` add files or directories to the configured ones; ``lang`` (``zh`` or
    ``en``) is the language reports made from it use by default (findings themselves carry rule ids: see
    :attr:`words`); ``read_options`` says how transcripts name their speakers; ``cache`` (default on) keeps
    built rules on disk for the next process (:mod:`phrasecheck.enginecache`). The character tables and
    the word trie, which every engine of a process shares, are kept on disk too: ``PHRASECHECK_CACHE=off``
    in the environment turns all three off (:mod:`phrasecheck.diskcache`).
    """

    def __init__(self, config: Config | None = None, *, lexicons: Iterable[str | os.PathLike] = (),
                 scripts: Iterable[str | os.PathLike] = (), lang: str | None = None,
                 read_options: ReadOptions | None = None, cache: bool = True):
        self.config = config or Config()
        #: Whether built rules are kept on disk and loaded from there (:mod:`phrasecheck.enginecache`).
        self.cache = cache
        self.lang = lang or self.config.lang
        self.lexicons = tuple(Path(p) for p in lexicons)
        self.scripts = tuple(Path(p) for p in scripts)
        self.read_options = read_options or self.config.read_options()

    @classmethod
    def from_config(cls, path: str | os.PathLike | None = None, **options) -> Engine:
        """An engine for the configuration file ``path``, else the nearest ``phrasecheck.toml``, else the defaults."""
        return cls(load_config(explicit=Path(path) if path else None), **options)

    @cached_property
    def matcher(self) -> Matcher:
        """The phrase matcher (loaded on first use; the scorer's, once that is loaded)."""
        if "scorer" in self.__dict__:
            return self.scorer.matcher
        return self._built("matcher", None, lambda: self.config.matcher(self.lexicons))

    @cached_property
    def scorer(self) -> Scorer:
        """The script scorer, sharing :attr:`matcher`'s rules (loaded on first use)."""
        if "matcher" in self.__dict__:
            return self.config.scorer_for(self.matcher, self.scripts)
        return self._built("scorer", self.scripts,
                           lambda: self.config.scorer_for(self.config.matcher(self.lexicons), self.scripts))

    def _built(self, kind: str, scripts, build):
        return cached(kind, self.config, self.lexicons, scripts, build) if self.cache else build()

    @property
    def words(self) -> Catalogue:
        """What reports call each finding, by rule id, in either language: the rules', and the scripts'
        once the scorer is loaded. Findings and scorecards carry rule ids, not words."""
        if "scorer" in self.__dict__:
            return self.scorer.words
        return self._lexicon_words

    @cached_property
    def _lexicon_words(self) -> Catalogue:
        from .scoring.catalogue import Catalogue  # on use, as the scoring types are: importing the api stays light

        return Catalogue(self.matcher.lexicon, ())

    def load(self, scoring: bool = True) -> Engine:
        """Load the rules (and the scripts and speaker tables, for ``scoring``) now rather than on first
        use; raises :class:`~phrasecheck.tomlfile.DataFileError` naming each broken file and line."""
        if scoring:
            self.scorer
            role_table(self.read_options)
        self.matcher
        return self

    @property
    def version(self) -> str:
        """The version of the rules and scripts in use (recorded with every stored result)."""
        return self.scorer.version

    def check(self, draft: str | os.PathLike) -> LintResult:
        """Prohibited, informal and courtesy phrases in a draft (text, or a file), located by line and column."""
        if isinstance(draft, str):
            return LintResult(lint_text(self.matcher, draft, "<text>"))
        return self.check_files([draft])

    def check_files(self, paths: Iterable[str | os.PathLike], workers: int = 1) -> LintResult:
        """Every finding of every draft file, and the files that could not be read."""
        result = LintResult()
        for item in self.iter_check(paths, workers):
            (result.errors if isinstance(item, Diagnostic) else result.findings).append(item)
        return result

    def iter_check(self, paths: Iterable[str | os.PathLike], workers: int = 1):
        """Findings and problems of draft files as they are found (``workers`` > 1: matched in processes)."""
        return lint_files(self.matcher, paths, workers)

    def fix(self, text: str | list[str], name: str = "<text>", unsafe: bool = False) -> FixedText:
        """``text`` with each clause holding a prohibited expression rewritten as its courteous
        suggestion where that is safe (``unsafe``: the unsafe edits too); ``.text`` is the result,
        ``.applied`` the edits made, ``.left`` those left for a person (docs/lexicon-format.md).
        A list of lines (a document's paragraphs) is fixed line by line, ``.lines`` the result."""
        if isinstance(text, list):
            return fix_lines(self.matcher, text, name, unsafe)
        return fix_text(self.matcher, text, name, unsafe)

    def explain(self, text: str, speaker: str = "staff") -> Explanation:
        """Why ``text`` is or is not flagged as ``speaker``'s words (``staff`` or ``resident``: the rules whose ``role``
        is that speaker or any): its normalised form, the rules that matched or came close, and what stopped each near miss."""
        if speaker == "staff":
            return explain(self.matcher, text)
        return explain(Matcher(self.matcher.lexicon, self.matcher.settings, speaker), text)

    def read(self, transcript: str | os.PathLike) -> ReadResult:
        """The conversations in a transcript (text, or a file) of any supported format."""
        result = ReadResult()
        for item in self.iter_read(transcript):
            (result.problems if isinstance(item, Diagnostic) else result.exchanges).append(item)
        return result

    def iter_read(self, transcript: str | os.PathLike) -> Iterator[Exchange | Diagnostic]:
        """Conversations of a transcript (text, or a file read as a stream) one by one, problems in reading order."""
        if isinstance(transcript, str):
            return iter_text_exchanges(transcript, "<text>", self.read_options)
        return iter_exchanges(transcript, self.read_options)

    def score(self, exchange: Exchange | str | os.PathLike, script: str | None = None) -> ScoreCard | ScoreResult:
        """The scorecard of one conversation; for a transcript (text, or a file), a :class:`ScoreResult` of
        all its conversations.
        ``script`` forces a script (``reception``, ``phone`` or a custom name) instead of detecting it."""
        if isinstance(exchange, Exchange):
            return self.scorer.score(exchange, script)
        result = ScoreResult()
        for item in self.iter_read(exchange):
            if isinstance(item, Diagnostic):
                result.problems.append(item)
            else:
                result.cards.append(self.scorer.score(item, script))
        return result

    def score_files(self, paths: Iterable[str | os.PathLike], script: str | None = None) -> ScoreResult:
        """Scorecards of every conversation in every transcript; unreadable input becomes a problem, not a stop."""
        result = ScoreResult()
        for path in paths:
            scored = self.score(Path(path), script)
            result.cards += scored.cards
            result.problems += scored.problems
        return result


@cache
def default_engine() -> Engine:
    """The engine of the module functions: the defaults (no configuration file), built on first use."""
    return Engine()


def check(draft: str | os.PathLike) -> LintResult:
    """:meth:`Engine.check` with the default rules."""
    return default_engine().check(draft)


def fix(text: str, unsafe: bool = False) -> FixedText:
    """:meth:`Engine.fix` with the default rules."""
    return default_engine().fix(text, unsafe=unsafe)


def read(transcript: str | os.PathLike) -> ReadResult:
    """:meth:`Engine.read` with the default speaker labels."""
    return default_engine().read(transcript)


def score(exchange: Exchange | str | os.PathLike, script: str | None = None) -> ScoreCard | ScoreResult:
    """:meth:`Engine.score` with the default rules and scripts."""
    return default_engine().score(exchange, script)
