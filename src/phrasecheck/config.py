"""Project configuration: ``phrasecheck.toml``, found from the working directory upwards.

Every value remembers where it came from (``default`` or ``file:line``) so that
``phrasecheck config`` can show the effective configuration and its origins.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .lexicon.load import LexiconError, load_lexicon, with_overrides
from .lexicon.model import Lexicon
from .matching import Matcher, MatchSettings
from .models import SEVERITIES, Diagnostic
from .tomlfile import Table, TomlReader, read_toml
from .transcripts.options import ReadOptions

FILE_NAME = "phrasecheck.toml"
_SECTIONS = {"lang", "lexicons", "scripts", "rules", "matching", "roles", "grades"}
_RULE_KEYS = {"disable", "severity"}
_ROLE_KEYS = {"staff", "resident"}
_MATCHING = {f.name: f.type for f in fields(MatchSettings)}


class ConfigError(LexiconError):
    """A configuration file is broken; ``diagnostics`` name the file and line."""


@dataclass(frozen=True)
class Config:
    """The effective configuration. ``origins`` maps each key to ``default`` or ``file:line``."""

    lang: str = "zh"
    lexicons: tuple[Path, ...] = ()
    scripts: tuple[Path, ...] = ()
    disabled: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)
    matching: MatchSettings = MatchSettings()
    staff_labels: tuple[str, ...] = ()
    resident_labels: tuple[str, ...] = ()
    grades: dict[str, float] | None = None
    path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict)

    def lexicon(self, extra: tuple[Path, ...] | list[Path] = ()) -> Lexicon:
        """Default lexicons, the configured ones and ``extra``, with disabled and re-graded rules applied."""
        lexicon = load_lexicon([*self.lexicons, *extra])
        unknown = [(rule, origin) for names, origin in ((self.disabled, "disabled"), (self.severities, "severities"))
                   for rule in names if lexicon.rule(rule) is None]
        if unknown:
            raise ConfigError([Diagnostic(str(self.path), self._line(origin), f"没有这条规则 / no such rule: {rule}")
                               for rule, origin in unknown])
        if not (self.disabled or self.severities):
            return lexicon
        overridden = with_overrides(lexicon, self.disabled, self.severities)
        marker = ",".join([*sorted(self.disabled), *sorted(f"{k}={v}" for k, v in self.severities.items())])
        return replace(overridden, version=f"{lexicon.version}~{_short_hash(marker)}")

    def _line(self, name: str) -> int:
        """The line a value was set on (0 when it was not set by the file)."""
        return int(self.origins.get(name, "0").rsplit(":", 1)[-1] or 0)

    def matcher(self, extra: tuple[Path, ...] | list[Path] = ()) -> Matcher:
        """A matcher over :meth:`lexicon` with the configured thresholds."""
        return Matcher(self.lexicon(extra), self.matching)

    def scorer_for(self, matcher: Matcher, scripts=()):
        """A scorer over ``matcher``'s rules with the configured scripts (and ``scripts``) and grade bands."""
        from .scoring import Scorer
        from .scoring.scripts import load_scripts

        return Scorer(matcher, load_scripts([*self.scripts, *scripts]), self.grades)

    def read_options(self) -> ReadOptions:
        """How transcripts are read with the configured speaker labels."""
        return ReadOptions(staff_labels=self.staff_labels, resident_labels=self.resident_labels)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``phrasecheck.toml`` in ``start`` (default: the working directory) or above."""
    here = (start or Path.cwd()).resolve()
    return next((d / FILE_NAME for d in (here, *here.parents) if (d / FILE_NAME).is_file()), None)


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration of ``explicit``, or of the nearest file; defaults when there is none."""
    path = explicit or find_config(start)
    if path is None:
        return Config()
    data, problems, text = read_toml(Path(path), "配置文件 / configuration file")
    if problems:
        raise ConfigError(problems)
    return _Parser(Path(path), text).config(data)


