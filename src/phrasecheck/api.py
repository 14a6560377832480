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
import re
from collections.abc import Iterable, Iterator
from itertools import chain
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .config import Config, load_config
from .enginecache import cached
from .fixer import FixedText, fix_lines, fix_text
from .lint import LintResult, lint_files, lint_text
from .matching import Matcher
from .matching.explain import Explanation, explain
from .models import Diagnostic, Exchange
from .i18n import LANGS
from .jsontext import LONE_SURROGATE
from .transcripts import ReadOptions, iter_exchanges, iter_text_exchanges
from .transcripts.given import read_given
from .transcripts.roles import role_table

if TYPE_CHECKING:
    from .scoring import ScoreCard, Scorer
    from .scoring.catalogue import Catalogue

#: A result among problems (a finding, a conversation).
T = TypeVar("T")

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
        if lang is not None and lang not in LANGS:
            raise ValueError(f"lang 应为 {' 或 '.join(LANGS)}，而不是 {lang!r} / lang must be one of {', '.join(LANGS)}, not {lang!r}")
        self.config = config or Config()
        #: Whether built rules are kept on disk and loaded from there (:mod:`phrasecheck.enginecache`).
        self.cache = cache
        self.lang = lang or self.config.lang
        self.lexicons = _paths(lexicons, "lexicons")
        self.scripts = _paths(scripts, "scripts")
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
        """The script scorer, sharing :attr:`matcher`'s rules (loaded on first use): from the disk cache even when the
        matcher already is (0.13 s, not 0.7 s to build on it), its matcher then the engine's — one set of rules."""
        loaded = self.__dict__.get("matcher")
        scorer = self._built("scorer", self.scripts, lambda: self.config.scorer_for(
            loaded or self.config.matcher(self.lexicons), self.scripts))
        self.__dict__["matcher"] = scorer.matcher
        return scorer

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

    def check(self, draft: str | os.PathLike, *, directives: bool = True) -> LintResult:
        """Prohibited, informal and courtesy phrases in a draft (text, or a file), located by line and column.
        ``directives=False`` ignores ``phrasecheck: disable`` comments in the draft (text typed by the people checked)."""
        if isinstance(_input(draft, "check()"), str):
            text, replaced = _sound(draft)
            findings, problems = _split(lint_text(self.matcher, text, "<text>", directives))
            return LintResult(findings, replaced + problems)
        return LintResult(*_split(lint_files(self.matcher, [draft], 1, directives)))

    def check_files(self, paths: Iterable[str | os.PathLike], workers: int = 1) -> LintResult:
        """Every finding of every draft file, and the files that could not be read."""
        return LintResult(*_split(self.iter_check(paths, workers)))

    def iter_check(self, paths: Iterable[str | os.PathLike], workers: int = 1):
        """Findings and problems of draft files as they are found (``workers`` > 1: matched in processes)."""
        return lint_files(self.matcher, paths, workers)

    def fix(self, text: str | list[str], unsafe: bool = False, *, name: str = "<text>") -> FixedText:
        """``text`` with each clause holding a prohibited expression rewritten as its courteous
        suggestion where that is safe (``unsafe``: the unsafe edits too); ``.text`` is the result,
        ``.applied`` the edits made, ``.left`` those left for a person (docs/lexicon-format.md).
        A list of lines (a document's paragraphs) is fixed line by line, ``.lines`` the result."""
        if not isinstance(unsafe, bool):
            raise TypeError(f"fix() 的 unsafe 应为 True 或 False（文件名请用 name=） / fix(): unsafe must be True or False, not "
                            f"{type(unsafe).__name__} (a file's name is given as name=)")
        if isinstance(text, list):
            return fix_lines(self.matcher, [_sound(_input(line, "fix()", str))[0] for line in text], name, unsafe)
        return fix_text(self.matcher, _sound(_input(text, "fix()", str))[0], name, unsafe)

    def explain(self, text: str, speaker: str = "staff") -> Explanation:
        """Why ``text`` is or is not flagged as ``speaker``'s words (``staff`` or ``resident``: the rules whose ``role``
        is that speaker or any): its normalised form, the rules that matched or came close, and what stopped each near miss."""
        if speaker not in ("staff", "resident"):
            raise ValueError(f"speaker 应为 staff 或 resident，而不是 {speaker!r} / speaker must be staff or resident, not {speaker!r}")
        text = _sound(_input(text, "explain()", str))[0]
        if speaker == "staff":
            return explain(self.matcher, text)
        return explain(Matcher(self.matcher.lexicon, self.matcher.settings, speaker), text)

    def read(self, transcript: str | os.PathLike) -> ReadResult:
        """The conversations in a transcript (text, or a file) of any supported format."""
        return ReadResult(*_split(self.iter_read(transcript)))

    def iter_read(self, transcript: str | os.PathLike) -> Iterator[Exchange | Diagnostic]:
        """Conversations of a transcript (text, or a file read as a stream) one by one, problems in reading order."""
        if isinstance(_input(transcript, "read()"), str):
            text = _sound(transcript)[0]   # the reader says where it put a �
            return chain(_file_name_warning(text), iter_text_exchanges(text, "<text>", self.read_options))
        return iter_exchanges(transcript, self.read_options)

    def score(self, exchange: Exchange | str | os.PathLike, script: str | None = None) -> ScoreCard | ScoreResult:
        """The scorecard of one conversation; for a transcript (text, or a file), a :class:`ScoreResult` of
        all its conversations.
        ``script`` forces a script (``reception``, ``phone`` or a custom name) instead of detecting it.
        An :class:`Exchange` a program built is first read as a reader's conversation would be
        (:func:`~phrasecheck.transcripts.given.read_given`: turns checked, roles and date as a file's)."""
        if isinstance(exchange, Exchange):
            return self.scorer.score(read_given(exchange, role_table(self.read_options), self.read_options), script)
        _input(exchange, "score()", str, os.PathLike, Exchange)
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