class _Parser:
    """Validate one configuration file's data, collecting every problem with its line."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.reader = TomlReader(str(path), text)
        self.problems = self.reader.problems
        self.origins: dict[str, str] = {}

    def config(self, data: dict) -> Config:
        self._unknown(data, _SECTIONS, None)
        values = {
            "lang": self._lang(data),
            "lexicons": self._paths(data, "lexicons"),
            "scripts": self._paths(data, "scripts"),
            **self._rules(self.reader.table(data, "rules").data),  # a section that is no table: a problem, then {}
            "matching": self._matching(self.reader.table(data, "matching").data),
            **self._roles(self.reader.table(data, "roles").data),
            "grades": self._grades(data.get("grades")),
        }
        if self.problems:
            raise ConfigError(sorted(self.problems, key=lambda problem: problem.line))
        return Config(**values, path=self.path, origins=self.origins)

    def _problem(self, key: str, section: str | None, message: str) -> None:
        self.reader.problem(section, None, key, message)

    def _seen(self, name: str, key: str, section: str | None = None) -> None:
        self.origins[name] = f"{self.path}:{self.reader.line(section, None, key)}"

    def _unknown(self, table: dict, allowed: set[str], section: str | None) -> None:
        Table(table, self.reader, section, None).allow(allowed)

    def _lang(self, data: dict) -> str:
        lang = data.get("lang", "zh")
        if lang not in ("zh", "en"):
            self._problem("lang", None, "lang 应为 zh 或 en / lang must be zh or en")
        elif "lang" in data:
            self._seen("lang", "lang")
        return lang

    def _paths(self, data: dict, key: str) -> tuple[Path, ...]:
        value = Table(data, self.reader, None, None).texts(key)
        paths = tuple(self.path.parent / v for v in value)
        for missing in (p for p in paths if not p.exists()):
            self._problem(key, None, f"路径不存在 / no such path: {missing}")
        if value:
            self._seen(key, key)
        return paths

    def _rules(self, table: dict) -> dict:
        self._unknown(table, _RULE_KEYS, "rules")
        disabled = Table(table, self.reader, "rules", None).texts("disable")
        severities = table.get("severity", {})
        if not isinstance(severities, dict) or any(v not in SEVERITIES for v in severities.values()):
            self._problem("severity", "rules", f"severity 的值应为 {'、'.join(SEVERITIES)} / values must be one of {', '.join(SEVERITIES)}")
            severities = {}
        for name, key in (("disabled", "disable"), ("severities", "severity")):
            if key in table:
                self._seen(name, key, "rules")
        return {"disabled": tuple(disabled), "severities": dict(severities)}

    def _matching(self, table: dict) -> MatchSettings:
        self._unknown(table, set(_MATCHING), "matching")
        values = {}
        for key, value in table.items():
            if key not in _MATCHING:
                continue
            if key == "paraphrase":
                if isinstance(value, bool):
                    values[key] = value
                    self._seen(f"matching.{key}", key, "matching")
                else:
                    self._problem(key, "matching", f"{key} 应为 true 或 false / must be true or false")
                continue
            expected = int if _MATCHING[key] in (int, "int") else float
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (expected is int and not isinstance(value, int)):
                self._problem(key, "matching", f"{key} 应为数字 / must be a number")
                continue
            if expected is float and not 0 < value <= 1:
                self._problem(key, "matching", f"{key} 应在 0 到 1 之间 / must be between 0 and 1")
                continue
            values[key] = expected(value)
            self._seen(f"matching.{key}", key, "matching")
        return MatchSettings(**values)

    def _roles(self, table: dict) -> dict:
        self._unknown(table, _ROLE_KEYS, "roles")
        labels = {}
        for key in _ROLE_KEYS:
            labels[f"{key}_labels"] = value = Table(table, self.reader, "roles", None).texts(key)
            if value:
                self._seen(f"{key}_labels", key, "roles")
        return labels

    def _grades(self, table: object) -> dict[str, float] | None:
        if table is None:
            return None
        if not isinstance(table, dict) or not table or any(
                isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100 for v in table.values()):
            self._problem("grades", None, "[grades] 应为 等级 = 下限分数（0–100） / must map grade names to lower bounds 0–100")
            return None
        self._seen("grades", "grades")
        return {name: float(bound) for name, bound in table.items()}


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]