#: Text that is only a file's name (calls.json, D:\\logs\\0601.csv): passed as text where a Path was meant.
_FILE_NAME = re.compile(r"([A-Za-z]:)?[^\s:：，。,；;！？!?、]*[\\/]?[\w.\-]+\.(txt|json|jsonl|csv|tsv|srt|vtt|xlsx|docx|md)", re.IGNORECASE)
#: The longest text looked at for that: a path is short (and the pattern is not run over a long transcript).
MAX_PATH_CHARS = 260


def _file_name_warning(text: str) -> list[Diagnostic]:
    """A warning when ``text`` is only a file's name, given as text where a Path was meant."""
    name = text.strip()
    if len(text) > MAX_PATH_CHARS or not _FILE_NAME.fullmatch(name):
        return []
    return [Diagnostic("<text>", 1, f"文本“{name}”像是文件名：它被当作一段话读取；读文件请传 Path / the text “{name}” looks like a "
                                    "file name; it is read as words said: to read the file, pass a Path", "warning")]


def _input(value, call: str, *kinds: type):
    """``value`` when it is one of ``kinds`` (text or a path by default); else a TypeError naming the call (or argument)."""
    kinds = kinds or (str, os.PathLike)
    if isinstance(value, kinds):
        return value
    wanted = " or ".join("text (str)" if kind is str else "a file path (os.PathLike)" if kind is os.PathLike else kind.__name__
                         for kind in kinds)
    hint = "; decode bytes first" if isinstance(value, bytes | bytearray) else ""
    raise TypeError(f"{call} 的参数类型不对：{type(value).__name__} / {call} takes {wanted}, not {type(value).__name__}{hint}")


def _sound(text: str) -> tuple[str, list[Diagnostic]]:
    """``text`` with each lone surrogate (no character, and no encoder takes it) as U+FFFD, and a warning when any was."""
    found = LONE_SURROGATE.search(text)
    if not found:
        return text, []
    line = text.count("\n", 0, found.start()) + 1
    return LONE_SURROGATE.sub("\ufffd", text), [Diagnostic("<text>", line, "含无法编码的字符（孤立的代理项，已替换为 �） / "
                                                                             "lone surrogates (replaced by �)", "warning")]


def _paths(value: Iterable[str | os.PathLike] | str | os.PathLike, name: str) -> tuple[Path, ...]:
    """Files or directories given as one path or several."""
    if isinstance(value, str | os.PathLike):
        return (Path(value),)
    return tuple(Path(_input(item, f"Engine({name}=…)")) for item in value)


def _split(items: Iterable[T | Diagnostic]) -> tuple[list[T], list[Diagnostic]]:
    """What a stream of results and problems holds, apart: the results (findings, conversations), then the problems."""
    results, problems = [], []
    for item in items:
        (problems if isinstance(item, Diagnostic) else results).append(item)
    return results, problems


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
